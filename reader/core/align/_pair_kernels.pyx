# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels of the claims stage's candidate pairs (optional: :mod:`reader.core.align.compiled`).

Each function does exactly what the pure-Python function it is named after does, with the same
arguments and the same result (the tests run both on the same inputs): :func:`pairs` is
:func:`reader.core.align.cooccur._meeting_counted`, :func:`meeting` is
:func:`reader.core.align.cooccur.meeting` and :func:`mutual_best` is
:func:`reader.core.align.pair_scores.mutual_best`. The meetings are counted on C numbers; the
scoring and the sums of weights (``math.fsum``) call the same Python code.
"""

from libc.stdlib cimport free, malloc, calloc
from libc.math cimport sqrt

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

import math


cdef int _sort_cmp(const void* a, const void* b) noexcept nogil:
    cdef Py_ssize_t x = (<Py_ssize_t*>a)[0], y = (<Py_ssize_t*>b)[0]
    return (x > y) - (x < y)


cdef extern from "stdlib.h":
    void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*) noexcept nogil) nogil


cdef class _Index:
    """The postings as C arrays: each sentence's places (a posting list and the place after it)."""

    cdef Py_ssize_t n, n_docs
    cdef Py_ssize_t* flat       # the posting lists' sentences, one list after another
    cdef Py_ssize_t* times      # per place: how many times its list counts
    cdef Py_ssize_t* ends       # per place: where its list ends in flat
    cdef Py_ssize_t* held_at    # per sentence: where its places start in held (n + 1)
    cdef Py_ssize_t* held       # per sentence's place: the place after it in its list
    cdef Py_ssize_t* doc
    cdef Py_ssize_t* partner_at  # per document: where its related documents start (n_docs + 1)
    cdef Py_ssize_t* partners
    cdef bint any_pair

    def __cinit__(self):
        self.flat = self.times = self.ends = self.held_at = self.held = self.doc = NULL
        self.partner_at = self.partners = NULL

    def __dealloc__(self):
        free(self.flat); free(self.times); free(self.ends); free(self.held_at); free(self.held)
        free(self.doc); free(self.partner_at); free(self.partners)

    cdef void build(self, postings, counts, doc_of, related) except *:
        cdef Py_ssize_t n = len(doc_of), places = 0, k, at, start, p, d, a, b, count
        cdef list others
        self.n = n
        self.doc = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        if self.doc == NULL:
            raise MemoryError()
        self.n_docs = 0
        for k in range(n):
            d = doc_of[k]
            self.doc[k] = d
            if d + 1 > self.n_docs:
                self.n_docs = d + 1
        for others in postings:
            places += len(others)
        self.flat = <Py_ssize_t*>malloc((places + 1) * sizeof(Py_ssize_t))
        self.times = <Py_ssize_t*>malloc((places + 1) * sizeof(Py_ssize_t))
        self.ends = <Py_ssize_t*>malloc((places + 1) * sizeof(Py_ssize_t))
        self.held_at = <Py_ssize_t*>calloc(n + 2, sizeof(Py_ssize_t))
        self.held = <Py_ssize_t*>malloc((places + 1) * sizeof(Py_ssize_t))
        if self.flat == NULL or self.times == NULL or self.ends == NULL or self.held_at == NULL or self.held == NULL:
            raise MemoryError()
        at = 0
        for p in range(len(postings)):
            others = postings[p]
            count = counts[p]
            start = at
            for k in range(len(others)):
                self.flat[at] = others[k]
                self.times[at] = count
                at += 1
            for k in range(start, at):
                self.ends[k] = at
            for k in range(start, at - 1):  # the last sentence of a list meets none after it
                self.held_at[self.flat[k] + 2] += 1
        for k in range(2, n + 2):
            self.held_at[k] += self.held_at[k - 1]
        for k in range(places):
            if k + 1 < self.ends[k]:
                a = self.flat[k] + 1
                self.held[self.held_at[a]] = k + 1
                self.held_at[a] += 1
        # held_at[i] .. held_at[i + 1]: the places of sentence i
        self.any_pair = related is None
        if related is None:
            return
        self.partner_at = <Py_ssize_t*>calloc(self.n_docs + 2, sizeof(Py_ssize_t))
        if self.partner_at == NULL:
            raise MemoryError()
        count = 0
        for a, b in related:
            if a < self.n_docs and b < self.n_docs and a >= 0 and b >= 0:
                self.partner_at[a + 2] += 1
                self.partner_at[b + 2] += 1
                count += 2
        for k in range(2, self.n_docs + 2):
            self.partner_at[k] += self.partner_at[k - 1]
        self.partners = <Py_ssize_t*>malloc((count + 1) * sizeof(Py_ssize_t))
        if self.partners == NULL:
            raise MemoryError()
        for a, b in related:
            if a < self.n_docs and b < self.n_docs and a >= 0 and b >= 0:
                self.partners[self.partner_at[a + 1]] = b
                self.partner_at[a + 1] += 1
                self.partners[self.partner_at[b + 1]] = a
                self.partner_at[b + 1] += 1

    cdef list met(self, Py_ssize_t min_terms):
        """The pairs ``(i, j)`` that meet, in order, as a list of C numbers ``i * n + j``."""
        cdef Py_ssize_t n = self.n, i, j, k, place, at, end, times, d, found, cur = -1, touched_n
        cdef Py_ssize_t* tally = <Py_ssize_t*>calloc(n + 1, sizeof(Py_ssize_t))
        cdef Py_ssize_t* touched = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        cdef Py_ssize_t* keep = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        cdef unsigned char* ok = <unsigned char*>calloc(self.n_docs + 1, 1)
        cdef list out = []
        try:
            if tally == NULL or touched == NULL or keep == NULL or ok == NULL:
                raise MemoryError()
            for i in range(n):
                touched_n = 0
                for k in range(self.held_at[i], self.held_at[i + 1]):
                    place = self.held[k]
                    end = self.ends[place]
                    times = self.times[place]
                    for at in range(place, end):
                        j = self.flat[at]
                        if tally[j] == 0:
                            touched[touched_n] = j
                            touched_n += 1
                        tally[j] += times
                if not touched_n:
                    continue
                d = self.doc[i]
                if not self.any_pair and d != cur:
                    if cur >= 0:
                        for k in range(self.partner_at[cur], self.partner_at[cur + 1]):
                            ok[self.partners[k]] = 0
                    for k in range(self.partner_at[d], self.partner_at[d + 1]):
                        ok[self.partners[k]] = 1
                    cur = d
                found = 0
                for k in range(touched_n):
                    j = touched[k]
                    if tally[j] >= min_terms and self.doc[j] != d and (self.any_pair or ok[self.doc[j]]):
                        keep[found] = j
                        found += 1
                    tally[j] = 0
                if found:
                    qsort(keep, found, sizeof(Py_ssize_t), _sort_cmp)
                    for k in range(found):
                        out.append(i * n + keep[k])
        finally:
            free(tally); free(touched); free(keep); free(ok)
        return out


def pairs(postings, counts, doc_of, related, Py_ssize_t min_terms):
    """``cooccur._meeting_counted``: the pairs ``(i, j)`` of sentences of two (related)
    documents that meet in ``postings`` ``min_terms`` times or more, in order."""
    cdef _Index index = _Index()
    index.build(postings, counts, doc_of, related)
    cdef Py_ssize_t n = index.n, code
    return [(code // n, code % n) for code in index.met(min_terms)]


def meeting(postings, counts, doc_of, related, Py_ssize_t min_terms, content, score):
    """``cooccur.meeting``: ``(i, j, score(content[i], content[j]))`` for the pairs that meet
    whose score is not None, ``score`` called once per pair of contents (in order of pairs)."""
    cdef _Index index = _Index()
    index.build(postings, counts, doc_of, related)
    cdef Py_ssize_t n = index.n, code, i, j, a, b, width = 1, key
    cdef list alike = list(content), out = []
    cdef dict known = {}
    for a in alike:
        if a + 1 > width:
            width = a + 1
    for code in index.met(min_terms):
        i = code // n
        j = code % n
        a = alike[i]
        b = alike[j]
        key = a * width + b
        result = known.get(key, known)
        if result is known:
            result = known[key] = score(a, b)
        if result is not None:
            out.append((i, j, result))
    return out


def mutual_best(docs, ranked, options, weights):
    """``pair_scores.mutual_best``: of the pairs ``ranked`` (best first), those whose sentences
    are each other's best partner (or score ``claim_sure``), and the pairs that only support."""
    from reader.core.align.pair_scores import Pair  # (it imports this module)

    weight = weights.__getitem__
    fsum = math.fsum
    cdef Py_ssize_t width = max(docs, default=0) + 1, i, j, sides, side, key
    cdef double other = options.claim_other, sure = options.claim_sure, support = options.claim_support
    cdef double limit, score, minus, shared_weight
    cdef list doc = list(docs), kept = [], taken
    cdef dict best = {}
    for minus, i, j, shared, shared_weight in ranked:
        sides = 0
        limit = other * shared_weight
        for side in range(2):
            key = i * width + <Py_ssize_t>doc[j] if side == 0 else j * width + <Py_ssize_t>doc[i]
            found = best.get(key)
            if found is None:
                best[key] = [shared]  # the first pair of this sentence and document
                sides += 1
                continue
            taken = <list>found
            for earlier in taken:
                if fsum(map(weight, shared & earlier)) > limit:
                    break
            else:
                taken.append(shared)
                sides += 1
        score = -minus
        if sides == 2 or score >= sure:
            kept.append(Pair(score, i, j, shared))
        elif score >= support:
            kept.append(Pair(minus, i, j, shared))  # support only
    return kept


cdef frozenset _NO_TERMS = frozenset()


cdef class Scorer:
    """``pair_scores.scorer``'s ``score``: the same rules over the same tables (built by
    ``scorer``), the figures and counts of a content read when first asked, as there."""

    cdef list bags, mass, has_figures, figures, counts, negated, denials, commons, tells, clauses, alike
    cdef double min_weight, evidence, figure_anchor, figure_score, lowest
    cdef Py_ssize_t min_terms, clause_min
    cdef object kinds, weight_of, topic, sets, figure_sets, counted, conflict, same_counted, small_figure, clause_sets

    def __init__(self, tables, limits, helpers):
        (self.bags, self.mass, self.has_figures, self.figures, self.counts, self.negated, self.denials, self.commons,
         self.tells, self.clauses, self.alike) = tables
        (self.min_weight, self.evidence, self.min_terms, self.figure_anchor, self.figure_score, self.lowest, self.kinds,
         self.clause_min) = limits
        (self.weight_of, self.topic, self.sets, self.figure_sets, self.counted, self.conflict, self.same_counted,
         self.small_figure, self.clause_sets) = helpers

    cdef double clause_mass(self, Py_ssize_t i, shared) except? -1.0:
        """``touched_mass`` of content ``i``'s clauses (read when first asked)."""
        sets = self.clauses[i]
        if sets is None:
            sets = self.clause_sets(self.alike[i])
            self.clauses[i] = sets
        if not sets:
            return self.mass[i]
        touched = [terms for terms in sets if not terms.isdisjoint(shared)]
        clauses = self.alike[i].clauses
        if len(touched) > clauses[len(clauses) - 1]:  # (no negative index: wraparound is off)
            return self.mass[i]
        return math.fsum(map(self.weight_of, _NO_TERMS.union(*touched)))

    cdef figures_of(self, Py_ssize_t i):
        found = self.figures[i]
        if found is None:
            found = self.figures[i] = self.figure_sets(self.alike[i])
        return found

    cdef counts_of(self, Py_ssize_t i):
        found = self.counts[i]
        if found is None:
            found = self.counts[i] = self.counted(self.alike[i])
        return found

    def score(self, Py_ssize_t i, Py_ssize_t j):
        cdef frozenset bi = self.bags[i], bj = self.bags[j], shared, told
        cdef object ti = self.tells[i], tj = self.tells[j], lower = None, denials_i, denials_j, negated_i, negated_j
        cdef double weight, value
        cdef bint figured, anchored, has_lower = False
        fsum = math.fsum
        shared = bi & bj
        told = ti & tj if ti and tj else _NO_TERMS  # shared & telling
        if len(shared) + len(told) < self.min_terms:
            return None
        weight = fsum(map(self.weight_of, shared))
        if (weight + fsum(map(self.weight_of, told)) if told else weight) < self.min_weight:  # a telling figure counts twice
            return None
        if len(shared) >= self.clause_min:
            lower = shared & self.commons[i] & self.commons[j]
            has_lower = True
        if has_lower and len(lower) >= self.clause_min - 1:
            value = weight / sqrt(self.clause_mass(i, shared) * self.clause_mass(j, shared))
        else:
            value = weight / sqrt(<double>self.mass[i] * <double>self.mass[j])
        if told and value < self.figure_anchor:
            value = self.figure_anchor
        denials_i, denials_j = self.denials[i], self.denials[j]
        figured = self.has_figures[i] and self.has_figures[j]
        if value < self.lowest and (
            self.figure_score < self.lowest or not ((denials_i and denials_j) or (figured and self.counts_of(i) and self.counts_of(j)))
        ):
            return None
        if figured:
            fi, fj = self.figures_of(i), self.figures_of(j)
            if fi[0] and fj[0] and self.conflict(fi, fj, self.kinds):
                return None
        negated_i, negated_j = self.negated[i], self.negated[j]
        if (negated_i and negated_i & bj) or (negated_j and negated_j & bi):
            return None
        anchored = bool(denials_i and denials_i & denials_j)
        if not anchored and figured and self.counts_of(i) and self.counts_of(j):
            anchored = self._anchors(i, j)
        if value < self.figure_score and anchored:
            value = self.figure_score
        if value < self.lowest:
            return None
        if not anchored and not told:
            if not has_lower:
                lower = shared & self.commons[i] & self.commons[j]
            if fsum(map(self.weight_of, lower - self.topic)) < self.evidence:
                return None
        return value, self.sets.setdefault(shared, shared), weight

    cdef bint _anchors(self, Py_ssize_t i, Py_ssize_t j) except -1:
        topic, small = self.topic, self.small_figure
        for f, w in self.same_counted(self.counts_of(i), self.counts_of(j)):
            if f not in topic and not (small(f) and w in topic):
                return True
        return False
