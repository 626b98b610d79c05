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
    lines = [json.loads(line) for line in written.read_text().splitlines()[1:]]
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


def test_articles_quotes_and_annotations_are_found_by_what_a_person_types(corpus_dir: Path) -> None:
    """One logic for the command line and the app (issue 13, item 8)."""
    (corpus_dir / "alphabet.txt").write_text("Alphabet\n\nLetters.\n", encoding="utf-8")
    workspace = Workspace.load(corpus_dir)
    assert workspace.find_document("beta").id == workspace.find_document("beta.txt").id == "beta"
    assert workspace.find_document("be").id == "beta" and workspace.find_document("alpha").id == "alpha"
    with pytest.raises(ValueError, match=r"^'alph' names 2 articles \(alpha, alphabet\): give more of the name$"):
        workspace.find_document("alph")
    with pytest.raises(ValueError, match="no document with id 'gamma'"):
        workspace.find_document("gamma")
    text = workspace.documents["alpha"].text
    assert workspace.find_quote("alpha", "THE TALKS  were\nover") == (text.index("the talks"), text.index(". Nobody"))
    with pytest.raises(ValueError, match="is not in alpha"):
        workspace.find_quote("alpha", "talks were done")
    with pytest.raises(ValueError, match=r"'the' is in alpha 2 times \(at 7-10, 25-28\)"):
        workspace.find_quote("alpha", "the")
    (one,) = workspace.add_spans([span(workspace, "alpha", "Nobody")], ["a"], "n")
    (two,) = workspace.add_spans([span(workspace, "beta", "Officials")], ["b"], "")
    assert workspace.find_annotation(one.id) == one and workspace.find_annotation(two.id[:10]) == two
    with pytest.raises(ValueError, match="no annotation with an id starting 'nope'"):
        workspace.find_annotation("nope")
    assert workspace.edit(one.id, None, "new note").tags == ("a",)
    assert workspace.edit(one.id, ["c"], None).note == "new note"


# -- tag set keys, verdicts, links, bulk changes, redo ------------------------------------------


def test_apply_tag_adds_to_annotations_already_there_and_makes_the_rest(corpus_dir: Path) -> None:
    with Workspace.load(corpus_dir) as workspace:
        spans = [span(workspace, "alpha", "talks were over"), span(workspace, "beta", "talks were over")]
        (existing,) = workspace.add_spans(spans[:1], ["quote"], "kept note")
        change, count = workspace.apply_tag("claim", spans, "g1")
        assert count == 2 and change.describe() == "tag \u2018claim\u2019 on 2 spans"
        by_doc = {a.doc: a for a in workspace.annotations()}
        assert len(by_doc) == 2 and len(workspace.annotations()) == 2
        assert by_doc["alpha"].id == existing.id and by_doc["alpha"].tags == ("quote", "claim")
        assert by_doc["alpha"].note == "kept note" and by_doc["alpha"].group is None
        assert by_doc["beta"].tags == ("claim",) and by_doc["beta"].group == "g1"
        again, _ = workspace.apply_tag("CLAIM", spans, "g1")  # already there: nothing to do
        assert not again
        assert workspace.undo() == "Undid tag \u2018claim\u2019 on 2 spans"
        assert [(a.id, a.tags) for a in workspace.annotations()] == [(existing.id, ("quote",))]
        assert workspace.snapshot().can_redo
        assert workspace.redo() == "Redid tag \u2018claim\u2019 on 2 spans"
        assert {a.doc: a.tags for a in workspace.annotations()} == {"alpha": ("quote", "claim"), "beta": ("claim",)}
        with pytest.raises(TagError):
            workspace.apply_tag("bad\x1b", spans)


def test_retag_in_bulk_keeps_other_tags_and_is_one_step(corpus_dir: Path) -> None:
    with Workspace.load(corpus_dir) as workspace:
        a = workspace.add_spans([span(workspace, "alpha", "minister")], ["old", "keep"], "")[0]
        b = workspace.add_spans([span(workspace, "beta", "Officials")], ["OLD"], "")[0]
        change = workspace.retag([a.id, b.id], add=["new"], remove=["old"])
        assert change.count == 2
        assert {x.id: x.tags for x in workspace.annotations()} == {a.id: ("keep", "new"), b.id: ("new",)}
        assert workspace.undo() is not None
        assert {x.id: x.tags for x in workspace.annotations()} == {a.id: ("old", "keep"), b.id: ("OLD",)}


def test_links_are_deleted_with_their_annotations_and_come_back_with_undo(corpus_dir: Path) -> None:
    with Workspace.load(corpus_dir) as workspace:
        a = workspace.add_spans([span(workspace, "alpha", "minister")], ["x"], "")[0]
        b = workspace.add_spans([span(workspace, "beta", "Officials")], ["y"], "")[0]
        link = workspace.link(a.id, b.id, "contradicts")
        with pytest.raises(ValueError, match="already"):
            workspace.link(b.id, a.id, "Contradicts")
        with pytest.raises(ValueError, match="no annotation"):
            workspace.link(a.id, "nope", "quotes")
        assert workspace.snapshot().links == (link,)
        workspace.delete([b.id])
        assert workspace.links() == () and [x.id for x in workspace.annotations()] == [a.id]
        assert workspace.undo() == "Undid deletion of annotation and its link \u2018contradicts\u2019"
        assert workspace.links() == (link,) and len(workspace.annotations()) == 2
        workspace.unlink([link.id])
        assert workspace.links() == ()
        assert workspace.undo() == "Undid removal of link \u2018contradicts\u2019"
        assert workspace.links() == (link,)


def test_a_verdict_replaces_the_groups_verdict_and_is_undone(corpus_dir: Path) -> None:
    from reader.core.annotate.verdicts import VerdictKind
    from reader.core.models import Group, GroupKind, Span

    with Workspace.load(corpus_dir) as workspace:
        spans = tuple(Span(*span(workspace, d, "talks were over")) for d in ("alpha", "beta"))
        group = Group("g1", GroupKind.VERBATIM, 100.0, spans)
        first = workspace.set_verdict(group, VerdictKind.BOILERPLATE)
        second = workspace.set_verdict(group, VerdictKind.NOT_A_MATCH, replacing=[first.id])
        assert workspace.snapshot().verdicts == (second,)
        assert workspace.undo() == "Undid verdict \u2018not a match\u2019 instead of \u2018boilerplate\u2019"
        assert workspace.verdicts() == (first,)
        workspace.clear_verdicts([first.id])
        assert workspace.verdicts() == ()
        assert workspace.undo() == "Undid removal of verdict \u2018boilerplate\u2019"
        assert workspace.verdicts() == (first,)


def test_annotations_are_placed_once_per_store_state_and_again_after_any_change(corpus_dir: Path) -> None:
    with Workspace.load(corpus_dir) as workspace, Workspace.load(corpus_dir) as other:
        assert workspace.anchored() == ()
        workspace.add_spans([span(workspace, "alpha", "minister")], ["x"], "")
        placed = workspace.anchored()
        assert workspace.anchored() is placed  # the store did not change: not placed again
        assert [(p.annotation.tags, p.start) for p in placed] == [(("x",), placed[0].annotation.start)]
        workspace.apply_tag("y", [span(workspace, "alpha", "minister")])
        assert [p.annotation.tags for p in workspace.anchored()] == [("x", "y")]
        workspace.undo()
        assert [p.annotation.tags for p in workspace.anchored()] == [("x",)]
        other.add_spans([span(other, "beta", "Officials")], ["z"], "")  # another process writes
        assert sorted(p.annotation.tags for p in workspace.anchored()) == [("x",), ("z",)]
        assert [p.annotation.tags for p in workspace.snapshot().anchored] == [p.annotation.tags for p in workspace.anchored()]
