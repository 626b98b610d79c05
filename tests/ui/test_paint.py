"""What the screen draws on each line: a container covered wholly by what it holds (the body
around the row of columns and the match list, each column's body around its pane and minimap) is
not drawn itself, only its children are; the screen as composed has no gap where it was."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.minimap import Minimap
from tests.ui.conftest import SIZE, ready
from tests.ui.test_jump_frames import Terminal


async def test_covered_containers_are_not_drawn_their_children_are(sample_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn: list[Widget] = []
    render_lines = Widget.render_lines

    def counted(self: Widget, crop: Any) -> Any:
        drawn.append(self)
        return render_lines(self, crop)

    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(Widget, "render_lines", counted)
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
