"""``parallax annotate``, ``parallax annotations`` and ``parallax export`` end to end."""

from __future__ import annotations

import csv
import io
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import AnnotationStore, backup_paths, default_store_path

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"
DOC = "001_c938040f0618f396"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".parallax"))
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def annotate(capsys: pytest.CaptureFixture[str], corpus: Path, phrase: str, *extra: str) -> str:
    text = (corpus / f"{DOC}.txt").read_text(encoding="utf-8")
    start = text.index(phrase)
    code, out, err = run(capsys, "annotate", str(corpus), "--doc", DOC, "--start", str(start),
                         "--end", str(start + len(phrase)), *extra)
    assert (code, err) == (0, "")
    new_id, line = out.split(" ", 1)
    assert line == f"{DOC} {start}-{start + len(phrase)} \u201c{phrase}\u201d\n"  # what it anchored
    return new_id


def test_annotate_prints_the_id_of_a_saved_annotation(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_id = annotate(capsys, corpus, "special OIC session on Palestine", "--tag", "oic", "--tag", "call", "--note", "n")
    saved = AnnotationStore.open(default_store_path(corpus)).all()
    assert [(a.id, a.exact, a.tags, a.note) for a in saved] == [(new_id, "special OIC session on Palestine", ("oic", "call"), "n")]


@pytest.mark.parametrize(
    "args,words",
    [
        (["--doc", "nope", "--start", "0", "--end", "5"], "no document with id 'nope'"),
        (["--doc", "00", "--start", "0", "--end", "5"], "'00' names 5 articles (000_fdbc479513e48bf7, 001_c938040f0618f396, "),
        (["--doc", DOC, "--quote", "Hamas", "--start", "0"], "not both"),
        (["--doc", DOC, "--start", "0"], "give the span: --quote TEXT, or --start S and --end E"),
        (["--doc", DOC, "--quote", "words nowhere in it"], "'words nowhere in it' is not in 001_c938040f0618f396 (word for word)"),
        (["--doc", DOC, "--quote", "Hamas"], "'Hamas' is in 001_c938040f0618f396 "),
        (["--doc", DOC, "--start", "10", "--end", "5"], "not a non-empty span"),
        (["--doc", DOC, "--start", "0", "--end", "999999"], "not a non-empty span"),
        (["--doc", DOC, "--start", "-3", "--end", "5"], "not a non-empty span"),
    ],
)
def test_annotate_bad_input_is_one_line_and_exit_2(
    corpus: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, out, err = run(capsys, "annotate", str(corpus), *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and err.startswith("parallax: ")
    assert not default_store_path(corpus).exists()


def test_annotate_with_store_option(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "elsewhere.json"
    new_id = annotate(capsys, corpus, "Hamas", "--store", str(store))
    assert [a.id for a in AnnotationStore.open(store).all()] == [new_id]
    assert not default_store_path(corpus).exists()


def test_annotations_lists_exact_moved_and_orphans(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept = annotate(capsys, corpus, "special OIC session on Palestine", "--tag", "oic")
    lost = annotate(capsys, corpus, "killing more than 413 Palestinians", "--tag", "toll")
    path = corpus / f"{DOC}.txt"
    text = path.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if "413 Palestinians" in p)
    header = "Archived copy, retrieved later.\n\n"
    path.write_text(header + text.replace(paragraph, "(paragraph removed)"), encoding="utf-8")
    code, out, err = run(capsys, "annotations", str(corpus))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "DOC", "SPAN", "TAGS", "NOTE", "TEXT"]
    moved = next(line for line in lines if line.startswith(kept[:8]))
    orphan = next(line for line in lines if line.startswith(lost[:8]))
    new_start = (header + text).index("special OIC session on Palestine")
    assert "moved" in moved and f"{new_start}-{new_start + 32}" in moved
    assert "ORPHAN" in orphan and " - " in orphan
    assert lines[-1] == "2 annotations (1 moved, 1 orphaned)"
    code, out, _ = run(capsys, "annotations", str(corpus), "--format", "json")
    records = {r["id"]: r for r in json.loads(out)}
    assert records[kept]["status"] == "moved" and records[kept]["start"] == new_start
    assert records[lost]["status"] == "orphan" and records[lost]["start"] is None
    assert records[lost]["exact"] == "killing more than 413 Palestinians"


def test_corrupt_store_is_one_line_then_restore_backup(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = annotate(capsys, corpus, "Hamas")
    annotate(capsys, corpus, "Israel")
    store = default_store_path(corpus)
    broken = store.read_bytes()[:-10]
    store.write_bytes(broken)
    code, out, err = run(capsys, "annotations", str(corpus))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert str(store) in err and "truncated JSON" in err and str(backup_paths(store)[0]) in err
    assert store.read_bytes() == broken
    code, out, err = run(capsys, "annotations", str(corpus), "--restore-backup")
    assert code == 0 and "restored" in out and ".broken-" in out
    code, out, err = run(capsys, "annotations", str(corpus), "--format", "json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [first]
    kept = [p for p in store.parent.iterdir() if ".broken-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == broken


def test_corrupt_store_elsewhere_offers_the_command_that_restores_it(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "my store.json"
    first = annotate(capsys, corpus, "Hamas", "--store", str(store))
    annotate(capsys, corpus, "Israel", "--store", str(store))
    store.write_bytes(b"")
    code, out, err = run(capsys, "export", str(corpus), "--store", str(store), "--format", "jsonl")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"{store}: empty file (0 bytes)" in err and "(1 annotation)" in err
    command = err.split("to put it back run: ", 1)[1].split(";", 1)[0]
    argv = shlex.split(command)
    assert argv[:2] == ["parallax", "annotations"] and argv[-3:] == ["--store", str(store), "--restore-backup"]
    code, out, err = run(capsys, *argv[1:2], str(corpus), *argv[3:])
    assert code == 0 and "restored" in out
    assert [a.id for a in AnnotationStore.open(store).all()] == [first]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "w3c", "markdown"])
def test_export_to_stdout(corpus: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    new_id = annotate(capsys, corpus, "special OIC session on Palestine", "--tag", "=oic", "--note", "a note")
    code, out, err = run(capsys, "export", str(corpus), "--format", fmt)
    assert code == 0 and err == ""
    if fmt == "jsonl":
        mark, line = out.splitlines()
        assert json.loads(mark) == {"kind": "parallax_export", "format": "jsonl"}
        record = json.loads(line)
        assert (record["id"], record["exact"], record["tags"], record["note"]) == (new_id, "special OIC session on Palestine", ["=oic"], "a note")
    elif fmt == "csv":
        mark, rest = out.split("\n", 1)
        assert mark.rstrip("\r") == "# parallax_export: csv"
        rows = list(csv.DictReader(io.StringIO(rest, newline="")))
        assert rows[0]["id"] == new_id and rows[0]["tags"] == "'=oic"
    elif fmt == "w3c":
        assert json.loads(out)["first"]["items"][0]["body"][0] == {"type": "TextualBody", "purpose": "tagging", "value": "=oic"}
    else:
        assert out.startswith("<!-- parallax_export: markdown -->\n# Parallax annotations\n")
        assert "## =oic (1)" in out and "> special OIC session on Palestine" in out


def test_export_to_files_and_brat_folder(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotate(capsys, corpus, "special OIC session on Palestine", "--tag", "oic")
    target = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "export", str(corpus), "--format", "jsonl", "-o", str(target))
    assert code == 0 and out == "" and err == f"wrote 1 annotation (1 file) to {target}\n"
    assert json.loads(target.read_text().splitlines()[1])["tags"] == ["oic"]
    code, out, err = run(capsys, "export", str(corpus), "--format", "brat", "-o", str(tmp_path / "brat"))
    assert code == 0
    ann = (tmp_path / "brat" / f"{DOC}.ann").read_text()
    txt = (tmp_path / "brat" / f"{DOC}.txt").read_text()
    _, middle, shown = ann.splitlines()[0].split("\t")
    kind, start, end = middle.split()
    assert kind == "oic" and txt[int(start) : int(end)] == shown == "special OIC session on Palestine"


def test_export_errors_are_one_line(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotate(capsys, corpus, "Hamas")
    code, out, err = run(capsys, "export", str(corpus), "--format", "brat")
    assert code == 2 and err.count("\n") == 1 and "-o FOLDER" in err
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "link.csv").symlink_to(victim)
    code, out, err = run(capsys, "export", str(corpus), "--format", "csv", "-o", str(tmp_path / "link.csv"))
    assert code == 2 and err.count("\n") == 1 and "symlink" in err and victim.read_text() == "precious"
    code, out, err = run(capsys, "export", str(corpus), "--format", "csv", "-o", "")
    assert code == 2 and out == "" and err.count("\n") == 1 and "empty file name" in err
    code, out, err = run(capsys, "export", str(tmp_path / "missing"), "--format", "csv")
    assert code == 2 and err.count("\n") == 1 and "no such file or folder" in err


def test_real_program_exit_status_and_no_traceback(corpus: Path) -> None:
    store = default_store_path(corpus)
    store.parent.mkdir()
    store.write_bytes(b"\x00\x01 not json")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(corpus), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and str(store) in result.stderr
    assert store.read_bytes() == b"\x00\x01 not json"


def test_listing_or_exporting_without_a_store_creates_nothing(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "annotations", str(corpus)) == (0, "no annotations\n", "")
    code, out, err = run(capsys, "export", str(corpus), "--format", "jsonl")
    assert (code, out) == (0, '{"kind": "parallax_export", "format": "jsonl"}\n')
    assert err == f"parallax: 0 annotations in {default_store_path(corpus)}\n"
    assert not (corpus / ".parallax").exists()


def _two_annotations_then(corpus: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> Path:
    annotate(capsys, corpus, "Hamas")
    annotate(capsys, corpus, "Israel")
    store = default_store_path(corpus)
    store.write_bytes(content)
    return store


MALFORMED_STORES = {
    "5,000-digit offset": b'{"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "annotations": {"1": '
    b'{"id": "a", "doc": "d", "exact": "x", "start": ' + b"9" * 5000 + b', "end": 1}}}',
    "superscript key": '{"_meta": {"1": {"schema_version": 1, "application": "parallax"}}, "annotations": {"\u00b2": '
    '{"id": "a", "doc": "d", "exact": "x", "start": 1, "end": 2}}}'.encode(),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED_STORES))
@pytest.mark.parametrize("command", ["annotations", "export", "annotate"])
def test_every_command_on_a_malformed_store_is_one_line_with_the_restore_command(
    corpus: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    store = _two_annotations_then(corpus, capsys, MALFORMED_STORES[kind])
    extra = {"export": ["--format", "jsonl"], "annotate": ["--doc", DOC, "--start", "0", "--end", "4"], "annotations": []}
    code, out, err = run(capsys, command, str(corpus), *extra[command])
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"parallax: {store}: ") and f"parallax annotations {corpus} --restore-backup" in err
    assert store.read_bytes() == MALFORMED_STORES[kind]


def test_annotate_refuses_a_read_only_store_in_one_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotate(capsys, corpus, "Hamas")
    store = default_store_path(corpus)
    store.chmod(0o444)
    before = store.read_bytes()
    text = (corpus / f"{DOC}.txt").read_text(encoding="utf-8")
    start = text.index("Israel")
    code, out, err = run(capsys, "annotate", str(corpus), "--doc", DOC, "--start", str(start), "--end", str(start + 6))
    assert code == 2 and out == ""
    assert err == f"parallax: {store}: is read-only (-r--r--r--): Parallax does not replace a file marked read-only; make it writable (chmod u+w) to save changes\n"
    assert store.read_bytes() == before


def test_export_to_a_file_named_with_escapes_never_echoes_them_raw(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotate(capsys, corpus, "Hamas")
    target = tmp_path / "out\x1b]0;PWNED\x07\x1b[31m.md"
    code, out, err = run(capsys, "export", str(corpus), "--format", "markdown", "-o", str(target))
    assert code == 0 and out == "" and target.exists()
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;PWNED" in err


def test_annotate_finds_the_span_by_its_words_and_the_article_by_its_file_name(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (corpus / f"{DOC}.txt").read_text(encoding="utf-8")
    start = text.index("special OIC session on Palestine")
    for doc in (f"{DOC}.txt", "001", DOC):
        # quotes, dashes, case and white space as a person types them
        code, out, err = run(capsys, "annotate", str(corpus), "--doc", doc, "--quote", "SPECIAL  OIC session\non Palestine", "--tag", "oic")
        assert (code, err) == (0, "")
        assert out.split(" ", 1)[1] == f"{DOC} {start}-{start + 32} \u201cspecial OIC session on Palestine\u201d\n"
    code, out, err = run(capsys, "annotate", str(corpus), "--doc", DOC, "--quote", "Hamas")
    assert code == 2 and out == "" and err.count("\n") == 1
    places = [f"{i}-{i + 5}" for i in range(len(text)) if text.startswith("Hamas", i)]
    assert len(places) == 5 and f"is in {DOC} 5 times (at {', '.join(places)}): quote more words" in err


def test_annotations_delete_and_edit_by_id_or_its_start(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = annotate(capsys, corpus, "special OIC session on Palestine", "--tag", "oic", "--note", "old")
    second = annotate(capsys, corpus, "Hamas", "--tag", "group")
    code, out, err = run(capsys, "annotations", str(corpus), "--edit", first[:8], "--tag", "call", "--tag", "OIC")
    assert (code, err) == (0, "")
    assert out == f"edited {first} {DOC} 55-87 \u201cspecial OIC session on Palestine\u201d: call, OIC; old\n"
    code, out, err = run(capsys, "annotations", str(corpus), "--edit", first, "--note", "")
    assert out.endswith(": call, OIC; no note\n")
    saved = {a.id: a for a in AnnotationStore.open(default_store_path(corpus)).all()}
    assert (saved[first].tags, saved[first].note, saved[second].tags) == (("call", "OIC"), "", ("group",))
    code, out, err = run(capsys, "annotations", str(corpus), "--delete", second[:6])
    assert (code, err) == (0, "") and out.startswith(f"deleted {second} {DOC} ")
    assert [a.id for a in AnnotationStore.open(default_store_path(corpus)).all()] == [first]
    for args, words in (
        (["--delete", "zzzz"], "no annotation with an id starting 'zzzz'"),
        (["--delete", ""], "no annotation with an id starting ''"),
        (["--edit", first], "give --tag and/or --note"),
        (["--tag", "x"], "give --edit ID"),
        (["--edit", first, "--delete", first], "cannot be given together"),
        (["--edit", first, "--tag", "red\x1b[31m"], "--tag: "),
    ):
        code, out, err = run(capsys, "annotations", str(corpus), *args)
        assert code == 2 and out == "" and err.count("\n") == 1 and words in err, (args, err)
    assert [a.note for a in AnnotationStore.open(default_store_path(corpus)).all()] == [""]
