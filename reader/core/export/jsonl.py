"""JSON Lines: one JSON object per line, lossless. Each line says what it is (``"kind"``): an
annotation (see :func:`.rows.record`), then each verdict on a group with its spans
(:func:`.rows.verdict_record`), then each link between annotations (:func:`.rows.link_record`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.core.annotate.links import Link
from reader.core.export.rows import Row, VerdictRow, json_text, link_record, record, verdict_record


def render(rows: Sequence[Row], verdicts: Iterable[VerdictRow] = (), links: Iterable[Link] = ()) -> str:
    """The JSON Lines text."""
    lines = [{"kind": "annotation", **record(row)} for row in rows]
    lines.extend(verdict_record(row) for row in verdicts)
    lines.extend(link_record(link) for link in links)
    return "".join(json_text(line) + "\n" for line in lines)
