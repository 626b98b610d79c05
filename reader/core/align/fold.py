"""The last step of the aligner: claims and word groups made one view, noise and repeats hidden.

:func:`fold_groups` takes the word aligner's groups (:func:`~reader.core.align.groups.make_groups`)
and the claims (:mod:`reader.core.align.claims`) and gives the groups Parallax shows:

1. **Claims meet passages.** A claim is a ``reworded`` group (scored, like the others, by
   how alike its spans are worded: low, by nature). A word group that states the same
   stretch as a claim in a document (each span covers half of the other) and agrees with it on
   every document both hold, each of its spans within one sentence (a passage of several
   sentences is left as it is), is merged into it: its spans replace the claim's in its documents
   (they are tighter, and keep the quotation and the speaker), and a claim that adds no
   document to it is dropped, so a passage copied word for word stays ``verbatim`` or
   ``quote``. A quotation group that claims extend stays a ``quote``.
2. **Pieces joined.** Groups (not quotations, one span per document within a sentence) that
   state the same stretch in every document both hold (overlapping by half the shorter span;
   half of each when they share one document only) are one group: a fact found in pieces.
   Two claims of the claims stage are never joined here (it kept them apart); a claim made
   of a group of figures may join one.
   **Repeats joined.** Groups (not quotations) of the same documents whose spans follow each
   other closely within one sentence in every document, no quotation mark between them (a
   list of names two articles share), become one group.
3. **Fragments.** A group (not a quotation) whose spans are all one to three words without a
   figure, or all a name or title (at most five words, no figure, at most one word of four
   letters or more not capitalised: "Hamas leader Ismail Haniyeh"), or a word group two spans
   of which give different figures of the same thing (the words shared are only the frame:
   "local time, 75 kilometers" / "local time about 135 kilometers"), is a ``fragment``; so is
   the documents where a word aligner's group is only that (their longest span is one) are
   taken out of it, into a fragment of their own ("former heavyweight champion" said of Rahman
   in two articles, of Bowe in two others with his name), and the group is a fragment when
   fewer than two documents are left ("Iran's foreign minister" / "met with Iran's Foreign
   Minister").
4. **Folding.** A group every span of which sits inside a span of a bigger group (half of it
   or more, same document) is folded into it: ``folded_into`` names that group.

Fragments and folded groups are HIDDEN (:attr:`~reader.core.models.Group.hidden`): kept, but
left out of the default view. Visible groups are numbered ``g1``, ``g2``... in order of first
occurrence (document order, then offset), hidden ones after them in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.core.align.claims import Claim
from reader.core.align.fragments import Read, SpanTexts, figures_disagree, fragment, is_fragment
from reader.core.align.groups import _snap  # the one rule for whole-word spans
from reader.core.align.quotes import Quotation
from reader.core.align.sentences import sentence_spans
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["fold_groups", "is_fragment"]


@dataclass
class _Draft:
    """A group being made."""

    kind: GroupKind
    score: float
    spans: list[Span]
    folded_into: int | None = None
    """Index of the draft this one is folded into."""
    figure: bool = False
    """A claim made of a group of figures (it may join another claim stating the same stretch)."""
    gone: bool = False
    """Merged into another draft."""
    order: tuple = field(default=())


def fold_groups(
    documents: Sequence[Document],
    word_groups: Sequence[Group],
    claims: Sequence[Claim],
    quotation: Callable[[int, int, int], Quotation | None],
    texts: SpanTexts | None = None,
) -> tuple[Group, ...]:
    """The groups to show (see the module); ``quotation(doc, start, end)`` tells the quotation
    a span lies in; ``texts``: the spans' texts, some read already (:class:`~reader.core.align.fragments.SpanTexts`
    of ``documents``)."""
    index = {doc.id: d for d, doc in enumerate(documents)}
    drafts = [_Draft(g.kind, g.score, list(g.spans)) for g in word_groups]
    starts: dict[str, list[tuple[int, int]]] = {}

    def within(span: Span) -> bool:
        """Whether ``span`` lies inside one sentence of its article."""
        sentences = starts.get(span.doc)
        if sentences is None:
            sentences = starts[span.doc] = sentence_spans(documents[index[span.doc]].text)
        k = bisect_right(sentences, (span.start, len(documents[index[span.doc]].text) + 1)) - 1
        return k >= 0 and sentences[k][0] <= span.start and span.end <= sentences[k][1]

    _meet_claims(documents, drafts, claims, quotation, within)
    live = _join_repeats(documents, [d for d in drafts if not d.gone])
    texts = texts if texts is not None else SpanTexts(documents)
    for draft in list(live):
        if draft.kind is GroupKind.QUOTE:
            continue
        spans = [texts.read(s) for s in draft.spans]
        if fragment(spans) or (draft.kind in _WORD_KINDS and figures_disagree(spans)):
            draft.kind = GroupKind.FRAGMENT
        elif draft.kind in _WORD_KINDS:
            live.extend(_split_fragments(draft, spans))
    live = _merge_agreeing(live, within)
    _fold_nested(live)
    return _number(live, index)


def _meet_claims(
    documents: Sequence[Document],
    drafts: list[_Draft],
    claims: Sequence[Claim],
    quotation: Callable[[int, int, int], Quotation | None],
    within: Callable[[Span], bool],
) -> None:
    """Each claim, best first, met with the word groups ``drafts`` it overlaps (:func:`_meet`).
    A claim meets a group through the documents the group held at first, and its spans there
    as they are: ``at`` holds them by document, ``(start, end, group)``, made again for a group
    a claim merges into."""
    at: dict[str, list[tuple[int, int, int]]] = {}
    for k, draft in enumerate(drafts):
        for span in draft.spans:
            at.setdefault(span.doc, []).append((span.start, span.end, k))
    first_docs = [{span.doc for span in draft.spans} for draft in drafts]
    for claim in sorted(claims, key=lambda c: (-c.score, c.spans)):
        spans = [_span(documents, d, s, e, quotation) for d, s, e in claim.spans]
        near = sorted({
            k for span in spans for start, end, k in at.get(span.doc, ())
            if start < end and span.start < span.end and start < span.end and span.start < end  # they overlap
        })
        merged = _meet(drafts, near, _Draft(GroupKind.REWORDED, _alike(documents, claim.spans), spans, figure=claim.figure), within)
        if merged is not None:  # its spans changed
            for doc in first_docs[merged]:
                at[doc] = [e for e in at[doc] if e[2] != merged] + [(t.start, t.end, merged) for t in drafts[merged].spans if t.doc == doc]


def _alike(documents: Sequence[Document], spans: Sequence[tuple[int, int, int]]) -> float:
    """How alike a claim's spans are worded, as for the other groups (``fuzz.ratio`` of the
    folded words, 0-100): the weakest of the first span against each other."""
    from rapidfuzz import fuzz

    from reader.core.align.tokens import folded_words

    words = [folded_words(documents[d].text[s:e]) for d, s, e in spans]
    return round(min(fuzz.ratio(words[0], other) for other in words[1:]), 1)


def _span(
    documents: Sequence[Document], d: int, start: int, end: int, quotation: Callable[[int, int, int], Quotation | None]
) -> Span:
    """A claim's span in document ``d``, widened to whole words as the word aligner's are, with
    its quotation's speaker when it lies in one."""
    start, end = _snap(documents[d].text, start, end)
    quote = quotation(d, start, end)
    return Span(documents[d].id, start, end, quote is not None, quote.speaker if quote is not None else None)


def _meet(drafts: list[_Draft], near: Sequence[int], claim: _Draft, within: Callable[[Span], bool]) -> int | None:
    """Add ``claim`` to ``drafts``, merged with the first word group (of ``drafts[k]`` for
    ``k`` in ``near``: those it overlaps) that states the same stretches, each span within one
    sentence (``within``), see the module, step 1: that group's index (None: added apart)."""
    for k in near:
        group = drafts[k]
        if group.gone:
            continue
        if group.kind is not GroupKind.QUOTE and not all(within(span) for span in group.spans):
            continue  # a passage of several sentences: a claim is never merged into it
        same, disagree = _compare(group.spans, claim.spans)
        if not same or disagree:
            continue
        covered = {s.doc for s in group.spans}
        extra = [s for s in claim.spans if s.doc not in covered]
        if group.kind is not GroupKind.QUOTE:
            group.spans = [_widened(span, claim.spans) for span in group.spans]
        if extra:
            group.spans.extend(extra)
            group.spans.sort(key=lambda s: (s.doc, s.start))
            if group.kind is not GroupKind.QUOTE:
                group.kind = GroupKind.REWORDED
            group.score = min(group.score, claim.score)
        return k
    drafts.append(claim)
    return None


def _merge_agreeing(drafts: list[_Draft], within: Callable[[Span], bool]) -> list[_Draft]:
    """Groups (not quotations; one span per document, each within a sentence) that state the
    same stretch in every document both hold, merged into one (see the module, step 2): a fact
    found in pieces ("52-3 with 46 KOs" in three articles, "Klitschko's record to 52-3" in three
    others, two of them in both) is one group."""
    single = [
        k for k, d in enumerate(drafts)
        if d.kind not in (GroupKind.QUOTE, GroupKind.FRAGMENT)
        and len({s.doc for s in d.spans}) == len(d.spans) and all(map(within, d.spans))
    ]
    by_doc: dict[str, list[int]] = {}
    for k in single:
        for span in drafts[k].spans:
            by_doc.setdefault(span.doc, []).append(k)
    parent = {k: k for k in single}
    place = {k: {s.doc: (s.start, s.end) for s in drafts[k].spans} for k in single}  # one span per document

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k in single:
        for j in sorted({j for span in drafts[k].spans for j in by_doc[span.doc] if j > k}):
            a, b = root(k), root(j)
            if drafts[a].kind is GroupKind.REWORDED is drafts[b].kind and not (drafts[a].figure or drafts[b].figure):
                continue  # two claims the claims stage kept apart stay apart
            if a != b and _agree(place[a], place[b]):
                _absorb(drafts[a], drafts[b])
                place[a] = {s.doc: (s.start, s.end) for s in drafts[a].spans}
                parent[b] = a
    return [d for d in drafts if not d.gone]


def _agree(a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]]) -> bool:
    """Whether two groups of one span per document (``(start, end)`` by document) state the
    same stretch in every document both hold: overlapping by half the shorter span (half of
    each when they share one only)."""
    shared = [(x, b[doc]) for doc, x in a.items() if doc in b]
    if not shared:
        return False
    size = min if len(shared) > 1 else max
    for (x0, x1), (y0, y1) in shared:
        if 2 * ((x1 if x1 < y1 else y1) - (x0 if x0 > y0 else y0)) < size(x1 - x0, y1 - y0):
            return False
    return True


def _absorb(into: _Draft, other: _Draft) -> None:
    """Merge ``other`` into ``into``: spans of a document both hold joined, the others added."""
    spans = {s.doc: s for s in into.spans}
    for span in other.spans:
        mine = spans.get(span.doc)
        spans[span.doc] = span if mine is None else Span(
            span.doc, min(mine.start, span.start), max(mine.end, span.end), mine.quoted or span.quoted, mine.speaker or span.speaker
        )
    into.spans = sorted(spans.values(), key=lambda s: (s.doc, s.start))
    kinds = {into.kind, other.kind}
    into.kind = GroupKind.REWORDED if GroupKind.REWORDED in kinds else GroupKind.NEAR if GroupKind.NEAR in kinds else into.kind
    into.score = min(into.score, other.score)
    into.figure = into.figure and other.figure
    other.gone = True


def _widened(span: Span, claim: Sequence[Span]) -> Span:
    """``span`` widened to the clause of the claim span of its document it overlaps (a
    word group met by a claim shows the claim, not only the words copied)."""
    for other in claim:
        if other.doc == span.doc and _overlap(span, other) > 0:
            return Span(span.doc, min(span.start, other.start), max(span.end, other.end), span.quoted, span.speaker)
    return span


def _compare(a: Sequence[Span], b: Sequence[Span]) -> tuple[bool, bool]:
    """Whether groups ``a`` and ``b`` state the same stretch of some document (each span
    covering half of the other), and whether they disagree on a document both hold (a span of
    one overlapping no span of the other)."""
    same = disagree = False
    docs_a = {s.doc for s in a}
    docs_b = {s.doc for s in b}
    for doc in docs_a & docs_b:
        sa = [s for s in a if s.doc == doc]
        sb = [s for s in b if s.doc == doc]
        for x in sa:
            if not any(_overlap(x, y) > 0 for y in sb):
                disagree = True
            for y in sb:
                o = _overlap(x, y)
                if 2 * o >= x.end - x.start and 2 * o >= y.end - y.start:
                    same = True
        for y in sb:
            if not any(_overlap(x, y) > 0 for x in sa):
                disagree = True
    return same, disagree


def _overlap(x: Span, y: Span) -> int:
    """Characters two spans of one document share."""
    return min(x.end, y.end) - max(x.start, y.start)


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s|\n")
_JOIN_GAP = 40
"""Characters at most between two spans of a list joined into one group."""
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u2018\u2019\u00ab\u00bb]")


def _join_repeats(documents: Sequence[Document], drafts: list[_Draft]) -> list[_Draft]:
    """Groups of the same documents (one span each) whose spans follow each other within a
    sentence in every document, joined into one (see the module, step 2)."""
    texts = {doc.id: doc.text for doc in documents}
    by_docs: dict[tuple[str, ...], list[_Draft]] = {}
    for draft in drafts:
        docs = tuple(s.doc for s in draft.spans)
        if len(set(docs)) == len(docs) >= 2:
            by_docs.setdefault(docs, []).append(draft)
    for docs, same in by_docs.items():
        if len(same) < 2:
            continue
        same.sort(key=lambda g: g.spans[0].start)
        current = same[0]
        for nxt in same[1:]:
            quoted = GroupKind.QUOTE in (current.kind, nxt.kind)
            if not quoted and all(_follows(texts[a.doc], a, b) for a, b in zip(current.spans, nxt.spans)):
                current.spans = [Span(a.doc, a.start, b.end) for a, b in zip(current.spans, nxt.spans)]
                current.kind = GroupKind.NEAR
                current.score = min(current.score, nxt.score)
                nxt.gone = True
            else:
                current = nxt
    return [d for d in drafts if not d.gone]


def _follows(text: str, a: Span, b: Span) -> bool:
    """Whether span ``b`` follows span ``a`` as the next item of a list: a few characters
    later, in the same sentence, no quotation mark between them."""
    if not a.end <= b.start <= a.end + _JOIN_GAP:
        return False
    gap = text[a.end : b.start]
    return _SENTENCE_END.search(gap) is None and not _QUOTE_MARK.search(gap)


_WORD_KINDS = (GroupKind.VERBATIM, GroupKind.NEAR)
"""Groups of the word aligner: what all their spans share is at most their shortest span."""


def _split_fragments(draft: _Draft, spans: Sequence[Read]) -> list[_Draft]:
    """The documents of a word group where it is only a fragment or a name (their longest span
    is one), taken out of it (see the module, step 3): a ``fragment`` group of their own when
    two documents or more are left, dropped when one is. When fewer than two documents are
    left with more than a fragment, the whole group is a fragment instead. ``spans``: its
    spans read (:class:`~reader.core.align.fragments.SpanTexts`)."""
    longest: dict[str, Read] = {}
    for span, r in zip(draft.spans, spans):
        if r.words >= (longest[span.doc].words if span.doc in longest else 0):
            longest[span.doc] = r
    weak = {doc for doc, r in longest.items() if fragment([r])}
    if not weak:
        return []
    if len(longest) - len(weak) < 2:
        draft.kind = GroupKind.FRAGMENT
        return []
    cut = [span for span in draft.spans if span.doc in weak]
    draft.spans = [span for span in draft.spans if span.doc not in weak]
    return [_Draft(GroupKind.FRAGMENT, draft.score, cut)] if len(weak) >= 2 else []


def _fold_nested(drafts: list[_Draft]) -> None:
    """Fold each group every span of which sits inside a span of a bigger group (see the
    module, step 4). Only groups holding half of the inner group's first span at least can hold
    it: those are looked up by document, then tried in the same order as all groups would be."""
    size = [sum(s.end - s.start for s in d.spans) for d in drafts]
    docs = [len({s.doc for s in d.spans}) for d in drafts]
    order = sorted(range(len(drafts)), key=lambda k: (-docs[k], -size[k], k))
    rank = [0] * len(drafts)
    for r, j in enumerate(order):
        rank[j] = r
    # A group is only met with the groups that hold its first span (half of it at least): the
    # others cannot hold all its spans.
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for j, draft in enumerate(drafts):
        for span in draft.spans:
            by_doc.setdefault(span.doc, []).append((span.start, span.end, j))
    for k in range(len(drafts)):
        inner = drafts[k]
        candidates: Sequence[int] = order
        if inner.spans:
            first = inner.spans[0]
            need = first.end - first.start
            f0, f1 = first.start, first.end
            held = {j for start, end, j in by_doc[first.doc] if 2 * ((end if end < f1 else f1) - (start if start > f0 else f0)) >= need}
            candidates = sorted(held, key=rank.__getitem__)
        for j in candidates:
            if j == k or drafts[j].folded_into is not None or drafts[j].kind is GroupKind.FRAGMENT:
                continue
            outer = drafts[j]
            if size[j] < size[k] and docs[j] <= docs[k]:
                continue
            if _holds(outer.spans, inner.spans):
                inner.folded_into = j
                break


def _holds(outer: Sequence[Span], inner: Sequence[Span]) -> bool:
    """Whether each span of ``inner`` has half of it or more inside a span of ``outer`` (same
    document)."""
    for s in inner:
        doc, s0, s1 = s.doc, s.start, s.end
        for t in outer:
            if t.doc == doc and 2 * ((t.end if t.end < s1 else s1) - (t.start if t.start > s0 else s0)) >= s1 - s0:
                break
        else:
            return False
    return True


def _number(drafts: list[_Draft], index: dict[str, int]) -> tuple[Group, ...]:
    """Groups numbered: visible ones in order of first occurrence, then hidden ones."""
    for draft in drafts:
        draft.spans.sort(key=lambda s: (index[s.doc], s.start, s.end))
        draft.order = (index[draft.spans[0].doc], draft.spans[0].start, [(index[s.doc], s.start, s.end) for s in draft.spans])

    def hidden(k: int) -> bool:
        return drafts[k].kind is GroupKind.FRAGMENT or drafts[k].folded_into is not None

    ranked = sorted(range(len(drafts)), key=lambda k: (hidden(k), drafts[k].order))
    ids = {k: f"g{n}" for n, k in enumerate(ranked, 1)}
    return tuple(
        Group(
            id=ids[k],
            kind=drafts[k].kind,
            score=drafts[k].score,
            spans=tuple(drafts[k].spans),
            folded_into=ids[drafts[k].folded_into] if drafts[k].folded_into is not None else None,
        )
        for k in ranked
    )
