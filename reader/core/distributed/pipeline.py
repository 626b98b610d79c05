"""The distributed pipeline: the local engine's stages over partitions, on a Dask cluster.

1. ``documents``: the inputs read (here, streamed) into partitions of ``partition_size``
   documents, and the corpus fingerprint checked against the manifest of ``--out``.
2. ``postings`` (per partition): every seed occurrence, sharded by n-gram.
3. ``frequency`` (per shard): the n-grams in two documents or more, boilerplate dropped
   (``max_doc_fraction``), as the local engine does.
4. ``pairs`` (per shard): the sharded join: each candidate n-gram's occurrences linked as the
   local engine links them, the seeds bucketed by pair of documents.
5. ``verify`` (per bucket): each pair's seeds chained and verified by the local engine's code.
6. ``groups`` (ONE task over the whole corpus): claims, grouping and folding, the local engine's
   :func:`~reader.core.align.engine.shown_groups`. This stage holds every document and every
   alignment in one worker: it bounds the corpus a run can handle by one worker's memory.

A stage whose ``_SUCCESS`` mark is in ``--out`` is skipped; within an unfinished stage, parts
already written are kept. Imports Dask (the ``dask`` extra): import it through
:func:`reader.core.distributed.require`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from distributed import Client, LocalCluster, as_completed

from reader import __version__
from reader.core.align.options import AlignOptions
from reader.core.align.seeds import doc_limit
from reader.core.distributed import tasks
from reader.core.distributed.inputs import Fingerprint, read_documents
from reader.core.distributed.store import STAGES, Out
from reader.core.models import Document, LoadIssue

__all__ = ["DistributedError", "Interrupted", "Run", "run"]


class DistributedError(Exception):
    """An expected failure of the run (its message is one line)."""


class Interrupted(Exception):
    """Raised by ``stop_after`` (tests): the run stops as if killed after that stage."""


@dataclass
class Run:
    """What a run did: documents, counts per stage, seconds per stage, the stages reused."""

    out: str
    documents: int = 0
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    issues: int = 0


def run(
    paths: Sequence[str],
    out_path: str,
    options: AlignOptions = AlignOptions(),
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 5000,
    fresh: bool = False,
    issue: Callable[[LoadIssue], None] = lambda issue: None,
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
    stop_after: str | None = None,
    client: Client | None = None,
) -> Run:
    """Align the corpus at ``paths`` on a Dask cluster (``client``; else the scheduler at
    ``scheduler``; else a local cluster of ``workers`` processes, started and closed), writing
    the stages and ``groups.jsonl`` under ``out_path``. ``issue`` gets each skipped input;
    ``progress(stage, done, total)`` the partitions done."""
    out = Out(out_path)
    if fresh:
        out.clear()
    result = Run(str(out.path))
    start = time.perf_counter()
    documents, partitions, fingerprint = _documents(paths, out, partition_size, issue, result)
    result.seconds["documents"] = time.perf_counter() - start
    manifest = {"parallax": __version__, "fingerprint": fingerprint, "options": asdict(options), "partition_size": partition_size}
    known = out.manifest()
    if known is not None and known != manifest:
        differ = [name for name, key in (("corpus", "fingerprint"), ("options", "options"), ("Parallax version", "parallax"), ("partition size", "partition_size")) if known.get(key) != manifest[key]]
        raise DistributedError(f"{out.path}: made from another run ({', '.join(differ) or 'manifest'} changed); use --fresh to start over")
    out.write_manifest(manifest)
    if out.done("documents") is None:
        out.finish("documents", {"documents": documents, "partitions": partitions})
    else:
        result.reused.append("documents")
    result.documents = documents
    if documents < 2 and not options.self_matches:
        tasks.write_groups(out.groups_file, [], ())
        return result
    own = client is None
    cluster = None
    if own:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise DistributedError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            client = Client(cluster)
    try:
        _stages(client, out, options, documents, partitions, result, progress, stop_after)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return result


def _documents(paths: Sequence[str], out: Out, size: int, issue: Callable[[LoadIssue], None], result: Run) -> tuple[int, int, str]:
    """Stage ``documents``: the inputs read, fingerprinted and (unless already there) written in
    partitions of ``size``. Returns (documents, partitions, fingerprint)."""
    fingerprint = Fingerprint()
    write = out.done("documents") is None
    batch: list[Document] = []
    partitions = 0
    for item in read_documents(paths):
        if isinstance(item, LoadIssue):
            result.issues += 1
            issue(item)
            continue
        batch.append(item)
        fingerprint.add(item)
        if len(batch) == size:
            if write:
                tasks.write_documents(out, partitions, fingerprint.count - len(batch), batch)
            partitions += 1
            batch = []
    if batch or partitions == 0:
        if write:
            tasks.write_documents(out, partitions, fingerprint.count - len(batch), batch)
        partitions += 1
    return fingerprint.count, partitions, fingerprint.hexdigest()


def _stages(client: Client, out: Out, options: AlignOptions, documents: int, partitions: int, result: Run,
            progress: Callable[[str, int, int], None], stop_after: str | None) -> None:
    """Stages 2 to 6, each skipped when done."""
    shards = buckets = partitions
    path = str(out.path)
    limit = doc_limit(options, documents)
    plan: list[tuple[str, list[tuple[str, Callable[..., Any], tuple[Any, ...]]]]] = [
        ("postings", [(tasks.part_name("ps", p, shards - 1), tasks.postings_task, (path, p, options.ngram, shards)) for p in range(partitions)]),
        ("frequency", [(tasks.part_name("s", s), tasks.frequency_task, (path, s, partitions, limit)) for s in range(shards)]),
        ("pairs", [(tasks.part_name("sk", s, buckets - 1), tasks.pairs_task, (path, s, partitions, buckets, options.ngram, options.self_matches)) for s in range(shards)]),
        ("verify", [(tasks.verified_part("links", k), tasks.verify_task, (path, k, partitions, shards, options)) for k in range(buckets)]),
        ("groups", [("groups", tasks.groups_task, (path, partitions, buckets, options))]),
    ]
    if stop_after == "documents":
        raise Interrupted("documents")
    for stage, work in plan:
        if out.done(stage) is not None:
            result.reused.append(stage)
            result.counts[stage] = out.done(stage)
            out.log(f"reused {stage}")
            if stop_after == stage:
                raise Interrupted(stage)
            continue
        start = time.perf_counter()
        # A part is done when its last file is there (each task writes its files in order, the
        # one named here last), so a killed task's part is computed again.
        todo = [(name, fn, args) for name, fn, args in work if not _exists(out, stage, name)]
        progress(stage, len(work) - len(todo), len(work))
        futures = [client.submit(fn, *args, pure=False, key=f"{stage}-{name}-{os.getpid()}-{time.time_ns()}") for name, fn, args in todo]
        values = []
        for k, future in enumerate(as_completed(futures), 1):
            values.append(future.result())
            progress(stage, len(work) - len(todo) + k, len(work))
        info = _summary(stage, values)
        out.finish(stage, {"computed": len(todo), "parts": len(work), **info})
        out.log(f"computed {stage} {len(todo)}/{len(work)} parts")
        result.counts[stage] = info
        result.seconds[stage] = time.perf_counter() - start
        if stop_after == stage:
            raise Interrupted(stage)


def _exists(out: Out, stage: str, name: str) -> bool:
    """Whether part ``name`` of ``stage`` was written."""
    if stage == "groups":
        return False
    return out.part(stage, name).exists()


def _summary(stage: str, values: list[Any]) -> dict[str, Any]:
    """What a stage's tasks returned, summed (this run's share when it resumed)."""
    if stage == "postings":
        return {"postings": sum(values)}
    if stage == "frequency":
        return {"candidates": sum(v[0] for v in values), "boilerplate": sum(v[1] for v in values)}
    if stage == "pairs":
        return {"seeds": sum(values)}
    if stage == "verify":
        return {"pairs": sum(v[0] for v in values), "links": sum(v[1] for v in values)}
    return values[0] if values else {}
