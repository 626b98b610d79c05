"""Time Parallax's aligner on generated corpora of 50 to 3,000 articles, against a naive baseline.

Run by hand from a checkout::

    .venv/bin/python benchmarks/scale.py                   # 50, 200, 1000, 3000 articles
    .venv/bin/python benchmarks/scale.py --sizes 50,200    # just these sizes
    .venv/bin/python benchmarks/scale.py --no-naive        # skip the naive baseline
    .venv/bin/python benchmarks/scale.py --density story   # real reuse density: benchmarks/story_scale.py

Corpora come from :mod:`benchmarks.corpus_gen` (seeded, with the planted shared passages
recorded). Each size runs in a fresh child process, so its peak memory (the RSS high-water mark
of the child and the processes it waited for, read with ``os.wait4``) is its own. The child
times ``reader.core.align.align`` (median of a few runs for small sizes), counts the planted
links it finds (two copies of a planted passage in one group), and at 50 and 200 articles runs
the NAIVE BASELINE in the same process: every sentence pair of every article pair scored with
``rapidfuzz.process.cdist(..., scorer=fuzz.token_set_ratio)``, pairs at or above a threshold
counted as matches. The five sample articles are also timed (median of 50 runs, after import).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus_gen import SAMPLE_CORPUS, found_links, generate_corpus, link_count  # noqa: E402

DEFAULT_SIZES = (50, 200, 1000, 3000)
NAIVE_SIZES = (50, 200)
GOALS = {
    "sample": 0.020,
    1000: 2.0,
    3000: 6.0,
}
"""Seconds: the five sample articles under 20 ms, 1,000 under 2 s, 3,000 under 6 s."""
PEAK_GOAL_MB = 500.0
"""Peak memory at 3,000 articles."""
SPEEDUP_GOAL = 100.0
"""At 200 articles: at least this many times faster than the naive baseline."""

ENGINE_DONE = "--engine-done--"
"""Written by a child when the aligner's runs are over (the naive baseline may follow)."""

_SENTENCE = re.compile(r"[^\s.!?][^.!?\n]*(?:[.!?]+[\"”’]?|$)", re.M)


class BenchError(Exception):
    """A problem that ends the benchmark with one line."""


# -- the aligners -----------------------------------------------------------------------------


def load_align() -> tuple[Any, Any]:
    """``align`` and ``AlignOptions`` from ``reader.core.align``, or a one-line error."""
    try:
        from reader.core.align import AlignOptions, align
    except ImportError as exc:
        raise BenchError(f"the aligner cannot be imported ({exc})") from None
    return align, AlignOptions


def group_spans(result: Any) -> list[list[tuple[str, int, int]]]:
    """The ``(doc, start, end)`` spans of each group of an ``align`` result.

    Accepts a sequence of groups or an object with a ``groups`` attribute; groups are
    :class:`reader.core.models.Group` values (or dicts shaped like ``align_texts`` output).
    """
    groups = getattr(result, "groups", result)
    spans: list[list[tuple[str, int, int]]] = []
    for group in groups:
        members = group["spans"] if isinstance(group, dict) else group.spans
        spans.append(
            [
                (s["doc"], s["start"], s["end"]) if isinstance(s, dict) else (s.doc, s.start, s.end)
                for s in members
            ]
        )
    return spans


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` for the naive baseline (split at . ! ? and line ends)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def naive_baseline(
    texts: dict[str, str], threshold: float = 80.0, workers: int = -1
) -> list[list[tuple[str, int, int]]]:
    """Every sentence pair of every article pair scored with ``token_set_ratio``.

    Returns the matching pairs (score >= ``threshold``) as two-span groups. Sentences are
    lower-cased and stripped of punctuation once (rapidfuzz's ``default_process``); each
    article's sentences are scored against those of every later article in one ``cdist`` call.
    """
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    owners: list[tuple[str, int, int]] = []
    processed: list[str] = []
    boundaries = [0]
    for doc, text in texts.items():
        for start, end in sentences(text):
            owners.append((doc, start, end))
            processed.append(utils.default_process(text[start:end]))
        boundaries.append(len(owners))
    matches: list[list[tuple[str, int, int]]] = []
    for x in range(len(texts) - 1):
        rows = processed[boundaries[x] : boundaries[x + 1]]
        first_col = boundaries[x + 1]
        if not rows or first_col == len(processed):
            continue
        scores = process.cdist(
            rows,
            processed[first_col:],
            scorer=fuzz.token_set_ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=workers,
        )
        for i, j in zip(*np.nonzero(scores >= threshold)):
            matches.append([owners[boundaries[x] + int(i)], owners[first_col + int(j)]])
    return matches


# -- one size, in a child process -------------------------------------------------------------


def peak_mb() -> float:
    """RSS high-water mark of this process and its waited-for children, in MB."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """User plus system CPU time of this process and its waited-for children so far."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_size(size: int, seed: int, runs: int, naive: bool, threshold: float) -> dict[str, Any]:
    """Generate a corpus of ``size`` articles, time the aligner (and the naive baseline)."""
    from reader.core.corpus import documents_from_texts

    align, AlignOptions = load_align()
    corpus = generate_corpus(size, seed)
    documents = documents_from_texts(corpus.texts)
    before = peak_mb()
    times = []
    result = None
    cpu_started = cpu_seconds()
    for _ in range(runs):
        started = time.perf_counter()
        result = align(documents, AlignOptions())
        times.append(time.perf_counter() - started)
    cpu = (cpu_seconds() - cpu_started) / runs
    after = peak_mb()
    print(ENGINE_DONE, flush=True)
    spans = group_spans(result)
    figures: dict[str, Any] = {
        "size": size,
        "chars": sum(len(t) for t in corpus.texts.values()),
        "links": link_count(corpus.planted),
        "passages": len(corpus.planted),
        "seconds": statistics.median(times),
        "cpu": cpu,
        "runs": runs,
        "groups": len(spans),
        "found": len(found_links(corpus.planted, spans)),
        "found_passages": _passages_found(corpus.planted, spans),
        "bad_spans": _bad_spans(spans, corpus.texts),
        "peak_before_mb": before,
        "peak_engine_mb": after,
    }
    if naive:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        matches = naive_baseline(corpus.texts, threshold)
        figures["naive_seconds"] = time.perf_counter() - started
        figures["naive_cpu"] = cpu_seconds() - cpu_started
        figures["naive_matches"] = len(matches)
        figures["naive_found"] = len(found_links(corpus.planted, matches))
        figures["naive_found_passages"] = _passages_found(corpus.planted, matches)
    return figures


def _passages_found(planted: Sequence[Any], groups: Iterable[Sequence[tuple[str, int, int]]]) -> int:
    return len({planted_id for planted_id, _, _ in found_links(planted, groups)})


def _bad_spans(groups: list[list[tuple[str, int, int]]], texts: dict[str, str]) -> int:
    """Spans that are empty, reversed, outside their text or of an unknown document."""
    bad = 0
    for group in groups:
        for doc, start, end in group:
            if doc not in texts or not 0 <= start < end <= len(texts[doc]):
                bad += 1
    return bad


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants (Linux ``/proc``).

    Each sample is the sum of the processes' PSS (proportional set size: pages shared between
    forked workers are split between them, not counted twice); ``peak_mb`` is the largest sum
    seen, ``None`` where ``/proc`` cannot tell.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_mb: float | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            total = self.sample()
            if total is not None and (self.peak_mb is None or total > self.peak_mb):
                self.peak_mb = total
            self._stop_event.wait(self.interval)

    def stop(self) -> float | None:
        """Stop sampling; the peak so far."""
        self._stop_event.set()
        self.join()
        return self.peak_mb

    def sample(self) -> float | None:
        """The tree's PSS now, in MB."""
        tree = self._tree()
        if not tree:
            return None
        total_kb = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                    for line in handle:
                        if line.startswith("Pss:"):
                            total_kb += int(line.split()[1])
                            break
            except (OSError, ValueError, IndexError):
                continue
        return total_kb / 1024 if total_kb else None

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        try:
            entries = [e for e in os.listdir("/proc") if e.isdigit()]
        except OSError:
            return []
        for entry in entries:
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    stat = handle.read()
                ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, ()))
        return tree


def run_child(
    size: int, args: argparse.Namespace, script: Path | None = None
) -> tuple[dict[str, Any], float, float | None]:
    """Run one size in a fresh interpreter: its figures, the peak RSS of its largest process
    and the sampled peak PSS of its whole process tree during the aligner's runs, in MB.
    ``script`` is another checkout's ``benchmarks/scale.py`` (``--baseline-tree``), which
    then measures that checkout's aligner on the same corpus."""
    command = [
        sys.executable, str(script or Path(__file__).resolve()), "--child", str(size),
        "--seed", str(args.seed), "--threshold", str(args.threshold),
    ]
    if args.runs:
        command += ["--runs", str(args.runs)]
    if args.no_naive or size not in NAIVE_SIZES:
        command.append("--no-naive")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    tree_peak: float | None = None
    lines = []
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.strip() == ENGINE_DONE:
            tree_peak = sampler.stop()
        else:
            lines.append(line)
    if sampler.is_alive():
        tree_peak = sampler.stop()
    out, err = "".join(lines), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        lines = [line for line in err.strip().splitlines() if line.strip()]
        raise BenchError(f"{size} articles: the run failed: {lines[-1] if lines else proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024, tree_peak


_SAMPLE_CHILD = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from reader.core.align import AlignOptions, align
from reader.core.corpus import load_corpus
documents = load_corpus([sys.argv[2]]).documents
align(documents, AlignOptions())
times = []
for _ in range(int(sys.argv[3])):
    started = time.perf_counter()
    align(documents, AlignOptions())
    times.append(time.perf_counter() - started)
print(json.dumps(statistics.median(times)))
"""


def compare_sample(tree: Path, rounds: int = 5, runs: int = 30) -> tuple[float, float]:
    """The five sample articles aligned by this checkout and by ``tree`` (another checkout),
    each in a fresh interpreter after one warm-up call, taking turns ``rounds`` times (so a
    change in the machine's load hits both): the best median of ``runs`` calls of each."""
    ours, theirs = [], []
    for _ in range(rounds):
        for root, out in ((ROOT, ours), (tree, theirs)):
            result = subprocess.run(
                [sys.executable, "-c", _SAMPLE_CHILD, str(root), str(SAMPLE_CORPUS), str(runs)],
                capture_output=True, text=True, check=False,
            )
            if result.returncode:
                raise BenchError(f"{root}: timing the sample failed: {result.stderr.strip().splitlines()[-1:]}")
            out.append(float(result.stdout.strip().splitlines()[-1]))
    return min(ours), min(theirs)


def time_sample(runs: int = 50) -> dict[str, float]:
    """The five sample articles: first call after import, and the median of ``runs`` calls."""
    from reader.core.corpus import load_corpus

    align, AlignOptions = load_align()
    documents = load_corpus([SAMPLE_CORPUS]).documents
    started = time.perf_counter()
    result = align(documents, AlignOptions())
    first = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        align(documents, AlignOptions())
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return {
        "docs": len(documents),
        "first": first,
        "median": statistics.median(times),
        "cpu": statistics.median(cpu),
        "groups": len(group_spans(result)),
    }


# -- reporting --------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    """``ok`` or ``MISSED``."""
    return "ok" if ok else "MISSED"


def print_report(sample: dict[str, float] | None, rows: list[dict[str, Any]]) -> None:
    """The table of figures with the goals next to them."""
    if sample is not None:
        ms = sample["median"] * 1000
        print(
            f"five sample articles: {ms:.1f} ms median of 50 runs (CPU {sample['cpu'] * 1000:.1f} ms; "
            f"first call after import "
            f"{sample['first'] * 1000:.1f} ms; {sample['groups']:.0f} groups)   goal < 20 ms: "
            f"{verdict(sample['median'] < GOALS['sample'])}"
        )
    if not rows:
        return
    print(
        f"\n{'articles':>8} {'MB text':>8} {'seconds':>8} {'cpu s':>7} {'runs':>4} {'peak MB':>8} {'tree MB':>8} {'groups':>7} "
        f"{'planted links found':>20} {'passages':>10}   goal"
    )
    for row in rows:
        goals = []
        if row["size"] in GOALS:
            goals.append(f"< {GOALS[row['size']]:g} s: {verdict(row['seconds'] < GOALS[row['size']])}")
        if row["size"] == 3000:
            peak = max(row["peak_mb"], row["tree_mb"] or 0.0)
            goals.append(f"peak < {PEAK_GOAL_MB:.0f} MB: {verdict(peak < PEAK_GOAL_MB)}")
        print(
            f"{row['size']:>8} {row['chars'] / 1e6:>8.2f} {row['seconds']:>8.3f} {row['cpu']:>7.3f} {row['runs']:>4} "
            f"{row['peak_mb']:>8.0f} {_mb(row['tree_mb']):>8} {row['groups']:>7} "
            f"{row['found']:>9} of {row['links']:<7} {row['found_passages']:>4} of {row['passages']:<4}   "
            + "; ".join(goals)
        )
        if row["bad_spans"]:
            print(f"{'':>8} WARNING: {row['bad_spans']} spans do not map back to their article")
    naive_rows = [r for r in rows if "naive_seconds" in r]
    if naive_rows:
        print(f"\nnaive baseline (cdist token_set_ratio over every sentence pair, matches >= threshold)")
        print(
            f"{'articles':>8} {'naive s':>8} {'parallax s':>10} {'speed-up':>9} {'CPU ratio':>9} "
            f"{'naive links found':>18} {'parallax links':>15}   goal"
        )
        for row in naive_rows:
            speedup = row["naive_seconds"] / row["seconds"] if row["seconds"] else float("inf")
            goal = ""
            if row["size"] == 200:
                ok = speedup >= SPEEDUP_GOAL and row["found"] > row["naive_found"]
                goal = f">= {SPEEDUP_GOAL:.0f}x and more links found: {verdict(ok)}"
            cpu_ratio = row["naive_cpu"] / row["cpu"] if row["cpu"] else float("inf")
            print(
                f"{row['size']:>8} {row['naive_seconds']:>8.2f} {row['seconds']:>10.3f} "
                f"{speedup:>8.1f}x {cpu_ratio:>8.1f}x {row['naive_found']:>8} of {row['links']:<7} "
                f"{row['found']:>6} of {row['links']:<6}   {goal}"
            )
    print(
        "\nseconds: align() alone, wall clock, median of the runs (goals are checked on these); "
        "cpu s: CPU time per run of the child and the workers it waited for (less sensitive to "
        "a busy machine; above the wall time when workers run in parallel). peak MB: RSS high-water mark of the largest "
        "single process of the size's child process tree (the child or a worker it waited for), "
        "generated corpus included. tree MB: the largest sum of PSS over the whole tree "
        "(sampled every 50 ms during the aligner's runs; shared pages of forked workers counted "
        "once). The memory goal is checked against the larger of the two."
    )


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


# -- command line -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated corpus sizes (default 50,200,1000,3000)",
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--no-sample", action="store_true", help="skip timing the five sample articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus generator seed (default 1)")
    parser.add_argument("--runs", type=int, help="timed runs per size (default 5/3/1 by size)")
    parser.add_argument(
        "--threshold", type=float, default=80.0, help="naive baseline match threshold (default 80)"
    )
    parser.add_argument(
        "--baseline-tree", metavar="DIR",
        help="another checkout (e.g. the code before a change): time its aligner on the same corpora, taking turns, and print ratios",
    )
    parser.add_argument(
        "--density", choices=("sparse", "story"), default="sparse",
        help="sparse: a few planted passages per story (this benchmark); story: story-clustered "
        "corpora at real reuse density (benchmarks/story_scale.py; see --density story --help)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    return parser


def default_runs(size: int) -> int:
    """Timed runs for a size: more for the quick ones."""
    return 5 if size <= 50 else 3 if size <= 200 else 1


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    density = argparse.ArgumentParser(add_help=False)
    density.add_argument("--density", choices=("sparse", "story"), default="sparse")
    known, _ = density.parse_known_args(argv)
    if known.density == "story":
        from benchmarks.story_scale import main as story_main

        return story_main(argv)
    args = build_parser().parse_args(argv)
    try:
        if args.child is not None:
            figures = measure_size(
                args.child, args.seed, args.runs or default_runs(args.child), not args.no_naive,
                args.threshold,
            )
            print(json.dumps(figures))
            return 0
        try:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        except ValueError:
            raise BenchError(f"--sizes wants numbers separated by commas, got {args.sizes!r}") from None
        if any(size < 2 for size in sizes):
            raise BenchError("every size must be at least 2 articles")
        load_align()
        print(
            f"Parallax scale benchmark (seed {args.seed}; {os.cpu_count()} CPUs; "
            f"load average {os.getloadavg()[0]:.2f} at start: figures are noisy on a busy machine)"
        )
        sample = None if args.no_sample else time_sample()
        if sample is not None:
            print_report(sample, [])
            sys.stdout.flush()
        tree = Path(args.baseline_tree).resolve() if args.baseline_tree else None
        script = tree / "benchmarks" / "scale.py" if tree else None
        if script is not None and not script.is_file():
            raise BenchError(f"{tree}: no benchmarks/scale.py there (--baseline-tree wants a checkout)")
        if tree is not None and not args.no_sample:
            ours, theirs = compare_sample(tree)
            print(
                f"five sample articles, this checkout vs {tree} (fresh interpreters, taking turns): "
                f"{ours * 1000:.1f} ms vs {theirs * 1000:.1f} ms = {ours / theirs:.2f}x"
            )
            sys.stdout.flush()
        rows = []
        pairs = []
        for size in sizes:
            figures, peak, tree_peak = run_child(size, args)
            # With the naive baseline in the same child, its memory must not count: use the
            # high-water mark the child read right after the aligner's runs.
            figures["peak_mb"] = figures["peak_engine_mb"] if "naive_seconds" in figures else peak
            figures["tree_mb"] = tree_peak
            rows.append(figures)
            if script is not None:
                quiet = argparse.Namespace(**{**vars(args), "no_naive": True})
                base, base_peak, _ = run_child(size, quiet, script)
                again, again_peak, _ = run_child(size, quiet)
                pairs.append((size, min(figures["seconds"], again["seconds"]), base["seconds"],
                              max(peak, again_peak), base_peak, figures["groups"], base["groups"]))
        print_report(None, rows)
        if pairs:
            print(f"\nthis checkout vs {tree} (same corpora, runs taking turns: ours, theirs, ours; best of ours)")
            print(f"{'articles':>8} {'seconds':>8} {'theirs':>8} {'ratio':>6} {'peak MB':>8} {'theirs':>7} {'groups':>7} {'theirs':>7}")
            for size, ours_s, theirs_s, ours_mb, theirs_mb, groups, base_groups in pairs:
                print(f"{size:>8} {ours_s:>8.3f} {theirs_s:>8.3f} {ours_s / theirs_s:>5.2f}x {ours_mb:>8.0f} {theirs_mb:>7.0f} {groups:>7} {base_groups:>7}")
    except BenchError as exc:
        print(f"scale: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
