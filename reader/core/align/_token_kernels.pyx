# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels of the prepare stage (optional: :mod:`reader.core.align.compiled`).

Each function does exactly what the pure-Python code it is named after does, with the same
result (the tests run both on the same inputs): :func:`split_words` is the tokeniser's
expression (``tokens._TOKEN``) read character by character, and :func:`grams` is
``seeds.grams_of`` with Python's own hashes of ints and tuples worked out in C.
"""

from cpython cimport array
from libc.stdint cimport int64_t, uint64_t
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

SOURCE = PARALLAX_KERNEL_SOURCE.decode("ascii")
"""The digest of the ``.pyx`` this module was built from (:func:`reader.core.align.compiled.source_digest`,
given by setup.py): :func:`reader.core.align.compiled.load` refuses a module built from other source."""

import array as _array

cdef array.array _Q_TEMPLATE = _array.array("q")


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
    """``\\w`` of ``re`` on str: ``c.isalnum() or c == "_"``."""
    return c == u'_' or Py_UNICODE_ISALNUM(c)


cdef inline bint _word_at(Text* t, Py_ssize_t p) noexcept:
    return 0 <= p < t.size and _word(_at(t, p))


cdef inline bint _decimal_at(Text* t, Py_ssize_t p) noexcept:
    """``\\d`` of ``re`` on str (a decimal digit) at ``p``, inside the text."""
    return 0 <= p < t.size and Py_UNICODE_ISDECIMAL(_at(t, p))


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
        if Py_UNICODE_ISDECIMAL(c):
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


def split_words(str folded, const unsigned char[:] marks):
    """``tokens.split_words``'s first steps on the folded text: the tokens ``_TOKEN.split``
    finds (``&`` given as ``and``), their start and end offsets, and which are numbers (a
    token starting with a digit, found where ``_NUMBER_START`` matches), as lists; ``marks``
    says which characters (by code point) are the combining marks words hold."""
    cdef Text t
    cdef Py_ssize_t p = 0, q, k
    cdef list words = [], starts = [], ends = [], numbers = []
    cdef Py_UCS4 c
    t.kind = PyUnicode_KIND(folded)
    t.data = PyUnicode_DATA(folded)
    t.size = len(folded)
    t.marks = &marks[0] if marks.shape[0] else NULL
    t.n_marks = marks.shape[0]
    while p < t.size:
        c = _at(&t, p)
        if not (_word(c) or c == u"'" or c == u'&'):
            p += 1
            continue
        q = _token_end(&t, p)
        if q < 0:
            p += 1
            continue
        if c == u'&':
            words.append("and")
        else:
            words.append(PyUnicode_Substring(folded, p, q))
        starts.append(p)
        ends.append(q)
        p = q
    # _NUMBER_START: a digit not after a word character; the first token starting there or
    # after, when it starts with a digit (isdigit, as the word's first character is asked).
    k = 0
    for p in range(t.size):
        if not Py_UNICODE_ISDECIMAL(_at(&t, p)) or _word_at(&t, p - 1):
            continue
        while k < len(starts) and <Py_ssize_t>starts[k] < p:
            k += 1
        if k < len(starts) and Py_UNICODE_ISDIGIT(_at(&t, <Py_ssize_t>starts[k])):
            numbers.append(k)
    return words, starts, ends, numbers


# ----------------------------------------------------------------------------------------------
# Python's hashes of ints and tuples of ints (CPython 3.8 on: the tests compare them with hash)

cdef uint64_t _MODULUS = (<uint64_t>1 << 61) - 1
cdef uint64_t _XXPRIME_1 = 11400714785074694791ULL
cdef uint64_t _XXPRIME_2 = 14029467366897019727ULL
cdef uint64_t _XXPRIME_5 = 2870177450012600261ULL


cdef inline int64_t _int_hash(int64_t v) noexcept:
    """``hash(v)``: ``|v|`` modulo 2**61 - 1, with the sign of ``v``; -1 becomes -2."""
    cdef uint64_t a = (<uint64_t>0 - <uint64_t>v) if v < 0 else <uint64_t>v
    cdef int64_t h = <int64_t>(a % _MODULUS)
    if v < 0:
        h = -h
    return -2 if h == -1 else h


cdef inline uint64_t _lane(uint64_t acc, int64_t v) noexcept:
    acc += <uint64_t>_int_hash(v) * _XXPRIME_2
    acc = (acc << 31) | (acc >> 33)
    return acc * _XXPRIME_1


cdef inline int64_t _tuple_end(uint64_t acc, uint64_t length) noexcept:
    acc += length ^ (_XXPRIME_5 ^ 3527539UL)
    if acc == <uint64_t>-1:
        return 1546275796
    return <int64_t>acc


def tuple_hash(tuple items):
    """``hash(items)``, a tuple of ints that fit in 64 bits (for the tests)."""
    cdef uint64_t acc = _XXPRIME_5
    for v in items:
        acc = _lane(acc, v)
    return _tuple_end(acc, len(items))


def grams(list words, list numbers, int n, stop_hashes):
    """``seeds.grams_of(words, numbers, n, stop_hashes)`` with ``hash`` for the n-grams: the
    n-gram starting at each word (``array('q')``), the number seeds, the n-grams of function
    words only; and the set of the n-grams and number seeds (``seeds._prepare``)."""
    cdef Py_ssize_t size = len(words), i, k, last
    cdef Py_ssize_t count = size - n + 1 if n > 1 else size
    cdef int64_t* w
    cdef unsigned char* stop
    cdef uint64_t acc
    cdef array.array out
    cdef int64_t* po
    cdef bint all_stop, any_stop = False
    cdef int64_t g
    cdef list extra = []
    cdef set stop_grams = set(), here
    if count < 0:
        count = 0
    out = array.clone(_Q_TEMPLATE, count, False)
    po = <int64_t*>out.data.as_longlongs
    w = <int64_t*>malloc((size + 1) * sizeof(int64_t))
    stop = <unsigned char*>malloc(size + 1)
    if w == NULL or stop == NULL:
        free(w)
        free(stop)
        raise MemoryError()
    try:
        for i in range(size):
            word = words[i]
            w[i] = word
            stop[i] = word in stop_hashes
            any_stop = any_stop or stop[i]
        for i in range(count):
            if n == 1:
                po[i] = w[i]
                continue
            acc = _XXPRIME_5
            for k in range(n):
                acc = _lane(acc, w[i + k])
            po[i] = _tuple_end(acc, n)
        if n == 1:
            for i in range(size):
                if stop[i]:
                    stop_grams.add(po[i])
        elif any_stop:
            for i in range(count):
                all_stop = True
                for k in range(n):
                    if not stop[i + k]:
                        all_stop = False
                        break
                if all_stop:
                    stop_grams.add(po[i])
        if n > 2 and numbers:
            last = size - 1
            for i in numbers:
                if i < last and not stop[i + 1]:
                    acc = _lane(_lane(_lane(_XXPRIME_5, -1), w[i]), w[i + 1])
                    g = _tuple_end(acc, 3)
                    extra.append((i, g))
    finally:
        free(w)
        free(stop)
    here = set(out)
    for i, g in extra:
        here.add(g)
    return out, extra, stop_grams, here
