"""The verification step as it was before it read each document once (reader/core/align/verify.py at
50e745f, with the chains of reader/core/align/seeds.py): every lookup per region, the matched
words listed one by one. The tests compare the engine's verification with it."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.align.context import Context, Link
from reader.core.align.tokens import STOP_HASHES

__all__ = ["verify_pairs"]


Block = tuple[int, int, int, int, int]
"""``(matched, a0, a1, b0, b1)``: a run of equal words (matched = 1) or the gap between two."""


def _best_stretches(
    ops: list[tuple[int, int, int, int, int]],
    stops_before: Sequence[int],
    offset: int,
    penalty: float,
    stop_weight: float,
    inner: tuple[int, int, int, int, float],
    crossing: Callable[[int, int, int, int], bool],
    break_penalty: float,
) -> list[tuple[int, int]]:
    """Indices (first, last) of ``ops`` blocks bounding the best-scoring stretches: maximum
    sums of matched words (a function word counts ``stop_weight``) minus penalised unmatched
    words, found again left and right of each one. ``stops_before[offset + i]``: the function
    words before word ``i`` of side a (:meth:`Context.stop_counts`)."""
    values = []
    ia0, ia1, ib0, ib1, inner_penalty = inner
    for kind, a0, a1, b0, b1 in ops:
        if kind:
            stops = stops_before[offset + a1] - stops_before[offset + a0]
            values.append(a1 - a0 - stops * (1.0 - stop_weight))
        else:
            inside = ia0 <= a0 and a1 <= ia1 and ib0 <= b0 and b1 <= ib1
            value = -(inner_penalty if inside else penalty) * max(a1 - a0, b1 - b0)
            if break_penalty and crossing(a0, a1, b0, b1):
                value -= break_penalty
            values.append(value)
    out: list[tuple[int, int]] = []
    todo = [(0, len(ops))]
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
    for op in Indel.opcodes(wa, wb):
        tag = op.tag
        if tag == "equal":
            blocks.append((1, op.src_start, op.src_end, op.dest_start, op.dest_end))
        elif blocks and not blocks[-1][0]:
            _, a0, _, b0, _ = blocks[-1]
            blocks[-1] = (0, a0, op.src_end, b0, op.dest_end)
        else:
            blocks.append((0, op.src_start, op.src_end, op.dest_start, op.dest_end))
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


def _verify(ctx: Context, a: int, b: int, region: list[int]) -> list[Link]:
    """The alignments found in one candidate ``region`` ``[a0, a1, b0, b1]`` of documents ``a``
    and ``b``."""
    ta, tb, options = ctx.tokens[a], ctx.tokens[b], ctx.options
    a0, a1, b0, b1 = region
    m = options.margin
    wa0, wa1 = max(0, a0 - m), min(len(ta.words), a1 + m)
    wb0, wb1 = max(0, b0 - m), min(len(tb.words), b1 + m)
    if a == b and wa1 > wb0 and wb1 > wa0:
        # A repeat inside one document: keep the two windows apart.
        wa0, wa1, wb0, wb1 = a0, a1, max(b0, a1), b1
        if wb0 >= wb1:
            return []
    wa = ta.words[wa0:wa1]
    wb = tb.words[wb0:wb1]
    blocks = _blocks(wa, wb)
    inner = (a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0, options.inner_gap_penalty)

    def crossing(s0: int, s1: int, t0: int, t1: int) -> bool:
        """Whether a gap block crosses a sentence end (see below)."""
        # A gap block [s0, s1) x [t0, t1) (window offsets) crosses a sentence end when one
        # ends between the matched word before it and the matched word after it.
        return ctx.crosses(a, wa0 + s0 - 1, wa0 + s1) or ctx.crosses(b, wb0 + t0 - 1, wb0 + t1)

    stretches = _best_stretches(
        blocks, ctx.stop_counts(a), wa0, options.gap_penalty, options.stop_weight, inner, crossing, options.break_penalty
    )
    pieces = [blocks[first : last + 1] for first, last in stretches]
    if options.quote_bounds:
        pieces = [cut for piece in pieces for cut in _cut_at_quotes(ctx, a, b, wa0, wb0, piece)]
    links = []
    for piece in pieces:
        link = _link(ctx, a, b, wa0, wb0, wa, wb, piece)
        if link is not None:
            links.append(link)
    return links


def _link(
    ctx: Context, a: int, b: int, wa0: int, wb0: int, wa: array, wb: array, piece: list[Block]
) -> Link | None:
    """The alignment made of ``piece`` (blocks from a matched one to a matched one, window
    offsets), trimmed of function words at both ends, if it passes the options' limits."""
    options, ta = ctx.options, ctx.tokens[a]
    stop = STOP_HASHES
    before = ctx.stop_counts(a)
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
    matched = [i for blk in piece[first : last + 1] if blk[0] for i in range(max(blk[1], s0), min(blk[2], s1))]
    content = [wa0 + i for i in matched if wa[i] not in stop]
    numbers = len(set(ctx.tokens[a].numbers).intersection(content))
    count = len(matched) + numbers
    if count < options.min_words and not options.link_gap:
        return None
    weight = len(content) + numbers
    chars = sum(ta.ends[i] - ta.starts[i] for i in content) + 4 * numbers
    if weight < options.min_content_words or chars < options.min_content_chars:
        if weight < options.quote_min_content_words or chars < options.quote_min_content_chars:
            return None
        if first != last:
            return None  # a short quotation must match word for word
        if not (ctx.quoted(a, wa0 + s0, wa0 + s1) and ctx.quoted(b, wb0 + t0, wb0 + t1)):
            return None
    same = wa[s0:s1] == wb[t0:t1]
    score = 100.0 if same else fuzz.ratio(ctx.words(a, wa0 + s0, wa0 + s1), ctx.words(b, wb0 + t0, wb0 + t1))
    if score < options.min_score:
        return None
    return Link(a, wa0 + s0, wa0 + s1, b, wb0 + t0, wb0 + t1, round(score, 1), same, count)


def _cut_at_quotes(ctx: Context, a: int, b: int, wa0: int, wb0: int, piece: list[Block]) -> list[list[Block]]:
    """``piece`` cut where, on either side, it runs across the closing mark of the quotation it
    starts in (or the opening mark of the one it ends in): the quotation is matched on its own,
    and what follows it is judged apart."""
    for side, d, w0 in ((1, a, wa0), (3, b, wb0)):
        cut = ctx.quote_cut(d, w0 + piece[0][side], w0 + piece[-1][side + 1])
        if cut is not None:
            left, right = _split(piece, side, cut - w0)
            return [p for part in (left, right) if part for p in _cut_at_quotes(ctx, a, b, wa0, wb0, part)]
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
    items: list[tuple[tuple[int, int], list[tuple[int, int]]]],
    ctx: Context,
    tick: Callable[[int], None] | None = None,
) -> list[Link]:
    """Chain and verify the seeds of each pair of documents in ``items``; ``tick(k)`` is called
    every 32 pairs."""
    options = ctx.options
    n = options.ngram
    links: list[Link] = []
    for k, ((a, b), seeds) in enumerate(items):
        if tick is not None and k % 32 == 0:
            tick(k)
        for region in chains(seeds, n, options.merge_gap):
            links.extend(_verify(ctx, a, b, region))
    return links


def chains(seeds: list[tuple[int, int]], n: int, gap: int) -> list[list[int]]:
    """Chain seeds along the diagonal into regions ``[a0, a1, b0, b1]`` (token ranges)."""
    seeds.sort()
    reach = gap + n
    open_chains: list[list[int]] = []
    done: list[list[int]] = []
    for pa, pb in seeds:
        attached = None
        keep: list[list[int]] = []
        for chain in open_chains:
            if pa - chain[4] > reach:
                done.append(chain)
                continue
            keep.append(chain)
            if attached is None and -reach <= pb - chain[5] <= reach:
                attached = chain
        open_chains = keep
        if attached is None:
            open_chains.append([pa, pa + n, pb, pb + n, pa, pb])
        else:
            attached[1] = max(attached[1], pa + n)
            attached[2] = min(attached[2], pb)
            attached[3] = max(attached[3], pb + n)
            attached[4] = pa
            attached[5] = pb
    done.extend(open_chains)
    return [c[:4] for c in done]
