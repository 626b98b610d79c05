"""Run a real program in a pseudo-terminal and keep every byte it writes to it.

The hostile TUI test starts ``parallax`` this way: the bytes a terminal would receive are exactly
what the program wrote to the pty, so a planted escape sequence that leaks is found there. The
same bytes are fed to a terminal emulator (pyte) so steps can wait for what is on screen.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyte


@dataclass(frozen=True)
class Step:
    """Keys to send, then read until ``until(screen_text)`` holds or ``seconds`` pass (without
    ``until``: read for ``seconds``). With ``every``, the keys are sent again every ``every``
    seconds while waiting (e.g. move on until an article is in view)."""

    keys: bytes = b""
    until: Callable[[str], bool] | None = None
    seconds: float = 1.0
    every: float | None = None


@dataclass(frozen=True)
class PtyRun:
    """What happened to a program run in a pseudo-terminal."""

    output: bytes
    """Every byte written to the terminal, start to end."""
    ready: bool
    """True when ``wait_for`` showed up before the time limit."""
    alive_before_keys: bool
    """True when the program was still running just before the final keys were sent."""
    exit_code: int | None
    """The exit status, or ``None`` when it had to be killed."""
    seconds_to_ready: float
    """How long ``wait_for`` took to appear (or the time limit)."""
    screens: tuple[str, ...] = ()
    """The screen as text after the settle time and after each step of the script."""
    steps_met: tuple[bool, ...] = ()
    """For each step of the script: whether its ``until`` held (``True`` without one)."""
    step_seconds: tuple[float, ...] = ()
    """For each step of the script: how long it took."""


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _read_some(fd: int, timeout: float) -> bytes | None:
    """Bytes available within ``timeout`` (b"" if none), or ``None`` at end of file."""
    ready, _, _ = select.select([fd], [], [], max(timeout, 0))
    if not ready:
        return b""
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the other side closed
        return None
    return data or None


class _Terminal:
    """The pty's master side: everything read is kept and fed to an emulated screen."""

    def __init__(self, fd: int, cols: int, rows: int) -> None:
        self.fd = fd
        self.chunks: list[bytes] = []
        self.size = 0
        self.eof = False
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._text: str | None = None

    def read(self, timeout: float) -> None:
        data = _read_some(self.fd, timeout)
        if data is None:
            self.eof = True
        elif data:
            self.chunks.append(data)
            self.size += len(data)
            self.stream.feed(data)
            self._text = None

    def text(self) -> str:
        if self._text is None:
            # Not ``screen.display``: it fails on cells left empty by zero-width characters.
            screen = self.screen
            self._text = "\n".join(
                "".join(screen.buffer[y][x].data for x in range(screen.columns)) for y in range(screen.lines)
            )
        return self._text

    def read_until(
        self, done: Callable[[], bool] | None, seconds: float, *, again: bytes = b"", every: float | None = None
    ) -> bool:
        until = time.monotonic() + seconds
        next_send = time.monotonic() + every if every else float("inf")
        while not self.eof and time.monotonic() < until:
            if done is not None and done():
                return True
            if time.monotonic() >= next_send and again:
                os.write(self.fd, again)
                next_send = time.monotonic() + (every or 0)
            self.read(min(0.05, max(0.0, until - time.monotonic())))
        return done() if done is not None else True


def run_in_pty(
    argv: Sequence[str],
    *,
    cols: int = 160,
    rows: int = 45,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    wait_for: Sequence[bytes] = (),
    timeout: float = 30.0,
    settle: float = 1.0,
    script: Sequence[Step] = (),
    keys: bytes = b"q",
    quit_timeout: float = 10.0,
) -> PtyRun:
    """Start ``argv`` on a fresh pty of ``cols`` x ``rows``; read until every byte string of
    ``wait_for`` has appeared in the output (or ``timeout``), keep reading for ``settle``
    seconds, run the ``script``; note whether the program still runs, send ``keys`` and read
    until it exits (or ``quit_timeout``, after which it is killed)."""
    master, slave = os.openpty()
    _set_size(slave, cols, rows)
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    full_env.update(env or {})
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    term = _Terminal(master, cols, rows)
    started = time.monotonic()
    screens: list[str] = []
    met: list[bool] = []
    took: list[float] = []
    try:
        ready = term.read_until(lambda: all(m in b"".join(term.chunks) for m in wait_for), timeout)
        seconds_to_ready = time.monotonic() - started
        term.read_until(None, settle)
        screens.append(term.text())
        for step in script:
            if term.eof:
                break
            if step.keys:
                os.write(master, step.keys)
            check = step.until
            step_start = time.monotonic()
            done = (lambda c=check: c(term.text())) if check else None
            met.append(term.read_until(done, step.seconds, again=step.keys, every=step.every))
            took.append(time.monotonic() - step_start)
            screens.append(term.text())
        alive = proc.poll() is None
        if alive and keys:
            os.write(master, keys)
        term.read_until(lambda: proc.poll() is not None, quit_timeout)
        term.read_until(None, 0.2)  # what was still in the pipe
        try:
            exit_code: int | None = proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            exit_code = None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    return PtyRun(
        output=b"".join(term.chunks),
        ready=ready,
        alive_before_keys=alive,
        exit_code=exit_code,
        seconds_to_ready=seconds_to_ready,
        screens=tuple(screens),
        steps_met=tuple(met),
        step_seconds=tuple(took),
    )
