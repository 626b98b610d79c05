"""The app on a big corpus: first screen, alignment progress, and the jump latency, from pressing
``n`` (next group) to the repainted screen, with 5 and 200 articles.

Run by hand (``.venv/bin/python benchmarks/jump.py [--jumps N] [--articles 200]``). The app is
built with ``make_app`` and driven by Textual's Pilot at 160x45, headless.

**First screen**: from calling ``make_app`` (the corpus read from disk included) until the
reading screen has painted its first frame (the moment it tells its workers to start: its
``_first_frame`` event), and that frame shows the first article's title; wall and CPU time of
the app's process. **Alignment**: from then until the highlights are there; the status line is
read as painted every 20 ms meanwhile, and the distinct ``aligning… N%`` values seen are counted
(the progress shown). Big corpora align in a subprocess (both cores; see
``reader/ui/widgets/aligner.py``), so the app's own CPU time during the alignment is reported
too: what the alignment leaves the screen's thread.

**Jumps**: alignment awaited first. Each
sample is the time from posting the key event to the app (as the terminal driver does) until every
message it caused is processed and the screen is repainted (see :func:`settle`). Baseline in the same run,
the same way: a key bound to nothing (the app only routes it), so the ratio shows what a jump
costs above Textual's own key handling. (Timing ``pilot.press`` + ``pilot.pause`` instead would
mostly measure Pilot's idle detection, which sleeps 20 ms at a time; a few such samples are
printed too, to show that floor.)

**Jumps to their paint**: the samples above stop once no message is left and the screen has
no layout or repaint flagged, which often comes *before* the jump is painted (a widget tells the
screen to repaint it only once the widget is idle): they time routing the key and the jump's
work, mostly not its paint. Each jump is therefore also timed the way
:mod:`benchmarks.keyboard_loop` times ``n``: from posting the key to the end of the first repaint
(by the screen's own update timer, at most ``TEXTUAL_FPS`` frames a second) after which the
focused group changed and no widget has a layout or a repaint pending or queued; wall and CPU time. The
goal is checked on these.

Corpora: the sample (5 articles) and 200 story-clustered articles
(:func:`benchmarks.corpus_gen.generate_story_corpus`, seeded: stories of about ten articles
sharing most of their sentences), both copied to a temporary folder with a temporary store.
Goals (issue 11): first screen under 600 ms with 200 articles, progress shown, ``n`` under 50 ms
p95.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from benchmarks.corpus_gen import SAMPLE_CORPUS, generate_story_corpus  # noqa: E402

GOAL_MS = 50.0
"""``n`` to the next passage, p95."""
FIRST_SCREEN_GOAL_MS = 600.0
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


CPU_TIMES: dict[str, list[float]] = {}
"""CPU seconds of the app's process per sample, by key (a busy machine stretches wall times;
CPU times much less)."""


async def press_and_settle(pilot: Pilot[None], key: str) -> float:
    """Seconds from posting ``key`` to the app until its effects are painted (its CPU seconds
    go to :data:`CPU_TIMES`)."""
    app = pilot.app
    start, cpu_start = time.perf_counter(), time.process_time()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    # What the terminal driver does with a key, minus its hop between threads.
    await app._post_message(event)
    await settle(pilot)
    CPU_TIMES.setdefault(key, []).append(time.process_time() - cpu_start)
    return time.perf_counter() - start


async def measure(corpus: Path, store: Path, jumps: int, first_title: str) -> dict[str, Any]:
    """First screen and alignment (see the module), then jump ``jumps`` times (and press the
    unbound key as often), timed two ways."""
    from reader.ui.app import make_app

    out: dict[str, Any] = {
        "jump": [], "noop": [], "painted": [], "painted_cpu": [], "pilot_jump": [], "pilot_noop": [], "changed": 0, "complete": 0
    }
    started, cpu_started = time.perf_counter(), time.process_time()
    app = make_app(corpus, store_path=store)
    async with app.run_test(size=SIZE) as pilot:
        while not (getattr(app.screen, "_first_frame", None) is not None and app.screen._first_frame.is_set()):
            await asyncio.sleep(0.002)
        out["first_screen"] = time.perf_counter() - started
        out["first_screen_cpu"] = time.process_time() - cpu_started
        out["title_shown"] = first_title in " ".join(" ".join(painted(app)).split())
        seen: set[str] = set()
        aligned_from, cpu_from = time.perf_counter(), time.process_time()
        while not getattr(app.screen, "aligned", False):
            text = status_line(app)
            seen.update(re.findall(r"aligning… (\d+%)", text))
            await asyncio.sleep(0.02)
        out["aligned"] = time.perf_counter() - aligned_from
        out["aligned_app_cpu"] = time.process_time() - cpu_from
        out["progress_seen"] = sorted(seen, key=lambda p: int(p[:-1]))
        out["groups"] = len(getattr(app.screen, "groups", ()))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        from benchmarks.keyboard_loop import Probe

        probe = Probe(app.screen)
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
            # The same jump, timed to its paint (see the module docstring).
            await pilot.pause()
            before_index = app.screen.group_index
            wall, cpu, *_ = await probe.press(pilot, "n", lambda: app.screen.group_index != before_index)
            out["painted"].append(wall)  # type: ignore[union-attr]
            out["painted_cpu"].append(cpu)  # type: ignore[union-attr]
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
    parser.add_argument("--articles", type=int, default=200, help="story-clustered articles (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    args = parser.parse_args(argv)
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    with tempfile.TemporaryDirectory(prefix="parallax-jump-") as tmp:
        tmp_path = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        small = tmp_path / "sample"
        shutil.copytree(SAMPLE_CORPUS, small)
        large = tmp_path / "stories"
        large.mkdir()
        for doc_id, text in generate_story_corpus(args.articles, args.seed).texts.items():
            (large / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        print(
            f"jump: {args.jumps} jumps per corpus, {SIZE[0]}x{SIZE[1]} headless, key 'n'; baseline: unbound key {NOOP_KEY!r}; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
        )
        from reader.core.corpus import load_corpus

        worst_p95 = 0.0
        first_screen = None
        for name, corpus in (("5 articles (sample)", small), (f"{args.articles} story-clustered articles", large)):
            store = tmp_path / f"store-{corpus.name}" / "annotations.json"
            store.parent.mkdir()
            title = " ".join(load_corpus([corpus]).documents[0].title.split()[:3])
            CPU_TIMES.clear()
            result = asyncio.run(measure(corpus, store, args.jumps, title))
            jumps, noops = result["jump"], result["noop"]
            print(
                f"-- {name}: first screen {result['first_screen'] * 1000:.0f} ms (CPU {result['first_screen_cpu'] * 1000:.0f} ms; "
                f"first title {'shown' if result['title_shown'] else 'NOT shown'}); alignment {result['aligned']:.2f} s after it "
                f"(the app's own CPU meanwhile {result['aligned_app_cpu']:.2f} s), {result['groups']} groups shown; "
                f"progress painted: {', '.join(result['progress_seen']) or 'none'}"
            )
            print(
                f"   {result['changed']} of {args.jumps} jumps changed the status line; "
                f"{result['complete']} were fully painted when their timing stopped"
            )
            print(line("jump to next group", jumps))
            print(line("unbound key (baseline)", noops))
            print(line("jump, CPU time", CPU_TIMES["n"][3:]))
            print(line("unbound key, CPU time", CPU_TIMES[NOOP_KEY]))
            ratio = statistics.median(jumps) / statistics.median(noops)
            extra = (statistics.median(jumps) - statistics.median(noops)) * 1000
            print(f"{'ratio jump / baseline':<32} {ratio:.2f}x   (a jump's own cost: {extra:+.1f} ms)")
            print(line("jump to its paint", result["painted"]))
            print(line("jump to its paint, CPU time", result["painted_cpu"]))
            print(line("Pilot press+pause: jump", result["pilot_jump"]))
            print(line("Pilot press+pause: unbound key", result["pilot_noop"]))
            worst_p95 = max(worst_p95, percentile(result["painted"], 95) * 1000)
            if corpus is large:
                first_screen = result["first_screen"] * 1000
            if result["changed"] == 0:
                print("   warning: no jump changed the status line; is 'n' bound and are there groups?")
        print(f"goal: n p95 under {GOAL_MS:.0f} ms, to its paint: {'meets' if worst_p95 < GOAL_MS else 'MISSES'} (worst p95 {worst_p95:.1f} ms)")
        if first_screen is not None:
            verdict = "meets" if first_screen < FIRST_SCREEN_GOAL_MS else "MISSES"
            print(f"goal: first screen with {args.articles} articles under {FIRST_SCREEN_GOAL_MS:.0f} ms: {verdict} ({first_screen:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
