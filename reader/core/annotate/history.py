"""Undo for annotation changes: a bounded stack of steps, each undone through the store.

Pure core: no Textual, no TinyDB. The app records every change it makes to the store
(:meth:`History.record_added`, :meth:`History.record_deleted`, :meth:`History.record_edited`)
and :meth:`History.undo` applies the inverse of the latest one through the same store:

* annotations that were added are deleted again;
* annotations that were deleted are restored as they were (same ids, same timestamps);
* annotations that were edited get their tags and note from before the edit back.

One step may cover several annotations (tagging the three spans of a group is one step), and
undoing it undoes all of them. The stack keeps the latest ``depth`` steps (100 by default).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from reader.core.annotate.model import Annotation
from reader.core.annotate.tags import tag_key

DEFAULT_DEPTH = 100
"""How many steps :class:`History` keeps by default."""


class UndoStore(Protocol):
    """The part of :class:`reader.core.store.AnnotationStore` that undo needs."""

    def delete(self, ids: Iterable[str]) -> object:
        """Delete the annotations with these ids."""

    def restore(self, annotations: Sequence[Annotation]) -> object:
        """Put back annotations exactly as given (ids and timestamps included)."""

    def all(self) -> Sequence[Annotation]:
        """Every annotation in the store."""

    def update_many(
        self, ids: Iterable[str], *, tags: Iterable[str] | None = None, note: str | None = None
    ) -> object:
        """Set the same tags and note on several annotations in one write."""


class ChangeKind(str, Enum):
    """What a recorded step did to the store."""

    ADDED = "added"
    DELETED = "deleted"
    EDITED = "edited"


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable step: the annotations before and after it.

    For :attr:`ChangeKind.ADDED` ``before`` is empty; for :attr:`ChangeKind.DELETED` ``after``
    is empty; for :attr:`ChangeKind.EDITED` both hold the same ids in the same order.
    """

    kind: ChangeKind
    before: tuple[Annotation, ...]
    after: tuple[Annotation, ...]

    @property
    def count(self) -> int:
        """How many annotations the step touched."""
        return max(len(self.before), len(self.after))

    def describe(self) -> str:
        """What undoing this step does, in a few words (``tag ‘genocide’ on 3 spans``)."""
        return describe_change(self)


class History:
    """A bounded undo stack of annotation changes.

    Recording an empty change is a no-op (nothing to undo). Steps beyond ``depth`` are
    forgotten, oldest first.
    """

    def __init__(self, depth: int = DEFAULT_DEPTH) -> None:
        if depth < 1:
            raise ValueError("depth must be at least 1")
        self._steps: deque[Change] = deque(maxlen=depth)

    @property
    def depth(self) -> int:
        """The most steps kept."""
        assert self._steps.maxlen is not None
        return self._steps.maxlen

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def can_undo(self) -> bool:
        """True when there is a step to undo."""
        return bool(self._steps)

    def peek(self) -> Change | None:
        """The step :meth:`undo` would undo next, or ``None``."""
        return self._steps[-1] if self._steps else None

    def clear(self) -> None:
        """Forget every step (e.g. when another store is opened)."""
        self._steps.clear()

    # -- recording ------------------------------------------------------------------------

    def record_added(self, annotations: Iterable[Annotation]) -> None:
        """Record that ``annotations`` were added to the store (as one step)."""
        added = tuple(annotations)
        if added:
            self._steps.append(Change(ChangeKind.ADDED, (), added))

    def record_deleted(self, annotations: Iterable[Annotation]) -> None:
        """Record that ``annotations`` (as they were just before) were deleted (as one step)."""
        deleted = tuple(annotations)
        if deleted:
            self._steps.append(Change(ChangeKind.DELETED, deleted, ()))

    def record_edited(
        self,
        before: Annotation | Iterable[Annotation],
        after: Annotation | Iterable[Annotation],
    ) -> None:
        """Record an edit of one annotation, or of several at once (one step).

        ``before`` and ``after`` are the annotations as they were and as they are now; with
        several, they are paired by id. Annotations whose tags and note did not change are left
        out; if none changed, nothing is recorded.
        """
        olds = (before,) if isinstance(before, Annotation) else tuple(before)
        news = (after,) if isinstance(after, Annotation) else tuple(after)
        by_id = {a.id: a for a in news}
        if len(by_id) != len(news) or {a.id for a in olds} != set(by_id) or len(olds) != len(news):
            raise ValueError("record_edited needs the same annotations (by id) before and after")
        pairs = [(old, by_id[old.id]) for old in olds]
        pairs = [(old, new) for old, new in pairs if (old.tags, old.note) != (new.tags, new.note)]
        if pairs:
            self._steps.append(
                Change(ChangeKind.EDITED, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))
            )

    # -- undoing --------------------------------------------------------------------------

    def undo(self, store: UndoStore) -> str | None:
        """Undo the latest step through ``store``; returns what was undone, or ``None`` when
        there is nothing to undo.

        Annotations another process deleted meanwhile are skipped (an added one is already
        gone; an edited one has nothing left to edit back). If the store fails (it raises), the
        step stays on the stack and the error propagates, so the caller can report it and the
        user can try again.
        """
        if not self._steps:
            return None
        change = self._steps[-1]
        if change.kind is ChangeKind.ADDED:
            store.delete([a.id for a in change.after])
        elif change.kind is ChangeKind.DELETED:
            store.restore(list(change.before))
        else:
            present = {a.id for a in store.all()}
            # One write per distinct (tags, note): a group edit is undone in one write.
            batches: dict[tuple[tuple[str, ...], str], list[str]] = {}
            for old in change.before:
                if old.id in present:
                    batches.setdefault((old.tags, old.note), []).append(old.id)
            for (tags, note), ids in batches.items():
                store.update_many(ids, tags=list(tags), note=note)
        self._steps.pop()
        return f"Undid {change.describe()}"


# ------------------------------------------------------------------------------------------
# Descriptions


def _spans(count: int) -> str:
    return "1 span" if count == 1 else f"{count} spans"


def _quoted(tags: Iterable[str]) -> str:
    return ", ".join(f"\u2018{tag}\u2019" for tag in tags)


def _tag_word(tags: Sequence[str]) -> str:
    return "tag" if len(tags) == 1 else "tags"


def _common_tags(annotations: Sequence[Annotation]) -> tuple[str, ...]:
    """Tags every annotation has, in the order of the first one."""
    if not annotations:
        return ()
    rest = [{tag_key(t) for t in a.tags} for a in annotations[1:]]
    return tuple(t for t in annotations[0].tags if all(tag_key(t) in r for r in rest))


def describe_change(change: Change) -> str:
    """A short description of ``change`` from the point of view of undoing it."""
    count = change.count
    if change.kind is ChangeKind.ADDED:
        tags = _common_tags(change.after)
        if tags:
            return f"{_tag_word(tags)} {_quoted(tags)} on {_spans(count)}"
        if all(a.note for a in change.after):
            return f"note on {_spans(count)}"
        return f"annotation of {_spans(count)}"
    if change.kind is ChangeKind.DELETED:
        noun = "annotation" if count == 1 else f"{count} annotations"
        return f"deletion of {noun}"
    # Edited: say which tags came and went, or that the note changed.
    added: dict[str, None] = {}
    removed: dict[str, None] = {}
    note_changed = False
    for old, new in zip(change.before, change.after):
        old_tags = {tag_key(t) for t in old.tags}
        new_tags = {tag_key(t) for t in new.tags}
        added.update(dict.fromkeys(t for t in new.tags if tag_key(t) not in old_tags))
        removed.update(dict.fromkeys(t for t in old.tags if tag_key(t) not in new_tags))
        note_changed = note_changed or old.note != new.note
    parts = []
    if added:
        parts.append(f"{_tag_word(list(added))} {_quoted(added)}")
    if removed:
        parts.append(f"removal of {_tag_word(list(removed))} {_quoted(removed)}")
    if note_changed:
        parts.append("note edit")
    if not parts:  # only the case of a tag changed
        parts.append("tag edit")
    return f"{' and '.join(parts)} on {_spans(count)}"
