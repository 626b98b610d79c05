"""The reading room on the hostile folder, run for real in a pseudo-terminal: it starts, shows every
article that loads, and no planted escape sequence, C1 control or bidi control reaches the terminal."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from tests.hostile.generate import LEAK_MARKERS, OSC52, find_leaks
from tests.hostile.pty_harness import run_in_pty

ROOT = Path(__file__).resolve().parents[2]


def test_harness_captures_raw_bytes_and_finds_leaks() -> None:
    """The harness itself: a program that writes planted sequences raw is caught."""
    script = textwrap.dedent(
        f"""
        import sys, tty
        tty.setraw(0)
        sys.stdout.write("READY " + {OSC52!r} + "\\u202e\\u009b")
        sys.stdout.flush()
        key = sys.stdin.read(1)
        sys.stdout.write("got " + key)
        sys.stdout.flush()
        """
    )
    run = run_in_pty([sys.executable, "-c", script], wait_for=[b"READY"], settle=0.2, timeout=10)
    assert run.ready and run.alive_before_keys
    assert run.exit_code == 0
    assert run.output.endswith(b"got q")
    leaks = find_leaks(run.output)
    assert repr(LEAK_MARKERS[0]) in leaks and "bidi U+202E" in leaks and "C1 U+009B" in leaks


def test_harness_reports_a_program_that_ignores_keys() -> None:
    script = "import time, sys; print('READY', flush=True); time.sleep(60)"
    run = run_in_pty([sys.executable, "-c", script], wait_for=[b"READY"], settle=0.1, quit_timeout=0.5)
    assert run.ready and run.alive_before_keys and run.exit_code is None
    assert find_leaks(run.output) == []
