"""Re-anchoring annotations after their article changed.

An annotation stores its span twice, as the W3C Web Annotation model does: by position
(``start``/``end``, a TextPositionSelector) and by quotation (``exact`` with 32 characters of
``prefix`` and ``suffix`` context, a TextQuoteSelector), plus the hash of the article text it was
made on. When the article changes, :func:`anchor` finds the span again, or says it cannot.

**The rule**: a place is taken only when the quotation *and* its context on both sides support it,
the context in proportion to how common the quotation is in the new text. A short or common
quotation without its context is an orphan, however exactly its words recur elsewhere.

1. *Places*: the verbatim occurrences of the quotation (beginning and ending on a word boundary
   wherever it did: "Iran" is not found in "Iranian") and, when no copy has its context intact,
   edited versions of it (:mod:`.edited`: at least 80% alike, between their intact context,
   beginning and ending on word boundaries where the quotation did, never across a paragraph
   break it did not have).
2. *Support*: on each side, the share of the stored context's words found next to the place, in
   order (:func:`~reader.core.annotate.context.side_support`; line breaks are context too).
   Both sides must reach :func:`~reader.core.annotate.context.needed_support`: half the context
   for a quotation still within 32 characters of its offsets (0.3 for a long one), nearly all
   of it (0.9) for one found elsewhere, 0.15 more for every other place the quotation occurs;
   and one side must be *intact* (:data:`INTACT_CHARS` unchanged): one edit changes one side,
   while a context changed on both sides is what another occurrence of the same words looks
   like. A verbatim quotation found only once in the new text, or still near its offsets,
   needs only the in-place share wherever edits elsewhere shifted it, if the changed side
   reads as after *one edit* (:func:`~reader.core.annotate.context.realigns`: it agrees next
   to the quotation and picks up again past the edit; a passage that merely shares a phrase
   with the quotation's own goes its own way).
   *Whole paragraph*: a verbatim quotation whose stored context is there on both sides up to
   its paragraph's edges, with the same line breaks
   (:func:`~reader.core.annotate.context.paragraph_side`), is supported too when the
   quotation and that context are long enough for how common they are together
   (:func:`~reader.core.annotate.context.paragraph_evidence_needed`: 32 characters, 24 more
   for every other place the same text stands): a moved paragraph keeps its own text, only
   its neighbours change; what is matched is that text, so it is that text's commonness, not
   the quotation's alone, that asks for more.
3. *No rival*: the best place must beat every other by :data:`AMBIGUITY_MARGIN` in confidence,
   unless it is the only one still at the stored offsets, or the only one with the stored
   context verbatim, or the only one whose paragraph is intact around it; the same words in
   the same context twice cannot be told apart.
4. *No home elsewhere*: if the stored prefix and suffix still stand together elsewhere, the right
   distance apart, around other words (or none), the quotation was rewritten (or deleted)
   there, and the place found is another occurrence of its words. Likewise for a place found
   by its paragraph's own text alone: if the stored neighbouring paragraph still stands
   elsewhere next to text like the quotation's paragraph, that is the quotation's paragraph,
   edited (a paragraph repeated in the article), not a moved one.
5. *No twin*: a copy the article had all along is no evidence. An annotation on a repeated
   quotation records its copies and its paragraph's hash, and is placed in its own unchanged
   paragraph, or near its offsets, never on a twin when its own copy is gone (:mod:`.twins`).
6. Otherwise, or when the article is gone: :attr:`AnchorStatus.ORPHAN`. An orphan keeps its
   stored offsets and text, is shown as such, and is never moved or deleted silently.

Every placement carries a **confidence** from 0 to 1
(:func:`~reader.core.annotate.context.confidence`): 1 for an unchanged text or an intact
quotation in its intact context; less as the quotation was edited (its similarity) or its
context changed (the support on each side). ``benchmarks/reanchor.py`` measures the rule on
scripted edits with per-character ground truth (``tests/core/test_reanchoring.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from reader.core.annotate.context import (
    SLACK,
    confidence,
    needed_support,
    paragraph_evidence_needed,
    paragraph_side,
    realigns,
    side_support,
    split_at_break,
    word_boundary,
)
from reader.core.annotate.copies import POSITION_CONFIDENCE, after_its_copy
from reader.core.annotate.edited import EditedSearch
from reader.core.annotate.model import CONTEXT_CHARS, Annotation
from reader.core.annotate.twins import find_all, not_twins, paragraph_hash
from reader.core.models import Corpus, Document, text_hash

FRAME_THRESHOLD = 90.0
"""Similarity (0-100) at which the stored prefix and suffix count as standing together: the
quotation's home (rule 4)."""

INTACT_CHARS = 16
"""A side of the context is *intact* when this many of its characters next to the quotation
(all of them, if it is shorter) are unchanged and its support is at least
:data:`INTACT_SUPPORT`; a placement needs one intact side."""

INTACT_SUPPORT = 0.9

NEIGHBOUR_THRESHOLD = 70.0
"""Similarity (0-100) at which the text next to the stored neighbour elsewhere is the
quotation's own paragraph, edited (:meth:`_Anchorer._neighbour_elsewhere`)."""

AMBIGUITY_MARGIN = 0.1
"""The best place must beat any other by this much confidence, or the annotation is an orphan."""


class AnchorStatus(str, Enum):
    """Where an annotation stands in the current text of its article."""

    EXACT = "exact"
    """The text is unchanged, or the quotation is still at its offsets with its context."""
    MOVED = "moved"
    """Found again elsewhere (an exact quotation placed by its context, or an edited one)."""
    ORPHAN = "orphan"
    """Cannot be placed confidently, or the article is gone: shown and kept, never moved."""


@dataclass(frozen=True, slots=True)
class Anchored:
    """An annotation and where it is now (``start``/``end`` are ``None`` for an orphan)."""

    annotation: Annotation
    start: int | None
    end: int | None
    status: AnchorStatus
    confidence: float = field(default=1.0, compare=False)
    """How sure the placement is, from 0 to 1
    (:func:`~reader.core.annotate.context.confidence`); 0 for an orphan."""

    @property
    def placed(self) -> bool:
        """True unless the annotation is an orphan."""
        return self.status is not AnchorStatus.ORPHAN


def anchor(annotation: Annotation, document: Document | None) -> Anchored:
    """Place ``annotation`` in the current text of ``document`` (see the module docstring)."""
    if document is None:
        return _orphan(annotation)
    return _Anchorer(document).anchor(annotation)


def anchor_all(annotations: Iterable[Annotation], corpus: Corpus | Iterable[Document]) -> tuple[Anchored, ...]:
    """:func:`anchor` every annotation against the corpus (documents looked up by id)."""
    docs = corpus.documents if isinstance(corpus, Corpus) else corpus
    documents = {d.id: d for d in docs}
    hashes: dict[str, str] = {}
    result = []
    for annotation in annotations:
        document = documents.get(annotation.doc)
        if document is None:
            result.append(_orphan(annotation))
            continue
        if document.id not in hashes:
            hashes[document.id] = text_hash(document.text)
        if annotation.doc_hash == hashes[document.id] and document.text[annotation.start : annotation.end] == annotation.exact:
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


def _orphan(annotation: Annotation) -> Anchored:
    return Anchored(annotation, None, None, AnchorStatus.ORPHAN, 0.0)


# --------------------------------------------------------------------------------------------
# The evidence: context support, how much is needed, confidence

# --------------------------------------------------------------------------------------------
# The search


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place an annotation could be anchored at, with the evidence for it."""

    start: int
    end: int
    quote: float
    """The quotation's similarity there (1 when verbatim)."""
    left: float
    """The context's support on the left (:func:`side_support`)."""
    right: float
    fit: float
    """How well the stored prefix and suffix match the text around it (0-100, characters)."""
    paragraph: int | None = None
    """For a verbatim quotation whose stored context is there on both sides up to the
    paragraph's edges: the characters of quotation and context found (else ``None``)."""
    paragraph_copies: int = 1
    """How many times the quotation with that context stands in the new text."""

    @property
    def confidence(self) -> float:
        return confidence(self.quote, self.left, self.right)


class _Anchorer(EditedSearch):
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
            return _orphan(a)
        if a.end <= len(text) and text[a.start : a.end] == a.exact:
            if a.doc_hash == self.hash or (
                self._context_intact(a, a.start, a.end) and (a.paragraph is None or paragraph_hash(text, a.start, a.end) == a.paragraph)
            ):
                return Anchored(a, a.start, a.end, AnchorStatus.EXACT)
        occurrences = [p for p in find_all(text, a.exact) if self._same_edges(a, p, p + n)]
        verbatim = places = [self._candidate(a, p, p + n, 1.0) for p in occurrences]
        places = not_twins(a, text, places)  # a repeated quotation's twins are no evidence
        if not any(c.left == c.right == 1.0 for c in places):
            # No intact copy: the quotation may have been edited. A fuzzy match over the same
            # stretch as a verbatim occurrence is that occurrence (with inserted text swallowed).
            places = places + [c for c in self._fuzzy_candidates(a) if not any(c.start < v.end and v.start < c.end for v in verbatim)]
        supported = [c for c in places if self._supported(a, c, len(occurrences)) or self._paragraph_intact(c)]
        if not supported:
            return _orphan(a)
        best = max(supported, key=lambda c: (self._paragraph_intact(c), c.confidence, c.fit, -abs(c.start - a.start)))
        factor = 1.0
        alike = [c for c in places if (c.end <= best.start or c.start >= best.end) and best.confidence - c.confidence < AMBIGUITY_MARGIN]
        if alike:
            # Places alike: the one still at the stored offsets, else the only one with its
            # stored context verbatim, if it is supported; else nothing can tell them apart.
            tied = [best, *alike]
            at = [c for c in tied if c.start == a.start]
            verbatim_context = [c for c in tied if c.fit == 100.0]
            whole_paragraph = [c for c in tied if self._paragraph_intact(c)]
            if len(at) == 1 and at[0] in supported:
                best = at[0]
            elif len(verbatim_context) == 1 and verbatim_context[0] in supported:
                best = verbatim_context[0]
            elif len(whole_paragraph) == 1:
                best = whole_paragraph[0]
            elif (pushed := self._after_its_copy(a, tied, supported)) is not None:
                best, factor = pushed, POSITION_CONFIDENCE
            else:
                return _orphan(a)
        if self._home_elsewhere(a, best) or (not self._supported(a, best, len(occurrences)) and self._neighbour_elsewhere(a, best)):
            return _orphan(a)
        status = AnchorStatus.EXACT if (best.start, best.end) == (a.start, a.end) and best.quote == 1.0 else AnchorStatus.MOVED
        return Anchored(a, best.start, best.end, status, round(best.confidence * factor, 3))

    def _after_its_copy(self, a: Annotation, tied: list[Candidate], supported: list[Candidate]) -> Candidate | None:
        """Among copies of the quotation with its whole stored context verbatim, the only one
        pushed past its stored offset by a copy pasted before it (:mod:`.copies`), else ``None``."""
        copies = [c for c in tied if c.quote == 1.0 and c.fit == 100.0 and c in supported]
        found = [
            c for c in copies if after_its_copy(self.text, a.start, c.start, [o.start for o in copies if o is not c], len(a.exact))
        ]
        return found[0] if len(found) == 1 else None

    def _supported(self, a: Annotation, c: Candidate, occurrences: int) -> bool:
        """Whether the context supports a candidate: both sides reach :func:`needed_support`,
        and one side is intact (:data:`INTACT_CHARS`): one edit touches one side, while a
        context changed on both sides is what another occurrence of the same words looks like.
        A verbatim quotation found once in the new text away from its offsets (edits elsewhere
        shifted it) needs only what one in place needs, if its context on each side reads as
        after one edit (:func:`~reader.core.annotate.context.realigns`)."""
        intact = (c.left >= INTACT_SUPPORT and self._side_intact(a, c, left=True)) or (
            c.right >= INTACT_SUPPORT and self._side_intact(a, c, left=False)
        )
        if not intact:
            return False
        in_place = abs(c.start - a.start) <= CONTEXT_CHARS
        if min(c.left, c.right) >= needed_support(len(a.exact), occurrences, in_place=in_place):
            return True
        return (
            (occurrences == 1 or in_place)
            and c.quote == 1.0
            and min(c.left, c.right) >= needed_support(len(a.exact), 1, in_place=True)
            and self._realigned(a, c, in_place=in_place)
        )

    def _realigned(self, a: Annotation, c: Candidate, *, in_place: bool) -> bool:
        """Whether the stored context on each side reads as after at most one edit next to
        ``c`` (:func:`~reader.core.annotate.context.realigns`; the edit may touch the quotation
        only where it still is, ``in_place``)."""
        text = self.text
        lo, hi = c.start - len(a.prefix) - SLACK, c.end + len(a.suffix) + SLACK
        left = not a.prefix or realigns(
            a.prefix, text[max(0, lo) : c.start], left=True, cut=len(a.prefix) >= CONTEXT_CHARS, beside_cut=lo > 0, next_to=in_place
        )
        return left and (
            not a.suffix
            or realigns(a.suffix, text[c.end : hi], left=False, cut=len(a.suffix) >= CONTEXT_CHARS, beside_cut=hi < len(text), next_to=in_place)
        )

    def _paragraph_intact(self, c: Candidate) -> bool:
        """Whether a verbatim candidate's context is intact on both sides up to its paragraph's
        edges (:attr:`Candidate.paragraph`), and the quotation with that context is long enough
        for how often it stands in the new text (:attr:`Candidate.paragraph_copies`)
        (:func:`~reader.core.annotate.context.paragraph_evidence_needed`): a moved paragraph
        keeps all of its own text, only its neighbours change."""
        return c.paragraph is not None and c.paragraph >= paragraph_evidence_needed(c.paragraph_copies)

    def _paragraph_evidence(self, a: Annotation, start: int, end: int) -> tuple[int, int] | None:
        """The characters of the quotation and of its stored context found verbatim on both
        sides of ``[start, end)`` up to the paragraph's edges
        (:func:`~reader.core.annotate.context.paragraph_side`), and how many times that
        stretch stands in the text; or ``None``."""
        text = self.text
        found, sides = end - start, []
        for stored, lo, hi, left in (
            (a.prefix, start - len(a.prefix) - SLACK, start, True),
            (a.suffix, end, end + len(a.suffix) + SLACK, False),
        ):
            cut = lo > 0 if left else hi < len(text)
            side = paragraph_side(stored, text[max(0, lo) : hi], left=left, beside_cut=cut)
            if side is None:
                return None
            found += side
            sides.append(side)
        return found, text.count(text[start - sides[0] : end + sides[1]])

    def _side_intact(self, a: Annotation, c: Candidate, *, left: bool) -> bool:
        """Whether the first :data:`INTACT_CHARS` characters of a side's stored context (all of
        it, if shorter) are exactly those next to the candidate: one edit leaves one side so."""
        text = self.text
        if left:
            want = a.prefix[-INTACT_CHARS:]
            return text[max(0, c.start - len(want)) : c.start] == want and (bool(want) or c.start == 0)
        want = a.suffix[:INTACT_CHARS]
        return text[c.end : c.end + len(want)] == want and (bool(want) or c.end == len(text))

    # -- evidence -------------------------------------------------------------------------------

    def _same_edges(self, a: Annotation, start: int, end: int) -> bool:
        """Whether ``[start, end)`` begins and ends on a word boundary wherever the quotation did
        ("Iran" is not found inside "Iranian")."""
        text = self.text
        if word_boundary(a.prefix + a.exact, len(a.prefix)) and not word_boundary(text, start):
            return False
        return not (word_boundary(a.exact + a.suffix, len(a.exact)) and not word_boundary(text, end))

    def _context_intact(self, a: Annotation, start: int, end: int) -> bool:
        text = self.text
        return text[max(0, start - len(a.prefix)) : start] == a.prefix and text[end : end + len(a.suffix)] == a.suffix

    def _candidate(self, a: Annotation, start: int, end: int, quote: float) -> Candidate:
        text = self.text
        before = text[max(0, start - len(a.prefix) - SLACK) : start]
        after = text[end : end + len(a.suffix) + SLACK]
        left = self._support(a.prefix, before, left=True, at_edge=start == 0, cut=start - len(a.prefix) - SLACK > 0)
        right = self._support(a.suffix, after, left=False, at_edge=end == len(text), cut=end + len(a.suffix) + SLACK < len(text))
        evidence = self._paragraph_evidence(a, start, end) if quote == 1.0 else None
        paragraph, copies = evidence if evidence is not None else (None, 1)
        return Candidate(start, end, quote, left, right, self._fit(a, start, end), paragraph, copies)

    @staticmethod
    def _support(stored: str, beside: str, *, left: bool, at_edge: bool, cut: bool) -> float:
        if not stored:
            # The span began (ended) the article: support only if it still does.
            return 1.0 if at_edge else 0.0
        return side_support(stored, beside, left=left, cut=len(stored) >= CONTEXT_CHARS, beside_cut=cut)

    def _fit(self, a: Annotation, start: int, end: int) -> float:
        """How well the stored prefix and suffix match the text around ``[start, end)`` (0-100)."""
        parts = []
        if a.prefix:
            parts.append(fuzz.ratio(a.prefix, self.text[max(0, start - len(a.prefix)) : start]))
        if a.suffix:
            parts.append(fuzz.ratio(a.suffix, self.text[end : end + len(a.suffix)]))
        return sum(parts) / len(parts) if parts else 100.0

    def _home_elsewhere(self, a: Annotation, best: Candidate) -> bool:
        """Whether the stored prefix and suffix frame another stretch than ``best`` (each nearly
        verbatim, the right distance apart) that does not hold the quotation: its own place,
        its words deleted or rewritten, which cannot be told from ``best`` being another
        occurrence of the same words."""
        text = self.text
        head, tail = a.prefix.rstrip()[-12:], a.suffix.lstrip()[:12]
        if len(head) < 8 or len(tail) < 8:
            return False
        ends = [p + len(head) for p in find_all(text, head)]
        starts = find_all(text, tail)
        reach = 2 * len(a.exact) + 64
        for p in ends:
            for s in starts:
                if not p <= s <= p + reach or (best.start < s and p < best.end) or a.exact in text[p:s]:
                    continue
                if self._fit_frame(a, p, s) >= FRAME_THRESHOLD:
                    return True
        return False

    def _neighbour_elsewhere(self, a: Annotation, best: Candidate) -> bool:
        """For a place whose paragraph's own text is intact but not its neighbour's: whether
        the stored neighbour (the context beyond the line break) still stands elsewhere before
        (after) text like the quotation with its paragraph's own context
        (:data:`NEIGHBOUR_THRESHOLD`). A moved paragraph left its old neighbour followed by
        other text; a paragraph repeated in the article whose annotated copy was edited left
        it followed by that copy."""
        text = self.text
        for stored, left in ((a.prefix, True), (a.suffix, False)):
            split = split_at_break(stored, left=left)
            verbatim = text[max(0, best.start - len(stored)) : best.start] == stored if left else text[best.end : best.end + len(stored)] == stored
            if split is None or verbatim:
                continue
            far, near = split
            own = near + a.exact if left else a.exact + near
            for p in find_all(text, far):
                here = text[p + len(far) : p + len(far) + len(own)] if left else text[max(0, p - len(own)) : p]
                if fuzz.ratio(own, here) >= NEIGHBOUR_THRESHOLD:
                    return True
        return False

    def _fit_frame(self, a: Annotation, start: int, end: int) -> float:
        """How well the stored prefix and suffix (white space at the junction aside) match the
        text before ``start`` and after ``end``: the worse of the two (0-100)."""
        text = self.text
        prefix, suffix = a.prefix.rstrip(), a.suffix.lstrip()
        before = fuzz.ratio(prefix, text[max(0, start - len(prefix)) : start])
        after = fuzz.ratio(suffix, text[end : end + len(suffix)])
        return min(before, after)

