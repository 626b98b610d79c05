"""The inputs of a distributed run: folders of articles and JSON Lines files, read as a stream.

A corpus of a million articles does not need a million files: a JSON Lines file holds one
article per line, ``{"id": "...", "text": "..."}`` (plain or gzipped: ``.jsonl``, ``.jsonl.gz``,
``.ndjson``, ``.ndjson.gz``). A folder is read as the app reads it (:func:`load_corpus`: its
``.txt``/``.md`` files, one level deep, sorted by name), unless it holds JSON Lines files: then
those are read, in name order. Nothing here imports Dask or pyarrow.

Bad input never stops the run: a malformed line, a duplicate id, a corrupt gzip or an unreadable
file is one :class:`LoadIssue` naming the file (and the line), and the rest goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from reader.core.corpus import CorpusError, load_corpus
from reader.core.models import Document, LoadIssue, Severity
from reader.core.headline import read_header

__all__ = ["JSONL_SUFFIXES", "Fingerprint", "read_documents"]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


class Fingerprint:
    """A running sha256 over the documents read (ids and texts, in order)."""

    def __init__(self) -> None:
        """Nothing read yet."""
        self._hash = hashlib.sha256()
        self.count = 0

    def add(self, document: Document) -> None:
        """Count ``document`` in."""
        for part in (document.id, document.text):
            data = part.encode("utf-8", "surrogatepass")
            self._hash.update(len(data).to_bytes(8, "little"))
            self._hash.update(data)
        self.count += 1

    def hexdigest(self) -> str:
        """The fingerprint so far."""
        return f"{self.count}-{self._hash.hexdigest()}"


def read_documents(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Document | LoadIssue]:
    """The documents under ``paths`` in order, and the problems met (as :class:`LoadIssue`).

    Raises :class:`CorpusError` (before anything is read) when a path does not exist."""
    for raw in paths:
        if not os.path.lexists(raw):
            raise CorpusError(f"{raw}: no such file or folder")
    taken: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            jsonl = _jsonl_files(path)
            if isinstance(jsonl, LoadIssue):
                yield jsonl
                continue
            if jsonl:
                for file in jsonl:
                    yield from _read_jsonl(file, taken)
                continue
        if path.is_dir() or not path.name.lower().endswith(JSONL_SUFFIXES):
            corpus = load_corpus([path])
            yield from corpus.issues
            for document in corpus.documents:
                if document.id in taken:
                    yield LoadIssue(document.path, Severity.SKIPPED, f"duplicate id {document.id!r} (first in {taken[document.id]})")
                    continue
                taken[document.id] = document.path
                yield document
            continue
        yield from _read_jsonl(path, taken)


def _jsonl_files(folder: Path) -> list[Path] | LoadIssue:
    """The JSON Lines files of ``folder`` in name order (none: read it as a folder of articles)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return LoadIssue(str(folder), Severity.SKIPPED, exc.strerror or type(exc).__name__)
    return [folder / name for name in names if not name.startswith(".") and name.lower().endswith(JSONL_SUFFIXES)]


def _read_jsonl(path: Path, taken: dict[str, str]) -> Iterator[Document | LoadIssue]:
    """The articles of one JSON Lines file, a :class:`LoadIssue` per bad line; a file that
    cannot be read (or a gzip that breaks off) is one issue, after the lines read before."""
    name = str(path)
    resolved = str(path.resolve())
    number = 0
    try:
        opener = gzip.open if name.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:
            for number, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue
                found = _parse_line(raw, f"{name} line {number}", resolved)
                if isinstance(found, Document):
                    if found.id in taken:
                        found = LoadIssue(f"{name} line {number}", Severity.SKIPPED, f"duplicate id {found.id!r} (first in {taken[found.id]})")
                    else:
                        taken[found.id] = f"{name} line {number}"
                yield found
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        where = f" after line {number}" if number else ""
        yield LoadIssue(name, Severity.SKIPPED, f"corrupt gzip{where} ({exc or type(exc).__name__})")
    except OSError as exc:
        yield LoadIssue(name, Severity.SKIPPED, exc.strerror or str(exc) or type(exc).__name__)


def _parse_line(raw: bytes, where: str, path: str) -> Document | LoadIssue:
    """One line as a document, or the issue that skips it."""

    def skip(reason: str) -> LoadIssue:
        return LoadIssue(where, Severity.SKIPPED, reason)

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return skip("not UTF-8")
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return skip(f"not JSON ({exc.msg if isinstance(exc, json.JSONDecodeError) else 'nested too deep'})")
    if not isinstance(item, dict):
        return skip('not a JSON object {"id", "text"}')
    doc_id, text = item.get("id"), item.get("text")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return skip('no "id" (a string)')
    if not isinstance(text, str):
        return skip('no "text" (a string)')
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return skip("empty text")
    header = read_header(text)
    return Document(
        doc_id, path, header.title, text,
        outlet=header.outlet, date=header.date, url=header.url, front_matter_end=header.end,
    )
