"""The row of article columns: shares its width between them, scrolls sideways when they do
not fit, and can zoom one column to the full width."""

from __future__ import annotations

from textual import events
from textual.containers import HorizontalScroll
from textual.reactive import reactive

from reader.ui.widgets.article_column import ArticleColumn

MIN_COLUMN_WIDTH = 44
"""Columns never get narrower than this; past it the row scrolls sideways."""


class ArticleColumns(HorizontalScroll):
    """Holds the :class:`ArticleColumn` widgets."""

    zoomed: reactive[ArticleColumn | None] = reactive(None, init=False)
    """The column shown alone at full width, or ``None`` when all are shown."""

    @property
    def columns(self) -> list[ArticleColumn]:
        """The columns, in corpus order."""
        return list(self.query_children(ArticleColumn).results(ArticleColumn))

    def on_resize(self, event: events.Resize) -> None:
        self.share_width()

    def watch_zoomed(self, zoomed: ArticleColumn | None) -> None:
        self.set_class(zoomed is not None, "-zoomed")
        for column in self.columns:
            column.set_class(column is zoomed, "-zoom-target")
        self.share_width()

    def share_width(self) -> None:
        """Give each column its share of the width (or all of it to the zoomed one)."""
        columns = self.columns
        width = self.scrollable_content_region.width or self.size.width
        if not columns or width <= 0:
            return
        if self.zoomed is not None:
            self.zoomed.styles.width = width
            self.scroll_to(x=0, animate=False)
            return
        share = max(MIN_COLUMN_WIDTH, width // len(columns))
        for index, column in enumerate(columns):
            # The last column takes the remainder so the row fills the width exactly.
            extra = width - share * len(columns) if share * len(columns) < width and index == len(columns) - 1 else 0
            column.styles.width = share + extra
