"""The annotation store: a TinyDB JSON file that survives crashes, two windows and bad files.

The only module in Parallax that imports tinydb; the public API (:class:`AnnotationStore`, its
errors and helpers) is imported from here. It is built in three layers:

* :mod:`reader.core.store.format`: the file's layout (``_meta`` with ``schema_version``, the
  ``annotations`` table), validating its bytes, migrating schema 0, the errors;
* :mod:`reader.core.store.file`: the file on disk (atomic writes, the lock, rotating backups,
  caches: :mod:`reader.core.store.records`), on top of :mod:`reader.core.files`;
  :mod:`reader.core.store.backups` finds, offers and restores backups;
* this module: a TinyDB storage over that file (:class:`AtomicJSONStorage`) and the store API.

What TinyDB does not give, the store adds:

* **Crash-safe writes**: a fresh temporary file, fsynced, ``os.replace``d, the folder fsynced: a
  kill leaves the old file or the new one; a method that returned has its change on disk.
* **Several processes** on one store: each read-modify-write holds an exclusive ``flock`` on a
  sidecar ``annotations.json.lock`` and re-reads the file first, so no write is lost; ids are
  uuid4 hex strings, so they never collide.
* **Bad files** (corrupt, truncated, empty, foreign, from a newer Parallax) are refused with a
  one-line :class:`StoreError` naming the file; the file is never written, and the newest good
  rotating backup (``annotations.json.bak1..3``) is offered with the command that restores it.
* **Schema versions** (:mod:`reader.core.store.format`): a v0 store is migrated on open, a v1
  store by its first write (verdicts and links came with v2), each after a ``.v0-backup`` or
  ``.v1-backup`` copy.
* **One write per change**: :meth:`AnnotationStore.commit` applies a
  :class:`~reader.core.annotate.history.Batch` (:mod:`reader.core.store.batch`) in one atomic
  write; the tag set (:mod:`reader.core.store.tagset`) is a file beside it, under the same lock.
* **No symlinks**: nothing is written through a symlink; a symlink at the store path is refused.
* **Fast saves** as the store grows: unchanged records are not encoded again (about 15-20 ms
  per save at 10,000 annotations, mostly the two fsyncs: ``benchmarks/store.py``).
* **Read-only folders**: a store whose folder refuses the lock file still opens for reading;
  writes then fail with a one-line error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from reader.core.annotate.history import Batch
from reader.core.annotate.links import Link
from reader.core.annotate.model import Annotation, new_id, now_iso
from reader.core.annotate.tags import tag_vocabulary, unique_tags
from reader.core.annotate.tagset import TagSet
from reader.core.annotate.verdicts import Verdict
from reader.core.paths import default_store_path, tagset_path
from reader.core.store.backups import newest_good_backup, restore_backup, with_backup_hint
from reader.core.store.batch import apply_batch, check_record, lone_tagset, read_extras
from reader.core.store.file import BACKUP_COUNT, LOCK_TIMEOUT, ROTATE_AFTER, StoreFile, backup_paths, lock_path
from reader.core.store.format import (
    APPLICATION,
    LINKS_TABLE,
    META_TABLE,
    READS,
    SCHEMA_VERSION,
    TABLE,
    VERDICTS_TABLE,
    AnnotationNotFound,
    StoreCorruptError,
    StoreError,
    StoreForeignFileError,
    StoreIOError,
    StoreLockTimeout,
    StoreNewerSchemaError,
    StoreUnsafePathError,
    meta_record,
    migrate_v0,
    migrate_v1,
)
from reader.core.store.tagset import TagSetRead, read_tagset, write_tagset

__all__ = [
    "APPLICATION",
    "LINKS_TABLE",
    "VERDICTS_TABLE",
    "TagSetRead",
    "BACKUP_COUNT",
    "LOCK_TIMEOUT",
    "META_TABLE",
    "ROTATE_AFTER",
    "SCHEMA_VERSION",
    "TABLE",
    "AnnotationNotFound",
    "AnnotationStore",
    "AtomicJSONStorage",
    "StoreCorruptError",
    "StoreError",
    "StoreForeignFileError",
    "StoreIOError",
    "StoreLockTimeout",
    "StoreNewerSchemaError",
    "StoreUnsafePathError",
    "backup_paths",
    "default_store_path",
    "lock_path",
    "newest_good_backup",
    "restore_backup",
]

T = TypeVar("T")


# --------------------------------------------------------------------------------------------
# TinyDB storage


class AtomicJSONStorage(Storage):
    """A TinyDB storage over :class:`StoreFile`: reads re-validate the file when it changed;
    writes are atomic and durable. Use it only while holding the store's lock."""

    def __init__(self, file: StoreFile) -> None:
        super().__init__()
        self._file = file

    def read(self) -> dict[str, dict[str, Any]] | None:
        loaded = self._file.load()
        if loaded is None:
            return None
        version, tables = loaded
        if version not in READS:
            raise StoreError(self._file.path, f"store schema {version} needs migrating: open the store again")
        return tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        meta = data.pop(META_TABLE, None) or {"1": meta_record()}
        self._file.write({META_TABLE: meta, **data})


class _IntKeys(MutableMapping[int, Any]):
    """A table as TinyDB's updaters see it (int document ids) over the stored table itself
    (str keys), without copying it."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, document: Any) -> None:
        self._raw[str(doc_id)] = document

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return map(int, list(self._raw))

    def __len__(self) -> int:
        return len(self._raw)


class _Table(Table):
    """TinyDB's table, whose every write copies the whole table twice to turn its keys into ints
    and back (15 ms at 10,000 annotations): here the updaters change the stored table in place,
    through :class:`_IntKeys`. The result is the same table, in the same order."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        updater(_IntKeys(raw))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _Table


# --------------------------------------------------------------------------------------------
# The store


class AnnotationStore:
    """Annotations of one corpus, in one TinyDB file (see the module docstring).

    Every method that changes the store returns once the change is on disk. Methods are safe to
    call from worker threads (one lock per store object) and from several processes.
    """

    def __init__(self, file: StoreFile) -> None:
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
        file = StoreFile(path, lock_timeout=lock_timeout)
        if not file.folder_exists():
            return cls(file)  # nothing to read, clean or migrate; created on the first write
        try:
            writable = True
            try:
                file.open_lock()
            except StoreIOError:
                if not file.lock_unavailable:
                    raise
                # A read-only folder: the store can be read (writes are atomic renames, so an
                # unlocked read sees a whole file); every write will fail with the lock error.
                writable = False
            with file.locked() if writable else nullcontext():
                if writable:
                    file.remove_stale_temporaries(also=(tagset_path(path).name,))
                try:
                    loaded = file.load()
                except (StoreCorruptError, StoreForeignFileError) as exc:
                    raise with_backup_hint(exc, file) from None
                if loaded is not None and loaded[0] == 0:
                    if not writable:
                        raise StoreIOError(path, "needs migrating to this Parallax's format, but its folder is read-only")
                    file.keep_original(0)
                    file.write(migrate_v0(loaded[1]))
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
        with self._file.thread_lock:
            loaded = self._file.load()
            if loaded is None:
                return ()
            key = self._file.cache_key
            cached = self._file.annotations_cache
            if cached is not None and cached[0] == key:
                return cached[1]
            version, tables = loaded
            if version not in READS:
                raise StoreError(self.path, f"store schema {version} needs migrating: open the store again")
            result = self._file.annotations(tables.get(TABLE, {}))
            self._file.annotations_cache = (key, result)
            return result

    def get(self, id: str) -> Annotation | None:
        """The annotation with that id, or ``None``."""
        return next((a for a in self.all() if a.id == id), None)

    def tags(self) -> tuple[str, ...]:
        """Every tag in use, most used first, then by name; tags that differ only in case are
        one, spelled as first met (:func:`~reader.core.annotate.tags.tag_vocabulary`)."""
        return tag_vocabulary(a.tags for a in self.all())

    _extras: tuple[tuple[Any, ...] | None, tuple[Verdict, ...], tuple[Link, ...]] = (None, (), ())

    def _read_extras(self) -> tuple[tuple[Verdict, ...], tuple[Link, ...]]:
        with self._file.thread_lock:
            loaded = self._file.load()
            if loaded is None:
                return (), ()
            if self._extras[0] != self._file.cache_key:
                self._extras = (self._file.cache_key, *read_extras(loaded[1]))
            return self._extras[1], self._extras[2]

    def verdicts(self) -> tuple[Verdict, ...]:
        """Every verdict on a group, in the order they were given."""
        return self._read_extras()[0]

    def links(self) -> tuple[Link, ...]:
        """Every link between annotations, in the order they were made."""
        return self._read_extras()[1]

    @property
    def tagset_path(self) -> Path:
        """The tag set file kept beside the store (:func:`reader.core.paths.tagset_path`)."""
        return tagset_path(self.path)

    def tagset(self) -> TagSetRead:
        """The tag set (:func:`~reader.core.store.tagset.read_tagset`: never raises)."""
        return read_tagset(self._file, self.tagset_path.name)

    def save_tagset(self, tagset: TagSet) -> Path | None:
        """Replace the tag set (:func:`~reader.core.store.tagset.write_tagset`)."""
        return write_tagset(self._file, self.tagset_path.name, tagset)

    # -- writing --------------------------------------------------------------------------------

    def _transaction(self, body: Callable[[Table], T]) -> T:
        with self._file.locked():
            try:
                self._migrate_if_old()
                db = _TinyDB(storage=lambda: self._storage)
                return body(db.table(TABLE))
            except BaseException:
                self._file.invalidate()
                raise

    def _migrate_if_old(self) -> None:
        """Under the lock, before a write: a v1 store becomes v2, its original kept first as
        ``<name>.v1-backup`` (see :mod:`reader.core.store.format`)."""
        loaded = self._file.load()
        if loaded is not None and loaded[0] < SCHEMA_VERSION:
            self._file.keep_original(loaded[0])
            self._file.write(migrate_v1(loaded[1]))

    def commit(self, batch: Batch) -> Batch:
        """Apply ``batch`` in ONE atomic write (:func:`~reader.core.store.batch.apply_batch`);
        returns what was done. Durable on return."""
        if (tagset := lone_tagset(batch)) is not None:  # the tag set is its own file
            self.save_tagset(tagset)
            return batch
        for record in (*batch.insert, *batch.replace):
            check_record(record)
        if not batch:
            return batch

        def body(_table: Table) -> Batch:
            tables = self._storage.read() or {}
            done = apply_batch(tables, batch)
            if done:
                self._storage.write(tables)
            return done

        return self._transaction(body)

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
        """Set the same tags and/or note on several annotations (e.g. a group) in one write.

        Tags are kept as given, white space normalised and case variants merged
        (:func:`~reader.core.annotate.tags.unique_tags`): undo puts back tags stored by an older
        Parallax exactly. New tags are checked by the caller
        (:func:`~reader.core.annotate.tags.normalise_tags`, as the workspace does)."""
        ids = list(dict.fromkeys(ids))
        fields: dict[str, Any] = {"updated": now_iso()}
        if tags is not None:
            fields["tags"] = list(unique_tags(tags))
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


