"""One column of the reading room: an article's title and file name above its pane."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from reader.core.models import Document
from reader.ui.render import safe_text
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.minimap import Minimap


class ArticleColumn(Vertical):
    """The title, the file name, the text of one article and its minimap."""

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        """The article shown."""

    def compose(self) -> ComposeResult:
        yield Static(safe_text(self.document.title or self.document.id), classes="column-title")
        yield Static(safe_text(Path(self.document.path).name), classes="column-file")
        pane = ArticlePane(self.document)
        with Horizontal(classes="column-body"):
            yield pane
            yield Minimap(pane)

    @property
    def pane(self) -> ArticlePane:
        """The article's text pane."""
        return self.query_one(ArticlePane)
