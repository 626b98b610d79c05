"""What the stages of the aligner share about a corpus: :class:`Link` (one verified alignment
between two documents, in token ranges) and :class:`Context` (the documents, their tokens and the
options, with caches of what is read from them on demand: the quotations of a paragraph, sentence
ends, and what verification reads of each document, as a :class:`Side`).

Plain data in, plain data out: a :class:`Context` is rebuilt from ``(documents, tokens,
options)`` wherever a stage runs (a process of the pool, a partition of a distributed run); its
caches only save work and never change a result.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import mul, not_, sub

from reader.core.align.options import AlignOptions
from reader.core.align.quotes import Quotation, quotation_at, quotation_bounds, quotations_around_in_order
from reader.core.align.tokens import STOP_HASHES, Tokens, folded_words, joined_words, words_cut_here
from reader.core.models import Document

__all__ = ["Context", "Link", "Side"]


@dataclass(slots=True)
class Link:
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


class Context:
    """What verification needs about the documents, with per-document caches."""

    def __init__(self, documents: Sequence[Document], tokens: Sequence[Tokens], options: AlignOptions) -> None:
        """Caches start empty."""
        self.documents = documents
        self.tokens = tokens
        self.options = options
        self._quotes: dict[tuple[int, int, int], tuple[Iterator[Quotation], list[Quotation]]] = {}
        """Per paragraphs ``(document, start, end)``: their quotations, and those read so far."""
        self._bounds: dict[int, tuple[list[int], list[int]]] = {}
        self._breaks: dict[int, array | None] = {}
        self._sides: dict[int, Side] = {}
        self._joined: dict[int, tuple[str, array] | None] = {}
        """Per document: its folded words and where each token's starts (:meth:`words`)."""

    def quotations(self, d: int, start: int, end: int) -> list[Quotation]:
        """The quotations of the paragraphs holding characters ``[start, end)`` of document
        ``d`` (read paragraph by paragraph, as needed, and kept)."""
        return self._read_quotations(d, start, end, None)

    def _read_quotations(self, d: int, start: int, end: int, before: int | None) -> list[Quotation]:
        """:meth:`quotations`, read at least up to the first one starting at ``before`` or
        later (None: all of them): a quotation's speaker depends on those before it only, so the
        speakers of the later ones are looked for only when asked for."""
        text = self.documents[d].text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        key = (d, lo, hi)
        read = self._quotes.get(key)
        if read is None:
            read = self._quotes[key] = (quotations_around_in_order(text, start, end), [])
        found, done = read
        while before is None or not done or done[-1].start < before:
            quote = next(found, None)
            if quote is None:
                break
            done.append(quote)
        return done

    def quotation(self, d: int, start: int, end: int) -> Quotation | None:
        """The quotation holding most of characters ``[start, end)`` of document ``d``, if it
        holds half of them."""
        q_starts, q_ends = self._quotation_bounds(d)
        best = max(
            (min(end, q_ends[k]) - max(start, q_starts[k]) for k in range(bisect_right(q_ends, start), bisect_left(q_starts, end))),
            default=0,
        )
        if 2 * best < max(1, end - start):
            return None  # no quotation holds half of it: no need to look for speakers
        return quotation_at(self._read_quotations(d, start, end, end), start, end)

    def _quotation_bounds(self, d: int) -> tuple[list[int], list[int]]:
        """Where the quotations of document ``d`` start and end (in order: quotations never
        overlap), located once per document."""
        bounds = self._bounds.get(d)
        if bounds is None:
            found = quotation_bounds(self.documents[d].text)
            bounds = self._bounds[d] = ([s for s, _ in found], [e for _, e in found])
        return bounds

    def quote_cut(self, d: int, t0: int, t1: int) -> int | None:
        """Where tokens ``[t0, t1)`` of document ``d`` should be cut because they start inside a
        quotation and run past its closing mark, or run into one and end inside it: the first
        token after the mark, if any."""
        tk = self.tokens[d]
        q_starts, q_ends = self._quotation_bounds(d)
        first = bisect_right(q_ends, tk.starts[t0])
        if first == len(q_ends) or q_starts[first] >= tk.ends[t1 - 1]:
            return None  # no quotation overlaps the tokens
        # Function words at the ends are trimmed later: "Israel's “war crimes” are not" is
        # judged from "war" on.
        while t1 - t0 > 1 and tk.words[t0] in STOP_HASHES:
            t0 += 1
        while t1 - t0 > 1 and tk.words[t1 - 1] in STOP_HASHES:
            t1 -= 1
        start, end = tk.starts[t0], tk.ends[t1 - 1]
        # Only where the quotations are matters here, not who speaks them; and only those
        # overlapping [start, end) can cut it.
        for k in range(bisect_right(q_ends, start, first), bisect_left(q_starts, end)):
            q_start, q_end = q_starts[k], q_ends[k]
            if q_start <= start < q_end < end:
                mark = q_end
            elif start < q_start < end <= q_end:
                mark = q_start
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

    def words(self, d: int, t0: int, t1: int) -> str:
        """Tokens ``[t0, t1)`` of document ``d`` as folded words, one space between them
        (:func:`~reader.core.align.tokens.folded_words` of their text): a slice of the
        document's words, folded once (:func:`~reader.core.align.tokens.joined_words`), where
        that gives the same."""
        tk, text = self.tokens[d], self.documents[d].text
        start, end = tk.starts[t0], tk.ends[t1 - 1]
        joined = self._joined.get(d, False)
        if joined is False:
            joined = self._joined[d] = joined_words(text, tk)
        if joined is None or words_cut_here(text, start, end):
            return folded_words(text[start:end])
        return joined[0][joined[1][t0] : joined[1][t1] - 1]

    def forget_words(self) -> None:
        """Let go of the documents' folded words read by :meth:`words` (verification alone
        reads them: 5 MB at 1,000 story articles, as much again for each 1,000 more)."""
        self._joined.clear()

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
        counts = self.break_counts(d)
        if counts is None or hi <= lo:
            return _SENTENCE_BREAK.search(self.documents[d].text, tk.ends[lo], tk.starts[hi]) is not None
        return counts[hi] != counts[lo]

    def side(self, d: int) -> Side:
        """What verification reads of document ``d``, gathered once (:class:`Side`)."""
        found = self._sides.get(d)
        if found is None:
            found = self._sides[d] = Side(self, d)
        return found

    def break_counts(self, d: int) -> array | None:
        """:func:`break_counts` of document ``d``, counted once."""
        counts = self._breaks.get(d, False)
        if counts is False:
            from reader.core.align.compiled import VERIFY  # here: the kernels import this module

            tk = self.tokens[d]
            count = break_counts if VERIFY is None else lambda text, tk: VERIFY.break_counts(text, tk.starts, tk.ends)
            counts = self._breaks[d] = count(self.documents[d].text, tk)
        return counts

    def stop_counts(self, d: int) -> array:
        """For each ``i``, how many of the first ``i`` tokens of document ``d`` are function
        words (:data:`~reader.core.align.tokens.STOP_HASHES`), counted once per document."""
        return self.side(d).stops


class Side:
    """Document ``d`` as verification reads it, every lookup an index: its tokens, and for each
    ``i`` how many of the first ``i`` tokens are function words (``stops``), numbers that are not
    function words (``numbers``), and how many characters the tokens among them that are not
    function words hold (``chars``); the sentence ends between tokens (``breaks``:
    :func:`break_counts`, None to look in the text; not read without a ``break_penalty``) and
    where its quotations start and end. The running sums are ``array('i')`` (4 bytes a token;
    lists of ints took 36 once past 256: at 3,000 story articles, the sides of every document
    held 113 MB as lists, 25 as arrays)."""

    __slots__ = ("breaks", "chars", "d", "ends", "numbers", "q_ends", "q_starts", "starts", "stops", "words")

    def __init__(self, ctx: Context, d: int) -> None:
        """The running sums counted here; sentence ends and quotations from ``ctx``'s caches."""
        tk = ctx.tokens[d]
        self.d = d
        self.words, self.starts, self.ends = tk.words, tk.starts, tk.ends
        from reader.core.align.compiled import VERIFY  # here: the kernels import this module

        sums = side_sums if VERIFY is None else VERIFY.side_sums
        self.stops, self.chars, self.numbers = sums(tk.words, tk.starts, tk.ends, tk.numbers)
        self.breaks = ctx.break_counts(d) if ctx.options.break_penalty else None
        self.q_starts, self.q_ends = ctx._quotation_bounds(d)


def side_sums(words: array, starts: array, ends: array, numbers: list[int]) -> tuple[array, array, array]:
    """For each ``i``, how many of the first ``i`` tokens (``words``, their ``starts`` and
    ``ends``) are function words, numbers (at ``numbers``) that are not function words, and how
    many characters those that are not function words hold: :class:`Side`'s running sums (the
    compiled kernels' ``side_sums`` gives the same)."""
    stop = list(map(STOP_HASHES.__contains__, words))
    stops = array("i", accumulate(stop, initial=0))
    chars = array("i", accumulate(map(mul, map(sub, ends, starts), map(not_, stop)), initial=0))
    flags = [0] * len(stop)
    for i in numbers:
        flags[i] = not stop[i]
    return stops, chars, array("i", accumulate(flags, initial=0))


def break_counts(text: str, tk: Tokens) -> array | None:
    """For each token ``k`` of ``text``, how many of the gaps before it (between token ``i`` and
    ``i + 1``, ``i < k``) hold a sentence or line end (:data:`_SENTENCE_BREAK`), so that one
    ends between tokens ``lo`` and ``hi`` when the counts at ``lo`` and ``hi`` differ
    (``array('i')``). Such an
    end is made of punctuation and white space only, so it always lies inside one gap; None
    (look it up in the text instead) if one were ever found across a token."""
    starts, ends = tk.starts, tk.ends
    flags = [0] * len(starts)
    for match in _SENTENCE_BREAK.finditer(text):
        k = bisect_right(ends, match.start()) - 1
        if k < 0 or k + 1 >= len(starts):
            continue  # before the first token or after the last: never between two
        if match.end() > starts[k + 1]:
            return None
        flags[k + 1] = 1
    return array("i", accumulate(flags))
