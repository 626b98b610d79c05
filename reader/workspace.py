"""The workspace: one corpus being read and its annotation store, as the command line and app use them.

A :class:`Workspace` is built once from the command line (the corpus path and ``--store``): it
holds the loaded corpus (with the problems met loading it), the corpus folder and the store path
(``--store``, else :func:`reader.core.paths.default_store_path`), and does every annotation
operation the ``annotate``, ``annotations``, ``tagset`` and ``export`` commands and the app need:
find an article, a quotation or an annotation by what a person types, read the store, place the
annotations in the current texts, add, edit, delete, apply a tag of the tag set, give a verdict on
a group, link two annotations, edit the tag set, undo and redo (this session's
:class:`~reader.core.annotate.history.History`) and export.

Every change is one :class:`~reader.core.annotate.history.Change` (the records before and after),
written in one atomic store write (:meth:`AnnotationStore.commit`), recorded as one undoable step.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from reader.core.models import Corpus, Document
from reader.core.paths import corpus_folder, store_path as store_path_for
from reader.core.text import printable

if TYPE_CHECKING:
    from reader.core.annotate import Anchored, Annotation
    from reader.core.annotate.history import Change, History, Record
    from reader.core.annotate.links import Link
    from reader.core.annotate.tagset import TagSet
    from reader.core.annotate.verdicts import Verdict, VerdictKind
    from reader.core.models import Group
    from reader.core.store import AnnotationStore, TagSetRead

__all__ = ["Snapshot", "Workspace"]


def _no_tagset() -> TagSet:
    from reader.core.annotate.tagset import TagSet

    return TagSet()


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
    can_redo: bool = False
    """True when this session has an undone change to make again."""
    verdicts: tuple[Verdict, ...] = ()
    """Every verdict on a group, in the order given."""
    links: tuple[Link, ...] = ()
    """Every link between annotations, in the order made."""
    tagset: TagSet = field(default_factory=_no_tagset)
    """The corpus's tag set (empty when its file cannot be read)."""
    tagset_problem: str | None = None
    """One line saying why the tag set file cannot be read (it is kept as it is), or ``None``."""


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
        self._placed: tuple[object, tuple[Anchored, ...]] = (None, ())  # the stored tuple, placed

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

    def find_document(self, name: str) -> Document:
        """The article named by its id, its file name or their start (:mod:`reader.core.lookup`)."""
        from reader.core.lookup import document_named

        return document_named(tuple(self.documents.values()), name)

    def find_quote(self, doc_id: str, quote: str) -> tuple[int, int]:
        """The one place ``quote`` is in the article, word for word (:mod:`reader.core.lookup`)."""
        from reader.core.lookup import quote_in

        return quote_in(self.document(doc_id), quote)

    def find_annotation(self, annotation_id: str) -> Annotation:
        """The stored annotation with this id or its start (:mod:`reader.core.lookup`; blocks)."""
        from reader.core.lookup import annotation_named

        return annotation_named(self.annotations(), annotation_id, self.store_path)

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

    @property
    def can_redo(self) -> bool:
        """True when this session has an undone change to make again."""
        return self._history is not None and self._history.can_redo

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

        stored = self.annotations()
        if self._placed[0] is not stored:  # the store gives the same tuple until it changes
            placed = anchor_all(in_first_spellings(stored), self.corpus.documents)
            self._placed = (stored, reading_order(placed, self.documents))
        return self._placed[1]

    def tags(self) -> tuple[str, ...]:
        """Every tag in use, most used first (case variants are one tag; blocks)."""
        from reader.core.annotate import tag_vocabulary

        return tag_vocabulary(a.tags for a in self.annotations())

    def verdicts(self) -> tuple[Verdict, ...]:
        """Every verdict on a group, in the order given (blocks; a missing store: none)."""
        with self._lock:
            if self._store is None and not (self.store_path.exists() or self.store_path.is_symlink()):
                return ()
            return self.open_store().verdicts()

    def links(self) -> tuple[Link, ...]:
        """Every link between annotations, in the order made (blocks; a missing store: none)."""
        with self._lock:
            if self._store is None and not (self.store_path.exists() or self.store_path.is_symlink()):
                return ()
            return self.open_store().links()

    def tagset(self) -> TagSetRead:
        """The corpus's tag set, kept beside the store (blocks). A file that cannot be read gives
        an empty set and a one-line problem; the file is kept as it is."""
        from reader.core.paths import tagset_path
        from reader.core.store import TagSetRead

        with self._lock:
            if self._store is None and not tagset_path(self.store_path).parent.is_dir():
                return TagSetRead(_no_tagset())
            return self.open_store().tagset()

    def snapshot(self, message: str | None = None) -> Snapshot:
        """The annotations as the app shows them, with ``message`` (blocks). Opens the store
        first, so a store that cannot be used is reported now
        (:class:`~reader.core.store.StoreError`), not at the first change."""
        with self._lock:
            store = self.open_store()
            anchored = self.anchored()
            tags = self.tags()
            read = store.tagset()
            return Snapshot(
                anchored, tags, self.can_undo, message, self.can_redo, store.verdicts(), store.links(), read.tagset, read.problem
            )

    # ------------------------------------------------------------------------------ changing

    def _commit(self, before: Iterable[Record], after: Iterable[Record]) -> Change:
        """Write the change from ``before`` to ``after`` (records paired by id) in one store
        write and record it as one undoable step; returns it (blocks)."""
        from reader.core.annotate.history import Change

        with self._lock:
            change = Change.between(before, after)
            if change:
                self.open_store().commit(change.redo_batch())
                self.history.record(change)
            return change

    def add_spans(
        self, spans: Iterable[tuple[str, int, int]], tags: Iterable[str], note: str, group: str | None = None
    ) -> tuple[Annotation, ...]:
        """Annotate each ``(doc, start, end)`` with ``tags`` and ``note`` in one store write;
        returns the annotations stored (blocks; undo removes them again).

        Raises :class:`~reader.core.annotate.tags.TagError` for a tag the tag rule refuses,
        ``ValueError`` for an unknown document or offsets outside its text, and
        :class:`~reader.core.store.StoreError`; nothing is stored then."""
        from reader.core.annotate import new_annotation, new_id, normalise_tags

        checked = normalise_tags(tags)
        annotations = []
        for doc_id, start, end in spans:
            document = self.document(doc_id)
            made = new_annotation(document, start, end, tags=checked, note=note, group=group)
            annotations.append(replace(made, id=new_id()))
        self._commit((), annotations)
        return tuple(annotations)

    def edit(self, annotation_id: str, tags: Iterable[str] | None, note: str | None) -> Annotation:
        """Replace the tags and/or the note of one annotation (``None``: kept as they are);
        returns it as now stored (blocks). Raises :class:`~reader.core.annotate.tags.TagError`
        for a tag the tag rule refuses (a tag kept from an older store must be removed before
        the annotation is saved), and :class:`~reader.core.store.StoreError`
        (``AnnotationNotFound`` for an unknown id)."""
        from reader.core.annotate import normalise_tags, now_iso
        from reader.core.store import AnnotationNotFound

        checked = None if tags is None else normalise_tags(tags)
        with self._lock:
            before = self.open_store().get(annotation_id)
            if before is None:
                raise AnnotationNotFound(self.store_path, f"no annotation with id {printable(annotation_id, 80)}")
            new_tags = before.tags if checked is None else checked
            new_note = before.note if note is None else note
            if (before.tags, before.note) == (new_tags, new_note):
                return before
            after = replace(before, tags=new_tags, note=new_note, updated=now_iso())
            self._commit([before], [after])
            return after

    def retag(self, annotation_ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()) -> Change:
        """Add the tags ``add`` to, and take the tags ``remove`` from, every annotation of
        ``annotation_ids`` (each keeps its other tags; compared without case), in one write and
        one undoable step (blocks). Raises :class:`~reader.core.annotate.tags.TagError` for a
        tag the tag rule refuses."""
        from reader.core.annotate import normalise_tags, now_iso, tag_key

        adding = normalise_tags(add)
        removing = {tag_key(t) for t in remove}
        wanted = set(annotation_ids)
        with self._lock:
            before = [a for a in self.annotations() if a.id in wanted]
            after = []
            for a in before:
                kept = [t for t in a.tags if tag_key(t) not in removing]
                tags = tuple(dict((tag_key(t), t) for t in [*kept, *adding]).values())
                after.append(a if tags == a.tags else replace(a, tags=tags, updated=now_iso()))
            return self._commit(before, after)

    def apply_tag(self, tag: str, spans: Sequence[tuple[str, int, int]], group: str | None = None) -> tuple[Change, int]:
        """Apply ``tag`` to each span ``(doc, start, end)`` (the selection, or every span of a
        group): an annotation already placed exactly there gets the tag added (it keeps its
        other tags and its note), the other spans get a new annotation with the tag (and
        ``group``). One write, one undoable step. Returns the change and how many spans have the
        tag now (blocks). Raises :class:`~reader.core.annotate.tags.TagError` and ``ValueError``
        as :meth:`add_spans` does."""
        from reader.core.annotate import new_annotation, new_id, normalise_tag, now_iso, tag_key

        checked = normalise_tag(tag)
        if not checked:
            raise ValueError("no tag to apply")
        with self._lock:
            placed = {}
            for item in self.anchored():
                if item.placed:
                    placed.setdefault((item.annotation.doc, item.start, item.end), item.annotation)
            before, after = [], []
            for doc_id, start, end in dict.fromkeys(spans):
                existing = placed.get((doc_id, start, end))
                if existing is None:
                    made = new_annotation(self.document(doc_id), start, end, tags=[checked], group=group)
                    after.append(replace(made, id=new_id()))
                elif tag_key(checked) not in {tag_key(t) for t in existing.tags}:
                    before.append(existing)
                    after.append(replace(existing, tags=(*existing.tags, checked), updated=now_iso()))
            return self._commit(before, after), len(dict.fromkeys(spans))

    def delete(self, annotation_ids: Iterable[str]) -> tuple[Annotation, ...]:
        """Delete annotations (unknown ids are ignored) and the links that start or end at them,
        in one write; returns the annotations deleted (blocks; undo brings them all back)."""
        wanted = set(annotation_ids)
        with self._lock:
            gone = [a for a in self.annotations() if a.id in wanted]
            ids = {a.id for a in gone}
            links = [link for link in self.links() if link.source in ids or link.target in ids]
            self._commit([*gone, *links], ())
            return tuple(gone)

    def set_verdict(self, group: Group, kind: VerdictKind, replacing: Iterable[str] = ()) -> Verdict:
        """Give ``group`` the verdict ``kind`` (its spans kept with it), replacing the verdicts
        ``replacing`` (ids: the group's verdict so far), in one write and one step (blocks)."""
        from reader.core.annotate import new_id
        from reader.core.annotate.verdicts import new_verdict

        verdict = new_verdict(group, self.documents, kind, new_id())
        old = set(replacing)
        with self._lock:
            self._commit([v for v in self.verdicts() if v.id in old], [verdict])
        return verdict

    def clear_verdicts(self, verdict_ids: Iterable[str]) -> Change:
        """Remove verdicts (the group shows again), in one write and one step (blocks)."""
        wanted = set(verdict_ids)
        with self._lock:
            return self._commit([v for v in self.verdicts() if v.id in wanted], ())

    def link(self, source: str, target: str, relation: str) -> Link:
        """Link annotation ``source`` to annotation ``target`` with ``relation`` (one of
        :data:`~reader.core.annotate.links.RELATIONS` or the reader's own), one undoable step
        (blocks). ``ValueError`` (one line) for an unknown annotation, a link to itself, a
        relation the tag rule refuses, or the same link twice."""
        from reader.core.annotate import new_id, tag_key
        from reader.core.annotate.links import new_link

        link = new_link(source, target, relation, new_id())
        with self._lock:
            ids = {a.id for a in self.annotations()}
            for end in (source, target):
                if end not in ids:
                    raise ValueError(f"no annotation with id {printable(end, 80)}")
            for old in self.links():
                if {old.source, old.target} == {source, target} and tag_key(old.relation) == tag_key(link.relation):
                    raise ValueError(f"these two annotations are linked as \u2018{link.relation}\u2019 already")
            self._commit((), [link])
        return link

    def unlink(self, link_ids: Iterable[str]) -> Change:
        """Remove links, in one write and one step (blocks)."""
        wanted = set(link_ids)
        with self._lock:
            return self._commit([link for link in self.links() if link.id in wanted], ())

    def set_tagset(self, tagset: TagSet) -> Path | None:
        """Replace the corpus's tag set (an undoable step); a damaged tag set file is first
        moved aside, byte for byte: returns where it went (blocks)."""
        from reader.core.annotate.history import Change

        with self._lock:
            store = self.open_store()
            read = store.tagset()
            if read.tagset == tagset and read.problem is None:
                return None
            kept = store.save_tagset(tagset)
            self.history.record(Change.between([read.tagset], [tagset]))
            return kept

    def undo(self) -> str | None:
        """Undo this session's latest change; returns what was undone, or ``None`` when there
        is nothing to undo (blocks)."""
        with self._lock:
            return self.history.undo(self.open_store())

    def redo(self) -> str | None:
        """Make this session's latest undone change again; returns what was redone, or ``None``
        when there is nothing to redo (blocks)."""
        with self._lock:
            return self.history.redo(self.open_store())

    # ------------------------------------------------------------------------------ export

    def export(self, fmt: str, output: str | os.PathLike[str]) -> tuple[Path, ...]:
        """Write every annotation in the export format ``fmt`` (see
        :data:`reader.core.export.EXPORTERS`) to ``output``; returns the files written (blocks;
        raises :class:`~reader.core.export.ExportError` and
        :class:`~reader.core.store.StoreError`)."""
        from reader.core.export import write_export

        with self._lock:
            return write_export(self.anchored(), self.corpus, fmt, output, self.verdicts(), self.links())

    def export_text(self, fmt: str) -> str:
        """The export in ``fmt`` as one string, for a format that writes one file (blocks)."""
        from reader.core.export import export_annotations

        with self._lock:
            return export_annotations(self.anchored(), self.corpus, fmt, self.verdicts(), self.links())

    def export_notes(self, fmt: str) -> tuple[str, ...]:
        """One line for each thing an export in ``fmt`` leaves out, orphans excepted (blocks)."""
        from reader.core.export import export_notes

        with self._lock:
            return export_notes(self.anchored(), self.corpus, fmt, self.verdicts(), self.links())

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

