# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled text kernels (optional: :mod:`reader.core.align.compiled`): the tokeniser's,
:mod:`reader.core.align.tokens`, and the sentence splitter's, :mod:`reader.core.align.sentences`.

:func:`split_words` finds what the tokeniser's expression (``tokens._TOKEN``, split) finds and
:func:`sentence_spans` what ``sentences.sentence_spans`` finds (its expression ``_BREAK``),
reading the text character by character, with the same results (the tests run both on the
same inputs, and check that ``re``'s ``\\w`` and ``\\d`` are the character tests used here);
:func:`hashes` hashes the words into the tokens' array.
"""

from cpython cimport array
from libc.stdint cimport int64_t
from libc.stdlib cimport free, malloc

cdef extern from *:
    """
    #ifndef PARALLAX_KERNEL_SOURCE
    #define PARALLAX_KERNEL_SOURCE ""
    #endif
    """
    const char* PARALLAX_KERNEL_SOURCE

cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISDIGIT(Py_UCS4 ch)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    void* PyList_GET_ITEM(object items, Py_ssize_t index)

SOURCE = PARALLAX_KERNEL_SOURCE.decode("ascii")
"""The digest of the ``.pyx`` this module was built from (:func:`reader.core.align.compiled.source_digest`,
given by setup.py): :func:`reader.core.align.compiled.load` refuses a module built from other source."""

import array as _array

cdef array.array _I_TEMPLATE = _array.array("i")
cdef array.array _Q_TEMPLATE = _array.array("Q")


# ----------------------------------------------------------------------------------------------
# The tokeniser's expression, character by character

cdef struct Text:
    int kind
    void* data
    Py_ssize_t size
    const unsigned char* marks  # 1 for a combining mark the expression's words hold
    Py_ssize_t n_marks


cdef inline Py_UCS4 _at(Text* t, Py_ssize_t p) noexcept:
    return PyUnicode_READ(t.kind, t.data, p)


cdef inline bint _word(Py_UCS4 c) noexcept:
    """``\\w`` of ``re`` on str: ``c.isalnum() or c == "_"`` (ASCII said quickly)."""
    if c < 128:
        return (u'a' <= c <= u'z') or (u'A' <= c <= u'Z') or (u'0' <= c <= u'9') or c == u'_'
    return Py_UNICODE_ISALNUM(c)


cdef inline bint _decimal(Py_UCS4 c) noexcept:
    """``\\d`` of ``re`` on str: ``c.isdecimal()``."""
    if c < 128:
        return u'0' <= c <= u'9'
    return Py_UNICODE_ISDECIMAL(c)


cdef inline bint _word_at(Text* t, Py_ssize_t p) noexcept:
    return 0 <= p < t.size and _word(_at(t, p))


cdef inline bint _decimal_at(Text* t, Py_ssize_t p) noexcept:
    """A decimal digit at ``p``, inside the text."""
    return 0 <= p < t.size and _decimal(_at(t, p))


cdef inline bint _inner_at(Text* t, Py_ssize_t p) noexcept:
    """A character a word goes on with: ``[\\w`` and the marks ``]``."""
    cdef Py_UCS4 c
    if p >= t.size:
        return False
    c = _at(t, p)
    return _word(c) or (c < <Py_UCS4>t.n_marks and t.marks[c])


cdef inline bint _possessive_at(Text* t, Py_ssize_t p) noexcept:
    """``'s\\b`` at ``p``."""
    return p + 1 < t.size and _at(t, p) == u"'" and _at(t, p + 1) == u's' and not _word_at(t, p + 2)


cdef Py_ssize_t _separated_number(Text* t, Py_ssize_t p) noexcept:
    """Where ``(?<!\\d)(?<!\\d,)\\d{1,3}(?:,\\d{3})+(?!\\w|,\\d)`` matched at ``p`` ends, or -1.
    Backtracking never finds another match: fewer digits first are followed by a digit, not a
    comma; fewer groups are followed by a comma and a digit."""
    cdef Py_ssize_t q = p, groups = 0
    if _decimal_at(t, p - 1) or (p >= 2 and _at(t, p - 1) == u',' and _decimal_at(t, p - 2)):
        return -1
    while q - p < 4 and _decimal_at(t, q):
        q += 1
    if q - p > 3 or q >= t.size or _at(t, q) != u',':
        return -1
    while q + 3 < t.size and _at(t, q) == u',' and _decimal_at(t, q + 1) and _decimal_at(t, q + 2) and _decimal_at(t, q + 3):
        q += 4
        groups += 1
    if groups == 0 or _word_at(t, q) or (q < t.size and _at(t, q) == u',' and _decimal_at(t, q + 1)):
        return -1
    return q


cdef Py_ssize_t _token_end(Text* t, Py_ssize_t p) noexcept:
    """Where the token the expression finds at ``p`` ends, or -1 when none starts there."""
    cdef Py_UCS4 c = _at(t, p)
    cdef Py_ssize_t q
    if _word(c):
        if _decimal(c):
            q = _separated_number(t, p)
            if q >= 0:
                return q
        # \w[\w marks]*(?:'(?!s\b)[\w marks]+)*
        q = p + 1
        while _inner_at(t, q):
            q += 1
        while q + 1 < t.size and _at(t, q) == u"'" and not _possessive_at(t, q) and _inner_at(t, q + 1):
            q += 2
            while _inner_at(t, q):
                q += 1
        return q
    if c == u"'":
        return p + 2 if _word_at(t, p - 1) and _possessive_at(t, p) else -1
    if c == u'&':
        return p + 1
    return -1


def split_words(str folded, const unsigned char[:] marks, bint arrays=False):
    """``tokens.split_words``'s first steps on the folded text: the tokens ``_TOKEN.split``
    finds (``&`` given as ``and``), their start and end offsets, and which are numbers (a
    token starting with a digit, found where ``_NUMBER_START`` matches); the offsets as lists,
    or as ``array('i')`` when ``arrays``. ``marks`` says which characters (by code point) are
    the combining marks words hold."""
    cdef Text t
    cdef Py_ssize_t p = 0, q, k, n_tokens = 0
    cdef list words = [], numbers = []
    cdef Py_UCS4 c
    cdef int* bounds
    t.kind = PyUnicode_KIND(folded)
    t.data = PyUnicode_DATA(folded)
    t.size = len(folded)
    t.marks = &marks[0] if marks.shape[0] else NULL
    t.n_marks = marks.shape[0]
    bounds = <int*>malloc(2 * (t.size + 1) * sizeof(int))  # the starts, then the ends
    if bounds == NULL:
        raise MemoryError()
    try:
        while p < t.size:
            c = _at(&t, p)
            if not (_word(c) or c == u"'" or c == u'&'):
                p += 1
                continue
            q = _token_end(&t, p)
            if q < 0:
                p += 1
                continue
            words.append("and" if c == u'&' else PyUnicode_Substring(folded, p, q))
            bounds[n_tokens] = p
            bounds[t.size + 1 + n_tokens] = q
            n_tokens += 1
            p = q
        # _NUMBER_START: a digit not after a word character; the first token starting there or
        # after, when it starts with a digit (isdigit, as the word's first character is asked).
        k = 0
        for p in range(t.size):
            if not _decimal(_at(&t, p)) or _word_at(&t, p - 1):
                continue
            while k < n_tokens and bounds[k] < p:
                k += 1
            if k < n_tokens and Py_UNICODE_ISDIGIT(_at(&t, bounds[k])):
                numbers.append(k)
        if arrays:
            starts = array.clone(_I_TEMPLATE, n_tokens, False)
            ends = array.clone(_I_TEMPLATE, n_tokens, False)
            for k in range(n_tokens):
                (<array.array>starts).data.as_ints[k] = bounds[k]
                (<array.array>ends).data.as_ints[k] = bounds[t.size + 1 + k]
        else:
            starts = [bounds[k] for k in range(n_tokens)]
            ends = [bounds[t.size + 1 + k] for k in range(n_tokens)]
    finally:
        free(bounds)
    return words, starts, ends, numbers


def hashes(list words):
    """``hash`` of each of ``words`` as an unsigned 64-bit number (``array('Q')``, as
    ``tokens.tokenize_with_hashes`` gives them)."""
    cdef Py_ssize_t k, size = len(words)
    cdef array.array out = array.clone(_Q_TEMPLATE, size, False)
    cdef int64_t* po = <int64_t*>out.data.as_ulonglongs  # 64 bits each, a Py_hash_t of 32 too
    for k in range(size):
        po[k] = <int64_t>hash(<object>PyList_GET_ITEM(words, k))
    return out


# ----------------------------------------------------------------------------------------------
# Sentences (reader.core.align.sentences)

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_1BYTE_KIND


cdef inline bint _closer(Py_UCS4 c) noexcept:
    return c == u'"' or c == u"'" or c == u'\u201d' or c == u'\u2019' or c == u')' or c == u']'


cdef inline bint _opener(Py_UCS4 c) noexcept:
    return c == u'"' or c == u"'" or c == u'\u201c' or c == u'\u2018' or c == u'(' or c == u'['


cdef inline Py_ssize_t _closers(Text* t, Py_ssize_t q) noexcept:
    while q < t.size and _closer(_at(t, q)):
        q += 1
    return q


cdef bint _starts_sentence(Text* t, Py_ssize_t q) noexcept:
    """``(?=\\s+["'\u201c\u2018(\\[]*[A-Z0-9\u00c0-\u024f])`` at ``q``."""
    cdef Py_UCS4 c
    if q >= t.size or not Py_UNICODE_ISSPACE(_at(t, q)):
        return False
    while q < t.size and Py_UNICODE_ISSPACE(_at(t, q)):
        q += 1
    while q < t.size and _opener(_at(t, q)):
        q += 1
    if q >= t.size:
        return False
    c = _at(t, q)
    return (u'A' <= c <= u'Z') or (u'0' <= c <= u'9') or (0xC0 <= c <= 0x24F)


cdef bint _line_ends(Text* t, Py_ssize_t q) noexcept:
    """``(?=\\s*\\n)`` at ``q``: the white space from ``q`` holds a line break."""
    cdef Py_UCS4 c
    while q < t.size:
        c = _at(t, q)
        if c == u'\n':
            return True
        if not Py_UNICODE_ISSPACE(c):
            return False
        q += 1
    return False


cdef Py_ssize_t _break_end(Text* t, Py_ssize_t p) noexcept:
    """Where ``sentences._BREAK`` matched at ``p`` ends, or -1 (alternatives in order; the
    optional `` ''`` first taken, then left)."""
    cdef Py_UCS4 c = _at(t, p)
    cdef Py_ssize_t r = p, q, quoted = -1
    if c == u'\n':
        q = p + 1
        while q < t.size and Py_UNICODE_ISSPACE(_at(t, q)):
            q += 1
        return q
    while r < t.size and (_at(t, r) == u'.' or _at(t, r) == u'!' or _at(t, r) == u'?'):
        r += 1
    if r + 2 < t.size and _at(t, r) == u' ' and _at(t, r + 1) == u"'" and _at(t, r + 2) == u"'":
        quoted = _closers(t, r + 3)
    q = _closers(t, r)
    if quoted >= 0 and _starts_sentence(t, quoted):
        return quoted
    if _starts_sentence(t, q):
        return q
    if quoted >= 0 and _line_ends(t, quoted):
        return quoted
    if _line_ends(t, q):
        return q
    return -1


cdef int _no_break(Text* t, str text, Py_ssize_t stop, Py_ssize_t lo, abbreviations, no_break) except -1:
    """``sentences._no_break``: worked out here for a word of ASCII characters, else asked."""
    cdef Py_ssize_t k = stop, floor = max(lo, stop - 12), a, b, i, letters = 0
    cdef Py_UCS4 c
    cdef bint dot = False, alpha = True
    cdef char buf[16]
    if _at(t, stop) != u'.':
        return 0
    while k > floor:
        c = _at(t, k - 1)
        if not (c == u'.' or c == u'_' or Py_UNICODE_ISALNUM(c)):
            break
        k -= 1
    if k == stop:
        return 0
    for i in range(k, stop):
        c = _at(t, i)
        if c >= 128:
            return 1 if no_break(text, stop, lo) else 0
        buf[i - k] = <char>(<int>c + 32 if u'A' <= c <= u'Z' else <int>c)
    a, b = 0, stop - k  # strip(".")
    while a < b and buf[a] == b'.':
        a += 1
    while b > a and buf[b - 1] == b'.':
        b -= 1
    if PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, &buf[a], b - a) in abbreviations:
        return 1
    for i in range(a, b):
        if buf[i] == b'.':
            dot = True
        else:
            letters += 1
            alpha = alpha and b'a' <= buf[i] <= b'z'
    c = _at(t, k)
    return letters <= 2 and letters > 0 and alpha and (letters == 1 or dot) and u'A' <= c <= u'Z'


cdef inline int _add(Text* t, Py_ssize_t lo, Py_ssize_t hi, list spans) except -1:
    """``sentences._add``: ``[lo, hi)`` trimmed of white space, if anything is left."""
    while lo < hi and Py_UNICODE_ISSPACE(_at(t, lo)):
        lo += 1
    while hi > lo and Py_UNICODE_ISSPACE(_at(t, hi - 1)):
        hi -= 1
    if hi > lo:
        spans.append((lo, hi))
    return 0


def sentence_spans(str text, Py_ssize_t start, Py_ssize_t end, abbreviations, no_break):
    """``sentences.sentence_spans(text, start, end)`` (``end`` given), its expression
    (``_BREAK``) matched here character by character; ``abbreviations`` and ``no_break`` are
    the module's :data:`ABBREVIATIONS` and ``_no_break`` (asked for a word not in ASCII)."""
    cdef Text t
    cdef Py_ssize_t p = start, q, pos = start
    cdef Py_UCS4 c
    cdef list spans = []
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.size = end  # the expression sees nothing past the end
    t.marks = NULL
    t.n_marks = 0
    while p < end:
        c = _at(&t, p)
        if not (c == u'.' or c == u'!' or c == u'?' or c == u'\n'):
            p += 1
            continue
        q = _break_end(&t, p)
        if q < 0:
            p += 1
            continue
        if c != u'\n' and _no_break(&t, text, p, pos, abbreviations, no_break):
            p = q
            continue
        _add(&t, pos, q, spans)
        pos = p = q
    _add(&t, pos, end, spans)
    return spans
