"""JSON Lines: one JSON object per annotation and line (lossless; see :func:`.rows.record`)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.export.rows import Row, json_text, record


def render(rows: Sequence[Row]) -> str:
    """The JSON Lines text."""
    return "".join(json_text(record(row)) + "\n" for row in rows)
