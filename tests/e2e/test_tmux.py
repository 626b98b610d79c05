"""The real program in a real terminal: tmux drives ``parallax``, the store is checked by export.

The test starts ``.venv/bin/parallax <corpus copy> --store <tmp store>`` in a detached tmux
session of 160x45 (``TERM=xterm-256color``) on a tmux server of its own (``-L``), so the user's
tmux is never touched. It waits by polling ``capture-pane`` (never fixed sleeps) until the first
article and the match highlights are on the screen, jumps to a match (``n``), tags it (``t``, a new
tag typed, ``enter``, ``ctrl+s``), quits (``q``), and reads the store back through
``parallax export --format jsonl``: the tag is on every span of one alignment group, with the
exact text of those spans.

tmux is required: ``make test`` installs it. Without it the test fails with a clear message; it
is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.align import align
from reader.core.corpus import load_corpus

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PARALLAX = Path(sys.executable).parent / "parallax"
COLS, ROWS = 160, 45
TAG = "e2e-tagged"
TIMEOUT = 60.0
"""Seconds any one wait may take (the machine may be busy: CI runs tests in parallel)."""


class Tmux:
    """One detached tmux session on a private server socket."""

    def __init__(self, socket: str, config: Path, status_file: Path) -> None:
        self.socket = socket
        self.config = config
        self.status_file = status_file
        """Where the exit status of the program is written when it ends."""
        self.target = "parallax-e2e"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        tmux = shutil.which("tmux")
        assert tmux is not None
        return subprocess.run(
            [tmux, "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=30,
        )

    def start(self, command: list[str], env: dict[str, str]) -> None:
        """Run ``command`` in the session. A shell around it writes its exit status to
        :attr:`status_file` (tmux itself may be slow to reap a pane's process and report it);
        the environment goes through env(1), which works with every tmux."""
        script = f'"$@"; echo "$?" > {shlex.quote(str(self.status_file))}'
        full = ["sh", "-c", script, "sh", "env", *(f"{key}={value}" for key, value in env.items()), *command]
        self.run(
            "new-session", "-d", "-s", self.target, "-x", str(COLS), "-y", str(ROWS),
            " ".join(shlex.quote(part) for part in full),
        )

    def exit_status(self) -> str | None:
        """The program's exit status once it has ended, else ``None``."""
        try:
            text = self.status_file.read_text("ascii")
        except FileNotFoundError:
            return None
        return text.strip() if text.endswith("\n") else None

    def screen(self) -> str:
        """The visible pane, as text."""
        return self.run("capture-pane", "-p", "-t", self.target).stdout

    def screen_with_styles(self) -> str:
        """The visible pane with its SGR escape sequences (colours, reverse...)."""
        return self.run("capture-pane", "-p", "-e", "-t", self.target).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.target, *(["-l"] if literal else []), *keys)

    def pane(self, field: str) -> str:
        return self.run("display-message", "-p", "-t", self.target, f"#{{{field}}}").stdout.strip()

    def kill(self) -> None:
        self.run("kill-server", check=False)


def wait_until(
    what: str, condition: Callable[[], bool], tmux: Tmux, timeout: float = TIMEOUT, *, may_exit: bool = False
) -> None:
    """Poll ``condition`` until it holds; fail with the screen when it does not in time, or at
    once when the program exited (unless ``may_exit``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        status = tmux.exit_status()
        if not may_exit and status is not None:
            pytest.fail(f"parallax exited (status {status}) while waiting for {what}; the screen:\n{tmux.screen()}")
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}; the screen:\n{tmux.screen()}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.fail(
            "tmux is not installed: the end-to-end test needs it. Run 'make test' (it installs "
            "tmux with apt-get) or install it yourself (apt-get install tmux / brew install tmux)."
        )
    config = tmp_path / "tmux.conf"
    # No status line (the pane gets all 45 rows); keep the pane after exit to read its screen.
    config.write_text("set -g status off\nset -g remain-on-exit on\nset -g default-terminal xterm-256color\n")
    server = Tmux(f"parallax-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}", config, tmp_path / "exit-status")
    try:
        yield server
    finally:
        server.kill()


ANNOTATION_COUNT = re.compile(r"\b[1-9]\d* annotations?\b")
"""How the status line counts annotations ("3 annotations")."""

_SGR_OR_CHAR = re.compile(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|(.)", re.S)


def cells(styled_line: str) -> list[tuple[str, str]]:
    """One captured line (``capture-pane -e``) as ``(character, background)`` cells, where the
    background is the SGR code that set it ("" for the default), reverse video counted."""
    out: list[tuple[str, str]] = []
    background, reverse = "", False
    for match in _SGR_OR_CHAR.finditer(styled_line):
        params, char = match.group(1), match.group(2)
        if char is not None:
            out.append((char, "reverse" if reverse else background))
            continue
        if params is None:
            continue
        codes = params.split(";") if params else ["0"]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in ("", "0"):
                background, reverse = "", False
            elif code == "7":
                reverse = True
            elif code == "27":
                reverse = False
            elif code == "49":
                background = ""
            elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
                background = code
            elif code in ("38", "48"):
                length = 3 if codes[i + 1 : i + 2] == ["5"] else 5
                if code == "48":
                    background = ";".join(codes[i : i + length])
                i += length - 1
            i += 1
    return out


def highlighted(styled_screen: str, word: str) -> bool:
    """True when ``word`` shows somewhere on the screen on a background other than the one most
    of its line has (a highlight)."""
    for line in styled_screen.splitlines():
        row = cells(line)
        text = "".join(char for char, _ in row)
        backgrounds = [bg for _, bg in row]
        usual = max(set(backgrounds), key=backgrounds.count) if backgrounds else ""
        at = text.find(word)
        while at != -1:
            if all(bg != usual and bg != "reverse" for bg in backgrounds[at : at + len(word)]):
                return True
            at = text.find(word, at + 1)
    return False


def test_highlight_detection_reads_sgr_backgrounds() -> None:
    plain = "\x1b[38;5;253m\x1b[48;5;234m Iran has requested an emergency meeting of the\x1b[0m"
    marked = "\x1b[38;5;253m\x1b[48;5;234m Iran has requested an \x1b[48;5;23memergency meeting\x1b[48;5;234m of the"
    cursor = "\x1b[48;5;234m Iran has \x1b[7memergency\x1b[27m meeting of the organisation"
    assert not highlighted(plain, "emergency")
    assert highlighted(marked, "emergency")
    assert not highlighted(cursor, "emergency")
    assert highlighted("\x1b[48;2;1;2;3mabc\x1b[49m defgh ijkl", "abc")


def test_jump_tag_quit_then_export(tmux: Tmux, tmp_path: Path, sample_corpus_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus_path, corpus)
    store = tmp_path / "store" / "annotations.json"
    store.parent.mkdir()
    assert PARALLAX.exists(), f"{PARALLAX} is missing: install Parallax in the venv (make test does)"
    documents = load_corpus([corpus]).documents
    first_title_words = " ".join(documents[0].title.split()[:4])

    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config"), "COLUMNS": str(COLS), "LINES": str(ROWS)}
    tmux.start([str(PARALLAX), str(corpus), "--store", str(store)], env)
    assert tmux.pane("pane_width") == str(COLS) and tmux.pane("pane_height") == str(ROWS)

    wait_until("the first article's title", lambda: first_title_words in " ".join(tmux.screen().split()), tmux)
    # Alignment runs in the background; when it is done the first shared passage of the first
    # article (near its top, so on screen) is highlighted.
    groups = align(documents)
    first_doc = documents[0]
    first_span = min((s for g in groups for s in g.spans if s.doc == first_doc.id), key=lambda s: s.start)
    word = max(first_span.text(first_doc).split()[:3], key=len)
    wait_until(f"the match highlights (on {word!r})", lambda: highlighted(tmux.screen_with_styles(), word), tmux)
    # The status line counts the passages once the alignment is done; only then is there a group
    # to jump to (a progress repaint must not pass for the jump).
    wait_until("the alignment to finish", lambda: "shared passage" in tmux.screen(), tmux)

    tmux.keys("n")
    wait_until("the jump to the first match", lambda: "#1 " in tmux.screen(), tmux)
    tmux.keys("t")
    wait_until("the tag dialog", lambda: "Tag and note" in tmux.screen(), tmux)
    tmux.keys(TAG, literal=True)
    wait_until("the typed tag", lambda: f"new tag {TAG}" in tmux.screen(), tmux)
    tmux.keys("Enter")
    wait_until("the tag among the chosen ones", lambda: f"\u2715 {TAG}" in tmux.screen(), tmux)
    tmux.keys("C-s")
    wait_until("the dialog to close", lambda: "Tag and note" not in tmux.screen(), tmux)
    # The tag is written by a worker; the status line then counts the new annotations. (Waiting
    # for the screen, not just the file, also catches a crash while showing them.)
    wait_until("the tag in the store", lambda: store.exists() and TAG in store.read_text("utf-8"), tmux)
    wait_until("the annotations on the status line", lambda: ANNOTATION_COUNT.search(tmux.screen()) is not None, tmux)
    assert tmux.exit_status() is None, tmux.screen()
    tmux.keys("q")
    wait_until("parallax to exit", lambda: tmux.exit_status() is not None, tmux, may_exit=True)
    assert tmux.exit_status() == "0", tmux.screen()
    assert "Traceback" not in tmux.screen()

    exported = subprocess.run(
        [str(PARALLAX), "export", str(corpus), "--store", str(store), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    mark, *lines = exported.stdout.splitlines()
    assert json.loads(mark) == {"kind": "parallax_export", "format": "jsonl"}
    records = [json.loads(line) for line in lines if line.strip()]
    tagged = [r for r in records if TAG in r["tags"]]
    assert len(tagged) >= 2, records  # a group has a span in at least two articles

    by_id = {d.id: d for d in documents}
    for record in tagged:
        assert record["status"] == "exact"
        text = by_id[record["doc"]].text
        assert record["exact"] == text[record["start"] : record["end"]]
    # The tagged spans are exactly the spans of one alignment group of the corpus.
    spans = {(r["doc"], r["start"], r["end"]) for r in tagged}
    matching = [g for g in groups if {(s.doc, s.start, s.end) for s in g.spans} == spans]
    assert matching, f"the tagged spans {sorted(spans)} are not the spans of any alignment group"
    assert {r["group"] for r in tagged} == {matching[0].id}


FIGURE_TAG = "e2e-figure"


def test_figures_panel_jump_tag_then_export(tmux: Tmux, tmp_path: Path, sample_corpus_path: Path) -> None:
    """``f`` opens the figures panel; ``enter`` on the first figure (the Israeli death toll, a
    disagreement) scrolls every article to its mentions; ``t`` tags them; the export finds the
    tag on exactly the mentions that ``parallax figures`` reports for that figure."""
    from reader.core.figures import find_figures

    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus_path, corpus)
    store = tmp_path / "store" / "annotations.json"
    store.parent.mkdir()
    documents = load_corpus([corpus]).documents
    figure = find_figures(documents)[0]
    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config"), "COLUMNS": str(COLS), "LINES": str(ROWS)}
    tmux.start([str(PARALLAX), str(corpus), "--store", str(store)], env)
    first_title_words = " ".join(documents[0].title.split()[:4])
    wait_until("the first article's title", lambda: first_title_words in " ".join(tmux.screen().split()), tmux)
    wait_until("the alignment to finish", lambda: "shared passage" in tmux.screen(), tmux)

    tmux.keys("f")
    wait_until("the figures panel, filled", lambda: "figures given by several articles" in tmux.screen(), tmux)
    screen = tmux.screen()
    assert "\u2260 DISAGREE" in screen and figure.what in screen
    tmux.keys("Enter")
    # Every article scrolls to its mention: the second article's one ("At least 700 Israelis")
    # lies far below its first screen and must now be on it.
    far = next(m for m in figure.mentions if m.doc == documents[1].id)
    words = " ".join(documents[1].text[far.start : far.end].split())
    wait_until(f"the jump to {words!r}", lambda: words in " ".join(tmux.screen().split()), tmux)
    tmux.keys("t")
    wait_until("the tag dialog", lambda: "Tag and note" in tmux.screen(), tmux)
    tmux.keys(FIGURE_TAG, literal=True)
    wait_until("the typed tag", lambda: f"new tag {FIGURE_TAG}" in tmux.screen(), tmux)
    tmux.keys("Enter")
    wait_until("the tag among the chosen ones", lambda: f"\u2715 {FIGURE_TAG}" in tmux.screen(), tmux)
    tmux.keys("C-s")
    wait_until("the dialog to close", lambda: "Tag and note" not in tmux.screen(), tmux)
    wait_until("the tag in the store", lambda: store.exists() and FIGURE_TAG in store.read_text("utf-8"), tmux)
    wait_until("the annotations on the status line", lambda: ANNOTATION_COUNT.search(tmux.screen()) is not None, tmux)
    tmux.keys("q")
    wait_until("parallax to exit", lambda: tmux.exit_status() is not None, tmux, may_exit=True)
    assert tmux.exit_status() == "0", tmux.screen()
    assert "Traceback" not in tmux.screen()

    exported = subprocess.run(
        [str(PARALLAX), "export", str(corpus), "--store", str(store), "--format", "jsonl"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    mark, *lines = exported.stdout.splitlines()
    assert json.loads(mark) == {"kind": "parallax_export", "format": "jsonl"}
    tagged = [r for r in (json.loads(line) for line in lines if line.strip()) if FIGURE_TAG in r["tags"]]
    by_id = {d.id: d for d in documents}
    assert {(r["doc"], r["start"], r["end"]) for r in tagged} == {(m.doc, m.start, m.end) for m in figure.mentions}
    for record in tagged:
        assert record["exact"] == by_id[record["doc"]].text[record["start"] : record["end"]]
        assert record["group"] == figure.id


def test_tagset_then_apply_and_next_with_number_keys(tmux: Tmux, tmp_path: Path, sample_corpus_path: Path) -> None:
    """Issue 15's loop: ``parallax tagset CORPUS claim figure quote``, open, ``n``, ``1``, ``2``,
    quit; the export has ``claim`` on every span of the first group and ``figure`` on every span
    of the second."""
    from reader.core.overview import reading_order

    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus_path, corpus)
    assert PARALLAX.exists(), f"{PARALLAX} is missing: install Parallax in the venv (make test does)"
    tagset = subprocess.run(
        [str(PARALLAX), "tagset", str(corpus), "claim", "figure", "quote"], capture_output=True, text=True, timeout=60
    )
    assert tagset.returncode == 0, tagset.stderr
    assert [line.split() for line in tagset.stdout.splitlines()] == [["1", "claim"], ["2", "figure"], ["3", "quote"]]
    documents = load_corpus([corpus]).documents
    groups = [g for g in reading_order(align(documents), documents) if not g.hidden]  # as shown
    first_title_words = " ".join(documents[0].title.split()[:4])

    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config"), "COLUMNS": str(COLS), "LINES": str(ROWS)}
    tmux.start([str(PARALLAX), str(corpus)], env)
    wait_until("the first article's title", lambda: first_title_words in " ".join(tmux.screen().split()), tmux)
    wait_until("the alignment to finish", lambda: "shared passage" in tmux.screen(), tmux)
    wait_until("the tag set on the status line", lambda: "1 claim  2 figure  3 quote" in tmux.screen(), tmux)
    tmux.keys("n")
    wait_until("the jump to the first match", lambda: "#1 " in tmux.screen(), tmux)
    tmux.keys("1")
    wait_until("the first group tagged", lambda: "\u2018claim\u2019 on" in tmux.screen(), tmux)
    assert "#2 " in tmux.screen()  # went on to the next group
    tmux.keys("2")
    wait_until("the second group tagged", lambda: "\u2018figure\u2019 on" in tmux.screen(), tmux)
    tmux.keys("q")
    wait_until("parallax to exit", lambda: tmux.exit_status() is not None, tmux, may_exit=True)
    assert tmux.exit_status() == "0", tmux.screen()
    assert "Traceback" not in tmux.screen()

    exported = subprocess.run(
        [str(PARALLAX), "export", str(corpus), "--format", "jsonl"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    mark, *records = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    assert mark == {"kind": "parallax_export", "format": "jsonl"}
    assert {r["kind"] for r in records} == {"annotation"}
    for tag, group in (("claim", groups[0]), ("figure", groups[1])):
        tagged = {(r["doc"], r["start"], r["end"]) for r in records if tag in r["tags"]}
        assert tagged == {(s.doc, s.start, s.end) for s in group.spans}, (tag, group.id)
        assert {r["group"] for r in records if tag in r["tags"]} == {group.id}
    assert all(r["tags"] in (["claim"], ["figure"]) for r in records)
