"""One article as a scrollable, wrapped, highlighted Line API widget with a reading cursor.

The layout (screen lines and marks, offsets into ``Document.text``) is a :class:`~reader.ui.page.Page`;
the cursor motions are the pure functions of :mod:`reader.ui.motions`. Each rendered line is
cached as a :class:`Strip`, and again as the screen composes it (:class:`KeptRows`: by line number,
so a pane that scrolled or moved is put together from strips it has); a jump to another group only
drops the cached lines its old and new spans touch, so it costs the same with 5 articles or 50.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from reader.core.models import Document, Group
from reader.ui import motions
from reader.ui.actions import ACTIONS, PANE
from reader.ui.page import Page
from reader.ui.render import GUTTER_WIDTH, Mark, paint_line
from reader.ui.widgets.cursor_motions import CursorMotions
from reader.ui.widgets.highlight_palette import HighlightPalette
from reader.ui.widgets.kept_rows import KeptRows
from reader.ui.widgets.pane_mouse import PaneMouse
from reader.ui.widgets.steady_scroll import SteadyScrollView

if TYPE_CHECKING:
    from reader.core.annotate import Anchored

class ArticlePane(CursorMotions, PaneMouse, KeptRows, SteadyScrollView, can_focus=True):
    """An article's text with its shared passages highlighted and a cursor for selecting."""

    BINDINGS = ACTIONS.bindings(PANE)

    cursor: reactive[int] = reactive(0, init=False, always_update=False, repaint=False)
    """Offset of the reading cursor in the document text."""
    anchor: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Where the selection starts (``v`` or a mouse press), or ``None`` with no selection."""
    selecting: reactive[bool] = reactive(False, init=False, repaint=False)
    """True while a selection is being made (it follows the cursor); False once it was ended
    (``v`` again, or the mouse released): it then stays as it is until used or cleared."""
    revision: reactive[int] = reactive(0, init=False, repaint=False)
    """Bumped whenever the marks or the wrapping change (the minimap watches it)."""

    @dataclass
    class SelectionChanged(Message):
        """The selection (or the cursor) of a pane moved."""

        pane: ArticlePane
        """The pane whose cursor or selection moved."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticlePane.SelectionChanged) and message.pane is self.pane

    def __init__(self, document: Document, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document = document
        """The article shown."""
        self.page = Page(document.id, document.text, document.front_matter_end)
        """The text wrapped at the pane's width, and the marks on it (read only: use the
        ``set_*`` methods, which also redraw)."""
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] | None = None
        self._base_style = Style()
        self._dragging = False
        self._scroll_on_move = True
        self._pending_scroll: int | None = None
        self._viewport = Size(0, 0)
        self._parked = False
        self._palette: HighlightPalette | None = None
        self._kept_end = 0
        """Where an ended selection ends (the cursor may move on)."""
        self._press = 0
        """Where the mouse was pressed (a drag selects whole words from there)."""

    # ------------------------------------------------------------------ layout and painting

    @property
    def palette(self) -> HighlightPalette:
        """The screen's shared highlight styles."""
        if self._palette is None:
            self._palette = self.screen.query_one(HighlightPalette)
        return self._palette

    @property
    def viewport(self) -> Size:
        """The size of the visible text area (kept from the last resize: asking the compositor
        for a region on every line or jump costs more than the jump itself)."""
        return self._viewport

    @property
    def text_width(self) -> int:
        """Cells available for text on one line."""
        return max(1, self._viewport.width - GUTTER_WIDTH)

    @property
    def line_count(self) -> int:
        """Screen lines at the current width."""
        return len(self.page.index)

    @property
    def screen_lines(self) -> Sequence[tuple[int, int]]:
        """``(start, end)`` offsets of every screen line at the current width (read only)."""
        return self.page.index.lines

    def line_of(self, offset: int) -> int:
        """The screen line holding ``offset`` at the current width."""
        return self.page.index.line_of(offset)

    @property
    def visible_lines(self) -> range:
        """The screen lines in view."""
        top = round(self.scroll_offset.y)
        return range(top, min(self.line_count, top + self._viewport.height))

    @property
    def shown_text(self) -> str:
        """The text as drawn: controls made visible, a tab as one space; as long as
        ``document.text``, so offsets hold."""
        return self.page.text

    def prepare(self, viewport: Size) -> None:
        """Wrap the text for a text area of ``viewport`` (the size its column's neighbours
        have) before the pane is first laid out, so its first resize finds the text wrapped (the
        row of columns calls this when it mounts a column as it scrolls into view; that resize
        wraps again only if the size differs)."""
        if self.is_mounted or viewport.width <= GUTTER_WIDTH:
            return
        self._viewport = viewport
        self.page.wrap(self.text_width)

    def on_resize(self, event: events.Resize) -> None:
        self._viewport = self.scrollable_content_region.size
        wrapped = self.page.wrap(self.text_width)
        size = Size(self.text_width + GUTTER_WIDTH, self.line_count)
        if wrapped or self.virtual_size != size:  # (not wrapped: prepared before it was mounted)
            self._marks_changed()
            self.virtual_size = size
        if self._pending_scroll is not None:
            # After this refresh, at the width the layout settles on (forced: the scrollbar of a
            # pane mounted a moment ago is not laid out yet).
            self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is not None:
            offset, self._pending_scroll = self._pending_scroll, None
            self.scroll_to_offset(offset, keep_if_visible=False)

    def _marks_changed(self) -> None:
        self._forget_lines()
        self.refresh()
        self.revision += 1

    def notify_style_update(self) -> None:
        # The lines drawn are dropped only if their look changed (_check_look): a style update
        # that changed nothing they show (the focus moving here) keeps them.
        super().notify_style_update()
        self._styles = None

    _drawn_look: tuple[object, ...] | None = None

    def _check_look(self) -> None:
        """Drop the lines drawn if the styles they were drawn with changed since (the pane's own,
        the shared highlights': a theme switch)."""
        look = (self.palette.version, self.rich_style)
        if look != self._drawn_look:
            self._drawn_look = look
            self._forget_lines()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._check_look()
        return super().render_lines(crop)

    def focus(self, scroll_visible: bool = True) -> ArticlePane:
        """Focus the pane; one whose column is not mounted yet takes the focus once it is."""
        if not self.is_mounted:
            self._focus_on_mount = scroll_visible
            return self
        return cast("ArticlePane", super().focus(scroll_visible))

    _focus_on_mount: bool | None = None
    """Focus asked for before the pane was mounted (with whether to scroll it into view)."""

    def on_mount(self) -> None:
        if self.page.wrapped and self._viewport.height:
            # Prepared: the pane's virtual size and its scrollbar are known before its first
            # layout, which then needs no second one to show them.
            self.virtual_size = Size(self.text_width + GUTTER_WIDTH, self.line_count)
            self.show_vertical_scrollbar = self.line_count > self._viewport.height
            self.vertical_scrollbar.display = self.show_vertical_scrollbar
        if self._focus_on_mount is not None:  # (is_mounted is only true once this handler returned)
            scroll_visible, self._focus_on_mount = self._focus_on_mount, None
            super().focus(scroll_visible)

    def on_focus(self) -> None:
        self._redraw_lines(self.cursor, self.cursor)

    def on_blur(self) -> None:
        self._redraw_lines(self.cursor, self.cursor)

    def _forget_lines(self, lines: range | None = None) -> None:
        """Drop the lines drawn (those of ``lines``, or all): they look different now."""
        if lines is None:
            self._cache.clear()
        else:
            for line in lines:
                self._cache.pop(line, None)
        self.forget_rows(lines)

    def row_key(self, y: int) -> int | None:
        number = round(self.scroll_offset.y) + y
        if number >= self.line_count or (self.has_focus and number == self.line_of(self.cursor)):
            return None  # (past the end; the cursor's line: drawn each time, as render_line does)
        return number

    def render_line(self, y: int) -> Strip:
        self._check_look()
        number = round(self.scroll_offset.y) + y
        width = self._viewport.width
        strip = self._cache.get(number)
        if strip is None:
            strip = self._render_screen_line(number, width)
            if number < self.line_count:
                self._cache[number] = strip
        if self.has_focus and number < self.line_count and number == self.line_of(self.cursor):
            strip = self._render_screen_line(number, width, with_cursor=True)
        return strip

    def _render_screen_line(self, number: int, width: int, with_cursor: bool = False) -> Strip:
        if self._styles is None:
            self._styles = self.palette.styles_by_name
            self._base_style = self.rich_style
        if number >= self.line_count:
            return Strip.blank(width, self._base_style)
        start, end = self.page.index.lines[number]
        layers = self.page.line_layers(number)
        layers["selection"] = self.marks("selection")
        cursor = self.cursor if with_cursor else None
        return paint_line(self.page.text, start, end, layers, self._styles, self._base_style, width, self.app.console, cursor)

    def _redraw_lines(self, start: int, end: int) -> None:
        """Draw again the screen lines from the one holding ``start`` to the one holding ``end``."""
        lines = self.page.lines_of(min(start, end), max(start, end) + 1)
        self._forget_lines(lines)
        if lines:
            self.refresh_lines(lines.start, len(lines))

    # ------------------------------------------------------------------ what is highlighted

    def set_groups(self, groups: Iterable[Group]) -> None:
        """Highlight every span of ``groups`` that lies in this article."""
        self.page.set_groups(groups)
        self._marks_changed()

    def set_annotations(self, anchored: Iterable[Anchored]) -> None:
        """Mark the annotations of ``anchored`` that are placed in this article; only the lines
        of the marks that went or came are drawn again."""
        changed = self.page.set_annotations(anchored)
        for mark in changed:
            self._redraw_lines(mark.start, max(mark.start, mark.end - 1))
        if changed:
            self.revision += 1

    def set_search_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark search hits (offsets into the text)."""
        self.page.set_search(spans)
        self._marks_changed()

    def set_focus_group(self, group: Group | None) -> None:
        """Mark ``group``'s spans in this article as the focused group (or clear the mark)."""
        changed = self.page.set_focus(group)
        for mark in changed:
            self._redraw_lines(mark.start, max(mark.start, mark.end - 1))
        if changed:
            self.revision += 1

    def show_group(self, group: Group, *, move_cursor: bool) -> None:
        """Scroll to ``group``'s first span in this article, if it has one; with
        ``move_cursor`` (and no selection being made) the cursor goes to its start."""
        span = self.page.first_span(group)
        if span is not None:
            self.scroll_to_span(*span)
            if move_cursor and not self.selecting:
                self.move_cursor(span[0], scroll=False)

    def strongest_mark(self, first: int, last: int) -> str | None:
        """What the minimap shows for screen lines ``[first, last)``: ``"focus"``, a group
        kind (the highest ranked), ``"annotation"``, or ``None``."""
        return self.page.strongest_mark(first, last)

    @property
    def group_spans(self) -> tuple[tuple[int, int], ...]:
        """The highlighted group spans, in text order."""
        return tuple((m.start, m.end) for m in self.page.marks("groups"))

    def marks(self, layer: str) -> tuple[Mark, ...]:
        """The marks of one layer (:data:`~reader.ui.render.LAYERS`), in text order:
        ``"groups"``, ``"annotations"``, ``"search"``, ``"focus"`` (the focused group) or
        ``"selection"``."""
        if layer == "selection":
            selection = self.selection
            return () if selection is None else (Mark(selection[0], selection[1], "pane--selection"),)
        return self.page.marks(layer)

    # ------------------------------------------------------------------ scrolling

    def offset_visible(self, offset: int) -> bool:
        """True when the screen line holding ``offset`` is in view."""
        return self.line_of(offset) in self.visible_lines

    @property
    def _laid_out(self) -> bool:
        """True when the pane can scroll: displayed, mounted and laid out with its text wrapped
        (else a scroll asked for waits, see :meth:`park` and :meth:`on_resize`)."""
        return (
            self.page.wrapped and bool(self.line_count) and not self._parked and self.is_mounted
            and self.virtual_size.height == self.line_count and self.size.height > 0
        )

    def scroll_to_offset(self, offset: int, *, keep_if_visible: bool = True) -> None:
        """Bring ``offset`` into view, a third of the way down the pane."""
        if not self._laid_out:
            self._pending_scroll = offset
            return
        if keep_if_visible and self.offset_visible(offset):
            return
        # force: a pane mounted a moment ago has not been laid out with its scrollbar yet.
        self.scroll_to(y=max(0, self.line_of(offset) - self._viewport.height // 3), animate=False, immediate=True, force=True)

    displayed = property(lambda self: not self._parked, doc="True when the pane's column is in the layout (:meth:`park`).")

    def park(self, parked: bool) -> None:
        """Called by the row of columns when this pane's column is taken out of (or put back
        into) the layout: scrolls asked for meanwhile are kept and done when it is back."""
        self._parked = parked
        if not parked and self._pending_scroll is not None and self.page.wrapped:
            self.call_after_refresh(self._apply_pending_scroll)

    def draw_ahead(self, group: Group) -> None:
        """Draw (:class:`KeptRows`) the lines in view once :meth:`show_group` showed ``group``
        (those in view now, when it has no span here), without scrolling: a pane about to come
        into view with it has them drawn."""
        if not self._laid_out:
            return
        self._check_look()
        span = self.page.first_span(group)
        height = self._viewport.height
        top = round(self.scroll_offset.y)
        if span is not None and not (self.offset_visible(span[0]) and self.offset_visible(max(span[0], span[1] - 1))):
            top = min(max(0, self.line_of(span[0]) - height // 3), max(0, self.line_count - height))
        width = self._viewport.width
        lines = range(top, min(self.line_count, top + height))
        self.draw_rows((number, lambda n=number: self._render_screen_line(n, width)) for number in lines)

    def scroll_to_span(self, start: int, end: int) -> None:
        """Bring ``[start, end)`` into view (its start, and as much of it as fits)."""
        if self._laid_out:
            if self.offset_visible(start) and self.offset_visible(max(start, end - 1)):
                return
        self.scroll_to_offset(start, keep_if_visible=False)

    # ------------------------------------------------------------------ cursor and selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected span ``(start, end)`` without surrounding white space, or ``None``:
        from the anchor to the cursor while selecting, as it was ended after."""
        if self.anchor is None:
            return None
        start, end = sorted((self.anchor, self.cursor if self.selecting else self._kept_end))
        text = self.document.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def watch_cursor(self, old: int, new: int) -> None:
        if self.anchor is not None and self.selecting:
            self._redraw_lines(old, new)  # the selection grew or shrank between them
        else:
            self._redraw_lines(old, old)
            self._redraw_lines(new, new)
        if self._scroll_on_move:
            self.scroll_to_offset(new)
        self.post_message(self.SelectionChanged(self))

    def watch_anchor(self, old: int | None, new: int | None) -> None:
        self._forget_lines()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def watch_selecting(self) -> None:
        self.post_message(self.SelectionChanged(self))

    def move_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the cursor at ``offset`` (clamped to the text); with ``scroll`` (the default) the
        pane scrolls to keep it in view, without it the view stays where it is."""
        self._scroll_on_move = scroll
        try:
            self.cursor = motions.clamp(self.document.text, offset)
        finally:
            self._scroll_on_move = True

    def start_selection(self, offset: int) -> None:
        """Start a selection at ``offset`` (the cursor goes there); it follows the cursor."""
        self.selecting = False
        self.anchor = None
        self.move_cursor(offset, scroll=False)
        self.anchor = offset
        self.selecting = True

    def end_selection(self) -> None:
        """Stop the selection following the cursor: it stays as it is (an empty one is dropped)."""
        self._kept_end = self.cursor
        self.selecting = False
        if self.selection is None:
            self.anchor = None

    def show_span(self, start: int, end: int) -> None:
        """Bring ``[start, end)`` into view and put the cursor at its start, selecting nothing (a
        selection being made is ended first, so the jump does not stretch it)."""
        if self.selecting:
            self.end_selection()
        self.move_cursor(start, scroll=False)
        self.scroll_to_span(start, end)

    def action_toggle_selection(self) -> None:
        """Start a selection at the cursor; while selecting: end it (it stays, see
        :attr:`selecting`); with an ended one: start a new one at the cursor."""
        if self.selecting:
            self.end_selection()
        else:
            self.start_selection(self.cursor)

    def action_clear_selection(self) -> None:
        self.selecting = False
        self.anchor = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(PANE, self, action, parameters)
