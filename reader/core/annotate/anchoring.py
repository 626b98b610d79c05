"""Re-anchoring annotations after their article changed.

An annotation stores its span twice, as the W3C Web Annotation model does: by position
(``start``/``end``, a TextPositionSelector) and by quotation (``exact`` with 32 characters of
``prefix`` and ``suffix`` context, a TextQuoteSelector), plus the hash of the article text it was
made on. When the article changes, :func:`anchor` finds the span again:

1. the text is unchanged (same hash), or the quotation is still at its offsets with exactly
   its context: :attr:`AnchorStatus.EXACT`;
2. the quotation occurs verbatim with exactly its context at one other place:
   :attr:`AnchorStatus.MOVED` (at two or more such places: an orphan, it cannot be told which);
3. otherwise every plausible place competes on one score (prefix + quotation + suffix against
   the same stretch there, rapidfuzz): verbatim occurrences whose context is close enough, and
   fuzzy matches of an edited quotation (seeded by n-grams, boundaries from the prefix/suffix
   and the quotation's head/tail, each looked for only near where it should be). The best is
   placed (:attr:`AnchorStatus.MOVED`, or EXACT if it is the stored span) only if it beats any
   other place by a margin, an edited quotation scores at least :data:`FUZZY_PLACE_THRESHOLD`
   and lies between its intact context (so its boundaries are found, not guessed), and the
   stored context does not frame some other stretch (where the quotation was, rewritten);
4. otherwise (or when the article is gone): :attr:`AnchorStatus.ORPHAN`. An orphan keeps its
   stored offsets and text, is shown as such, and is never moved or deleted silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from reader.core.annotate.model import CONTEXT_CHARS, Annotation
from reader.core.models import Corpus, Document, text_hash

QUOTE_THRESHOLD = 80.0
"""Minimum similarity (0-100) between the stored quotation and a fuzzy candidate."""

CONTEXT_THRESHOLD = 60.0
"""Minimum context similarity (0-100) for an exact but moved quotation that is short or whose
context changed: below it the quotation might be another occurrence of the same words."""

SELF_EVIDENT_LENGTH = 40
"""A quotation at least this long that occurs exactly once is taken as found with weaker
context support (:data:`WEAK_CONTEXT_THRESHOLD`): a sentence-length quote rarely recurs by
chance, but an article may repeat it, so some context must still agree."""

WEAK_CONTEXT_THRESHOLD = 45.0
"""Context similarity below which nothing is placed, however long the quotation."""

FUZZY_PLACE_THRESHOLD = 88.0
"""Minimum ranking score (see ``_whole_score``) for placing an *edited* quotation. On the sample
articles with one word changed inside random spans, right placements scored 88.7 and up and
wrong ones (another copy of a repeated headline, a similar phrase) 81 to 87."""

FRAME_THRESHOLD = 90.0
"""Similarity at which the stored prefix (or suffix) counts as found: a stretch framed by both
marks where the quotation was, even if its words were rewritten (then nothing else may be
taken for it)."""

EDGE_THRESHOLD = 90.0
"""Minimum similarity of *each* side's stored context to the text next to an edited (fuzzy)
quotation: an edited quotation is placed only between its intact context."""

EDGE_CHARS = 6
"""Where a side of an edited quotation has little stored context, this many of the quotation's
own characters on that side must be in place unchanged."""

AMBIGUITY_MARGIN = 8.0
"""The best candidate must beat the second best by this many points, or the span is an orphan."""


class AnchorStatus(str, Enum):
    """Where an annotation stands in the current text of its article."""

    EXACT = "exact"
    """The text is unchanged, or the quotation is still at its offsets with its context."""
    MOVED = "moved"
    """Found again elsewhere (exact quotation placed by its context, or a close fuzzy match)."""
    ORPHAN = "orphan"
    """Cannot be placed confidently, or the article is gone: shown and kept, never moved."""


@dataclass(frozen=True, slots=True)
class Anchored:
    """An annotation and where it is now (``start``/``end`` are ``None`` for an orphan)."""

    annotation: Annotation
    start: int | None
    end: int | None
    status: AnchorStatus
    score: float = field(default=100.0, compare=False)
    """How sure the placement is (0-100); informative only."""

    @property
    def placed(self) -> bool:
        """True unless the annotation is an orphan."""
        return self.status is not AnchorStatus.ORPHAN


def anchor(annotation: Annotation, document: Document | None) -> Anchored:
    """Place ``annotation`` in the current text of ``document`` (see the module docstring)."""
    if document is None:
        return Anchored(annotation, None, None, AnchorStatus.ORPHAN, 0.0)
    return _Anchorer(document).anchor(annotation)


def anchor_all(annotations: Iterable[Annotation], corpus: Corpus | Iterable[Document]) -> tuple[Anchored, ...]:
    """:func:`anchor` every annotation against the corpus (documents looked up by id)."""
    docs = corpus.documents if isinstance(corpus, Corpus) else corpus
    documents = {d.id: d for d in docs}
    anchorers: dict[str, _Anchorer] = {}
    result = []
    for annotation in annotations:
        document = documents.get(annotation.doc)
        if document is None:
            result.append(Anchored(annotation, None, None, AnchorStatus.ORPHAN, 0.0))
            continue
        anchorer = anchorers.get(document.id)
        if anchorer is None:
            anchorer = anchorers[document.id] = _Anchorer(document)
        if annotation.doc_hash == anchorer.hash and document.text[annotation.start : annotation.end] == annotation.exact:
            result.append(Anchored(annotation, annotation.start, annotation.end, AnchorStatus.EXACT))
        else:
            # The search is the slow part: the app re-anchors after every change, so the
            # result for an (annotation, article text) pair is remembered.
            result.append(_anchor_in_changed_text(annotation, document))
    return tuple(result)


@lru_cache(maxsize=8192)
def _anchor_in_changed_text(annotation: Annotation, document: Document) -> Anchored:
    return _anchorer_for(document).anchor(annotation)


@lru_cache(maxsize=16)
def _anchorer_for(document: Document) -> _Anchorer:
    return _Anchorer(document)


_GRAM = 6
"""Length of the character n-grams that seed the fuzzy search."""


class _Anchorer:
    """Anchors annotations in one document (caches its hash and n-gram index)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self._hash: str | None = None
        self._grams: dict[str, list[int]] | None = None

    @property
    def hash(self) -> str:
        if self._hash is None:
            self._hash = text_hash(self.text)
        return self._hash

    def anchor(self, a: Annotation) -> Anchored:
        text = self.text
        n = len(a.exact)
        if not a.exact:
            return Anchored(a, None, None, AnchorStatus.ORPHAN, 0.0)
        same_place = a.end <= len(text) and text[a.start : a.end] == a.exact
        if same_place and a.doc_hash == self.hash:
            return Anchored(a, a.start, a.end, AnchorStatus.EXACT)
        # The quotation verbatim, with its context intact: at its place, or at one other place.
        occurrences = [(self._context_score(a, p, p + n), p) for p in _find_all(text, a.exact)]
        perfect = [p for score, p in occurrences if score >= 100.0]
        if same_place and a.start in perfect:
            return Anchored(a, a.start, a.end, AnchorStatus.EXACT)
        if len(perfect) == 1:
            return Anchored(a, perfect[0], perfect[0] + n, AnchorStatus.MOVED)
        if len(perfect) > 1:  # the same words in the same context twice: cannot tell
            return Anchored(a, None, None, AnchorStatus.ORPHAN, 100.0)
        # Otherwise every plausible place competes on one score: the verbatim occurrences whose
        # context is close enough, and the fuzzy matches (the quotation itself edited).
        candidates: list[tuple[float, int, int]] = []
        unique = len(occurrences) == 1
        for context, p in occurrences:
            if context >= CONTEXT_THRESHOLD or (
                unique and n >= SELF_EVIDENT_LENGTH and context >= WEAK_CONTEXT_THRESHOLD
            ):
                candidates.append((self._whole_score(a, p, p + n, 100.0), p, p + n))
        # A verbatim occurrence beats a fuzzy match over the same stretch (which would only
        # differ by swallowing text inserted next to the quotation).
        verbatim = list(candidates)
        fuzzy, framed = self._fuzzy_candidates(a)
        candidates.extend(f for f in fuzzy if not any(f[1] < e[2] and e[1] < f[2] for e in verbatim))
        if not candidates:
            return Anchored(a, None, None, AnchorStatus.ORPHAN, 0.0)
        candidates.sort(reverse=True)
        best, start, end = candidates[0]
        distinct = [c for c in candidates[1:] if c[2] <= start or c[1] >= end]
        if distinct and best - distinct[0][0] < AMBIGUITY_MARGIN:
            return Anchored(a, None, None, AnchorStatus.ORPHAN, best)
        if (best, start, end) not in verbatim and best < FUZZY_PLACE_THRESHOLD:
            return Anchored(a, None, None, AnchorStatus.ORPHAN, best)
        if any(not (f_start <= end and start <= f_end) for f_start, f_end in framed):
            # The quotation's own context is still there, elsewhere, around other words: the
            # quotation was rewritten there, and what was found here is another passage.
            return Anchored(a, None, None, AnchorStatus.ORPHAN, best)
        if start == a.start and end == a.end and text[start:end] == a.exact:
            return Anchored(a, start, end, AnchorStatus.EXACT, best)
        return Anchored(a, start, end, AnchorStatus.MOVED, best)

    # -- scoring ------------------------------------------------------------------------------

    def _context_score(self, a: Annotation, start: int, end: int) -> float:
        """How well the text around ``[start, end)`` matches the stored prefix and suffix."""
        parts = []
        if a.prefix:
            parts.append(fuzz.ratio(a.prefix, self.text[max(0, start - len(a.prefix)) : start]))
        if a.suffix:
            parts.append(fuzz.ratio(a.suffix, self.text[end : end + len(a.suffix)]))
        if not parts:
            return 100.0
        return sum(parts) / len(parts)

    def _edges_hold(self, a: Annotation, start: int, end: int) -> bool:
        """Whether an edited quotation at ``[start, end)`` sits between its intact context: each
        side's stored context matches the text next to it (:data:`EDGE_THRESHOLD`). A side with
        little stored context (the quotation was near the start or end of the article) proves
        little, so there the quotation's own first (last) characters must also be in place."""
        text = self.text
        k = min(len(a.exact), EDGE_CHARS)
        sides = (
            (a.prefix, text[max(0, start - len(a.prefix)) : start], a.exact[:k], text[start : start + k]),
            (a.suffix, text[end : end + len(a.suffix)], a.exact[len(a.exact) - k :], text[max(start, end - k) : end]),
        )
        for context, beside, own_edge, edge_here in sides:
            if context and fuzz.ratio(context, beside) < EDGE_THRESHOLD:
                return False
            if len(context) < CONTEXT_CHARS // 4 and own_edge != edge_here:
                return False
        return True

    def _whole_score(self, a: Annotation, start: int, end: int, quote: float) -> float:
        """The ranking score of a candidate: prefix+quotation+suffix against the same stretch
        here (a boundary a few characters off shifts the context too, which a score of the
        parts alone misses), with the quotation's own similarity as a tie-breaker."""
        here = self.text[max(0, start - len(a.prefix)) : end + len(a.suffix)]
        return 0.9 * fuzz.ratio(a.prefix + a.exact + a.suffix, here) + 0.1 * quote

    # -- fuzzy search -------------------------------------------------------------------------

    def _gram_index(self) -> dict[str, list[int]]:
        if self._grams is None:
            grams: dict[str, list[int]] = {}
            text = self.text
            for i in range(len(text) - _GRAM + 1):
                grams.setdefault(text[i : i + _GRAM], []).append(i)
            self._grams = grams
        return self._grams

    def _fuzzy_candidates(self, a: Annotation) -> tuple[list[tuple[float, int, int]], list[tuple[int, int]]]:
        """Places where an edited version of the quotation may be: ``(score, start, end)``;
        and the stretches framed by the stored prefix and suffix (both found nearly verbatim, the
        right distance apart) whatever lies between them: where the quotation *was*."""
        needle = a.prefix + a.exact + a.suffix
        offset = len(a.prefix)
        # Seed: each n-gram of prefix+exact+suffix votes for where the quotation would start.
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
        # Candidate regions: the best few vote buckets (neighbouring buckets merged).
        candidates: list[tuple[float, int, int]] = []
        framed: list[tuple[int, int]] = []
        seen_regions: list[int] = []
        for b, _count in votes.most_common(12):
            centre = b * bucket
            if any(abs(centre - r) < bucket * 2 for r in seen_regions):
                continue
            seen_regions.append(centre)
            found, frame = self._refine(a, centre)
            if found is not None:
                candidates.append(found)
            if frame is not None:
                framed.append(frame)
            if len(seen_regions) >= 5:
                break
        return candidates, framed

    def _refine(
        self, a: Annotation, centre: int
    ) -> tuple[tuple[float, int, int] | None, tuple[int, int] | None]:
        """Best span near ``centre`` (where the quotation would start): its boundaries come
        from where the prefix ends / the quotation's head starts, and where the suffix starts /
        the quotation's tail ends. Returns ``(score, start, end)`` or ``None``, and the stretch
        framed by the prefix and suffix here, if both are found nearly verbatim."""
        text = self.text
        n = len(a.exact)
        # Each boundary is looked for only near where it should be (a window of ``slack`` each
        # side): a repeated headline or phrase a little further away must not capture it.
        slack = max(32, n // 2)
        piece = min(CONTEXT_CHARS, n)
        head, tail = a.exact[:piece], a.exact[-piece:]
        end_guess = centre + n
        starts: set[int] = set()
        ends: set[int] = set()
        frame_start = frame_end = None
        for role, needle, lo, hi, target, at_end in (
            ("prefix", a.prefix, centre - slack - len(a.prefix), centre + slack, starts, True),
            ("head", head, centre - slack, centre + slack + len(head), starts, False),
            ("suffix", a.suffix, end_guess - slack, end_guess + slack + len(a.suffix), ends, False),
            ("tail", tail, end_guess - slack - len(tail), end_guess + slack, ends, True),
        ):
            lo, hi = max(0, lo), min(len(text), hi)
            if len(needle) < 4 or hi - lo < len(needle):
                continue
            al = fuzz.partial_ratio_alignment(needle, text[lo:hi], score_cutoff=70)
            if al is not None:
                target.add(lo + (al.dest_end if at_end else al.dest_start))
                if al.score >= FRAME_THRESHOLD and role == "prefix":
                    frame_start = lo + al.dest_end
                elif al.score >= FRAME_THRESHOLD and role == "suffix":
                    frame_end = lo + al.dest_start
        if len(a.prefix) < 4:
            starts.add(max(0, min(len(text), centre)))
        if len(a.suffix) < 4:
            ends.add(max(0, min(len(text), end_guess)))
        # Near the start or end of the text there is no context to align, and the quotation's
        # own head or tail can be a character or two off: try the neighbours too and let the
        # score (which includes what context there is) choose.
        if len(a.prefix) < 4:
            starts = {p + d for p in starts for d in (-2, -1, 0, 1, 2) if 0 <= p + d <= len(text)}
        if len(a.suffix) < 4:
            ends = {p + d for p in ends for d in (-2, -1, 0, 1, 2) if 0 <= p + d <= len(text)}
        best: tuple[float, int, int] | None = None
        for s in starts:
            for e in ends:
                if e <= s or e - s > 2 * n + 64:
                    continue
                quote = fuzz.ratio(a.exact, text[s:e])
                if quote < QUOTE_THRESHOLD:
                    continue
                # An edited quotation is only placed where its context is intact on both
                # sides: then its boundaries are known, not guessed (an insertion at the edge
                # of a short quotation would otherwise cut it short or shift it).
                if not self._edges_hold(a, s, e):
                    continue
                score = self._whole_score(a, s, e, quote)
                if best is None or score > best[0]:
                    best = (score, s, e)
        frame = None
        if frame_start is not None and frame_end is not None and frame_start <= frame_end <= frame_start + 2 * n + 64:
            frame = (frame_start, frame_end)
        return best, frame


def _find_all(text: str, needle: str) -> list[int]:
    out = []
    i = text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out
