"""Finding the passages several articles share: seed, extend, verify, group.

The engine, in five steps (each mostly in C: ``re``, ``str``, ``set``/``dict``, ``array``,
rapidfuzz), never comparing all pairs of sentences:

1. **Tokens.** Every document is split once into folded word tokens with offsets
   (:mod:`reader.core.align_tokens`): case, apostrophes, ``&``, money units, white space and
   punctuation stop mattering. Words are kept as 64-bit hashes in arrays (compact, quick).
2. **Seeds.** Word n-grams (``ngram`` words, not all of them function words; plus "number +
   word" pairs such as ``$100m annually``) are hashed. Set operations find the n-grams that two
   documents or more hold; n-grams in more than ``max_doc_fraction`` of a big corpus are
   boilerplate and dropped. Each occurrence is linked to the latest occurrence of its n-gram
   in an earlier document (and to an earlier one in its own document when ``self_matches``),
   so links grow with the number of occurrences, not with its square: a passage in 400
   articles gives 399 links, not 79,800, and grouping (step 5) still puts all 400 together.
3. **Chains.** The seeds of each pair of documents are chained along the diagonal, bridging up
   to ``merge_gap`` unmatched words, into candidate regions.
4. **Verification.** Each region, widened by ``margin`` words, is aligned word by word
   (rapidfuzz Indel opcodes on the hash arrays) and trimmed to its best-scoring stretches
   (a matched content word gains 1, a function word ``stop_weight``; unmatched words cost
   ``gap_penalty`` each, ``inner_gap_penalty`` between seeds, and ``break_penalty`` more when
   the gap crosses a sentence end), so a span starts and ends on matched content words.
   Stretches too short (``min_words``) or too uninformative (``min_content_words``,
   ``min_content_chars``; lower for a quotation matched word for word) are dropped; the rest
   are scored with ``fuzz.ratio`` on the folded words (0-100) and kept from ``min_score`` up.
   With ``link_gap``, stretches that follow each other in both documents are joined first;
   with ``sentence_reach``, alignments are widened to whole sentences nearby.
5. **Groups.** Alignments whose two spans each lie inside a longer alignment's span (less than
   half of it) are dropped (and, without ``self_matches``, each stretch keeps its best
   alignment per pair of documents); spans linked by an alignment, and spans of one document that
   overlap by half the shorter one, are joined with union-find. A group keeps one span per
   occurrence (overlapping spans merged) and needs two documents. Spans inside quotation
   marks are marked (:mod:`reader.core.quotes`) with their speaker; a group is a ``quote``
   when two documents quote it, ``verbatim`` when every alignment matched word for word,
   else ``near``; its score is its weakest alignment's. Groups are numbered ``g1``, ``g2``...
   in order of first occurrence (document order, then offset).

Corpora of ``parallel_min_docs`` documents or more are prepared and verified in a fork
process pool (two processes), unless other threads run (the app's workers) or fork is missing.
The output depends only on the documents (in order) and the options, never on hash seeds.

Spans always start at the start of a word and end at the end of one (a currency sign before a
number and a bracket the span opened are kept), and index the document text exactly:
``document.text[span.start:span.end]`` is the span's text.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import threading
from bisect import bisect_left
from array import array
from collections import Counter
from itertools import compress
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.align_tokens import (
    STOP_HASHES,
    STOP_SIGNED_HASHES,
    WORD_CHAR,
    Tokens,
    folded_words,
    tokenize_with_hashes,
)
from reader.core.models import Document, Group, GroupKind, Span
from reader.core.quotes import Quotation, quotation_at, quotations_around

__all__ = ["AlignOptions", "Cancelled", "align"]


class Cancelled(Exception):
    """Raised by :func:`align` when its ``cancelled`` callback says to stop."""


@dataclass(frozen=True)
class AlignOptions:
    """What counts as a shared passage. The defaults suit news articles (short passages and
    quotes count); :meth:`long_passages` gives the options for reuse detection between long
    documents (PAN-style text alignment)."""

    min_score: float = 60.0
    """Keep an alignment when its words are at least this alike (``fuzz.ratio``, 0-100)."""
    ngram: int = 3
    """Seed size in words: two passages must share this many consecutive words to be found."""
    max_doc_fraction: float = 0.5
    """Seeds found in more than this share of the documents are boilerplate and ignored..."""
    min_doc_limit: int = 10
    """...but a seed is never ignored for being in this many documents or fewer."""
    min_words: int = 3
    """A span needs at least this many words matched in the other span (a number counts
    twice: "$100m annually" is enough)."""
    min_content_words: int = 3
    """...of which at least this many are content words (not "the", "of", "said"...; a
    number counts twice)..."""
    min_content_chars: int = 15
    """...with at least this many characters between them (a number counts 4 more), so "Hamas
    in the Gaza Strip" is not a shared passage, but "war crimes and genocide" and "$100m
    annually" are."""
    quote_min_content_words: int = 2
    """The same two limits when both spans are inside quotation marks and match word for word:
    short quotes count..."""
    quote_min_content_chars: int = 12
    """...with this many characters."""
    merge_gap: int = 4
    """Unmatched words bridged between two seeds of one passage."""
    gap_penalty: float = 0.5
    """When trimming, an unmatched word costs this many matched words."""
    inner_gap_penalty: float = 0.5
    """The same, for unmatched words between the seeds of a region."""
    break_penalty: float = 1.0
    """When trimming, the extra cost of an unmatched stretch that crosses a sentence end."""
    stop_weight: float = 0.5
    """When trimming, a matched function word counts this much (a content word counts 1)."""
    link_gap: int = 0
    """Join two alignments of the same documents when they follow each other within this many
    words in both; ``min_words`` then applies to the joined alignment (0: no joining)."""
    quote_bounds: bool = True
    """Cut an alignment where it runs across the closing mark of the quotation it starts in
    (or into the quotation it ends in), so a matched quotation is a span of its own."""
    sentence_reach: int = 0
    """Widen each alignment to the start and end of its sentences when they are at most this
    many words away (0: spans stop at the outermost matched words)."""
    margin: int = 6
    """Words looked at beyond the outermost seeds when extending a region."""
    self_matches: bool = True
    """A passage repeated inside one document is found (as a second span of its group). When
    false, a stretch of text is also aligned with one stretch of each other document at most
    (the best), as reuse detection between two documents wants."""
    workers: int = 0
    """Processes for big corpora: 0 = automatic (two when the machine has an idle core),
    1 = never start processes, N = up to N (at most one per core)."""
    parallel_min_docs: int = 300
    """Corpora with fewer documents than this are aligned in the calling process."""

    @classmethod
    def long_passages(cls, **changes: Any) -> AlignOptions:
        """Options for reuse detection between long documents (PAN-style text alignment):
        word-pair seeds, fragments of a heavily edited passage joined, short matches dropped.
        Tuned on the PAN 2013 training data; ``changes`` override single fields."""
        tuned: dict[str, Any] = {
            "ngram": 2,
            "merge_gap": 25,
            "link_gap": 150,
            "gap_penalty": 0.25,
            "inner_gap_penalty": 0.15,
            "stop_weight": 1.0,
            "break_penalty": 0.0,
            "margin": 25,
            "min_words": 16,
            "min_score": 20.0,
            "sentence_reach": 15,
            "self_matches": False,
            "quote_bounds": False,
        }
        return cls(**{**tuned, **changes})

    def __post_init__(self) -> None:
        if self.ngram < 1:
            raise ValueError("ngram must be at least 1")
        if not 0 <= self.min_score <= 100:
            raise ValueError("min_score must be between 0 and 100")
        if min(self.merge_gap, self.margin, self.link_gap, self.workers, self.sentence_reach) < 0:
            raise ValueError("merge_gap, link_gap, margin and workers must be >= 0")
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")
        if self.gap_penalty <= 0 or self.inner_gap_penalty <= 0 or self.break_penalty < 0:
            raise ValueError("gap penalties must be positive (break_penalty may be 0)")
        if not 0 <= self.stop_weight <= 1:
            raise ValueError("stop_weight must be between 0 and 1")
        if not 0 < self.max_doc_fraction <= 1:
            raise ValueError("max_doc_fraction must be in (0, 1]")


# ----------------------------------------------------------------------------------------------
# Step 2: seeds


Gram = int
"""An n-gram, as the hash of its words' hashes."""
_NUMBER_TAG = -1  # hash() never returns -1, so number seeds never equal an n-gram's words


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One document ready for seeding."""

    tokens: Tokens
    grams: array
    """The n-gram starting at each token (``array('q')``)."""
    extra: list[tuple[int, Gram]]
    """Number seeds: (token index, seed)."""
    stop_grams: set[Gram]
    """The n-grams made of function words only (they never seed)."""


def _prepare(text: str, n: int) -> _Prepared:
    tokens, words = tokenize_with_hashes(text)
    if n == 1:
        grams = words
    else:
        grams = list(map(hash, zip(*(words[k:] for k in range(n)))))
    flags = list(map(STOP_SIGNED_HASHES.__contains__, words))
    stop_grams: set[Gram] = set()
    if n > 1 and any(flags):
        stop_grams.update(compress(grams, map(all, zip(*(flags[k:] for k in range(n))))))
    elif n == 1:
        stop_grams.update(compress(grams, flags))
    extra = _number_grams(words, tokens.numbers, n, flags)
    return _Prepared(tokens, array("q", grams), extra, stop_grams)


def _number_grams(words: list[int], numbers: list[int], n: int, flags: list[bool]) -> list[tuple[int, Gram]]:
    """Extra seeds when ``n`` > 2: a number with the content word after it ("$100m
    annually"), which is rare enough to seed a match on its own."""
    if n <= 2 or not numbers:
        return []
    last = len(words) - 1
    return [(i, hash((_NUMBER_TAG, words[i], words[i + 1]))) for i in numbers if i < last and not flags[i + 1]]


@dataclass(slots=True)
class _Chunk:
    """Documents prepared together, with the n-grams they hold and those two of them share."""

    prepared: list[_Prepared]
    seen: set[Gram]
    shared: set[Gram]
    stop_grams: set[Gram]


def _prepare_docs(documents: Sequence[Document], indices: range, n: int, tick: Callable[[int], None] | None = None) -> _Chunk:
    chunk = _Chunk([], set(), set(), set())
    seen, shared = chunk.seen, chunk.shared
    for k, i in enumerate(indices):
        if tick is not None and k % 64 == 63:
            tick(k)
        doc = _prepare(documents[i].text, n)
        chunk.prepared.append(doc)
        here = set(doc.grams)
        if doc.extra:
            here.update(g for _, g in doc.extra)
        # Set operations keep this in C: an n-gram is shared once a document holds one
        # already seen.
        shared |= here & seen
        seen |= here
        chunk.stop_grams |= doc.stop_grams
    return chunk


def _prepare_chunk(indices: range) -> _Chunk:
    assert _DOCS is not None
    documents, n = _DOCS
    return _prepare_docs(documents, indices, n)


_DOCS: tuple[Sequence[Document], int] | None = None
"""Worker state for preparing documents in a process pool (inherited by fork)."""


def _seed_pairs(
    chunks: list[_Chunk], n: int, options: AlignOptions, cancelled: Callable[[], bool] | None
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Seed matches per pair of documents: ``{(a, b): [(pos_a, pos_b), ...]}`` with a <= b."""
    # Candidate n-grams: in two documents or more (self matches only matter for n-grams that are
    # also elsewhere), not boilerplate, with at least one content word.
    shared: set[Gram] = set()
    seen: set[Gram] = set()
    for chunk in chunks:
        shared |= chunk.shared
        shared |= chunk.seen & seen if len(chunk.seen) < len(seen) else seen & chunk.seen
        seen |= chunk.seen
        chunk.seen = chunk.shared = set()
    del seen
    for chunk in chunks:
        shared -= chunk.stop_grams
    prepared = [doc for chunk in chunks for doc in chunk.prepared]
    limit = max(options.min_doc_limit, int(options.max_doc_fraction * len(prepared)))
    if len(prepared) > limit and shared:
        df: Counter[Gram] = Counter()
        for doc in prepared:
            df.update(shared.intersection(doc.grams))
        shared = {g for g, count in df.items() if count <= limit}
    if not shared:
        return {}
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = {}
    current: dict[Gram, tuple[int, int]] = {}
    earlier: dict[Gram, tuple[int, int]] = {}
    self_matches = options.self_matches
    for d, doc in enumerate(prepared):
        if cancelled is not None and d % 64 == 0 and cancelled():
            raise Cancelled()
        common = shared.intersection(doc.grams)
        if doc.extra:
            common.update(g for _, g in doc.extra if g in shared)
        if not common:
            continue
        grams = doc.grams
        hits = [(i, grams[i]) for i in compress(range(len(grams)), map(common.__contains__, grams))]
        if doc.extra:
            hits.extend((i, g) for i, g in doc.extra if g in common)
        hits.sort()
        for i, g in hits:
            seen = current.get(g)
            current[g] = (d, i)
            if seen is None:
                continue
            if seen[0] == d:
                if self_matches and i - seen[1] >= n:
                    pairs.setdefault((d, d), []).append((seen[1], i))
                seen = earlier.get(g)
                if seen is None:
                    continue
            else:
                earlier[g] = seen
            pairs.setdefault((seen[0], d), []).append((seen[1], i))
    return pairs


# ----------------------------------------------------------------------------------------------
# Step 3: chains


def _chains(seeds: list[tuple[int, int]], n: int, gap: int) -> list[list[int]]:
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


# ----------------------------------------------------------------------------------------------
# Step 4: verification


@dataclass(slots=True)
class _Link:
    """One verified alignment between two documents (token ranges, half-open)."""

    a: int
    a0: int
    a1: int
    b: int
    b0: int
    b1: int
    score: float
    same: bool
    count: int
    """Matched words (a number counts twice)."""


_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s|\n")


class _Context:
    """What verification needs about the documents, with per-document caches."""

    def __init__(self, documents: Sequence[Document], tokens: Sequence[Tokens], options: AlignOptions) -> None:
        self.documents = documents
        self.tokens = tokens
        self.options = options
        self._quotes: dict[tuple[int, int, int], list[Quotation]] = {}
        self._numbers: dict[int, set[int]] = {}

    def quotations(self, d: int, start: int, end: int) -> list[Quotation]:
        """The quotations of the paragraphs holding characters ``[start, end)`` of document
        ``d`` (read paragraph by paragraph, as needed, and kept)."""
        text = self.documents[d].text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        key = (d, lo, hi)
        found = self._quotes.get(key)
        if found is None:
            found = self._quotes[key] = quotations_around(text, start, end)
        return found

    def quotation(self, d: int, start: int, end: int) -> Quotation | None:
        """The quotation holding most of characters ``[start, end)`` of document ``d``, if it
        holds half of them."""
        return quotation_at(self.quotations(d, start, end), start, end)

    def quote_cut(self, d: int, t0: int, t1: int) -> int | None:
        """Where tokens ``[t0, t1)`` of document ``d`` should be cut because they start inside a
        quotation and run past its closing mark, or run into one and end inside it: the first
        token after the mark, if any."""
        tk = self.tokens[d]
        start, end = tk.starts[t0], tk.ends[t1 - 1]
        for quote in self.quotations(d, start, end):
            if quote.start <= start < quote.end < end:
                mark = quote.end
            elif start < quote.start < end <= quote.end:
                mark = quote.start
            else:
                continue
            cut = bisect_left(tk.starts, mark, t0, t1)
            if t0 < cut < t1:
                return cut
        return None

    def quoted(self, d: int, t0: int, t1: int) -> bool:
        """Whether tokens ``[t0, t1)`` of document ``d`` are mostly inside one quotation."""
        tk = self.tokens[d]
        return self.quotation(d, tk.starts[t0], tk.ends[t1 - 1]) is not None

    def numbers(self, d: int) -> set[int]:
        """The token indices of document ``d`` that are numbers."""
        found = self._numbers.get(d)
        if found is None:
            found = self._numbers[d] = set(self.tokens[d].numbers)
        return found

    def words(self, d: int, t0: int, t1: int) -> str:
        """Tokens ``[t0, t1)`` of document ``d`` as folded words, one space between them."""
        tk = self.tokens[d]
        return folded_words(self.documents[d].text[tk.starts[t0] : tk.ends[t1 - 1]])

    def sentence_bounds(self, d: int, t0: int, t1: int, reach: int) -> tuple[int, int]:
        """Tokens ``[t0, t1)`` of document ``d`` widened to the start and end of their
        sentences when those are at most ``reach`` tokens away."""
        tk, text = self.tokens[d], self.documents[d].text
        lo = max(0, t0 - reach)
        start = t0
        breaks = list(_SENTENCE_BREAK.finditer(text, tk.starts[lo], tk.starts[t0]))
        if breaks:
            start = max(lo, bisect_left(tk.starts, breaks[-1].end(), lo, t0 + 1))
        elif lo == 0 and t0 <= reach:
            start = 0
        hi = min(len(tk.starts), t1 + reach)
        end = t1
        found = _SENTENCE_BREAK.search(text, tk.ends[t1 - 1], tk.ends[hi - 1])
        if found is not None:
            end = max(t1, bisect_left(tk.starts, found.start(), t1, hi))
        elif hi == len(tk.starts) and len(tk.starts) - t1 <= reach:
            end = hi
        return start, end

    def crosses(self, d: int, lo: int, hi: int) -> bool:
        """Whether a sentence or a line ends between tokens ``lo`` and ``hi`` of document ``d``."""
        tk = self.tokens[d]
        if lo < 0 or hi >= len(tk.starts):
            return False
        return _SENTENCE_BREAK.search(self.documents[d].text, tk.ends[lo], tk.starts[hi]) is not None


def _best_stretches(
    ops: list[tuple[int, int, int, int, int]],
    words: list[str],
    penalty: float,
    stop_weight: float,
    inner: tuple[int, int, int, int, float],
    crossing: Callable[[int, int, int, int], bool],
    break_penalty: float,
) -> list[tuple[int, int]]:
    """Indices (first, last) of ``ops`` blocks bounding the best-scoring stretches: maximum
    sums of matched words (a function word counts ``stop_weight``) minus penalised unmatched
    words, found again left and right of each one."""
    values = []
    stop = STOP_HASHES
    ia0, ia1, ib0, ib1, inner_penalty = inner
    for kind, a0, a1, b0, b1 in ops:
        if kind:
            stops = sum(1 for w in words[a0:a1] if w in stop)
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


def _blocks(wa: list[str], wb: list[str]) -> list[tuple[int, int, int, int, int]]:
    """Word alignment as blocks ``(matched, a0, a1, b0, b1)``: runs of equal words and the gaps
    between them (each gap merged into one block, so a changed word counts once)."""
    blocks: list[tuple[int, int, int, int, int]] = []
    for op in Indel.opcodes(wa, wb):
        tag = op.tag
        if tag == "equal":
            blocks.append((1, op.src_start, op.src_end, op.dest_start, op.dest_end))
        elif blocks and not blocks[-1][0]:
            _, a0, _, b0, _ = blocks[-1]
            blocks[-1] = (0, a0, op.src_end, b0, op.dest_end)
        else:
            blocks.append((0, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _verify(ctx: _Context, a: int, b: int, region: list[int]) -> list[_Link]:
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
        # A gap block [s0, s1) x [t0, t1) (window offsets) crosses a sentence end when one
        # ends between the matched word before it and the matched word after it.
        return ctx.crosses(a, wa0 + s0 - 1, wa0 + s1) or ctx.crosses(b, wb0 + t0 - 1, wb0 + t1)

    stretches = _best_stretches(
        blocks, wa, options.gap_penalty, options.stop_weight, inner, crossing, options.break_penalty
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


Block = tuple[int, int, int, int, int]
"""``(matched, a0, a1, b0, b1)``: a run of equal words (matched = 1) or the gap between two."""


def _link(
    ctx: _Context, a: int, b: int, wa0: int, wb0: int, wa: array, wb: array, piece: list[Block]
) -> _Link | None:
    """The alignment made of ``piece`` (blocks from a matched one to a matched one, window
    offsets), trimmed of function words at both ends, if it passes the options' limits."""
    options, ta = ctx.options, ctx.tokens[a]
    stop = STOP_HASHES
    # Trim function words off both ends, skipping whole blocks made of them (they are matched
    # words, so both sides lose the same ones).
    first, last = 0, len(piece) - 1
    while first < last and all(w in stop for w in wa[piece[first][1] : piece[first][2]]):
        first += 2
    while last > first and all(w in stop for w in wa[piece[last][1] : piece[last][2]]):
        last -= 2
    s0, s1 = piece[first][1], piece[last][2]
    t0, t1 = piece[first][3], piece[last][4]
    while s1 - s0 > 1 and wa[s0] in stop and piece[first][2] > s0 + 1:
        s0, t0 = s0 + 1, t0 + 1
    while s1 - s0 > 1 and wa[s1 - 1] in stop and piece[last][1] < s1 - 1:
        s1, t1 = s1 - 1, t1 - 1
    matched = [i for blk in piece[first : last + 1] if blk[0] for i in range(max(blk[1], s0), min(blk[2], s1))]
    content = [wa0 + i for i in matched if wa[i] not in stop]
    numbers = len(ctx.numbers(a).intersection(content))
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
    return _Link(a, wa0 + s0, wa0 + s1, b, wb0 + t0, wb0 + t1, round(score, 1), same, count)


def _cut_at_quotes(ctx: _Context, a: int, b: int, wa0: int, wb0: int, piece: list[Block]) -> list[list[Block]]:
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


def _verify_pairs(
    items: list[tuple[tuple[int, int], list[tuple[int, int]]]],
    ctx: _Context,
    tick: Callable[[int], None] | None = None,
) -> list[_Link]:
    options = ctx.options
    n = options.ngram
    links: list[_Link] = []
    for k, ((a, b), seeds) in enumerate(items):
        if tick is not None and k % 32 == 0:
            tick(k)
        for region in _chains(seeds, n, options.merge_gap):
            links.extend(_verify(ctx, a, b, region))
    return links


# Worker state for the process pool (inherited by fork, never pickled).
_JOB: _Context | None = None


def _verify_chunk(items: list[tuple[tuple[int, int], list[tuple[int, int]]]]) -> list[_Link]:
    assert _JOB is not None
    return _verify_pairs(items, _JOB)


def _workers(options: AlignOptions, n_docs: int) -> int:
    if options.workers == 1 or n_docs < options.parallel_min_docs:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1
    if threading.active_count() > 1:
        # Forking a process that runs other threads (the app's workers) is not safe.
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if options.workers:
        return max(1, min(cores, options.workers))
    # Automatic: a second process only pays for itself when a core is idle (measured: on a
    # busy two-core machine the pool's copying makes the whole run slower).
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:
        idle = 0.0
    return 2 if cores >= 2 and idle >= 1.0 else 1


# ----------------------------------------------------------------------------------------------
# Step 5: groups


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            if rx < ry:
                self.parent[ry] = rx
            else:
                self.parent[rx] = ry


def _to_sentences(ctx: _Context, link: _Link, reach: int) -> _Link:
    a0, a1 = ctx.sentence_bounds(link.a, link.a0, link.a1, reach)
    b0, b1 = ctx.sentence_bounds(link.b, link.b0, link.b1, reach)
    if (a0, a1, b0, b1) == (link.a0, link.a1, link.b0, link.b1):
        return link
    return _Link(link.a, a0, a1, link.b, b0, b1, link.score, False, link.count)


def _merge_links(links: list[_Link], gap: int) -> list[_Link]:
    """Join alignments of the same two documents that follow each other within ``gap`` words
    in both (the fragments of one long reused passage with heavy edits)."""
    out: list[_Link] = []
    for link in links:  # sorted by (a, b, a0, b0, ...)
        merged = False
        for k in range(len(out) - 1, max(-1, len(out) - 8), -1):
            prev = out[k]
            if prev.a != link.a or prev.b != link.b:
                break
            da, db = link.a0 - prev.a1, link.b0 - prev.b1
            # In order in both documents; or, for two substantial pieces, near each other in
            # both in any order (reused text with its sentences shuffled).
            onward = -2 <= da <= gap and -2 <= db <= gap and link.a1 > prev.a1 and link.b1 > prev.b1
            shuffled = (
                min(link.count, prev.count) >= 8
                and -2 <= da <= gap
                and max(link.b0 - prev.b1, prev.b0 - link.b1) <= gap
                and link.a1 > prev.a1
            )
            if onward or shuffled:
                size_p, size_l = prev.a1 - prev.a0, link.a1 - link.a0
                score = (prev.score * size_p + link.score * size_l) / max(1, size_p + size_l)
                out[k] = _Link(
                    prev.a, min(prev.a0, link.a0), max(prev.a1, link.a1),
                    prev.b, min(prev.b0, link.b0), max(prev.b1, link.b1),
                    round(score, 1), False, prev.count + link.count,
                )
                merged = True
                break
        if not merged:
            out.append(link)
    return out


def _one_to_one(links: list[_Link]) -> list[_Link]:
    """Per pair of documents, keep each stretch of text in one alignment only: the one with the
    most matched words (then the best score, then the first). Repetitive text (lists, tables,
    templates) otherwise pairs every repeat with every other."""
    by_pair: dict[tuple[int, int], list[_Link]] = {}
    for link in links:
        by_pair.setdefault((link.a, link.b), []).append(link)
    kept: list[_Link] = []
    for pair_links in by_pair.values():
        ranked = sorted(pair_links, key=lambda l: (-l.count, -l.score, l.a0, l.b0))
        taken_a: list[tuple[int, int]] = []
        taken_b: list[tuple[int, int]] = []
        for link in ranked:
            if any(link.a0 < e and s < link.a1 for s, e in taken_a):
                continue
            if any(link.b0 < e and s < link.b1 for s, e in taken_b):
                continue
            taken_a.append((link.a0, link.a1))
            taken_b.append((link.b0, link.b1))
            kept.append(link)
    kept.sort(key=lambda link: (link.a, link.b, link.a0, link.b0, link.a1, link.b1))
    return kept


def _drop_nested(links: list[_Link]) -> list[_Link]:
    """Drop the alignments whose two spans each lie inside, and are less than half of, a longer
    alignment's span: a phrase of one passage met again inside another passage, which would
    only tie two unrelated groups together."""
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for k, link in enumerate(links):
        by_doc.setdefault(link.a, []).append((link.a0, -link.a1, 2 * k))
        by_doc.setdefault(link.b, []).append((link.b0, -link.b1, 2 * k + 1))
    nested = [False] * (2 * len(links))
    for entries in by_doc.values():
        entries.sort()
        reach, owner, owner_len = -1, -1, 0
        for start, neg_end, node in entries:
            end = -neg_end
            if end <= reach:
                if owner // 2 != node // 2 and 2 * (end - start) < owner_len:
                    nested[node] = True
            else:
                reach, owner, owner_len = end, node, end - start
    return [link for k, link in enumerate(links) if not (nested[2 * k] and nested[2 * k + 1])]


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words (a token may stop inside ``$100m``-like runs)."""
    while start > 0 and WORD_CHAR.match(text, start - 1):
        start -= 1
    while end < len(text) and WORD_CHAR.match(text, end):
        end += 1
    if start > 0 and text[start - 1] in "$€£¥" and start - 1 >= 0:
        start -= 1
    # Close a bracket the span opened: "Organization of Islamic Cooperation (OIC)".
    if end < len(text) and text[end] in ")]":
        opener = "(" if text[end] == ")" else "["
        inside = text[start:end]
        if inside.count(opener) > inside.count(text[end]):
            end += 1
    return start, end


def _groups(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    links: list[_Link],
    quotation: Callable[[int, int, int], Quotation | None],
) -> tuple[Group, ...]:
    # Nodes: one per (link, side), as character spans.
    spans: list[tuple[int, int, int]] = []
    for link in links:
        ta, tb = tokens[link.a], tokens[link.b]
        spans.append((link.a, ta.starts[link.a0], ta.ends[link.a1 - 1]))
        spans.append((link.b, tb.starts[link.b0], tb.ends[link.b1 - 1]))
    uf = _UnionFind(len(spans))
    for k in range(len(links)):
        uf.union(2 * k, 2 * k + 1)
    # Overlapping spans of one document are one occurrence (found by two pairs of documents
    # with slightly different extents) when one holds the other and the inner one is more than
    # half of it, or when they overlap by more than two thirds of the longer one. A phrase met
    # again inside a longer passage, or sharing a word or two with it, is another occurrence:
    # joining it would chain unrelated mentions into one group ("Iran's foreign minister" and
    # "Hossein Amir-Abdollahian" through "Iran's Foreign Minister Hossein Amir-Abdollahian").
    by_doc: dict[int, list[int]] = {}
    for idx, (d, _, _) in enumerate(spans):
        by_doc.setdefault(d, []).append(idx)
    for idxs in by_doc.values():
        idxs.sort(key=lambda i: (spans[i][1], -spans[i][2]))
        active: list[int] = []
        for i in idxs:
            _, s, e = spans[i]
            active = [j for j in active if spans[j][2] > s]
            for j in active:
                _, sj, ej = spans[j]  # sj <= s
                if e <= ej:
                    same = 2 * (e - s) > ej - sj
                else:
                    same = 3 * (ej - s) > 2 * max(e - s, ej - sj)
                if same:
                    uf.union(i, j)
            active.append(i)
    components: dict[int, list[int]] = {}
    for idx in range(len(spans)):
        components.setdefault(uf.find(idx), []).append(idx)
    drafts = []
    for members in components.values():
        per_doc: dict[int, list[tuple[int, int]]] = {}
        for i in members:
            d, s, e = spans[i]
            per_doc.setdefault(d, []).append((s, e))
        if len(per_doc) < 2:
            continue
        merged: list[tuple[int, int, int]] = []
        for d in sorted(per_doc):
            ranges = sorted(per_doc[d])
            cur_s, cur_e = ranges[0]
            for s, e in ranges[1:]:
                if s < cur_e:
                    cur_e = max(cur_e, e)
                else:
                    merged.append((d, cur_s, cur_e))
                    cur_s, cur_e = s, e
            merged.append((d, cur_s, cur_e))
        member_links = [links[i // 2] for i in members if i % 2 == 0]
        drafts.append((merged, member_links))
    groups = []
    for merged, member_links in drafts:
        out_spans = []
        quoted_docs = set()
        whole_quote = False
        for d, s, e in merged:
            text = documents[d].text
            s, e = _snap(text, s, e)
            quote = quotation(d, s, e)
            if quote is not None:
                quoted_docs.add(d)
                whole_quote = whole_quote or 2 * (min(e, quote.end) - max(s, quote.start)) >= quote.end - quote.start
            out_spans.append(
                Span(
                    doc=documents[d].id,
                    start=s,
                    end=e,
                    quoted=quote is not None,
                    speaker=quote.speaker if quote is not None else None,
                )
            )
        score = min(link.score for link in member_links)
        # The same quotation: quoted in two documents, and all or most of one quotation (not a
        # phrase, such as a country's name, met inside two different quotations).
        if len(quoted_docs) >= 2 and whole_quote:
            kind = GroupKind.QUOTE
        elif all(link.same for link in member_links):
            kind = GroupKind.VERBATIM
        else:
            kind = GroupKind.NEAR
        groups.append((merged[0][0], merged[0][1], kind, score, tuple(out_spans)))
    groups.sort(key=lambda g: (g[0], g[1], [(s.doc, s.start, s.end) for s in g[4]]))
    return tuple(
        Group(id=f"g{k}", kind=kind, score=score, spans=spans_)
        for k, (_, _, kind, score, spans_) in enumerate(groups, 1)
    )


# ----------------------------------------------------------------------------------------------
# The entry point


def align(
    documents: Sequence[Document],
    options: AlignOptions = AlignOptions(),
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Group, ...]:
    """The passages shared by two or more of ``documents``, as groups of spans.

    ``progress(fraction)`` is called now and then (0 to 1); when ``cancelled()`` returns true
    the work stops and :class:`Cancelled` is raised. The result depends only on the documents
    (in order) and the options.
    """

    def report(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction)

    report(0.0)
    if len(documents) < 2 and not options.self_matches:
        report(1.0)
        return ()
    n = options.ngram
    workers = _workers(options, len(documents))
    if workers > 1:
        chunks = _prepare_parallel(documents, n, workers, report)
    else:
        total_docs = max(1, len(documents))
        chunks = [_prepare_docs(documents, range(len(documents)), n, lambda k: report(0.3 * k / total_docs))]
    report(0.3)
    pairs = _seed_pairs(chunks, n, options, cancelled)
    tokens = [doc.tokens for chunk in chunks for doc in chunk.prepared]
    del chunks
    report(0.4)

    ctx = _Context(documents, tokens, options)
    items = list(pairs.items())
    total = max(1, len(items))
    if workers > 1 and len(items) > 1:
        links = _verify_parallel(items, ctx, workers, report)
    else:
        links = _verify_pairs(items, ctx, tick=lambda k: report(0.4 + 0.5 * k / total))
    links.sort(key=lambda link: (link.a, link.b, link.a0, link.b0, link.a1, link.b1))
    if options.link_gap:
        links = [link for link in _merge_links(links, options.link_gap) if link.count >= options.min_words]
    if options.sentence_reach:
        links = [_to_sentences(ctx, link, options.sentence_reach) for link in links]
    links = _drop_nested(links)
    if not options.self_matches:
        links = _one_to_one(links)
    report(0.9)
    groups = _groups(documents, tokens, links, ctx.quotation)
    report(1.0)
    return groups


def _prepare_parallel(
    documents: Sequence[Document], n: int, workers: int, report: Callable[[float], None]
) -> list[_Chunk]:
    global _DOCS
    count = workers * 3
    size = -(-len(documents) // count)
    ranges = [range(k, min(k + size, len(documents))) for k in range(0, len(documents), size)]
    chunks: list[_Chunk] = []
    _DOCS = (documents, n)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for k, chunk in enumerate(pool.imap(_prepare_chunk, ranges)):
                chunks.append(chunk)
                report(0.3 * (k + 1) / len(ranges))
    finally:
        _DOCS = None
    return chunks


def _verify_parallel(
    items: list[tuple[tuple[int, int], list[tuple[int, int]]]],
    ctx: _Context,
    workers: int,
    report: Callable[[float], None],
) -> list[_Link]:
    global _JOB
    # Interleave the pairs so each chunk gets a fair share of the work.
    chunk_count = workers * 8
    chunks = [items[k::chunk_count] for k in range(chunk_count)]
    _JOB = ctx
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            results = []
            for k, result in enumerate(pool.imap(_verify_chunk, chunks)):
                results.append(result)
                report(0.4 + 0.5 * (k + 1) / chunk_count)
    finally:
        _JOB = None
    return [link for result in results for link in result]
