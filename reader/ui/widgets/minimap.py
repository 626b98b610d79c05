"""A one-cell-wide map of a whole article beside its pane: where the shared passages, the
focused group and the tagged spans sit, and which part is on screen. A click scrolls there.

A scroll of the pane or a change of its marks (a jump does both) draws again only the rows of
the map whose look changed, not the whole map."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.render import GUTTER_SYMBOL
from reader.ui.widgets.article_pane import ArticlePane


class Minimap(Widget):
    """The map of one :class:`ArticlePane`."""

    DEFAULT_CSS = """
    Minimap {
        width: 1;
        height: 1fr;
    }
    """

    def __init__(self, pane: ArticlePane) -> None:
        super().__init__()
        self.pane = pane
        """The pane mapped."""
        self._rows: list[str | None] = []
        self._rows_key: tuple[int, int] = (-1, -1)
        self._strips: dict[tuple[str | None, bool], Strip] = {}
        self._styles: dict[str, Style] | None = None
        self._base = Style()
        self._shown: list[tuple[str | None, bool]] | None = None
        """What each row shows (its mark, whether its lines are in view) as last asked to be
        drawn; ``None`` when the whole map is to be drawn again."""

    def on_mount(self) -> None:
        self.watch(self.pane, "scroll_y", self._refresh_rows, init=False)
        self.watch(self.pane, "revision", self._marks_changed, init=False)

    def _marks_changed(self) -> None:
        self._rows_key = (-1, -1)
        self._refresh_rows()

    def _row_looks(self, rows: int) -> list[tuple[str | None, bool]]:
        """Each row's mark and whether its lines are in view."""
        return [(kind, self._in_view(y, rows)) for y, kind in enumerate(self.summary(rows))]

    def _in_view(self, y: int, rows: int) -> bool:
        """Whether row ``y`` of ``rows`` maps lines on screen in the pane."""
        lines = self.pane.line_count
        if not lines:
            return False
        top = round(self.pane.scroll_offset.y)
        first, last = self._row_range(y, rows, lines)
        return first < top + self.pane.viewport.height and last > top

    def _refresh_rows(self) -> None:
        """Draw again the rows whose look changed since they were last asked to be drawn (all
        of them when that is not known)."""
        rows = self._map_size.height
        # (A map not displayed is drawn whole when shown again: nothing to work out before.)
        looks = self._row_looks(rows) if rows > 0 and self.pane.displayed else None
        shown, self._shown = self._shown, looks
        if looks is None or shown is None or len(shown) != len(looks):
            self.refresh()
            return
        y = 0
        while y < rows:
            if shown[y] == looks[y]:
                y += 1
                continue
            start = y
            while y < rows and shown[y] != looks[y]:
                y += 1
            self.refresh(Region(0, start, max(1, self.size.width), y - start))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()
        self._shown = None

    def _row_range(self, row: int, rows: int, lines: int) -> tuple[int, int]:
        first = row * lines // rows
        return first, max(first + 1, (row + 1) * lines // rows)

    def summary(self, rows: int) -> list[str | None]:
        """What each of ``rows`` rows of the map shows: "focus", a group kind, "annotation" or
        ``None`` (kept until the pane's marks or the row count change)."""
        key = (rows, self.pane.revision)
        if key == self._rows_key and len(self._rows) == rows:
            return self._rows
        lines = self.pane.line_count
        summary: list[str | None] = []
        for row in range(rows):
            if not lines:
                summary.append(None)
                continue
            first, last = self._row_range(row, rows, lines)
            summary.append(self.pane.strongest_mark(first, min(last, lines)))
        self._rows, self._rows_key = summary, key
        return summary

    def on_resize(self, event: events.Resize) -> None:
        self._map_size = event.size
        self._strips.clear()
        self._shown = None
        self.refresh()  # every row now maps other lines: drawn lines kept from before are stale

    _map_size = Size(0, 0)

    def render_line(self, y: int) -> Strip:
        rows = self._map_size.height
        if self._styles is None:
            # Resolved once per style change (``rich_style`` walks the ancestors each time).
            self._styles = self.pane.palette.styles_by_name
            self._base = self.rich_style
        styles = self._styles
        base = self._base
        if rows <= 0 or y >= rows:
            return Strip.blank(self._map_size.width, base)
        in_view = self._in_view(y, rows)
        kind = self.summary(rows)[y]
        key = (kind, in_view)
        strip = self._strips.get(key)
        if strip is None:
            style = base + styles["minimap--viewport"] if in_view else base
            if kind is None:
                strip = Strip([Segment(" ", style)], 1)
            else:
                strip = Strip([Segment(GUTTER_SYMBOL, style + styles[f"minimap--{kind}"])], 1)
            self._strips[key] = strip
        return strip

    def on_click(self, event: events.Click) -> None:
        rows = self._map_size.height
        lines = self.pane.line_count
        if rows and lines:
            line = event.y * lines // rows
            height = self.pane.viewport.height
            self.pane.scroll_to(y=max(0, line - height // 3), animate=False)
