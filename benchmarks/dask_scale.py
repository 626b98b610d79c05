"""``parallax align --engine dask`` at scale: story-clustered articles (about 10 per story, about
60% of each article's sentences from its story) on a local cluster of two worker processes.

Prints, per stage: wall seconds, the workers' CPU seconds (summed) and the driver's; the peak
memory (max RSS) of each worker; then checks the output against the local engine: on the whole
corpus when ``--check full`` (feasible up to a few tens of thousands of articles), else on the
articles of ``--sample-stories`` stories aligned alone (their groups should be the same, stories
sharing nothing but boilerplate). Finally it estimates 10 million articles on 100 such workers from
the per-stage CPU figures (see the printed assumptions).

    .venv/bin/python benchmarks/dask_scale.py 10000 30000 [--check full|sample]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.story_corpus import story_articles, write_jsonl  # noqa: E402
from reader.core.align import align  # noqa: E402
from reader.core.distributed import require  # noqa: E402
from reader.core.distributed.precomputed import group_line  # noqa: E402
from reader.core.models import Document  # noqa: E402
from reader.core.headline import title_of  # noqa: E402

PER_STORY = 10


def worker_usage() -> dict[str, float]:
    """This process's CPU seconds and peak RSS (MiB): run on each worker."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def run_size(n: int, check: str, sample_stories: int, partition_size: int) -> dict:
    """One size: generate, align on the cluster, measure, check."""
    from distributed import Client, LocalCluster

    pipeline = require()
    folder = Path(tempfile.mkdtemp(prefix=f"dask_scale_{n}_"))
    corpus = folder / "corpus.jsonl.gz"
    write_jsonl(str(corpus), story_articles(n, per_story=PER_STORY, seed=11))
    stage_cpu: dict[str, float] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, Client(cluster) as client:
        last = [sum(u["cpu"] for u in client.run(worker_usage).values())]

        def progress(stage: str, done: int, total: int) -> None:
            if done == total:
                now = sum(u["cpu"] for u in client.run(worker_usage).values())
                stage_cpu[stage] = now - last[0]
                last[0] = now
                print(f"  {stage}: {done}/{total} partitions, workers' CPU {stage_cpu[stage]:.1f} s", file=sys.stderr, flush=True)

        driver0 = time.process_time()
        wall0 = time.perf_counter()
        result = pipeline.run([str(corpus)], str(folder / "out"), partition_size=partition_size, client=client, progress=progress, fresh=True)
        wall = time.perf_counter() - wall0
        driver = time.process_time() - driver0
        workers = client.run(worker_usage)
    got = (folder / "out" / "groups.jsonl").read_text(encoding="utf-8").splitlines()
    documents = [Document(i, str(corpus), title_of(t), t) for i, t in story_articles(n, per_story=PER_STORY, seed=11)]
    figures = {
        "articles": n, "wall_s": round(wall, 1), "driver_cpu_s": round(driver, 1),
        "stages": {s: {"wall_s": round(result.seconds.get(s, 0), 1), "workers_cpu_s": round(stage_cpu.get(s, 0), 1)} for s in ["documents", *result.counts]},
        "counts": result.counts,
        "peak_rss_mib": {addr.rsplit(":", 1)[-1]: round(u["rss_mib"]) for addr, u in workers.items()},
        "groups": len(got),
    }
    figures["stages"]["documents"]["driver_cpu_s"] = round(result.seconds.get("documents", 0), 1)
    if check == "full":
        cpu0 = time.process_time()
        texts = {d.id: d.text for d in documents}
        want = [group_line(g, texts) for g in align(documents)]
        figures["local_engine_cpu_s"] = round(time.process_time() - cpu0, 1)
        figures["local_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        figures["check"] = f"full corpus: {'identical' if want == got else 'DIFFERENT'} ({len(want)} local groups)"
    else:
        stories = max(1, n // PER_STORY)
        chosen = set(random.Random(5).sample(range(stories), min(sample_stories, stories)))
        sample = [d for k, d in enumerate(documents) if k % stories in chosen]
        ids = {d.id for d in sample}
        texts = {d.id: d.text for d in sample}
        want = {tuple((s.doc, s.start, s.end) for s in g.spans) for g in align(sample) if not g.hidden}
        mine = set()
        for line in got:
            item = json.loads(line)
            spans = tuple((s["doc"], s["start"], s["end"]) for s in item["spans"] if s["doc"] in ids)
            if spans and item["folded_into"] is None and item["kind"] != "fragment" and len({s[0] for s in spans}) > 1:
                mine.add(spans)
        same = len(want & mine)
        figures["check"] = (
            f"sample of {len(chosen)} stories ({len(sample)} articles) aligned alone: {same} of {len(want)} local shown "
            f"groups found identically among {len(mine)} distributed ones"
        )
        del texts
    return figures


def estimate(figures: dict, target: int = 10_000_000, workers: int = 100) -> list[str]:
    """10 million articles on 100 workers, from one run's per-stage CPU (assumptions printed)."""
    n = figures["articles"]
    scale = target / n
    lines = [f"estimate for {target:,} articles on {workers} workers (from {n:,}):"]
    total = 0.0
    for stage, f in figures["stages"].items():
        cpu = f.get("workers_cpu_s", 0) or f.get("driver_cpu_s", 0)
        if stage in ("postings", "verify", "pairs", "frequency"):
            # Linear in the articles at a fixed story density (postings and pairs grow with the
            # occurrences; the join with the candidate n-grams), spread over every worker.
            secs = cpu * scale / workers
            how = "linear, / workers"
        elif stage == "documents":
            secs = cpu * scale
            how = "linear, on the driver (one reader)"
        else:
            secs = cpu * scale
            how = "linear at best, ONE task on one worker (and all of it in its memory)"
        total += secs
        lines.append(f"  {stage:<10} {secs / 3600:8.2f} h  ({how})")
    lines.append(f"  total      {total / 3600:8.2f} h; memory of the groups task ~ {max(figures['peak_rss_mib'].values()) * scale / 1024:,.0f} GiB")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--check", choices=("full", "sample"), default="sample")
    parser.add_argument("--sample-stories", type=int, default=30)
    parser.add_argument("--partition-size", type=int, default=5000)
    args = parser.parse_args()
    for n in args.sizes:
        print(f"== {n:,} articles", flush=True)
        figures = run_size(n, args.check, args.sample_stories, args.partition_size)
        print(json.dumps(figures, indent=2), flush=True)
        print("\n".join(estimate(figures)), flush=True)


if __name__ == "__main__":
    main()
