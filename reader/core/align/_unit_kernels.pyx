# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernel of the claims stage's sentences (optional: :mod:`reader.core.align.compiled`).

:func:`units` does exactly what :func:`reader.core.align.terms._units` does, with the same
arguments and the same result (the tests run both on the same inputs): the loop over a
document's sentences that gives each its terms, clauses, terms written in lower case and bag.
Its loops run on C numbers; a character's case is read as ``str.isupper`` reads it
(``Py_UNICODE_ISUPPER``, the same for every code point); the clause breaks, the coarse forms of
a figure and the unit itself are the same Python calls.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.unicode cimport Py_UNICODE_ISUPPER

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


from reader.core.align.sentences import clause_breaks


def _by_start(tuple term):
    """The order of a sentence's terms (``terms._by_start``): by their start, then by themselves."""
    return term[1], term[0]


cdef inline object _offset(int value, list table, Py_ssize_t shared):
    """``value`` as the shared int object of ``table`` when below ``shared``."""
    if value < shared:
        return table[value]
    return value


def units(
    object d,
    str text,
    list terms_of,
    const int[:] starts,
    const int[:] ends,
    list spans,
    list found,
    dict sets,
    list table,
    object unit,
    object near,
):
    """``terms._units``: the units of ``terms.sentence_units`` over the sentences ``spans``."""
    cdef Py_ssize_t n = starts.shape[0], k = 0, t0, t1, i, f = 0, nf = len(found), nt, j, nb, size = 0
    cdef Py_ssize_t shared = len(table)
    cdef long s0, s1, a
    cdef list out = [], terms, breaks, clauses, names
    cdef tuple span, term, figure
    cdef str word
    cdef Py_UCS4 ch
    cdef set common
    cdef object bag, frozen, form
    cdef long* at = NULL
    cdef long* to = NULL
    cdef char* upper = NULL
    try:
        for span in spans:
            s0 = span[0]
            s1 = span[1]
            while k < n and starts[k] < s0:
                k += 1
            t0 = k
            while k < n and starts[k] < s1:
                k += 1
            t1 = k
            terms = []
            for i in range(t0, t1):
                word = <str>terms_of[i]
                if word:
                    terms.append((word, _offset(starts[i], table, shared), _offset(ends[i], table, shared)))
            while f < nf and <long>(<tuple>found[f])[0] < s0:
                f += 1
            if f < nf and <long>(<tuple>found[f])[0] < s1:
                while f < nf and <long>(<tuple>found[f])[0] < s1:
                    figure = <tuple>found[f]
                    form = figure[2]
                    terms.append((form, figure[0], figure[1]))
                    terms.extend([(coarse, figure[0], figure[1]) for coarse in near(form)])
                    f += 1
                terms.sort(key=_by_start)
            nt = len(terms)
            if nt == 0:
                continue
            if nt > size:
                PyMem_Free(at)
                PyMem_Free(to)
                PyMem_Free(upper)
                size = 2 * nt
                at = <long*>PyMem_Malloc(size * sizeof(long))
                to = <long*>PyMem_Malloc(size * sizeof(long))
                upper = <char*>PyMem_Malloc(size)
                if at == NULL or to == NULL or upper == NULL:
                    raise MemoryError()
            names = []
            for i in range(nt):
                term = <tuple>terms[i]
                names.append(term[0])
                at[i] = term[1]
                to[i] = term[2]
                ch = text[at[i]]
                upper[i] = Py_UNICODE_ISUPPER(ch)
            breaks = clause_breaks(text, span[0], span[1])
            if breaks:
                nb = len(breaks)
                j = 0
                clauses = []
                for i in range(nt):
                    a = at[i]
                    while j < nb and <long>breaks[j] <= a:
                        j += 1
                    clauses.append(j)
                clause_of = tuple(clauses)
            else:
                clause_of = ()
            # The terms written in lower case, not as a title between two names (terms._common).
            common = set()
            for i in range(nt):
                if upper[i]:
                    continue
                if 0 < i < nt - 1 and at[i] >= 1:
                    if upper[i - 1] and upper[i + 1] and at[i] - to[i - 1] <= 3 and at[i + 1] - to[i] <= 3:
                        continue
                common.add(names[i])
            frozen = frozenset(common)
            bag = frozenset(names)
            if sets is not None:
                bag = sets.setdefault(bag, bag)
                frozen = sets.setdefault(frozen, frozen)
            out.append(unit(d, span[0], span[1], tuple(terms), frozen, bag, clause_of))
    finally:
        PyMem_Free(at)
        PyMem_Free(to)
        PyMem_Free(upper)
    return out
