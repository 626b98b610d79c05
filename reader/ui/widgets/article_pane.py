"""One article as a scrollable, wrapped, highlighted Line API widget with a reading cursor.

The text is wrapped once per width into screen lines (offsets into ``Document.text``); marks are
bucketed per line once per change, and each rendered line is cached as a :class:`Strip`. A jump
to another group only drops the cached lines its old and new spans touch, so it costs the same
with 5 articles or 50.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.models import Document, Group
from reader.ui.render import (
    GUTTER_SYMBOL,
    LineIndex,
    Mark,
    display_text,
    group_marks,
    gutter_mark,
    styled_line,
    wrap_offsets,
)
from reader.ui.widgets.highlight_palette import HighlightPalette

GUTTER_WIDTH = 2
"""Cells left of the text: the gutter mark and a space."""

_WORD_START = re.compile(r"(?<!\S)\S")
_WORD_END = re.compile(r"\S(?=\s|$)")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n\s*)(?=\S)")


class ArticlePane(ScrollView, can_focus=True):
    """An article's text with its shared passages highlighted and a cursor for selecting."""

    BINDINGS = [
        Binding("w", "word_forward", "Next word", show=False, tooltip="Cursor to the start of the next word"),
        Binding("b", "word_back", "Previous word", show=False, tooltip="Cursor to the start of this or the previous word"),
        Binding("e", "word_end", "Word end", show=False, tooltip="Cursor to the end of the word (a selection ends there)"),
        Binding("right_parenthesis", "sentence_forward", "Next sentence", show=False, tooltip="Cursor to the start of the next sentence"),
        Binding("left_parenthesis", "sentence_back", "Previous sentence", show=False, tooltip="Cursor to the start of this or the previous sentence"),
        Binding("left", "char_back", "Left", show=False),
        Binding("right", "char_forward", "Right", show=False),
        Binding("up", "line_up", "Up", show=False, tooltip="Cursor one screen line up"),
        Binding("down", "line_down", "Down", show=False, tooltip="Cursor one screen line down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Cursor one screen up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, tooltip="Cursor one screen down"),
        Binding("home", "line_start", "Line start", show=False),
        Binding("end", "line_end", "Line end", show=False),
        Binding("g", "text_start", "Top", show=False, tooltip="Cursor to the start of the article"),
        Binding("G", "text_end", "Bottom", show=False, tooltip="Cursor to the end of the article"),
        Binding("v", "toggle_selection", "Select", tooltip="Start or end a selection at the cursor"),
        Binding("escape", "clear_selection", "Clear selection", show=False, tooltip="Drop the selection"),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=False, repaint=False)
    """Offset of the reading cursor in the document text."""
    anchor: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Where the selection started (``v`` or a mouse press), or ``None`` with no selection."""
    revision: reactive[int] = reactive(0, init=False, repaint=False)
    """Bumped whenever the marks or the wrapping change (the minimap watches it)."""

    class SelectionChanged(Message):
        """The selection (or the cursor) of a pane moved."""

        def __init__(self, pane: ArticlePane) -> None:
            super().__init__()
            self.pane = pane

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticlePane.SelectionChanged) and message.pane is self.pane

    def __init__(self, document: Document, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document = document
        """The article shown."""
        self._text = display_text(document.text)
        self._index = LineIndex([])
        self._wrap_width = -1
        self._group_marks: list[Mark] = []
        self._annotation_marks: list[Mark] = []
        self._search_marks: list[Mark] = []
        self._focus_marks: list[Mark] = []
        self._buckets: tuple[list[list[Mark]], ...] = ()
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] | None = None
        self._base_style = Style()
        self._dragging = False
        self._pending_scroll: int | None = None
        self._viewport = Size(0, 0)
        self._parked = False
        self._palette: HighlightPalette | None = None

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
        return len(self._index)

    def on_resize(self, event: events.Resize) -> None:
        self._viewport = self.scrollable_content_region.size
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.text_width
        if width == self._wrap_width:
            return
        self._wrap_width = width
        self._index = LineIndex(wrap_offsets(self._text, width))
        self._rebucket()
        self.virtual_size = Size(width + GUTTER_WIDTH, len(self._index))
        if self._pending_scroll is not None:
            # The new virtual size is only known to the scrolling code after this refresh.
            self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is not None:
            offset, self._pending_scroll = self._pending_scroll, None
            self.scroll_to_offset(offset, keep_if_visible=False)

    def _rebucket(self) -> None:
        index = self._index
        self._buckets = (
            index.bucket(self._group_marks),
            index.bucket(self._annotation_marks),
            index.bucket(self._search_marks),
        )
        self._cache.clear()
        self.refresh()
        self.revision += 1

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._cache.clear()

    def on_focus(self) -> None:
        self._refresh_offsets((self.cursor,))

    def on_blur(self) -> None:
        self._refresh_offsets((self.cursor,))

    def render_line(self, y: int) -> Strip:
        number = round(self.scroll_offset.y) + y
        width = self._viewport.width
        strip = self._cache.get(number)
        if strip is None:
            strip = self._render_screen_line(number, width)
            if number < len(self._index):
                self._cache[number] = strip
        if self.has_focus and number < len(self._index) and number == self._index.line_of(self.cursor):
            strip = self._render_screen_line(number, width, with_cursor=True)
        return strip

    def _render_screen_line(self, number: int, width: int, with_cursor: bool = False) -> Strip:
        if self._styles is None:
            self._styles = self.palette.styles_by_name
            self._base_style = self.rich_style
        styles = self._styles
        base = self._base_style
        if number >= len(self._index):
            return Strip.blank(width, base)
        start, end = self._index.lines[number]
        layers: list[Sequence[Mark]] = [bucket[number] for bucket in self._buckets]
        focus = [m for m in self._focus_marks if m.start < end and m.end > start]
        layers.append(focus)
        selection = self.selection
        if selection is not None:
            layers.append([Mark(selection[0], selection[1], "pane--selection")])
        line = styled_line(self._text, start, end, layers, styles)
        if with_cursor:
            at = self.cursor - start
            if 0 <= at < end - start:
                line.stylize(styles["pane--cursor"], at, at + 1)
            else:
                line.append(" ", styles["pane--cursor"])
        if focus:
            gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-focus"])
        elif (mark := gutter_mark(layers[0])) is not None:
            gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-" + mark.component.split("-")[2]])
        elif layers[1]:
            gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-annotation"])
        else:
            gutter = Segment(" ")
        segments = list(Segment.apply_style([gutter, Segment(" "), *line.render(self.app.console)], base))
        length = GUTTER_WIDTH + line.cell_len
        if length < width:
            segments.append(Segment(" " * (width - length), base))
        elif length > width:
            return Strip(segments, length).crop(0, width)
        return Strip(segments, width)

    def _refresh_offsets(self, offsets: Iterable[int]) -> None:
        lines = {self._index.line_of(offset) for offset in offsets if len(self._index)}
        for line in lines:
            self._cache.pop(line, None)
            self.refresh_line(line)

    def _refresh_marks(self, marks: Iterable[Mark]) -> None:
        if not len(self._index):
            return
        for mark in marks:
            first = self._index.line_of(mark.start)
            last = self._index.line_of(max(mark.start, mark.end - 1))
            for line in range(first, last + 1):
                self._cache.pop(line, None)
            self.refresh_lines(first, last - first + 1)

    # ------------------------------------------------------------------ what is highlighted

    def set_groups(self, groups: Iterable[Group]) -> None:
        """Highlight every span of ``groups`` that lies in this article."""
        self._group_marks = group_marks(self.document.id, groups)
        self._rebucket()

    def set_annotation_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark the tagged spans (offsets into the text)."""
        self._annotation_marks = sorted(Mark(a, b, "pane--annotation") for a, b in spans if b > a)
        self._rebucket()

    def set_search_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark search hits (offsets into the text)."""
        self._search_marks = sorted(Mark(a, b, "pane--search") for a, b in spans if b > a)
        self._rebucket()

    def set_focus_group(self, group: Group | None) -> None:
        """Mark ``group``'s spans in this article as the focused group (or clear the mark)."""
        old = self._focus_marks
        self._focus_marks = (
            [Mark(s.start, s.end, "pane--focus") for s in group.spans if s.doc == self.document.id and s.end > s.start]
            if group is not None
            else []
        )
        self._refresh_marks([*old, *self._focus_marks])
        if old or self._focus_marks:
            self.revision += 1

    def strongest_mark(self, first: int, last: int) -> str | None:
        """What the minimap shows for screen lines ``[first, last)``: ``"focus"``, a group
        kind (the highest ranked), ``"annotation"``, or ``None``."""
        if not self._buckets:
            return None
        start = self._index.lines[first][0]
        end = self._index.lines[last - 1][1]
        if any(m.start < max(end, start + 1) and m.end > start for m in self._focus_marks):
            return "focus"
        best = None
        for line in range(first, last):
            mark = gutter_mark(self._buckets[0][line])
            if mark is not None and (best is None or mark.rank > best.rank):
                best = mark
        if best is not None:
            return best.component.split("-")[2]
        if any(self._buckets[1][line] for line in range(first, last)):
            return "annotation"
        return None

    @property
    def group_spans(self) -> tuple[tuple[int, int], ...]:
        """The highlighted group spans, in text order."""
        return tuple((m.start, m.end) for m in self._group_marks)

    # ------------------------------------------------------------------ scrolling

    def offset_visible(self, offset: int) -> bool:
        """True when the screen line holding ``offset`` is in view."""
        line = self._index.line_of(offset)
        top = round(self.scroll_offset.y)
        return top <= line < top + self._viewport.height

    def scroll_to_offset(self, offset: int, *, keep_if_visible: bool = True) -> None:
        """Bring ``offset`` into view, a third of the way down the pane."""
        if self._wrap_width < 0 or not len(self._index) or self._parked:
            self._pending_scroll = offset
            return
        if keep_if_visible and self.offset_visible(offset):
            return
        line = self._index.line_of(offset)
        height = self._viewport.height
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def park(self, parked: bool) -> None:
        """Called by the row of columns when this pane's column is taken out of (or put back
        into) the layout: scrolls asked for meanwhile are kept and done when it is back."""
        self._parked = parked
        if not parked and self._pending_scroll is not None and self._wrap_width >= 0:
            self.call_after_refresh(self._apply_pending_scroll)

    def scroll_to_span(self, start: int, end: int) -> None:
        """Bring ``[start, end)`` into view (its start, and as much of it as fits)."""
        if self._wrap_width >= 0 and len(self._index) and not self._parked:
            if self.offset_visible(start) and self.offset_visible(max(start, end - 1)):
                return
        self.scroll_to_offset(start, keep_if_visible=False)

    # ------------------------------------------------------------------ cursor and selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected span ``(start, end)`` without surrounding white space, or ``None``."""
        if self.anchor is None:
            return None
        start, end = sorted((self.anchor, self.cursor))
        text = self.document.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def watch_cursor(self, old: int, new: int) -> None:
        self._after_move(old, new)

    def watch_anchor(self, old: int | None, new: int | None) -> None:
        self._cache.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def _after_move(self, old: int, new: int) -> None:
        if self.anchor is not None:
            lo, hi = sorted((old, new))
            if len(self._index):
                first, last = self._index.line_of(lo), self._index.line_of(hi)
                for line in range(first, last + 1):
                    self._cache.pop(line, None)
                self.refresh_lines(first, last - first + 1)
        self._refresh_offsets((old, new))
        if not self._dragging:
            self.scroll_to_offset(new)
        self.post_message(self.SelectionChanged(self))

    def move_cursor(self, offset: int) -> None:
        """Put the cursor at ``offset`` (clamped to the text)."""
        self.cursor = max(0, min(len(self.document.text), offset))

    def select(self, start: int, end: int) -> None:
        """Select ``[start, end)`` and bring it into view."""
        self.anchor = start
        self.move_cursor(end)
        self.scroll_to_span(start, end)

    def _next(self, pattern: re.Pattern[str], *, after: int) -> int:
        match = pattern.search(self.document.text, after)
        return match.start() if match else len(self.document.text)

    def action_word_forward(self) -> None:
        self.move_cursor(self._next(_WORD_START, after=self.cursor + 1))

    def action_word_back(self) -> None:
        starts = [m.start() for m in _WORD_START.finditer(self.document.text, 0, max(0, self.cursor))]
        starts = [s for s in starts if s < self.cursor]
        self.move_cursor(starts[-1] if starts else 0)

    def action_word_end(self) -> None:
        match = _WORD_END.search(self.document.text, self.cursor + 1)
        self.move_cursor(match.end() if match else len(self.document.text))

    def _sentence_starts(self) -> list[int]:
        return [m.end() for m in _SENTENCE_START.finditer(self.document.text)]

    def action_sentence_forward(self) -> None:
        later = [s for s in self._sentence_starts() if s > self.cursor]
        self.move_cursor(later[0] if later else len(self.document.text))

    def action_sentence_back(self) -> None:
        earlier = [s for s in self._sentence_starts() if s < self.cursor]
        self.move_cursor(earlier[-1] if earlier else 0)

    def action_char_back(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_char_forward(self) -> None:
        self.move_cursor(self.cursor + 1)

    def _move_lines(self, delta: int) -> None:
        if not len(self._index):
            return
        line = self._index.line_of(self.cursor)
        column = self.cursor - self._index.lines[line][0]
        target = max(0, min(len(self._index) - 1, line + delta))
        start, end = self._index.lines[target]
        self.move_cursor(min(start + column, end))

    def action_line_up(self) -> None:
        self._move_lines(-1)

    def action_line_down(self) -> None:
        self._move_lines(1)

    def action_page_up(self) -> None:
        self._move_lines(-max(1, self._viewport.height - 1))

    def action_page_down(self) -> None:
        self._move_lines(max(1, self._viewport.height - 1))

    def action_line_start(self) -> None:
        if len(self._index):
            self.move_cursor(self._index.lines[self._index.line_of(self.cursor)][0])

    def action_line_end(self) -> None:
        if len(self._index):
            self.move_cursor(self._index.lines[self._index.line_of(self.cursor)][1])

    def action_text_start(self) -> None:
        self.move_cursor(0)

    def action_text_end(self) -> None:
        self.move_cursor(len(self.document.text))

    def action_toggle_selection(self) -> None:
        self.anchor = None if self.anchor is not None else self.cursor

    def action_clear_selection(self) -> None:
        self.anchor = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":
            return self.anchor is not None
        return True

    # ------------------------------------------------------------------ mouse

    def offset_at(self, x: int, y: int) -> int:
        """The text offset under the cell ``(x, y)`` of the widget."""
        if not len(self._index):
            return 0
        number = min(len(self._index) - 1, max(0, round(self.scroll_offset.y) + y))
        start, end = self._index.lines[number]
        column = max(0, x - GUTTER_WIDTH)
        cells = 0
        for index in range(start, end):
            char = self._text[index]
            cells += 1 if char.isascii() else max(1, Strip([Segment(char)]).cell_length)
            if cells > column:
                return index
        return end

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self.focus()
        offset = self.offset_at(event.x, event.y)
        self._dragging = True
        self.capture_mouse()
        self.anchor = None
        self.move_cursor(offset)
        self.anchor = offset

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.move_cursor(self.offset_at(event.x, event.y))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        self.move_cursor(self.offset_at(event.x, event.y))
        if self.anchor == self.cursor:
            self.anchor = None
