"""Run a real program in a pseudo-terminal and keep every byte it writes to it.

The hostile TUI test starts ``parallax`` this way: the bytes a terminal would receive are exactly
what the program wrote to the pty, so a planted escape sequence that leaks is found there.
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
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PtyRun:
    """What happened to a program run in a pseudo-terminal."""

    output: bytes
    """Every byte written to the terminal, start to end."""
    ready: bool
    """True when ``wait_for`` showed up before the time limit."""
    alive_before_keys: bool
    """True when the program was still running just before ``keys`` were sent."""
    exit_code: int | None
    """The exit status, or ``None`` when it had to be killed."""
    seconds_to_ready: float
    """How long ``wait_for`` took to appear (or the time limit)."""


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
    keys: bytes = b"q",
    quit_timeout: float = 10.0,
) -> PtyRun:
    """Start ``argv`` on a fresh pty of ``cols`` x ``rows``; read until every byte string of
    ``wait_for`` has appeared (or ``timeout``), keep reading for ``settle`` seconds, note whether
    the program still runs, send ``keys`` and read until it exits (or ``quit_timeout``, after which
    it is killed)."""
    master, slave = os.openpty()
    _set_size(slave, cols, rows)
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    full_env.pop("TEXTUAL", None)
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
    chunks: list[bytes] = []
    seen = b""
    started = time.monotonic()
    ready = not wait_for
    eof = False
    try:
        while not ready and not eof and time.monotonic() - started < timeout:
            data = _read_some(master, 0.1)
            if data is None:
                eof = True
                break
            if data:
                chunks.append(data)
                seen = b"".join(chunks)
                ready = all(marker in seen for marker in wait_for)
        seconds_to_ready = time.monotonic() - started
        settle_until = time.monotonic() + settle
        while not eof and time.monotonic() < settle_until:
            data = _read_some(master, settle_until - time.monotonic())
            if data is None:
                eof = True
            elif data:
                chunks.append(data)
        alive = proc.poll() is None
        if alive and keys:
            os.write(master, keys)
        quit_until = time.monotonic() + quit_timeout
        while not eof and time.monotonic() < quit_until:
            data = _read_some(master, 0.1)
            if data is None:
                eof = True
            elif data:
                chunks.append(data)
            elif proc.poll() is not None:
                # Exited; drain what is left.
                while (data := _read_some(master, 0.05)):
                    chunks.append(data)
                break
        try:
            exit_code: int | None = proc.wait(timeout=max(0.1, quit_until - time.monotonic()))
        except subprocess.TimeoutExpired:
            exit_code = None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    return PtyRun(
        output=b"".join(chunks),
        ready=ready,
        alive_before_keys=alive,
        exit_code=exit_code,
        seconds_to_ready=seconds_to_ready,
    )
