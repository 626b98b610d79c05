"""brat standoff: a folder with a ``<doc>.ann`` and a copy of ``<doc>.txt`` per article that has
placed annotations. Orphans are left out (brat has no way to say "somewhere").

brat offsets are character offsets into the ``.txt`` it displays, so next to each ``.ann`` the
export writes the article text exactly as Parallax loaded it (UTF-8, LF line endings, no BOM):
the offsets are then Python ``str`` indices into that file, i.e. exactly ours. A span across a
line break becomes a discontinuous brat span (one fragment per line), as brat itself does.

A link between two annotations of one article becomes a brat relation (``R1\tcontradicts
Arg1:T3 Arg2:T5``, its type written as :func:`brat_type` writes a tag). brat relates entities of
one document only: a link across articles, or to an annotation that is not placed, is left out
(:func:`left_out` says how many, in one line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.core.annotate.links import Link
from reader.core.export.rows import Row

BRAT_UNTAGGED = "Annotation"
"""The brat entity type of an annotation without tags (a note or a plain highlight)."""

_BRAT_TYPE_BAD = re.compile(r"[^\w\-.]")
_FILE_NAME_BAD = re.compile(r"[^A-Za-z0-9._~\-]")


def brat_type(tag: str) -> str:
    """A tag as a brat entity type: white space and characters brat cannot take become ``_``."""
    return _BRAT_TYPE_BAD.sub("_", tag) or "_"


def safe_file_stem(doc_id: str) -> str:
    """A document id as a file name with no path in it (``..``, ``/``, leading dots removed)."""
    stem = _FILE_NAME_BAD.sub("_", doc_id).lstrip(".") or "document"
    return stem[:200]


def brat_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at line breaks into non-empty fragments (brat spans are one line)."""
    fragments = []
    pos = start
    for part in text[start:end].split("\n"):
        if part:
            fragments.append((pos, pos + len(part)))
        pos += len(part) + 1
    return fragments


def _kept_links(rows: Sequence[Row], links: Iterable[Link]) -> dict[str, list[Link]]:
    """The links brat can hold, by document: both ends placed in the same article."""
    where = {r.anchored.annotation.id: r.anchored.annotation.doc for r in rows if r.placed}
    kept: dict[str, list[Link]] = {}
    for link in links:
        doc = where.get(link.source)
        if doc is not None and where.get(link.target) == doc:
            kept.setdefault(doc, []).append(link)
    return kept


def left_out(rows: Sequence[Row], links: Sequence[Link]) -> str | None:
    """One line saying how many links the brat export leaves out, or ``None``."""
    count = len(links) - sum(len(kept) for kept in _kept_links(rows, links).values())
    if not count:
        return None
    return f"{count} link{'s' if count != 1 else ''} left out of the brat export (brat holds links within one article only)"


def render(rows: Sequence[Row], links: Iterable[Link] = ()) -> dict[str, str]:
    """``{file name: content}``: a ``<doc>.ann`` and ``<doc>.txt`` per article that has placed
    annotations. Orphans are left out (they have no offsets), and links brat cannot hold."""
    rows = [r for r in rows if r.placed]
    relations = _kept_links(rows, links)
    out: dict[str, str] = {}
    stems: dict[str, str] = {}
    per_doc: dict[str, list[Row]] = {}
    for row in rows:
        per_doc.setdefault(row.anchored.annotation.doc, []).append(row)
    for doc_id, doc_rows in per_doc.items():
        document = doc_rows[0].document
        assert document is not None
        stem = safe_file_stem(doc_id)
        n = 2
        while stem in stems.values():
            stem = f"{safe_file_stem(doc_id)}~{n}"
            n += 1
        stems[doc_id] = stem
        lines = []
        t = note_n = 0
        entity: dict[str, str] = {}
        for row in doc_rows:
            assert row.anchored.start is not None and row.anchored.end is not None
            fragments = brat_fragments(document.text, row.anchored.start, row.anchored.end)
            if not fragments:
                continue
            offsets = ";".join(f"{s} {e}" for s, e in fragments)
            shown = " ".join(document.text[s:e] for s, e in fragments)
            a = row.anchored.annotation
            first = None
            for tag in a.tags or (BRAT_UNTAGGED,):
                t += 1
                first = first or f"T{t}"
                lines.append(f"T{t}\t{brat_type(tag)} {offsets}\t{shown}")
            if first is not None:
                entity[a.id] = first
            if a.note:
                note_n += 1
                lines.append(f"#{note_n}\tAnnotatorNotes {first}\t{' '.join(a.note.split())}")
        r = 0
        for link in relations.get(doc_id, ()):
            if link.source in entity and link.target in entity:
                r += 1
                lines.append(f"R{r}\t{brat_type(link.relation)} Arg1:{entity[link.source]} Arg2:{entity[link.target]}")
        out[stem + ".ann"] = "".join(line + "\n" for line in lines)
        out[stem + ".txt"] = document.text
    return out
