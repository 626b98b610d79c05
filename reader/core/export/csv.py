"""CSV for spreadsheets: the JSON Lines fields as columns, tags joined, formulas made inert."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from reader.core.export.rows import Row, record

CSV_COLUMNS = ("id", "doc", "title", "file", "start", "end", "status", "exact", "tags", "note", "group", "created", "updated")
"""The CSV header. ``tags`` are joined with ``"; "`` (for a spreadsheet; a tag that itself holds
``"; "`` cannot be told apart there: JSON Lines is the lossless export)."""

TAG_SEPARATOR = "; "

_ESCAPED_START = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value: object) -> str:
    """A CSV cell made inert for spreadsheets: a text starting with ``= + - @``, tab or CR gets
    a leading ``'`` (OWASP's advice against formula injection). A text that itself starts with
    ``'`` gets one too, so that removing one leading ``'`` always gives back the text."""
    text = "" if value is None else str(value)
    if text.startswith(_ESCAPED_START):
        return "'" + text
    return text


def render(rows: Sequence[Row]) -> str:
    """The CSV text (CRLF line ends, as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        fields = record(row)
        fields["tags"] = TAG_SEPARATOR.join(fields["tags"])
        writer.writerow([csv_cell(fields[c]) for c in CSV_COLUMNS])
    return out.getvalue()
