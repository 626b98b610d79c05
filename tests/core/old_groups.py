"""Step 5's grouping as it was before its union-find was written inline (make_groups of
reader/core/align/groups.py at 256ce14, with its _UnionFind class). The tests compare
:func:`reader.core.align.groups.make_groups` with :func:`make_groups` here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.align.context import Link
from reader.core.align.groups import LONG_ALIGNMENT, _snap
from reader.core.align.quotes import Quotation
from reader.core.align.tokens import Tokens
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["make_groups"]


class _UnionFind:
    """Disjoint sets over ``0..size-1`` (path halving; the smaller root wins, so results never
    depend on the order of unions)."""

    def __init__(self, size: int) -> None:
        """Every element alone in its set."""
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        """The root of ``x``'s set."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        """Join the sets of ``x`` and ``y``."""
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            if rx < ry:
                self.parent[ry] = rx
            else:
                self.parent[rx] = ry


def make_groups(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    links: list[Link],
    quotation: Callable[[int, int, int], Quotation | None],
) -> tuple[Group, ...]:
    """The groups of spans the alignments ``links`` make (see :mod:`reader.core.align`, step 5);
    ``quotation(doc, start, end)`` tells the quotation a span lies in."""
    # Nodes: one per (link, side), as character spans.
    spans: list[tuple[int, int, int]] = []
    for link in links:
        ta, tb = tokens[link.a], tokens[link.b]
        spans.append((link.a, ta.starts[link.a0], ta.ends[link.a1 - 1]))
        spans.append((link.b, tb.starts[link.b0], tb.ends[link.b1 - 1]))
    uf = _UnionFind(len(spans))
    for k in range(len(links)):
        uf.union(2 * k, 2 * k + 1)
    # Overlapping spans of one document are one occurrence when they overlap by half the
    # shorter one: found by two pairs of documents with different extents, or a copy of part
    # of a longer passage. Not when one of them is a short phrase (fewer than LONG_ALIGNMENT
    # matched words): a phrase met again inside a longer passage, or sharing a word with it,
    # is another occurrence unless it is more than half of it (or they overlap by more than
    # two thirds of the longer one). Joining it would chain unrelated mentions into one group
    # ("Iran's foreign minister" and "Hossein Amir-Abdollahian" through "Iran's Foreign
    # Minister Hossein Amir-Abdollahian").
    long = [link.count >= LONG_ALIGNMENT for link in links for _ in (0, 1)]
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
                overlap = min(e, ej) - s
                if long[i] and long[j]:
                    same = 2 * overlap >= min(e - s, ej - sj)
                elif e <= ej:
                    same = 2 * overlap > ej - sj
                else:
                    same = 3 * overlap > 2 * max(e - s, ej - sj)
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
