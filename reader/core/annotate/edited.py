"""Finding an *edited* quotation again: fuzzy matches of an annotation's quotation, seeded by
character n-grams of prefix + quotation + suffix, their boundaries taken from where the stored
context ends and begins (never guessed: see :meth:`EditedSearch._edges_hold`), within the
quotation's own sentences (:func:`sentences_alike`) and never cut short where its last (first)
words recur (:func:`cut_short`). A mixin of
:class:`reader.core.annotate.anchoring._Anchorer`, which supplies ``text`` and ``_candidate``."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from reader.core.annotate.context import word_boundary, words_kept
from reader.core.annotate.model import CONTEXT_CHARS, Annotation
from reader.core.annotate.twins import SENTENCE_END

if TYPE_CHECKING:
    from reader.core.annotate.anchoring import Candidate

QUOTE_THRESHOLD = 80.0
"""Minimum similarity (0-100) between the stored quotation and an edited one."""

EDGE_THRESHOLD = 90.0
"""Minimum similarity (0-100) of each side's stored context to the text next to an edited
quotation: an edited quotation is placed only between its intact context."""

EDGE_CHARS = 6
"""The characters of the stored context touching an edited quotation that must be in place
unchanged; where a side has little stored context, as many of the quotation's own."""

_GRAM = 6
"""Length of the character n-grams that seed the search."""

KEPT_WORDS = 0.5
"""The share of its words each sentence of the quotation keeps in an edited one, unless they are
alike (:func:`sentences_alike`)."""

_WORDS = re.compile(r"[^\W_]+")


def sentences_alike(stored: str, here: str) -> bool:
    """Whether an edited quotation (``here``) lies within the quotation's own sentences (parts
    between sentence ends, :data:`~reader.core.annotate.twins.SENTENCE_END`): its first and
    last parts keep at least half the words of the quotation's first and last
    (:func:`~reader.core.annotate.context.words_kept`) or are :data:`QUOTE_THRESHOLD` alike (a
    part of one word is judged with the whole), and so does every part when there are as many.
    A quotation whose last sentence was deleted is not stretched over the next one, however
    alike the whole looks; a sentence end deleted with its word, or words inserted after one,
    are edits like others."""
    ours, theirs = _sentences(stored), _sentences(here)
    if len(ours) <= 1 and len(theirs) <= 1:
        return True
    if not ours or not theirs:
        return False
    pairs = list(zip(ours, theirs)) if len(ours) == len(theirs) else [(ours[0], theirs[0]), (ours[-1], theirs[-1])]
    return all(len(_WORDS.findall(a)) <= 1 or words_kept(a, b) >= KEPT_WORDS or fuzz.ratio(a, b) >= QUOTE_THRESHOLD for a, b in pairs)


def _sentences(text: str) -> list[str]:
    cuts = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    return [part for a, b in zip(cuts, cuts[1:]) if (part := text[a:b].strip())]


def cut_short(exact: str, before: str, here: str, after: str) -> bool:
    """Whether an edited quotation (``here``, between ``before`` and ``after``) leaves out the
    quotation's first (last) words while they stand right before (after) it: it was cut short
    where those words recur (up to two of them compared)."""
    ours, theirs = _WORDS.findall(exact), _WORDS.findall(here)
    blocks = SequenceMatcher(None, ours, theirs, autojunk=False).get_matching_blocks()[:-1]
    if not blocks:
        return False
    head, tail = ours[: blocks[0].a], ours[blocks[-1].a + blocks[-1].size :]
    if tail and _WORDS.findall(after)[: min(2, len(tail))] == tail[:2]:
        return True
    return bool(head) and _WORDS.findall(before)[-min(2, len(head)) :] == head[-2:]


class EditedSearch:
    """The search for an edited quotation (mixed into the anchorer of one document)."""

    text: str
    _grams: dict[str, list[int]] | None

    def _candidate(self, a: Annotation, start: int, end: int, quote: float) -> Candidate:
        raise NotImplementedError

    def _edges_hold(self, a: Annotation, start: int, end: int) -> bool:
        """Whether an edited quotation at ``[start, end)`` sits between its intact context and on
        word boundaries where the quotation's were: each side's stored context matches the text
        next to it (:data:`EDGE_THRESHOLD`), its :data:`EDGE_CHARS` characters touching the
        quotation exactly; a side with little stored context (the quotation was near the start
        or end of the article) proves little, so there the quotation's own first (last)
        characters must also be in place."""
        text = self.text
        exact = a.exact
        k = min(len(exact), EDGE_CHARS)
        # An edge that was a word boundary is one here; an edge inside a word (a selection of part
        # of a word) is taken only where the quotation's own characters there are unchanged.
        if word_boundary(a.prefix + exact, len(a.prefix)):
            if not word_boundary(text, start):
                return False
        else:
            piece = _word_piece(exact, left=True)
            if text[start : start + len(piece)] != piece:
                return False
        if word_boundary(exact + a.suffix, len(exact)):
            if not word_boundary(text, end):
                return False
        else:
            piece = _word_piece(exact, left=False)
            if text[max(start, end - len(piece)) : end] != piece:
                return False
        sides = (
            (a.prefix, text[max(0, start - len(a.prefix)) : start], exact[:k], text[start : start + k]),
            (a.suffix, text[end : end + len(a.suffix)], exact[len(exact) - k :], text[max(start, end - k) : end]),
        )
        for n, (context, beside, own_edge, edge_here) in enumerate(sides):
            if context and fuzz.ratio(context, beside) < EDGE_THRESHOLD:
                return False
            # The context's characters right next to the quotation are in place unchanged (else
            # the boundary is a guess: an edit there may belong to either side).
            touching = context[-EDGE_CHARS:] if n == 0 else context[:EDGE_CHARS]
            if (beside[-len(touching):] if n == 0 else beside[: len(touching)]) != touching:
                return False
            if len(context) < CONTEXT_CHARS // 4 and own_edge != edge_here:
                return False
        return True

    # -- search --------------------------------------------------------------------------------

    def _gram_index(self) -> dict[str, list[int]]:
        if self._grams is None:
            grams: dict[str, list[int]] = {}
            text = self.text
            for i in range(len(text) - _GRAM + 1):
                grams.setdefault(text[i : i + _GRAM], []).append(i)
            self._grams = grams
        return self._grams

    def _fuzzy_candidates(self, a: Annotation) -> list[Candidate]:
        """Places where an edited version of the quotation may be, seeded by the n-grams of
        prefix + quotation + suffix voting for where the quotation would start."""
        needle = a.prefix + a.exact + a.suffix
        offset = len(a.prefix)
        index = self._gram_index()
        votes: Counter[int] = Counter()
        bucket = max(8, len(a.exact) // 4)
        step = 1 if len(needle) < 400 else len(needle) // 400 + 1
        for i in range(0, len(needle) - _GRAM + 1, step):
            positions = index.get(needle[i : i + _GRAM])
            if not positions or len(positions) > 50:
                continue
            for p in positions:
                votes[(p - (i - offset)) // bucket] += 1
        found: list[Candidate] = []
        seen_regions: list[int] = []
        for b, _count in votes.most_common(12):
            centre = b * bucket
            if any(abs(centre - r) < bucket * 2 for r in seen_regions):
                continue
            seen_regions.append(centre)
            candidate = self._refine(a, centre)
            if candidate is not None:
                found.append(candidate)
            if len(seen_regions) >= 5:
                break
        return found

    def _refine(self, a: Annotation, centre: int) -> Candidate | None:
        """The best edited quotation near ``centre`` (where it would start): its boundaries come
        from where the prefix ends / the quotation's head starts, and where the suffix starts /
        the quotation's tail ends, each looked for only near where it should be (a repeated
        phrase a little further away must not capture it)."""
        text = self.text
        n = len(a.exact)
        slack = max(32, n // 2)
        piece = min(CONTEXT_CHARS, n)
        head, tail = a.exact[:piece], a.exact[-piece:]
        end_guess = centre + n
        starts: set[int] = set()
        ends: set[int] = set()
        for needle, lo, hi, target, at_end in (
            (a.prefix, centre - slack - len(a.prefix), centre + slack, starts, True),
            (head, centre - slack, centre + slack + len(head), starts, False),
            (a.suffix, end_guess - slack, end_guess + slack + len(a.suffix), ends, False),
            (tail, end_guess - slack - len(tail), end_guess + slack, ends, True),
        ):
            lo, hi = max(0, lo), min(len(text), hi)
            if len(needle) < 4 or hi - lo < len(needle):
                continue
            al = fuzz.partial_ratio_alignment(needle, text[lo:hi], score_cutoff=70)
            if al is not None:
                target.add(lo + (al.dest_end if at_end else al.dest_start))
        # Near the start or end of the text there is no context to align, and the quotation's
        # own head or tail can be a character or two off: try the neighbours too.
        if len(a.prefix) < 4:
            starts.add(max(0, min(len(text), centre)))
            starts = {p + d for p in starts for d in (-2, -1, 0, 1, 2) if 0 <= p + d <= len(text)}
        if len(a.suffix) < 4:
            ends.add(max(0, min(len(text), end_guess)))
            ends = {p + d for p in ends for d in (-2, -1, 0, 1, 2) if 0 <= p + d <= len(text)}
        # An aligned boundary can be a word off (an edit next to it): the word boundaries next
        # to each are tried too, and the score chooses.
        starts |= {b for p in starts for b in _word_edges(text, p, starts=True)}
        ends |= {b for p in ends for b in _word_edges(text, p, starts=False)}
        breaks = a.exact.count("\n")
        best: tuple[float, int, int, float] | None = None
        for s in starts:
            for e in ends:
                if e <= s or e - s > 2 * n + 64:
                    continue
                here = text[s:e]
                if here.count("\n") > breaks or here[0].isalnum() != a.exact[0].isalnum() or here[-1].isalnum() != a.exact[-1].isalnum():
                    continue  # never across a paragraph break it did not have, nor with loose space or punctuation
                quote = fuzz.ratio(a.exact, here)
                if quote < QUOTE_THRESHOLD or not self._edges_hold(a, s, e) or not sentences_alike(a.exact, here):
                    continue
                reach = len(a.exact)
                if cut_short(a.exact, text[max(0, s - reach) : s], here, text[e : e + reach]):
                    continue
                # Ranked on prefix + quotation + suffix against the same stretch here: a boundary
                # a word off shifts the context too, which a score of the parts alone misses.
                window = fuzz.ratio(a.prefix + a.exact + a.suffix, text[max(0, s - len(a.prefix)) : e + len(a.suffix)])
                if best is None or window > best[0]:
                    best = (window, s, e, quote)
        if best is None:
            return None
        _window, s, e, quote = best
        return self._candidate(a, s, e, quote / 100)


def _word_piece(text: str, *, left: bool) -> str:
    """The part of a word that begins (``left``) or ends ``text`` (it was cut there)."""
    i = 0
    if left:
        while i < len(text) and text[i].isalnum():
            i += 1
        return text[:i]
    while i < len(text) and text[len(text) - 1 - i].isalnum():
        i += 1
    return text[len(text) - i :]


def _word_edges(text: str, i: int, *, starts: bool, reach: int = 24) -> list[int]:
    """The nearest place on each side of ``i`` (within ``reach`` characters) where a word
    begins (``starts``) or ends."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 < j < len(text) and abs(j - i) <= reach:
            if (text[j].isalnum() and not text[j - 1].isalnum()) if starts else (text[j - 1].isalnum() and not text[j].isalnum()):
                out.append(j)
                break
            j += step
    return out
