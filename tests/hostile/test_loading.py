"""Loading the hostile folder: every entry loads or is refused with its reason, nothing raises."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reader.core.corpus import load_corpus, load_file
from reader.core.models import Severity
from reader.core.text import visible
from tests.hostile.generate import QUOTES, Planted, build, entries

CONTROLS = {chr(c) for c in range(32) if c not in (9, 10)} | {chr(c) for c in range(0x7F, 0xA0)}


def test_generator_covers_the_brief(planted: list[Planted]) -> None:
    names = {p.name for p in planted}
    assert len(planted) >= 45
    assert {"fifo.txt", "link-loop-a.txt", "link-outside.txt", "unreadable.txt", "x.txt", "huge-50mb.txt"} <= names
    assert sum(p.loads for p in planted) >= 30
    assert sum(p.expect == "skip" for p in planted) >= 13


def test_huge_file_is_sparse(hostile_folder: Path) -> None:
    info = os.stat(hostile_folder / "huge-50mb.txt")
    assert info.st_size == 50 * 1024 * 1024
    assert info.st_blocks * 512 < 1024 * 1024


def test_every_entry_loads_or_is_skipped_with_its_reason(hostile_folder: Path, planted: list[Planted]) -> None:
    corpus = load_corpus([hostile_folder])
    loaded = {Path(d.path).name for d in corpus.documents}
    skipped = {Path(i.path).name: i.reason for i in corpus.issues if i.severity is Severity.SKIPPED}
    warned = {Path(i.path).name for i in corpus.issues if i.severity is Severity.WARNING}
    for item in planted:
        if item.loads:
            assert item.name in loaded, item.name
            assert (item.name in warned) == (item.expect == "warn"), item.name
        elif item.expect == "skip":
            assert item.name in skipped, item.name
            assert item.reason in skipped[item.name], (item.name, skipped[item.name])
        else:  # either: root can read a chmod 000 file
            assert (item.name in loaded) != (item.name in skipped)
            if item.name in skipped:
                assert skipped[item.name] == "permission denied"
    # One issue per skipped entry, never two, and nothing else.
    assert len([i for i in corpus.issues if i.severity is Severity.SKIPPED]) == len(skipped)
    assert len(loaded) + len(skipped) == len(planted)


def test_loaded_documents_are_consistent(hostile_folder: Path, planted: list[Planted]) -> None:
    corpus = load_corpus([hostile_folder])
    by_name = {p.name: p for p in planted}
    ids = [d.id for d in corpus.documents]
    assert len(set(ids)) == len(ids)
    for doc in corpus.documents:
        item = by_name[Path(doc.path).name]
        assert item.title in doc.title
        assert "\r" not in doc.text
        assert not any("\ud800" <= c <= "\udfff" for c in doc.text)
        # Ids and titles are shown as they are: no control, bidi or line-break character in them.
        assert not (set(doc.id) & CONTROLS) and "\n" not in doc.id and "\u202e" not in doc.id
        assert not (set(doc.title) & CONTROLS) and "\u202e" not in doc.title
        assert visible(doc.text) == visible(visible(doc.text))
    # The shared passages survived every encoding that loads as text.
    for quote in QUOTES:
        assert 2 <= sum(quote in d.text for d in corpus.documents) <= 10, quote


def test_unreadable_file_is_skipped_for_an_ordinary_user() -> None:
    """chmod 000 only bites without root: when running as root, check in a child process that has
    dropped to ``nobody``; otherwise check directly."""
    folder = Path(tempfile.mkdtemp(prefix="parallax-unreadable-"))
    try:
        os.chmod(folder, 0o755)
        (item,) = [e for e in entries(big=False) if e.name == "unreadable.txt"]
        assert item.make is not None
        item.make(folder / item.name)
        if os.geteuid() != 0:
            result = load_file(folder / item.name, root=folder)
            assert not isinstance(result, tuple) and result.reason == "permission denied"
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: drop root, load, report, leave without running any test teardown
            status = 1
            try:
                os.close(read_end)
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                result = load_file(folder / item.name, root=folder)
                message = "loaded" if isinstance(result, tuple) else result.reason
                os.write(write_end, message.encode())
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read().decode()
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert message == "permission denied"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("size", [0, 1, 7])
def test_tiny_binary_and_text_files(tmp_path: Path, size: int) -> None:
    build(tmp_path / "h", big=False)
    (tmp_path / "h" / "tiny.txt").write_bytes(b"\x01" * size)
    corpus = load_corpus([tmp_path / "h"])
    reasons = {Path(i.path).name: i.reason for i in corpus.issues}
    assert reasons["tiny.txt"] == ("empty file" if size == 0 else "binary file (too many control bytes)")
