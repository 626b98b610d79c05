"""Step 4 of the aligner (:mod:`reader.core.align`): verification.

Each candidate region, widened by ``margin`` words, is aligned word by word (rapidfuzz Indel
opcodes on the word hashes) and trimmed to its best-scoring stretches; each stretch is cut at
quotation marks it runs across (``quote_bounds``), checked against the options' limits and
scored with ``fuzz.ratio`` on the folded words. What it needs about the documents (tokens,
quotations, sentence ends) comes from a :class:`~reader.core.align.context.Context`, read once
per document (its :class:`~reader.core.align.context.Side`: running sums and sorted bounds, so
each region's checks are list lookups, not searches).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.align.compiled import VERIFY
from reader.core.align.context import Context, Link, Side
from reader.core.align.seeds import chains
from reader.core.align.tokens import STOP_HASHES

__all__ = ["verify_pairs"]


Block = tuple[int, int, int, int, int]
"""``(matched, a0, a1, b0, b1)``: a run of equal words (matched = 1) or the gap between two."""


def _values(
    ctx: Context, sa: Side, sb: Side, wa0: int, wb0: int, blocks: list[Block], inner: tuple[int, int, int, int]
) -> list[float]:
    """The value of each of ``blocks`` (window offsets from ``wa0``, ``wb0``): a run of matched
    words counts its words (a function word counts ``stop_weight``), a gap its longer side times
    ``gap_penalty`` (``inner_gap_penalty`` inside the seeds' region ``inner``), less
    ``break_penalty`` when it crosses a sentence end (:meth:`Context.crosses`: one ends between
    the matched word before the gap and the matched word after it)."""
    options = ctx.options
    stops = sa.stops
    stop_cost = 1.0 - options.stop_weight
    penalty, inner_penalty, break_penalty = options.gap_penalty, options.inner_gap_penalty, options.break_penalty
    ia0, ia1, ib0, ib1 = inner
    na, nb, ba, bb = len(sa.starts), len(sb.starts), sa.breaks, sb.breaks
    values = []
    for kind, s0, s1, t0, t1 in blocks:
        if kind:
            values.append(s1 - s0 - (stops[wa0 + s1] - stops[wa0 + s0]) * stop_cost)
            continue
        inside = ia0 <= s0 and s1 <= ia1 and ib0 <= t0 and t1 <= ib1
        value = -(inner_penalty if inside else penalty) * max(s1 - s0, t1 - t0)
        if break_penalty:
            lo, hi = wa0 + s0 - 1, wa0 + s1
            if lo >= 0 and hi < na and (ba[hi] != ba[lo] if ba is not None and hi > lo else ctx.crosses(sa.d, lo, hi)):
                value -= break_penalty
            else:
                lo, hi = wb0 + t0 - 1, wb0 + t1
                if lo >= 0 and hi < nb and (bb[hi] != bb[lo] if bb is not None and hi > lo else ctx.crosses(sb.d, lo, hi)):
                    value -= break_penalty
        values.append(value)
    return values


def _best_stretches(values: list[float]) -> list[tuple[int, int]]:
    """Indices (first, last) of the blocks bounding the best-scoring stretches (``values``:
    :func:`_values`): maximum sums, found again left and right of each one."""
    out: list[tuple[int, int]] = []
    todo = [(0, len(values))]
    while todo:
        lo, hi = todo.pop()
        best = 0.0
        best_span = None
        run = 0.0
        run_start = lo
        for i in range(lo, hi):
            v = values[i]
            if run <= 0:
                if v <= 0:
                    continue
                run, run_start = v, i
            else:
                run += v
            if v > 0 and run >= best:
                best, best_span = run, (run_start, i)
        if best_span is None:
            continue
        out.append(best_span)
        todo.append((lo, best_span[0]))
        todo.append((best_span[1] + 1, hi))
    return out


def _blocks(wa: Sequence[int], wb: Sequence[int]) -> list[Block]:
    """Word alignment as blocks ``(matched, a0, a1, b0, b1)``: runs of equal words and the gaps
    between them (each gap merged into one block, so a changed word counts once)."""
    blocks: list[Block] = []
    for tag, a0, a1, b0, b1 in Indel.opcodes(wa, wb).as_list():
        if tag == "equal":
            blocks.append((1, a0, a1, b0, b1))
        elif blocks and not blocks[-1][0]:
            blocks[-1] = (0, blocks[-1][1], a1, blocks[-1][3], b1)
        else:
            blocks.append((0, a0, a1, b0, b1))
    return _slide_gaps(blocks, wa, wb)


def _slide_gaps(blocks: list[Block], wa: Sequence[int], wb: Sequence[int]) -> list[Block]:
    """``blocks`` with words that the alignment matched before a one-sided gap moved to after
    it, where the same words end the gap: of two equally long alignments, the one with longer
    runs. (Indel pairs a repeated word with its first occurrence: "into Lebanon, and ...
    Lebanon's Iran-backed" against "Lebanon's Iran-backed" matched the first "Lebanon".)"""
    out = list(blocks)
    k = 1
    while k < len(out) - 1:
        _, ga0, ga1, gb0, gb1 = out[k]
        prev = out[k - 1]
        if out[k][0] or (ga0 != ga1 and gb0 != gb1):
            k += 1
            continue
        words, end = (wa, ga1) if gb0 == gb1 else (wb, gb1)
        last = prev[2] if gb0 == gb1 else prev[4]
        size = prev[2] - prev[1]
        m = 0
        while m < size and words[last - 1 - m] == words[end - 1 - m]:
            m += 1
        if m < size or size > 2:
            # Only a stray word or two, moved whole: sliding parts of longer runs costs more
            # than it gains (measured on PAN 2013).
            k += 1
            continue
        nxt = out[k + 1]
        gap = (0, ga0 - m, ga1 - m, gb0 - m, gb1 - m)
        out[k + 1] = (1, nxt[1] - m, nxt[2], nxt[3] - m, nxt[4])
        if m < size:
            out[k - 1] = (1, prev[1], prev[2] - m, prev[3], prev[4] - m)
            out[k] = gap
            k += 1
        elif k >= 2:  # the block before is gone: its two gaps become one
            before = out[k - 2]
            out[k - 2 : k + 1] = [(0, before[1], gap[2], before[3], gap[4])]
            k -= 1
        else:
            out[k - 1 : k + 1] = [gap]
    return out


def _verify(ctx: Context, sa: Side, sb: Side, region: list[int], links: list[Link]) -> None:
    """The alignments found in one candidate ``region`` ``[a0, a1, b0, b1]`` of documents
    ``sa.d`` and ``sb.d``, added to ``links``."""
    options = ctx.options
    a0, a1, b0, b1 = region
    m = options.margin
    wa0, wa1 = max(0, a0 - m), min(len(sa.words), a1 + m)
    wb0, wb1 = max(0, b0 - m), min(len(sb.words), b1 + m)
    if sa.d == sb.d and wa1 > wb0 and wb1 > wa0:
        # A repeat inside one document: keep the two windows apart.
        wa0, wa1, wb0, wb1 = a0, a1, max(b0, a1), b1
        if wb0 >= wb1:
            return
    wa = sa.words[wa0:wa1]
    wb = sb.words[wb0:wb1]
    blocks_of, values_of, stretches_of, link_of = _LOOPS
    blocks = blocks_of(wa, wb)
    values = values_of(ctx, sa, sb, wa0, wb0, blocks, (a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0))
    pieces = [blocks[first : last + 1] for first, last in stretches_of(values)]
    if options.quote_bounds:
        pieces = [cut for piece in pieces for cut in _cut_at_quotes(ctx, sa, sb, wa0, wb0, piece)]
    for piece in pieces:
        link = link_of(ctx, sa, sb, wa0, wb0, wa, wb, piece)
        if link is not None:
            links.append(link)


def _link(ctx: Context, sa: Side, sb: Side, wa0: int, wb0: int, wa: array, wb: array, piece: list[Block]) -> Link | None:
    """The alignment made of ``piece`` (blocks from a matched one to a matched one, window
    offsets), trimmed of function words at both ends, if it passes the options' limits."""
    options = ctx.options
    stop = STOP_HASHES
    before = sa.stops
    # Trim function words off both ends, skipping whole blocks made of them (they are matched
    # words, so both sides lose the same ones).
    first, last = 0, len(piece) - 1
    while first < last and before[wa0 + piece[first][2]] - before[wa0 + piece[first][1]] == piece[first][2] - piece[first][1]:
        first += 2
    while last > first and before[wa0 + piece[last][2]] - before[wa0 + piece[last][1]] == piece[last][2] - piece[last][1]:
        last -= 2
    s0, s1 = piece[first][1], piece[last][2]
    t0, t1 = piece[first][3], piece[last][4]
    while s1 - s0 > 1 and wa[s0] in stop and piece[first][2] > s0 + 1:
        s0, t0 = s0 + 1, t0 + 1
    while s1 - s0 > 1 and wa[s1 - 1] in stop and piece[last][1] < s1 - 1:
        s1, t1 = s1 - 1, t1 - 1
    # The matched words from s0 to s1, counted with the side's running sums: how many, how many
    # of them are function words, numbers (each counts twice), characters of content words.
    matched = stops = numbers = chars = 0
    numbers_before, chars_before = sa.numbers, sa.chars
    for kind, lo, hi, _, _ in piece[first : last + 1]:
        if kind:
            lo = wa0 + (lo if lo > s0 else s0)
            hi = wa0 + (hi if hi < s1 else s1)
            if hi > lo:
                matched += hi - lo
                stops += before[hi] - before[lo]
                numbers += numbers_before[hi] - numbers_before[lo]
                chars += chars_before[hi] - chars_before[lo]
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
    same = wa[s0:s1] == wb[t0:t1]
    score = 100.0 if same else fuzz.ratio(ctx.words(sa.d, wa0 + s0, wa0 + s1), ctx.words(sb.d, wb0 + t0, wb0 + t1))
    if score < options.min_score:
        return None
    return Link(sa.d, wa0 + s0, wa0 + s1, sb.d, wb0 + t0, wb0 + t1, round(score, 1), same, count)


_LOOPS = (_blocks, _values, _best_stretches, _link)
"""The per-region loops in Python; the compiled kernels (:mod:`~reader.core.align.compiled`)
do the same (``blocks``, ``values``, ``best_stretches``, ``link``, and ``verify_regions``:
:func:`_verify` of each region of a pair of documents, with them)."""


def _cut_at_quotes(ctx: Context, sa: Side, sb: Side, wa0: int, wb0: int, piece: list[Block]) -> list[list[Block]]:
    """``piece`` cut where, on either side, it runs across the closing mark of the quotation it
    starts in (or the opening mark of the one it ends in): the quotation is matched on its own,
    and what follows it is judged apart (:meth:`Context.quote_cut`, asked only when a quotation
    overlaps the piece)."""
    for side, sd, w0 in ((1, sa, wa0), (3, sb, wb0)):
        q_ends = sd.q_ends
        if not q_ends:
            continue
        t0, t1 = w0 + piece[0][side], w0 + piece[-1][side + 1]
        first = bisect_right(q_ends, sd.starts[t0])
        if first == len(q_ends) or sd.q_starts[first] >= sd.ends[t1 - 1]:
            continue  # no quotation overlaps it
        cut = ctx.quote_cut(sd.d, t0, t1)
        if cut is not None:
            left, right = _split(piece, side, cut - w0)
            return [p for part in (left, right) if part for p in _cut_at_quotes(ctx, sa, sb, wa0, wb0, part)]
    return [piece]


def _split(piece: list[Block], side: int, pos: int) -> tuple[list[Block], list[Block]]:
    """``piece`` split before word ``pos`` of one side (``side`` 1 for a, 3 for b): a matched
    block across it is cut in two, a gap block across it dropped; each part starts and ends
    with a matched block."""
    left: list[Block] = []
    right: list[Block] = []
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
    while left and not left[-1][0]:
        left.pop()
    while right and not right[0][0]:
        right.pop(0)
    return left, right


def verify_pairs(
    items: Sequence[tuple[tuple[int, int], Iterable[int]]],
    ctx: Context,
    tick: Callable[[int], None] | None = None,
) -> list[Link]:
    """Chain and verify the seeds (packed: :func:`~reader.core.align.seeds.pack`) of each pair
    of documents in ``items``; ``tick(k)`` is called every 32 pairs."""
    options = ctx.options
    n, gap = options.ngram, options.merge_gap
    links: list[Link] = []
    for k, ((a, b), seeds) in enumerate(items):
        if tick is not None and k % 32 == 0:
            tick(k)
        sa, sb = ctx.side(a), ctx.side(b)
        if VERIFY is not None:  # the same loop, compiled
            VERIFY.verify_regions(ctx, sa, sb, chains(seeds, n, gap), links)
            continue
        for region in chains(seeds, n, gap):
            _verify(ctx, sa, sb, region, links)
    ctx.forget_words()
    return links
