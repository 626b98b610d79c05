"""The idle collector: no full garbage collection while keys arrive, one once the app is idle,
the interpreter's thresholds back when the app exits."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from reader.ui.app import ParallaxApp
from reader.ui.heap import HOLD_LIMIT, IdleCollector
from tests.ui.conftest import SIZE, ready, until


@pytest.fixture
def full_collections() -> Iterator[list[str]]:
    """Who ran each full collection that started meanwhile (``"collector"`` or ``"interpreter"``)."""
    seen: list[str] = []
    running = [False]
    real_collect = gc.collect

    def noted(generation: int = 2) -> int:
        running[0] = True
        try:
            return real_collect(generation)
        finally:
            running[0] = False

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append("collector" if running[0] else "interpreter")

    gc.callbacks.append(callback)
    gc.collect = noted  # type: ignore[assignment]
    try:
        yield seen
    finally:
        gc.collect = real_collect
        gc.callbacks.remove(callback)


def survivors() -> list[list[int]]:
    """Enough new container objects that outlive the young collections for the interpreter to
    start a full collection (more than a quarter of the objects already in generation 2)."""
    return [[n] for n in range(len(gc.get_objects(generation=2)) // 3 + 100_000)]


async def test_full_collections_wait_for_the_app_to_be_idle(sample_app: ParallaxApp, full_collections: list[str]) -> None:
    thresholds = gc.get_threshold()
    # Idle after 5 s while the keys come (however slowly a busy machine allocates), after 0.2 s
    # once they stopped.
    sample_app.collector = IdleCollector(idle=5.0)
    kept = []
    async with sample_app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert gc.get_threshold() != thresholds
        full_collections.clear()
        # Keys arrive while the heap grows by as much as makes the interpreter collect in full.
        for _ in range(3):
            kept.append(survivors())
            await pilot.press("j")
        assert full_collections == []
        assert sample_app.collector.due
        # Idle: the collector runs the full collection that was put off, and only that.
        sample_app.collector.idle = 0.2
        await until(pilot, lambda: full_collections == ["collector"])
        assert not sample_app.collector.due
    assert gc.get_threshold() == thresholds
    assert "interpreter" not in full_collections


def test_the_collector_takes_at_most_its_share_of_the_time() -> None:
    now = [100.0]
    thresholds = gc.get_threshold()
    collector = IdleCollector(idle=1.0, share=0.2, clock=lambda: now[0])
    real_collect = gc.collect
    ran: list[float] = []

    def slow_collect(generation: int = 2) -> int:
        ran.append(now[0])
        now[0] += 0.5  # a full collection of half a second
        return 0

    collector.start()
    gc.collect = slow_collect  # type: ignore[assignment]
    try:
        kept = survivors()
        assert collector.due
        collector.input()
        now[0] += 0.5
        assert not collector.tick()  # input half a second ago: not idle
        now[0] += 1.0
        assert collector.tick() and ran == [101.5]
        # Still due (nothing was collected); the next one waits 4 times as long as it took.
        assert not collector.tick()
        now[0] += 1.9
        assert not collector.tick()
        now[0] += 0.2
        assert collector.tick() and ran == pytest.approx([101.5, 104.1])
        del kept
    finally:
        gc.collect = real_collect
        collector.stop()
    assert gc.get_threshold() == thresholds


def test_a_hold_stops_every_collection_until_released_or_too_long() -> None:
    now = [0.0]
    collector = IdleCollector(clock=lambda: now[0])
    was_on = gc.isenabled()
    collector.hold()
    assert gc.isenabled() == was_on and not collector.holding  # not running: nothing held
    collector.start()
    try:
        gc.enable()
        collector.hold()
        assert not gc.isenabled() and collector.holding
        collector.release()
        assert gc.isenabled() and not collector.holding
        collector.hold()
        now[0] += HOLD_LIMIT / 2
        collector.tick()
        assert not gc.isenabled()  # not held too long yet
        now[0] += HOLD_LIMIT
        collector.tick()
        assert gc.isenabled() and not collector.holding
        collector.hold()
        collector.stop()
        assert gc.isenabled()
    finally:
        collector.stop()
        gc.enable() if was_on else gc.disable()


async def test_no_collection_while_a_key_is_handled_and_painted(sample_app: ParallaxApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.screens.reading import ReadingScreen

    seen: list[bool] = []
    jump = ReadingScreen.jump

    def noted(self: ReadingScreen, step: int) -> None:
        seen.append(gc.isenabled())
        jump(self, step)

    monkeypatch.setattr(ReadingScreen, "jump", noted)
    async with sample_app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert gc.isenabled()
        await pilot.press("n")
        await until(pilot, lambda: len(seen) == 1)
        assert seen == [False]  # held while the key is handled
        await until(pilot, gc.isenabled)  # and let go once it is painted
        assert not sample_app.collector.holding
