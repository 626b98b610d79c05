"""Per-record caches of the store file: values derived from each record of the annotations
table (its JSON bytes, its :class:`~reader.core.annotate.model.Annotation`) kept between reads
and writes, so a save at 10,000 annotations encodes only what changed."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["RecordCache"]

R = TypeVar("R")


class RecordCache(Generic[R]):
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
