"""The aligner's process pool: a stage run on slices of a big corpus in forked processes.

The pool is a ``fork`` pool: what every slice needs (the documents, or the verification
:class:`~reader.core.align.context.Context`) reaches the processes through the pool's
initializer, copied by fork and never pickled; only the slices (ranges of documents, lists of
document pairs) and their results travel. Results come back in slice order, so the output is the
same as in one process. :func:`workers_for` decides whether a pool pays for itself.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from reader.core.align.context import Context, Link
from reader.core.align.options import AlignOptions
from reader.core.align.seeds import Chunk, prepare_docs
from reader.core.align.verify import verify_pairs
from reader.core.models import Document

__all__ = ["prepare_in_processes", "verify_in_processes", "workers_for"]

Pairs = list[tuple[tuple[int, int], list[tuple[int, int]]]]
"""Seed matches per pair of documents: ``[((a, b), [(pos_a, pos_b), ...]), ...]``."""


def workers_for(options: AlignOptions, n_docs: int) -> int:
    """How many processes to align ``n_docs`` documents with (1: no pool)."""
    if options.workers == 1 or n_docs < options.parallel_min_docs:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
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
        for k, chunk in enumerate(pool.imap(_prepare_slice, ranges)):
            chunks.append(chunk)
            report(0.3 * (k + 1) / len(ranges))
    return chunks


def verify_in_processes(items: Pairs, ctx: Context, workers: int, report: Callable[[float], None]) -> list[Link]:
    """:func:`~reader.core.align.verify.verify_pairs` in ``workers`` processes, the pairs of
    documents dealt out in turn so each slice gets a fair share of the work (progress 0.4 to
    0.9)."""
    chunk_count = workers * 8
    chunks = [items[k::chunk_count] for k in range(chunk_count)]
    results = []
    with _pool(workers, ctx) as pool:
        for k, result in enumerate(pool.imap(_verify_slice, chunks)):
            results.append(result)
            report(0.4 + 0.5 * (k + 1) / chunk_count)
    return [link for result in results for link in result]


def _pool(workers: int, shared: Any) -> Any:
    """A fork pool whose processes hold ``shared`` (given by fork, never pickled)."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=_hold, initargs=(shared,))


# What a pool process works on: set in each pool process by the initializer (never in the
# process that runs the pipeline).
_shared: Any = None


def _hold(shared: Any) -> None:
    global _shared
    _shared = shared


def _prepare_slice(indices: range) -> Chunk:
    """Prepare one slice of the corpus (in a pool process)."""
    documents, n = _shared
    return prepare_docs(documents, indices, n)


def _verify_slice(items: Pairs) -> list[Link]:
    """Verify some pairs of documents (in a pool process)."""
    return verify_pairs(items, _shared)
