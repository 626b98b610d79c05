"""Export anchored annotations in the formats other tools read: JSON Lines, CSV, W3C Web
Annotation (JSON-LD), a Markdown report, and brat standoff.

Used by the ``parallax export`` command and the app's export action alike. Offsets are always
those of the *current* article text (``Anchored.start``/``end``); an orphan (an annotation that
could not be placed in the current text) is exported with ``status: orphan`` and no offsets where
the format allows it (JSONL, CSV, W3C: quote selector only, Markdown: its own section) and left
out of brat, which has no way to say "somewhere".

brat offsets are character offsets into the ``.txt`` it displays, so next to each ``.ann`` the
export writes the article text exactly as Parallax loaded it (UTF-8, LF line endings, no BOM):
the offsets are then Python ``str`` indices into that file, i.e. exactly ours. A span across a
line break becomes a discontinuous brat span (one fragment per line), as brat itself does.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core import files
from reader.core.annotate.anchoring import Anchored, AnchorStatus
from reader.core.annotate.model import CONTEXT_CHARS
from reader.core.models import Corpus, Document
from reader.core.text import printable, visible

FORMATS: tuple[str, ...] = ("jsonl", "csv", "w3c", "markdown", "brat")
"""Every export format, in the order they are offered."""

FORMAT_SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "w3c": ".jsonld", "markdown": ".md", "brat": ""}
"""The usual file ending per format (brat writes a folder)."""

CSV_COLUMNS = ("id", "doc", "title", "file", "start", "end", "status", "exact", "tags", "note", "group", "created", "updated")
"""The CSV header. ``tags`` are joined with ``"; "`` (for a spreadsheet; a tag that itself holds
``"; "`` cannot be told apart there: JSON Lines is the lossless export)."""

TAG_SEPARATOR = "; "
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BRAT_UNTAGGED = "Annotation"
"""The brat entity type of an annotation without tags (a note or a plain highlight)."""

_ESCAPED_START = ("=", "+", "-", "@", "\t", "\r", "'")


class ExportError(Exception):
    """An export cannot be written: the message is one line naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class _Row:
    anchored: Anchored
    document: Document | None

    @property
    def placed(self) -> bool:
        return self.anchored.status is not AnchorStatus.ORPHAN and self.document is not None

    @property
    def text(self) -> str:
        """The span's current text (the stored quotation for an orphan)."""
        if self.placed:
            assert self.document is not None and self.anchored.start is not None
            return self.document.text[self.anchored.start : self.anchored.end]
        return self.anchored.annotation.exact


def _documents(documents: Mapping[str, Document] | Iterable[Document] | Corpus) -> dict[str, Document]:
    if isinstance(documents, Corpus):
        return {d.id: d for d in documents.documents}
    if isinstance(documents, Mapping):
        return dict(documents)
    return {d.id: d for d in documents}


def _rows(anchored: Iterable[Anchored], documents: Mapping[str, Document] | Iterable[Document] | Corpus) -> list[_Row]:
    docs = _documents(documents)
    order = {doc_id: n for n, doc_id in enumerate(docs)}
    rows = [_Row(a, docs.get(a.annotation.doc)) for a in anchored]
    rows.sort(
        key=lambda r: (
            not r.placed,
            order.get(r.anchored.annotation.doc, len(order)),
            r.anchored.annotation.doc,
            r.anchored.start if r.anchored.start is not None else r.anchored.annotation.start,
            r.anchored.end if r.anchored.end is not None else r.anchored.annotation.end,
            r.anchored.annotation.created,
            r.anchored.annotation.id,
        )
    )
    return rows


def export_annotations(
    anchored: Iterable[Anchored], documents: Mapping[str, Document] | Iterable[Document] | Corpus, fmt: str
) -> str:
    """The export as one string (every format but ``brat``, which is several files: see
    :func:`export_brat`)."""
    rows = _rows(anchored, documents)
    if fmt == "jsonl":
        return "".join(json_text(_record(r)) + "\n" for r in rows)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "w3c":
        return json_text(_w3c(rows), indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(rows)
    if fmt == "brat":
        raise ValueError("brat export is several files: use export_brat() or write_export()")
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")


# --------------------------------------------------------------------------------------------
# JSON Lines and CSV


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII kept, but DEL, C1 and bidi controls, line separators and lone
    surrogates written as ``\\uXXXX`` escapes (lossless, and inert in a terminal)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def annotation_records(
    anchored: Iterable[Anchored], documents: Mapping[str, Document] | Iterable[Document] | Corpus
) -> list[dict[str, Any]]:
    """One plain dict per annotation (the JSONL lines), in document and offset order."""
    return [_record(r) for r in _rows(anchored, documents)]


def _record(row: _Row) -> dict[str, Any]:
    a = row.anchored.annotation
    doc = row.document
    return {
        "id": a.id,
        "doc": a.doc,
        "title": doc.title if doc else None,
        "file": doc.path if doc else None,
        "start": row.anchored.start if row.placed else None,
        "end": row.anchored.end if row.placed else None,
        "status": row.anchored.status.value if doc else AnchorStatus.ORPHAN.value,
        "exact": row.text,
        "tags": list(a.tags),
        "note": a.note,
        "group": a.group,
        "created": a.created,
        "updated": a.updated,
    }


def csv_cell(value: object) -> str:
    """A CSV cell made inert for spreadsheets: a text starting with ``= + - @``, tab or CR gets
    a leading ``'`` (OWASP's advice against formula injection). A text that itself starts with
    ``'`` gets one too, so that removing one leading ``'`` always gives back the text."""
    text = "" if value is None else str(value)
    if text.startswith(_ESCAPED_START):
        return "'" + text
    return text


def _csv(rows: list[_Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        record = _record(row)
        record["tags"] = TAG_SEPARATOR.join(record["tags"])
        writer.writerow([csv_cell(record[c]) for c in CSV_COLUMNS])
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# W3C Web Annotation


def annotation_iri(annotation_id: str) -> str:
    """The IRI of an annotation in the W3C export: ``urn:uuid:...`` (our ids are uuid4 hex)."""
    try:
        return uuid.UUID(hex=annotation_id).urn
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, "parallax:annotation:" + annotation_id).urn


def document_iri(document: Document | None, doc_id: str) -> str:
    """The IRI of an article: its ``file://`` URI when it was read from disk."""
    if document is not None and os.path.isabs(document.path):
        return Path(document.path).as_uri()
    return "urn:parallax:doc:" + "".join(c if c.isalnum() or c in "-._~" else f"%{ord(c):02X}" for c in doc_id)


def _w3c(rows: list[_Row]) -> dict[str, Any]:
    items = []
    for row in rows:
        a = row.anchored.annotation
        bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in a.tags]
        if a.note:
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"})
        prefix, suffix = a.prefix, a.suffix
        position: list[dict[str, Any]] = []
        if row.placed:
            assert row.document is not None and row.anchored.start is not None and row.anchored.end is not None
            text = row.document.text
            start, end = row.anchored.start, row.anchored.end
            prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
            position.append({"type": "TextPositionSelector", "start": start, "end": end})
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": row.text}
        if prefix:
            quote["prefix"] = prefix
        if suffix:
            quote["suffix"] = suffix
        item: dict[str, Any] = {
            "id": annotation_iri(a.id),
            "type": "Annotation",
            "motivation": "tagging" if a.tags else "commenting" if a.note else "highlighting",
            # The span is a SpecificResource of the article: two selectors describing the same
            # segment (the W3C model lets a client use either).
            "target": {"type": "SpecificResource", "source": document_iri(row.document, a.doc), "selector": [quote, *position]},
        }
        if bodies:
            item["body"] = bodies
        if a.created:
            item["created"] = a.created
        if a.updated:
            item["modified"] = a.updated
        items.append(item)
    collection_id = uuid.uuid5(uuid.NAMESPACE_URL, "parallax:export:" + ",".join(sorted(i["id"] for i in items)))
    return {
        "@context": W3C_CONTEXT,
        "id": collection_id.urn,
        "type": "AnnotationCollection",
        "label": "Parallax annotations",
        "total": len(items),
        "first": {
            "id": collection_id.urn + "#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


# --------------------------------------------------------------------------------------------
# Markdown report

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _quote(text: str) -> str:
    return "\n".join("> " + _md(line) if line.strip() else ">" for line in text.split("\n"))


def _markdown(rows: list[_Row]) -> str:
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
    by_tag: dict[str, list[_Row]] = {}
    untagged: list[_Row] = []
    for row in placed:
        if row.anchored.annotation.tags:
            for tag in row.anchored.annotation.tags:
                by_tag.setdefault(tag, []).append(row)
        else:
            untagged.append(row)

    def entry(row: _Row) -> list[str]:
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
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# brat standoff

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


def export_brat(
    anchored: Iterable[Anchored], documents: Mapping[str, Document] | Iterable[Document] | Corpus
) -> dict[str, str]:
    """brat standoff: ``{file name: content}`` with a ``<doc>.ann`` and ``<doc>.txt`` per
    article that has placed annotations. Orphans are left out (they have no offsets)."""
    rows = [r for r in _rows(anchored, documents) if r.placed]
    out: dict[str, str] = {}
    stems: dict[str, str] = {}
    per_doc: dict[str, list[_Row]] = {}
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
            if a.note:
                note_n += 1
                lines.append(f"#{note_n}\tAnnotatorNotes {first}\t{' '.join(a.note.split())}")
        out[stem + ".ann"] = "".join(line + "\n" for line in lines)
        out[stem + ".txt"] = document.text
    return out


# --------------------------------------------------------------------------------------------
# Writing files safely


def write_export(
    anchored: Iterable[Anchored],
    documents: Mapping[str, Document] | Iterable[Document] | Corpus,
    fmt: str,
    output: Path | str,
) -> tuple[Path, ...]:
    """Write an export to ``output`` (a file; for ``brat`` a folder, created if missing) and
    return the paths written. Files are written atomically (:func:`reader.core.files.write_atomic`,
    in the folder ``output`` names and nowhere else); a symlink at the target (or the brat folder
    being one) is refused, and brat checks all its targets before writing any. Raises
    :class:`ExportError`."""
    output = Path(output)
    if fmt not in FORMATS:
        raise ExportError(f"{output}: unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    anchored = tuple(anchored)
    if fmt == "brat":
        contents = export_brat(anchored, documents)
        _refuse_symlink(output)
        if output.exists() and not output.is_dir():
            raise ExportError(f"{output}: exists and is not a folder (brat export writes a folder)")
        try:
            output.mkdir(exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{output}: cannot create the folder: {files.reason(exc)}") from None
        folder = output
    else:
        contents = {output.name: export_annotations(anchored, documents, fmt)}
        _refuse_symlink(output)
        if output.name in ("", ".", ".."):
            raise ExportError(f"{output}: not a file name")
        folder = output.parent
        if not folder.is_dir():
            raise ExportError(f"{output}: folder {folder} does not exist")
        if output.is_dir():
            raise ExportError(f"{output}: is a folder (give a file name; only brat writes a folder)")
    try:
        dir_fd = files.open_folder(folder, follow=fmt != "brat")  # the brat folder is the target
    except OSError as exc:
        raise ExportError(f"{folder}: cannot open the folder: {files.reason(exc)}") from None
    try:
        for name in contents:  # every target checked before anything is written
            if "/" in name or name in (".", "..") or (fmt == "brat" and name.startswith(".")):
                raise ExportError(f"{folder / name}: refused (would leave the folder)")
            _call(folder / name, files.check_target, dir_fd, name)
        for name, content in contents.items():
            _call(folder / name, files.write_atomic, dir_fd, name, [content.encode("utf-8", "backslashreplace")])
    finally:
        os.close(dir_fd)
    return tuple(folder / name for name in contents)


def _refuse_symlink(path: Path) -> None:
    if path.is_symlink():
        raise ExportError(f"{path}: is a symlink; export does not write through symlinks (refused)")


def _call(target: Path, function: Callable[..., object], *args: object) -> None:
    """Run a file operation on ``target``; an ``OSError`` becomes a one-line :class:`ExportError`."""
    try:
        function(*args)
    except files.UnsafeFileError as exc:
        raise ExportError(f"{target}: {files.reason(exc)}") from None
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {files.reason(exc)}") from None
