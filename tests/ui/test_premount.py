"""Columns mounted ahead of time (the next passage's, out of view) never sit in front of a key:
each step of it (a column mounted; the columns displayed) starts only while no input waits, a
frame apart, so a key pressed meanwhile is handled after one step at most; the steps are done once
the input is handled."""

from __future__ import annotations

import pytest
from textual import events
from textual.screen import Screen

from reader.ui.frame_hold import SCREEN_PENDING, WIDGET_PENDING
from reader.ui.widgets.article_columns import ArticleColumns
from tests.ui import test_many_columns as many_columns
from tests.ui.conftest import ready, until
from tests.ui.test_many_columns import app  # noqa: F401  (the fixture: 12 articles)


async def row_at_its_end(pilot) -> ArticleColumns:  # type: ignore[no-untyped-def]
    """The row scrolled to its last column: columns 4 to 7 were never shown, not mounted."""
    screen = await ready(pilot)
    columns = screen.query_one(ArticleColumns)
    columns.reveal(columns.columns[-1].document)
    await pilot.pause()
    await pilot.pause()
    assert not any(column.is_mounted for column in columns.columns[4:8])
    return columns


async def test_a_premount_waits_while_input_waits(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        target = columns.columns[5]
        asked: list[bool] = []
        waiting = [True]

        def input_waiting(self: ArticleColumns) -> bool:
            asked.append(waiting[0])
            return waiting[0]

        monkeypatch.setattr(ArticleColumns, "_input_waiting", input_waiting)
        columns.premount_soon([target.document.id], None)
        # Its first step found input waiting, twice over: nothing was mounted.
        await until(pilot, lambda: len(asked) >= 2)
        assert not target.is_mounted
        waiting[0] = False
        await until(pilot, lambda: target.is_mounted and target.display and target.pane.size.width > 0)
        assert not columns.in_view(target.document.id)


async def test_a_premount_mounts_a_column_a_step_and_stops_when_input_waits(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        target = columns.columns[5]
        columns.premount_soon([target.document.id], None)
        waits: list[bool] = []
        allowed = [False]

        def input_waiting(self: ArticleColumns) -> bool:
            # Input comes once the first column is mounted (a key pressed during that step).
            waiting = any(column.is_mounted for column in columns.columns[4:8]) and not allowed[0]
            waits.append(waiting)
            return waiting

        monkeypatch.setattr(ArticleColumns, "_input_waiting", input_waiting)
        await until(pilot, lambda: waits.count(True) >= 2)
        mounted = [column for column in columns.columns[4:8] if column.is_mounted]
        # One column mounted, hidden; the others wait with the display step.
        assert len(mounted) == 1
        assert not mounted[0].display
        allowed[0] = True
        await until(pilot, lambda: target.is_mounted and target.display and target.pane.size.width > 0)
        ahead = [column for column in columns.columns[4:8] if column.display]
        assert len(ahead) > 1  # (more than one column was mounted, a step each)


async def test_a_key_sent_to_the_app_is_input_waiting(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        await until(pilot, lambda: not columns._input_waiting())
        key = events.Key("f19", None)
        pilot.app.post_message(key)  # as the terminal's driver does; handled once the test yields
        assert columns._input_waiting()
        await until(pilot, lambda: not columns._input_waiting())


async def test_the_screen_flags_a_premount_reads_are_textuals(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # _input_waiting reads private flags of Textual's Screen: an upgrade that renames one must
    # fail here, not make a premount ignore a pending layout or paint.
    async with app.run_test(size=many_columns.SIZE) as pilot:
        screen = await ready(pilot)
        for flag in SCREEN_PENDING:
            assert hasattr(screen, flag), flag
        columns = screen.query_one(ArticleColumns)
        await until(pilot, lambda: not columns._input_waiting())
        for flag in ("_layout_required", "_scroll_required", "_repaint_required"):
            setattr(screen, flag, True)
            assert columns._input_waiting(), flag  # the flag is read
            setattr(screen, flag, False)
        # The row's own: a scroll or layout it has still to ask for (its window is not final).
        for flag in WIDGET_PENDING:
            assert getattr(columns, flag) is False, flag
            setattr(columns, flag, True)
            assert columns._input_waiting(), flag
            setattr(columns, flag, False)


async def test_no_premount_behind_another_screen(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        target = columns.columns[5]
        asked: list[bool] = []

        def input_waiting(self: ArticleColumns) -> bool:
            asked.append(True)
            return False

        monkeypatch.setattr(ArticleColumns, "_input_waiting", input_waiting)
        await pilot.app.push_screen(Screen())  # another screen on top of the reading screen
        await pilot.pause()
        assert not columns.screen.is_active
        columns.premount_soon([target.document.id], None)
        await pilot.pause(0.3)
        assert not target.is_mounted and not asked  # dropped, not retried a frame at a time


async def test_a_premount_waits_while_the_screens_updates_are_held(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # A number key holds the screen's updates (the frame hold) until the store answers: the
    # jump is not painted yet, so the next jump's columns are not made in front of its paint.
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        target = columns.columns[5]
        with pilot.app.batch_update():
            columns.premount_soon([target.document.id], None)
            for _ in range(5):
                await pilot.pause(0.02)
            assert all(column.parent is None for column in columns.columns[4:8])  # none being mounted
        await until(pilot, lambda: target.is_mounted and target.display and target.pane.size.width > 0)


async def test_a_premounts_steps_follow_the_screens_paints_without_timers(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # With no input waiting, each step comes once the screen has painted the one before (and
    # the first once the jump is painted): no step waits for a timer, so the next jump's columns
    # are ready a few frames after the jump, before a reader's next key. A timer is set only
    # for a step that finds input waiting.
    async with app.run_test(size=many_columns.SIZE) as pilot:
        columns = await row_at_its_end(pilot)
        await until(pilot, lambda: not columns._input_waiting())
        target = columns.columns[5]
        timers: list[float] = []
        set_timer = ArticleColumns.set_timer

        def counted(self: ArticleColumns, delay: float, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            timers.append(delay)
            return set_timer(self, delay, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(ArticleColumns, "set_timer", counted)
        monkeypatch.setattr(ArticleColumns, "_input_waiting", lambda self: False)
        group = next(g for g in pilot.app.screen.groups if target.document.id in g.doc_ids)
        drawn: list[object] = []
        monkeypatch.setattr(type(target), "draw_ahead", lambda self, g: drawn.append((self, g)))
        columns.premount_soon([target.document.id], None, group=group)
        await until(pilot, lambda: (target, group) in drawn)
        assert target.is_mounted and target.display and not columns.in_view(target.document.id)
        assert timers == []
