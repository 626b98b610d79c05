"""The app's side of the annotation store: every call blocks, so it runs in thread workers.

:class:`AnnotationKeeper` opens the store lazily, serialises calls with a lock, records every
change in a :class:`~reader.core.annotate.history.History` for undo, and answers each call with a
:class:`Snapshot` (every annotation re-anchored in the current texts, the known tags) that the
screen shows. It holds no widgets and touches none.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from reader.core.models import Document

if TYPE_CHECKING:
    from reader.core.annotate import Anchored, Annotation
    from reader.core.annotate.history import History
    from reader.core.store import AnnotationStore


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The store as the screen shows it, after a call."""

    anchored: tuple[Anchored, ...]
    """Every annotation, placed in the current text (or an orphan)."""
    tags: tuple[str, ...]
    """Known tags, most used first."""
    can_undo: bool
    """True when there is a change to undo."""
    message: str | None = None
    """What the call did, to show the reader (e.g. "Tagged 3 spans")."""


class AnnotationKeeper:
    """Blocking access to one annotation store for one corpus (use from thread workers)."""

    def __init__(self, path: Path | None, documents: Sequence[Document], corpus_dir: Path) -> None:
        self._path = path
        self._corpus_dir = corpus_dir
        self._documents = {document.id: document for document in documents}
        self._store: AnnotationStore | None = None
        self._lock = threading.Lock()
        self._history: History | None = None

    # The store modules (TinyDB, rapidfuzz) are imported on first use, in a worker: the first
    # screen does not need them.

    @property
    def path(self) -> Path:
        """The store file (``None`` given: the corpus's default store)."""
        if self._path is None:
            from reader.core.store import default_store_path

            self._path = default_store_path(self._corpus_dir)
        return self._path

    @property
    def history(self) -> History:
        """The undo stack of this session."""
        if self._history is None:
            from reader.core.annotate.history import History

            self._history = History()
        return self._history

    def _open(self) -> AnnotationStore:
        if self._store is None:
            from reader.core.store import AnnotationStore

            self._store = AnnotationStore.open(self.path)
        return self._store

    def _snapshot(self, message: str | None = None) -> Snapshot:
        from reader.core.annotate import anchor_all

        store = self._open()
        annotations = store.all()
        return Snapshot(
            anchor_all(annotations, self._documents.values()),
            store.tags(),
            self.history.can_undo,
            message,
        )

    def load(self) -> Snapshot:
        """Open the store (raises :class:`~reader.core.store.StoreError`) and read it."""
        with self._lock:
            return self._snapshot()

    def add_spans(
        self,
        spans: Iterable[tuple[str, int, int]],
        tags: Sequence[str],
        note: str,
        group: str | None = None,
    ) -> Snapshot:
        """Annotate each ``(doc, start, end)`` with ``tags`` and ``note`` in one store write."""
        from reader.core.annotate import new_annotation

        annotations = [
            new_annotation(self._documents[doc], start, end, tags=tuple(tags), note=note, group=group)
            for doc, start, end in spans
        ]
        with self._lock:
            added = self._open().add_many(annotations)
            self.history.record_added(added)
            count = len(added)
            return self._snapshot(f"Tagged {count} span{'s' if count != 1 else ''}")

    def edit(self, annotation_id: str, tags: Sequence[str], note: str) -> Snapshot:
        """Replace the tags and note of one annotation."""
        with self._lock:
            store = self._open()
            before = store.get(annotation_id)
            after = store.update(annotation_id, tags=list(tags), note=note)
            if before is not None:
                self.history.record_edited(before, after)
            return self._snapshot("Annotation updated")

    def delete(self, annotation_ids: Iterable[str]) -> Snapshot:
        """Delete annotations (undo brings them back)."""
        with self._lock:
            deleted = self._open().delete(list(annotation_ids))
            self.history.record_deleted(deleted)
            count = len(deleted)
            return self._snapshot(f"Deleted {count} annotation{'s' if count != 1 else ''}")

    def undo(self) -> Snapshot:
        """Undo the latest change of this session."""
        with self._lock:
            message = self.history.undo(self._open())
            return self._snapshot(message or "Nothing to undo")

    def annotations(self) -> tuple[Annotation, ...]:
        """Every annotation as stored."""
        with self._lock:
            return self._open().all()

    def close(self) -> None:
        """Close the store, if it was opened."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
