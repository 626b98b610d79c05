"""The marks that tell Parallax's own files from articles: the first line of each export, and how
a file is recognised as an export or an annotation store (renamed or not) so that loading a
corpus never reads one as an article (:func:`reader.core.corpus.load_file`).

* Markdown: ``<!-- parallax_export: markdown -->`` (an HTML comment: a renderer shows nothing);
* CSV: ``# parallax_export: csv`` (the header row follows; ``pandas.read_csv(..., comment="#")``
  or ``skiprows=1`` reads past it);
* JSON Lines: ``{"kind": "parallax_export", "format": "jsonl"}`` (then one object per line, each
  with its ``kind``);
* W3C: the collection's ``label`` and Parallax's context (:mod:`reader.core.export.w3c`);
* brat: the ``.ann`` beside each ``.txt`` (brat's format has no room for a mark);
* the annotation store: its ``_meta`` table naming the application.

Exports written before the marks existed are recognised by their first lines too. Pure and
light: the corpus loader imports it on the app's start.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

APPLICATION = "parallax"
"""What a store's ``_meta`` record says in ``application``."""
META_TABLE = "_meta"
"""The store table that says what the file is."""

W3C_LABEL = "Parallax annotations"
"""The ``label`` of a W3C export's collection."""

MARKS = {
    "markdown": "<!-- parallax_export: markdown -->",
    "csv": "# parallax_export: csv",
    "jsonl": json.dumps({"kind": "parallax_export", "format": "jsonl"}),
}
"""The first line of each export format that writes one file of text (W3C is one JSON document)."""

KINDS = {
    "markdown": "Markdown export",
    "csv": "CSV export",
    "jsonl": "JSON Lines export",
    "w3c": "W3C Web Annotation export",
    "store": "annotation store",
}
"""How each kind of Parallax file is named in a message."""

_LEGACY_MARKDOWN = re.compile(r"# Parallax annotations\n\n\d+ annotations? on \d+ articles?, exported ")
_LEGACY_CSV = "id,doc,title,file,start,end,status,"
_RECORD_FIELDS = {"id", "doc", "start", "end", "exact", "tags", "status"}
_BRAT_LINE = re.compile(r"[TRAEMN#*]\d*\t")


def first_line(fmt: str) -> str:
    """The mark that begins an export in ``fmt`` (with its line break), or ``""``."""
    mark = MARKS.get(fmt)
    return mark + "\n" if mark else ""


def recognise(text: str) -> str | None:
    """The kind of Parallax file ``text`` is (a key of :data:`KINDS`), or ``None`` for anything
    else (an article)."""
    head = text.lstrip("\ufeff")
    line = head.split("\n", 1)[0].rstrip("\r")
    for fmt, mark in MARKS.items():
        if line == mark:
            return fmt
    if _LEGACY_MARKDOWN.match(head):
        return "markdown"
    if line.startswith(_LEGACY_CSV):
        return "csv"
    if line.startswith("{"):
        first = _json(line)
        if isinstance(first, dict):
            if _RECORD_FIELDS <= set(first) or first.get("kind") in ("annotation", "verdict", "link"):
                return "jsonl"
            return _json_kind(first)
        whole = _json(head)
        if isinstance(whole, dict):
            return _json_kind(whole)
    return None


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _json_kind(content: dict[str, object]) -> str | None:
    meta = content.get(META_TABLE)
    if isinstance(meta, dict) and any(isinstance(r, dict) and r.get("application") == APPLICATION for r in meta.values()):
        return "store"
    if content.get("type") == "AnnotationCollection" and content.get("label") == W3C_LABEL:
        return "w3c"
    old = content.get("_default")  # a store in TinyDB's own layout (before schema 1)
    if set(content) == {"_default"} and isinstance(old, dict) and old:
        if all(isinstance(r, dict) and {"doc", "start", "end"} <= set(r) for r in old.values()):
            return "store"
    return None


def brat_annotations_beside(path: Path) -> Path | None:
    """The brat ``.ann`` file beside the text file ``path`` (``name.txt`` -> ``name.ann``) when
    there is one that reads as brat standoff (empty, or lines like ``T1<TAB>...``): ``path`` is
    then the text of a brat export, not an article."""
    if path.suffix.lower() != ".txt":
        return None
    ann = path.with_suffix(".ann")
    try:
        if ann.is_symlink() or not ann.is_file():
            return None
        with ann.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return None
    lines = [line for line in head.split("\n")[:20] if line.strip()]
    if len(head) == 4096 and lines:
        lines = lines[:-1]  # the last may be cut
    return ann if all(_BRAT_LINE.match(line) for line in lines) else None
