"""Jump latency: from pressing ``n`` (next group) to the repainted screen, with 5 and 50 articles.

Run by hand (``.venv/bin/python benchmarks/jump.py [--jumps N]``). The app is built with
``make_app`` and driven by Textual's Pilot at 160x45, headless; alignment is awaited first. Each
sample is the time of ``await pilot.press(key)`` followed by ``await pilot.pause()`` (the key
handled, every message it caused processed and the screen refreshed). Baseline in the same run,
the same way: a key bound to nothing (the app only routes it), so the ratio shows what a jump
costs above Textual's own key handling.

Corpora: the sample (5 articles) and 50 articles generated from the sample's sentences by
:mod:`benchmarks.corpus_gen` (seeded), both copied to a temporary folder with a temporary store.
The goal is a median under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus_gen import SAMPLE_CORPUS, generate_corpus  # noqa: E402

GOAL_MS = 50.0
SIZE = (160, 45)
NOOP_KEY = "f19"
"""A key no part of Parallax binds: pressing it measures the cost of routing a key and pausing."""


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def screen_text(app: object) -> str:
    """The text on the app's screen (to check a jump really changed it)."""
    from textual.app import App

    assert isinstance(app, App)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def measure(corpus: Path, store: Path, jumps: int) -> tuple[list[float], list[float], int]:
    """Jump ``jumps`` times (and press the no-op key as often); returns both timings in seconds
    and how many jumps changed the screen."""
    from reader.cli.open import make_app

    app = make_app(corpus, store_path=store)
    jump_times: list[float] = []
    noop_times: list[float] = []
    changed = 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Warm up (first paints, caches), then interleave the two measurements.
        for _ in range(3):
            await pilot.press("n")
            await pilot.pause()
        for i in range(jumps):
            before = screen_text(app) if i < 10 else None
            start = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            jump_times.append(time.perf_counter() - start)
            if before is not None and screen_text(app) != before:
                changed += 1
            start = time.perf_counter()
            await pilot.press(NOOP_KEY)
            await pilot.pause()
            noop_times.append(time.perf_counter() - start)
    return jump_times, noop_times, changed


def line(name: str, times: Sequence[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{name:<32} median {statistics.median(ms):7.2f} ms   p95 {percentile(ms, 95):7.2f} ms   (n={len(ms)})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jumps", type=int, default=60, help="jumps per corpus (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the 50-article corpus")
    args = parser.parse_args(argv)
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    with tempfile.TemporaryDirectory(prefix="parallax-jump-") as tmp:
        tmp_path = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        small = tmp_path / "sample"
        shutil.copytree(SAMPLE_CORPUS, small)
        large = tmp_path / "fifty"
        large.mkdir()
        for doc_id, text in generate_corpus(50, args.seed).texts.items():
            (large / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        print(f"jump: {args.jumps} jumps per corpus, {SIZE[0]}x{SIZE[1]} headless, key 'n'; baseline: unbound key {NOOP_KEY!r}")
        worst = 0.0
        for name, corpus in (("5 articles (sample)", small), ("50 articles (generated)", large)):
            store = tmp_path / f"store-{corpus.name}" / "annotations.json"
            store.parent.mkdir()
            jumps, noops, changed = asyncio.run(measure(corpus, store, args.jumps))
            print(f"-- {name}: {changed} of the first {min(10, args.jumps)} jumps changed the screen")
            print(line("jump to next group", jumps))
            print(line("unbound key (baseline)", noops))
            ratio = statistics.median(jumps) / statistics.median(noops)
            print(f"{'ratio jump / baseline':<32} {ratio:.2f}x")
            worst = max(worst, statistics.median(jumps) * 1000)
            if changed == 0:
                print("   warning: no jump changed the screen; is 'n' bound and are there groups?")
        verdict = "meets" if worst < GOAL_MS else "MISSES"
        print(f"goal: median under {GOAL_MS:.0f} ms: {verdict} (worst median {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
