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
from libc.string cimport memset
from libc.stdint cimport int64_t, uint64_t
from libc.math cimport fabs, isfinite, sqrt

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
                        out.append(<int64_t>i * n + keep[k])  # (64 bits: past 46,340 sentences on a 32-bit build)
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
    cdef Py_ssize_t n = index.n, i, j, a, b, width = 1
    cdef int64_t code, key  # (products of two counts: 64 bits on a 32-bit build too)
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
        key = <int64_t>a * width + b
        result = known.get(key, known)
        if result is known:
            result = known[key] = score(a, b)
        if result is not None:
            out.append((i, j, result))
    return out


cdef class _Best:
    """``pair_scores.mutual_best``'s loop, a pair at a time (best first): per sentence and
    document of its partners, the shared terms of its best pairs with that document so far (in
    a table of C numbers: ``sentence * width + document`` -> a place in :attr:`taken`)."""

    cdef Py_ssize_t width, mask, used
    cdef int64_t* keys
    cdef Py_ssize_t* places
    cdef list doc, taken, kept
    cdef double other, sure, support
    cdef object weight, Pair

    def __cinit__(self):
        self.keys = NULL
        self.places = NULL

    def __dealloc__(self):
        free(self.keys)
        free(self.places)

    cdef void start(self, docs, Py_ssize_t pairs, options, weights) except *:
        from reader.core.align.pair_scores import Pair  # (it imports this module)

        cdef Py_ssize_t size = 16, k
        self.Pair = Pair
        self.weight = weights.__getitem__
        self.doc = list(docs)
        self.width = max(self.doc, default=0) + 1
        self.other, self.sure, self.support = options.claim_other, options.claim_sure, options.claim_support
        self.taken, self.kept = [], []
        while size < 4 * pairs + 16:  # two keys a pair, the table at most half full
            size *= 2
        self.mask = size - 1
        self.keys = <int64_t*>malloc(size * sizeof(int64_t))
        self.places = <Py_ssize_t*>malloc(size * sizeof(Py_ssize_t))
        if self.keys == NULL or self.places == NULL:
            raise MemoryError()
        for k in range(size):
            self.keys[k] = -1

    cdef bint side(self, int64_t key, shared, double limit) except -1:
        """Whether the pair is the best of one of its sentences for the other's document so far
        (its ``shared`` terms recorded then)."""
        cdef uint64_t h = (<uint64_t>key * 0x9E3779B97F4A7C15ULL) >> 20
        cdef Py_ssize_t at = <Py_ssize_t>(h & <uint64_t>self.mask)
        cdef list taken
        while self.keys[at] != -1 and self.keys[at] != key:
            at = (at + 1) & self.mask
        if self.keys[at] == -1:  # the first pair of this sentence and document
            self.keys[at] = key
            self.places[at] = len(self.taken)
            self.taken.append(shared)
            return True
        found = self.taken[self.places[at]]
        if type(found) is list:
            taken = <list>found
        else:
            taken = [found]
            self.taken[self.places[at]] = taken
        for earlier in taken:
            if math.fsum(map(self.weight, shared & earlier)) > limit:
                return False
        taken.append(shared)
        return True

    cdef void keep(self, double minus, Py_ssize_t i, Py_ssize_t j, shared, double shared_weight) except *:
        cdef double limit = self.other * shared_weight, score = -minus
        cdef int sides = 0
        sides += self.side(<int64_t>i * self.width + <Py_ssize_t>self.doc[j], shared, limit)
        sides += self.side(<int64_t>j * self.width + <Py_ssize_t>self.doc[i], shared, limit)
        if sides == 2 or score >= self.sure:
            self.kept.append(self.Pair(score, i, j, shared))
        elif score >= self.support:
            self.kept.append(self.Pair(minus, i, j, shared))  # support only


def mutual_best(docs, ranked, options, weights):
    """``pair_scores.mutual_best``: of the pairs ``ranked`` (best first), those whose sentences
    are each other's best partner (or score ``claim_sure``), and the pairs that only support."""
    cdef _Best best = _Best()
    cdef double minus, shared_weight
    cdef Py_ssize_t i, j
    best.start(docs, len(ranked), options, weights)
    for minus, i, j, shared, shared_weight in ranked:
        best.keep(minus, i, j, shared, shared_weight)
    return best.kept


cdef struct Ranked:
    double minus
    Py_ssize_t i, j, at


cdef int _ranked_cmp(const void* a, const void* b) noexcept nogil:
    cdef const Ranked* x = <const Ranked*>a
    cdef const Ranked* y = <const Ranked*>b
    if x.minus != y.minus:
        return -1 if x.minus < y.minus else 1
    if x.i != y.i:
        return -1 if x.i < y.i else 1
    return (x.j > y.j) - (x.j < y.j)


def best_pairs(met, docs, options, weights):
    """``claims.candidate_pairs``'s last step: the pairs ``met`` (``(i, j, (score, shared terms,
    their weight))``, as :func:`meeting` gives them) best first (by score, then ``i``, then
    ``j``), as ``Pair``s: through :func:`mutual_best` with ``claim_mutual``, else all."""
    from reader.core.align.pair_scores import Pair  # (it imports this module)

    cdef Py_ssize_t n = len(met), k
    cdef Ranked* order = <Ranked*>malloc((n + 1) * sizeof(Ranked))
    cdef _Best best
    cdef list kept
    cdef tuple found
    if order == NULL:
        raise MemoryError()
    try:
        for k in range(n):
            item = <tuple>met[k]
            order[k].minus = -(<double>(<tuple>item[2])[0])
            order[k].i = item[0]
            order[k].j = item[1]
            order[k].at = k
        qsort(order, n, sizeof(Ranked), _ranked_cmp)
        if not options.claim_mutual:
            kept = []
            for k in range(n):
                found = <tuple>(<tuple>met[order[k].at])[2]
                kept.append(Pair(-order[k].minus, order[k].i, order[k].j, found[1]))
            return kept
        best = _Best()
        best.start(docs, n, options, weights)
        for k in range(n):
            found = <tuple>(<tuple>met[order[k].at])[2]
            best.keep(order[k].minus, order[k].i, order[k].j, found[1], found[2])
        return best.kept
    finally:
        free(order)


cdef frozenset _NO_TERMS = frozenset()


cdef double _fsum(const double* xs, Py_ssize_t count, double* p) noexcept nogil:
    """``math.fsum`` of ``xs[:count]`` (finite numbers; ``p``: room for ``count`` partials):
    CPython's own algorithm (``math_fsum`` in Modules/mathmodule.c, 3.8 to 3.13: Shewchuk's
    partials, then the sum of the partials rounded half-even across them), line for line
    without its handling of infinities and NaNs. Its result is the exactly rounded sum, which
    no order of the numbers changes (CPython: "math.fsum() can guarantee commutativity"), so
    it is ``math.fsum``'s bit for bit whatever order a set gives the numbers in (the tests
    compare the two on many sums)."""
    cdef Py_ssize_t i, j, n = 0, k
    cdef double x, y, t, hi, yr, lo = 0.0
    for k in range(count):
        x = xs[k]
        i = 0
        for j in range(n):  # for y in partials
            y = p[j]
            if fabs(x) < fabs(y):
                t = x
                x = y
                y = t
            hi = x + y
            yr = hi - x
            lo = y - yr
            if lo != 0.0:
                p[i] = lo
                i += 1
            x = hi
        n = i  # partials[i:] = [x]
        if x != 0.0:
            p[n] = x
            n += 1
    hi = 0.0
    if n > 0:
        n -= 1
        hi = p[n]
        # sum_exact(ps, hi) from the top, stop when the sum becomes inexact.
        while n > 0:
            x = hi
            n -= 1
            y = p[n]
            hi = x + y
            yr = hi - x
            lo = y - yr
            if lo != 0.0:
                break
        # Make half-even rounding work across multiple partials.
        if n > 0 and ((lo < 0.0 and p[n - 1] < 0.0) or (lo > 0.0 and p[n - 1] > 0.0)):
            y = lo * 2.0
            x = hi + y
            yr = x - hi
            if y == yr:
                hi = x
    return hi


def fsum_of(values):
    """:func:`_fsum` of a list of finite floats (for the tests: it is ``math.fsum``)."""
    cdef Py_ssize_t count = len(values), k
    cdef double* xs = <double*>malloc((count + 1) * sizeof(double))
    cdef double* p = <double*>malloc((count + 1) * sizeof(double))
    try:
        if xs == NULL or p == NULL:
            raise MemoryError()
        for k in range(count):
            xs[k] = values[k]
        return _fsum(xs, count, p)
    finally:
        free(xs)
        free(p)


cdef class Scorer:
    """``pair_scores.scorer``'s ``score``: the same rules over the same tables (built by
    ``scorer``), the figures and counts of a content read when first asked, as there."""

    cdef list bags, mass, has_figures, figures, counts, negated, denials, commons, tells, clauses, alike
    cdef double min_weight, evidence, figure_anchor, figure_score, lowest
    cdef Py_ssize_t min_terms, clause_min
    # The C tables: each content's distinct terms as numbers (ascending; a term's number is its
    # place in the weights), and per place a mark (common, of a clause); per term its weight and
    # marks (telling, topic, a denial not of the topic, what a denial denies).
    cdef Py_ssize_t n, n_terms, widest, most_clauses
    cdef list names
    cdef double* w
    cdef double* whole
    cdef unsigned char* term_mark
    cdef Py_ssize_t* denies
    cdef Py_ssize_t* bag_at
    cdef Py_ssize_t* bag
    cdef unsigned char* common
    cdef Py_ssize_t* occ_at
    cdef Py_ssize_t* occ_place
    cdef Py_ssize_t* occ_clause
    cdef Py_ssize_t* last_clause
    cdef unsigned char* slow
    cdef unsigned char* content_mark
    # scratch
    cdef Py_ssize_t* shared_ids
    cdef Py_ssize_t* at_i
    cdef Py_ssize_t* at_j
    cdef unsigned char* in_shared
    cdef unsigned char* touched
    cdef double* values
    cdef double* partials
    cdef object kinds, weight_of, topic, sets, figure_sets, counted, conflict, same_counted, small_figure, clause_sets

    def __init__(self, tables, limits, helpers):
        (self.bags, self.mass, self.has_figures, self.figures, self.counts, self.negated, self.denials, self.commons,
         self.tells, self.clauses, self.alike) = tables
        (self.min_weight, self.evidence, self.min_terms, self.figure_anchor, self.figure_score, self.lowest, self.kinds,
         self.clause_min) = limits
        (self.weight_of, self.topic, self.sets, self.figure_sets, self.counted, self.conflict, self.same_counted,
         self.small_figure, self.clause_sets, weights, telling, denial_terms, negated_mark) = helpers
        self.build(weights, telling, denial_terms, negated_mark)

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

    def __cinit__(self, *args):
        self.w = self.whole = self.values = self.partials = NULL
        self.term_mark = self.common = self.slow = self.content_mark = self.in_shared = self.touched = NULL
        self.denies = self.bag_at = self.bag = self.occ_at = self.occ_place = self.occ_clause = NULL
        self.last_clause = self.shared_ids = self.at_i = self.at_j = NULL

    def __dealloc__(self):
        free(self.w); free(self.whole); free(self.values); free(self.partials)
        free(self.term_mark); free(self.common); free(self.slow); free(self.content_mark); free(self.in_shared)
        free(self.touched); free(self.denies); free(self.bag_at); free(self.bag); free(self.occ_at)
        free(self.occ_place); free(self.occ_clause); free(self.last_clause); free(self.shared_ids)
        free(self.at_i); free(self.at_j)

    cdef void build(self, dict weights, telling, denial_terms, str negated_mark) except *:
        cdef Py_ssize_t n = len(self.alike), k, i, places = 0, occs = 0, at, size, c, lo, hi, mid, t
        cdef dict number = {}
        cdef list names = list(weights)
        cdef frozenset bag
        cdef bint finite
        self.n = n
        self.names = names
        self.n_terms = len(names)
        for k in range(self.n_terms):
            number[names[k]] = k
        self.w = <double*>malloc((self.n_terms + 1) * sizeof(double))
        self.term_mark = <unsigned char*>calloc(self.n_terms + 1, 1)
        self.denies = <Py_ssize_t*>malloc((self.n_terms + 1) * sizeof(Py_ssize_t))
        self.whole = <double*>malloc((n + 1) * sizeof(double))
        self.bag_at = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        self.occ_at = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        self.last_clause = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
        self.slow = <unsigned char*>calloc(n + 1, 1)
        self.content_mark = <unsigned char*>calloc(n + 1, 1)
        if (self.w == NULL or self.term_mark == NULL or self.denies == NULL or self.whole == NULL or self.bag_at == NULL
                or self.occ_at == NULL or self.last_clause == NULL or self.slow == NULL or self.content_mark == NULL):
            raise MemoryError()
        finite = True
        for k in range(self.n_terms):
            self.w[k] = weights[names[k]]
            self.denies[k] = -1
            finite = finite and isfinite(self.w[k])
        for term in telling:
            k = number.get(term, -1)
            if k >= 0:
                self.term_mark[k] |= 1
        for term in self.topic:
            k = number.get(term, -1)
            if k >= 0:
                self.term_mark[k] |= 2
        for term in denial_terms:
            k = number.get(term, -1)
            if k >= 0:
                self.term_mark[k] |= 4  # a denial: what it denies, if a term, is denies[k]
                self.denies[k] = number.get((<str>term)[len(negated_mark):], -1)
        for i in range(n):
            places += len(<frozenset>self.bags[i])
            occs += len(self.alike[i].clauses)
        self.bag = <Py_ssize_t*>malloc((places + 1) * sizeof(Py_ssize_t))
        self.common = <unsigned char*>calloc(places + 1, 1)
        self.occ_place = <Py_ssize_t*>malloc((occs + 1) * sizeof(Py_ssize_t))
        self.occ_clause = <Py_ssize_t*>malloc((occs + 1) * sizeof(Py_ssize_t))
        if self.bag == NULL or self.common == NULL or self.occ_place == NULL or self.occ_clause == NULL:
            raise MemoryError()
        at = 0
        occs = 0
        self.widest = 1
        self.most_clauses = 1
        for i in range(n):
            bag = self.bags[i]
            unit = self.alike[i]
            self.bag_at[i] = at
            self.occ_at[i] = occs
            self.whole[i] = self.mass[i]
            size = len(bag)
            if size > self.widest:
                self.widest = size
            for term in bag:
                k = number.get(term, -1)
                if k < 0:
                    self.slow[i] = 1  # (not a weighed term: the Python tables settle its pairs)
                    k = 0
                self.bag[at] = k
                at += 1
            qsort(self.bag + self.bag_at[i], size, sizeof(Py_ssize_t), _sort_cmp)
            common = unit.common
            for k in range(self.bag_at[i], at):
                if names[self.bag[k]] in common:
                    self.common[k] = 1
                t = self.term_mark[self.bag[k]]
                if t & 4 and not t & 2:
                    self.content_mark[i] |= 1  # holds a denial not of the topic
                if t & 4:
                    self.content_mark[i] |= 2  # holds a denial
            if self.has_figures[i]:
                self.content_mark[i] |= 4
            clauses = unit.clauses
            self.last_clause[i] = clauses[len(clauses) - 1] if clauses else -1
            if clauses:
                for (term, _, _), c in zip(unit.terms, clauses):
                    k = number.get(term, -1)
                    lo, hi = self.bag_at[i], at
                    while lo < hi:  # its place in the bag
                        mid = (lo + hi) // 2
                        if self.bag[mid] < k:
                            lo = mid + 1
                        else:
                            hi = mid
                    if k < 0 or lo >= at or self.bag[lo] != k or c < 0:
                        self.slow[i] = 1
                        continue
                    self.occ_place[occs] = lo - self.bag_at[i]
                    self.occ_clause[occs] = c
                    occs += 1
                    if c + 1 > self.most_clauses:
                        self.most_clauses = c + 1
        self.bag_at[n] = at
        self.occ_at[n] = occs
        if not finite:  # (math.fsum's handling of infinities and NaNs is not copied: Python reads them)
            memset(self.slow, 1, n)
        self.shared_ids = <Py_ssize_t*>malloc((self.widest + 1) * sizeof(Py_ssize_t))
        self.at_i = <Py_ssize_t*>malloc((self.widest + 1) * sizeof(Py_ssize_t))
        self.at_j = <Py_ssize_t*>malloc((self.widest + 1) * sizeof(Py_ssize_t))
        self.in_shared = <unsigned char*>calloc(2 * self.widest + 2, 1)
        self.touched = <unsigned char*>calloc(self.most_clauses + 1, 1)
        self.values = <double*>malloc((self.widest + 1) * sizeof(double))
        self.partials = <double*>malloc((self.widest + 1) * sizeof(double))
        if (self.shared_ids == NULL or self.at_i == NULL or self.at_j == NULL or self.in_shared == NULL or self.touched == NULL
                or self.values == NULL or self.partials == NULL):
            raise MemoryError()

    cdef double touched_mass(self, Py_ssize_t i, unsigned char* mine) noexcept:
        """``touched_mass`` of content ``i`` on C numbers (``mine``: per place of its bag, whether
        the term is shared)."""
        cdef Py_ssize_t k, count = 0, start = self.bag_at[i], size = self.bag_at[i + 1] - self.bag_at[i], m = 0
        cdef Py_ssize_t o0 = self.occ_at[i], o1 = self.occ_at[i + 1]
        cdef double mass
        if self.last_clause[i] < 0:
            return self.whole[i]
        for k in range(o0, o1):
            if mine[self.occ_place[k]] and not self.touched[self.occ_clause[k]]:
                self.touched[self.occ_clause[k]] = 1
                count += 1
        if count > self.last_clause[i]:
            for k in range(o0, o1):
                self.touched[self.occ_clause[k]] = 0
            return self.whole[i]
        for k in range(o0, o1):  # the places of the touched clauses' terms, marked 2
            if self.touched[self.occ_clause[k]]:
                mine[self.occ_place[k]] |= 2
        for k in range(size):
            if mine[k] & 2:
                self.values[m] = self.w[self.bag[start + k]]
                m += 1
                mine[k] &= 1
        for k in range(o0, o1):
            self.touched[self.occ_clause[k]] = 0
        return _fsum(self.values, m, self.partials)

    def score(self, Py_ssize_t i, Py_ssize_t j):
        """``pair_scores.scorer``'s ``score``: on C numbers, but for a pair of contents that both
        hold figures and may be a candidate (their figures, counts and conflicts are read in
        Python: :meth:`full`)."""
        if self.slow[i] or self.slow[j]:
            return self.full(i, j)
        cdef Py_ssize_t a = self.bag_at[i], a1 = self.bag_at[i + 1], b = self.bag_at[j], b1 = self.bag_at[j + 1]
        cdef Py_ssize_t si = self.bag_at[i], sj = self.bag_at[j], x, y, k, n_shared = 0, n_told = 0, n_lower = 0, m, t
        cdef double weight, value, told_weight, cmi, cmj
        cdef bint has_lower, anchored = False, told
        cdef unsigned char* mine_i = self.in_shared
        cdef unsigned char* mine_j = self.in_shared + self.widest + 1
        while a < a1 and b < b1:  # shared = bags[i] & bags[j]
            x = self.bag[a]
            y = self.bag[b]
            if x < y:
                a += 1
            elif y < x:
                b += 1
            else:
                self.shared_ids[n_shared] = x
                self.at_i[n_shared] = a - si
                self.at_j[n_shared] = b - sj
                n_shared += 1
                t = self.term_mark[x]
                if t & 1:
                    n_told += 1
                if t & 4 and not t & 2:
                    anchored = True  # the same denial, not the topic's
                a += 1
                b += 1
        told = n_told > 0
        if n_shared + n_told < self.min_terms:
            return None
        for k in range(n_shared):
            self.values[k] = self.w[self.shared_ids[k]]
        weight = _fsum(self.values, n_shared, self.partials)
        if told:
            m = 0
            for k in range(n_shared):
                if self.term_mark[self.shared_ids[k]] & 1:
                    self.values[m] = self.w[self.shared_ids[k]]
                    m += 1
            told_weight = _fsum(self.values, m, self.partials)
            if weight + told_weight < self.min_weight:
                return None
        elif weight < self.min_weight:
            return None
        has_lower = n_shared >= self.clause_min
        if has_lower:
            for k in range(n_shared):
                if self.common[si + self.at_i[k]] and self.common[sj + self.at_j[k]]:
                    n_lower += 1
        if has_lower and n_lower >= self.clause_min - 1:
            for k in range(n_shared):
                mine_i[self.at_i[k]] = 1
                mine_j[self.at_j[k]] = 1
            cmi = self.touched_mass(i, mine_i)
            cmj = self.touched_mass(j, mine_j)
            for k in range(n_shared):
                mine_i[self.at_i[k]] = 0
                mine_j[self.at_j[k]] = 0
            value = weight / sqrt(cmi * cmj)
        else:
            value = weight / sqrt(self.whole[i] * self.whole[j])
        if told and value < self.figure_anchor:
            value = self.figure_anchor
        if self.content_mark[i] & 4 and self.content_mark[j] & 4:  # both hold figures: read in Python from here
            if value < self.lowest and (
                self.figure_score < self.lowest
                or not ((self.content_mark[i] & 1 and self.content_mark[j] & 1) or (self.counts_of(i) and self.counts_of(j)))
            ):
                return None
            return self.full(i, j)
        if value < self.lowest and (self.figure_score < self.lowest or not (self.content_mark[i] & 1 and self.content_mark[j] & 1)):
            return None  # (not both hold figures: no counts in both)
        if self.content_mark[i] & 2 or self.content_mark[j] & 2:  # one says what the other denies
            if self._denies(i, j) or self._denies(j, i):
                return None
        if value < self.figure_score and anchored:
            value = self.figure_score
        if value < self.lowest:
            return None
        if not anchored and not told:
            m = 0
            for k in range(n_shared):
                if self.common[si + self.at_i[k]] and self.common[sj + self.at_j[k]] and not self.term_mark[self.shared_ids[k]] & 2:
                    self.values[m] = self.w[self.shared_ids[k]]
                    m += 1
            if _fsum(self.values, m, self.partials) < self.evidence:
                return None
        names = self.names
        shared = frozenset([names[self.shared_ids[k]] for k in range(n_shared)])
        return value, self.sets.setdefault(shared, shared), weight

    cdef bint _denies(self, Py_ssize_t i, Py_ssize_t j) noexcept:
        """Whether a denial of content ``i`` denies a term of content ``j``."""
        cdef Py_ssize_t k, target, lo, hi, mid
        for k in range(self.bag_at[i], self.bag_at[i + 1]):
            if self.term_mark[self.bag[k]] & 4:
                target = self.denies[self.bag[k]]
                if target < 0:
                    continue
                lo, hi = self.bag_at[j], self.bag_at[j + 1]
                while lo < hi:
                    mid = (lo + hi) // 2
                    if self.bag[mid] < target:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo < self.bag_at[j + 1] and self.bag[lo] == target:
                    return True
        return False

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

    cdef full(self, Py_ssize_t i, Py_ssize_t j):
        """The score of contents ``i`` and ``j`` read off the Python tables (the pairs :meth:`score`
        does not settle on C numbers)."""
        cdef frozenset bi = self.bags[i], bj = self.bags[j], shared, told
        cdef object ti = self.tells[i], tj = self.tells[j], lower = None, denials_i, denials_j, negated_i, negated_j
        cdef double weight, value
        cdef bint figured, anchored, unread, has_lower = False
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
        unread = not anchored and figured and bool(self.counts_of(i)) and bool(self.counts_of(j))
        if unread and value < self.figure_score:
            anchored = self._anchors(i, j)
            unread = False
        if value < self.figure_score and anchored:
            value = self.figure_score
        if value < self.lowest:
            return None
        if not anchored and not told:
            if not has_lower:
                lower = shared & self.commons[i] & self.commons[j]
            if fsum(map(self.weight_of, lower - self.topic)) < self.evidence and not (unread and self._anchors(i, j)):
                return None
        return value, self.sets.setdefault(shared, shared), weight

    cdef bint _anchors(self, Py_ssize_t i, Py_ssize_t j) except -1:
        topic, small = self.topic, self.small_figure
        for f, w in self.same_counted(self.counts_of(i), self.counts_of(j)):
            if f not in topic and not (small(f) and w in topic):
                return True
        return False
