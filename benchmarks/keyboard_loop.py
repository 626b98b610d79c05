"""The keyboard loop of issue 15: apply-and-next, from a number key arriving at the app to the tag
saved in the store and the screen repainted, on a 50-article corpus.

Run by hand (``.venv/bin/python benchmarks/keyboard_loop.py [--presses N] [--profile]``). The app
is built with ``make_app`` and run headless at 160x45 under Textual's ``run_test``; alignment is
awaited first. A tag set of nine tags is saved first; from the first group on, each sample
presses a number key (see :data:`TAGS`), so that every press saves a change.

**What one sample is.** The clock (wall, ``perf_counter``) and the CPU clock of the whole process
(``process_time``: the event loop *and* the store's worker thread) start just before the key
event is posted to the app's queue, as the terminal driver posts it. They stop inside the app, at
the end of the first screen repaint (the compositor's refresh, driven by the screen's own update
timer) after which

- the store's answer for this key was handled (``AnnotationDesk.Changed``: the tag is written,
  atomically with its fsyncs, and read back in the worker thread, and the screen marked the
  annotations and updated the status line),
- the focus moved to the next group, and
- no widget of the screen has a repaint or a layout still pending, flagged or queued for the
  screen (the paint of a layout counts once that layout is what was pending: see
  :meth:`Probe.pending`; before, a press ending in a layout waited for a later paint, often
  the next premount's).

So a sample holds: routing the key to its binding, the action (the worker started, the jump to
the next group: focus marks, scrolling, status line, match list), the store call in its thread
(apply the tag, write the store, read every annotation back and place them), the message back,
the marks redrawn, and the paint of every widget that changed, including any wait for the
screen's update timer (Textual paints at most ``TEXTUAL_FPS``, default 60, frames a second: this
pacing is part of what a reader sees; run with ``TEXTUAL_FPS=1000`` to see the work without it).
The time to the store's answer being handled is printed apart, with the number of paints. The benchmark itself runs nothing inside the interval: it
awaits an ``asyncio.Event`` set by the hook on the paint. Between samples it waits, untimed, until
the app is idle (``pilot.pause``), so no work of one key lands in the next sample; ``--think S``
waits ``S`` seconds more, as a reader reading the next passage would (work the app leaves for
later, such as mounting the next jump's columns from 0.05 s after a jump, a step at a time, is then done between keys). (The earlier
version of this benchmark timed until Pilot's ``_wait_for_screen``, which posts a callback to
every widget of the screen several times over: that measured Pilot, about 200 ms a press with 50
articles, not the app.)

Baselines in the same run, the same way: ``n`` alone (the jump that every press includes),
stopped at the first repaint after the group changed with nothing left pending; and the
workspace call alone (the store write and the read back,
no screen, no thread). CPU time is per press, in ms, of the whole process. The goal is a p95
under 50 ms per press, store save included.

``--profile`` runs cProfile over the timed presses (the event loop's thread) and over the store
calls (in the worker thread) and prints the top entries of each.

The corpus: 50 articles generated from the sample's sentences by :mod:`benchmarks.corpus_gen`
(seeded), copied to a temporary folder with a temporary store.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual import constants, events, messages  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from benchmarks.corpus_gen import generate_corpus  # noqa: E402
from benchmarks.jump import percentile  # noqa: E402

GOAL_MS = 50.0
SIZE = (160, 45)
TAGS = ("claim", "figure", "quote", "source", "date", "place", "person", "event", "number")
"""The tag set: keys 1-9. Press ``i`` on group ``g = i % groups`` (lap ``i // groups``) presses key
``(g + lap) % 9 + 1``, so no (group, tag) pair comes twice in 9 laps: every press adds a tag and
writes the store (the first lap makes new annotations, later laps add tags to them)."""
TIMEOUT = 20.0
PAINT_REQUESTS = (messages.Update, messages.Layout, messages.UpdateScroll)
"""Messages a widget sends the screen to have itself repainted or the screen laid out."""


class Probe:
    """Hooks in the app: when the screen paints, whether the press being timed is done."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.done: Callable[[], bool] | None = None
        self.finished = asyncio.Event()
        self.end = (0.0, 0.0)
        self.answers = 0
        self.answered = 0.0
        """When the store's last answer was handled (``perf_counter``)."""
        self.paints = 0
        self.store = [0.0, 0.0]
        """When the last store call (``apply_tag``) began and its read back (``snapshot``) ended."""
        self.laying_out = False
        """True while the screen lays itself out (its layout's paint is done inside)."""
        self.cpu = {"layout": 0.0, "paint": 0.0, "gc": 0.0, "collections": 0.0}
        """CPU seconds so far in the screen's layouts (their paint left out), in its paints, and
        in the interpreter's garbage collections (and how many ran), for :meth:`press`."""
        paint, layout = screen._compositor_refresh, screen._refresh_layout

        def painted() -> None:
            began = time.process_time()
            paint()
            self.cpu["paint"] += time.process_time() - began
            self.paints += 1
            if self.done is not None:
                end = (time.perf_counter(), time.process_time())
                if self.done() and self.quiet():
                    self.end, self.done = end, None
                    self.finished.set()

        def laid_out(*args: Any, **kwargs: Any) -> None:
            self.laying_out = True
            began, painting = time.process_time(), self.cpu["paint"]
            try:
                layout(*args, **kwargs)
            finally:
                self.laying_out = False
                self.cpu["layout"] += time.process_time() - began - (self.cpu["paint"] - painting)

        # Called as self._compositor_refresh() and self._refresh_layout() by the update timer.
        screen._compositor_refresh, screen._refresh_layout = painted, laid_out

    def collected(self, phase: str, info: dict[str, int]) -> None:
        """A ``gc.callbacks`` entry: CPU time of each garbage collection."""
        if phase == "start":
            self._collecting = time.process_time()
        else:
            self.cpu["gc"] += time.process_time() - self._collecting
            self.cpu["collections"] += 1

    def quiet(self) -> bool:
        """Nothing left to lay out or repaint on the screen (checked after the paint's clock):
        see :meth:`pending`."""
        return not self.pending()

    def pending(self) -> list[str]:
        """What is left to lay out or repaint: widgets that ask for it, and such requests of the
        screen, flagged or queued. The paint of a layout is done inside it, before the screen
        clears the flags of that layout (and the widgets it painted): they are not pending then
        (what a widget asks for during the layout comes as a message, queued)."""
        screen = self.screen
        out = [
            name for name in ("_dirty_widgets", "_layout_required", "_scroll_required")
            if getattr(screen, name) and not self.laying_out
        ]
        if screen._repaint_required:
            out.append("_repaint_required")
        queued = screen._message_queue.values  # (Textual's queue: its deque, looked at, not taken)
        out.extend(type(message).__name__ for message in queued if isinstance(message, PAINT_REQUESTS))
        out.extend(
            f"{type(w).__name__}{flag}" for w in screen.walk_children()
            for flag in ("_repaint_required", "_layout_required", "_scroll_required") if getattr(w, flag)
        )
        return out

    def time_store_calls(self, workspace: Any) -> None:
        """Note when the desk's worker thread starts ``apply_tag`` and ends ``snapshot``."""
        apply_tag, snapshot = workspace.apply_tag, workspace.snapshot

        def timed_apply(*args: Any, **kwargs: Any) -> Any:
            self.store[0] = time.perf_counter()
            return apply_tag(*args, **kwargs)

        def timed_snapshot(*args: Any, **kwargs: Any) -> Any:
            try:
                return snapshot(*args, **kwargs)
            finally:
                self.store[1] = time.perf_counter()

        workspace.apply_tag, workspace.snapshot = timed_apply, timed_snapshot

    async def press(self, pilot: Pilot[None], key: str, done: Callable[[], bool]) -> tuple[float, ...]:
        """(wall seconds, CPU seconds) from posting ``key`` to the paint after which ``done()``
        holds and nothing is pending; then the seconds to the store's answer being handled (0
        when none came), the number of paints, when the store call began and ended (seconds
        from the key, 0 when none came); then whether the row of columns scrolled sideways
        (1 or 0) and the CPU seconds of the press in layouts, in paints and in garbage
        collections, and the collections' number."""
        app = pilot.app
        self.finished.clear()
        self.done = done
        paints, answers = self.paints, self.answers
        cpu = dict(self.cpu)
        row = getattr(self.screen, "columns", None)
        scrolled = row.scroll_x if row is not None else 0
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        start = (time.perf_counter(), time.process_time())
        await app._post_message(event)
        try:
            await asyncio.wait_for(self.finished.wait(), TIMEOUT)
        except TimeoutError:
            raise TimeoutError(
                f"key {key!r}: not done and painted in {TIMEOUT:g} s (done: {done()}; pending: {self.pending()})"
            ) from None
        answered = self.answered - start[0] if self.answers > answers else 0.0
        store = (self.store[0] - start[0], self.store[1] - start[0]) if self.answers > answers else (0.0, 0.0)
        sideways = float(row is not None and row.scroll_x != scrolled)
        spent = tuple(self.cpu[name] - cpu[name] for name in ("layout", "paint", "gc", "collections"))
        return self.end[0] - start[0], self.end[1] - start[1], answered, self.paints - paints, *store, sideways, *spent


def profiled_store_calls(workspace: Any, profile: cProfile.Profile) -> Callable[[], None]:
    """Run the workspace's ``apply_tag`` and ``snapshot`` under ``profile`` (they run in the
    desk's worker thread, which the event loop's profiler does not see); returns the undo."""
    originals = {name: getattr(workspace, name) for name in ("apply_tag", "snapshot")}
    for name, method in originals.items():
        setattr(workspace, name, lambda *a, _m=method, **k: profile.runcall(_m, *a, **k))
    return lambda: [delattr(workspace, name) for name in originals]  # type: ignore[func-returns-value]


async def measure(corpus: Path, store: Path, presses: int, profile: bool, think: float | None = None) -> dict[str, Any]:
    """Press the number keys ``presses`` times (and ``n`` and an unbound key as often), timed."""
    from reader.core.annotate.tagset import make_tagset
    from reader.core.store import AnnotationStore
    from reader.ui.app import make_app
    from reader.ui.screens.annotating import Annotating

    with AnnotationStore.open(store) as opened:
        opened.save_tagset(make_tagset(TAGS))
    app = make_app(corpus, store_path=store)
    out: dict[str, Any] = {"apply": [], "jump": [], "moved": 0, "unsaved": 0, "profiles": None}
    handler = Annotating.on_annotation_desk_changed
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        out["groups"] = len(screen.groups)
        out["widgets"] = len(list(screen.walk_children()))
        probe = Probe(screen)

        def counted(self: Any, event: Any) -> None:
            handler(self, event)
            probe.answers += 1
            probe.answered = time.perf_counter()
            if "already" in (event.snapshot.message or ""):
                out["unsaved"] += 1

        # Messages are dispatched to the method found on the class: counted there.
        Annotating.on_annotation_desk_changed = counted  # type: ignore[method-assign]
        gc.callbacks.append(probe.collected)
        for _ in range(3):  # warm up: first paints, caches
            before = screen.group_index
            await probe.press(pilot, "n", lambda: screen.group_index != before)
            await pilot.pause()
        for _ in range(presses):
            before = screen.group_index
            out["jump"].append(await probe.press(pilot, "n", lambda: screen.group_index != before))
            await pilot.pause(think)  # untimed: work left for later never lands in the next sample
        screen.group_index = 0
        await pilot.pause()
        loop_profile, store_profile = (cProfile.Profile(), cProfile.Profile()) if profile else (None, None)
        undo = profiled_store_calls(screen.desk.workspace, store_profile) if store_profile else None
        probe.time_store_calls(screen.desk.workspace)
        groups = len(screen.groups)
        for i in range(presses):
            answers, before = probe.answers, screen.group_index
            key = str((i % groups + i // groups) % len(TAGS) + 1)
            if loop_profile:
                loop_profile.enable()
            out["apply"].append(
                await probe.press(pilot, key, lambda: probe.answers > answers and screen.group_index != before)
            )
            if loop_profile:
                loop_profile.disable()
            if screen.group_index != before:
                out["moved"] += 1
            await pilot.pause(think)
        if undo:
            undo()
        out["profiles"] = (loop_profile, store_profile)
        out["annotations"] = len(screen.anchored)
        gc.callbacks.remove(probe.collected)
    Annotating.on_annotation_desk_changed = handler  # type: ignore[method-assign]
    return out


def store_alone(corpus: Path, store: Path, presses: int) -> list[tuple[float, float]]:
    """The workspace's apply_tag and the snapshot the app then shows, without a screen."""
    from reader.core.align import align
    from reader.core.overview import reading_order
    from reader.workspace import Workspace

    workspace = Workspace.load(corpus, store)
    documents = workspace.corpus.documents
    groups = reading_order(align(documents), documents)
    times = []
    for i in range(presses):
        group = groups[i % len(groups)]
        tag = TAGS[(i % len(groups) + i // len(groups)) % len(TAGS)]
        start = (time.perf_counter(), time.process_time())
        workspace.apply_tag(tag, [(s.doc, s.start, s.end) for s in group.spans], group.id)
        workspace.snapshot()
        times.append((time.perf_counter() - start[0], time.process_time() - start[1]))
    workspace.close()
    return times


def line(name: str, samples: Sequence[tuple[float, ...]]) -> str:
    wall = [s[0] * 1000 for s in samples]
    cpu = [s[1] * 1000 for s in samples]
    return (
        f"{name:<34} median {statistics.median(wall):6.2f} ms  p95 {percentile(wall, 95):6.2f} ms  "
        f"max {max(wall):6.2f} ms   CPU median {statistics.median(cpu):6.2f} ms  p95 {percentile(cpu, 95):6.2f} ms  (n={len(wall)})"
    )


def split(samples: Sequence[tuple[float, ...]]) -> str:
    """Where the wall time of the presses went, step by step (medians and p95s, ms)."""
    steps = {
        "key to the store call starting (thread)": [s[4] for s in samples],
        "the store call (apply, write, read back)": [s[5] - s[4] for s in samples],
        "its end to the answer handled (loop)": [s[2] - s[5] for s in samples],
        "the answer handled to the paint": [s[0] - s[2] for s in samples],
    }
    out = [
        f"    {name:<42} median {statistics.median(v) * 1000:6.2f} ms  p95 {percentile(v, 95) * 1000:6.2f} ms"
        for name, v in steps.items()
    ]
    out.append(f"    paints a press: median {statistics.median(s[3] for s in samples):g}, max {max(s[3] for s in samples)}")
    return "\n".join(out)


def slowest(samples: Sequence[tuple[float, ...]], share: float = 0.05) -> str:
    """The presses by kind (the row scrolled sideways or not), then the slowest ``share`` of them
    (by wall time) one by one: where their time went (ms)."""

    def row(s: tuple[float, ...]) -> str:
        return (
            f"wall {s[0] * 1000:6.1f}  CPU {s[1] * 1000:6.1f}  layout {s[7] * 1000:5.1f}  paint {s[8] * 1000:5.1f}  "
            f"gc {s[9] * 1000:4.1f} ({s[10]:.0f} collections)  store call {(s[5] - s[4]) * 1000:5.1f}  paints {s[3]:.0f}"
        )

    out = []
    for name, kind in (("sideways (the row scrolled)", 1.0), ("in place", 0.0)):
        chosen = [s for s in samples if s[6] == kind]
        if chosen:
            out.append(
                f"    {name:<28} n={len(chosen):3}  CPU median {statistics.median(s[1] for s in chosen) * 1000:5.1f} ms  "
                f"p95 {percentile([s[1] * 1000 for s in chosen], 95):5.1f} ms  (layout {statistics.median(s[7] for s in chosen) * 1000:4.1f}, "
                f"paint {statistics.median(s[8] for s in chosen) * 1000:4.1f}, gc {statistics.median(s[9] for s in chosen) * 1000:4.1f} ms medians)"
            )
    ordered = sorted(samples, key=lambda s: -s[0])[: max(1, round(len(samples) * share))]
    out.append(f"    the slowest {len(ordered)} (by wall):")
    out.extend(f"      {'sideways' if s[6] else 'in place'}  {row(s)}" for s in ordered)
    return "\n".join(out)


def top(profile: cProfile.Profile, sort: str, count: int) -> str:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats(sort).print_stats(count)
    text = out.getvalue()
    return text[text.find("   ncalls") :]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=200, help="number keys pressed (default 200)")
    parser.add_argument("--articles", type=int, default=50, help="articles in the generated corpus (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed presses; print the top entries")
    parser.add_argument(
        "--think", type=float, default=None,
        help="seconds the reader reads between two presses (untimed; default: only until the app is idle)",
    )
    parser.add_argument("--top", type=int, default=25, help="profile entries printed (default 25)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    with tempfile.TemporaryDirectory(prefix="parallax-keys-") as tmp:
        tmp_path = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for doc_id, text in generate_corpus(args.articles, args.seed).texts.items():
            (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        store = tmp_path / "store" / "annotations.json"
        store.parent.mkdir()
        print(
            f"keyboard loop: {args.presses} apply-and-next presses (keys 1-9), {args.articles} generated "
            f"articles, {SIZE[0]}x{SIZE[1]} headless, at most {constants.MAX_FPS} frames a second; timed from the key posted to the repaint after the store's "
            f"answer (see the docstring); baselines: 'n' alone, the store call alone"
        )
        result = asyncio.run(measure(corpus, store, args.presses, args.profile, args.think))
        applied, jumps = result["apply"], result["jump"]
        print(
            f"-- {result['groups']} groups, {result['widgets']} widgets on the screen; {result['moved']} of "
            f"{args.presses} presses moved on to the next group, {args.presses - result['unsaved']} saved a change; {result['annotations']} annotations in the store at the end"
        )
        print(line("apply-and-next (key to saved+painted)", applied))
        print(split(applied))
        print(slowest(applied))
        print(line("n alone (baseline)", jumps))
        alone_store = tmp_path / "store-alone" / "annotations.json"
        alone_store.parent.mkdir()
        print(line("store call alone (apply + read back)", store_alone(corpus, alone_store, args.presses)))
        median = statistics.median
        ratio = median(s[0] for s in applied) / median(s[0] for s in jumps)
        cpu_ratio = median(s[1] for s in applied) / median(s[1] for s in jumps)
        print(f"{'ratio apply-and-next / n':<34} wall {ratio:.2f}x   CPU {cpu_ratio:.2f}x")
        p95 = percentile([s[0] * 1000 for s in applied], 95)
        print(f"goal: p95 under {GOAL_MS:.0f} ms per press, store save included: {'meets' if p95 < GOAL_MS else 'MISSES'} ({p95:.1f} ms)")
        loop_profile, store_profile = result["profiles"]
        if loop_profile is not None:
            print("\n== profile: event loop thread, timed presses only, by cumulative time")
            print(top(loop_profile, "cumulative", args.top))
            print("== profile: event loop thread, by own time")
            print(top(loop_profile, "tottime", args.top))
            print("== profile: store calls in the worker thread (apply_tag + snapshot), by cumulative time")
            print(top(store_profile, "cumulative", args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
