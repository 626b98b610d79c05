"""The annotation store: a TinyDB JSON file that survives crashes, two windows and bad files.

The only module in Parallax that imports tinydb. The file is an ordinary TinyDB database::

    {"_meta": {"1": {"schema_version": 1, "application": "parallax"}},
     "annotations": {"1": {"id": "...", "doc": "...", "start": 0, ...}, ...}}

What TinyDB does not give, this module adds:

* **Crash-safe writes** (:class:`AtomicJSONStorage`): every write goes to a fresh temporary file
  in the same folder (``O_CREAT | O_EXCL | O_NOFOLLOW``), is fsynced, ``os.replace``d over the
  store and the folder is fsynced. A kill at any moment leaves the old file or the new one, and a
  method that returned has its change on disk (no caching middleware).
* **Several processes** on one store: each read-modify-write holds an exclusive ``flock`` on a
  sidecar ``annotations.json.lock`` and re-reads the file first, so no write is lost; ids are
  uuid4 hex strings, so they never collide.
* **Bad files** (corrupt, truncated, empty, foreign, from a newer Parallax) are refused with a
  one-line :class:`StoreError` naming the file; the file is never written, and the newest good
  rotating backup (``annotations.json.bak1..3``) is offered.
* **Schema versions**: ``schema_version`` in ``_meta``; a v0 store (TinyDB's default layout:
  annotations in ``_default``, no ``_meta``) is migrated to v1 after a backup is taken.
* **No symlinks**: the store file, its temporary files, backups and lock file are never
  written through a symlink; a symlink at the store path is refused.
* **Fast saves** as the store grows: the JSON bytes (and Annotation objects) of unchanged
  records are reused between writes, and an add encodes only the new record (about 20 ms per
  save at 10,000 annotations, mostly the two fsyncs: ``benchmarks/store.py``).
* **Read-only folders**: a store whose folder refuses the lock file still opens for reading;
  writes then fail with a one-line error.
"""

from __future__ import annotations

import errno
import json
import operator
import os
import shlex
import stat
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from reader.core import files
from reader.core.annotations import Annotation, clean_tags, new_id, now_iso

SCHEMA_VERSION = 1
"""The store layout this Parallax writes (and the newest it reads)."""
APPLICATION = "parallax"
META_TABLE = "_meta"
TABLE = "annotations"
BACKUP_COUNT = 3
"""How many rotating backups are kept (``.bak1`` newest)."""
ROTATE_AFTER = 600.0
"""``.bak1`` is the state before the last write; the older backups rotate when ``.bak2`` is
older than this many seconds, so they reach further back in time."""
LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process's write before giving up."""

T = TypeVar("T")


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
# Paths


def default_store_path(corpus_dir: Path) -> Path:
    """Where a corpus keeps its annotations: ``<corpus>/.parallax/annotations.json``."""
    return Path(corpus_dir) / ".parallax" / "annotations.json"


def backup_paths(path: Path) -> tuple[Path, ...]:
    """The rotating backups of a store, newest first."""
    return tuple(path.with_name(f"{path.name}.bak{i}") for i in range(1, BACKUP_COUNT + 1))


def lock_path(path: Path) -> Path:
    """The sidecar lock file of a store."""
    return path.with_name(path.name + ".lock")


# --------------------------------------------------------------------------------------------
# Parsing and validating the file's content


def _parse(
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
    return version, content


def _check_record(path: Path, key: str, record: dict[str, Any]) -> Annotation:
    try:
        annotation = Annotation.from_record(record)
    except (ValueError, TypeError) as exc:
        raise StoreCorruptError(path, f"record {key}: {exc}") from None
    if not annotation.id:
        raise StoreCorruptError(path, f"record {key}: empty annotation id")
    return annotation


def _migrate_v0(content: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """v0 -> v1: records move from ``_default`` to ``annotations``, get an id, the fields a
    v0 record may lack, and the ``_meta`` table is added."""
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
    return {META_TABLE: {"1": _meta_record()}, TABLE: table}


def _meta_record() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "application": APPLICATION}


# --------------------------------------------------------------------------------------------
# The file: a directory fd, atomic writes, backups, lock


class _StoreFile:
    """All file-system work for one store path, relative to an open directory descriptor."""

    def __init__(self, path: Path, *, lock_timeout: float) -> None:
        self.path = path
        self.name = path.name
        self.lock_timeout = lock_timeout
        self._dir_fd = -1
        _check_folder(path.parent, path)
        self._lock_fd: int | None = None
        self.lock_unavailable = False
        """True when the folder does not let us create the lock file (read-only corpus)."""
        self._lock_depth = 0
        self._thread_lock = threading.RLock()
        self._cache_key: tuple[Any, ...] | None = None
        self._cache: tuple[int, dict[str, dict[str, dict[str, Any]]]] | None = None
        self.annotations_cache: tuple[tuple[Any, ...], tuple[Annotation, ...]] | None = None
        # Per-record caches for speed at 10,000 annotations: a record dict object that was
        # written (or read) unchanged keeps its JSON bytes and its Annotation. TinyDB's update
        # changes record dicts in place, so updated keys are marked in ``dirty``.
        self._fragments: _RecordCache[bytes] = _RecordCache(_record_json)
        self._objects: _RecordCache[Annotation] = _RecordCache(lambda _key, record: Annotation.from_record(record))
        self._body = bytearray()
        """The annotations table's JSON without its braces; appended to in place on add."""
        self._body_count = 0
        self.dirty: set[str] = set()

    @property
    def dir_fd(self) -> int:
        """The store folder's descriptor; the folder is created on first use (a write), so
        merely opening a store, or reading a missing one, leaves the corpus untouched."""
        if self._dir_fd < 0:
            self._dir_fd = _open_dir(self.path.parent, self.path)
        return self._dir_fd

    def folder_exists(self) -> bool:
        """Whether the store's folder exists (it is not created to find out)."""
        return self._dir_fd >= 0 or os.path.isdir(self.path.parent)

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        if self._dir_fd >= 0:
            os.close(self._dir_fd)
            self._dir_fd = -1

    # -- locking --------------------------------------------------------------------------------

    def open_lock(self) -> int:
        """The lock file's descriptor (opened, and created, on first use)."""
        if self._lock_fd is None:
            name = self.name + ".lock"
            try:
                fd = os.open(name, os.O_RDWR | os.O_CREAT | files.O_NOFOLLOW | files.O_CLOEXEC, 0o666, dir_fd=self.dir_fd)
            except OSError as exc:
                self.lock_unavailable = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
                raise _os_error(lock_path(self.path), exc, "cannot open the lock file") from None
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise StoreUnsafePathError(lock_path(self.path), "the lock file is not a regular file")
            self._lock_fd = fd
        return self._lock_fd

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive lock (threads of this process and other processes)."""
        with self._thread_lock:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            fd = self.open_lock()
            if not files.lock(fd, self.lock_timeout):
                raise StoreLockTimeout(
                    self.path,
                    f"another process has held the store's lock for over {self.lock_timeout:g} s "
                    f"(lock file {lock_path(self.path).name}); try again",
                )
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                files.unlock(fd)

    def _token(self) -> bytes:
        """The write token in the lock file (changed by every write), if readable."""
        if not self.folder_exists():
            return b""
        if self._lock_fd is None:
            try:
                self.open_lock()
            except StoreError:
                return b""
        try:
            return os.pread(self._lock_fd, 32, 0)  # type: ignore[arg-type]
        except OSError:
            return b""

    # -- reading --------------------------------------------------------------------------------

    def _stat(self) -> os.stat_result | None:
        if not self.folder_exists():
            return None
        try:
            return files.check_target(self.dir_fd, self.name)
        except OSError as exc:
            raise _os_error(self.path, exc, "cannot read") from None

    def load(self) -> tuple[int, dict[str, dict[str, dict[str, Any]]]] | None:
        """The validated content, re-read only if the file changed; ``None`` when absent."""
        token = self._token()
        info = self._stat()
        if info is None:
            self._cache_key = self._cache = None
            return None
        key = (token, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if key == self._cache_key and self._cache is not None:
            return self._cache
        data, info = self.read_bytes()
        known = self._cache[1].get(TABLE) if self._cache is not None else None
        parsed = _parse(self.path, data, known)
        self._cache_key = (token, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        self._cache = parsed
        return parsed

    def read_bytes(self, name: str | None = None) -> tuple[bytes, os.stat_result]:
        """A file of the store's folder (the store itself by default), never through a symlink."""
        try:
            return files.read_regular(name or self.name, dir_fd=self.dir_fd)
        except OSError as exc:
            raise _os_error(self.path if name is None else self.path.with_name(name), exc, "cannot read") from None

    def invalidate(self) -> None:
        self._cache_key = self._cache = None
        self.annotations_cache = None
        self._fragments.clear()
        self._objects.clear()
        self._body = bytearray()
        self._body_count = 0
        self.dirty = set()

    def annotations(self, table: dict[str, dict[str, Any]]) -> tuple[Annotation, ...]:
        """The table's records as Annotations (unchanged records reuse their object)."""
        return tuple(self._objects.update(table, self.dirty)[0])

    def serialize(self, tables: dict[str, dict[str, dict[str, Any]]]) -> list[bytes | bytearray]:
        """The file's content as chunks (compact JSON, ASCII): the bytes of unchanged records
        are reused, and on an append only the new records are encoded."""
        chunks: list[bytes | bytearray] = [b"{"]
        for n, (name, table) in enumerate(tables.items()):
            chunks.append((b"," if n else b"") + json.dumps(name).encode("ascii") + b":")
            if name != TABLE:
                chunks.append(json.dumps(table, ensure_ascii=True, separators=(",", ":")).encode("ascii"))
                continue
            fragments, reused = self._fragments.update(table, self.dirty)
            if reused is not None and reused == self._body_count:
                fresh = fragments[reused:]
                if fresh:
                    if reused:
                        self._body += b","
                    self._body += b",".join(fresh)
            else:
                self._body = bytearray(b",".join(fragments))
            self._body_count = len(fragments)
            chunks.extend((b"{", self._body, b"}"))
        chunks.append(b"}")
        return chunks

    # -- writing --------------------------------------------------------------------------------

    def write(self, tables: dict[str, dict[str, dict[str, Any]]], *, version: int = SCHEMA_VERSION) -> None:
        """Atomically replace the store with ``tables`` (caller holds the lock)."""
        try:
            payload = self.serialize(tables)
            current = self._stat()
            self._write_atomic(self.name, payload, mode=None if current is None else stat.S_IMODE(current.st_mode), backup=current is not None)
            info = self._stat()
        except BaseException:
            self.invalidate()
            raise
        assert info is not None
        try:
            os.pwrite(self.open_lock(), uuid.uuid4().hex.encode("ascii"), 0)
        except (OSError, StoreError):
            pass  # readers then rely on the file's identity alone
        self._cache_key = (self._token(), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        self._cache = (version, tables)
        self.annotations_cache = None
        for key in self.dirty:
            self._objects.forget(key)
        self.dirty = set()

    def _write_atomic(self, name: str, payload: bytes | list[bytes | bytearray], *, mode: int | None, backup: bool) -> None:
        """Replace a file of the store's folder atomically (:func:`files.write_atomic`), the
        current store first kept as ``.bak1`` when ``backup``."""
        try:
            files.write_atomic(
                self.dir_fd,
                name,
                [payload] if isinstance(payload, bytes) else payload,
                mode=mode,
                before_replace=self._backup_current if backup else None,
            )
        except OSError as exc:
            raise _os_error(self.path.with_name(name), exc, "cannot write") from None

    def _backup_current(self) -> None:
        """``.bak1`` becomes the current (valid) file, by a hard link, before it is replaced;
        the older backups rotate when ``.bak2`` is older than :data:`ROTATE_AFTER`."""
        names = [p.name for p in backup_paths(self.path)]
        for name in names:
            try:
                files.check_target(self.dir_fd, name)
            except OSError as exc:
                raise _os_error(self.path.with_name(name), exc, "cannot keep a backup") from None
        second = files.kind(self.dir_fd, names[1])
        if second is None or time.time() - second.st_mtime > ROTATE_AFTER:
            for older, newer in zip(reversed(names[1:]), reversed(names[:-1])):
                try:
                    os.replace(newer, older, src_dir_fd=self.dir_fd, dst_dir_fd=self.dir_fd)
                except FileNotFoundError:
                    pass
        tmp = files.temporary_name(names[0])
        try:
            os.link(self.name, tmp, src_dir_fd=self.dir_fd, dst_dir_fd=self.dir_fd, follow_symlinks=False)
        except OSError:
            # No hard links here (some file systems): copy instead.
            files.write_atomic(self.dir_fd, names[0], [self.read_bytes()[0]])
            return
        os.replace(tmp, names[0], src_dir_fd=self.dir_fd, dst_dir_fd=self.dir_fd)

    def exists(self, name: str) -> bool:
        """Whether ``name`` exists in the store's folder (a symlink counts)."""
        return files.kind(self.dir_fd, name) is not None

    def write_copy(self, name: str, payload: bytes) -> None:
        """Write another file in the store's folder safely (migration backups)."""
        self._write_atomic(name, payload, mode=None, backup=False)

    def remove_stale_temporaries(self) -> None:
        """Temporary files left by a killed writer (only called under the lock)."""
        try:
            names = os.listdir(self.dir_fd)
        except OSError:
            return
        targets = [self.name] + [p.name for p in backup_paths(self.path)]
        for name in names:
            if files.is_temporary_of(name, targets):
                try:
                    os.unlink(name, dir_fd=self.dir_fd)
                except OSError:
                    pass


R = TypeVar("R")


def _record_json(key: str, record: dict[str, Any]) -> bytes:
    """One record as it appears in the table: ``"key":{...}`` (compact, ASCII)."""
    return json.dumps({key: record}, ensure_ascii=True, separators=(",", ":"))[1:-1].encode("ascii")


class _RecordCache(Generic[R]):
    """Values derived from each record of a table (its JSON bytes, its Annotation), computed
    again only for records that changed. A record is unchanged when the same dict object sits
    under the same key and its key is not marked changed (TinyDB updates records in place).
    When the table is the previous one with records appended (an add) or changed in place (an
    update), only the new or changed records are looked at."""

    def __init__(self, make: Callable[[str, dict[str, Any]], R]) -> None:
        self.make = make
        self.clear()

    def clear(self) -> None:
        self.keys: list[str] = []
        self.records: list[dict[str, Any]] = []
        self.values: list[R] = []
        self.by_key: dict[str, tuple[dict[str, Any], R]] = {}
        self.stale: set[str] = set()

    def forget(self, key: str) -> None:
        """Mark a key whose record changed in place (the next update recomputes it)."""
        self.stale.add(key)

    def update(self, table: dict[str, dict[str, Any]], dirty: set[str]) -> tuple[list[R], int | None]:
        """The values for ``table`` in order, and how many leading ones are the previous
        values unchanged (``None`` when some of them changed or the table was not the previous
        one plus new records)."""
        keys = list(table)
        records = list(table.values())
        changed = self.stale | dirty
        n = len(self.keys)
        if len(keys) >= n and keys[:n] == self.keys and all(map(operator.is_, records[:n], self.records)):
            values = self.values
            if changed:
                values = list(values)
                for key in changed:
                    if key in self.by_key:
                        i = keys.index(key, 0, n)
                        values[i] = self.make(key, records[i])
                        self.by_key[key] = (records[i], values[i])
            fresh = [self.make(k, r) for k, r in zip(keys[n:], records[n:])]
            for k, r, v in zip(keys[n:], records[n:], fresh):
                self.by_key[k] = (r, v)
            values.extend(fresh)
            self.keys, self.records, self.values, self.stale = keys, records, values, set()
            return values, None if changed else n
        by_key: dict[str, tuple[dict[str, Any], R]] = {}
        values = []
        old = self.by_key
        for key, record in zip(keys, records):
            hit = old.get(key)
            if hit is None or hit[0] is not record or key in changed:
                hit = (record, self.make(key, record))
            by_key[key] = hit
            values.append(hit[1])
        self.keys, self.records, self.values, self.by_key, self.stale = keys, records, values, by_key, set()
        return values, None


def _check_folder(folder: Path, path: Path) -> None:
    """Refuse a symlinked ``.parallax`` folder and a store whose corpus folder is missing."""
    if folder.name == ".parallax" and folder.is_symlink():
        raise StoreUnsafePathError(folder, "is a symlink; Parallax does not follow symlinks for its store folder (refused)")
    if not folder.is_dir() and not folder.parent.is_dir():
        raise StoreIOError(path, f"folder {folder.parent} does not exist")


def _open_dir(folder: Path, path: Path) -> int:
    _check_folder(folder, path)
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise StoreIOError(path, f"folder {folder.parent} does not exist") from None
    except OSError as exc:
        if not folder.is_dir():
            raise _os_error(path, exc, "cannot create its folder") from None
    try:
        return files.open_folder(folder)
    except OSError as exc:
        raise _os_error(path, exc, "cannot open its folder") from None


def _os_error(path: Path, exc: OSError, doing: str) -> StoreError:
    if exc.errno == errno.ELOOP:
        return StoreUnsafePathError(path, "is a symlink; Parallax does not follow symlinks for its store (refused)")
    if isinstance(exc, files.UnsafeFileError):
        return StoreUnsafePathError(path, files.reason(exc))
    return StoreIOError(path, f"{doing}: {files.reason(exc)}")


# --------------------------------------------------------------------------------------------
# TinyDB storage


class AtomicJSONStorage(Storage):
    """A TinyDB storage over :class:`_StoreFile`: reads re-validate the file when it changed;
    writes are atomic and durable. Use it only while holding the store's lock."""

    def __init__(self, file: _StoreFile) -> None:
        super().__init__()
        self._file = file

    def read(self) -> dict[str, dict[str, Any]] | None:
        loaded = self._file.load()
        if loaded is None:
            return None
        version, tables = loaded
        if version != SCHEMA_VERSION:
            raise StoreError(self._file.path, f"store schema {version} needs migrating: open the store again")
        return tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        meta = data.pop(META_TABLE, None) or {"1": _meta_record()}
        self._file.write({META_TABLE: meta, **data})


# --------------------------------------------------------------------------------------------
# The store


class AnnotationStore:
    """Annotations of one corpus, in one TinyDB file (see the module docstring).

    Every method that changes the store returns once the change is on disk. Methods are safe to
    call from worker threads (one lock per store object) and from several processes.
    """

    def __init__(self, file: _StoreFile) -> None:
        self._file = file
        self._storage = AtomicJSONStorage(file)

    @property
    def path(self) -> Path:
        """The store file."""
        return self._file.path

    @classmethod
    def open(cls, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT) -> AnnotationStore:
        """Open (or create on first write) the store at ``path``; raises :class:`StoreError`
        with a one-line message naming the file when it cannot be used. A v0 store is migrated
        here (its original kept as ``<name>.v0-backup``)."""
        path = Path(path)
        file = _StoreFile(path, lock_timeout=lock_timeout)
        if not file.folder_exists():
            return cls(file)  # nothing to read, clean or migrate; created on the first write
        try:
            try:
                file.open_lock()
            except StoreIOError:
                if not file.lock_unavailable:
                    raise
                # A read-only folder: the store can be read (writes are atomic renames, so an
                # unlocked read sees a whole file); every write will fail with the lock error.
                try:
                    loaded = file.load()
                except (StoreCorruptError, StoreForeignFileError) as exc:
                    raise _with_backup_hint(exc, file) from None
                if loaded is not None and loaded[0] == 0:
                    raise StoreIOError(path, "needs migrating to this Parallax's format, but its folder is read-only") from None
                return cls(file)
            with file.locked():
                file.remove_stale_temporaries()
                try:
                    loaded = file.load()
                except (StoreCorruptError, StoreForeignFileError) as exc:
                    raise _with_backup_hint(exc, file) from None
                if loaded is not None and loaded[0] == 0:
                    data, _info = file.read_bytes()
                    backup = f"{path.name}.v0-backup"
                    if file.exists(backup):  # never overwrite an earlier migration's backup
                        backup += "-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
                    file.write_copy(backup, data)
                    file.write(_migrate_v0(loaded[1]))
        except BaseException:
            file.close()
            raise
        return cls(file)

    def close(self) -> None:
        """Release the folder and lock descriptors."""
        self._file.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------------

    def all(self) -> tuple[Annotation, ...]:
        """Every annotation, in the order they were added (re-read if another process wrote)."""
        with self._file._thread_lock:
            loaded = self._file.load()
            if loaded is None:
                return ()
            key = self._file._cache_key
            cached = self._file.annotations_cache
            if cached is not None and cached[0] == key:
                return cached[1]
            version, tables = loaded
            if version != SCHEMA_VERSION:
                raise StoreError(self.path, f"store schema {version} needs migrating: open the store again")
            result = self._file.annotations(tables.get(TABLE, {}))
            self._file.annotations_cache = (key, result)
            return result

    def get(self, id: str) -> Annotation | None:
        """The annotation with that id, or ``None``."""
        return next((a for a in self.all() if a.id == id), None)

    def tags(self) -> tuple[str, ...]:
        """Every tag in use, most used first, then by name."""
        counts = Counter(tag for a in self.all() for tag in a.tags)
        return tuple(sorted(counts, key=lambda t: (-counts[t], t.casefold(), t)))

    # -- writing --------------------------------------------------------------------------------

    def _transaction(self, body: Callable[[Table], T]) -> T:
        with self._file.locked():
            try:
                db = TinyDB(storage=lambda: self._storage)
                return body(db.table(TABLE))
            except BaseException:
                self._file.invalidate()
                raise

    def _documents(self, annotations: Iterable[Annotation]) -> list[Document]:
        """TinyDB documents for new records, with their doc ids given: TinyDB would find the
        next id by converting every key of the table to int in Python on each insert."""
        tables = self._storage.read() or {}
        first = max(map(int, tables.get(TABLE, {})), default=0) + 1
        return [Document(a.to_record(), doc_id=first + n) for n, a in enumerate(annotations)]

    def _locate(self, ids: Iterable[str]) -> dict[str, tuple[int, dict[str, Any]]]:
        """``{id: (TinyDB doc id, record)}`` for the ids present (one pass over the table,
        cheaper than a TinyDB query at 10,000 records)."""
        wanted = set(ids)
        table = (self._storage.read() or {}).get(TABLE, {})
        return {r["id"]: (int(k), r) for k, r in table.items() if r["id"] in wanted}

    def add(self, annotation: Annotation) -> Annotation:
        """Store a new annotation; returns it with its id. Durable on return."""
        return self.add_many([annotation])[0]

    def add_many(self, annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
        """Store several new annotations in ONE atomic write (e.g. a tag on an alignment
        group); returns them with their ids."""
        fresh = tuple(replace(_checked(a), id=new_id()) for a in annotations)
        if not fresh:
            return ()

        def body(table: Table) -> tuple[Annotation, ...]:
            table.insert_multiple(self._documents(fresh))
            return fresh

        return self._transaction(body)

    def update(self, id: str, *, tags: Iterable[str] | None = None, note: str | None = None) -> Annotation:
        """Change an annotation's tags and/or note; returns the new version."""
        return self.update_many([id], tags=tags, note=note)[0]

    def update_many(
        self, ids: Iterable[str], *, tags: Iterable[str] | None = None, note: str | None = None
    ) -> tuple[Annotation, ...]:
        """Set the same tags and/or note on several annotations (e.g. a group) in one write."""
        ids = list(dict.fromkeys(ids))
        fields: dict[str, Any] = {"updated": now_iso()}
        if tags is not None:
            fields["tags"] = list(clean_tags(tags))
        if note is not None:
            if not isinstance(note, str):
                raise TypeError("note must be a string")
            fields["note"] = note

        def body(table: Table) -> tuple[Annotation, ...]:
            found = self._locate(ids)
            missing = [i for i in ids if i not in found]
            if missing:
                raise AnnotationNotFound(self.path, f"no annotation with id {missing[0]}")
            self._file.dirty.update(str(found[i][0]) for i in ids)
            table.update(fields, doc_ids=[found[i][0] for i in ids])
            return tuple(Annotation.from_record({**found[i][1], **fields}) for i in ids)

        return self._transaction(body)

    def delete(self, ids: Iterable[str]) -> tuple[Annotation, ...]:
        """Delete annotations (unknown ids are ignored); returns what was deleted, for undo."""
        ids = list(dict.fromkeys(ids))

        def body(table: Table) -> tuple[Annotation, ...]:
            found = self._locate(ids)
            if not found:
                return ()
            gone = tuple(Annotation.from_record(found[i][1]) for i in ids if i in found)
            table.remove(doc_ids=[found[i][0] for i in ids if i in found])
            return gone

        return self._transaction(body)

    def restore(self, annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
        """Re-insert annotations with their ids (undo of a delete), in one write. Ids already
        in the store are left as they are. Returns what was re-inserted."""
        wanted = [_checked(a) for a in annotations]
        for a in wanted:
            if not a.id:
                raise ValueError("restore needs annotations with their ids")

        def body(table: Table) -> tuple[Annotation, ...]:
            present = set(self._locate([a.id for a in wanted]))
            todo = tuple({a.id: a for a in wanted if a.id not in present}.values())
            if todo:
                table.insert_multiple(self._documents(todo))
            return todo

        return self._transaction(body)


def _checked(annotation: Annotation) -> Annotation:
    """Validate an annotation before it is written (a bad one never reaches the file)."""
    if not isinstance(annotation, Annotation):
        raise TypeError(f"expected an Annotation, not {type(annotation).__name__}")
    Annotation.from_record({**annotation.to_record(), "id": annotation.id or "pending"})
    return annotation


# --------------------------------------------------------------------------------------------
# Backups


def newest_good_backup(path: Path) -> tuple[Path, int] | None:
    """The newest backup of ``path`` that is a valid store: ``(backup path, annotation count)``."""
    for backup in backup_paths(Path(path)):
        count = _count_if_valid(backup)
        if count is not None:
            return backup, count
    return None


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, never through a symlink; :class:`StoreError` otherwise."""
    try:
        return files.read_regular(path)[0]
    except OSError as exc:
        raise _os_error(path, exc, "cannot read") from None


def _count_if_valid(path: Path) -> int | None:
    try:
        version, tables = _parse(path, _read_file(path))
    except StoreError:
        return None
    return len(tables.get(TABLE if version else "_default", {}))


def _with_backup_hint(exc: StoreError, file: _StoreFile) -> StoreError:
    found = newest_good_backup(file.path)
    if found is None:
        hint = "the file is kept unchanged; no good backup was found"
    else:
        backup, count = found
        path = file.path
        if path == default_store_path(path.parent.parent):
            command = f"parallax annotations {shlex.quote(str(path.parent.parent))} --restore-backup"
        else:
            command = f"parallax annotations CORPUS --store {shlex.quote(str(path))} --restore-backup"
        hint = (
            f"the file is kept unchanged; the last good backup is {backup} "
            f"({count} annotation{'' if count == 1 else 's'}); to put it back run: {command}; "
            f"to read it as it is: --store {shlex.quote(str(backup))}"
        )
    return type(exc)(exc.path, f"{exc.problem}; {hint}")


def restore_backup(path: Path | str, backup: Path | str | None = None) -> tuple[Path, Path | None]:
    """Put a backup back in place of a store (normally a broken one). The file it replaces is
    kept, renamed ``<name>.broken-<UTC time>`` (or ``.replaced-<UTC time>`` if it was a valid
    store); the backup is copied, never moved. Returns ``(backup used, where the replaced file
    went, or None if there was none)``."""
    path = Path(path)
    if backup is None:
        found = newest_good_backup(path)
        if found is None:
            raise StoreError(path, "no good backup to restore (looked for " + ", ".join(p.name for p in backup_paths(path)) + ")")
        backup = found[0]
    backup = Path(backup)
    data = _read_file(backup)
    _parse(backup, data)
    file = _StoreFile(path, lock_timeout=LOCK_TIMEOUT)
    try:
        with file.locked():
            kept: Path | None = None
            if file._stat() is not None:
                try:
                    current, _info = file.read_bytes()
                    _parse(path, current)
                    what = "replaced"
                except StoreError:
                    what = "broken"
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
                kept = path.with_name(f"{path.name}.{what}-{stamp}")
                try:
                    os.link(path.name, kept.name, src_dir_fd=file.dir_fd, dst_dir_fd=file.dir_fd, follow_symlinks=False)
                except OSError:
                    file.write_copy(kept.name, file.read_bytes()[0])
            file._write_atomic(path.name, data, mode=None, backup=False)
            try:
                os.pwrite(file.open_lock(), uuid.uuid4().hex.encode("ascii"), 0)
            except OSError:
                pass
    finally:
        file.close()
    return backup, kept
