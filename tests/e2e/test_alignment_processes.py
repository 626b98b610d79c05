"""The alignment's processes end with the app: tmux runs ``parallax`` on a corpus big enough that
the alignment runs in a subprocess with a pool of two processes; the app is killed (SIGKILL) or
quit (``q``) while it aligns, and no process it started survives it.

Processes are found through ``/proc`` (Linux): the app's descendants (children, grand-children)
are recorded while the alignment runs; after the app is gone each of them must be gone too (or
a zombie: ended, waiting to be reaped), within a few seconds.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus_gen import generate_story_corpus
from tests.e2e.test_tmux import COLS, PARALLAX, ROWS, TIMEOUT, Tmux, tmux, wait_until  # noqa: F401

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc"),
]

ARTICLES = 120
"""Story-clustered articles (long ones: 80 to 90 sentences a story): the app aligns them in a
subprocess (100 articles or more), which takes longer than the first screen."""
SLOW = 240.0
"""Seconds the first screen or the app's end may take on a machine busy with other tests."""


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def alive(pid: int) -> bool:
    """``pid`` runs (exists and is not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].split()[0] != "Z"


def descendants(root: int) -> set[int]:
    """Every running process below ``root``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = parent_of(int(entry))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    todo = list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        if alive(pid):
            found.add(pid)
        todo.extend(children.get(pid, ()))
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


@pytest.fixture(scope="module")
def story_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    for doc_id, text in generate_story_corpus(ARTICLES, seed=3, story_sentences=(80, 90)).texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["SIGKILL", "q"])
def test_no_alignment_process_outlives_the_app(how: str, tmux: Tmux, tmp_path: Path, story_corpus: Path) -> None:  # noqa: F811
    env = {
        "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "COLUMNS": str(COLS), "LINES": str(ROWS), "PARALLAX_WORKERS": "2",
    }
    tmux.start([str(PARALLAX), str(story_corpus), "--store", str(tmp_path / "store.json")], env)
    shell = int(tmux.pane("pane_pid"))

    def app_pid() -> int | None:
        apps = [pid for pid in descendants(shell) if str(PARALLAX) in command_line(pid)]
        return min(apps) if apps else None

    wait_until("the app's process", lambda: app_pid() is not None, tmux)
    app = app_pid()
    assert app is not None
    # The alignment runs in a subprocess with two pool processes below it (three processes
    # under the app).
    seen: set[int] = set()

    def pool_running() -> bool:
        now = descendants(app)
        seen.update(now)
        return len(now) >= 3

    wait_until("the alignment subprocess and its pool", pool_running, tmux)
    remote = [pid for pid in seen if parent_of(pid) == app and "reader.core.align.remote" in command_line(pid)]
    assert len(remote) == 1
    assert len([pid for pid in seen if parent_of(pid) == remote[0]]) == 2  # its pool
    if how == "q":
        # The app reads keys once its first screen is up.
        wait_until("the first screen", lambda: (pool_running() or True) and "articles" in tmux.screen(), tmux, SLOW)
    assert alive(remote[0]) and "shared passage" not in tmux.screen(), "the alignment ended before the app was stopped"
    if how == "SIGKILL":
        os.kill(app, signal.SIGKILL)
    else:
        tmux.keys("q")
    wait_until("the app to end", lambda: tmux.exit_status() is not None, tmux, SLOW, may_exit=True)
    if how == "q":
        assert tmux.exit_status() == "0", tmux.screen()
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline and any(alive(pid) for pid in seen):
        time.sleep(0.1)
    strays = {pid: command_line(pid) for pid in seen if alive(pid)}
    for pid in strays:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not strays, f"processes that outlived the app: {strays}"
