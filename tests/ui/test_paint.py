"""What the screen draws: a container covered wholly by what it holds (the body around the row of
columns and the match list, each column's body around its pane and minimap) is not drawn itself,
only its children are, and the screen as composed has no gap where it was; columns mounted ahead
of time, out of view, appear in the layout that makes room for them (one layout fewer), and
change nothing on screen; a layout that changed nothing of a pane does not repaint its
scrollbar."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from reader.ui.frame_hold import WIDGET_PENDING
from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.kept_rows import KeptRows, SharedRows
from reader.ui.widgets.minimap import Minimap
from tests.ui import test_many_columns as many_columns
from tests.ui.conftest import SIZE, ready, until
from tests.ui.test_jump_frames import Terminal
from tests.ui.test_many_columns import app  # noqa: F401  (the fixture: 12 articles)


async def test_covered_containers_are_not_drawn_their_children_are(sample_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn: list[Widget] = []

    def counting(render_lines: Any) -> Any:
        def counted(self: Widget, crop: Any) -> Any:
            drawn.append(self)
            return render_lines(self, crop)

        return counted

    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        # (Panes and the row's containers draw their lines through their own render_lines.)
        for owner in (Widget, KeptRows, SharedRows):
            monkeypatch.setattr(owner, "render_lines", counting(owner.render_lines))
        screen._compositor.render_update(full=True)
        body = screen.query_one("#body")
        column_bodies = [column.query_one(".column-body") for column in screen.query(ArticleColumn)]
        assert column_bodies
        assert body not in drawn
        assert not any(column_body in drawn for column_body in column_bodies)
        # Their children are drawn, and every cell of the screen is painted.
        assert any(isinstance(widget, ArticlePane) for widget in drawn)
        assert any(isinstance(widget, Minimap) for widget in drawn)
        assert screen.columns in drawn
        terminal = Terminal(screen)
        assert terminal.matches(screen)
        assert "".join(terminal.text).strip()


async def test_columns_mounted_ahead_appear_in_the_layout_that_makes_room_for_them(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        # The row at its end: the columns between the first ones (mounted with the row) and
        # those in view now were never shown, and are not mounted.
        columns.reveal(columns.columns[-1].document)
        await pilot.pause()
        await pilot.pause()
        first = columns.columns[5]
        assert not first.is_mounted and not columns.in_view(first.document.id)
        # On a loaded machine the reveal's paints (and any premount it asked for) may still be
        # on their way: the frames are compared with the screen once nothing is left to paint.
        await until(
            pilot,
            lambda: columns._premount_timer is None
            and not any(getattr(w, flag) for w in screen.walk_children() for flag in WIDGET_PENDING),
        )
        await pilot.pause()
        terminal = Terminal(screen)
        before = terminal.text
        frames: list[list[str]] = []
        apply = terminal._apply

        def recorded(update: object) -> None:
            apply(update)
            frames.append(terminal.text)

        terminal._apply = recorded  # type: ignore[method-assign]
        layouts: list[tuple[object, bool]] = []
        reflow = screen._compositor.reflow

        def noted(*args: Any, **kwargs: Any) -> Any:
            layouts.append((columns._lead.styles.width, first.display and first.is_mounted))
            return reflow(*args, **kwargs)

        screen._compositor.reflow = noted  # type: ignore[method-assign]
        lead = columns._lead.styles.width
        # Mounted ahead of time, out of view, before the columns in view (the leading spacer
        # makes room for them).
        await columns.premount([first.document.id], None)
        await until(pilot, lambda: first.is_mounted and first.display and first.pane.size.width > 0)
        await pilot.pause()
        await pilot.pause()
        assert frames
        assert all(frame == before for frame in frames)
        # The leading spacer made room for the column in the layout that placed it, not before.
        assert columns._lead.styles.width != lead
        assert all(shown == (width != lead) for width, shown in layouts), layouts
        assert terminal.matches(screen)


async def test_a_layout_does_not_repaint_an_unchanged_panes_scrollbar(sample_app) -> None:  # type: ignore[no-untyped-def]
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        panes = [pane for pane in screen.query(ArticlePane) if pane.show_vertical_scrollbar]
        assert panes
        repainted: list[ArticlePane] = []
        for pane in panes:
            bar = pane.vertical_scrollbar

            def refresh(*args: Any, _pane: ArticlePane = pane, _refresh: Any = bar.refresh, **kwargs: Any) -> Any:
                repainted.append(_pane)
                return _refresh(*args, **kwargs)

            bar.refresh = refresh  # type: ignore[method-assign]
        # A layout of the whole screen that moves and resizes nothing.
        screen._refresh_layout()
        assert repainted == []
        # A pane that does change size gets its scrollbar updated.
        await pilot.resize_terminal(SIZE[0], SIZE[1] - 4)
        await pilot.pause()
        await pilot.pause()
        assert set(repainted) == set(panes)


def test_the_private_method_steady_scroll_overrides_is_textuals() -> None:
    # SteadyScrollView overrides ScrollView._size_updated (private): an upgrade of Textual that
    # changes it must fail here, not leave the panes' scrollbars stale.
    import inspect

    from textual.scroll_view import ScrollView

    assert list(inspect.signature(ScrollView._size_updated).parameters) == ["self", "size", "virtual_size", "container_size", "layout"]
