"""A Markdown report for people: the placed spans under each tag (most used first), the untagged
ones, then those that could not be placed, then the links between annotations and the verdicts
on shared passages. Its first line is Parallax's mark (an HTML comment, :mod:`reader.core.marks`).
Every text from an article, a note or a tag is inert: control and bidi characters shown as
visible symbols, every character with a Markdown meaning escaped, and nothing at the start of a
line that would begin a heading, a list, a quote or a code block."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from reader.core.annotate.anchoring import AnchorStatus
from reader.core.annotate.links import Link
from reader.core.export.rows import Row, VerdictRow
from reader.core.marks import first_line
from reader.core.text import printable, visible

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
"""Characters with a meaning anywhere in a line (emphasis, code, links, HTML, entities...)."""
_BLOCK_START = re.compile(r"([=+\-]|\d{1,9}(?=[.)]))")
"""What makes a line a list item, a setext heading's underline or a thematic break when it
begins the line (``#``, ``>``, ``*``, ``_``, fences and HTML are escaped everywhere)."""


def _md(text: str, *, starts_line: bool = True) -> str:
    """One line of text as inert Markdown: control characters as visible symbols, every
    character with a meaning escaped, and (``starts_line``: the text begins a line) no leading
    white space and nothing at its start that would begin a block."""
    line = _MD_SPECIAL.sub(r"\\\1", visible(text))
    if not starts_line:
        return line
    line = line.lstrip()
    found = _BLOCK_START.match(line)
    if found is None:
        return line
    if found.group(1)[0].isdigit():  # "1. " / "1) " would begin a numbered list
        return line[: found.end()] + "\\" + line[found.end() :]
    return "\\" + line


def _quote(text: str) -> str:
    return "\n".join("> " + _md(line) if line.strip() else ">" for line in text.split("\n"))


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return _md(flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…", starts_line=False)


def _links(rows: Sequence[Row], links: Sequence[Link]) -> list[str]:
    by_id = {r.anchored.annotation.id: r for r in rows}

    def end(annotation_id: str) -> str:
        row = by_id.get(annotation_id)
        if row is None:
            return "*(an annotation no longer in the store)*"
        where = _md(row.document.title, starts_line=False) if row.document else f"`{printable(row.anchored.annotation.doc).replace('`', '')}`"
        return f"“{_short(row.text)}” ({where})"

    out = [f"## Links ({len(links)})", ""]
    out.extend(f"- {end(link.source)} **{_md(link.relation, starts_line=False)}** {end(link.target)}" for link in links)
    out.append("")
    return out


def _verdicts(verdicts: Sequence[VerdictRow]) -> list[str]:
    out = [f"## Verdicts on shared passages ({len(verdicts)})", ""]
    for row in verdicts:
        titles = dict.fromkeys(
            _md(s.document.title if s.document else s.anchored.annotation.doc, starts_line=False) for s in row.spans
        )
        first = row.spans[0].text if row.spans else ""
        out.append(f"- **{_md(row.verdict.kind.value, starts_line=False)}**: “{_short(first)}” in {', '.join(titles)}")
    out.append("")
    return out


def render(rows: Sequence[Row], verdicts: Iterable[VerdictRow] = (), links: Iterable[Link] = ()) -> str:
    """The report."""
    verdicts, links = tuple(verdicts), tuple(links)
    placed = [r for r in rows if r.placed]
    orphans = [r for r in rows if not r.placed]
    docs = {r.anchored.annotation.doc for r in rows}
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        first_line("markdown").rstrip("\n"),
        "# Parallax annotations",
        "",
        f"{len(rows)} annotation{'s' if len(rows) != 1 else ''} on {len(docs)} article{'s' if len(docs) != 1 else ''}, exported {stamp}.",
        "",
    ]
    by_tag: dict[str, list[Row]] = {}
    untagged: list[Row] = []
    for row in placed:
        if row.anchored.annotation.tags:
            for tag in row.anchored.annotation.tags:
                by_tag.setdefault(tag, []).append(row)
        else:
            untagged.append(row)

    def entry(row: Row) -> list[str]:
        a = row.anchored.annotation
        doc = row.document
        where = f"*{_md(doc.title, starts_line=False)}* (`{printable(Path(doc.path).name).replace('`', '')}`)" if doc else f"`{printable(a.doc).replace('`', '')}` (article not loaded)"
        if row.placed:
            moved = " (moved since it was made)" if row.anchored.status is AnchorStatus.MOVED else ""
            where += f", characters {row.anchored.start}–{row.anchored.end}{moved}"
        lines = [_quote(row.text), "", f"— {where}"]
        others = [t for t in a.tags if t]
        if len(others) > 1:
            lines.append(f"  Tags: {', '.join(_md(t, starts_line=False) for t in others)}")
        if a.note:
            lines.append("")
            lines.extend(f"  Note: {_md(line, starts_line=False)}" if n == 0 else f"  {_md(line)}" for n, line in enumerate(a.note.split("\n")))
        lines.append("")
        return lines

    for tag in sorted(by_tag, key=lambda t: (-len(by_tag[t]), t.casefold())):
        out.append(f"## {_md(tag, starts_line=False)} ({len(by_tag[tag])})")
        out.append("")
        for row in by_tag[tag]:
            out.extend(entry(row))
    if untagged:
        out.append(f"## Untagged ({len(untagged)})")
        out.append("")
        for row in untagged:
            out.extend(entry(row))
    if orphans:
        out.append(f"## Not placed ({len(orphans)})")
        out.append("")
        out.append("These spans could not be found again in the current articles (edited or missing); their text as annotated:")
        out.append("")
        for row in orphans:
            out.extend(entry(row))
    if links:
        out.extend(_links(rows, links))
    if verdicts:
        out.extend(_verdicts(verdicts))
    return "\n".join(out).rstrip("\n") + "\n"
