"""Step 5 of the aligner (:mod:`reader.core.align`): from verified alignments to groups.

Alignments are first tidied (:func:`merge_links` joins the fragments of one heavily edited
passage, :func:`to_sentences` widens them to whole sentences, :func:`drop_nested` drops a
phrase met again inside a longer alignment, :func:`one_to_one` keeps one alignment per stretch
of text and pair of documents), then :func:`make_groups` joins them into groups of spans with
union-find, snaps each span to whole words and tells quotations and their speakers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.align.context import Context, Link
from reader.core.align.quotes import Quotation
from reader.core.align.tokens import WORD_CHAR, Tokens
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["drop_nested", "make_groups", "merge_links", "one_to_one", "tidy_links", "to_sentences"]


LONG_ALIGNMENT = 8
"""Matched words from which an alignment is a passage rather than a phrase (see
:func:`make_groups`)."""


def tidy_links(links: Sequence[Link], ctx: Context) -> list[Link]:
    """Step 5's first half: the verified alignments in one canonical order (whatever order they
    were verified in), then joined (``link_gap``), widened to sentences (``sentence_reach``),
    nested phrases dropped, and one alignment per stretch of text (unless ``self_matches``)."""
    options = ctx.options
    tidy = sorted(links, key=lambda link: (link.a, link.b, link.a0, link.b0, link.a1, link.b1))
    if options.link_gap:
        tidy = [link for link in merge_links(tidy, options.link_gap) if link.count >= options.min_words]
    if options.sentence_reach:
        tidy = [to_sentences(ctx, link, options.sentence_reach) for link in tidy]
    tidy = drop_nested(tidy)
    if not options.self_matches:
        tidy = one_to_one(tidy)
    return tidy


def to_sentences(ctx: Context, link: Link, reach: int) -> Link:
    """``link`` widened on both sides to the start and end of its sentences when they are at
    most ``reach`` words away."""
    a0, a1 = ctx.sentence_bounds(link.a, link.a0, link.a1, reach)
    b0, b1 = ctx.sentence_bounds(link.b, link.b0, link.b1, reach)
    if (a0, a1, b0, b1) == (link.a0, link.a1, link.b0, link.b1):
        return link
    return Link(link.a, a0, a1, link.b, b0, b1, link.score, False, link.count)


def merge_links(links: list[Link], gap: int) -> list[Link]:
    """Join alignments of the same two documents that follow each other within ``gap`` words
    in both (the fragments of one long reused passage with heavy edits)."""
    out: list[Link] = []
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
                out[k] = Link(
                    prev.a, min(prev.a0, link.a0), max(prev.a1, link.a1),
                    prev.b, min(prev.b0, link.b0), max(prev.b1, link.b1),
                    round(score, 1), False, prev.count + link.count,
                )
                merged = True
                break
        if not merged:
            out.append(link)
    return out


def one_to_one(links: list[Link]) -> list[Link]:
    """Per pair of documents, keep each stretch of text in one alignment only: the one with the
    most matched words (then the best score, then the first). Repetitive text (lists, tables,
    templates) otherwise pairs every repeat with every other."""
    by_pair: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        by_pair.setdefault((link.a, link.b), []).append(link)
    kept: list[Link] = []
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


def drop_nested(links: list[Link]) -> list[Link]:
    """Drop the alignments whose two spans each lie inside, and are less than half of, a longer
    alignment's span: a phrase of one passage met again inside another passage, which would
    only tie two unrelated groups together. Kept when it sits at the same place in two longer
    spans of about the same length: then it ties two copies of one passage (each aligned with
    other documents) that no other alignment ties."""
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for k, link in enumerate(links):
        by_doc.setdefault(link.a, []).append((link.a0, -link.a1, 2 * k))
        by_doc.setdefault(link.b, []).append((link.b0, -link.b1, 2 * k + 1))
    inside: list[tuple[int, int] | None] = [None] * (2 * len(links))
    """For each nested span: how far into its longer span it starts, and that span's length."""
    for entries in by_doc.values():
        entries.sort()
        reach, owner, owner_start = -1, -1, 0
        for start, neg_end, node in entries:
            end = -neg_end
            if end <= reach:
                if owner // 2 != node // 2 and 2 * (end - start) < reach - owner_start:
                    inside[node] = (start - owner_start, reach - owner_start)
            else:
                reach, owner, owner_start = end, node, start
    kept = []
    for k, link in enumerate(links):
        a, b = inside[2 * k], inside[2 * k + 1]
        if a is not None and b is not None and not _same_place(a, b):
            continue
        kept.append(link)
    return kept


def _same_place(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two nested spans (offset into their longer span, its length) sit at the same
    place in longer spans of about the same length (within a fifth)."""
    (off_a, len_a), (off_b, len_b) = a, b
    return 5 * abs(len_a - len_b) <= max(len_a, len_b) and 10 * abs(off_a - off_b) <= max(len_a, len_b)


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


def make_groups(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    links: list[Link],
    quotation: Callable[[int, int, int], Quotation | None],
) -> tuple[Group, ...]:
    """The groups of spans the alignments ``links`` make (see :mod:`reader.core.align`, step 5);
    ``quotation(doc, start, end)`` tells the quotation a span lies in."""
    # Nodes: one per (link, side), as character spans, in disjoint sets (union-find with path
    # halving; the smaller root wins, so a set's root is its least node and every node's
    # parent is at most itself): the two sides of a link start in one set.
    spans: list[tuple[int, int, int]] = []
    for link in links:
        ta, tb = tokens[link.a], tokens[link.b]
        spans.append((link.a, ta.starts[link.a0], ta.ends[link.a1 - 1]))
        spans.append((link.b, tb.starts[link.b0], tb.ends[link.b1 - 1]))
    parent = [i & ~1 for i in range(len(spans))]
    # Overlapping spans of one document are one occurrence when they overlap by half the
    # shorter one: found by two pairs of documents with different extents, or a copy of part
    # of a longer passage. Not when one of them is a short phrase (fewer than LONG_ALIGNMENT
    # matched words): a phrase met again inside a longer passage, or sharing a word with it,
    # is another occurrence unless it is more than half of it (or they overlap by more than
    # two thirds of the longer one). Joining it would chain unrelated mentions into one group
    # ("Iran's foreign minister" and "Hossein Amir-Abdollahian" through "Iran's Foreign
    # Minister Hossein Amir-Abdollahian").
    long = [link.count >= LONG_ALIGNMENT for link in links for _ in (0, 1)]
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for idx, (d, s, e) in enumerate(spans):
        by_doc.setdefault(d, []).append((s, -e, idx))
    for entries in by_doc.values():
        entries.sort()  # by start, the longer first, then in node order
        active: list[tuple[int, int, bool, int]] = []  # (end, start, long, node) of the spans still open
        for s, e, i in entries:
            e = -e
            if active:
                active = [open_ for open_ in active if open_[0] > s]
            long_i = long[i]
            for ej, sj, long_j, j in active:  # sj <= s
                overlap = (e if e < ej else ej) - s
                if long_i and long_j:
                    same = 2 * overlap >= min(e - s, ej - sj)
                elif e <= ej:
                    same = 2 * overlap > ej - sj
                else:
                    same = 3 * overlap > 2 * max(e - s, ej - sj)
                if same:
                    x, y = i, j
                    while parent[x] != x:
                        parent[x] = x = parent[parent[x]]
                    while parent[y] != y:
                        parent[y] = y = parent[parent[y]]
                    if x < y:
                        parent[y] = x
                    elif y < x:
                        parent[x] = y
            active.append((e, s, long_i, i))
    components: dict[int, list[int]] = {}
    for idx in range(len(spans)):
        root = parent[idx] = parent[parent[idx]]  # its parent's root: nodes go in increasing order
        components.setdefault(root, []).append(idx)
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
