"""The aligner's processes: the fork pool, the subprocess the app aligns in, and the fallback to
one process (with a one-line notice) when either cannot start. The groups are the same every
way."""

from __future__ import annotations

import errno
import multiprocessing
import os
import platform
import sys
from pathlib import Path

import pytest

from benchmarks.corpus_gen import generate_story_corpus
from reader.core.align import AlignOptions, align
from reader.core.align import pool as pool_module
from reader.core.align import remote
from reader.core.corpus import documents_from_texts

POOLED = AlignOptions(workers=2, parallel_min_docs=2)
"""Two processes, whatever the machine's load."""

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork")


@pytest.fixture(scope="module")
def documents():
    return documents_from_texts(generate_story_corpus(24, seed=5).texts)


@pytest.fixture(scope="module")
def single(documents):
    groups = align(documents, AlignOptions(workers=1))
    assert len(groups) > 20  # story-clustered: plenty of shared passages
    return groups


@linux_only
def test_the_fork_pool_gives_the_same_groups(documents, single) -> None:
    notices: list[str] = []
    assert pool_module.workers_for(POOLED, len(documents)) == 2
    cpu_before = pool_module.worker_cpu_seconds()
    assert align(documents, POOLED, notice=notices.append) == single
    assert notices == []
    assert pool_module.worker_cpu_seconds() > cpu_before  # the pool did the work


@linux_only
def test_the_subprocess_gives_the_same_groups_with_its_pool(documents, single) -> None:
    fractions: list[float] = []
    notices: list[str] = []
    groups = remote.align_remote(documents, POOLED, progress=fractions.append, notice=notices.append)
    assert groups == single
    assert notices == []
    assert fractions and fractions[-1] == 1.0 and fractions == sorted(fractions)


def test_the_subprocess_says_what_failed_in_one_line(documents, monkeypatch) -> None:
    failing = (
        "import pickle, sys; data = pickle.dumps(('error', 'ValueError: bad input')); "
        "sys.stdout.buffer.write(len(data).to_bytes(8, 'big') + data)"
    )
    monkeypatch.setattr(remote, "COMMAND", (sys.executable, "-c", failing))
    with pytest.raises(RuntimeError, match="^ValueError: bad input$"):
        remote.align_remote(documents[:3])
    monkeypatch.setattr(remote, "COMMAND", (sys.executable, "-c", "import sys; sys.exit(3)"))
    with pytest.raises(RuntimeError, match=r"ended without an answer \(exit status 3\)"):
        remote.align_remote(documents[:3])


def test_cancelled_subprocess_is_stopped(documents) -> None:
    from reader.core.align import Cancelled

    with pytest.raises(Cancelled):
        remote.align_remote(documents, POOLED, cancelled=lambda: True)


def test_cancelling_never_waits_for_a_silent_subprocess(documents, monkeypatch) -> None:
    """A long stage sends nothing for a while: cancelling (the app quitting) stops at once,
    instead of when the subprocess next speaks (here: never; it would end after 30 s with no
    answer)."""
    import time

    from reader.core.align import Cancelled

    monkeypatch.setattr(remote, "COMMAND", (sys.executable, "-c", "import time; time.sleep(30)"))
    asked = time.monotonic()
    with pytest.raises(Cancelled):
        remote.align_remote(documents[:3], cancelled=lambda: time.monotonic() - asked > 0.5)


class _FailingContext:
    """A multiprocessing context whose pool cannot start."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def Pool(self, *args, **kwargs):  # noqa: N802 (multiprocessing's name)
        raise self.error


@pytest.mark.parametrize(
    "error",
    [
        BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable"),  # a limit on processes
        ImportError("This platform lacks a functioning sem_open implementation"),  # no /dev/shm
        PermissionError(errno.EACCES, "Permission denied"),
    ],
)
def test_no_pool_means_one_process_and_one_notice(documents, single, monkeypatch, error) -> None:
    monkeypatch.setattr(pool_module.multiprocessing, "get_context", lambda method: _FailingContext(error))
    notices: list[str] = []
    assert align(documents, POOLED, notice=notices.append) == single
    assert len(notices) == 1  # said once, not once per stage
    assert "\n" not in notices[0]
    assert notices[0].startswith("alignment: no process pool (") and "one process" in notices[0]
    assert type(error).__name__ in notices[0]


def test_no_fork_means_one_process_and_one_notice(documents, single, monkeypatch) -> None:
    monkeypatch.setattr(pool_module.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    notices: list[str] = []
    assert align(documents, POOLED, notice=notices.append) == single
    assert notices == ["alignment: no process pool (this system cannot fork); aligning in one process"]


def test_no_subprocess_means_one_process_and_one_notice(documents, single, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(remote.subprocess, "Popen", refuse)
    notices: list[str] = []
    assert remote.align_remote(documents, POOLED, notice=notices.append) == single
    assert len(notices) == 1 and notices[0].startswith("alignment: no subprocess (BlockingIOError")


def test_the_command_line_prints_the_notice_on_stderr(documents, monkeypatch, capsys, tmp_path: Path) -> None:
    from reader.cli import main

    for document in documents:
        (tmp_path / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    monkeypatch.setattr(pool_module, "workers_for", lambda options, n: 2)
    monkeypatch.setattr(pool_module.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    import reader.core.align.engine as engine

    monkeypatch.setattr(engine, "workers_for", lambda options, n: 2)
    assert main(["align", str(tmp_path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == ["alignment: no process pool (this system cannot fork); aligning in one process"]
    assert out.lstrip().startswith("{")


def test_pool_processes_end_with_their_parent() -> None:
    """A process that set :func:`die_with_parent` is killed with its parent (Linux), even when
    the parent is killed with SIGKILL."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    import os
    import signal
    import subprocess
    import time

    # The middle process starts a grandchild that calls die_with_parent, prints its pid, and
    # waits; the middle process is then killed.
    grandchild = (
        "import os, sys, time; from reader.core.align.pool import die_with_parent; "
        "die_with_parent(int(sys.argv[1])); print(os.getpid(), flush=True); time.sleep(60)"
    )
    middle = (
        "import os, subprocess, sys, time; "
        f"subprocess.Popen([sys.executable, '-c', {grandchild!r}, str(os.getpid())]); time.sleep(60)"
    )
    parent = subprocess.Popen([sys.executable, "-c", middle], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the grandchild outlived its parent")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm") or platform.libc_ver()[0] != "glibc", reason="glibc on Linux")
def test_memory_freed_before_a_fork_is_given_back_so_the_forked_process_does_not_hold_it() -> None:
    from reader.core.align.pool import trim_heap

    def resident_mb() -> float:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    blocks = [bytes(1000 + k % 7) for k in range(40_000)]  # 40 MB from malloc (not Python's small-object arenas)
    kept = bytes(1000)  # allocated last: the freed blocks are not at the heap's top, malloc keeps them
    del blocks
    before = resident_mb()
    trim_heap()
    assert before - resident_mb() > 20
    assert kept
