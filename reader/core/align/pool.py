"""The aligner's process pool: stages run in forked processes while a big corpus is aligned.

The pool is a ``fork`` pool: what every process needs (the documents, or the verification
:class:`~reader.core.align.context.Context`) reaches it through the pool's initializer, copied
by fork and never pickled; only slices (ranges of documents) and results travel. The
preparation runs on slices of the corpus (:func:`prepare_in_processes`), results in slice
order; :func:`alongside` runs one task in a forked process (its input given by fork too) while
this process does other work, the two sending each other values midway when they need to
(:class:`Line`).
The output is the same as in one process. :func:`workers_for` decides whether a pool pays for
itself.

When the pool cannot start (no ``fork``, no shared memory for its locks, a limit on processes),
:class:`PoolUnavailable` says why in one line and the caller aligns in one process. Pool
processes end with the process that started them, even when it is killed (Linux: the parent's
death signals them; elsewhere they end when the pool's pipes close). A process that runs other
threads (the app) never forks: it aligns in a subprocess of its own instead
(:mod:`reader.core.align.remote`), which may fork.
"""

from __future__ import annotations

import copyreg
import ctypes
import dataclasses
import gc
import io
import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import signal
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any, TypeVar

from reader.core.align.acronyms import name_runs
from reader.core.align.claim_stage import wants_claims
from reader.core.align.claims import Claim
from reader.core.align.context import Link
from reader.core.align.options import AlignOptions
from reader.core.align.quotes import quotation_bounds
from reader.core.align.seed_halves import Split, split
from reader.core.align.seeds import prepare_docs
from reader.core.align.sentences import sentence_spans
from reader.core.models import Document, Group, Span
from reader.core.numbers import scan
from reader.core.once import keep

__all__ = [
    "READ_AHEAD",
    "Line",
    "PoolUnavailable",
    "alongside",
    "collector_paused",
    "die_with_parent",
    "prepare_in_processes",
    "quick_dumps",
    "read_ahead",
    "trim_heap",
    "worker_cpu_seconds",
    "workers_for",
]


T = TypeVar("T")


class PoolUnavailable(Exception):
    """The process pool could not start; the message says why in a few words."""


Pairs = list[tuple[tuple[int, int], array]]
"""Seed matches per pair of documents: ``[((a, b), seeds), ...]``, the seeds ``(pos_a, pos_b)``
packed in an ``array('q')`` (:func:`~reader.core.align.seeds.pack`)."""


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


READ_AHEAD = (sentence_spans, scan, name_runs, quotation_bounds)
"""What the later stages read of every whole text (:func:`~reader.core.once.per_text`
functions: sentences, figures, names, quotations): read in the pool processes along with the
preparation, and kept in this process for them (inside :func:`~reader.core.once.texts_read_once`)."""


def read_ahead(options: AlignOptions) -> tuple[Callable[..., list[Any]], ...]:
    """What of :data:`READ_AHEAD` the later stages read with ``options``: the sentences and the
    quotations always (groups are folded sentence by sentence and told their quotations), the
    figures only when claims are found (:func:`~reader.core.align.claim_stage.wants_claims`:
    their terms, the figure claims), the names only when claims join names written both ways
    (``claim_acronyms``)."""
    wanted = {sentence_spans, quotation_bounds}
    if wants_claims(options):
        wanted.add(scan)
        if options.claim_acronyms:
            wanted.add(name_runs)
    return tuple(function for function in READ_AHEAD if function in wanted)


def prepare_in_processes(
    documents: Sequence[Document],
    n: int,
    workers: int,
    report: Callable[[float], None],
    wanted: Sequence[Callable[..., list[Any]]] = READ_AHEAD,
) -> list[Split]:
    """:func:`~reader.core.align.seeds.prepare_docs` on slices of the corpus, in ``workers``
    processes, which also read ``wanted`` of every text (of :data:`READ_AHEAD`: what
    :func:`read_ahead` says the options need; progress 0 to 0.3). The chunks come split in
    halves of their n-grams (:class:`~reader.core.align.seed_halves.Split`)."""
    count = workers * 3
    size = -(-len(documents) // count)
    ranges = [range(k, min(k + size, len(documents))) for k in range(0, len(documents), size)]
    chunks: list[Split] = []
    with _pool(workers, (documents, n, tuple(wanted))) as pool:
        for k, (chunk, readings) in enumerate(_results(pool.imap(_prepare_slice, ranges))):
            chunks.append(chunk)
            for d, found in zip(ranges[k], readings):
                for function, result in zip(wanted, found):
                    keep(function, documents[d].text, result)
            report(0.3 * (k + 1) / len(ranges))
    return chunks


@dataclasses.dataclass(frozen=True)
class Line:
    """How :func:`alongside`'s two processes talk midway: ``send(value)`` to the other one
    (never waiting for it to read), ``receive()`` the next value it sent (waiting for it)."""

    send: Callable[[Any], None]
    receive: Callable[[], Any]


def alongside(
    shared: Any,
    task: Callable[..., Any],
    args: tuple[Any, ...],
    work: Callable[..., T],
    wait: Callable[[], None],
    talk: bool = False,
) -> tuple[T, Any]:
    """``work()`` in this process while a forked process runs ``task(shared, *args)`` (a
    module-level function; ``shared`` and ``args`` reach it by fork, never pickled): both
    results. With ``talk``, the two talk midway: ``work(line)`` and ``task(shared, *args,
    line)`` each get a :class:`Line`. ``wait()`` is called every 50 ms while this process
    waits for the task (it may raise: the process is then ended). An exception in the task is
    raised here; a process that cannot start, or ends without an answer (killed, out of
    memory), is :class:`PoolUnavailable`. The process never outlives this call."""
    if "fork" not in multiprocessing.get_all_start_methods():
        raise PoolUnavailable("this system cannot fork")
    context = multiprocessing.get_context("fork")
    inbox = outbox = None
    try:
        receiver, sender = context.Pipe(duplex=False)
        if talk:
            inbox, outbox = context.Pipe(duplex=False)
        process = context.Process(
            target=_run_alongside, args=(sender, shared, task, args, os.getpid(), inbox), daemon=True
        )
        trim_heap()
        process.start()
    except (OSError, ImportError, ValueError) as exc:  # EAGAIN (a limit on processes)...
        raise PoolUnavailable(f"{type(exc).__name__}: {exc}") from None
    sender.close()
    if inbox is not None:
        inbox.close()

    def gone() -> PoolUnavailable:
        process.join()
        return PoolUnavailable(f"the pool process ended without an answer (exit code {process.exitcode})")

    def receive(midway: bool = True) -> Any:
        """The next value the task sent midway, or (``midway`` false) its answer (its exception
        raised)."""
        while not receiver.poll():
            wait()
            ready = multiprocessing.connection.wait([receiver, process.sentinel], 0.05)
            if process.sentinel in ready and not receiver.poll():
                raise gone()
        try:
            ok, answer = pickle.loads(receiver.recv_bytes())
        except EOFError:
            raise gone() from None
        if ok is False:
            raise answer
        if (ok is None) != midway:
            raise RuntimeError("the pool process's task " + ("ended without sending" if midway else "sent more than asked for"))
        return answer

    def send(value: Any) -> None:
        """``value`` to the task; what it answered already when it is gone (its error)."""
        assert outbox is not None
        try:
            outbox.send_bytes(quick_dumps(value))
        except OSError:  # the task ended: its error, or none
            process.join(5.0)
            while receiver.poll():  # what it sent before it ended: its error raised
                try:
                    ok, answer = pickle.loads(receiver.recv_bytes())
                except EOFError:
                    break
                if ok is False:
                    raise answer from None
            raise gone() from None

    try:
        done = work(Line(send, receive)) if talk else work()
        (result,) = _results([receive(midway=False)])
        return done, result
    finally:
        receiver.close()
        if outbox is not None:
            outbox.close()
        if process.is_alive():
            process.kill()
        process.join()


def _run_alongside(
    sender: Any, shared: Any, task: Callable[..., Any], args: tuple[Any, ...], parent: int, inbox: Any = None
) -> None:
    """The forked process of :func:`alongside`: the task's result, or its exception, sent back.
    It inherits the caller's collector as it is: paused, when the engine forks it while it keeps
    the collector paused (the task then runs without collections, which would find little in
    it and copy the parent's pages that they touch). With an ``inbox``, a thread reads what the
    caller sends as it comes (the caller's write never waits for the task)."""
    global _shared
    die_with_parent(parent)
    _shared = shared
    try:
        extra = () if inbox is None else (Line(lambda value: sender.send_bytes(quick_dumps((None, value))), _reader(inbox)),)
        answer: tuple[bool, Any] = (True, _timed(task(shared, *args, *extra)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        answer = (False, exc)
    try:
        sender.send_bytes(quick_dumps(answer))
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        sender.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}" if not answer[0] else repr(exc))))
    sender.close()


def _reader(inbox: Any) -> Callable[[], Any]:
    """What :func:`alongside`'s task calls to get the next value sent to it: the bytes read by
    a thread as they come, unpickled when asked for (EOFError: the caller sent no more)."""
    got: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def read() -> None:
        try:
            while True:
                got.put(inbox.recv_bytes())
        except (EOFError, OSError):
            got.put(None)

    threading.Thread(target=read, daemon=True).start()

    def receive() -> Any:
        data = got.get()
        if data is None:
            got.put(None)
            raise EOFError("nothing more was sent to the pool process")
        return pickle.loads(data)

    return receive


def _by_fields(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """How :func:`quick_dumps` pickles a dataclass ``cls``: as a call of ``cls`` with its
    fields in order (its ``__init__`` takes them all and changes none)."""
    fields = dataclasses.fields(cls)
    assert all(f.init for f in fields) and not hasattr(cls, "__post_init__"), cls
    values = attrgetter(*(f.name for f in fields))
    return lambda obj: (cls, values(obj))


_QUICK = {**copyreg.dispatch_table, **{cls: _by_fields(cls) for cls in (Link, Span, Group, Claim)}}
"""The pool process's answers pickled with these: frozen dataclasses with slots otherwise
pickle as an empty object and a list of values that a Python ``__setstate__`` sets one by
one (a third as fast to unpickle as a call of the class: measured, 16,520 spans, 0.075 s
against 0.024 s)."""


def quick_dumps(value: Any) -> bytes:
    """``value`` pickled (the newest protocol), the alignment's values (:data:`_QUICK`) as
    calls of their class: what ``pickle.loads`` makes of it equals ``value``."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _QUICK
    pickler.dump(value)
    return out.getvalue()


def _pool(workers: int, shared: Any) -> Any:
    """A fork pool whose processes hold ``shared`` (given by fork, never pickled), or
    :class:`PoolUnavailable`."""
    if "fork" not in multiprocessing.get_all_start_methods():
        raise PoolUnavailable("this system cannot fork")
    trim_heap()
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the stages inside run, and turned back on
    after if it was on. They make millions of small objects (terms, sets of them, pairs of
    sentences) that reference counting frees and no cycles, while every collection walks all
    the objects alive: a quarter of the claims stage's time went to collections finding
    nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere) before forking: pages freed but kept by ``malloc`` would be counted in the forked
    process too (its memory starts as this one's)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            pass


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


def _prepare_slice(indices: range) -> tuple[int, float, tuple[Split, list[list[list[Any]]]]]:
    """Prepare one slice of the corpus, and read what :func:`prepare_in_processes` was asked to
    of it (in a pool process)."""
    documents, n, wanted = _shared
    readings = [[function(documents[d].text) for function in wanted] for d in indices]
    return _timed((split(prepare_docs(documents, indices, n)), readings))
