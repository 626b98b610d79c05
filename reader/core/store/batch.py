"""The store's records of every kind, as plain tables: applying a
:class:`~reader.core.annotate.history.Batch` to them (:func:`apply_batch`: plain dicts changed in
place, no file access; :meth:`AnnotationStore.commit` holds the lock, reads the tables, applies,
writes once) and reading the verdicts and links back (:func:`read_extras`).

Each kind of record has its table (:data:`TABLE_OF`); records are found by their ``id``. A
delete of an id not stored, or a replace of one, is skipped; an insert of an id already stored
is skipped too (the stored record is left as it is). New records get the next TinyDB key.
"""

from __future__ import annotations

from typing import Any

from reader.core.annotate.history import Batch, Record
from reader.core.annotate.links import Link
from reader.core.annotate.model import Annotation
from reader.core.annotate.tagset import TagSet
from reader.core.annotate.verdicts import Verdict
from reader.core.store.format import LINKS_TABLE, TABLE, VERDICTS_TABLE

__all__ = ["TABLE_OF", "apply_batch", "check_record", "lone_tagset", "read_extras"]

TABLE_OF: dict[type, str] = {Annotation: TABLE, Verdict: VERDICTS_TABLE, Link: LINKS_TABLE}
"""The table each kind of record lives in."""

Tables = dict[str, dict[str, dict[str, Any]]]


def check_record(record: Record) -> None:
    """Raise ``ValueError``/``TypeError`` for a record that must not reach the file: a type the
    store does not keep, no id, or a field its ``from_record`` refuses."""
    if type(record) not in TABLE_OF:
        raise TypeError(f"cannot store a {type(record).__name__}")
    if not record.id:
        raise ValueError("a record needs an id to be committed")
    type(record).from_record(record.to_record())  # type: ignore[union-attr]


def lone_tagset(batch: Batch) -> TagSet | None:
    """The tag set a batch writes (it is a file of its own, so it is written alone: a batch with
    a tag set and anything else is a ``ValueError``), or ``None``."""
    tagsets = [r for r in (*batch.insert, *batch.replace) if isinstance(r, TagSet)]
    if not tagsets:
        return None
    if len(batch.insert) + len(batch.replace) + len(batch.delete) != 1:
        raise ValueError("a tag set is committed alone")
    return tagsets[0]


class _Table:
    """One table, with its records found by id and its next key."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self.table = table
        self.keys = {record["id"]: key for key, record in table.items()}
        self.next = max(map(int, table), default=0) + 1


def apply_batch(tables: Tables, batch: Batch) -> Batch:
    """Apply ``batch`` to ``tables`` in place (deletes, then replaces, then inserts); returns what
    was done (the records skipped left out)."""
    opened: dict[str, _Table] = {}

    def table_of(record: Record) -> _Table:
        name = TABLE_OF[type(record)]
        if name not in opened:
            opened[name] = _Table(tables.setdefault(name, {}))
        return opened[name]

    deleted, replaced, inserted = [], [], []
    for record in batch.delete:
        table = table_of(record)
        key = table.keys.pop(record.id, None)
        if key is not None:
            del table.table[key]
            deleted.append(record)
    for record in batch.replace:
        table = table_of(record)
        key = table.keys.get(record.id)
        if key is not None:
            table.table[key] = record.to_record()  # type: ignore[union-attr]
            replaced.append(record)
    for record in batch.insert:
        table = table_of(record)
        if record.id not in table.keys:
            key = str(table.next)
            table.next += 1
            table.table[key] = record.to_record()  # type: ignore[union-attr]
            table.keys[record.id] = key
            inserted.append(record)
    return Batch(tuple(inserted), tuple(replaced), tuple(deleted))


def read_extras(tables: Tables) -> tuple[tuple[Verdict, ...], tuple[Link, ...]]:
    """The verdicts and the links of the tables (validated when the file was read), in order."""
    verdicts = tuple(Verdict.from_record(r) for r in tables.get(VERDICTS_TABLE, {}).values())
    return verdicts, tuple(Link.from_record(r) for r in tables.get(LINKS_TABLE, {}).values())
