"""Apply-and-next in one frame: a number key's jump and the store's answer (the tag's marks) are
painted together, the screen's updates held until the answer comes and what it changed asked to
be repainted; never longer than the hold's limit; a refused change ends the hold too, another
call's answer (an undo) does not. The store is made to wait on an event here, so what the screen
paints before the answer is seen, whatever the machine's speed."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from reader.ui import frame_hold
from tests.ui.conftest import SIZE, Setup, ready, settle, until
from tests.ui.test_jump_frames import Terminal
from tests.ui.test_keyboard_tagging import set_tags, stored


def slow_store(screen: Any) -> threading.Event:
    """Make the store's apply_tag wait (in the desk's worker) until the event returned is set."""
    go = threading.Event()
    workspace = screen.desk.workspace
    apply_tag = workspace.apply_tag

    def waiting(*args: Any, **kwargs: Any) -> Any:
        assert go.wait(10), "the test never let the store answer"
        return apply_tag(*args, **kwargs)

    workspace.apply_tag = waiting
    return go


def count_paints(screen: Any) -> list[int]:
    """A list whose length is the number of screen updates sent to the terminal from now on
    (a refresh that finds nothing to draw sends none)."""
    paints: list[int] = []
    render_update = screen._compositor.render_update

    def counted(*args: Any, **kwargs: Any) -> Any:
        update = render_update(*args, **kwargs)
        if update is not None:
            paints.append(1)
        return update

    screen._compositor.render_update = counted
    return paints


def count_refreshes(screen: Any) -> list[int]:
    """A list whose length is the number of times the screen refreshes (its update timer finds
    widgets to repaint and has the compositor draw them), from now on."""
    refreshes: list[int] = []
    refresh = screen._compositor_refresh

    def counted() -> None:
        refreshes.append(1)
        refresh()

    screen._compositor_refresh = counted  # called as self._compositor_refresh() by the update timer
    return refreshes


@asynccontextmanager
async def tagging(setup: Setup, monkeypatch: pytest.MonkeyPatch, limit: float) -> AsyncIterator[tuple[Any, Any, Any]]:
    """The app with the tag set ``claim`` (key 1), the hold's limit ``limit`` seconds: the app,
    its pilot and the reading screen, ready."""
    monkeypatch.setattr(frame_hold, "HOLD_LIMIT", limit)
    set_tags(setup, "claim")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await ready(pilot)


async def test_a_number_key_paints_the_jump_and_the_tag_in_one_frame(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):  # only the answer ends the hold
        await pilot.press("n", "1")  # the first tag: undo becomes possible, the Footer changes
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        first = screen.focused_group
        assert first is not None and not [a for a in stored(setup) if a.group == first.id]
        go = slow_store(screen)
        terminal = Terminal(screen)
        paints = count_paints(screen)
        before = list(terminal.text)
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        # The jump is made at once (the next key would tag the next group)...
        assert screen.focused_group is not None and screen.focused_group.id != first.id
        # ...but not painted while the store has not answered.
        assert paints == [] and terminal.text == before and screen.frame_hold.holding
        go.set()
        await until(pilot, lambda: len(screen.anchored) > 2)
        await settle(pilot)
        # The answer came: the jump and the tag's marks in one frame, and nothing left unpainted.
        assert len(paints) == 1
        assert not screen.frame_hold.holding
        assert terminal.matches(screen)
        assert first.id in {a.group for a in stored(setup)}


async def test_a_store_slower_than_the_limit_has_the_jump_painted_first(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 0.05) as (app, pilot, screen):
        await pilot.press("n")
        await settle(pilot)
        go = slow_store(screen)
        paints = count_paints(screen)
        await pilot.press("1")
        # The store keeps the answer: the screen is painted anyway once the limit passed.
        await until(pilot, lambda: bool(paints))
        assert not screen.frame_hold.holding and not screen.anchored
        go.set()
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        assert len(paints) >= 2 and stored(setup)


async def test_a_refused_change_is_said_and_ends_the_hold(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.annotate import TagError

    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):  # only the answer ends the hold
        await pilot.press("n")
        await settle(pilot)

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise TagError("refused for the test")

        screen.desk.workspace.apply_tag = refuse
        paints = count_paints(screen)
        await pilot.press("1")
        await until(pilot, lambda: any(n.message == "refused for the test" for n in app._notifications))
        await settle(pilot)
        assert [n.title for n in app._notifications if n.message == "refused for the test"] == ["Not saved"]
        assert not screen.frame_hold.holding and paints and stored(setup) == ()


async def test_the_hold_waits_for_the_repaints_the_answer_asked_for(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):  # only the answer ends the hold
        await pilot.press("n", "1")
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        go = slow_store(screen)
        for pane in screen.panes:
            # Each pane is busy a moment after the answer marked it: it asks the screen for its
            # repaint late, after the screen has handled the answer and gone idle.
            def busy(anchored: Any, _pane: Any = pane, _set: Any = pane.set_annotations) -> None:
                _pane.call_later(asyncio.sleep, 0.05)
                _set(anchored)

            monkeypatch.setattr(pane, "set_annotations", busy)
        terminal = Terminal(screen)
        refreshes = count_refreshes(screen)
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause(0.05)  # the screen's update timer is due: it refreshes as soon as it may
        assert refreshes == [] and screen.frame_hold.holding
        go.set()
        await until(pilot, lambda: len(screen.anchored) > 2)
        await settle(pilot)
        await pilot.pause(0.1)
        # The panes' late requests were waited for: the screen refreshed once, with everything
        # (not once for the jump and again when the panes' requests came in).
        assert len(refreshes) == 1
        assert not screen.frame_hold.holding and terminal.matches(screen)


async def test_an_undo_answered_meanwhile_does_not_end_the_hold(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):  # only the answer ends the hold
        await pilot.press("n", "1")
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        workspace = screen.desk.workspace
        undo, undo_go = workspace.undo, threading.Event()

        def waiting_undo() -> Any:
            assert undo_go.wait(10), "the test never let the undo answer"
            return undo()

        workspace.undo = waiting_undo
        go = slow_store(screen)
        await pilot.press("u")  # the undo is on its way (its worker waits)...
        await pilot.pause()
        paints = count_paints(screen)
        await pilot.press("1")  # ...when a number key asks for the hold
        await pilot.pause()
        undo_go.set()
        await until(pilot, lambda: not screen.anchored)  # the undo's answer was handled
        await pilot.pause()
        await pilot.pause(0.05)
        # The number key's save has not answered: the screen still waits for it.
        assert screen.frame_hold.holding and paints == []
        go.set()
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        assert not screen.frame_hold.holding and paints  # (the Footer, redo now offered, is rebuilt)


async def test_an_answer_marks_again_only_the_articles_whose_annotations_changed(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):
        given: list[str] = []
        for pane in screen.panes:
            def recorded(anchored: Any, _pane: Any = pane, _set: Any = pane.set_annotations) -> None:
                given.append(_pane.document.id)
                _set(anchored)

            monkeypatch.setattr(pane, "set_annotations", recorded)
        await pilot.press("n", "1")  # 'claim' on the first passage: alpha and bravo
        await until(pilot, lambda: bool(screen.anchored))
        await settle(pilot)
        assert sorted(given) == ["alpha", "bravo"]
        marked = {pane.document.id: pane.page._marks["annotations"] for pane in screen.panes}
        assert marked["alpha"] and marked["bravo"] and not marked["charlie"]
        given.clear()
        await pilot.press("u")  # undone: the same two articles, unmarked
        await until(pilot, lambda: not screen.anchored)
        await settle(pilot)
        assert sorted(given) == ["alpha", "bravo"]
        assert not any(pane.page._marks["annotations"] for pane in screen.panes)


async def test_a_widget_with_a_repaint_it_has_not_asked_for_is_prompted(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):  # only the answer ends the hold
        await pilot.press("n")
        await settle(pilot)
        go = slow_store(screen)
        await pilot.press("1")  # 'claim' on the first passage (alpha, bravo); on to the next
        await pilot.pause()
        await pilot.pause()
        assert screen.frame_hold.holding
        # A pane the answer does not change, with a repaint it has not asked the screen for and
        # nothing to wake it (as a pane refreshed before its message loop ran).
        (charlie,) = [pane for pane in screen.panes if pane.document.id == "charlie"]
        charlie._repaint_required = True
        go.set()
        # Waited for without Pilot's pauses, which wake every widget of the screen.
        for _ in range(500):
            if screen.anchored and not screen.frame_hold.holding:
                break
            await asyncio.sleep(0.01)
        assert not screen.frame_hold.holding  # (not ended by the hold's limit: 60 s)
        assert not charlie._repaint_required


async def test_the_widget_flags_the_hold_reads_are_textuals(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hold reads private flags of Textual's widgets and the compositor's map of the widgets
    # in view: an upgrade that renames one must fail here, not end the hold before the repaints.
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):
        (pane, *_) = screen.panes
        assert pane in screen._compositor.visible_widgets
        # A loaded machine may still have the first screen's repaints (or those of the columns
        # mounted ahead, from the first jump's paint on) on their way: wait them all out.
        await until(pilot, lambda: not screen.frame_hold.pending())
        for flag in frame_hold.WIDGET_PENDING:
            assert getattr(pane, flag) is False, flag
            setattr(pane, flag, True)
            assert screen.frame_hold.pending() == [pane], flag  # the flag is read
            setattr(pane, flag, False)
        pane.refresh()  # as Textual itself sets it
        assert screen.frame_hold.pending() == [pane]


async def test_a_late_answer_of_a_hold_that_ended_is_not_awaited_by_the_next(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    # Key 1's hold ends at its time limit with its answer still on its way; key 2 holds again;
    # key 1's answer then arrives: key 2's hold still waits for its own.
    async with tagging(setup, monkeypatch, 60.0) as (app, pilot, screen):
        hold = screen.frame_hold
        first = hold.await_answer()
        hold.release()  # the time limit
        second = hold.await_answer()
        assert second != first and hold.holding and hold.awaited == 1
        hold.answered(first)
        assert hold.holding and hold.awaited == 1
        hold.answered(second)
        assert hold.awaited == 0
        hold.release()
        assert not hold.holding
