"""The tag set: the one tag rule, keys 1-9, the file beside the store (atomic, locked, a damaged
file kept byte for byte), the ``parallax tagset`` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli import main
from reader.core.annotate.tagset import (
    KEYED,
    TagSet,
    TagSetEntry,
    TagSetError,
    make_tagset,
    parse_entry,
    tagset_from_json,
    tagset_to_json,
)
from reader.core.paths import default_store_path, tagset_path
from reader.core.store import AnnotationStore
from reader.workspace import Workspace


def test_entries_follow_the_one_tag_rule() -> None:
    tagset = make_tagset(["  Claim =checkable", "figure = a number, a statistic ", "claim=ignored", "quote\tmark", "", "CLAIM"])
    assert tagset.entries == (
        TagSetEntry("Claim", "checkable"),
        TagSetEntry("figure", "a number, a statistic"),
        TagSetEntry("quote mark"),
    )
    # A later description fills an empty one of the same tag (case variants are one tag).
    assert make_tagset(["claim", "CLAIM=checkable"]).entries == (TagSetEntry("claim", "checkable"),)
    with pytest.raises(TagSetError, match="U\\+001B"):
        make_tagset(["ok", "bad\x1b[31m"])
    with pytest.raises(TagSetError, match="description without a tag"):
        parse_entry(" =only a description")
    with pytest.raises(TagSetError, match="U\\+0007"):
        parse_entry("tag=bell\x07")
    assert parse_entry("   ") is None


def test_keys_one_to_nine_and_no_key_from_the_tenth() -> None:
    tagset = make_tagset([f"t{n}" for n in range(1, 13)])
    assert len(tagset) == 12 and KEYED == 9
    assert tagset.at_key(1) == TagSetEntry("t1") and tagset.at_key(9) == TagSetEntry("t9")
    assert tagset.at_key(10) is None and tagset.at_key(0) is None
    assert tagset.key_of("T3") == 3 and tagset.key_of("t10") is None and tagset.key_of("nope") is None
    keys = [key for key, _entry in tagset.keyed()]
    assert keys == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None, None]
    assert make_tagset(["a", "b"]).at_key(3) is None


@given(st.lists(st.text(min_size=1, max_size=12), max_size=14))
def test_json_round_trip(raw: list[str]) -> None:
    try:
        tagset = make_tagset(raw)
    except TagSetError:
        return
    assert tagset_from_json(tagset_to_json(tagset)) == tagset


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not valid JSON"),
        (b"[]", "not a Parallax tag set"),
        (b'{"parallax": "tagset", "version": 9, "tags": []}', "newer Parallax"),
        (b'{"parallax": "tagset", "version": 1, "tags": {}}', "not a list"),
        (b'{"parallax": "tagset", "version": 1, "tags": [{"description": "x"}]}', "entry 1 has no tag"),
        (b'{"parallax": "tagset", "version": 1, "tags": [{"tag": "a\\u001b"}]}', "U+001B"),
    ],
)
def test_bad_files_are_refused_in_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(TagSetError) as caught:
        tagset_from_json(data)
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_the_file_sits_beside_the_store(tmp_path: Path) -> None:
    assert tagset_path(default_store_path(tmp_path)) == tmp_path / ".parallax" / "annotations.tagset.json"
    assert tagset_path(tmp_path / "mine.json") == tmp_path / "mine.tagset.json"
    assert tagset_path(tmp_path / "store") == tmp_path / "store.tagset.json"


def test_saved_atomically_and_a_damaged_file_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / ".parallax" / "annotations.json"
    with AnnotationStore.open(path) as store:
        assert store.tagset().tagset == TagSet() and store.tagset().problem is None
        assert not path.parent.exists()  # reading creates nothing
        assert store.save_tagset(make_tagset(["claim", "figure"])) is None
        assert store.tagset().tagset.tags == ("claim", "figure")
        assert not [p for p in path.parent.iterdir() if ".tmp-" in p.name]
        damaged = b'{"parallax": "tagset", "version": 1, "tags": [{"tag": "cla'
        store.tagset_path.write_bytes(damaged)
        read = store.tagset()
        assert read.tagset == TagSet()
        assert read.problem is not None and "\n" not in read.problem
        assert str(store.tagset_path) in read.problem and "kept as it is" in read.problem
        assert store.tagset_path.read_bytes() == damaged  # reading never writes
        kept = store.save_tagset(make_tagset(["quote"]))
        assert kept is not None and kept.read_bytes() == damaged
        assert store.tagset().tagset.tags == ("quote",) and store.tagset().problem is None


def test_a_symlinked_tagset_is_refused_not_followed(tmp_path: Path) -> None:
    path = tmp_path / ".parallax" / "annotations.json"
    path.parent.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text("precious")
    os.symlink(outside, tagset_path(path))
    with AnnotationStore.open(path) as store:
        read = store.tagset()
        assert read.problem is not None and "symlink" in read.problem
    assert outside.read_text() == "precious"


def test_a_workspace_change_of_the_tagset_is_undone_and_redone(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nSome text.\n")
    with Workspace.load(corpus) as workspace:
        workspace.set_tagset(make_tagset(["claim"]))
        workspace.set_tagset(make_tagset(["claim", "figure"]))
        assert workspace.snapshot().tagset.tags == ("claim", "figure")
        assert workspace.undo() == "Undid tag set edit"
        assert workspace.tagset().tagset.tags == ("claim",)
        assert workspace.redo() == "Redid tag set edit"
        assert workspace.tagset().tagset.tags == ("claim", "figure")


# -- the command ------------------------------------------------------------------------------


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_sets_prints_and_clears(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nSome text.\n")
    code, out, _ = run("tagset", str(corpus), capsys=capsys)
    assert code == 0 and out.startswith("no tag set")
    assert not (corpus / ".parallax").exists()
    tags = ["claim", "figure=a number", "quote", *[f"t{n}" for n in range(4, 11)]]
    code, out, _ = run("tagset", str(corpus), *tags, capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["1", "claim"] and lines[1].split() == ["2", "figure", "a", "number"]
    assert lines[8].split() == ["9", "t9"] and lines[9].split() == ["-", "t10"]
    stored = json.loads(tagset_path(default_store_path(corpus)).read_text())
    assert [t["tag"] for t in stored["tags"]][:3] == ["claim", "figure", "quote"]
    assert run("tagset", str(corpus), capsys=capsys)[1] == out
    code, out, err = run("tagset", str(corpus), "ok", "bad\x1b]52;c;x\x07", capsys=capsys)
    assert code == 2 and "U+001B" in err and "\x1b" not in err and err.count("\n") == 1
    assert run("tagset", str(corpus), capsys=capsys)[1].splitlines()[0].split() == ["1", "claim"]  # unchanged
    code, out, _ = run("tagset", str(corpus), "--clear", capsys=capsys)
    assert code == 0 and out.startswith("no tag set")


def test_cli_reports_a_damaged_file_and_keeps_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nSome text.\n")
    path = tagset_path(default_store_path(corpus))
    path.parent.mkdir()
    path.write_bytes(b"\x00garbage")
    code, out, err = run("tagset", str(corpus), capsys=capsys)
    assert code == 1 and out.startswith("no tag set") and err.count("\n") == 1 and "damaged tag set" in err
    assert path.read_bytes() == b"\x00garbage"
    code, out, err = run("tagset", str(corpus), "claim", capsys=capsys)
    assert code == 0 and "kept as" in err
    (kept,) = path.parent.glob("annotations.tagset.json.damaged-*")
    assert kept.read_bytes() == b"\x00garbage"
    code, out, err = run("tagset", str(tmp_path / "missing"), capsys=capsys)
    assert code == 2 and "no such file" in err


def test_the_command_is_listed() -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "--help"], capture_output=True, text=True)
    assert "tagset" in result.stdout
