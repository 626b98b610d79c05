# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels of verification's per-region loops (optional: :mod:`reader.core.align.compiled`).

Each function does exactly what the pure-Python function of :mod:`reader.core.align.verify` it
is named after does, with the same arguments and the same result (the tests run both on the
same inputs): :func:`blocks` is ``_blocks`` (with ``_slide_gaps``), :func:`values` is
``_values``, :func:`best_stretches` is ``_best_stretches`` and :func:`link` is ``_link``. Their
loops run on C numbers; the rare lookups in the text (``Context.crosses``, ``Context.quoted``,
``fuzz.ratio`` of the words) call the same Python code.
"""

from cpython cimport array
from cpython.unicode cimport Py_UNICODE_ISSPACE
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memmove

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

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.align.context import Link
from reader.core.align.tokens import STOP_HASHES


cdef struct Blk:
    int64_t kind, a0, a1, b0, b1


cdef inline array.array _words(object words):
    """``words`` as an ``array('Q')`` (verification passes slices of one: no copy)."""
    if isinstance(words, array.array) and (<array.array>words).ob_descr.typecode == b"Q":
        return <array.array>words
    return _array.array("Q", words)


def blocks(wa, wb):
    """``verify._blocks``: the word alignment of ``wa`` and ``wb`` as blocks ``(matched, a0,
    a1, b0, b1)``, gaps merged and stray matched words slid past one-sided gaps."""
    cdef list ops = Indel.opcodes(wa, wb).as_list()
    cdef array.array xa = _words(wa), xb = _words(wb)
    cdef const uint64_t* pa = <const uint64_t*>xa.data.as_ulonglongs
    cdef const uint64_t* pb = <const uint64_t*>xb.data.as_ulonglongs
    cdef const uint64_t* words
    cdef Py_ssize_t n_ops = len(ops), cnt = 0, k
    cdef int64_t a0, a1, b0, b1, end, last, size, m
    cdef Blk gap, prev, nxt, before
    cdef Blk* out = <Blk*>malloc((n_ops + 1) * sizeof(Blk))
    if out == NULL:
        raise MemoryError()
    try:
        for op in ops:
            tag, a0, a1, b0, b1 = op
            if tag == "equal":
                out[cnt] = Blk(1, a0, a1, b0, b1)
                cnt += 1
            elif cnt and not out[cnt - 1].kind:
                out[cnt - 1].a1 = a1
                out[cnt - 1].b1 = b1
            else:
                out[cnt] = Blk(0, a0, a1, b0, b1)
                cnt += 1
        # verify._slide_gaps
        k = 1
        while k < cnt - 1:
            gap = out[k]
            prev = out[k - 1]
            if gap.kind or (gap.a0 != gap.a1 and gap.b0 != gap.b1):
                k += 1
                continue
            if gap.b0 == gap.b1:
                words, end, last = pa, gap.a1, prev.a1
            else:
                words, end, last = pb, gap.b1, prev.b1
            size = prev.a1 - prev.a0
            m = 0
            while m < size and words[last - 1 - m] == words[end - 1 - m]:
                m += 1
            if m < size or size > 2:
                k += 1
                continue
            nxt = out[k + 1]
            gap = Blk(0, gap.a0 - m, gap.a1 - m, gap.b0 - m, gap.b1 - m)
            out[k + 1] = Blk(1, nxt.a0 - m, nxt.a1, nxt.b0 - m, nxt.b1)
            if m < size:
                out[k - 1] = Blk(1, prev.a0, prev.a1 - m, prev.b0, prev.b1 - m)
                out[k] = gap
                k += 1
            elif k >= 2:
                before = out[k - 2]
                out[k - 2] = Blk(0, before.a0, gap.a1, before.b0, gap.b1)
                memmove(&out[k - 1], &out[k + 1], (cnt - k - 1) * sizeof(Blk))
                cnt -= 2
                k -= 1
            else:
                out[k - 1] = gap
                memmove(&out[k], &out[k + 1], (cnt - k - 1) * sizeof(Blk))
                cnt -= 1
        return [(out[k].kind, out[k].a0, out[k].a1, out[k].b0, out[k].b1) for k in range(cnt)]
    finally:
        free(out)


def values(ctx, sa, sb, Py_ssize_t wa0, Py_ssize_t wb0, list blocks, tuple inner):
    """``verify._values``: the value of each of ``blocks``."""
    options = ctx.options
    cdef const int[:] stops = sa.stops
    cdef double stop_cost = 1.0 - options.stop_weight
    cdef double penalty = options.gap_penalty, inner_penalty = options.inner_gap_penalty
    cdef double break_penalty = options.break_penalty
    cdef Py_ssize_t ia0, ia1, ib0, ib1, s0, s1, t0, t1, lo, hi
    ia0, ia1, ib0, ib1 = inner
    cdef Py_ssize_t na = len(sa.starts), nb = len(sb.starts)
    ba, bb = sa.breaks, sb.breaks
    cdef const int[:] la = None
    cdef const int[:] lb = None
    if ba is not None:
        la = ba
    if bb is not None:
        lb = bb
    cdef bint inside, crossed
    cdef double value
    cdef list out = []
    cdef tuple blk
    for blk in blocks:
        s0, s1, t0, t1 = blk[1], blk[2], blk[3], blk[4]
        if blk[0]:
            out.append(s1 - s0 - <double>(<Py_ssize_t>stops[wa0 + s1] - <Py_ssize_t>stops[wa0 + s0]) * stop_cost)
            continue
        inside = ia0 <= s0 and s1 <= ia1 and ib0 <= t0 and t1 <= ib1
        value = -(inner_penalty if inside else penalty) * <double>(s1 - s0 if s1 - s0 > t1 - t0 else t1 - t0)
        if break_penalty:
            lo, hi = wa0 + s0 - 1, wa0 + s1
            crossed = False
            if lo >= 0 and hi < na:
                if la is not None and hi > lo:
                    crossed = <Py_ssize_t>la[hi] != <Py_ssize_t>la[lo]
                else:
                    crossed = ctx.crosses(sa.d, lo, hi)
            if not crossed:
                lo, hi = wb0 + t0 - 1, wb0 + t1
                if lo >= 0 and hi < nb:
                    if lb is not None and hi > lo:
                        crossed = <Py_ssize_t>lb[hi] != <Py_ssize_t>lb[lo]
                    else:
                        crossed = ctx.crosses(sb.d, lo, hi)
            if crossed:
                value -= break_penalty
        out.append(value)
    return out


def best_stretches(list values):
    """``verify._best_stretches``: the blocks (first, last) bounding the best-scoring stretches."""
    cdef Py_ssize_t n = len(values), i, lo, hi, run_start, span0, span1, top = 0
    cdef double best, run, v
    cdef list out = []
    cdef double* vs = <double*>malloc((n + 1) * sizeof(double))
    cdef Py_ssize_t* todo = <Py_ssize_t*>malloc(2 * (n + 2) * sizeof(Py_ssize_t))
    if vs == NULL or todo == NULL:
        free(vs)
        free(todo)
        raise MemoryError()
    try:
        for i in range(n):
            vs[i] = values[i]
        todo[0], todo[1] = 0, n
        top = 1
        while top:
            top -= 1
            lo, hi = todo[2 * top], todo[2 * top + 1]
            best = 0.0
            span0 = -1
            span1 = -1
            run = 0.0
            run_start = lo
            for i in range(lo, hi):
                v = vs[i]
                if run <= 0:
                    if v <= 0:
                        continue
                    run, run_start = v, i
                else:
                    run += v
                if v > 0 and run >= best:
                    best, span0, span1 = run, run_start, i
            if span0 < 0:
                continue
            out.append((span0, span1))
            todo[2 * top], todo[2 * top + 1] = lo, span0
            todo[2 * top + 2], todo[2 * top + 3] = span1 + 1, hi
            top += 2
        return out
    finally:
        free(vs)
        free(todo)


def link(ctx, sa, sb, Py_ssize_t wa0, Py_ssize_t wb0, wa, wb, list piece):
    """``verify._link``: the alignment made of ``piece``, trimmed of function words at both
    ends, if it passes the options' limits (else None)."""
    options = ctx.options
    stop = STOP_HASHES
    cdef const int[:] before = sa.stops
    cdef const int[:] numbers_before = sa.numbers
    cdef const int[:] chars_before = sa.chars
    cdef array.array xa = _words(wa), xb = _words(wb)
    cdef const uint64_t* pa = <const uint64_t*>xa.data.as_ulonglongs
    cdef const uint64_t* pb = <const uint64_t*>xb.data.as_ulonglongs
    cdef Py_ssize_t n = len(piece), k, first, last, s0, s1, t0, t1, lo, hi
    cdef int64_t matched = 0, stops = 0, numbers = 0, chars = 0, count, weight
    cdef tuple blk
    cdef bint same
    cdef Blk* p = <Blk*>malloc((n + 1) * sizeof(Blk))
    if p == NULL:
        raise MemoryError()
    try:
        for k in range(n):
            blk = piece[k]
            p[k] = Blk(blk[0], blk[1], blk[2], blk[3], blk[4])
        first, last = 0, n - 1
        while first < last and <Py_ssize_t>before[wa0 + p[first].a1] - <Py_ssize_t>before[wa0 + p[first].a0] == p[first].a1 - p[first].a0:
            first += 2
        while last > first and <Py_ssize_t>before[wa0 + p[last].a1] - <Py_ssize_t>before[wa0 + p[last].a0] == p[last].a1 - p[last].a0:
            last -= 2
        s0, s1 = p[first].a0, p[last].a1
        t0, t1 = p[first].b0, p[last].b1
        while s1 - s0 > 1 and pa[s0] in stop and p[first].a1 > s0 + 1:
            s0, t0 = s0 + 1, t0 + 1
        while s1 - s0 > 1 and pa[s1 - 1] in stop and p[last].a0 < s1 - 1:
            s1, t1 = s1 - 1, t1 - 1
        for k in range(first, last + 1):
            if p[k].kind:
                lo = wa0 + (p[k].a0 if p[k].a0 > s0 else s0)
                hi = wa0 + (p[k].a1 if p[k].a1 < s1 else s1)
                if hi > lo:
                    matched += hi - lo
                    stops += <Py_ssize_t>before[hi] - <Py_ssize_t>before[lo]
                    numbers += <Py_ssize_t>numbers_before[hi] - <Py_ssize_t>numbers_before[lo]
                    chars += <Py_ssize_t>chars_before[hi] - <Py_ssize_t>chars_before[lo]
    finally:
        free(p)
    count = matched + numbers
    if count < options.min_words and not options.link_gap:
        return None
    weight = matched - stops + numbers
    chars += 4 * numbers
    if weight < options.min_content_words or chars < options.min_content_chars:
        if weight < options.quote_min_content_words or chars < options.quote_min_content_chars:
            return None
        if first != last:
            return None  # a short quotation must match word for word
        if not (ctx.quoted(sa.d, wa0 + s0, wa0 + s1) and ctx.quoted(sb.d, wb0 + t0, wb0 + t1)):
            return None
    same = s1 - s0 == t1 - t0
    k = 0
    while same and k < s1 - s0:
        same = pa[s0 + k] == pb[t0 + k]
        k += 1
    score = 100.0 if same else fuzz.ratio(ctx.words(sa.d, wa0 + s0, wa0 + s1), ctx.words(sb.d, wb0 + t0, wb0 + t1))
    if score < options.min_score:
        return None
    return Link(sa.d, wa0 + s0, wa0 + s1, sb.d, wb0 + t0, wb0 + t1, round(score, 1), same, count)


cdef uint64_t* _stop_hashes = NULL
cdef Py_ssize_t _n_stop_hashes = 0
cdef array.array _int_template = _array.array("i")


cdef _load_stop_hashes():
    global _stop_hashes, _n_stop_hashes
    found = sorted(STOP_HASHES)
    _stop_hashes = <uint64_t*>malloc(max(1, len(found)) * sizeof(uint64_t))
    for k, word in enumerate(found):
        _stop_hashes[k] = word
    _n_stop_hashes = len(found)


_load_stop_hashes()


cdef inline bint _is_stop(uint64_t word) noexcept nogil:
    """Whether ``word`` is in :data:`STOP_HASHES` (a binary search of them, sorted)."""
    cdef Py_ssize_t lo = 0, hi = _n_stop_hashes, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if _stop_hashes[mid] < word:
            lo = mid + 1
        else:
            hi = mid
    return lo < _n_stop_hashes and _stop_hashes[lo] == word


def side_sums(words, starts, ends, list numbers):
    """``context.side_sums``: the running sums of a :class:`~reader.core.align.context.Side`
    (``stops``, ``chars``, ``numbers``, each an ``array('i')`` one longer than ``words``)."""
    cdef array.array xw = _words(words)
    cdef const uint64_t* pw = <const uint64_t*>xw.data.as_ulonglongs
    cdef const int[:] s = starts
    cdef const int[:] e = ends
    cdef Py_ssize_t n = len(xw), i
    cdef array.array stops = array.clone(_int_template, n + 1, zero=False)
    cdef array.array chars = array.clone(_int_template, n + 1, zero=False)
    cdef array.array nums = array.clone(_int_template, n + 1, zero=True)
    cdef int* ps = stops.data.as_ints
    cdef int* pc = chars.data.as_ints
    cdef int* pn = nums.data.as_ints
    cdef bint stop
    for i in numbers:
        pn[i + 1] = 1  # marks, summed below
    ps[0] = pc[0] = pn[0] = 0
    for i in range(n):
        stop = _is_stop(pw[i])
        ps[i + 1] = ps[i] + stop
        pc[i + 1] = pc[i] + (0 if stop else e[i] - s[i])
        pn[i + 1] = pn[i] + (pn[i + 1] and not stop)
    return stops, chars, nums


cdef inline bint _closer(Py_UCS4 c) noexcept nogil:
    return c == u'"' or c == u"'" or c == u'\u201d' or c == u'\u2019' or c == u')' or c == u']'


def break_counts(str text, starts, ends):
    """``context.break_counts`` of ``text`` with its tokens' ``starts`` and ``ends``: its
    expression (``[.!?]["'\u201d\u2019)\]]*\s|\n``) matched here character by character, the
    same matches in the same order."""
    cdef const int[:] s = starts
    cdef const int[:] e = ends
    cdef Py_ssize_t n = s.shape[0], size = len(text), p = 0, q, start, end, k = -1, i
    cdef Py_UCS4 c
    cdef array.array counts = array.clone(_int_template, n, zero=True)
    cdef int* pc = counts.data.as_ints
    while p < size:
        c = text[p]
        if c == u'.' or c == u'!' or c == u'?':
            q = p + 1
            while q < size and _closer(text[q]):
                q += 1
            if q < size and Py_UNICODE_ISSPACE(text[q]):
                start, end = p, q + 1
            else:
                p += 1
                continue
        elif c == u'\n':
            start, end = p, p + 1
        else:
            p += 1
            continue
        p = end
        while k + 1 < n and e[k + 1] <= start:
            k += 1  # the last token ending at or before the match
        if k < 0 or k + 1 >= n:
            continue  # before the first token or after the last: never between two
        if end > s[k + 1]:
            return None
        pc[k + 1] = 1
    for i in range(1, n):
        pc[i] += pc[i - 1]
    return counts


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


def joined_words(str folded, starts, ends):
    """``tokens.joined_words`` from the folded text (``tokens.fold_case``) and its tokens'
    offsets: each token's characters with a comma dropped (only a number holds one), white
    space as one space (only ``100 million`` holds some) and ``&`` as ``and``, one space
    between tokens; and where each token's word starts (and one more)."""
    cdef const int[:] s = starts
    cdef const int[:] e = ends
    cdef Py_ssize_t n = s.shape[0], t, p, size = 0
    cdef Py_UCS4 c
    cdef bint space
    cdef array.array at = array.clone(_int_template, n + 1, zero=False)
    cdef int* pa = at.data.as_ints
    cdef Py_UCS4* out = <Py_UCS4*>malloc((3 * len(folded) + n + 1) * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for t in range(n):
            pa[t] = size
            space = False
            for p in range(s[t], e[t]):
                c = folded[p]
                if c == u',':
                    continue
                if Py_UNICODE_ISSPACE(c):
                    space = True
                    continue
                if space:
                    out[size] = u' '
                    size += 1
                    space = False
                if c == u'&':
                    out[size] = u'a'
                    out[size + 1] = u'n'
                    out[size + 2] = u'd'
                    size += 3
                else:
                    out[size] = c
                    size += 1
            out[size] = u' '
            size += 1
        pa[n] = size
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, max(0, size - 1)), at
    finally:
        free(out)


cdef int _no_ints = 0


cdef inline const int* _ints(object offsets, list keep) except NULL:
    """The numbers of ``offsets`` (an ``array('i')``, else copied into one kept in ``keep``)."""
    cdef array.array found
    if isinstance(offsets, array.array) and (<array.array>offsets).ob_descr.typecode == b"i":
        found = <array.array>offsets
    else:
        found = _array.array("i", offsets)
        keep.append(found)
    if len(found) == 0:
        return <const int*>&_no_ints
    return <const int*>found.data.as_ints


cdef inline Py_ssize_t _right(list xs, Py_ssize_t x, Py_ssize_t lo) except -1:
    """``bisect_right(xs, x, lo)``."""
    cdef Py_ssize_t hi = len(xs), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < <Py_ssize_t>xs[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


cdef inline Py_ssize_t _left(list xs, Py_ssize_t x) except -1:
    """``bisect_left(xs, x)``."""
    cdef Py_ssize_t lo = 0, hi = len(xs), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if <Py_ssize_t>xs[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef Py_ssize_t _quote_cut(object sd, Py_ssize_t t0, Py_ssize_t t1) except -2:
    """``Context.quote_cut`` of the side's document (its tokens and quotations are the side's),
    asked when a quotation overlaps the tokens; -1 for None."""
    cdef list q_starts = sd.q_starts, q_ends = sd.q_ends, keep = []
    cdef array.array xw = _words(sd.words)
    cdef const uint64_t* words = <const uint64_t*>xw.data.as_ulonglongs
    cdef const int* starts = _ints(sd.starts, keep)
    cdef const int* ends = _ints(sd.ends, keep)
    cdef Py_ssize_t first = _right(q_ends, starts[t0], 0), k, top, start, end, q_start, q_end, mark, lo, hi, mid
    if first == len(q_ends) or <Py_ssize_t>q_starts[first] >= ends[t1 - 1]:
        return -1
    while t1 - t0 > 1 and _is_stop(words[t0]):
        t0 += 1
    while t1 - t0 > 1 and _is_stop(words[t1 - 1]):
        t1 -= 1
    start, end = starts[t0], ends[t1 - 1]
    top = _left(q_starts, end)
    for k in range(_right(q_ends, start, first), top):
        q_start, q_end = q_starts[k], q_ends[k]
        if q_start <= start < q_end < end:
            mark = q_end
        elif start < q_start < end <= q_end:
            mark = q_start
        else:
            continue
        lo, hi = t0, t1  # bisect_left(starts, mark, t0, t1)
        while lo < hi:
            mid = (lo + hi) >> 1
            if starts[mid] < mark:
                lo = mid + 1
            else:
                hi = mid
        if t0 < lo < t1:
            return lo
    return -1


cdef tuple _split_piece(list piece, int side, Py_ssize_t pos):
    """``verify._split``: ``piece`` split before word ``pos`` of one side."""
    cdef list left = [], right = []
    cdef tuple blk
    cdef Py_ssize_t lo, hi, k
    for blk in piece:
        lo, hi = blk[side], blk[side + 1]
        if hi <= pos:
            left.append(blk)
        elif lo >= pos:
            right.append(blk)
        elif blk[0]:
            k = pos - lo
            left.append((1, blk[1], blk[1] + k, blk[3], blk[3] + k))
            right.append((1, blk[1] + k, blk[2], blk[3] + k, blk[4]))
    while left and not left[len(left) - 1][0]:
        left.pop()
    while right and not right[0][0]:
        right.pop(0)
    return left, right


cdef int _cut(object sa, object sb, Py_ssize_t wa0, Py_ssize_t wb0, list piece, list out) except -1:
    cdef int side
    cdef Py_ssize_t w0, t0, t1, cut, first
    cdef list q_ends, keep = []
    cdef const int* starts
    cdef const int* ends
    cdef tuple parts
    for side in (1, 3):
        sd, w0 = (sa, wa0) if side == 1 else (sb, wb0)
        q_ends = sd.q_ends
        if not q_ends:
            continue
        t0, t1 = w0 + <Py_ssize_t>piece[0][side], w0 + <Py_ssize_t>piece[len(piece) - 1][side + 1]
        starts = _ints(sd.starts, keep)
        ends = _ints(sd.ends, keep)
        first = _right(q_ends, starts[t0], 0)
        if first == len(q_ends) or <Py_ssize_t>sd.q_starts[first] >= ends[t1 - 1]:
            continue
        cut = _quote_cut(sd, t0, t1)
        if cut >= 0:
            parts = _split_piece(piece, side, cut - w0)
            for part in parts:
                if part:
                    _cut(sa, sb, wa0, wb0, part, out)
            return 0
    out.append(piece)
    return 0


def cut_at_quotes(ctx, sa, sb, Py_ssize_t wa0, Py_ssize_t wb0, list piece):
    """``verify._cut_at_quotes``: ``piece`` cut where, on either side, it runs across the
    closing mark of the quotation it starts in (or the opening mark of the one it ends in)."""
    cdef list out = []
    _cut(sa, sb, wa0, wb0, piece, out)
    return out


def verify_regions(ctx, sa, sb, list regions, list links):
    """``verify._verify`` of each of ``regions`` (``[a0, a1, b0, b1]``) of documents ``sa.d``
    and ``sb.d``, in order: the alignments found added to ``links``."""
    options = ctx.options
    cdef Py_ssize_t m = options.margin, na = len(sa.words), nb = len(sb.words)
    cdef Py_ssize_t a0, a1, b0, b1, wa0, wa1, wb0, wb1
    cdef bint same_doc = sa.d == sb.d, quote_bounds = options.quote_bounds
    cdef list found, pieces, cuts
    cdef tuple stretch
    words_a, words_b = sa.words, sb.words
    for region in regions:
        a0, a1, b0, b1 = region
        wa0, wa1 = max(0, a0 - m), min(na, a1 + m)
        wb0, wb1 = max(0, b0 - m), min(nb, b1 + m)
        if same_doc and wa1 > wb0 and wb1 > wa0:
            # A repeat inside one document: keep the two windows apart.
            wa0, wa1, wb0, wb1 = a0, a1, max(b0, a1), b1
            if wb0 >= wb1:
                continue
        wa = words_a[wa0:wa1]
        wb = words_b[wb0:wb1]
        found = blocks(wa, wb)
        pieces = [found[stretch[0] : stretch[1] + 1] for stretch in best_stretches(
            values(ctx, sa, sb, wa0, wb0, found, (a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0))
        )]
        if quote_bounds:
            cuts = []
            for piece in pieces:
                _cut(sa, sb, wa0, wb0, piece, cuts)
            pieces = cuts
        for piece in pieces:
            made = link(ctx, sa, sb, wa0, wb0, wa, wb, piece)
            if made is not None:
                links.append(made)
