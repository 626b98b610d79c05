# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels of the numbers' scan and the figures stage (optional: :mod:`reader.core.align.compiled`).

Each does exactly what the pure-Python code it is named after does, with the same result (the
tests run both on the same inputs): :func:`candidates` is ``reader.core.numbers._candidates``
for a text whose lower case keeps its length (where a numeric expression may start, in one pass
over the characters instead of two searches over the text; the pattern of what may stand before
digits searched only where one of the letters or signs it needs stands in the 16 characters
before them), :func:`sentence_words` the words and clause marks of
``reader.core.figures.lexicon.sentence_words``, :func:`sentence_bounds` the sentences of
``reader.core.figures.mentions.sentences`` and :func:`context_side` one side of the loop of
``reader.core.figures.phrases._context``.
"""

from cpython.unicode cimport Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE
from libc.math cimport pow

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil

cdef extern from *:
    """
    #ifndef PARALLAX_KERNEL_SOURCE
    #define PARALLAX_KERNEL_SOURCE ""
    #endif
    """
    const char* PARALLAX_KERNEL_SOURCE

SOURCE = PARALLAX_KERNEL_SOURCE.decode("ascii")
"""The digest of the ``.pyx`` this module was built from (:func:`reader.core.align.compiled.source_digest`,
given by setup.py): :func:`reader.core.align.compiled.load` refuses a module built from other source."""


cdef inline bint _digit(Py_UCS4 ch):
    if ch < 128:
        return 48 <= ch <= 57
    return Py_UNICODE_ISDECIMAL(ch)


cdef inline bint _plain_before(Py_UCS4 ch):
    # _PLAIN_BEFORE: ( \n " ' - – , ; : /
    return (ch == 40 or ch == 10 or ch == 34 or ch == 39 or ch == 45 or ch == 0x2013 or ch == 44
            or ch == 59 or ch == 58 or ch == 47)


cdef inline unsigned int _fold(Py_UCS4 ch):
    cdef unsigned int code = <unsigned int>ch
    if 65 <= code <= 90:
        return code + 32
    return code


cdef inline bint _token(unsigned int a, unsigned int b, unsigned int c):
    """Whether ``abc`` (ASCII, lower case) starts a word the pattern before digits needs: a
    month, a currency code or ``between``."""
    cdef long key = (<long>a << 16) | (<long>b << 8) | <long>c
    return key in (
        0x6a616e, 0x666562, 0x6d6172, 0x617072, 0x6d6179, 0x6a756e, 0x6a756c, 0x617567,  # jan feb mar apr may jun jul aug
        0x736570, 0x6f6374, 0x6e6f76, 0x646563,  # sep oct nov dec
        0x757364, 0x657572, 0x676270, 0x626574,  # usd eur gbp bet(ween)
    )


cdef bint _may_stand_before(int kind, void* data, Py_ssize_t lo, Py_ssize_t hi):
    """Whether ``text[lo:hi]`` holds what any match of ``_BEFORE_DIGITS`` holds: a ``$``, a
    character outside ASCII (``€``, ``£``, ``¥``, or one that matches a letter when case is
    ignored) or, case aside, one of the three letters a month, a currency code or ``between``
    starts with."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    for i in range(lo, hi):
        ch = PyUnicode_READ(kind, data, i)
        if ch >= 128 or ch == 36:
            return True
        if i + 2 < hi and _token(_fold(ch), _fold(PyUnicode_READ(kind, data, i + 1)), _fold(PyUnicode_READ(kind, data, i + 2))):
            return True
    return False


def candidates(str text, str lower, Py_ssize_t start, Py_ssize_t end, words, const unsigned short[::1] shapes,
               before):
    """``_candidates(text, start, end)`` when ``lower`` is ``text[start:end].lower()`` of the
    same length: ``words`` the number words (lower case a-z, 3 to 15 letters), ``shapes`` for
    each three letters ``abc`` (at ``(a * 26 + b) * 26 + c``, ``a`` = 0) the lengths (bits) of
    the words they start, ``before(text, lo, hi)`` the start of the match of ``_BEFORE_DIGITS``
    in ``text[lo:hi]`` or ``None``."""
    cdef list out = []
    cdef Py_ssize_t i = start, at, last = -1, j, n = end - start
    cdef Py_UCS4 ch
    cdef unsigned int code, length
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    while i < end:
        ch = PyUnicode_READ(kind, data, i)
        if not _digit(ch):
            i += 1
            continue
        at = i
        i += 1
        while i < end and _digit(PyUnicode_READ(kind, data, i)):
            i += 1
        if last >= 0 and at <= last + 1:
            ch = PyUnicode_READ(kind, data, last)
            if ch == 44 or ch == 46:
                last = i
                continue  # the thousands of "1,300" or the decimals of "13.9"
        last = i
        back = None
        if at > start and not _plain_before(PyUnicode_READ(kind, data, at - 1)):
            j = at - 16 if at - 16 > start else start
            if _may_stand_before(kind, data, j, at):
                back = before(text, j, at)
        out.append((at, back))
    kind = PyUnicode_KIND(lower)
    data = PyUnicode_DATA(lower)
    i = 0
    while i < n:
        code = <unsigned int>PyUnicode_READ(kind, data, i)
        if not (97 <= code <= 122):
            i += 1
            continue
        at = i
        i += 1
        while i < n and 97 <= <unsigned int>PyUnicode_READ(kind, data, i) <= 122:
            i += 1
        length = <unsigned int>(i - at)
        if 3 <= length <= 15 and (shapes[((code - 97) * 26 + <unsigned int>PyUnicode_READ(kind, data, at + 1) - 97) * 26
                                         + <unsigned int>PyUnicode_READ(kind, data, at + 2) - 97] >> length) & 1 \
                and lower[at:i] in words:
            if at >= 2 and PyUnicode_READ(kind, data, at - 2) == 97 and PyUnicode_READ(kind, data, at - 1) == 32:
                out.append((start + at, start + at - 2))
            elif (at >= 3 and PyUnicode_READ(kind, data, at - 3) == 97 and PyUnicode_READ(kind, data, at - 2) == 110
                  and PyUnicode_READ(kind, data, at - 1) == 32):
                out.append((start + at, start + at - 3))
            else:
                out.append((start + at, None))
    if len(out) > 1:
        out.sort()
    return out


cdef inline bint _letter(Py_UCS4 ch):
    return 65 <= ch <= 90 or 97 <= ch <= 122


def sentence_words(str text, Py_ssize_t start, Py_ssize_t end):
    """The words of ``text[start:end]`` as the figures stage reads them (``lexicon.WORD``: an
    ASCII letter, then letters, apostrophes and hyphens), each ``(start, end, word)``, their
    starts, and where its clause marks stand (``_CLAUSE_MARK``: ``, ; : ( ) – —`` or `` - ``):
    what :class:`reader.core.figures.phrases.Sentence` finds with those patterns."""
    cdef list words = [], starts = [], marks = []
    cdef Py_ssize_t i = start, at
    cdef Py_UCS4 ch
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    while i < end:
        ch = PyUnicode_READ(kind, data, i)
        if not _letter(ch):
            i += 1
            continue
        at = i
        i += 1
        while i < end:
            ch = PyUnicode_READ(kind, data, i)
            if _letter(ch) or ch == 39 or ch == 0x2019 or ch == 45:
                i += 1
            else:
                break
        words.append((at, i, text[at:i]))
        starts.append(at)
    i = start
    while i < end:
        ch = PyUnicode_READ(kind, data, i)
        if ch == 44 or ch == 59 or ch == 58 or ch == 40 or ch == 41 or ch == 0x2013 or ch == 0x2014:
            marks.append(i)
        elif ch == 32 and i + 2 < end and PyUnicode_READ(kind, data, i + 1) == 45 and PyUnicode_READ(kind, data, i + 2) == 32:
            marks.append(i)
            i += 3
            continue
        i += 1
    return words, starts, marks


cdef inline bint _space(Py_UCS4 ch):
    return Py_UNICODE_ISSPACE(ch)


def sentence_bounds(str text, abbreviations):
    """``list(reader.core.figures.mentions.sentences(text))``: the sentences of ``text``, ending
    at ``[.!?]["')]*\\s+`` before what may start a sentence (``["'(]?[A-Z0-9]``, the quotation
    marks straight or curly) or at a line break with the white space after it, except after
    one of ``abbreviations`` or an initial."""
    cdef list out = []
    cdef Py_ssize_t n = len(text), i = 0, at, j, pos = 0, space
    cdef Py_UCS4 ch
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    while i < n:
        ch = PyUnicode_READ(kind, data, i)
        at = i
        if ch == 10:
            j = i + 1
            while j < n and _space(PyUnicode_READ(kind, data, j)):
                j += 1
        elif ch == 46 or ch == 33 or ch == 63:
            j = i + 1
            while j < n:
                ch = PyUnicode_READ(kind, data, j)
                if ch == 34 or ch == 39 or ch == 0x201d or ch == 0x2019 or ch == 41:
                    j += 1
                else:
                    break
            space = j
            while j < n and _space(PyUnicode_READ(kind, data, j)):
                j += 1
            if j == space or j >= n:
                i += 1
                continue
            ch = PyUnicode_READ(kind, data, j)
            if ch == 34 or ch == 39 or ch == 0x201c or ch == 0x2018 or ch == 40:
                if j + 1 >= n:
                    i += 1
                    continue
                ch = PyUnicode_READ(kind, data, j + 1)
            if not (65 <= ch <= 90 or 48 <= ch <= 57):
                i += 1
                continue
            if PyUnicode_READ(kind, data, at) == 46:
                word = text[text.rfind(" ", 0, at) + 1 : at].lstrip("(\"'\u201c")
                if word in abbreviations or (len(word) == 1 and word.isupper()):
                    i = j
                    continue  # "Mr. Smith", "Jan. 4", "H. Ross Perot"
        else:
            i += 1
            continue
        if at > pos:
            out.append((pos, at + (0 if PyUnicode_READ(kind, data, at) == 10 else 1)))
        pos = j
        i = j
    if pos < n:
        out.append((pos, n))
    return out


def context_side(list keys, list clauses, list words, Py_ssize_t first, Py_ssize_t stop, Py_ssize_t step,
                 Py_ssize_t reference, int side, skipped, list nearness, double other_clause, dict weights,
                 dict written):
    """One side of ``reader.core.figures.phrases._context``'s loop: the words at ``range(first,
    stop, step)`` of a sentence (``keys``, ``clauses`` and ``words`` as ``Sentence`` has them),
    those in ``skipped`` left out, each word with a key weighed by its distance from the number
    and the clause marks between (``reference`` those before the number's edge; ``side`` -1
    before it, 1 after), kept in ``weights`` and ``written`` where it weighs more than what
    they hold."""
    cdef Py_ssize_t i = first, distance = 0, crossed
    cdef double weight
    cdef bint skipping = bool(skipped)
    while (step > 0 and i < stop) or (step < 0 and i > stop):
        if skipping and i in skipped:  # inside an attribution
            i += step
            continue
        distance += 1
        key = keys[i]
        if key is not None:
            crossed = reference - <Py_ssize_t>clauses[i] if side < 0 else <Py_ssize_t>clauses[i] - reference
            weight = (pow(other_clause, <double>crossed) if crossed > 0 else 1.0) / <double>nearness[distance]
            if weight > <double>weights.get(key, 0.0):  # (a weight of 0.0, far past clause marks, is no word)
                weights[key] = weight
                written[key] = (<tuple>words[i])[2]
        i += step
