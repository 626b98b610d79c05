"""Store schema 2 (verdicts and links): a schema 1 store, as Parallax wrote it before, is read as
it is and migrated by its first write after a byte-for-byte backup; one commit is one write."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotate import new_annotation, new_id
from reader.core.annotate.history import Batch
from reader.core.annotate.links import new_link
from reader.core.annotate.verdicts import VerdictKind, new_verdict
from reader.core.corpus import documents_from_texts
from reader.core.models import Document, Group, GroupKind, Span
from reader.core.store import (
    SCHEMA_VERSION,
    AnnotationStore,
    StoreCorruptError,
    StoreForeignFileError,
    backup_paths,
    default_store_path,
)

TEXT = "Tehran called for an emergency meeting of the Organization of Islamic Cooperation. " * 4


@pytest.fixture
def doc() -> Document:
    return documents_from_texts({"article": TEXT})[0]


def v1_bytes(doc: Document) -> tuple[bytes, list[dict[str, object]]]:
    """A store as Parallax wrote it at schema 1: compact ASCII JSON, ``_meta`` then
    ``annotations`` (what ``StoreFile.serialize`` wrote then)."""
    records = [
        {**replace(new_annotation(doc, 0, 6, tags=["Iran", "claim"], note="caf\u00e9"), id=new_id()).to_record()},
        {**replace(new_annotation(doc, 20, 40), id=new_id()).to_record()},
    ]
    content = {"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "annotations": {"1": records[0], "2": records[1]}}
    return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii"), records


def test_a_schema_1_store_is_read_as_it_is_then_migrated_by_its_first_write(tmp_path: Path, doc: Document) -> None:
    path = default_store_path(tmp_path)
    path.parent.mkdir()
    original, records = v1_bytes(doc)
    path.write_bytes(original)
    with AnnotationStore.open(path) as store:
        assert [a.to_record() for a in store.all()] == records
        assert store.verdicts() == () and store.links() == ()
        assert path.read_bytes() == original  # reading never writes
        assert not path.with_name("annotations.json.v1-backup").exists()
        group = Group("g1", GroupKind.VERBATIM, 100.0, (Span("article", 0, 6), Span("article", 84, 90)))
        verdict = new_verdict(group, {"article": doc}, VerdictKind.BOILERPLATE, new_id())
        link = new_link(records[0]["id"], records[1]["id"], "same claim", new_id())  # type: ignore[arg-type]
        store.commit(Batch(insert=(verdict, link)))
        assert path.with_name("annotations.json.v1-backup").read_bytes() == original
        content = json.loads(path.read_text())
        assert content["_meta"]["1"] == {"schema_version": SCHEMA_VERSION, "application": "parallax"} and SCHEMA_VERSION == 2
        assert list(content) == ["_meta", "annotations", "verdicts", "links"]
        assert list(content["annotations"].values()) == records  # every annotation kept as it was
        assert store.verdicts() == (verdict,) and store.links() == (link,)
        # The rotating backup is the migrated file before the commit's own write.
        bak1 = json.loads(backup_paths(path)[0].read_text())
        assert bak1["_meta"]["1"]["schema_version"] == 2 and bak1["verdicts"] == {}
    with AnnotationStore.open(path) as again:
        assert again.verdicts() == (verdict,) and again.links() == (link,) and len(again.all()) == 2


def test_every_write_of_a_schema_1_store_migrates_it_and_backups_are_never_overwritten(tmp_path: Path, doc: Document) -> None:
    path = default_store_path(tmp_path)
    path.parent.mkdir()
    original, _records = v1_bytes(doc)
    path.write_bytes(original)
    with AnnotationStore.open(path) as store:
        store.add(new_annotation(doc, 50, 60, tags=["new"]))  # the old API migrates too
    assert path.with_name("annotations.json.v1-backup").read_bytes() == original
    second, _ = v1_bytes(doc)
    path.write_bytes(second)
    with AnnotationStore.open(path) as store:
        store.delete([store.all()[0].id])
    backups = sorted(p.name for p in path.parent.iterdir() if ".v1-backup" in p.name)
    assert len(backups) == 2 and path.with_name("annotations.json.v1-backup").read_bytes() == original


@pytest.mark.parametrize(
    ("tables", "error", "words"),
    [
        ({"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "verdicts": {}}, StoreForeignFileError, "schema 1"),
        ({"_meta": {"1": {"schema_version": 2, "application": "parallax"}}, "links": {"1": {"id": "l"}}}, StoreCorruptError, "links record 1"),
        ({"_meta": {"1": {"schema_version": 2, "application": "parallax"}}, "verdicts": {"1": {"id": "v", "verdict": "meh"}}}, StoreCorruptError, "verdicts record 1"),
    ],
)
def test_bad_verdict_and_link_tables_are_refused(tmp_path: Path, tables: dict[str, object], error: type, words: str) -> None:
    path = default_store_path(tmp_path)
    path.parent.mkdir()
    path.write_text(json.dumps(tables))
    with pytest.raises(error, match=words):
        AnnotationStore.open(path)


def test_commit_checks_every_record_before_writing(tmp_path: Path, doc: Document) -> None:
    path = default_store_path(tmp_path)
    with AnnotationStore.open(path) as store:
        good = replace(new_annotation(doc, 0, 5), id=new_id())
        with pytest.raises(ValueError):
            store.commit(Batch(insert=(good, replace(good, id=""))))
        with pytest.raises(ValueError):
            store.commit(Batch(insert=(replace(good, id=new_id(), start=4, end=2),)))  # end before start
        assert store.all() == () and not path.exists()
        done = store.commit(Batch(insert=(good,), replace=(replace(good, id="absent"),), delete=(replace(good, id="gone"),)))
        assert done == Batch(insert=(good,))
        assert store.commit(Batch(insert=(good,))) == Batch()  # the id is stored already: left as it is
