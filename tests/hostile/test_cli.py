"""``parallax align`` on the hostile folder, as a real subprocess: exit 0, one stderr line per
skipped file (its name made safe), no traceback, and output free of control characters."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.text import printable
from tests.hostile.generate import Planted, find_leaks
from tests.hostile.pty_harness import run_in_pty

RAW_CONTROLS = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
"""C0 controls but newline and tab, DEL, and C1 controls as UTF-8."""


def _parallax(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, timeout=120, env=env, cwd=cwd, check=False
    )


@pytest.fixture(scope="module")
def json_run(hostile_folder: Path) -> subprocess.CompletedProcess[bytes]:
    """``parallax align FOLDER --format json``, run once."""
    return _parallax("align", str(hostile_folder), "--format", "json")


def test_align_json_exit_status_and_clean_output(json_run: subprocess.CompletedProcess[bytes], planted: list[Planted]) -> None:
    assert json_run.returncode == 0, json_run.stderr.decode("utf-8", "replace")
    assert RAW_CONTROLS.search(json_run.stdout) is None
    assert find_leaks(json_run.stdout) == []
    result = json.loads(json_run.stdout)
    assert len(result["documents"]) == sum(p.loads or p.expect == "either" for p in planted) - (
        0 if os.geteuid() == 0 else 1
    )
    assert result["groups"], "the shared quotes are found"


def test_align_stderr_one_safe_line_per_skipped_file(
    json_run: subprocess.CompletedProcess[bytes], hostile_folder: Path, planted: list[Planted]
) -> None:
    stderr = json_run.stderr
    assert b"Traceback" not in stderr
    assert RAW_CONTROLS.search(stderr) is None
    assert find_leaks(stderr) == []
    lines = stderr.decode("utf-8").split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    skipped = [line for line in lines if line.startswith("parallax: skipped ")]
    warned = [line for line in lines if line.startswith("parallax: warning ")]
    assert len(skipped) + len(warned) == len(lines), lines
    for item in planted:
        named = printable(str(hostile_folder / item.name))
        mine = [line for line in skipped if line.startswith(f"parallax: skipped {named}: ")]
        if item.expect == "skip":
            assert len(mine) == 1, (item.name, mine)
            assert item.reason in mine[0]
        elif item.loads:
            assert mine == []
    expected = sum(p.expect == "skip" for p in planted) + (0 if os.geteuid() == 0 else 1)
    assert len(skipped) == expected
    assert len(warned) == sum(p.expect == "warn" for p in planted)


def test_align_table_output_is_clean(hostile_folder: Path) -> None:
    run = _parallax("align", str(hostile_folder))
    assert run.returncode == 0
    assert b"Traceback" not in run.stderr
    assert RAW_CONTROLS.search(run.stdout) is None and RAW_CONTROLS.search(run.stderr) is None
    assert find_leaks(run.stdout + run.stderr) == []
    assert run.stdout.decode("utf-8").startswith(tuple(f"{n} shared passage" for n in range(1, 1000)))


def test_nothing_loadable_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a\x1b]0;PWNED\x07.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_bytes(b"")
    run = _parallax("align", str(tmp_path))
    assert run.returncode == 2
    lines = run.stderr.decode("utf-8").splitlines()
    assert len(lines) == 3 and lines[-1].startswith("parallax: no readable articles")
    assert RAW_CONTROLS.search(run.stderr) is None and find_leaks(run.stderr) == []
    assert b"Traceback" not in run.stderr


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A hostile folder with a store holding annotations on hostile articles (the first two made
    with ``parallax annotate``, the rest through the store API to save process starts; notes
    and tags carry escape sequences too)."""
    from dataclasses import replace

    from reader.core.annotate import new_annotation
    from reader.core.corpus import load_corpus
    from reader.core.store import AnnotationStore
    from tests.hostile.generate import build

    root = tmp_path_factory.mktemp("annotated")
    folder = root / "hostile"
    build(folder, big=False)
    store = root / "store.json"
    corpus = load_corpus([folder])
    chosen = [d for d in corpus.documents if d.id.startswith(("name-", "text-"))]
    assert len(chosen) >= 15
    for n, doc in enumerate(chosen):
        start = doc.text.find("PWNED")
        start = max(0, start - 10) if start >= 0 else 0
        end = min(len(doc.text), start + 60)
        tag, note = f"tag{n % 3}\x1b[31m", f"note \x1b]52;c;QUFB\x07 {n}\n\u202eline"
        if n < 2:
            args = ["annotate", str(folder), "--store", str(store), "--doc", doc.id, "--start", str(start), "--end", str(end)]
            refused = _parallax(*args, "--tag", tag, "--note", note)
            # The tag rule refuses an escape in a tag: one inert line, exit 2, nothing stored.
            last = refused.stderr.decode("utf-8").splitlines()[-1]  # after the skipped files
            assert refused.returncode == 2 and last.startswith("parallax: --tag: tag 'tag") and "U+001B" in last
            assert RAW_CONTROLS.search(refused.stderr) is None
            run = _parallax(*args, "--tag", tag.replace("\x1b", ""), "--note", note)
            assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
            continue
        opened = AnnotationStore.open(store)
        try:
            # A store written by an older Parallax may hold tags with escapes in them: kept.
            opened.add(replace(new_annotation(doc, start, end, note=note), tags=(tag,)))
        finally:
            opened.close()
    return folder, store


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_annotations_listing_is_clean(annotated: tuple[Path, Path], fmt: str) -> None:
    folder, store = annotated
    run = _parallax("annotations", str(folder), "--store", str(store), "--format", fmt)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in run.stderr
    run.stdout.decode("utf-8")
    assert RAW_CONTROLS.search(run.stdout) is None
    assert find_leaks(run.stdout) == []
    if fmt == "json":
        assert len(json.loads(run.stdout)) >= 15


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "w3c", "markdown"])
def test_export_to_stdout_never_crashes(annotated: tuple[Path, Path], fmt: str) -> None:
    folder, store = annotated
    run = _parallax("export", str(folder), "--store", str(store), "--format", fmt)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in run.stderr
    run.stdout.decode("utf-8")
    if fmt != "csv":  # CSV to a pipe is data: the article text as it is
        assert RAW_CONTROLS.search(run.stdout.replace(b"\r\n", b"\n")) is None
        assert find_leaks(run.stdout) == []


def test_export_csv_to_a_terminal_is_inert(annotated: tuple[Path, Path]) -> None:
    """To a pipe, CSV is the article text as it is; to a terminal, its escapes are made visible."""
    folder, store = annotated
    run = run_in_pty(
        [sys.executable, "-m", "reader", "export", str(folder), "--store", str(store), "--format", "csv"],
        settle=0.0,
        keys=b"",
        quit_timeout=60,
    )
    assert run.exit_code == 0
    assert b"Traceback" not in run.output
    assert find_leaks(run.output) == []
    assert "\u241b]52;c;" in run.output.decode("utf-8")


@pytest.mark.parametrize("where", ["folder", "file"])
def test_store_symlinks_planted_in_the_corpus_are_refused(tmp_path: Path, where: str) -> None:
    """A corpus folder is someone else's: a ``.parallax`` symlink (or a symlinked store file)
    planted in it must not make ``parallax annotate`` write outside it."""
    corpus = tmp_path / "corpus"
    outside = tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "a.txt").write_text("An article\nwith some words in it.\n")
    if where == "folder":
        os.symlink(outside, corpus / ".parallax")
    else:
        (corpus / ".parallax").mkdir()
        os.symlink(outside / "victim.json", corpus / ".parallax" / "annotations.json")
    run = _parallax("annotate", str(corpus), "--doc", "a", "--start", "0", "--end", "10", "--tag", "x")
    assert run.returncode == 2
    lines = run.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "symlink" in lines[0] and b"Traceback" not in run.stderr
    assert list(outside.iterdir()) == []


def test_hostile_names_given_explicitly(hostile_folder: Path, planted: list[Planted]) -> None:
    names = [p.name for p in planted if p.name.startswith("name-")]
    run = _parallax("align", "--format", "json", *(str(hostile_folder / n) for n in names))
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert run.stderr == b""
    assert RAW_CONTROLS.search(run.stdout) is None and find_leaks(run.stdout) == []
    result = json.loads(run.stdout)
    assert len(result["documents"]) == len(names)
    assert all(c.isprintable() for d in result["documents"] for c in d["id"])


@pytest.mark.parametrize("command", ["figures", "quotes"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_figures_and_quotes_on_the_hostile_folder(hostile_folder: Path, command: str, fmt: str) -> None:
    run = _parallax(command, str(hostile_folder), "--format", fmt)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in run.stderr
    assert RAW_CONTROLS.search(run.stdout) is None and RAW_CONTROLS.search(run.stderr) is None
    assert find_leaks(run.stdout + run.stderr) == []
    if fmt == "json":
        json.loads(run.stdout)
