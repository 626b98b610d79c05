"""The aligner in a subprocess of its own, for a caller that runs threads (the app).

A process that runs threads must not fork (a lock another thread holds would stay locked in the
child forever), so it could not use the fork pool of :mod:`reader.core.align.pool` and aligned
in one process, in a thread sharing the interpreter lock with the screen. :func:`align_remote`
instead starts ``python -m reader.core.align.remote``: a fresh, single-threaded interpreter that
aligns the documents with :func:`~reader.core.align.engine.align` (and its fork pool when that
pays) and sends back its progress, its notices and the groups. The groups are the same as in
the calling process: the engine's output depends only on the documents and the options.

Wire format: the caller writes one pickle, ``(parent pid, documents, options)``, to the
subprocess's standard input; the subprocess writes frames (an 8-byte length, then a pickle) to its standard output:
``("progress", fraction)``, ``("notice", line)``, then ``("done", groups)`` or ``("error",
line)``. The caller waits for them at most 0.1 s at a time, so cancelling never waits for the
subprocess. Anything
else it prints goes to standard error, which is discarded (the app owns the terminal).

The subprocess ends with its caller: cancelled, the caller kills it; killed, the caller's death
signals it (Linux), and it dies on its next write to the closed pipe anyway. When the subprocess
cannot start (a limit on processes, no memory), :func:`align_remote` aligns in the calling
process, in one process, and says so through ``notice``.
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, BinaryIO

from reader.core.align.options import AlignOptions, Cancelled
from reader.core.models import Document, Group

__all__ = ["COMMAND", "align_remote", "main"]

COMMAND = (sys.executable, "-m", "reader.core.align.remote")
"""What runs the subprocess."""


def align_remote(
    documents: Sequence[Document],
    options: AlignOptions = AlignOptions(),
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    notice: Callable[[str], None] | None = None,
) -> tuple[Group, ...]:
    """:func:`~reader.core.align.engine.align` run in a subprocess (same arguments, same
    result). Raises :class:`Cancelled` when ``cancelled()`` turns true (checked at each message
    of the subprocess, at least once per percent of progress), ``RuntimeError`` with one line
    when the subprocess fails."""
    from reader.core.align.engine import align

    try:
        child = subprocess.Popen(
            list(COMMAND),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": _import_path()},
        )
    except OSError as exc:
        if notice is not None:
            notice(f"alignment: no subprocess ({type(exc).__name__}: {exc}); aligning in one process")
        return align(documents, replace(options, workers=1), progress=progress, cancelled=cancelled)
    try:
        return _talk(child, documents, options, progress, cancelled, notice)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None and not stream.closed:
                stream.close()


def _talk(
    child: subprocess.Popen[bytes],
    documents: Sequence[Document],
    options: AlignOptions,
    progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
    notice: Callable[[str], None] | None,
) -> tuple[Group, ...]:
    """Send the work, relay the messages, return the groups."""
    assert child.stdin is not None and child.stdout is not None
    try:
        pickle.dump((os.getpid(), tuple(documents), options), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        child.stdin.close()
    except OSError:
        pass  # it died at once: said below, from what it left on its standard output
    for kind, value in _messages(child.stdout.fileno(), cancelled):
        if kind == "progress" and progress is not None:
            progress(value)
        elif kind == "notice" and notice is not None:
            notice(value)
        elif kind == "done":
            return tuple(value)
        elif kind == "error":
            raise RuntimeError(value)
    code = child.wait()
    raise RuntimeError(f"the alignment subprocess ended without an answer (exit status {code})")


def _messages(fd: int, cancelled: Callable[[], bool] | None) -> Iterator[tuple[str, Any]]:
    """The subprocess's messages (frames: an 8-byte length, then a pickle) until its output
    ends; :class:`Cancelled` as soon as ``cancelled()`` turns true (checked every 0.1 s while
    waiting, so a long silent stage never holds the caller)."""
    buffer = bytearray()
    while True:
        while len(buffer) >= 8 and len(buffer) >= 8 + (size := int.from_bytes(buffer[:8], "big")):
            try:
                yield pickle.loads(bytes(buffer[8 : 8 + size]))
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
                return
            del buffer[: 8 + size]
        if cancelled is not None and cancelled():
            raise Cancelled()
        if os.name == "posix" and not select.select([fd], [], [], 0.1)[0]:
            continue
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError:
            return
        if not chunk:
            return
        buffer += chunk


def _import_path() -> str:
    """``PYTHONPATH`` for the subprocess: where this ``reader`` package is imported from, first,
    so it runs the same code as its caller."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    rest = os.environ.get("PYTHONPATH")
    return here if not rest else here + os.pathsep + rest


def serve(source: BinaryIO, out: BinaryIO) -> int:
    """The subprocess: read the work from ``source``, align, write messages to ``out``."""
    from reader.core.align.engine import align
    from reader.core.align.pool import die_with_parent, quick_dumps

    parent, documents, options = pickle.load(source)
    die_with_parent(parent)

    def send(kind: str, value: Any) -> None:
        data = quick_dumps((kind, value))  # the groups as calls of their classes: quick to load
        out.write(len(data).to_bytes(8, "big") + data)
        out.flush()

    last = -1.0

    def progress(fraction: float) -> None:
        nonlocal last
        if fraction - last >= 0.01 or fraction >= 1.0:
            last = fraction
            send("progress", fraction)

    try:
        groups = align(documents, options, progress=progress, notice=lambda line: send("notice", line))
    except Exception as exc:  # said in one line to the caller
        send("error", f"{type(exc).__name__}: {exc}")
        return 1
    send("done", groups)
    return 0


def main() -> int:
    """``python -m reader.core.align.remote``: :func:`serve` on the standard streams (what else
    is printed goes to standard error)."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        return serve(sys.stdin.buffer, out)
    except BrokenPipeError:  # the caller is gone
        return 1


if __name__ == "__main__":
    sys.exit(main())
