"""A Markdown report for people: the placed spans under each tag (most used first), the untagged
ones, then those that could not be placed, then the links between annotations and the verdicts
on shared passages; every text escaped so it cannot inject markup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from reader.core.annotate.anchoring import AnchorStatus
from reader.core.annotate.links import Link
from reader.core.export.rows import Row, VerdictRow
from reader.core.text import printable, visible

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _quote(text: str) -> str:
    return "\n".join("> " + _md(line) if line.strip() else ">" for line in text.split("\n"))


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return _md(flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…")


def _links(rows: Sequence[Row], links: Sequence[Link]) -> list[str]:
    by_id = {r.anchored.annotation.id: r for r in rows}

    def end(annotation_id: str) -> str:
        row = by_id.get(annotation_id)
        if row is None:
            return "*(an annotation no longer in the store)*"
        where = _md(row.document.title) if row.document else f"`{printable(row.anchored.annotation.doc).replace('`', '')}`"
        return f"“{_short(row.text)}” ({where})"

    out = [f"## Links ({len(links)})", ""]
    out.extend(f"- {end(link.source)} **{_md(link.relation)}** {end(link.target)}" for link in links)
    out.append("")
    return out


def _verdicts(verdicts: Sequence[VerdictRow]) -> list[str]:
    out = [f"## Verdicts on shared passages ({len(verdicts)})", ""]
    for row in verdicts:
        titles = dict.fromkeys(_md(s.document.title) if s.document else _md(s.anchored.annotation.doc) for s in row.spans)
        first = row.spans[0].text if row.spans else ""
        out.append(f"- **{_md(row.verdict.kind.value)}**: “{_short(first)}” in {', '.join(titles)}")
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
        where = f"*{_md(doc.title)}* (`{printable(Path(doc.path).name).replace('`', '')}`)" if doc else f"`{printable(a.doc).replace('`', '')}` (article not loaded)"
        if row.placed:
            moved = " (moved since it was made)" if row.anchored.status is AnchorStatus.MOVED else ""
            where += f", characters {row.anchored.start}–{row.anchored.end}{moved}"
        lines = [_quote(row.text), "", f"— {where}"]
        others = [t for t in a.tags if t]
        if len(others) > 1:
            lines.append(f"  Tags: {', '.join(_md(t) for t in others)}")
        if a.note:
            lines.append("")
            lines.extend(f"  Note: {_md(line)}" if n == 0 else f"  {_md(line)}" for n, line in enumerate(a.note.split("\n")))
        lines.append("")
        return lines

    for tag in sorted(by_tag, key=lambda t: (-len(by_tag[t]), t.casefold())):
        out.append(f"## {_md(tag)} ({len(by_tag[tag])})")
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
