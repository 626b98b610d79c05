"""The annotation store's file format: what a valid store file holds, how its bytes are judged,
the migrations from older layouts, and the errors a store can raise. Pure: no file access.

The file is an ordinary TinyDB database::

    {"_meta": {"1": {"schema_version": 2, "application": "parallax"}},
     "annotations": {"1": {"id": "...", "doc": "...", "start": 0, ...}, ...},
     "verdicts": {"1": {"id": "...", "verdict": "boilerplate", "spans": [...], ...}, ...},
     "links": {"1": {"id": "...", "source": "...", "target": "...", "relation": "quotes"}, ...}}

Schema history:

* **0**: TinyDB's default layout (records in ``_default``, no ``_meta``): migrated on open
  (:func:`migrate_v0`), the original kept as ``<name>.v0-backup``.
* **1**: ``_meta`` and the ``annotations`` table. Read as it is (no verdicts, no links); the
  first write migrates it (:func:`migrate_v1`), the original kept as ``<name>.v1-backup``.
* **2**: adds the ``verdicts`` table (a reader's verdict on an alignment group,
  :class:`~reader.core.annotate.verdicts.Verdict`) and the ``links`` table (relations between
  annotations, :class:`~reader.core.annotate.links.Link`).

A file from a newer Parallax (a higher ``schema_version``) is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.annotate.links import Link
from reader.core.annotate.model import Annotation, new_id, now_iso
from reader.core.annotate.verdicts import Verdict

SCHEMA_VERSION = 2
"""The store layout this Parallax writes (and the newest it reads)."""
READS = (1, 2)
"""The layouts read as they are (older ones are migrated on open)."""
APPLICATION = "parallax"
META_TABLE = "_meta"
TABLE = "annotations"
VERDICTS_TABLE = "verdicts"
"""Schema 2: the readers' verdicts on alignment groups."""
LINKS_TABLE = "links"
"""Schema 2: links between annotations."""
RECORD_TABLES = (TABLE, VERDICTS_TABLE, LINKS_TABLE)
"""The tables of records, each keyed by the records' ``id``."""


# --------------------------------------------------------------------------------------------
# Errors


class StoreError(Exception):
    """A store cannot be used: ``str()`` is one line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class StoreCorruptError(StoreError):
    """The file is not valid JSON (corrupt, truncated, empty) or holds malformed records."""


class StoreNewerSchemaError(StoreError):
    """The file was written by a newer Parallax (a higher ``schema_version``)."""


class StoreForeignFileError(StoreError):
    """The file is JSON but not a Parallax annotation store."""


class StoreLockTimeout(StoreError):
    """Another process held the store's lock for too long."""


class StoreUnsafePathError(StoreError):
    """The store path (or its temporary, backup or lock file) is a symlink or not a file."""


class StoreIOError(StoreError):
    """The operating system refused a read or write (permission, disk full...)."""


class AnnotationNotFound(StoreError):
    """No annotation with that id in the store."""


# --------------------------------------------------------------------------------------------
# Parsing and validating the file's content, migrating


def parse(
    path: Path, data: bytes, known: dict[str, dict[str, Any]] | None = None
) -> tuple[int, dict[str, dict[str, dict[str, Any]]]]:
    """Validate a store file's bytes: returns ``(schema_version, tables)``; raises the
    matching :class:`StoreError` (never touches the file). ``known``: the annotation table as
    last read; a record equal to its known version is not validated again and the known dict
    object is kept (so per-record caches stay valid)."""
    if not data:
        raise StoreCorruptError(path, "empty file (0 bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorruptError(path, f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise StoreCorruptError(path, "empty file (only white space)")
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        body = text.strip()
        if exc.pos >= len(body) or (body[:1] in "{[" and body[-1:] not in "}]"):
            raise StoreCorruptError(path, f"truncated JSON (the file ends at byte {len(data)} mid-way)") from None
        raise StoreCorruptError(path, f"corrupt JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise StoreCorruptError(path, "corrupt JSON (nested too deeply)") from None
    if not isinstance(content, dict):
        raise StoreForeignFileError(path, f"not a Parallax annotation store (JSON {type(content).__name__}, not a TinyDB database)")
    for name, table in content.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise StoreForeignFileError(path, f"not a Parallax annotation store (entry {name!r} is not a TinyDB table)")
        for key in table:
            if not key.isdigit():
                raise StoreForeignFileError(path, f"not a Parallax annotation store (table {name!r} has a non-numeric document id)")
    meta_table = content.get(META_TABLE)
    if meta_table is None:
        # v0: TinyDB's default layout (annotations in "_default") or an empty database.
        others = set(content) - {"_default"}
        if others:
            raise StoreForeignFileError(path, f"not a Parallax annotation store (unknown tables: {', '.join(sorted(others))})")
        for key, record in content.get("_default", {}).items():
            if not {"doc", "start", "end"} <= set(record):
                raise StoreForeignFileError(path, f"not a Parallax annotation store (record {key} has no doc/start/end)")
            _check_record(path, key, {"id": "x", "exact": "", **record})
        return 0, content
    meta = next(iter(meta_table.values()), {})
    version = meta.get("schema_version")
    if meta.get("application") != APPLICATION or not isinstance(version, int) or isinstance(version, bool):
        raise StoreForeignFileError(path, "not a Parallax annotation store (its _meta does not say so)")
    if version > SCHEMA_VERSION:
        raise StoreNewerSchemaError(
            path,
            f"written by a newer Parallax (store schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade Parallax, the file is left unchanged",
        )
    if version < 1:
        raise StoreForeignFileError(path, f"unknown store schema {version}")
    seen: set[str] = set()
    table = content.get(TABLE, {})
    known = known or {}
    for key, record in table.items():
        old = known.get(key)
        if old is not None and old == record:
            table[key] = record = old
        else:
            _check_record(path, key, record)
        if record["id"] in seen:
            raise StoreCorruptError(path, f"record {key}: duplicate annotation id {record['id']}")
        seen.add(record["id"])
    for name, model in ((VERDICTS_TABLE, Verdict), (LINKS_TABLE, Link)):
        if name in content and version < 2:
            raise StoreForeignFileError(path, f"not a Parallax annotation store (table {name!r} in a schema {version} store)")
        seen = set()
        for key, record in content.get(name, {}).items():
            try:
                item = model.from_record(record)
            except (ValueError, TypeError) as exc:
                raise StoreCorruptError(path, f"{name} record {key}: {exc}") from None
            if item.id in seen:
                raise StoreCorruptError(path, f"{name} record {key}: duplicate id {item.id}")
            seen.add(item.id)
    return version, content


def _check_record(path: Path, key: str, record: dict[str, Any]) -> Annotation:
    try:
        annotation = Annotation.from_record(record)
    except (ValueError, TypeError) as exc:
        raise StoreCorruptError(path, f"record {key}: {exc}") from None
    if not annotation.id:
        raise StoreCorruptError(path, f"record {key}: empty annotation id")
    return annotation


def migrate_v0(content: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """v0 -> v2: records move from ``_default`` to ``annotations``, get an id and the fields a
    v0 record may lack; the ``_meta`` table and the empty ``verdicts`` and ``links`` tables are
    added."""
    stamp = now_iso()
    table: dict[str, dict[str, Any]] = {}
    for n, record in enumerate(content.get("_default", {}).values(), start=1):
        record = dict(record)
        record.setdefault("id", new_id())
        if not record["id"]:
            record["id"] = new_id()
        record.setdefault("exact", "")
        for name in ("prefix", "suffix", "doc_hash", "note"):
            record.setdefault(name, "")
        record.setdefault("tags", [])
        record.setdefault("created", stamp)
        record.setdefault("updated", record["created"])
        record.setdefault("group", None)
        table[str(n)] = record
    return {META_TABLE: {"1": meta_record()}, TABLE: table, VERDICTS_TABLE: {}, LINKS_TABLE: {}}


def migrate_v1(content: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """v1 -> v2: the ``_meta`` says schema 2 and the (empty) ``verdicts`` and ``links`` tables
    are added; every annotation record is kept as it is (the same dict objects)."""
    out = {name: table for name, table in content.items() if name != META_TABLE}
    out.setdefault(TABLE, {})
    out.setdefault(VERDICTS_TABLE, {})
    out.setdefault(LINKS_TABLE, {})
    return {META_TABLE: {"1": meta_record()}, **out}


def meta_record() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "application": APPLICATION}


def record_json(key: str, record: dict[str, Any]) -> bytes:
    """One record as it appears in the table: ``"key":{...}`` (compact, ASCII)."""
    return json.dumps({key: record}, ensure_ascii=True, separators=(",", ":"))[1:-1].encode("ascii")
