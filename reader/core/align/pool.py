"""The aligner's process pool: a stage run on slices of a big corpus in forked processes.

The pool is a ``fork`` pool: what every slice needs (the documents, or the verification
:class:`~reader.core.align.context.Context`) reaches the processes through the pool's
initializer, copied by fork and never pickled; only the slices (ranges of documents, lists of
document pairs) and their results travel. Results come back in slice order, so the output is the
same as in one process. :func:`workers_for` decides whether a pool pays for itself.

When the pool cannot start (no ``fork``, no shared memory for its locks, a limit on processes),
:class:`PoolUnavailable` says why in one line and the caller aligns in one process. Pool
processes end with the process that started them, even when it is killed (Linux: the parent's
death signals them; elsewhere they end when the pool's pipes close). A process that runs other
threads (the app) never forks: it aligns in a subprocess of its own instead
(:mod:`reader.core.align.remote`), which may fork.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from reader.core.align.options import AlignOptions
from reader.core.align.seeds import Chunk, prepare_docs
from reader.core.models import Document

__all__ = [
    "PoolUnavailable",
    "alongside",
    "die_with_parent",
    "prepare_in_processes",
    "worker_cpu_seconds",
    "workers_for",
]


T = TypeVar("T")


class PoolUnavailable(Exception):
    """The process pool could not start; the message says why in a few words."""


Pairs = list[tuple[tuple[int, int], list[tuple[int, int]]]]
"""Seed matches per pair of documents: ``[((a, b), [(pos_a, pos_b), ...]), ...]``."""


def workers_for(options: AlignOptions, n_docs: int) -> int:
    """How many processes to align ``n_docs`` documents with (1: no pool)."""
    if options.workers == 1 or n_docs < options.parallel_min_docs:
        return 1
    if sys.platform == "darwin":
        return 1
    if threading.active_count() > 1:
        # Forking a process that runs other threads (the app's workers) is not safe.
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if options.workers:
        return max(1, min(cores, options.workers))
    # Automatic: a second process only pays for itself when a core is idle (measured: on a
    # busy two-core machine the pool's copying makes the whole run slower).
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:
        idle = 0.0
    return 2 if cores >= 2 and idle >= 1.0 else 1


def prepare_in_processes(
    documents: Sequence[Document], n: int, workers: int, report: Callable[[float], None]
) -> list[Chunk]:
    """:func:`~reader.core.align.seeds.prepare_docs` on slices of the corpus, in ``workers``
    processes (progress 0 to 0.3)."""
    count = workers * 3
    size = -(-len(documents) // count)
    ranges = [range(k, min(k + size, len(documents))) for k in range(0, len(documents), size)]
    chunks: list[Chunk] = []
    with _pool(workers, (documents, n)) as pool:
        for k, chunk in enumerate(_results(pool.imap(_prepare_slice, ranges))):
            chunks.append(chunk)
            report(0.3 * (k + 1) / len(ranges))
    return chunks


def alongside(
    shared: Any,
    tasks: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]],
    work: Callable[[], T],
    workers: int,
    wait: Callable[[], None],
) -> tuple[T, list[Any]]:
    """``work()`` in this process while ``workers`` pool processes holding ``shared`` run
    ``tasks`` (``(function, args)`` each, run as ``function(shared, *args)``: module-level
    functions), taken in turn by the first process free: ``work``'s result and the tasks'
    results in task order. ``wait()`` is called every 50 ms while this process waits for the
    tasks (it may raise: the pool processes are then ended)."""
    with _pool(workers, shared) as pool:
        pending = [pool.apply_async(_call, (function, *args)) for function, args in tasks]
        done = work()
        for result in pending:
            while not result.ready():
                wait()
                result.wait(0.05)
        return done, list(_results(result.get() for result in pending))


def _pool(workers: int, shared: Any) -> Any:
    """A fork pool whose processes hold ``shared`` (given by fork, never pickled), or
    :class:`PoolUnavailable`."""
    if "fork" not in multiprocessing.get_all_start_methods():
        raise PoolUnavailable("this system cannot fork")
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_hold, initargs=(shared, os.getpid()))
    except (OSError, ImportError, ValueError) as exc:  # no /dev/shm (sem_open), EAGAIN (a limit)...
        raise PoolUnavailable(f"{type(exc).__name__}: {exc}") from None


_worker_cpu = 0.0


def worker_cpu_seconds() -> float:
    """CPU seconds the pool processes of this process have used so far (for benchmarks: a
    pool process's CPU time is not in this process's own, nor always in its children's)."""
    return _worker_cpu


def _results(results: Any) -> Any:
    """The results of a pool's tasks, each unwrapped from :func:`_timed`, adding up the CPU
    time of the pool's processes (the latest figure of each)."""
    global _worker_cpu
    latest: dict[int, float] = {}
    try:
        for pid, cpu, result in results:
            latest[pid] = cpu
            yield result
    finally:
        _worker_cpu += sum(latest.values())


def _timed(result: Any) -> tuple[int, float, Any]:
    """A task's result with the process and its CPU time so far."""
    return os.getpid(), time.process_time(), result


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (the process that started it) dies, even by SIGKILL
    (Linux: ``prctl(PR_SET_PDEATHSIG)``); end at once when it is already gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


# What a pool process works on: set in each pool process by the initializer (never in the
# process that runs the pipeline).
_shared: Any = None


def _hold(shared: Any, parent: int) -> None:
    global _shared
    _shared = shared
    die_with_parent(parent)


def _prepare_slice(indices: range) -> tuple[int, float, Chunk]:
    """Prepare one slice of the corpus (in a pool process)."""
    documents, n = _shared
    return _timed(prepare_docs(documents, indices, n))


def _call(function: Callable[..., Any], *args: Any) -> tuple[int, float, Any]:
    """One task of :func:`alongside` (in a pool process)."""
    return _timed(function(_shared, *args))
