# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels of the seeds stage (optional: :mod:`reader.core.align.compiled`).

Each function does exactly what the pure-Python function of :mod:`reader.core.align.seeds` it
is named after does, with the same arguments and the same result (the tests run both on the
same inputs): :func:`link_seeds` is ``_link_seeds`` and :func:`chains` is ``chains``. Their
loops run on C numbers and C hash tables (open addressing, 64-bit keys) instead of Python
objects.
"""

from cpython cimport array
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport free, malloc, qsort, realloc
from libc.string cimport memcmp, memset

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


import array as _array

cdef int64_t _SHIFT = 32
cdef int64_t _LOW = (1 << 32) - 1
cdef array.array _Q_TEMPLATE = _array.array("q")


# ----------------------------------------------------------------------------------------------
# A hash table of 64-bit keys and values (open addressing, linear probing; it only grows)

cdef struct Table:
    int64_t* keys
    int64_t* vals
    unsigned char* used
    size_t mask
    size_t size


cdef inline uint64_t _mix(uint64_t x) noexcept nogil:
    x ^= x >> 30
    x *= <uint64_t>0xbf58476d1ce4e5b9
    x ^= x >> 27
    x *= <uint64_t>0x94d049bb133111eb
    x ^= x >> 31
    return x


cdef int _table_alloc(Table* t, size_t capacity) except -1:
    cdef size_t cap = 16
    while cap < 2 * capacity:
        cap <<= 1
    t.keys = <int64_t*>malloc(cap * sizeof(int64_t))
    t.vals = <int64_t*>malloc(cap * sizeof(int64_t))
    t.used = <unsigned char*>malloc(cap)
    if t.keys == NULL or t.vals == NULL or t.used == NULL:
        _table_free(t)
        raise MemoryError()
    memset(t.used, 0, cap)
    t.mask = cap - 1
    t.size = 0
    return 0


cdef void _table_free(Table* t) noexcept:
    free(t.keys)
    free(t.vals)
    free(t.used)
    t.keys = NULL
    t.vals = NULL
    t.used = NULL


cdef inline size_t _slot(Table* t, int64_t key) noexcept:
    """The slot holding ``key``, or the free slot where it goes."""
    cdef size_t k = _mix(<uint64_t>key) & t.mask
    while t.used[k] and t.keys[k] != key:
        k = (k + 1) & t.mask
    return k


cdef int _grow(Table* t) except -1:
    """``t`` twice as big, its entries moved; if memory runs out, ``t`` is left as it was."""
    cdef Table old = t[0]
    cdef Table bigger
    cdef size_t k
    _table_alloc(&bigger, (old.mask + 1))  # (MemoryError: nothing changed, nothing leaked)
    for k in range(old.mask + 1):
        if old.used[k]:
            _put(&bigger, old.keys[k], old.vals[k])
    t[0] = bigger
    _table_free(&old)
    return 0


cdef inline int _put(Table* t, int64_t key, int64_t val) except -1:
    cdef size_t k = _slot(t, key)
    if not t.used[k]:
        if 2 * (t.size + 1) > t.mask + 1:
            _grow(t)
            k = _slot(t, key)
        t.used[k] = 1
        t.keys[k] = key
        t.size += 1
    t.vals[k] = val
    return 0


# ----------------------------------------------------------------------------------------------
# Step 2: seeds

cdef struct Hit:
    int64_t i
    int64_t g


cdef int _hit_order(const void* x, const void* y) noexcept nogil:
    cdef const Hit* p = <const Hit*>x
    cdef const Hit* q = <const Hit*>y
    if p.i != q.i:
        return -1 if p.i < q.i else 1
    if p.g != q.g:
        return -1 if p.g < q.g else 1
    return 0


cdef struct Emitted:
    int64_t key
    int64_t seed


cdef class _Out:
    """The seeds emitted, in order: ``(a << 32 | b, packed seed)``."""
    cdef Emitted* items
    cdef size_t size, cap

    def __cinit__(self):
        self.cap = 1024
        self.size = 0
        self.items = <Emitted*>malloc(self.cap * sizeof(Emitted))
        if self.items == NULL:
            raise MemoryError()

    def __dealloc__(self):
        free(self.items)

    cdef inline int add(self, int64_t key, int64_t seed) except -1:
        cdef Emitted* grown
        if self.size == self.cap:
            grown = <Emitted*>realloc(self.items, 2 * self.cap * sizeof(Emitted))
            if grown == NULL:
                raise MemoryError()
            self.items, self.cap = grown, 2 * self.cap
        self.items[self.size].key = key
        self.items[self.size].seed = seed
        self.size += 1
        return 0

    cdef dict pairs(self):
        """``{(a, b): array('q')}``, keys in the order of their first seed."""
        cdef Table ids
        cdef size_t k, slot, n_keys = 0
        cdef list arrays = []
        cdef list keys = []
        cdef size_t* counts
        cdef size_t* fill
        cdef array.array found
        cdef int64_t key
        _table_alloc(&ids, 64)
        try:
            for k in range(self.size):
                slot = _slot(&ids, self.items[k].key)
                if not ids.used[slot]:
                    _put(&ids, self.items[k].key, n_keys)
                    n_keys += 1
            counts = <size_t*>malloc((n_keys + 1) * sizeof(size_t))
            fill = <size_t*>malloc((n_keys + 1) * sizeof(size_t))
            if counts == NULL or fill == NULL:
                free(counts)
                free(fill)
                raise MemoryError()
            try:
                memset(counts, 0, (n_keys + 1) * sizeof(size_t))
                memset(fill, 0, (n_keys + 1) * sizeof(size_t))
                for k in range(self.size):
                    counts[ids.vals[_slot(&ids, self.items[k].key)]] += 1
                for k in range(n_keys):
                    arrays.append(array.clone(_Q_TEMPLATE, counts[k], False))
                keys = [None] * n_keys
                for k in range(self.size):
                    key = self.items[k].key
                    slot = ids.vals[_slot(&ids, key)]
                    found = <array.array>arrays[slot]
                    if fill[slot] == 0:
                        keys[slot] = (key >> _SHIFT, key & _LOW)
                    found.data.as_longlongs[fill[slot]] = self.items[k].seed
                    fill[slot] += 1
            finally:
                free(counts)
                free(fill)
        finally:
            _table_free(&ids)
        return dict(zip(keys, arrays))


def link_seeds(list prepared, set shared, object limit, int n, bint self_matches, object cancelled):
    """``seeds._link_seeds``: the seeds of each pair of documents, or None when cancelled."""
    cdef Table members, current, earlier
    cdef const int64_t[:] grams
    cdef Py_ssize_t d, i, m, n_docs = len(prepared)
    cdef size_t slot, n_hits, cap_hits = 0, h
    cdef int64_t g, seen, base, lim = -1, count, pos
    cdef Hit* hits = NULL
    cdef Hit* grown
    cdef bint any_member = False
    cdef list extra
    cdef object doc
    cdef _Out out = _Out()
    if not shared:
        return {}
    if limit is not None:
        lim = limit
    _table_alloc(&members, len(shared))
    _table_alloc(&current, 1024)
    _table_alloc(&earlier, 1024)
    try:
        # members: gram -> (documents holding it << 32 | last document holding it + 1)
        for g in shared:
            _put(&members, g, 0)
        if lim >= 0:
            for d in range(n_docs):
                grams = prepared[d].grams
                for i in range(grams.shape[0]):
                    slot = _slot(&members, grams[i])
                    if members.used[slot] and (members.vals[slot] & _LOW) != d + 1:
                        members.vals[slot] = ((members.vals[slot] >> _SHIFT) + 1) << _SHIFT | (d + 1)
            for slot in range(members.mask + 1):
                if members.used[slot]:
                    count = members.vals[slot] >> _SHIFT
                    if 1 <= count <= lim:
                        members.vals[slot] = 1
                        any_member = True
                    else:
                        members.vals[slot] = 0
        else:
            for slot in range(members.mask + 1):
                if members.used[slot]:
                    members.vals[slot] = 1
            any_member = True
        if not any_member:
            return {}
        for d in range(n_docs):
            if cancelled is not None and d % 64 == 0 and cancelled():
                return None
            doc = prepared[d]
            grams = doc.grams
            extra = doc.extra
            m = grams.shape[0] + len(extra)
            if <size_t>m > cap_hits:
                grown = <Hit*>realloc(hits, m * sizeof(Hit))
                if grown == NULL:
                    raise MemoryError()
                hits, cap_hits = grown, m
            n_hits = 0
            for i in range(grams.shape[0]):
                g = grams[i]
                slot = _slot(&members, g)
                if members.used[slot] and members.vals[slot]:
                    hits[n_hits].i = i
                    hits[n_hits].g = g
                    n_hits += 1
            if extra:
                for pos, g in extra:
                    slot = _slot(&members, g)
                    if members.used[slot] and members.vals[slot]:
                        hits[n_hits].i = pos
                        hits[n_hits].g = g
                        n_hits += 1
                qsort(hits, n_hits, sizeof(Hit), _hit_order)
            base = (<int64_t>d) << _SHIFT
            for h in range(n_hits):
                i = hits[h].i
                g = hits[h].g
                slot = _slot(&current, g)
                if not current.used[slot]:
                    _put(&current, g, base | i)
                    continue
                seen = current.vals[slot]
                current.vals[slot] = base | i
                if seen >> _SHIFT == d:
                    if self_matches and i - (seen & _LOW) >= n:
                        out.add((<int64_t>d) << _SHIFT | d, (seen & _LOW) << _SHIFT | i)
                    slot = _slot(&earlier, g)
                    if not earlier.used[slot]:
                        continue
                    seen = earlier.vals[slot]
                else:
                    _put(&earlier, g, seen)
                out.add((seen >> _SHIFT) << _SHIFT | d, (seen & _LOW) << _SHIFT | i)
    finally:
        free(hits)
        _table_free(&members)
        _table_free(&current)
        _table_free(&earlier)
    return out.pairs()


# ----------------------------------------------------------------------------------------------
# Step 3: chains

cdef int _seed_order(const void* x, const void* y) noexcept nogil:
    cdef int64_t p = (<const int64_t*>x)[0]
    cdef int64_t q = (<const int64_t*>y)[0]
    return -1 if p < q else (1 if p > q else 0)


cdef struct Chain:
    int64_t a0, a1, b0, b1, last_a, last_b


def chains(seeds, int64_t n, int64_t gap):
    """``seeds.chains``: seeds (packed) chained along the diagonal into regions ``[a0, a1, b0, b1]``."""
    cdef array.array held
    cdef Py_ssize_t count, k, j, kept, n_open = 0, n_done = 0
    cdef int64_t* s
    cdef int64_t pa, pb, reach = gap + n, d
    cdef Chain* open_chains
    cdef Chain* done
    cdef Chain* attached
    if isinstance(seeds, array.array) and (<array.array>seeds).ob_descr.typecode == b"q":
        held = array.copy(<array.array>seeds)
    else:
        held = _array.array("q", seeds)
    count = len(held)
    s = <int64_t*>held.data.as_longlongs
    qsort(s, count, sizeof(int64_t), _seed_order)
    open_chains = <Chain*>malloc((count + 1) * sizeof(Chain))
    done = <Chain*>malloc((count + 1) * sizeof(Chain))
    if open_chains == NULL or done == NULL:
        free(open_chains)
        free(done)
        raise MemoryError()
    try:
        for k in range(count):
            pa, pb = s[k] >> _SHIFT, s[k] & _LOW
            attached = NULL
            kept = 0
            for j in range(n_open):
                if pa - open_chains[j].last_a > reach:
                    done[n_done] = open_chains[j]
                    n_done += 1
                    continue
                if kept != j:
                    open_chains[kept] = open_chains[j]
                d = pb - open_chains[kept].last_b
                if attached == NULL and -reach <= d <= reach:
                    attached = &open_chains[kept]
                kept += 1
            n_open = kept
            if attached == NULL:
                open_chains[n_open] = Chain(pa, pa + n, pb, pb + n, pa, pb)
                n_open += 1
            else:
                attached.a1, attached.last_a = pa + n, pa
                if pb < attached.b0:
                    attached.b0 = pb
                if pb + n > attached.b1:
                    attached.b1 = pb + n
                attached.last_b = pb
        for j in range(n_open):
            done[n_done] = open_chains[j]
            n_done += 1
        return [[done[j].a0, done[j].a1, done[j].b0, done[j].b1] for j in range(n_done)]
    finally:
        free(open_chains)
        free(done)


# ----------------------------------------------------------------------------------------------
# Step 2's first half: each document's n-grams, and which two documents share

# Python's hashes of ints and of tuples of ints (CPython 3.8 on; the tests compare them with hash).
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
    """``hash(items)`` of a tuple of ints that fit in 64 bits (the tests compare the two)."""
    cdef uint64_t acc = _XXPRIME_5
    for v in items:
        acc = _lane(acc, v)
    return _tuple_end(acc, len(items))


cdef class GramsSeen:
    """The n-grams (and number seeds) of documents prepared one after another, each with the
    first of them it is in and whether a later one holds it too: ``prepare_docs``'s ``seen``
    and ``shared``; and the hashes of the function words (``stop_hashes``, signed)."""

    cdef Table table
    cdef Table stops
    cdef int64_t doc

    def __cinit__(self, stop_hashes):
        _table_alloc(&self.table, 4096)
        _table_alloc(&self.stops, len(stop_hashes))
        for word in stop_hashes:
            _put(&self.stops, word, 1)
        self.doc = 0

    def __dealloc__(self):
        _table_free(&self.table)
        _table_free(&self.stops)

    cdef int add(self, int64_t gram) except -1:
        """``gram`` is in the current document (values: first document << 1 | shared)."""
        cdef size_t k = _slot(&self.table, gram)
        if not self.table.used[k]:
            _put(&self.table, gram, self.doc << 1)
        elif (self.table.vals[k] >> 1) != self.doc:
            self.table.vals[k] |= 1
        return 0

    def sets(self):
        """The n-grams seen, and those in two documents or more (two sets)."""
        cdef set seen = set(), shared = set()
        cdef size_t k
        for k in range(self.table.mask + 1):
            if self.table.used[k]:
                seen.add(self.table.keys[k])
                if self.table.vals[k] & 1:
                    shared.add(self.table.keys[k])
        return seen, shared


def grams(words, list numbers, int n, GramsSeen seen):
    """``seeds.grams_of(words, numbers, n, stop_hashes)`` with ``hash`` and the hashes of the
    words as ``Tokens.words`` holds them (``array('Q')``, read as signed), the n-grams as an
    ``array('q')``: the n-gram starting at each word, the number seeds, the n-grams of
    function words only (``seen``'s ``stop_hashes``); the n-grams and number seeds are added
    to ``seen`` as the next document's."""
    cdef const uint64_t[:] view = words
    cdef Py_ssize_t size = view.shape[0], i, k, last
    cdef Py_ssize_t count = size - n + 1 if n > 1 else size
    cdef const int64_t* w = <const int64_t*>&view[0] if size else NULL
    cdef unsigned char* stop
    cdef uint64_t acc
    cdef array.array out
    cdef int64_t* po
    cdef bint all_stop, any_stop = False
    cdef int64_t g
    cdef list extra = []
    cdef set stop_grams = set()
    if count < 0:
        count = 0
    out = array.clone(_Q_TEMPLATE, count, False)
    po = <int64_t*>out.data.as_longlongs
    stop = <unsigned char*>malloc(size + 1)
    if stop == NULL:
        raise MemoryError()
    try:
        for i in range(size):
            stop[i] = seen.stops.used[_slot(&seen.stops, w[i])]
            any_stop = any_stop or stop[i]
        for i in range(count):
            if n == 1:
                po[i] = w[i]
            else:
                acc = _XXPRIME_5
                for k in range(n):
                    acc = _lane(acc, w[i + k])
                po[i] = _tuple_end(acc, n)
            seen.add(po[i])
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
                    seen.add(g)
    finally:
        free(stop)
    seen.doc += 1
    return out, extra, stop_grams
