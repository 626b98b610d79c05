"""The workspace: the corpus and its store as the CLI and the app both use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotate import AnchorStatus, TagError
from reader.core.paths import corpus_folder, default_store_path, store_path
from reader.core.store import AnnotationStore, StoreCorruptError
from reader.workspace import Snapshot, Workspace

TEXTS = {
    "alpha.txt": "Alpha\n\nThe minister said the talks were over. Nobody believed him.\n",
    "beta.txt": "Beta\n\nOfficials said the talks were over on Sunday.\n",
}


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def span(workspace: Workspace, doc: str, phrase: str) -> tuple[str, int, int]:
    start = workspace.documents[doc].text.index(phrase)
    return doc, start, start + len(phrase)


def test_the_store_path_rule_is_defined_once(corpus_dir: Path, tmp_path: Path) -> None:
    assert corpus_folder(corpus_dir) == corpus_dir and corpus_folder(corpus_dir / "alpha.txt") == corpus_dir
    assert default_store_path(corpus_dir) == corpus_dir / ".parallax" / "annotations.json"
    assert store_path(corpus_dir) == default_store_path(corpus_dir)
    assert store_path(corpus_dir, tmp_path / "s.json") == tmp_path / "s.json"
    workspace = Workspace.load(corpus_dir / "alpha.txt")
    assert workspace.corpus_dir == corpus_dir and workspace.store_path == default_store_path(corpus_dir)
    assert [d.id for d in workspace.corpus.documents] == ["alpha"]
    assert Workspace.load(corpus_dir, tmp_path / "s.json").store_path == tmp_path / "s.json"


def test_reading_a_missing_store_creates_nothing(corpus_dir: Path) -> None:
    workspace = Workspace.load(corpus_dir)
    assert workspace.annotations() == () and workspace.anchored() == () and workspace.tags() == ()
    assert not (corpus_dir / ".parallax").exists()


def test_add_edit_delete_undo_and_snapshots(corpus_dir: Path) -> None:
    with Workspace.load(corpus_dir) as workspace:
        assert workspace.snapshot() == Snapshot((), (), False, None)
        added = workspace.add_spans(
            [span(workspace, "beta", "talks were over"), span(workspace, "alpha", "talks were over")],
            ["Quote", " quote ", "a  b"],
            "same words",
            "g1",
        )
        assert [a.tags for a in added] == [("Quote", "a b")] * 2 and {a.group for a in added} == {"g1"}
        snapshot = workspace.snapshot("done")
        assert [item.annotation.doc for item in snapshot.anchored] == ["alpha", "beta"]  # reading order
        assert snapshot.tags == ("a b", "Quote") and snapshot.can_undo and snapshot.message == "done"
        edited = workspace.edit(added[0].id, ["QUOTE", "new"], "changed")
        assert edited.tags == ("QUOTE", "new") and edited.note == "changed"
        with pytest.raises(TagError):
            workspace.edit(added[0].id, ["esc\x1b"], "")
        assert workspace.delete([added[1].id]) == (added[1],)
        assert workspace.undo() == "Undid deletion of annotation"
        assert workspace.undo() is not None and workspace.annotations()[0].tags == ("Quote", "a b")
        assert workspace.undo() is not None and workspace.annotations() == ()
        assert workspace.undo() is None and not workspace.can_undo


def test_case_variants_in_a_store_show_as_the_first_spelling(corpus_dir: Path) -> None:
    workspace = Workspace.load(corpus_dir)
    first, second = workspace.add_spans([span(workspace, "alpha", "minister"), span(workspace, "beta", "Officials")], ["Iran"], "")
    path = workspace.store_path
    workspace.close()
    content = json.loads(path.read_text())
    for record in content["annotations"].values():
        if record["id"] == second.id:
            record["tags"] = ["iran", "war"]  # as an older Parallax may have kept it
    path.write_text(json.dumps(content))
    before = path.read_bytes()
    anchored = {item.annotation.id: item for item in workspace.anchored()}
    assert anchored[second.id].annotation.tags == ("Iran", "war")
    assert workspace.tags() == ("Iran", "war")
    assert path.read_bytes() == before  # reading never writes


def test_bad_input_is_refused_before_anything_is_stored(corpus_dir: Path) -> None:
    workspace = Workspace.load(corpus_dir)
    with pytest.raises(TagError):
        workspace.add_spans([span(workspace, "alpha", "minister")], ["fine", "bad\u202e"], "")
    with pytest.raises(ValueError, match="no document with id 'gamma'"):
        workspace.add_spans([("gamma", 0, 3)], [], "")
    with pytest.raises(ValueError, match="not a non-empty span"):
        workspace.add_spans([("alpha", 5, 5)], [], "")
    assert not workspace.store_path.exists()


def test_a_corrupt_store_is_reported_by_the_snapshot(corpus_dir: Path) -> None:
    workspace = Workspace.load(corpus_dir)
    workspace.store_path.parent.mkdir()
    workspace.store_path.write_bytes(b"{broken")
    with pytest.raises(StoreCorruptError):
        workspace.snapshot()
    assert workspace.store_path.read_bytes() == b"{broken"


def test_export_writes_what_the_store_holds_in_reading_order(corpus_dir: Path, tmp_path: Path) -> None:
    workspace = Workspace.load(corpus_dir)
    workspace.add_spans([span(workspace, "beta", "Officials")], ["b"], "")
    workspace.add_spans([span(workspace, "alpha", "Nobody")], ["a"], "")
    (written,) = workspace.export("jsonl", tmp_path / "out.jsonl")
    lines = [json.loads(line) for line in written.read_text().splitlines()]
    assert [(r["doc"], r["tags"], r["status"]) for r in lines] == [("alpha", ["a"], "exact"), ("beta", ["b"], "exact")]
    assert workspace.export_text("jsonl") == written.read_text()
    with AnnotationStore.open(workspace.store_path) as store:
        assert len(store.all()) == 2
    (corpus_dir / "beta.txt").unlink()
    gone = Workspace.load(corpus_dir, workspace.store_path).anchored()
    assert [(a.annotation.doc, a.status) for a in gone] == [("alpha", AnchorStatus.EXACT), ("beta", AnchorStatus.ORPHAN)]


def test_importing_the_workspace_is_cheap() -> None:
    code = "import sys, reader.workspace\nprint(' '.join(sorted(sys.modules)))\n"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    heavy = {"tinydb", "rapidfuzz", "reader.core.store", "reader.core.annotate", "reader.core.export", "reader.core.align", "textual"}
    assert heavy & loaded == set()
