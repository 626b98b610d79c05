"""How the two-process aligner keeps both cores busy (issue 11): the CPU of each stage in each
process, and the wall time it would take on a quiet two-core machine (the critical path).

    .venv/bin/python benchmarks/schedule.py [--size 1000] [--runs 3] [--tree OTHER_CHECKOUT]

The machine is shared, so wall times are noise; CPU times are not (much). Each tree runs in a
fresh child process (``--tree``: another checkout's ``reader`` package, e.g. the code before a
change; both trees take turns run by run). In it, a story corpus
(:func:`benchmarks.corpus_gen.generate_story_corpus`) is aligned with two processes
(``workers=2, parallel_min_docs=2``) ``--runs`` times, with the engine's stages wrapped (here,
not in the engine) to write ``(process, stage, wall start, wall end, CPU start, CPU end)`` to a
file every process appends to. The groups are compared with one process's (``same``).

The critical path: the main process's CPU, except in the windows where other processes work for
it (the preparation's pool, :func:`~reader.core.align.pool.alongside`): there, the longest of
the processes' CPU (the main process's own part counting up to the pool's answer), and at least
half of their sum (two cores), then the main process's CPU after the answer came (receiving it).
Per window it prints each process's CPU, and each core's idle seconds (the window's critical
path times two, less the CPU used).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

WINDOWS = ("prepare_in_processes", "alongside")
"""Main-process stages during which other processes work for it."""

ENGINE_STAGES = (
    "prepare_in_processes", "seed_pairs", "corpus_tokens", "alongside", "begin_claims", "shared_quotations",
    "finish_claims", "summary_links", "tidy_links", "make_groups", "figure_claims", "fold_groups",
    "widen_short_spans", "verify_pairs", "seed_pairs_alongside", "begin_units",
)
"""Names looked up in ``reader.core.align.engine`` (those there are wrapped)."""

_fd = -1


def _record(label: str, t0: float, t1: float, c0: float, c1: float) -> None:
    line = json.dumps([os.getpid(), label, t0, t1, c0, c1]) + "\n"
    os.write(_fd, line.encode())


def _wrap(label: str, function: Any) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _record(label, t0, time.perf_counter(), c0, time.process_time())

    timed.__module__ = function.__module__
    timed.__qualname__ = function.__qualname__
    timed.__name__ = function.__name__
    return timed


class _Pickle:
    """``pickle`` with ``loads`` timed (the pool module's answer received)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(pickle, name)

    loads = staticmethod(_wrap("receive answer", pickle.loads))


def instrument() -> None:
    """Wrap the engine's and the pool's stages (whichever of them this tree has)."""
    from reader.core.align import engine, pool

    for name in ENGINE_STAGES:
        if hasattr(engine, name):
            setattr(engine, name, _wrap(name, getattr(engine, name)))
    for name in ("_prepare_slice", "quick_dumps", "_run_alongside"):
        if hasattr(pool, name):
            setattr(pool, name, _wrap(name, getattr(pool, name)))
    pool.pickle = _Pickle()


def child(size: int, seed: int, runs: int, log: Path) -> None:
    """One tree: the corpus aligned ``runs`` times with two processes (and once with one)."""
    global _fd
    from benchmarks.corpus_gen import SAMPLE_CORPUS, generate_story_corpus
    from reader.core.align import AlignOptions, align
    from reader.core.corpus import documents_from_texts, load_corpus

    documents = documents_from_texts(generate_story_corpus(size, seed).texts)
    align(load_corpus([SAMPLE_CORPUS]).documents, AlignOptions())
    c0 = time.process_time()
    one = align(documents, AlignOptions(workers=1))
    one_cpu = time.process_time() - c0
    instrument()
    same = True
    for run in range(runs):
        _fd = os.open(f"{log}.{run}", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        t0, c0 = time.perf_counter(), time.process_time()
        two = align(documents, AlignOptions(workers=2, parallel_min_docs=2))
        _record("align", t0, time.perf_counter(), c0, time.process_time())
        os.close(_fd)
        same = same and two == one
    print(json.dumps({"one_cpu": one_cpu, "same": same, "main": os.getpid()}))


def analyse(lines: list[list[Any]], main: int) -> dict[str, Any]:
    """The windows, the critical path and the cores' idle time of one run."""
    (whole,) = [r for r in lines if r[0] == main and r[1] == "align"]
    others = [r for r in lines if r[0] != main]
    windows = []
    serial = whole[5] - whole[4]
    for r in sorted((r for r in lines if r[0] == main and r[1] in WINDOWS), key=lambda r: r[2]):
        _, label, t0, t1, c0, c1 = r
        inside = [o for o in others if t0 <= o[2] <= t1]
        cpu: dict[int, float] = {}
        for o in inside:  # a forked process's clock starts at zero: its CPU since the fork
            cpu[o[0]] = max(cpu.get(o[0], 0.0), o[5])
        received = sum(x[5] - x[4] for x in lines if x[0] == main and x[1] == "receive answer" and t0 <= x[2] <= t1)
        own = c1 - c0 - received
        longest = max([own, *cpu.values()])
        path = max(longest, (own + sum(cpu.values())) / 2) + received
        stages: dict[str, float] = {}
        for x in lines:
            if t0 <= x[2] and x[3] <= t1 + 0.5 and x[1] not in ("_run_alongside", label):
                key = f"{'main' if x[0] == main else 'pool'}:{x[1]}"
                stages[key] = stages.get(key, 0.0) + x[5] - x[4]
        windows.append({
            "label": label, "main": own, "received": received, "pool": sorted(cpu.values(), reverse=True), "path": path,
            "idle": 2 * path - own - received - sum(cpu.values()), "stages": stages,
        })
        serial -= c1 - c0
    main_stages: dict[str, float] = {}
    for x in lines:
        if x[0] == main and x[1] != "align" and not any(
            w[0] == main and w[1] in WINDOWS and w[2] <= x[2] and x[3] <= w[3] and w is not x for w in lines
        ):
            main_stages[x[1]] = main_stages.get(x[1], 0.0) + x[5] - x[4]
    cpu_all = whole[5] - whole[4] + sum(sum(w["pool"]) for w in windows)
    path = serial + sum(w["path"] for w in windows)
    return {"wall": whole[3] - whole[2], "main_cpu": whole[5] - whole[4], "cpu": cpu_all, "serial": serial,
            "path": path, "idle": 2 * path - cpu_all, "windows": windows, "main_stages": main_stages}


def run_tree(tree: Path, size: int, seed: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(ROOT)])}
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--seed", str(seed), "--runs", str(runs), "--log", str(log)],
            env=env, check=True, capture_output=True, text=True,
        ).stdout
        head = json.loads(out.strip().splitlines()[-1])
        results = []
        for run in range(runs):
            lines = [json.loads(x) for x in Path(f"{log}.{run}").read_text().splitlines()]
            results.append(analyse(lines, head["main"]))
    return {"one_cpu": head["one_cpu"], "same": head["same"], "runs": results}


def show(name: str, figures: dict[str, Any]) -> None:
    runs = figures["runs"]
    best = min(runs, key=lambda r: r["path"])
    med = statistics.median
    print(f"\n== {name}: one process {figures['one_cpu']:.2f} s CPU; two processes (median of {len(runs)}): "
          f"critical path {med(r['path'] for r in runs):.2f} s, CPU {med(r['cpu'] for r in runs):.2f} s "
          f"(main {med(r['main_cpu'] for r in runs):.2f}), cores idle {med(r['idle'] for r in runs):.2f} s, "
          f"wall here {med(r['wall'] for r in runs):.2f} s; same as one process: {'yes' if figures['same'] else 'NO'}")
    print(f"   run with the shortest path ({best['path']:.2f} s): main alone {best['serial']:.2f} s:",
          ", ".join(f"{k} {v:.2f}" for k, v in sorted(best["main_stages"].items(), key=lambda kv: -kv[1]) if v >= 0.005))
    for w in best["windows"]:
        pool = " + ".join(f"{c:.2f}" for c in w["pool"])
        print(f"   {w['label']}: path {w['path']:.2f} s (main {w['main']:.2f}, pool {pool}, then received {w['received']:.2f}); "
              f"idle {w['idle']:.2f} s")
        print("      " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(w["stages"].items(), key=lambda kv: -kv[1]) if v >= 0.005))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another checkout (repeatable)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.seed, args.runs, args.log)
        return 0
    trees = [ROOT, *args.tree]
    for tree in trees:
        if not (tree / "reader").is_dir():
            print(f"schedule: {tree}: no reader/ there", file=sys.stderr)
            return 2
    figures = {str(tree): {"one_cpu": 0.0, "same": True, "runs": []} for tree in trees}
    for _ in range(args.runs):  # the trees take turns
        for tree in trees:
            got = run_tree(tree, args.size, args.seed, 1)
            f = figures[str(tree)]
            f["one_cpu"] = got["one_cpu"] if not f["runs"] else min(f["one_cpu"], got["one_cpu"])
            f["same"] = f["same"] and got["same"]
            f["runs"] += got["runs"]
    for tree in trees:
        show(str(tree), figures[str(tree)])
    if len(trees) > 1:
        med = statistics.median
        mine = med(r["path"] for r in figures[str(ROOT)]["runs"])
        for tree in trees[1:]:
            other = med(r["path"] for r in figures[str(tree)]["runs"])
            print(f"\ncritical path: this tree {mine:.2f} s, {tree} {other:.2f} s: {mine / other:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
