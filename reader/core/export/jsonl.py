"""JSON Lines: Parallax's mark (``{"parallax_export": "jsonl"}``, :mod:`reader.core.marks`) on the
first line, then one JSON object per annotation and line (lossless; see :func:`.rows.record`;
control, C1 and bidi characters written as ``\\u`` escapes: :func:`.rows.json_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.export.rows import Row, json_text, record
from reader.core.marks import first_line


def render(rows: Sequence[Row]) -> str:
    """The JSON Lines text."""
    return first_line("jsonl") + "".join(json_text(record(row)) + "\n" for row in rows)
