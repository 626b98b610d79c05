"""The workspace: one corpus being read and its annotation store, as the command line and the
app both use them.

A :class:`Workspace` is built once from the command line (the corpus path and ``--store``): it
holds the loaded corpus (with the problems met loading it), the corpus folder and the store path
(``--store``, else :func:`reader.core.paths.default_store_path`), and does every annotation
operation the ``annotate``, ``annotations`` and ``export`` commands and the app need: read the
store, place the annotations in the current texts, add, edit, delete, undo (this session's
:class:`~reader.core.annotate.history.History`) and export.

**Every method that reads or writes the store blocks** (file I/O, a lock another process may
hold, re-anchoring annotations in changed articles): the command line calls them directly, the
app only from thread workers (:class:`reader.ui.widgets.annotation_desk.AnnotationDesk`). Calls
from several threads are serialised by one lock. Importing this module is cheap: the store
(TinyDB), the anchoring (rapidfuzz) and the exporter are imported on first use, so the app's
first screen does without them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from reader.core.models import Corpus, Document
from reader.core.paths import corpus_folder, store_path as store_path_for
from reader.core.text import printable

if TYPE_CHECKING:
    from reader.core.annotate import Anchored, Annotation
    from reader.core.annotate.history import History
    from reader.core.store import AnnotationStore

__all__ = ["Snapshot", "Workspace"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The annotations as a reader sees them after a call (what the app shows)."""

    anchored: tuple[Anchored, ...]
    """Every annotation placed in the current texts (or an orphan), in reading order."""
    tags: tuple[str, ...]
    """Known tags, most used first (case variants are one tag)."""
    can_undo: bool
    """True when this session has a change to undo."""
    message: str | None = None
    """What the call did, to tell the reader (e.g. "Tagged 3 spans")."""


class Workspace:
    """A corpus and its annotation store (see the module docstring: store calls block)."""

    def __init__(self, corpus: Corpus, corpus_dir: str | os.PathLike[str], store_path: str | os.PathLike[str] | None = None) -> None:
        self.corpus = corpus
        """The articles, and the problems met loading them (``corpus.issues``)."""
        self.corpus_dir = Path(corpus_dir)
        """The corpus folder (where the store and exports go by default)."""
        self.store_path = store_path_for(self.corpus_dir, store_path)
        """The annotation store file."""
        self.documents: Mapping[str, Document] = MappingProxyType({d.id: d for d in corpus.documents})
        """The articles by id, in corpus order."""
        self._store: AnnotationStore | None = None
        self._history: History | None = None
        self._lock = threading.RLock()

    @classmethod
    def load(cls, path: str | os.PathLike[str], store_path: str | os.PathLike[str] | None = None) -> Workspace:
        """The workspace of the corpus at ``path`` (a folder, or one article file): its articles
        are loaded here (blocking). Raises :class:`~reader.core.corpus.CorpusError` when ``path``
        does not exist; files that cannot be read are ``corpus.issues``."""
        from reader.core.corpus import load_corpus

        return cls(load_corpus([path]), corpus_folder(path), store_path)

    # ------------------------------------------------------------------------------ reading

    def document(self, doc_id: str) -> Document:
        """The article with this id; ``ValueError`` naming a few of the known ids otherwise."""
        document = self.documents.get(doc_id)
        if document is None:
            ids = sorted(self.documents)
            known = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise ValueError(f"no document with id {printable(doc_id, 80)!r} (ids: {known})")
        return document

    @property
    def history(self) -> History:
        """This session's undo stack."""
        with self._lock:
            if self._history is None:
                from reader.core.annotate.history import History

                self._history = History()
            return self._history

    @property
    def can_undo(self) -> bool:
        """True when this session has a change to undo."""
        return self._history is not None and self._history.can_undo

    def open_store(self) -> AnnotationStore:
        """The store, opened on first use (blocks; raises
        :class:`~reader.core.store.StoreError` when it cannot be used). Opening creates nothing
        but a lock file beside an existing store; the store is created on the first write."""
        with self._lock:
            if self._store is None:
                from reader.core.store import AnnotationStore

                self._store = AnnotationStore.open(self.store_path)
            return self._store

    def annotations(self) -> tuple[Annotation, ...]:
        """Every annotation as stored, in the order added (blocks). A store that does not exist
        reads as empty and is not created."""
        with self._lock:
            if self._store is None and not (self.store_path.exists() or self.store_path.is_symlink()):
                return ()
            return self.open_store().all()

    def anchored(self) -> tuple[Anchored, ...]:
        """Every annotation placed in the current texts (orphans included), in reading order,
        tags that differ only in case spelled as the store first spelled them (blocks)."""
        from reader.core.annotate import anchor_all, in_first_spellings, reading_order

        annotations = in_first_spellings(self.annotations())
        return reading_order(anchor_all(annotations, self.corpus.documents), self.documents)

    def tags(self) -> tuple[str, ...]:
        """Every tag in use, most used first (case variants are one tag; blocks)."""
        from reader.core.annotate import tag_vocabulary

        return tag_vocabulary(a.tags for a in self.annotations())

    def snapshot(self, message: str | None = None) -> Snapshot:
        """The annotations as the app shows them, with ``message`` (blocks). Opens the store
        first, so a store that cannot be used is reported now
        (:class:`~reader.core.store.StoreError`), not at the first change."""
        with self._lock:
            self.open_store()
            anchored = self.anchored()
            tags = self.tags()
            return Snapshot(anchored, tags, self.can_undo, message)

    # ------------------------------------------------------------------------------ changing

    def add_spans(
        self, spans: Iterable[tuple[str, int, int]], tags: Iterable[str], note: str, group: str | None = None
    ) -> tuple[Annotation, ...]:
        """Annotate each ``(doc, start, end)`` with ``tags`` and ``note`` in one store write;
        returns the annotations stored (blocks; undo removes them again).

        Raises :class:`~reader.core.annotate.tags.TagError` for a tag the tag rule refuses,
        ``ValueError`` for an unknown document or offsets outside its text, and
        :class:`~reader.core.store.StoreError`; nothing is stored then."""
        from reader.core.annotate import new_annotation, normalise_tags

        checked = normalise_tags(tags)
        annotations = []
        for doc_id, start, end in spans:
            document = self.document(doc_id)
            annotations.append(new_annotation(document, start, end, tags=checked, note=note, group=group))
        with self._lock:
            added = self.open_store().add_many(annotations)
            self.history.record_added(added)
            return added

    def edit(self, annotation_id: str, tags: Iterable[str], note: str) -> Annotation:
        """Replace the tags and note of one annotation; returns it as now stored (blocks).
        Raises :class:`~reader.core.annotate.tags.TagError` for a tag the tag rule refuses
        (a tag kept from an older store must be removed before the annotation is saved), and
        :class:`~reader.core.store.StoreError`."""
        from reader.core.annotate import normalise_tags

        checked = normalise_tags(tags)
        with self._lock:
            store = self.open_store()
            before = store.get(annotation_id)
            after = store.update(annotation_id, tags=list(checked), note=note)
            if before is not None:
                self.history.record_edited(before, after)
            return after

    def delete(self, annotation_ids: Iterable[str]) -> tuple[Annotation, ...]:
        """Delete annotations (unknown ids are ignored); returns what was deleted (blocks;
        undo brings them back)."""
        ids = list(annotation_ids)
        with self._lock:
            deleted = self.open_store().delete(ids)
            self.history.record_deleted(deleted)
            return deleted

    def undo(self) -> str | None:
        """Undo this session's latest change; returns what was undone, or ``None`` when there
        is nothing to undo (blocks)."""
        with self._lock:
            return self.history.undo(self.open_store())

    # ------------------------------------------------------------------------------ export

    def export(self, fmt: str, output: str | os.PathLike[str]) -> tuple[Path, ...]:
        """Write every annotation in the export format ``fmt`` (see
        :data:`reader.core.export.EXPORTERS`) to ``output``; returns the files written (blocks;
        raises :class:`~reader.core.export.ExportError` and
        :class:`~reader.core.store.StoreError`)."""
        from reader.core.export import write_export

        return write_export(self.anchored(), self.corpus, fmt, output)

    def export_text(self, fmt: str) -> str:
        """The export in ``fmt`` as one string, for a format that writes one file (blocks)."""
        from reader.core.export import export_annotations

        return export_annotations(self.anchored(), self.corpus, fmt)

    def close(self) -> None:
        """Close the store, if it was opened (it opens again when next used)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

