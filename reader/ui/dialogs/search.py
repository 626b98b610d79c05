"""The search dialog: a fuzzy search across every article, results as one-line snippets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.models import Document
from reader.core.search import SearchHit, search, snippet
from reader.ui.actions import ACTIONS, SEARCH
from reader.core.text import cut_words
from reader.ui.render import safe_text

TITLE_WIDTH = 28
"""Characters of the article's title before each result."""


def hit_row(hit: SearchHit, document: Document) -> Text:
    """One result: the article's title, the score and the snippet with the hit in bold."""
    text, a, b = snippet(document, hit.start, hit.end)
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    row.append_text(safe_text(f"{cut_words(document.title or document.id, TITLE_WIDTH):<{TITLE_WIDTH}} ", "dim"))
    row.append(f"{hit.score:>3.0f}  ", "dim")
    row.append_text(safe_text(text[:a]))
    row.append_text(safe_text(text[a:b], "bold reverse"))
    row.append_text(safe_text(text[b:]))
    return row


class SearchScreen(ModalScreen["SearchScreen.Result | None"]):
    """Type to search; Enter jumps to the highlighted hit."""

    BINDINGS = ACTIONS.bindings(SEARCH)

    @dataclass(frozen=True, slots=True)
    class Result:
        """The search the reader jumped from."""

        query: str
        hits: tuple[SearchHit, ...]
        """Every hit, best first."""
        chosen: SearchHit
        """The hit to jump to."""

    @dataclass
    class HitsFound(Message):
        """The search worker finished a query."""

        query: str
        hits: tuple[SearchHit, ...]
        """Every hit, best first."""

    def __init__(self, documents: Sequence[Document], query: str = "") -> None:
        super().__init__()
        self.documents = tuple(documents)
        """The articles searched."""
        self._by_id = {document.id: document for document in self.documents}
        self._query = query
        self.hits: tuple[SearchHit, ...] = ()
        """The hits listed."""
        self.hits_query: str | None = None
        """The query :attr:`hits` belong to."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self._query, placeholder="Search every article (fuzzy)", id="search-input")
            yield Static(id="search-count")
            yield OptionList(id="search-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self._query:
            self.run_search(self._query)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search in a thread and post the hits."""
        hits = search(self.documents, query)
        if not get_current_worker().is_cancelled:
            self.post_message(self.HitsFound(query, hits))

    @on(HitsFound)
    def _show_hits(self, event: HitsFound) -> None:
        if event.query != self.query_one("#search-input", Input).value:
            return
        self.hits, self.hits_query = event.hits, event.query
        options = self.query_one("#search-hits", OptionList)
        options.clear_options()
        options.add_options(Option(hit_row(hit, self._by_id[hit.doc])) for hit in event.hits)
        if event.hits:
            options.highlighted = 0
        articles = len({hit.doc for hit in event.hits})
        count = "" if not event.query.strip() else f"{len(event.hits)} hits in {articles} articles"
        self.query_one("#search-count", Static).update(count)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        options = self.query_one("#search-hits", OptionList)
        if self.hits and options.highlighted is not None:
            self._choose(options.highlighted)

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        if self.hits_query is not None and 0 <= index < len(self.hits):
            self.dismiss(self.Result(self.hits_query, self.hits, self.hits[index]))

    def action_move(self, delta: int) -> None:
        options = self.query_one("#search-hits", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
