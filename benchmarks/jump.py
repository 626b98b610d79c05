"""Jump latency: from pressing ``n`` (next group) to the repainted screen, with 5 and 50 articles.

Run by hand (``.venv/bin/python benchmarks/jump.py [--jumps N]``). The app is built with
``make_app`` and driven by Textual's Pilot at 160x45, headless; alignment is awaited first. Each
sample is the time from posting the key event to the app (as the terminal driver does) until every
message it caused is processed and the screen is repainted (see :func:`settle`). Baseline in the same run,
the same way: a key bound to nothing (the app only routes it), so the ratio shows what a jump
costs above Textual's own key handling. (Timing ``pilot.press`` + ``pilot.pause`` instead would
mostly measure Pilot's idle detection, which sleeps 20 ms at a time; a few such samples are
printed too, to show that floor.)

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

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from benchmarks.corpus_gen import SAMPLE_CORPUS, generate_corpus  # noqa: E402

GOAL_MS = 50.0
SIZE = (160, 45)
NOOP_KEY = "f19"
"""A key no part of Parallax binds: pressing it measures the cost of routing a key and painting."""
PILOT_SAMPLES = 10
"""Jumps also timed the plain Pilot way (``press`` + ``pause``), to show Pilot's own floor."""


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def painted(app: App[None]) -> list[str]:
    """The screen as last painted, one string per row (text only)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def status_line(app: App[None]) -> str:
    """The text of the bottom rows of the screen as painted (the status line names the focused
    group, so it changes on every jump)."""
    return "\n".join(painted(app)[-3:])


async def settle(pilot: Pilot[None]) -> None:
    """Process every message the key caused and repaint, without Pilot's idle sleeps.

    ``Pilot.press``/``pause`` wait for the process to look idle (sleeps of 20 ms at least), which
    would swamp what is measured here; this instead waits until every widget of the screen has
    handled its queued messages and repaints the screen at once (what the screen's update timer
    does), round after round until nothing is left to lay out or paint.
    """
    app = pilot.app
    quiet = 0
    for _ in range(12):
        await pilot._wait_for_screen()
        screen = app.screen
        if screen._dirty_widgets or screen._layout_required or screen._repaint_required or screen._scroll_required:
            screen._on_timer_update()
            quiet = 0
        else:
            # Messages posted while the last ones were handled (a repaint request is one) may
            # still be queued: only two quiet rounds in a row mean the key's work is done.
            quiet += 1
            if quiet == 2:
                break


async def press_and_settle(pilot: Pilot[None], key: str) -> float:
    """Seconds from posting ``key`` to the app until its effects are painted."""
    app = pilot.app
    start = time.perf_counter()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    # What the terminal driver does with a key, minus its hop between threads.
    await app._post_message(event)
    await settle(pilot)
    return time.perf_counter() - start


async def measure(corpus: Path, store: Path, jumps: int) -> dict[str, list[float] | int]:
    """Jump ``jumps`` times (and press the unbound key as often), timed two ways."""
    from reader.ui.app import make_app

    app = make_app(corpus, store_path=store)
    out: dict[str, list[float] | int] = {"jump": [], "noop": [], "pilot_jump": [], "pilot_noop": [], "changed": 0, "complete": 0}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Warm up (first paints, caches), then interleave the measurements.
        for _ in range(3):
            await press_and_settle(pilot, "n")
        for i in range(jumps):
            # Untimed pauses between samples, so work a key leaves for later (timers, deferred
            # refreshes) never lands in the next sample.
            await pilot.pause()
            before = status_line(app)
            out["jump"].append(await press_and_settle(pilot, "n"))  # type: ignore[union-attr]
            if status_line(app) != before:
                out["changed"] += 1  # type: ignore[operator]
            at_stop = painted(app)
            await pilot.pause()
            if painted(app) == at_stop:
                out["complete"] += 1  # type: ignore[operator]
            out["noop"].append(await press_and_settle(pilot, NOOP_KEY))  # type: ignore[union-attr]
            if i < PILOT_SAMPLES:
                for key, name in (("n", "pilot_jump"), (NOOP_KEY, "pilot_noop")):
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    out[name].append(time.perf_counter() - start)  # type: ignore[union-attr]
    return out


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
            result = asyncio.run(measure(corpus, store, args.jumps))
            jumps, noops = result["jump"], result["noop"]
            assert isinstance(jumps, list) and isinstance(noops, list)
            print(
                f"-- {name}: {result['changed']} of {args.jumps} jumps changed the status line; "
                f"{result['complete']} were fully painted when their timing stopped"
            )
            print(line("jump to next group", jumps))
            print(line("unbound key (baseline)", noops))
            ratio = statistics.median(jumps) / statistics.median(noops)
            extra = (statistics.median(jumps) - statistics.median(noops)) * 1000
            print(f"{'ratio jump / baseline':<32} {ratio:.2f}x   (a jump's own cost: {extra:+.1f} ms)")
            print(line("Pilot press+pause: jump", result["pilot_jump"]))  # type: ignore[arg-type]
            print(line("Pilot press+pause: unbound key", result["pilot_noop"]))  # type: ignore[arg-type]
            worst = max(worst, statistics.median(jumps) * 1000)
            if result["changed"] == 0:
                print("   warning: no jump changed the status line; is 'n' bound and are there groups?")
        verdict = "meets" if worst < GOAL_MS else "MISSES"
        print(f"goal: median under {GOAL_MS:.0f} ms: {verdict} (worst median {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
