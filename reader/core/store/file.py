"""The annotation store on disk: one store file, its folder, lock, backups and caches.

No TinyDB here (``reader.core.store`` builds the TinyDB store on top of :class:`StoreFile`):

* **Crash-safe writes**: every write is :func:`reader.core.files.write_atomic` (temporary file,
  fsync, ``os.replace``, folder fsync), the current file first kept as ``.bak1`` (a hard link).
* **Several processes**: each read-modify-write holds an exclusive ``flock`` on a sidecar
  ``annotations.json.lock``; every write stores a fresh token in it, so a reader knows when to
  read the file again.
* **Bad files** are refused with a one-line :class:`~reader.core.store.format.StoreError`; the
  file is never written, and the newest good rotating backup (``.bak1..3``) is offered
  (:mod:`reader.core.store.backups`).
* **No symlinks**: the store file, its temporary files, backups and lock file are never
  written through a symlink; a symlink at the store path is refused.
* **Fast saves** as the store grows: the JSON bytes (and Annotation objects) of unchanged
  records are reused between writes (:mod:`reader.core.store.records`), and an add encodes
  only the new record.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core import files
from reader.core.annotate.model import Annotation
from reader.core.paths import STORE_FOLDER
from reader.core.store.format import (
    SCHEMA_VERSION,
    TABLE,
    StoreError,
    StoreIOError,
    StoreLockTimeout,
    StoreUnsafePathError,
    parse,
    record_json,
)
from reader.core.store.records import RecordCache

BACKUP_COUNT = 3
"""How many rotating backups are kept (``.bak1`` newest)."""
ROTATE_AFTER = 600.0
"""``.bak1`` is the state before the last write; the older backups rotate when ``.bak2`` is
older than this many seconds, so they reach further back in time."""
LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process's write before giving up."""


# --------------------------------------------------------------------------------------------
# Paths


def backup_paths(path: Path) -> tuple[Path, ...]:
    """The rotating backups of a store, newest first."""
    return tuple(path.with_name(f"{path.name}.bak{i}") for i in range(1, BACKUP_COUNT + 1))


def lock_path(path: Path) -> Path:
    """The sidecar lock file of a store."""
    return path.with_name(path.name + ".lock")


# --------------------------------------------------------------------------------------------
# The file: a directory fd, atomic writes, backups, lock


class StoreFile:
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
        self.thread_lock = threading.RLock()
        """Held by a thread reading or writing through this object."""
        self.cache_key: tuple[Any, ...] | None = None
        """What identifies the content last read or written (lock token, inode, size, times)."""
        self._cache: tuple[int, dict[str, dict[str, dict[str, Any]]]] | None = None
        self.annotations_cache: tuple[tuple[Any, ...], tuple[Annotation, ...]] | None = None
        # Per-record caches for speed at 10,000 annotations: a record dict object that was
        # written (or read) unchanged keeps its JSON bytes and its Annotation. TinyDB's update
        # changes record dicts in place, so updated keys are marked in ``dirty``.
        self._fragments: RecordCache[bytes] = RecordCache(record_json)
        self._objects: RecordCache[Annotation] = RecordCache(lambda _key, record: Annotation.from_record(record))
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
                raise as_store_error(lock_path(self.path), exc, "cannot open the lock file") from None
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise StoreUnsafePathError(lock_path(self.path), "the lock file is not a regular file")
            self._lock_fd = fd
        return self._lock_fd

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive lock (threads of this process and other processes)."""
        with self.thread_lock:
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

    def stat(self) -> os.stat_result | None:
        """The store file's status (never through a symlink), ``None`` when it is absent."""
        if not self.folder_exists():
            return None
        try:
            return files.check_target(self.dir_fd, self.name)
        except OSError as exc:
            raise as_store_error(self.path, exc, "cannot read") from None

    def load(self) -> tuple[int, dict[str, dict[str, dict[str, Any]]]] | None:
        """The validated content, re-read only if the file changed; ``None`` when absent."""
        token = self._token()
        info = self.stat()
        if info is None:
            self.cache_key = self._cache = None
            return None
        key = (token, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if key == self.cache_key and self._cache is not None:
            return self._cache
        data, info = self.read_bytes()
        known = self._cache[1].get(TABLE) if self._cache is not None else None
        parsed = parse(self.path, data, known)
        self.cache_key = (token, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        self._cache = parsed
        return parsed

    def read_bytes(self, name: str | None = None) -> tuple[bytes, os.stat_result]:
        """A file of the store's folder (the store itself by default), never through a symlink."""
        try:
            return files.read_regular(name or self.name, dir_fd=self.dir_fd)
        except OSError as exc:
            raise as_store_error(self.path if name is None else self.path.with_name(name), exc, "cannot read") from None

    def invalidate(self) -> None:
        self.cache_key = self._cache = None
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

    def write(self, tables: dict[str, dict[str, dict[str, Any]]]) -> None:
        """Atomically replace the store with ``tables`` (caller holds the lock)."""
        try:
            payload = self.serialize(tables)
            current = self.stat()
            self._write_atomic(self.name, payload, mode=None if current is None else stat.S_IMODE(current.st_mode), backup=current is not None)
            info = self.stat()
        except BaseException:
            self.invalidate()
            raise
        assert info is not None
        try:
            os.pwrite(self.open_lock(), uuid.uuid4().hex.encode("ascii"), 0)
        except (OSError, StoreError):
            pass  # readers then rely on the file's identity alone
        self.cache_key = (self._token(), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        self._cache = (SCHEMA_VERSION, tables)
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
            raise as_store_error(self.path.with_name(name), exc, "cannot write") from None

    def _backup_current(self) -> None:
        """``.bak1`` becomes the current (valid) file, by a hard link, before it is replaced;
        the older backups rotate when ``.bak2`` is older than :data:`ROTATE_AFTER`."""
        names = [p.name for p in backup_paths(self.path)]
        for name in names:
            try:
                files.check_target(self.dir_fd, name)
            except OSError as exc:
                raise as_store_error(self.path.with_name(name), exc, "cannot keep a backup") from None
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

    def keep_original(self, version: int) -> None:
        """Before a migration from schema ``version``: the file as it is, kept as
        ``<name>.v<version>-backup`` (an earlier migration's backup is never overwritten: the new
        one gets a time stamp)."""
        data, _info = self.read_bytes()
        backup = f"{self.name}.v{version}-backup"
        if self.exists(backup):
            backup += "-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.write_copy(backup, data)

    def remove_stale_temporaries(self, also: tuple[str, ...] = ()) -> None:
        """Temporary files left by a killed writer of the store, its backups or the files named
        in ``also`` (only called under the lock)."""
        try:
            names = os.listdir(self.dir_fd)
        except OSError:
            return
        targets = [self.name, *also] + [p.name for p in backup_paths(self.path)]
        for name in names:
            if files.is_temporary_of(name, targets):
                try:
                    os.unlink(name, dir_fd=self.dir_fd)
                except OSError:
                    pass


def _check_folder(folder: Path, path: Path) -> None:
    """Refuse a symlinked ``.parallax`` folder and a store whose corpus folder is missing."""
    if folder.name == STORE_FOLDER and folder.is_symlink():
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
            raise as_store_error(path, exc, "cannot create its folder") from None
    try:
        return files.open_folder(folder)
    except OSError as exc:
        raise as_store_error(path, exc, "cannot open its folder") from None


def as_store_error(path: Path, exc: OSError, doing: str) -> StoreError:
    """An operating-system error met ``doing`` something to ``path``, as a one-line store error."""
    if exc.errno == errno.ELOOP:
        return StoreUnsafePathError(path, "is a symlink; Parallax does not follow symlinks for its store (refused)")
    if isinstance(exc, files.UnsafeFileError):
        return StoreUnsafePathError(path, files.reason(exc))
    return StoreIOError(path, f"{doing}: {files.reason(exc)}")
