"""The annotation store: API, bad files, schema versions, backups, symlinks, two processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.annotate import Annotation, new_annotation
from reader.core.corpus import documents_from_texts
from reader.core.models import Document
from reader.core.store import (
    SCHEMA_VERSION,
    AnnotationNotFound,
    AnnotationStore,
    StoreCorruptError,
    StoreError,
    StoreForeignFileError,
    StoreLockTimeout,
    StoreNewerSchemaError,
    StoreUnsafePathError,
    backup_paths,
    default_store_path,
    lock_path,
    newest_good_backup,
    restore_backup,
)

HELPERS = Path(__file__).resolve().parent / "store_helpers"
TEXT = (
    "Iran's foreign ministry spokesman Nasser Kanaani said on Monday that Tehran had called "
    "for an emergency meeting of the Organization of Islamic Cooperation. "
) * 5


@pytest.fixture
def doc() -> Document:
    return documents_from_texts({"article": TEXT})[0]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return default_store_path(tmp_path)


def make(doc: Document, start: int = 0, length: int = 20, **kw: object) -> Annotation:
    return new_annotation(doc, start, start + length, **kw)  # type: ignore[arg-type]


# -- API ----------------------------------------------------------------------------------------


def test_default_store_path_is_inside_the_corpus(tmp_path: Path) -> None:
    assert default_store_path(tmp_path) == tmp_path / ".parallax" / "annotations.json"


def test_add_assigns_a_fresh_id_and_is_on_disk_on_return(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    saved = store.add(make(doc, 4, 10, tags=["iran"], note="n"))
    assert len(saved.id) == 32 and saved.exact == TEXT[4:14]
    on_disk = json.loads(store_path.read_text())
    assert on_disk["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    records = list(on_disk["annotations"].values())
    assert [r["id"] for r in records] == [saved.id]
    assert records[0]["tags"] == ["iran"] and records[0]["note"] == "n"
    other = AnnotationStore.open(store_path)
    assert other.all() == (saved,)


def test_add_many_is_one_write_and_keeps_the_group(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    group = [make(doc, s, 15, tags=["quote"], group="g7") for s in (0, 40, 80)]
    writes = []
    original = store._file.write
    store._file.write = lambda tables, **kw: (writes.append(1), original(tables, **kw))  # type: ignore[method-assign]
    saved = store.add_many(group)
    assert len(writes) == 1
    assert len({a.id for a in saved}) == 3 and {a.group for a in store.all()} == {"g7"}


def test_update_delete_restore_and_tags(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    a = store.add(make(doc, 0, tags=["b", "a"]))
    b = store.add(make(doc, 30, tags=["a"]))
    c = store.add(make(doc, 60, tags=["c"]))
    assert store.tags() == ("a", "b", "c")
    changed = store.update(b.id, tags=["z", " z ", ""], note="later")
    assert changed.tags == ("z",) and changed.note == "later" and changed.created == b.created
    assert store.tags() == ("a", "b", "c", "z")
    reopened = AnnotationStore.open(store_path)
    assert {x.id: x for x in reopened.all()}[b.id].tags == ("z",)
    gone = store.delete([a.id, c.id, "no-such-id"])
    assert {x.id for x in gone} == {a.id, c.id}
    assert [x.id for x in store.all()] == [b.id]
    assert store.restore(gone) == gone
    assert {x.id for x in AnnotationStore.open(store_path).all()} == {a.id, b.id, c.id}
    assert store.restore(gone) == ()  # already there: left as they are
    with pytest.raises(AnnotationNotFound, match="no annotation with id nope"):
        store.update("nope", note="x")


def test_an_older_store_with_case_variants_and_controls_in_tags_is_read_as_is_without_writing(
    store_path: Path, doc: Document
) -> None:
    """Tags an older Parallax kept apart (``Iran``/``iran``) or kept with an escape in them: on
    load they are one tag (first spelling, across the store for the counts) and the escape is
    kept; reading never writes; the record is rewritten when that annotation is changed."""
    store = AnnotationStore.open(store_path)
    first = store.add(make(doc, 0, tags=["Iran"]))
    second = store.add(make(doc, 30, tags=["war"]))
    store.close()
    content = json.loads(store_path.read_text())
    records = content["annotations"]
    key = next(k for k, r in records.items() if r["id"] == second.id)
    records[key]["tags"] = ["iran", "IRAN", "esc\x1b[31m", "war"]
    store_path.write_text(json.dumps(content))
    before = store_path.read_bytes()
    reopened = AnnotationStore.open(store_path)
    by_id = {a.id: a for a in reopened.all()}
    assert by_id[second.id].tags == ("iran", "esc\x1b[31m", "war")
    assert reopened.tags() == ("Iran", "esc\x1b[31m", "war")  # counted without case: Iran twice
    assert store_path.read_bytes() == before
    reopened.update(second.id, tags=list(by_id[second.id].tags), note="changed")
    assert json.loads(store_path.read_text())["annotations"][key]["tags"] == ["iran", "esc\x1b[31m", "war"]
    assert {a.id: a.tags for a in reopened.all()}[first.id] == ("Iran",)


def test_update_many_sets_a_group_in_one_call(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    saved = store.add_many([make(doc, s, group="g") for s in (0, 50)])
    store.update_many([a.id for a in saved], tags=["echo"])
    assert [a.tags for a in AnnotationStore.open(store_path).all()] == [("echo",), ("echo",)]


def test_all_sees_another_store_objects_writes(store_path: Path, doc: Document) -> None:
    first = AnnotationStore.open(store_path)
    second = AnnotationStore.open(store_path)
    a = first.add(make(doc, 0))
    assert second.all() == (a,)
    b = second.add(make(doc, 10))
    assert first.all() == (a, b)
    first.update(b.id, note="from first")
    assert second.all()[1].note == "from first"


def test_invalid_annotation_is_refused_before_writing(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    bad = Annotation(id="", doc="d", start=5, end=2, exact="", prefix="", suffix="", doc_hash="")
    with pytest.raises(ValueError):
        store.add(bad)
    assert not store_path.exists()


def test_threads_share_one_store_without_losing_writes(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)

    def work(k: int) -> None:
        for n in range(15):
            store.add(make(doc, n, tags=[f"t{k}"]))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(AnnotationStore.open(store_path).all()) == 60


# -- bad files -----------------------------------------------------------------------------------

GOOD = json.dumps({"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "annotations": {}})
BAD_FILES = {
    "corrupt": (b'{"_meta": {"1": oops}}', StoreCorruptError, "corrupt JSON"),
    "truncated": (GOOD.encode()[:-7], StoreCorruptError, "truncated JSON"),
    "zero-byte": (b"", StoreCorruptError, "empty file (0 bytes)"),
    "not utf-8": (b'{"a": "\xff\xfe"}', StoreCorruptError, "not UTF-8"),
    "foreign list": (b"[1, 2, 3]", StoreForeignFileError, "not a Parallax annotation store"),
    "foreign tinydb": (b'{"users": {"1": {"name": "x"}}}', StoreForeignFileError, "unknown tables: users"),
    "foreign config": (b'{"theme": "dark", "size": 3}', StoreForeignFileError, "not a TinyDB table"),
    "newer": (
        json.dumps({"_meta": {"1": {"schema_version": 99, "application": "parallax"}}, "annotations": {}}).encode(),
        StoreNewerSchemaError,
        "written by a newer Parallax (store schema 99",
    ),
    "bad record": (
        json.dumps(
            {"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "annotations": {"1": {"id": "x", "doc": "d"}}}
        ).encode(),
        StoreCorruptError,
        "record 1: field 'start'",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_store_file_is_refused_and_kept_byte_for_byte(store_path: Path, doc: Document, kind: str) -> None:
    content, error, words = BAD_FILES[kind]
    store_path.parent.mkdir()
    store_path.write_bytes(content)
    with pytest.raises(error) as caught:
        AnnotationStore.open(store_path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{store_path}: ") and words in message
    assert store_path.read_bytes() == content
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["annotations.json", "annotations.json.lock"]


def test_store_that_turns_bad_later_is_refused_by_open_stores_too(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    store.add(make(doc))
    store_path.write_bytes(b"{broken")
    with pytest.raises(StoreCorruptError):
        store.all()
    with pytest.raises(StoreCorruptError):
        store.add(make(doc, 5))
    assert store_path.read_bytes() == b"{broken"


def test_corrupt_store_error_offers_the_last_good_backup_and_restore_works(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    first = store.add(make(doc, 0))
    second = store.add(make(doc, 10))
    third = store.add(make(doc, 20))
    bak1 = backup_paths(store_path)[0]
    assert {a.id for a in AnnotationStore.open(bak1).all()} == {first.id, second.id}
    store.close()
    broken = b'{"_meta": {"1": {"schema_version": 1, "applic'
    store_path.write_bytes(broken)
    with pytest.raises(StoreCorruptError) as caught:
        AnnotationStore.open(store_path)
    message = str(caught.value)
    assert f"the last good backup is {bak1} (2 annotations)" in message
    assert f"; to put it back run: parallax annotations {store_path.parent.parent} --restore-backup;" in message
    assert message.endswith(f"; to read it as it is: --store {bak1}")
    assert newest_good_backup(store_path) == (bak1, 2)
    used, kept = restore_backup(store_path)
    assert used == bak1 and kept is not None and kept.read_bytes() == broken
    assert {a.id for a in AnnotationStore.open(store_path).all()} == {first.id, second.id}
    assert third.id not in {a.id for a in AnnotationStore.open(store_path).all()}


def test_backups_rotate_and_reach_back_in_time(store_path: Path, doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.core.store.file as store_module

    monkeypatch.setattr(store_module, "ROTATE_AFTER", -1.0)  # rotate on every write
    store = AnnotationStore.open(store_path)
    for n in range(6):
        store.add(make(doc, n))
    counts = [len(AnnotationStore.open(p).all()) for p in backup_paths(store_path)]
    assert counts == [5, 4, 3]


def test_backups_do_not_rotate_within_the_interval(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    for n in range(6):
        store.add(make(doc, n))
    bak1, bak2, bak3 = backup_paths(store_path)
    assert len(AnnotationStore.open(bak1).all()) == 5
    assert len(AnnotationStore.open(bak2).all()) == 1  # set once, then kept for ROTATE_AFTER
    assert not bak3.exists()


def test_no_backup_found_is_said(store_path: Path) -> None:
    store_path.parent.mkdir()
    store_path.write_bytes(b"nonsense")
    with pytest.raises(StoreCorruptError, match="no good backup was found"):
        AnnotationStore.open(store_path)
    with pytest.raises(StoreError, match="no good backup to restore"):
        restore_backup(store_path)


# -- schema versions -----------------------------------------------------------------------------


def test_v0_store_in_tinydb_default_layout_is_migrated_with_a_backup(store_path: Path, doc: Document) -> None:
    from tinydb import TinyDB

    store_path.parent.mkdir()
    db = TinyDB(store_path)  # TinyDB's default JSONStorage and "_default" table: schema v0
    db.insert({"doc": "article", "start": 0, "end": 5, "exact": TEXT[:5], "tags": ["old"], "note": "v0"})
    db.insert({"doc": "article", "start": 10, "end": 20})
    db.close()
    original = store_path.read_bytes()
    store = AnnotationStore.open(store_path)
    migrated = store.all()
    assert [(a.start, a.end, a.tags, a.note) for a in migrated] == [(0, 5, ("old",), "v0"), (10, 20, (), "")]
    assert all(len(a.id) == 32 for a in migrated)
    assert (store_path.parent / "annotations.json.v0-backup").read_bytes() == original
    content = json.loads(store_path.read_text())
    assert content["_meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2 and "_default" not in content
    store.add(make(doc))
    assert len(AnnotationStore.open(store_path).all()) == 3
    # A second v0 file migrated later keeps the first backup and gets its own.
    store_path.write_text('{"_default": {"1": {"doc": "article", "start": 1, "end": 2}}}')
    assert [a.start for a in AnnotationStore.open(store_path).all()] == [1]
    backups = sorted(p.name for p in store_path.parent.iterdir() if ".v0-backup" in p.name)
    assert len(backups) == 2 and (store_path.parent / "annotations.json.v0-backup").read_bytes() == original


def test_empty_tinydb_database_is_migrated(store_path: Path) -> None:
    store_path.parent.mkdir()
    store_path.write_text("{}")
    assert AnnotationStore.open(store_path).all() == ()
    assert json.loads(store_path.read_text())["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


# -- symlinks --------------------------------------------------------------------------------------


def test_symlink_at_the_store_path_is_refused(tmp_path: Path, doc: Document) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text(GOOD)
    folder = tmp_path / "c" / ".parallax"
    folder.mkdir(parents=True)
    (folder / "annotations.json").symlink_to(target)
    with pytest.raises(StoreUnsafePathError, match="symlink"):
        AnnotationStore.open(folder / "annotations.json")
    assert target.read_text() == GOOD


def test_symlink_planted_after_open_is_not_written_through(store_path: Path, tmp_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    store.add(make(doc))
    target = tmp_path / "victim"
    target.write_text("precious")
    store_path.unlink()
    store_path.symlink_to(target)
    with pytest.raises(StoreUnsafePathError):
        store.add(make(doc, 3))
    assert target.read_text() == "precious" and store_path.is_symlink()


@pytest.mark.parametrize("which", ["lock", "bak1"])
def test_symlinked_lock_or_backup_is_refused(store_path: Path, tmp_path: Path, doc: Document, which: str) -> None:
    store = AnnotationStore.open(store_path)
    store.add(make(doc))
    store.close()
    target = tmp_path / "victim"
    target.write_text("precious")
    planted = lock_path(store_path) if which == "lock" else backup_paths(store_path)[0]
    planted.unlink(missing_ok=True)
    planted.symlink_to(target)
    with pytest.raises(StoreUnsafePathError):
        AnnotationStore.open(store_path).add(make(doc, 3))
    assert target.read_text() == "precious"


def test_symlinked_parallax_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / ".parallax").symlink_to(real)
    with pytest.raises(StoreUnsafePathError, match="symlink"):
        AnnotationStore.open(default_store_path(tmp_path / "corpus"))
    assert list(real.iterdir()) == []


def test_missing_corpus_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        AnnotationStore.open(tmp_path / "nope" / ".parallax" / "annotations.json")


# -- locking and two processes --------------------------------------------------------------------


def test_lock_timeout_is_a_clear_error(store_path: Path, doc: Document) -> None:
    import fcntl

    store_path.parent.mkdir()
    fd = os.open(lock_path(store_path), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(StoreLockTimeout, match="another process has held the store's lock"):
            AnnotationStore.open(store_path, lock_timeout=0.2)
    finally:
        os.close(fd)
    AnnotationStore.open(store_path, lock_timeout=0.2).add(make(doc))


@pytest.mark.slow
def test_two_processes_writing_1000_each_lose_nothing(store_path: Path) -> None:
    store_path.parent.mkdir()
    writers = [
        subprocess.Popen(
            [sys.executable, str(HELPERS / "writer.py"), str(store_path), "1000", label],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("A", "B")
    ]
    (store_path.parent / "annotations.json.go").touch()
    outputs = [w.communicate(timeout=240) for w in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
        assert err == ""
    acked = [set(out.split()) for out, _ in outputs]
    assert len(acked[0]) == len(acked[1]) == 1000
    annotations = AnnotationStore.open(store_path).all()
    ids = [a.id for a in annotations]
    assert len(ids) == 2000 and len(set(ids)) == 2000
    assert set(ids) == acked[0] | acked[1]
    assert sorted(a.tags[0] for a in annotations).count("A") == 1000


def test_read_only_folder_store_can_be_read_but_not_written(
    store_path: Path, doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AnnotationStore.open(store_path)
    saved = store.add(make(doc))
    store.close()
    lock_path(store_path).unlink()
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)  # what a read-only folder does (we run as root)
    read_only = AnnotationStore.open(store_path)
    assert read_only.all() == (saved,)
    before = store_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        read_only.add(make(doc, 5))
    assert str(caught.value) == f"{lock_path(store_path)}: cannot open the lock file: permission denied"
    assert store_path.read_bytes() == before


def test_restore_backup_over_a_valid_store_keeps_it_as_replaced(store_path: Path, doc: Document) -> None:
    store = AnnotationStore.open(store_path)
    first = store.add(make(doc, 0))
    store.add(make(doc, 10))
    store.close()
    current = store_path.read_bytes()
    used, kept = restore_backup(store_path)
    assert used == backup_paths(store_path)[0]
    assert kept is not None and ".replaced-" in kept.name and kept.read_bytes() == current
    assert [a.id for a in AnnotationStore.open(store_path).all()] == [first.id]


def test_restore_backup_refuses_symlinks_and_special_files(store_path: Path, tmp_path: Path) -> None:
    store_path.parent.mkdir()
    target = tmp_path / "good.json"
    target.write_text(GOOD)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    with pytest.raises(StoreUnsafePathError):
        restore_backup(store_path, link)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(StoreUnsafePathError, match="not a regular file"):
        restore_backup(store_path, fifo)
    nonsense = tmp_path / "nonsense.json"
    nonsense.write_text("[]")
    with pytest.raises(StoreForeignFileError):
        restore_backup(store_path, nonsense)
    assert not store_path.exists()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_special_file_at_the_store_path_is_refused(store_path: Path, kind: str) -> None:
    store_path.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(store_path)
    else:
        store_path.mkdir()
    with pytest.raises(StoreUnsafePathError, match="is not a regular file"):
        AnnotationStore.open(store_path)


def test_opening_and_reading_a_missing_store_creates_nothing(tmp_path: Path, doc: Document) -> None:
    path = default_store_path(tmp_path)
    store = AnnotationStore.open(path)
    assert store.all() == () and store.tags() == ()
    assert not path.parent.exists()
    store.add(make(doc))
    assert sorted(p.name for p in path.parent.iterdir()) == ["annotations.json", "annotations.json.lock"]


def test_v0_store_in_a_read_only_folder_is_refused_unchanged(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path.parent.mkdir()
    v0 = b'{"_default": {"1": {"doc": "article", "start": 1, "end": 2}}}'
    store_path.write_bytes(v0)
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(store_path)
    assert str(caught.value) == f"{store_path}: needs migrating to this Parallax's format, but its folder is read-only"
    assert store_path.read_bytes() == v0 and sorted(p.name for p in store_path.parent.iterdir()) == ["annotations.json"]
