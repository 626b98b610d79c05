"""The rows of the annotations panel, as :class:`~textual.content.Content` (never markup): an
annotation (article, anchoring, tags, text, note, links) or a verdict on a shared passage.

All text is made inert with :func:`reader.core.text.visible`. Rows use the width they have: the
text and the note are cut to a few lines of the panel's width, not to a fixed length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widgets.option_list import Option

from reader.core.annotate import AnchorStatus, Anchored
from reader.core.annotate.links import Link, links_of
from reader.core.annotate.verdicts import Verdict
from reader.core.models import Document
from reader.core.text import visible

SNIPPET_CHARS = 90
"""The fewest characters of an annotation's text shown in its row (two lines of a wider panel)."""

NOTE_CHARS = 60
"""The fewest characters of a note shown in its row (three lines of a wider panel)."""

LINK_CHARS = 50
"""The most characters of the other end's text shown for a link."""

Part = str | Content | tuple[str, str]


def shorten(text: str, limit: int) -> str:
    """``text`` made inert, on one line (white space runs collapsed), cut to ``limit`` with ``…``."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def current_text(item: Anchored, document: Document | None) -> str:
    """The annotation's text now (as stored, for an orphan)."""
    if item.placed and document is not None and item.start is not None and item.end is not None:
        return document.text[item.start : item.end]
    return item.annotation.exact


def _title(doc_id: str, document: Document | None) -> str:
    return document.title if document is not None and document.title else doc_id


def annotation_row(
    item: Anchored,
    document: Document | None,
    *,
    width: int = 0,
    links: Sequence[Link] = (),
    others: Mapping[str, tuple[Anchored, Document | None]] | None = None,
) -> Content:
    """The (multi-line) content of one annotation's row. ``width``: the cells a line has (the
    text gets two lines of it, the note three); ``links``: the annotation's links, each shown
    with the text and article at its other end (looked up in ``others``, by annotation id)."""
    a = item.annotation
    head: list[Part] = []
    if document is None:
        head.append(("article gone \u00b7 orphan ", "bold $text-error"))
    elif item.status is AnchorStatus.ORPHAN:
        head.append(("orphan ", "bold $text-error"))
    elif item.status is AnchorStatus.MOVED:
        head.append(("moved ", "bold $text-warning"))
    head.append((shorten(_title(a.doc, document), 60), "bold"))
    if a.tags:
        head.append("  ")
        for i, tag in enumerate(a.tags):
            if i:
                head.append(" ")
            head.append((f"#{shorten(tag, 30)}", "$text-accent"))
    lines: list[Part] = [
        Content.assemble(*head),
        "\n",
        (
            "\u201c" + shorten(current_text(item, document), max(SNIPPET_CHARS, 2 * width - 4)) + "\u201d",
            "italic" if item.placed else "italic $text-muted",
        ),
    ]
    if a.note.strip():
        lines.extend(["\n", ("\u270e " + shorten(a.note, max(NOTE_CHARS, 3 * width - 4)), "$text-muted")])
    for link in links:
        outgoing = link.source == a.id
        other = (others or {}).get(link.other_end(a.id))
        if other is None:
            where = "an annotation no longer in the store"
        else:
            end, end_document = other
            where = f"\u201c{shorten(current_text(end, end_document), LINK_CHARS)}\u201d \u00b7 {shorten(_title(end.annotation.doc, end_document), 40)}"
        lines.extend(
            [
                "\n",
                Content.assemble(
                    ("\u2192 " if outgoing else "\u2190 ", "bold $text-accent"),
                    (shorten(link.relation, 30), "bold"),
                    " ",
                    (where, "$text-muted"),
                ),
            ]
        )
    return Content.assemble(*lines)


def verdict_row(verdict: Verdict, documents: Mapping[str, Document], *, attached: bool) -> Content:
    """A verdict on a shared passage: its kind, whether it still finds its passage, the text."""
    titles = dict.fromkeys(_title(span.doc, documents.get(span.doc)) for span in verdict.spans)
    state = ("hides a passage (H shows it)", "$text-muted") if attached else ("orphan: its passage is no longer found", "bold $text-error")
    return Content.assemble(
        Content.assemble(("verdict ", "bold"), (f"\u2018{verdict.kind.value}\u2019 ", "bold $text-warning"), state),
        "\n",
        ("\u201c" + shorten(verdict.spans[0].exact, SNIPPET_CHARS) + "\u201d", "italic"),
        "\n",
        (shorten(" \u00b7 ".join(titles), 120), "$text-muted"),
    )


def list_options(
    rows: Sequence[Anchored],
    verdicts: Sequence[tuple[Verdict, bool]],
    everything: Sequence[Anchored],
    documents: Mapping[str, Document],
    links: Sequence[Link],
    width: int,
) -> list[Option | None]:
    """The panel's options: a row per annotation of ``rows`` (ids ``a0``, ``a1``...; the other
    end of a link looked up in ``everything``), then a row per verdict (``v0``...; each with
    whether it hides a passage now), a separator line between rows."""
    others = {a.annotation.id: (a, documents.get(a.annotation.doc)) for a in everything}
    options: list[Option | None] = []
    for i, item in enumerate(rows):
        if options:
            options.append(None)
        here = links_of(item.annotation.id, links)
        row = annotation_row(item, documents.get(item.annotation.doc), width=width, links=here, others=others)
        options.append(Option(row, id=f"a{i}"))
    for i, (verdict, attached) in enumerate(verdicts):
        if options:
            options.append(None)
        options.append(Option(verdict_row(verdict, documents, attached=attached), id=f"v{i}"))
    return options


def bar_text(shown: int, total: int, verdicts: int, sort: str, filtered: bool, linking: Anchored | None) -> str:
    """The line above the panel's list: how many annotations are listed, how they are sorted,
    or, while linking, what to do."""
    if linking is not None:
        text = shorten(linking.annotation.exact, 40)
        return f"Linking from \u201c{text}\u201d: choose the other end and press enter (escape: stop)"
    parts = [f"{shown} of {total} annotations" if filtered else f"{total} annotations"]
    if verdicts:
        parts.append(f"{verdicts} verdict{'s' if verdicts != 1 else ''}")
    parts.extend([f"in {sort} order (O)" if sort != "reading order" else "in reading order (O)", "filter: /"])
    return " \u00b7 ".join(parts)
