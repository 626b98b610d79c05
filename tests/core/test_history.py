"""Undo of annotation changes, through a real store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.annotate import Annotation, new_annotation
from reader.core.corpus import documents_from_texts
from reader.core.annotate.history import DEFAULT_DEPTH, Change, ChangeKind, History, describe_change
from reader.core.store import AnnotationStore, StoreError

TEXTS = {
    "a": "Alpha\n\nTehran called the attack a legitimate response, the ministry said.\n",
    "b": "Beta\n\nThe ministry said Tehran called the attack a legitimate response.\n",
    "c": "Gamma\n\nOfficials in Tehran called the attack a legitimate response on Sunday.\n",
}
DOCS = {d.id: d for d in documents_from_texts(TEXTS)}
PHRASE = "called the attack a legitimate response"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnnotationStore]:
    with AnnotationStore.open(tmp_path / "annotations.json") as opened:
        yield opened


def group_annotations(tags: tuple[str, ...] = ("genocide",), note: str = "") -> list[Annotation]:
    """One annotation per article on the shared phrase, as a group tag makes them."""
    out = []
    for doc in DOCS.values():
        start = doc.text.index(PHRASE)
        out.append(new_annotation(doc, start, start + len(PHRASE), tags=tags, note=note, group="g1"))
    return out


def snapshot(store: AnnotationStore) -> dict[str, tuple[tuple[str, ...], str]]:
    return {a.id: (a.tags, a.note) for a in store.all()}


def test_empty_history_has_nothing_to_undo(store: AnnotationStore) -> None:
    history = History()
    assert not history.can_undo
    assert history.peek() is None
    assert history.undo(store) is None
    assert len(history) == 0


def test_undo_of_a_group_tag_deletes_every_span(store: AnnotationStore) -> None:
    history = History()
    kept = store.add(group_annotations(tags=("quote",))[0])
    added = store.add_many(group_annotations())
    history.record_added(added)
    assert len(store.all()) == 4
    assert history.can_undo
    assert history.undo(store) == "Undid tag \u2018genocide\u2019 on 3 spans"
    assert store.all() == (kept,)
    assert not history.can_undo


def test_undo_of_a_delete_restores_ids_and_timestamps(store: AnnotationStore) -> None:
    history = History()
    added = store.add_many(group_annotations(note="check"))
    before = store.all()
    deleted = store.delete([added[0].id, added[2].id])
    history.record_deleted(deleted)
    assert [a.id for a in store.all()] == [added[1].id]
    assert history.undo(store) == "Undid deletion of 2 annotations"
    assert sorted(store.all(), key=lambda a: a.id) == sorted(before, key=lambda a: a.id)


def test_undo_of_an_edit_writes_back_tags_and_note(store: AnnotationStore) -> None:
    history = History()
    (one,) = store.add_many(group_annotations(tags=("iran",), note="first")[:1])
    after = store.update(one.id, tags=["iran", "war crimes"], note="second")
    history.record_edited(one, after)
    assert history.peek() is not None and history.peek().kind is ChangeKind.EDITED  # type: ignore[union-attr]
    message = history.undo(store)
    assert message == "Undid tag \u2018war crimes\u2019 and note edit on 1 span"
    restored = store.get(one.id)
    assert restored is not None
    assert (restored.tags, restored.note) == (("iran",), "first")


def test_undo_of_a_group_edit_restores_each_annotation_its_own_values(store: AnnotationStore) -> None:
    history = History()
    first = store.add_many(group_annotations(tags=("a",), note="n1")[:2])
    second = store.add_many(group_annotations(tags=("b",), note="n2")[2:])
    before = first + second
    after = store.update_many([a.id for a in before], tags=["shared"], note="")
    history.record_edited(before, after)
    assert history.undo(store) == "Undid tag \u2018shared\u2019 and removal of tags \u2018a\u2019, \u2018b\u2019 and note edit on 3 spans"
    assert snapshot(store) == {
        first[0].id: (("a",), "n1"),
        first[1].id: (("a",), "n1"),
        second[0].id: (("b",), "n2"),
    }


def test_steps_are_undone_newest_first(store: AnnotationStore) -> None:
    history = History()
    (one,) = store.add_many(group_annotations(tags=("x",))[:1])
    history.record_added([one])
    edited = store.update(one.id, tags=["x", "y"])
    history.record_edited(one, edited)
    deleted = store.delete([one.id])
    history.record_deleted(deleted)
    assert len(history) == 3
    assert history.undo(store) == "Undid deletion of annotation"
    assert snapshot(store) == {one.id: (("x", "y"), "")}
    assert history.undo(store) == "Undid tag \u2018y\u2019 on 1 span"
    assert snapshot(store) == {one.id: (("x",), "")}
    assert history.undo(store) == "Undid tag \u2018x\u2019 on 1 span"
    assert store.all() == ()
    assert history.undo(store) is None


def test_edits_that_change_nothing_and_empty_changes_are_not_recorded(store: AnnotationStore) -> None:
    history = History()
    (one,) = store.add_many(group_annotations()[:1])
    history.record_added([])
    history.record_deleted([])
    history.record_edited(one, store.update(one.id, note=""))  # same tags, same note
    assert not history.can_undo


def test_record_edited_refuses_mismatched_annotations(store: AnnotationStore) -> None:
    history = History()
    a, b = store.add_many(group_annotations()[:2])
    with pytest.raises(ValueError):
        history.record_edited([a], [b])
    with pytest.raises(ValueError):
        history.record_edited([a, b], [a])


def test_depth_is_bounded_oldest_forgotten(store: AnnotationStore) -> None:
    history = History(depth=3)
    added = [store.add(group_annotations(tags=(f"t{i}",))[0]) for i in range(5)]
    for annotation in added:
        history.record_added([annotation])
    assert len(history) == 3 and history.depth == 3
    while history.can_undo:
        history.undo(store)
    assert [a.tags for a in store.all()] == [("t0",), ("t1",)]
    assert History().depth == DEFAULT_DEPTH == 100
    with pytest.raises(ValueError):
        History(depth=0)


def test_annotations_deleted_elsewhere_are_skipped(store: AnnotationStore) -> None:
    history = History()
    a, b = store.add_many(group_annotations(tags=("old",))[:2])
    after = store.update_many([a.id, b.id], tags=["new"])
    history.record_edited([a, b], after)
    store.delete([a.id])  # e.g. by another window
    assert history.undo(store) is not None
    assert snapshot(store) == {b.id: (("old",), "")}


def test_a_failing_store_keeps_the_step(store: AnnotationStore, tmp_path: Path) -> None:
    history = History()
    added = store.add_many(group_annotations())
    history.record_added(added)

    class Broken:
        def commit(self, batch: object) -> object:
            raise StoreError(tmp_path / "annotations.json", "disk full")

    with pytest.raises(StoreError):
        history.undo(Broken())  # type: ignore[arg-type]
    assert history.can_undo
    assert history.undo(store) == "Undid tag \u2018genocide\u2019 on 3 spans"
    assert store.all() == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (Change(ChangeKind.ADDED, (), tuple(group_annotations(tags=()))), "annotation of 3 spans"),
        (Change(ChangeKind.ADDED, (), tuple(group_annotations(tags=(), note="n"))[:1]), "note on 1 span"),
        (Change(ChangeKind.ADDED, (), tuple(group_annotations(tags=("a", "b")))), "tags \u2018a\u2019, \u2018b\u2019 on 3 spans"),
        (Change(ChangeKind.DELETED, tuple(group_annotations())[:1], ()), "deletion of annotation"),
    ],
)
def test_descriptions(change: Change, expected: str) -> None:
    assert describe_change(change) == expected == change.describe()


# -- redo, steps of several kinds of record ------------------------------------------------------


def test_redo_makes_each_kind_of_step_again_exactly(store: AnnotationStore) -> None:
    history = History()
    added = store.add_many(group_annotations(tags=("x",), note="n"))
    history.record_added(added)
    after = store.update_many([a.id for a in added], tags=["x", "y"])
    history.record_edited(added, after)
    deleted = store.delete([added[0].id])
    history.record_deleted(deleted)
    states = []
    while history.can_undo:
        states.append(sorted(store.all(), key=lambda a: a.id))
        history.undo(store)
    assert store.all() == () and history.can_redo and not history.can_undo
    assert history.peek_redo() is not None and history.peek_redo().kind is ChangeKind.ADDED  # type: ignore[union-attr]
    assert history.redo(store) == "Redid tag \u2018x\u2019 on 3 spans"
    assert sorted(store.all(), key=lambda a: a.id) == states[2]  # same ids, timestamps, notes
    assert history.redo(store) == "Redid tag \u2018y\u2019 on 3 spans"
    assert sorted(store.all(), key=lambda a: a.id) == states[1]
    assert history.redo(store) == "Redid deletion of annotation"
    assert sorted(store.all(), key=lambda a: a.id) == states[0]
    assert history.redo(store) is None and not history.can_redo
    assert history.undo(store) == "Undid deletion of annotation"


def test_a_new_change_empties_the_redo_stack(store: AnnotationStore) -> None:
    history = History()
    history.record_added(store.add_many(group_annotations()))
    history.undo(store)
    assert history.can_redo
    history.record_added(store.add_many(group_annotations(tags=("other",))))
    assert not history.can_redo and history.redo(store) is None


def test_a_mixed_step_with_verdicts_and_links_is_one_write_each_way(store: AnnotationStore) -> None:
    from dataclasses import replace

    from reader.core.annotate import new_id
    from reader.core.annotate.links import new_link
    from reader.core.annotate.verdicts import VerdictKind, new_verdict
    from reader.core.models import Group, GroupKind, Span

    history = History()
    (old,) = store.add_many(group_annotations(tags=("a",))[:1])
    fresh = [replace(a, id=new_id()) for a in group_annotations(tags=("claim",))[1:]]
    edited = replace(old, tags=("a", "claim"))
    spans = tuple(Span(a.doc, a.start, a.end) for a in group_annotations())
    verdict = new_verdict(Group("g1", GroupKind.VERBATIM, 100.0, spans), DOCS, VerdictKind.BOILERPLATE, new_id())
    link = new_link(old.id, fresh[0].id, "quotes", new_id())
    change = Change.between([old], [edited, *fresh, verdict, link])
    assert change.kind is ChangeKind.MIXED and change.count == 5
    store.commit(change.redo_batch())
    history.record(change)
    assert change.describe() == "tag \u2018claim\u2019 on 3 spans and verdict \u2018boilerplate\u2019 on a passage and link \u2018quotes\u2019"
    assert store.verdicts() == (verdict,) and store.links() == (link,)
    token = (store.path.parent / "annotations.json.lock").read_bytes()
    assert history.undo(store) is not None
    assert (store.path.parent / "annotations.json.lock").read_bytes() != token  # written
    assert store.all() == (old,) and store.verdicts() == () and store.links() == ()
    assert history.redo(store) is not None
    assert sorted(store.all(), key=lambda a: a.id) == sorted([edited, *fresh], key=lambda a: a.id)
    assert store.verdicts() == (verdict,) and store.links() == (link,)


def test_redo_with_a_failing_store_keeps_the_step(store: AnnotationStore, tmp_path: Path) -> None:
    history = History()
    history.record_added(store.add_many(group_annotations()))
    history.undo(store)

    class Broken:
        def commit(self, batch: object) -> object:
            raise StoreError(tmp_path / "annotations.json", "disk full")

    with pytest.raises(StoreError):
        history.redo(Broken())  # type: ignore[arg-type]
    assert history.can_redo and history.redo(store) is not None and len(store.all()) == 3
