"""Save latency of the annotation store (add one annotation) as the store grows.

Run by hand: ``.venv/bin/python benchmarks/store.py [--repeat N]``. For stores holding 100,
1,000 and 10,000 annotations it measures, in the same run and on the same folder:

* ``parallax``: :meth:`AnnotationStore.add` (lock, re-read check, TinyDB insert, atomic write:
  temp file + fsync + ``os.replace`` + folder fsync, hard-link backup);
* ``tinydb``: TinyDB's default ``JSONStorage`` insert (rewrites the file in place, fsync; not
  crash-safe, no lock);
* ``plain``: ``json.dumps`` of the same data + temp file + fsync + ``os.replace`` (the floor for
  any crash-safe JSON store).

and prints the medians in milliseconds and the ratios against both baselines, plus the median
of an edit (``update`` then ``all()``, as the app does) for information. The goal is an add
median under 30 ms at 10,000 annotations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB  # noqa: E402

from reader.core.annotate import new_annotation  # noqa: E402
from reader.core.corpus import load_corpus  # noqa: E402
from reader.core.store import TABLE, AnnotationStore  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"
TAGS = ("claim", "quote", "denial", "threat", "source", "official", "context", "numbers")


def make_annotations(n: int, seed: int = 1) -> list:
    """``n`` realistic annotations on the sample articles (spans of 40 to 300 characters)."""
    rng = random.Random(seed)
    docs = load_corpus([SAMPLE]).documents
    out = []
    for _ in range(n):
        doc = rng.choice(docs)
        length = rng.randint(40, 300)
        start = rng.randint(0, len(doc.text) - length - 1)
        out.append(
            new_annotation(
                doc,
                start,
                start + length,
                tags=rng.sample(TAGS, rng.randint(0, 3)),
                note=rng.choice(["", "", "check against the wire copy", "who said this first?"]),
            )
        )
    return out


def bench_parallax(folder: Path, size: int, repeat: int) -> tuple[list[float], list[float]]:
    """Latencies of ``add`` and of ``update`` (new tags on one annotation, then ``all()``, as
    the app does after an edit)."""
    path = folder / f"parallax-{size}.json"
    store = AnnotationStore.open(path)
    saved = store.add_many(make_annotations(size, seed=size))
    extra = make_annotations(repeat, seed=size + 1)
    times = []
    for annotation in extra:
        t0 = time.perf_counter()
        store.add(annotation)
        times.append(time.perf_counter() - t0)
    assert len(store.all()) == size + repeat
    edits = []
    for n in range(repeat):
        t0 = time.perf_counter()
        store.update(saved[(n * 37) % size].id, tags=["edited", str(n)])
        store.all()
        edits.append(time.perf_counter() - t0)
    store.close()
    return times, edits


def bench_tinydb(folder: Path, size: int, repeat: int) -> list[float]:
    path = folder / f"tinydb-{size}.json"
    db = TinyDB(path)
    table = db.table(TABLE)
    table.insert_multiple([a.to_record() for a in make_annotations(size, seed=size)])
    extra = make_annotations(repeat, seed=size + 1)
    times = []
    for annotation in extra:
        t0 = time.perf_counter()
        table.insert(annotation.to_record())
        times.append(time.perf_counter() - t0)
    db.close()
    return times


def bench_plain(folder: Path, size: int, repeat: int) -> list[float]:
    path = folder / f"plain-{size}.json"
    data = {TABLE: {str(i): a.to_record() for i, a in enumerate(make_annotations(size, seed=size), 1)}}
    extra = make_annotations(repeat, seed=size + 1)
    times = []
    for n, annotation in enumerate(extra, size + 1):
        t0 = time.perf_counter()
        data[TABLE][str(n)] = annotation.to_record()
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, json.dumps(data, separators=(",", ":")).encode())
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, path)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=31, help="saves measured per size (default 31)")
    parser.add_argument("--sizes", default="100,1000,10000", help="store sizes (comma-separated)")
    parser.add_argument("--dir", default=None, help="folder to run in (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"save latency, median of {args.repeat} saves (ms), in {folder}; load average {load} on {os.cpu_count()} cores")
        print(f"{'annotations':>12} {'parallax':>9} {'tinydb':>9} {'plain':>9} {'vs tinydb':>10} {'vs plain':>9} {'edit':>9}")
        for size in sizes:
            adds, edits = bench_parallax(folder, size, args.repeat)
            ours = statistics.median(adds) * 1000
            edit = statistics.median(edits) * 1000
            tiny = statistics.median(bench_tinydb(folder, size, args.repeat)) * 1000
            plain = statistics.median(bench_plain(folder, size, args.repeat)) * 1000
            print(
                f"{size:>12,} {ours:>9.2f} {tiny:>9.2f} {plain:>9.2f} {ours / tiny:>9.2f}x {ours / plain:>8.2f}x {edit:>9.2f}"
            )
        print("parallax/tinydb/plain: add one annotation; edit: parallax update() + all() (no baseline)")
        print("goal: parallax add under 30 ms at 10,000 annotations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
