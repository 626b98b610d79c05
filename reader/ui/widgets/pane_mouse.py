"""The mouse in an :class:`~reader.ui.widgets.article_pane.ArticlePane`: a click moves the
cursor, a drag selects whole words from where it was pressed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from reader.ui import motions
from reader.ui.render import GUTTER_WIDTH, offset_at_cell

if TYPE_CHECKING:
    from textual.geometry import Offset

    from reader.core.models import Document
    from reader.ui.page import Page


class PaneMouse:
    """The mouse handlers of an article pane (a mixin: the pane has the cursor, the selection
    and the page they use)."""

    if TYPE_CHECKING:
        document: Document
        page: Page
        anchor: int | None
        selecting: bool
        cursor: int
        _press: int
        _dragging: bool

        @property
        def line_count(self) -> int: ...
        @property
        def scroll_offset(self) -> Offset: ...
        def focus(self, scroll_visible: bool = True) -> object: ...
        def capture_mouse(self, capture: bool = True) -> None: ...
        def release_mouse(self) -> None: ...
        def action_clear_selection(self) -> None: ...
        def move_cursor(self, offset: int, *, scroll: bool = True) -> None: ...
        def end_selection(self) -> None: ...

    def offset_at(self, x: int, y: int) -> int:
        """The text offset under the cell ``(x, y)`` of the widget."""
        if not self.line_count:
            return 0
        number = min(self.line_count - 1, max(0, round(self.scroll_offset.y) + y))
        start, end = self.page.index.lines[number]
        return offset_at_cell(self.page.text, start, end, x - GUTTER_WIDTH)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self.focus()
        self._press = self.offset_at(event.x, event.y)
        self._dragging = True
        self.capture_mouse()
        self.action_clear_selection()
        self.move_cursor(self._press, scroll=False)

    def _drag_to(self, offset: int, *, scroll: bool) -> None:
        """Select the whole words from the press to ``offset`` (nothing while still on the
        pressed character: a click only moves the cursor)."""
        if offset == self._press:
            self.action_clear_selection()
            self.move_cursor(offset, scroll=scroll)
            return
        start, end = motions.snap_to_words(self.document.text, self._press, offset)
        if offset < self._press:
            start, end = end, start  # dragged backwards: the cursor sits at the start
        if self.anchor != start or not self.selecting:
            self.selecting = False
            self.anchor = None
            self.move_cursor(start, scroll=False)
            self.anchor = start
            self.selecting = True
        self.move_cursor(end, scroll=scroll)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._drag_to(self.offset_at(event.x, event.y), scroll=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        self._drag_to(self.offset_at(event.x, event.y), scroll=True)
        if self.selecting:
            self.end_selection()
