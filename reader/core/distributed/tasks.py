"""The tasks of a distributed run: each reads its inputs from ``--out`` (Parquet), does one
partition's work with :mod:`.stages` (the local engine's functions) and writes its part back
through a temporary name. They run on the Dask workers, so ``--out`` must be a folder every
worker can read and write (a local folder for a local cluster, a shared file system otherwise).

Partitions: ``P`` partitions of documents (in corpus order), ``S`` shards of n-grams (postings of
one n-gram all land in one shard), ``K`` buckets of document pairs (the seeds of one pair all land
in one bucket).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from reader.core.align.context import Link
from reader.core.align.engine import shown_groups
from reader.core.align.options import AlignOptions
from reader.core.align.tokens import tokenize
from reader.core.distributed.stages import postings, seeds, verify_bucket
from reader.core.distributed.precomputed import write_groups
from reader.core.distributed.store import Out, read_tables, write_table
from reader.core.models import Document

__all__ = ["frequency_task", "groups_task", "pairs_task", "postings_task", "verify_task", "write_documents"]

DOCUMENTS = pa.schema([("doc", pa.int32()), ("id", pa.string()), ("path", pa.string()), ("title", pa.string()), ("text", pa.large_string())])
POSTINGS = pa.schema([("gram", pa.int64()), ("doc", pa.int32()), ("pos", pa.int32()), ("extra", pa.bool_())])
FREQUENCY = pa.schema([("gram", pa.int64())])
SEEDS = pa.schema([("a", pa.int32()), ("b", pa.int32()), ("pa", pa.int32()), ("pb", pa.int32())])
PAIRS = pa.schema([("a", pa.int32()), ("b", pa.int32())])
LINKS = pa.schema(
    [("a", pa.int32()), ("a0", pa.int32()), ("a1", pa.int32()), ("b", pa.int32()), ("b0", pa.int32()), ("b1", pa.int32()),
     ("score", pa.float64()), ("same", pa.bool_()), ("count", pa.int32())]
)


def part_name(kind: str, *numbers: int) -> str:
    """``p00003-s00001.parquet`` and the like."""
    return "-".join(f"{k}{n:05d}" for k, n in zip(kind, numbers)) + ".parquet"


def verified_part(kind: str, k: int) -> str:
    """``pairs-k00003.parquet`` or ``links-k00003.parquet``: what bucket ``k`` verified."""
    return f"{kind}-{part_name('k', k)}"


def write_documents(out: Out, p: int, first: int, documents: list[Document]) -> None:
    """Partition ``p`` of the corpus (its documents numbered from ``first``)."""
    columns = {
        "doc": list(range(first, first + len(documents))),
        "id": [d.id for d in documents],
        "path": [d.path for d in documents],
        "title": [d.title for d in documents],
        "text": [d.text for d in documents],
    }
    write_table(out.part("documents", part_name("p", p)), columns, DOCUMENTS)


def postings_task(out_path: str, p: int, n: int, shards: int) -> int:
    """Stage ``postings``: the seed occurrences of partition ``p``, one part per n-gram shard."""
    out = Out(out_path)
    table = read_tables([out.part("documents", part_name("p", p))], DOCUMENTS, ["doc", "text"])
    grams, docs, positions, extra = postings(zip(table.column("doc").to_pylist(), table.column("text").to_pylist()), n)
    del table
    found = pa.table({"gram": grams, "doc": docs, "pos": positions, "extra": extra}, schema=POSTINGS)
    shard = pa.array([g % shards for g in grams], pa.int32())
    del grams, docs, positions, extra
    for s in range(shards):
        part = found.filter(pc.equal(shard, s))
        write_table(out.part("postings", part_name("ps", p, s)), {name: part.column(name) for name in POSTINGS.names}, POSTINGS)
    return found.num_rows


def _shard_postings(out: Out, s: int, partitions: int) -> pa.Table:
    """Every posting of n-gram shard ``s``."""
    return read_tables([out.part("postings", part_name("ps", p, s)) for p in range(partitions)], POSTINGS)


def frequency_task(out_path: str, s: int, partitions: int, limit: int | None) -> tuple[int, int]:
    """Stage ``frequency``: the candidate n-grams of shard ``s``: in two documents or more, and
    (when the corpus is big enough for the filter, ``limit``) in at most ``limit`` documents,
    number seeds left out, as the local engine's :func:`~reader.core.align.seeds.seed_pairs`.
    Returns (candidates, boilerplate n-grams dropped)."""
    out = Out(out_path)
    found = _shard_postings(out, s, partitions)
    counts = found.group_by("gram").aggregate([("doc", "count_distinct"), ("extra", "max")])
    shared = pc.greater_equal(counts.column("doc_count_distinct"), 2)
    keep = shared
    dropped = 0
    if limit is not None:
        keep = pc.and_(pc.and_(shared, pc.less_equal(counts.column("doc_count_distinct"), limit)), pc.invert(counts.column("extra_max")))
        boiler = pc.and_(pc.greater(counts.column("doc_count_distinct"), limit), pc.invert(counts.column("extra_max")))
        dropped = pc.sum(boiler).as_py() or 0
    kept = counts.filter(keep).column("gram")
    write_table(out.part("frequency", part_name("s", s)), {"gram": kept}, FREQUENCY)
    return len(kept), dropped


def pairs_task(out_path: str, s: int, partitions: int, buckets: int, n: int, self_matches: bool) -> int:
    """Stage ``pairs``: the sharded join: the seeds of shard ``s``'s candidate n-grams, per pair
    of documents, one part per bucket of pairs. Returns the seeds."""
    out = Out(out_path)
    kept = read_tables([out.part("frequency", part_name("s", s))], FREQUENCY).column("gram")
    found = _shard_postings(out, s, partitions)
    found = found.filter(pc.is_in(found.column("gram"), value_set=kept)).sort_by([("gram", "ascending"), ("doc", "ascending"), ("pos", "ascending")])
    rows = seeds(found.column("gram").to_pylist(), found.column("doc").to_pylist(), found.column("pos").to_pylist(), n, self_matches)
    del found
    by_bucket: list[list[tuple[int, int, int, int]]] = [[] for _ in range(buckets)]
    for row in rows:
        by_bucket[bucket_of(row[0], row[1], buckets)].append(row)
    for k, part in enumerate(by_bucket):
        columns = {name: [row[c] for row in part] for c, name in enumerate(SEEDS.names)}
        write_table(out.part("pairs", part_name("sk", s, k)), columns, SEEDS)
    return len(rows)


def bucket_of(a: int, b: int, buckets: int) -> int:
    """The bucket of the pair of documents ``(a, b)``."""
    return (a * 1_000_003 + b) % buckets


def _texts(out: Out, partitions: int, wanted: pa.Array | None = None) -> pa.Table:
    """The documents (``doc``, ``text``), only those in ``wanted`` if given."""
    parts = []
    for p in range(partitions):
        table = read_tables([out.part("documents", part_name("p", p))], DOCUMENTS, ["doc", "text"])
        if wanted is not None:
            table = table.filter(pc.is_in(table.column("doc"), value_set=wanted))
        parts.append(table)
    return pa.concat_tables(parts)


def verify_task(out_path: str, k: int, partitions: int, shards: int, options: AlignOptions) -> tuple[int, int]:
    """Stage ``verify``: the seeds of bucket ``k``'s pairs of documents verified by the local
    engine's code. Writes the pairs seen, then the alignments; returns how many of each."""
    out = Out(out_path)
    found = read_tables([out.part("pairs", part_name("sk", s, k)) for s in range(shards)], SEEDS)
    wanted = pc.unique(pa.concat_arrays([found.column("a").combine_chunks(), found.column("b").combine_chunks()]))
    texts = _texts(out, partitions, wanted)
    links, pairs = verify_bucket(
        dict(zip(texts.column("doc").to_pylist(), texts.column("text").to_pylist())),
        zip(*(found.column(name).to_pylist() for name in SEEDS.names)),
        options,
    )
    del texts, found
    write_table(out.part("verify", verified_part("pairs", k)), {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, PAIRS)
    columns = {name: [getattr(link, name) for link in links] for name in LINKS.names}
    write_table(out.part("verify", verified_part("links", k)), columns, LINKS)
    return len(pairs), len(links)


def groups_task(out_path: str, partitions: int, buckets: int, options: AlignOptions) -> dict[str, int]:
    """Stage ``groups``, one task over the whole corpus: the claims, the grouping (connected
    components over the alignments) and the folding of the local engine
    (:func:`~reader.core.align.engine.shown_groups`); the groups are written to ``groups.jsonl``."""
    out = Out(out_path)
    table = read_tables([out.part("documents", part_name("p", p)) for p in range(partitions)], DOCUMENTS)
    documents = [Document(i, path, title, text) for i, path, title, text in zip(*(table.column(c).to_pylist() for c in ("id", "path", "title", "text")))]
    del table
    pair_table = read_tables([out.part("verify", verified_part("pairs", k)) for k in range(buckets)], PAIRS)
    pairs = dict.fromkeys(zip(pair_table.column("a").to_pylist(), pair_table.column("b").to_pylist()))
    link_table = read_tables([out.part("verify", verified_part("links", k)) for k in range(buckets)], LINKS)
    links = [Link(*row) for row in zip(*(link_table.column(name).to_pylist() for name in LINKS.names))]
    tokens = [tokenize(doc.text) for doc in documents]
    groups = shown_groups(documents, tokens, pairs, links, options)
    write_groups(out.groups_file, documents, groups)
    return {"documents": len(documents), "pairs": len(pairs), "links": len(links), "groups": len(groups), "shown": sum(not g.hidden for g in groups)}
