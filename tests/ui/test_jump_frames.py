"""What a jump costs the screen: a focus that moves to another column repaints what changed, not
the whole screen; a jump to columns out of view lays the screen out once. Checked on the screen
as the terminal receives it (the updates the compositor sends, applied to a grid of cells), so
that what is left unpainted would show."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_column import FOCUS_MARK, ArticleColumn
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.minimap import Minimap
from tests.ui import conftest
from tests.ui import test_many_columns as many_columns
from tests.ui.conftest import ready, until
from tests.ui.test_many_columns import SIZE, app  # noqa: F401  (the fixture: 12 articles, the last two share FAR)


class Terminal:
    """The cells of the terminal as the screen's updates leave them, and how many updates were
    whole-screen ones and how many layouts (reflows) the screen made."""

    def __init__(self, screen: ReadingScreen) -> None:
        compositor = screen._compositor
        width, height = compositor.size
        self.rows: list[list[tuple[str, Style | None]]] = [[(" ", None)] * width for _ in range(height)]
        self.full_updates = 0
        self.reflows = 0
        render_update, reflow = compositor.render_update, compositor.reflow

        def update(*args: Any, **kwargs: Any) -> Any:
            result = render_update(*args, **kwargs)
            self._apply(result)
            return result

        def counted_reflow(*args: Any, **kwargs: Any) -> Any:
            self.reflows += 1
            return reflow(*args, **kwargs)

        compositor.render_update = update  # type: ignore[method-assign]
        compositor.reflow = counted_reflow  # type: ignore[method-assign]
        self._apply(render_update(full=True))
        self.full_updates = 0

    def _write(self, y: int, x: int, strip: Strip, x1: int, x2: int) -> None:
        for offset, cell in enumerate(cells(strip)):
            if x1 <= x + offset < x2 and x + offset < len(self.rows[y]):
                self.rows[y][x + offset] = cell

    def _apply(self, update: object) -> None:
        if isinstance(update, LayoutUpdate):
            self.full_updates += 1
            for y, line in enumerate(update.strips, update.region.y):
                self._write(y, update.region.x, Strip.join(line), 0, len(self.rows[y]))
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                    if strip is not None and not (x > x2 or end <= x1):
                        self._write(y, x, strip, x1, x2)

    @property
    def text(self) -> list[str]:
        return ["".join(char for char, _ in row) for row in self.rows]

    def matches(self, screen: ReadingScreen) -> bool:
        """Whether every cell shows what the screen would paint afresh (character and style)."""
        return self.rows == [cells(strip) for strip in screen._compositor.render_strips()]


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    """The cells of ``strip``: each character with its style."""
    return [(char, segment.style) for segment in strip for char in segment.text]


def marked(terminal: Terminal, column: ArticleColumn) -> bool:
    """Whether the column's title row, as the terminal shows it, starts with the focus mark."""
    row = terminal.text[column.region.y]
    return row[column.region.x : column.region.x + len(FOCUS_MARK) + 1].strip() == FOCUS_MARK.strip()


async def first_column_focused(pilot):  # type: ignore[no-untyped-def]
    """The screen once ready with its first column focused, its columns, and a terminal that
    shows the frames from then on."""
    screen = await ready(pilot)
    columns = screen.query_one(ArticleColumns)
    await until(pilot, lambda: screen.focused is columns.panes[0])
    await pilot.pause()
    return screen, columns, Terminal(screen)


async def focus_the_second_column(pilot, screen, columns) -> None:  # type: ignore[no-untyped-def]
    """``l`` pressed, and its frames painted once the second column has the focus."""
    await pilot.press("l")
    await until(pilot, lambda: screen.focused is columns.panes[1])
    await pilot.pause()
    await pilot.pause()


async def test_moving_the_focus_to_another_column_repaints_what_changed_not_the_whole_screen(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=SIZE) as pilot:
        screen, columns, terminal = await first_column_focused(pilot)
        first, second = columns.columns[0], columns.columns[1]
        assert marked(terminal, first) and not marked(terminal, second)
        await focus_the_second_column(pilot, screen, columns)
        # The titles as the terminal shows them: the mark moved to the column focused now.
        assert marked(terminal, second) and not marked(terminal, first)
        assert terminal.matches(screen)
        # ...painted by updating what changed: no frame repainted the whole screen.
        assert terminal.full_updates == 0


async def test_the_focus_mark_moves_to_another_column_in_one_frame(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=SIZE) as pilot:
        screen, columns, terminal = await first_column_focused(pilot)
        first, second = columns.columns[0], columns.columns[1]
        frames: list[tuple[bool, bool]] = []
        apply = terminal._apply

        def recorded(update: object) -> None:
            apply(update)
            frames.append((marked(terminal, first), marked(terminal, second)))

        terminal._apply = recorded  # type: ignore[method-assign]
        await focus_the_second_column(pilot, screen, columns)
        # The frame that marks the column focused now unmarks the other: no frame shows two
        # marks (the old one left in a frame of its own, a paint more for every such jump).
        assert frames and frames[-1] == (False, True)
        assert (True, True) not in frames
        assert terminal.matches(screen)


async def test_a_jump_to_columns_out_of_view_lays_the_screen_out_once(app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        target = columns.panes[-2]
        await many_columns.to_the_group_before(pilot, screen, "g-far")
        # The columns of the next passage are laid out ahead, out of view.
        await until(pilot, lambda: target.is_mounted and target.size.width > 0)
        await pilot.pause()
        await pilot.pause()
        terminal = Terminal(screen)
        await pilot.press("n")
        await until(pilot, lambda: screen.focused is target and target.offset_visible(target.cursor))
        await pilot.pause()
        await pilot.pause()
        # The row scrolled to them: one layout of the screen (the spacers either side of the
        # columns shown changed width with it, which asked for none more).
        assert columns.in_view(target.document.id)
        assert terminal.reflows == 1
        assert terminal.matches(screen)
        assert any("Geneva" in line for line in terminal.text)


async def test_a_jump_draws_again_only_the_rows_of_the_maps_that_change(sample_app) -> None:  # type: ignore[no-untyped-def]
    async with sample_app.run_test(size=conftest.SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await until(pilot, lambda: screen.focused_group is not None)
        await pilot.pause()
        await pilot.pause()
        maps = list(screen.query(Minimap))
        drawn: list[int] = []
        for minimap in maps:
            render_line = minimap.render_line
            minimap.render_line = lambda y, _render=render_line: drawn.append(y) or _render(y)  # type: ignore[method-assign]
        terminal = Terminal(screen)
        drawn.clear()
        # Each pane of the next passage scrolls to it: its map shows the passage focused, and
        # the part of the article in view, elsewhere.
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        # The maps as the terminal shows them are right, colours included...
        assert terminal.matches(screen)
        # ...and were drawn again row by row where they changed, not whole.
        assert drawn and len(drawn) < sum(minimap.size.height for minimap in maps) / 2
