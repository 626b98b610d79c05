"""Startup time: from process start to the first screen, against baselines measured in the same run.

Run by hand (``.venv/bin/python benchmarks/startup.py [--runs N]``). Each run spawns the real
``parallax`` on a copy of the sample corpus (so no store folder is made in the repository) in a
fresh pseudo-terminal of 160x45 and times until the first article's title is on the screen (the
terminal bytes, with escape sequences removed, contain it). Baselines, in the same pty and the
same way:

* ``python -c "import textual.app; print(...)"``: the interpreter plus Textual's import, until
  it prints;
* a minimal Textual app (one Static) until its text is on the screen.

Prints the median and spread of each and the ratios; the goal is a median under 600 ms.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"
VENV_BIN = Path(sys.executable).parent
GOAL_MS = 600.0
COLS, ROWS = 160, 45

IMPORT_ONLY = "import textual.app; print('textual imported', flush=True)"
"""The first baseline: start the interpreter and import Textual, then say so (no teardown timed)."""

HELLO_APP = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hello from a minimal textual app")

Hello().run()
"""

_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-_]")


def screen_text(data: bytes) -> str:
    """The printable text in terminal output: escape sequences removed, decoded leniently."""
    return _ESCAPES.sub(b"", data).decode("utf-8", "replace")


def time_to_text(argv: Sequence[str], needle: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` in a fresh pty until ``needle`` shows in its output. The
    program is then stopped (ctrl+q, then SIGTERM)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    seen = bytearray()
    # The needle with white space squeezed (the screen may pad or wrap it).
    want = " ".join(needle.split())
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the program exited
                chunk = b""
            if not chunk:
                break
            seen += chunk
            if want in " ".join(screen_text(bytes(seen)).split()):
                elapsed = time.perf_counter() - start
                break
    finally:
        _stop(proc, master)
    if elapsed is None:
        tail = screen_text(bytes(seen[-2000:]))
        raise SystemExit(f"startup: {argv[0]} did not show {needle!r} within {timeout:g} s; last output: {tail!r}")
    return elapsed


def _stop(proc: subprocess.Popen[bytes], master: int) -> None:
    try:
        if proc.poll() is None:
            os.write(master, b"\x11")  # ctrl+q
            deadline = time.monotonic() + 3
            while proc.poll() is None and time.monotonic() < deadline:
                select.select([master], [], [], 0.05)
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(5)
    except (OSError, subprocess.TimeoutExpired):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    finally:
        os.close(master)


def first_title(corpus: Path) -> str:
    """The title the first screen shows first: the first article's (as Parallax loads it)."""
    sys.path.insert(0, str(ROOT))
    from reader.core.corpus import load_corpus

    documents = load_corpus([corpus]).documents
    if not documents:
        raise SystemExit(f"startup: no articles in {corpus}")
    # A long title may be cut on screen: look for its first words only.
    return " ".join(documents[0].title.split()[:5])


def summary(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return (
        f"{name:<34} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}"
        f"   (n={len(ms)})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each measurement (default 7)")
    parser.add_argument("--corpus", type=Path, default=SAMPLE, help="corpus to open (default: the sample)")
    args = parser.parse_args(argv)
    parallax = VENV_BIN / "parallax"
    if not parallax.exists():
        raise SystemExit(f"startup: {parallax} not found (run 'make run' or 'pip install -e .' first)")
    with tempfile.TemporaryDirectory(prefix="parallax-startup-") as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        shutil.copytree(args.corpus, corpus)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLS),
            "LINES": str(ROWS),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        }
        env.pop("TEXTUAL", None)
        hello = tmp_path / "hello.py"
        hello.write_text(HELLO_APP, encoding="utf-8")
        title = first_title(corpus)
        print(f"startup: {args.runs} runs each, {COLS}x{ROWS} pty, corpus {args.corpus} (waiting for {title!r})")
        imports, hellos, ours = [], [], []
        # Interleaved, so a busy moment of the machine hits every measurement alike.
        for run in range(args.runs):
            store = tmp_path / f"store-{run}" / "annotations.json"
            store.parent.mkdir()
            imports.append(time_to_text([sys.executable, "-c", IMPORT_ONLY], "textual imported", env))
            hellos.append(time_to_text([sys.executable, str(hello)], "hello from a minimal textual app", env))
            ours.append(time_to_text([str(parallax), str(corpus), "--store", str(store)], title, env))
    print(summary("python: import textual.app", imports))
    print(summary("minimal Textual app, first screen", hellos))
    print(summary("parallax sample corpus, first screen", ours))
    median_ours = statistics.median(ours) * 1000
    print(
        f"ratio parallax / minimal app: {statistics.median(ours) / statistics.median(hellos):.2f}x; "
        f"parallax / import: {statistics.median(ours) / statistics.median(imports):.2f}x"
    )
    verdict = "meets" if median_ours < GOAL_MS else "MISSES"
    print(f"goal: median under {GOAL_MS:.0f} ms: {verdict} ({median_ours:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
