"""One column of the reading room: an article's title and where it comes from, above its pane.

The title row starts with ``►`` while the column holds the focus, so the focused column shows
without colour (at 16 colours, in a monochrome terminal, to a colour-blind reader)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.widgets import Static

from reader.core.models import Document, Group
from reader.ui.render import safe_text
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.kept_rows import SharedRows
from reader.ui.widgets.minimap import Minimap

FOCUS_MARK = "\u25ba "
"""Before the title of the column that holds the focus."""


def column_title(document: Document, focused: bool) -> Text:
    """The title row: the focus mark (or as many spaces) and the title (the id without one)."""
    title = safe_text(FOCUS_MARK if focused else " " * len(FOCUS_MARK))
    title.append_text(safe_text(document.title or document.id))
    return title


def column_source(document: Document) -> str:
    """The second row: the outlet and the date when the article says them, else its file name."""
    known = [part for part in (document.outlet, document.date) if part]
    return " \u00b7 ".join(known) if known else Path(document.path).name


class ArticleColumn(SharedRows, Vertical):
    """The title, the outlet and date (or file name), the text of one article and its minimap
    (the column itself draws only its border: its lines are the same in every column, drawn
    once for them all, see :class:`SharedRows`)."""

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        """The article shown."""
        self._marked = False
        self.pane = ArticlePane(document)
        """The article's text pane (made with the column: it takes the groups, marks and
        scrolls asked for before the column is first mounted, and shows them then)."""

    def compose(self) -> ComposeResult:
        yield Static(column_title(self.document, False), classes="column-title")
        yield Static(safe_text(column_source(self.document)), classes="column-file")
        with Horizontal(classes="column-body"):
            yield self.pane
            yield Minimap(self.pane)

    def draw_ahead(self, group: Group) -> None:
        """Draw what the column shows once in view, the jump to ``group`` made (it is laid out,
        out of view): its pane's lines there (:meth:`ArticlePane.draw_ahead`), its own, its
        title's and source's; the jump that brings it into view then finds them drawn. (Not its
        map: the jump's scroll draws again the rows it changes, and the map draws a row cheaply.)"""
        if not self.size:
            return
        self.pane.draw_ahead(group)
        for widget in (self, *self.query(Static)):
            if widget.size:
                widget.render_lines(Region(0, 0, *widget.size))

    def _show_focus(self) -> None:
        focused = self.has_focus_within
        if focused != self._marked:
            self._marked = focused
            # One row high whatever it says: no layout needed.
            self.query_one(".column-title", Static).update(column_title(self.document, focused), layout=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # At once (the screen's focus has moved already): the mark leaves in the frame that
        # shows it in the column focused now, not in a frame of its own after it.
        self._show_focus()
