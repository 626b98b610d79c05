"""Lines kept as the screen composes them (reader/ui/widgets/kept_rows.py): a pane draws its lines
as Textual's StylesCache would, keeps them by line number (scrolled back, or moved, it gives the
same strips) and draws again those whose marks changed, and all of them at another width; the
row's containers give one strip for equal lines, across columns; a premount draws the next
jump's columns ahead, so the jump finds their lines drawn."""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip

from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.article_pane import ArticlePane
from tests.ui import test_many_columns as many_columns
from tests.ui.conftest import SIZE, ready, until
from tests.ui.test_many_columns import app  # noqa: F401  (the fixture: 12 articles, the last two share FAR)


def lines(pane: ArticlePane) -> list[Strip]:
    return pane.render_lines(Region(0, 0, *pane.size))


def as_textual_draws(pane: ArticlePane) -> list[list[object]]:
    """The pane's lines as Textual's own StylesCache draws them, afresh."""
    pane._styles_cache.clear()
    return [list(strip) for strip in pane._styles_cache.render_widget(pane, Region(0, 0, *pane.size))]


async def test_a_pane_draws_its_lines_as_textual_would_and_keeps_them(sample_app) -> None:  # type: ignore[no-untyped-def]
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None and pane.has_focus
        pane.start_selection(pane.cursor)
        pane.move_cursor(pane.cursor + 30)
        await pilot.pause()
        drawn = lines(pane)
        assert [list(strip) for strip in drawn] == as_textual_draws(pane)
        # Drawn again with nothing changed: the very same strips (their cuts and crops cached),
        # but the cursor's line, drawn each time.
        cursor_line = pane.line_of(pane.cursor) - round(pane.scroll_offset.y)
        again = lines(pane)
        assert all(a is b for y, (a, b) in enumerate(zip(drawn, again)) if y != cursor_line)
        # Scrolled down and back: the lines kept by number are given again.
        screen.set_focus(None)  # (the cursor's line then kept too)
        await pilot.pause()
        before = lines(pane)
        pane.scroll_to(y=pane.scroll_offset.y + 3, animate=False, immediate=True, force=True)
        await pilot.pause()
        assert [list(strip) for strip in lines(pane)] == as_textual_draws(pane)
        pane.scroll_to(y=pane.scroll_offset.y - 3, animate=False, immediate=True, force=True)
        await pilot.pause()
        assert all(a is b for a, b in zip(before, lines(pane)))


async def test_a_kept_line_is_drawn_again_when_its_highlight_or_the_width_changes(sample_app) -> None:  # type: ignore[no-untyped-def]
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None
        screen.set_focus(None)
        await pilot.pause()
        group = screen.focused_group
        assert group is not None
        span = pane.page.first_span(group)
        assert span is not None and pane.offset_visible(span[0])
        drawn = lines(pane)
        # The focused group's mark goes: its lines are drawn again, the others kept.
        pane.set_focus_group(None)
        changed = {line - round(pane.scroll_offset.y) for line in pane.page.lines_of(*span)}
        now = lines(pane)
        assert [list(strip) for strip in now] == as_textual_draws(pane)
        assert all((a is b) == (y not in changed) for y, (a, b) in enumerate(zip(drawn, now)))
        # Another width: every line drawn again, at that width.
        await pilot.resize_terminal(SIZE[0] - 20, SIZE[1])
        await pilot.pause()
        await pilot.pause()
        resized = lines(pane)
        assert [list(strip) for strip in resized] == as_textual_draws(pane)
        assert {strip.cell_length for strip in resized} == {pane.size.width}


async def test_the_columns_share_their_equal_lines(sample_app) -> None:  # type: ignore[no-untyped-def]
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        first, second = screen.query_one(ArticleColumns).columns[:2]
        assert first.size == second.size
        region = Region(0, 0, *first.size)
        # (A column draws its border; its title, source and body cover the rest.)
        one, other = first.render_lines(region), second.render_lines(region)
        assert [list(strip) for strip in one] == [list(strip) for strip in other]
        assert all(a is b for a, b in zip(one, other))
        assert len({id(strip) for strip in one}) < len(one) // 4


async def test_a_premount_draws_the_next_jumps_columns_ahead(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=many_columns.SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        target = columns.panes[-2]
        await many_columns.to_the_group_before(pilot, screen, "g-far")
        far = screen.groups[(screen.group_index + 1) % len(screen.groups)]
        span = target.page.first_span(far)
        assert span is not None
        # Out of view, laid out ahead, and drawn where the jump will scroll it.
        await until(pilot, lambda: bool(target.__dict__.get("_rows")))
        assert not columns.in_view(target.document.id)
        kept = dict(target._rows)
        assert target.line_of(span[0]) in kept
        await pilot.press("n")
        await until(pilot, lambda: screen.focused_group is far)
        await pilot.pause()
        assert columns.in_view(target.document.id)
        # The jump found them drawn: the lines its mark does not touch are the strips kept.
        top = round(target.scroll_offset.y)
        marked = set(target.page.lines_of(*span))
        shown = lines(target)
        reused = [shown[number - top] is kept[number] for number in target.visible_lines if number in kept and number not in marked]
        assert reused and all(reused)
