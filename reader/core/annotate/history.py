"""Undo and redo of annotation changes: two bounded stacks of steps, each applied through the
store in one atomic write.

Pure core: no Textual, no TinyDB. The workspace records every change it makes to the store as
one :class:`Change` (the records as they were before and as they are after; a record is an
:class:`~reader.core.annotate.model.Annotation`, a
:class:`~reader.core.annotate.verdicts.Verdict`, a :class:`~reader.core.annotate.links.Link`, or
the corpus's :class:`~reader.core.annotate.tagset.TagSet`).
:meth:`History.undo` writes the inverse of the latest step through the store, and
:meth:`History.redo` writes the step again:

* records that were added are deleted again (redo: put back with the same ids);
* records that were deleted are put back exactly as they were (same ids, same timestamps);
* records that were edited get their version from before the edit back (redo: from after),
  unless another process deleted them meanwhile (then there is nothing left to edit back).

One step may cover several records of every kind (tagging the three spans of a group is one
step; deleting an annotation deletes its links in the same step), and undoing it undoes all of
them in one write. A new change empties the redo stack. Each stack keeps the latest ``depth``
steps (100 by default).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, Union

from reader.core.annotate.links import Link
from reader.core.annotate.model import Annotation
from reader.core.annotate.tags import tag_key
from reader.core.annotate.tagset import TagSet
from reader.core.annotate.verdicts import Verdict

DEFAULT_DEPTH = 100
"""How many steps :class:`History` keeps by default (on each stack)."""

Record = Union[Annotation, Verdict, Link, TagSet]
"""What a change touches: an annotation, a verdict on a group, a link, or the tag set (whose one
record is replaced whole)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """One write to the store: every part applied in one atomic write. A record's type names its
    table."""

    insert: tuple[Record, ...] = ()
    """Records stored with their ids (an id already in the store is left as it is)."""
    replace: tuple[Record, ...] = ()
    """Records that replace the stored record with their id (where there is one)."""
    delete: tuple[Record, ...] = ()
    """Records deleted by id (ids not in the store are ignored)."""

    def __bool__(self) -> bool:
        return bool(self.insert or self.replace or self.delete)


class UndoStore(Protocol):
    """The part of :class:`reader.core.store.AnnotationStore` that undo and redo need."""

    def commit(self, batch: Batch) -> object:
        """Apply ``batch`` in one atomic write."""


class ChangeKind(str, Enum):
    """What a recorded step did to the store."""

    ADDED = "added"
    DELETED = "deleted"
    EDITED = "edited"
    MIXED = "mixed"
    """Some records added, some edited or deleted (e.g. a tag applied to a group, some of whose
    spans were annotated already)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable step: the records before and after it.

    A record only in ``before`` was deleted, one only in ``after`` was added, one in both (same
    id) was edited. For :attr:`ChangeKind.ADDED` ``before`` is empty; for
    :attr:`ChangeKind.DELETED` ``after`` is empty; for :attr:`ChangeKind.EDITED` both hold the
    same ids.
    """

    kind: ChangeKind
    before: tuple[Record, ...]
    after: tuple[Record, ...]

    @classmethod
    def between(cls, before: Iterable[Record], after: Iterable[Record]) -> Change:
        """The change from ``before`` to ``after`` (records paired by id), its kind worked out;
        records equal before and after are left out."""
        olds = {r.id: r for r in before}
        news = {r.id: r for r in after}
        same = {i for i in olds.keys() & news.keys() if olds[i] == news[i]}
        olds = {i: r for i, r in olds.items() if i not in same}
        news = {i: r for i, r in news.items() if i not in same}
        added = news.keys() - olds.keys()
        deleted = olds.keys() - news.keys()
        edited = olds.keys() & news.keys()
        if added and not (deleted or edited):
            kind = ChangeKind.ADDED
        elif deleted and not (added or edited):
            kind = ChangeKind.DELETED
        elif edited and not (added or deleted):
            kind = ChangeKind.EDITED
        else:
            kind = ChangeKind.MIXED
        return cls(kind, tuple(olds.values()), tuple(news.values()))

    def __bool__(self) -> bool:
        return bool(self.before or self.after)

    @property
    def count(self) -> int:
        """How many records the step touched."""
        if self.kind is ChangeKind.MIXED:
            return len({r.id for r in (*self.before, *self.after)})
        return max(len(self.before), len(self.after))

    def describe(self) -> str:
        """What the step did, in a few words (``tag ‘genocide’ on 3 spans``)."""
        return describe_change(self)

    def undo_batch(self) -> Batch:
        """The write that undoes the step."""
        return _batch(self.after, self.before)

    def redo_batch(self) -> Batch:
        """The write that makes the step again."""
        return _batch(self.before, self.after)


def _batch(now: Sequence[Record], wanted: Sequence[Record]) -> Batch:
    """The write that turns the records ``now`` into ``wanted`` (paired by id)."""
    now_ids = {r.id for r in now}
    wanted_ids = {r.id for r in wanted}
    return Batch(
        insert=tuple(r for r in wanted if r.id not in now_ids),
        replace=tuple(r for r in wanted if r.id in now_ids),
        delete=tuple(r for r in now if r.id not in wanted_ids),
    )


class History:
    """Bounded undo and redo stacks of changes.

    Recording an empty change is a no-op (nothing to undo). Steps beyond ``depth`` are
    forgotten, oldest first.
    """

    def __init__(self, depth: int = DEFAULT_DEPTH) -> None:
        if depth < 1:
            raise ValueError("depth must be at least 1")
        self._steps: deque[Change] = deque(maxlen=depth)
        self._undone: deque[Change] = deque(maxlen=depth)

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

    @property
    def can_redo(self) -> bool:
        """True when there is an undone step to make again."""
        return bool(self._undone)

    def peek(self) -> Change | None:
        """The step :meth:`undo` would undo next, or ``None``."""
        return self._steps[-1] if self._steps else None

    def peek_redo(self) -> Change | None:
        """The step :meth:`redo` would make again next, or ``None``."""
        return self._undone[-1] if self._undone else None

    def clear(self) -> None:
        """Forget every step (e.g. when another store is opened)."""
        self._steps.clear()
        self._undone.clear()

    # -- recording ------------------------------------------------------------------------

    def record(self, change: Change) -> None:
        """Record a step the caller made (ignored when empty); the redo stack is emptied."""
        if change:
            self._steps.append(change)
            self._undone.clear()

    def record_added(self, annotations: Iterable[Record]) -> None:
        """Record that ``annotations`` were added to the store (as one step)."""
        added = tuple(annotations)
        if added:
            self.record(Change(ChangeKind.ADDED, (), added))

    def record_deleted(self, annotations: Iterable[Record]) -> None:
        """Record that ``annotations`` (as they were just before) were deleted (as one step)."""
        deleted = tuple(annotations)
        if deleted:
            self.record(Change(ChangeKind.DELETED, deleted, ()))

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
            self.record(Change(ChangeKind.EDITED, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)))

    # -- undoing and redoing --------------------------------------------------------------

    def undo(self, store: UndoStore) -> str | None:
        """Undo the latest step through ``store`` (one write); returns what was undone, or
        ``None`` when there is nothing to undo. If the store fails (it raises), the step stays
        on the stack and the error propagates, so the caller can report it and the user can try
        again."""
        if not self._steps:
            return None
        change = self._steps[-1]
        store.commit(change.undo_batch())
        self._steps.pop()
        self._undone.append(change)
        return f"Undid {change.describe()}"

    def redo(self, store: UndoStore) -> str | None:
        """Make the latest undone step again through ``store`` (one write); returns what was
        redone, or ``None`` when there is nothing to redo. A failing store keeps the step."""
        if not self._undone:
            return None
        change = self._undone[-1]
        store.commit(change.redo_batch())
        self._undone.pop()
        self._steps.append(change)
        return f"Redid {change.describe()}"


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


def _of(records: Iterable[Record], kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


def describe_change(change: Change) -> str:
    """A short description of what ``change`` did (``tag ‘claim’ on 3 spans``, ``verdict
    ‘boilerplate’ on a passage``, ``link ‘contradicts’``)."""
    parts: list[str] = []
    verdicts = _describe_verdicts(_of(change.before, Verdict), _of(change.after, Verdict))
    links = _describe_links(_of(change.before, Link), _of(change.after, Link))
    if _of(change.after, TagSet) or _of(change.before, TagSet):
        return "tag set edit"
    annotations = _describe_annotations(_of(change.before, Annotation), _of(change.after, Annotation), change.kind)
    parts = [part for part in (annotations, verdicts, links) if part]
    if not parts:
        return "nothing"
    if annotations and links and annotations.startswith("deletion") and links.startswith("removal"):
        return f"{annotations} and its {links.removeprefix('removal of ')}"
    return " and ".join(parts)


def _describe_verdicts(before: list[Verdict], after: list[Verdict]) -> str:
    if not before and not after:
        return ""
    new_kinds = dict.fromkeys(v.kind.value for v in after)
    old_kinds = dict.fromkeys(v.kind.value for v in before)
    if after and before:
        return f"verdict {_quoted(new_kinds)} instead of {_quoted(old_kinds)}"
    if after:
        noun = "a passage" if len(after) == 1 else f"{len(after)} passages"
        return f"verdict {_quoted(new_kinds)} on {noun}"
    return f"removal of verdict {_quoted(old_kinds)}" if len(before) == 1 else f"removal of {len(before)} verdicts"


def _describe_links(before: list[Link], after: list[Link]) -> str:
    if not before and not after:
        return ""
    olds = {link.id for link in before}
    news = {link.id for link in after}
    if after and not olds & news:
        return f"link {_quoted(dict.fromkeys(link.relation for link in after))}" if len(after) == 1 else f"{len(after)} links"
    if before and not news:
        return f"removal of link {_quoted([before[0].relation])}" if len(before) == 1 else f"removal of {len(before)} links"
    return "link change"


def _describe_annotations(before: list[Annotation], after: list[Annotation], kind: ChangeKind) -> str:
    if not before and not after:
        return ""
    if kind is ChangeKind.MIXED:
        olds = {a.id: a for a in before}
        news = {a.id: a for a in after}
        added = [a for i, a in news.items() if i not in olds]
        deleted = [a for i, a in olds.items() if i not in news]
        edited = [(olds[i], news[i]) for i in olds if i in news]
    else:  # paired by position (records not yet stored have no id)
        added = after if kind is ChangeKind.ADDED else []
        deleted = before if kind is ChangeKind.DELETED else []
        edited = list(zip(before, after)) if kind is ChangeKind.EDITED else []
    count = len(added) + len(deleted) + len(edited)
    if added and not edited and not deleted:
        tags = _common_tags(added)
        if tags:
            return f"{_tag_word(tags)} {_quoted(tags)} on {_spans(count)}"
        if all(a.note for a in added):
            return f"note on {_spans(count)}"
        return f"annotation of {_spans(count)}"
    if deleted and not added and not edited:
        noun = "annotation" if count == 1 else f"{count} annotations"
        return f"deletion of {noun}"
    # Edited (and maybe added to): say which tags came and went, or that the note changed.
    tag_added: dict[str, None] = {}
    tag_removed: dict[str, None] = {}
    note_changed = False
    for new in added:
        tag_added.update(dict.fromkeys(new.tags))
    for old, new in edited:
        old_tags = {tag_key(t) for t in old.tags}
        new_tags = {tag_key(t) for t in new.tags}
        tag_added.update(dict.fromkeys(t for t in new.tags if tag_key(t) not in old_tags))
        tag_removed.update(dict.fromkeys(t for t in old.tags if tag_key(t) not in new_tags))
        note_changed = note_changed or old.note != new.note
    parts = []
    if tag_added:
        parts.append(f"{_tag_word(list(tag_added))} {_quoted(tag_added)}")
    if tag_removed:
        parts.append(f"removal of {_tag_word(list(tag_removed))} {_quoted(tag_removed)}")
    if note_changed:
        parts.append("note edit")
    if not parts:  # only the case of a tag changed
        parts.append("tag edit")
    text = f"{' and '.join(parts)} on {_spans(count - len(deleted))}"
    if deleted:
        text += f" and deletion of {len(deleted)}"
    return text
