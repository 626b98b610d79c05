"""The figures panel: one row per figure the articles give for the same thing, each article's
value side by side under its name and date, disagreements marked in words and signs (``≠
DISAGREE``), not by colour alone.

``enter`` on a row posts :class:`FiguresPanel.FigureChosen` (the screen scrolls every column to
the mentions and highlights them); the panel shows progress while the extractor works. All
text from the articles is drawn as inert :class:`~rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from reader.core.figures import FigureGroup
from reader.core.figures.report import ArticleDate, format_value
from reader.core.models import Document
from reader.ui.actions import ACTIONS, FIGURE_TABLE, FIGURES
from reader.ui.render import safe_text

WHAT_WIDTH = 24
"""Characters of "what it counts" shown in its column."""
ID_WIDTH = 10
"""Characters of an article's id shown in its column header."""


def verdict_cell(group: FigureGroup) -> Text:
    """``≠ DISAGREE`` or ``= agree``: the verdict in a sign and a word."""
    if group.agree:
        return Text("= agree", style="dim", end="")
    return Text("\u2260 DISAGREE", style="bold", end="")


def value_cell(group: FigureGroup, doc_id: str) -> Text:
    """What ``doc_id`` gives for ``group`` (several mentions joined by " / "), ``·`` when it
    gives nothing; vague quantities in italics and marked "vague"."""
    mentions = [m for m in group.mentions if m.doc == doc_id]
    if not mentions:
        return Text("\u00b7", style="dim", end="")
    cell = Text(end="")
    for n, mention in enumerate(mentions):
        if n:
            cell.append(" / ", "dim")
        cell.append_text(safe_text(format_value(mention), "italic" if mention.vague else ""))
    return cell


def column_label(document: Document, date: ArticleDate | None) -> Text:
    """An article's column header: its id, shortened, and its date when it has one."""
    label = document.id if len(document.id) <= ID_WIDTH else document.id[: ID_WIDTH - 1] + "\u2026"
    text = safe_text(label, "bold")
    if date is not None:
        text.append(" ")
        text.append_text(safe_text(date.text, "dim"))
    return text


class FiguresTable(DataTable[Text]):
    """The table of figures: a row each, an article per column (``enter`` shows a row)."""

    BINDINGS = ACTIONS.bindings(FIGURE_TABLE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(FIGURE_TABLE, self, action, parameters)


class FiguresPanel(Vertical):
    """The figures of the corpus in a table; progress while they are read."""

    BINDINGS = ACTIONS.bindings(FIGURES)

    DEFAULT_CSS = """
    FiguresPanel {
        height: 14;
        border-top: solid $primary 50%;
    }
    FiguresPanel > #figures-header {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    FiguresPanel > DataTable {
        height: 1fr;
    }
    """

    @dataclass
    class FigureChosen(Message):
        """The reader chose a figure group (``enter``)."""

        group_id: str

    @dataclass
    class TagRequested(Message):
        """The reader asked to tag every mention of a figure group (``t``)."""

        group_id: str

    def __init__(self, documents: Mapping[str, Document], dates: Mapping[str, ArticleDate | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents = dict(documents)
        """The articles by id, in corpus order (one column each)."""
        self.dates = dict(dates)
        """Each article's date, or ``None``."""
        self.groups: tuple[FigureGroup, ...] = ()
        """The figure groups shown, disagreements first."""

    def compose(self) -> ComposeResult:
        yield Static("Reading the figures\u2026", id="figures-header", markup=False)
        table = FiguresTable(cursor_type="row", zebra_stripes=True)
        table.add_column(Text("", end=""), key="verdict", width=10)
        table.add_column(Text("what", style="bold", end=""), key="what", width=WHAT_WIDTH)
        for doc_id, document in self.documents.items():
            table.add_column(column_label(document, self.dates.get(doc_id)), key=doc_id)
        yield table

    @property
    def table(self) -> FiguresTable:
        """The table of figures."""
        return self.query_one(FiguresTable)

    @property
    def header(self) -> Static:
        """The line above the table (progress, then a summary)."""
        return self.query_one("#figures-header", Static)

    def show_progress(self, fraction: float) -> None:
        """Say how far the reading of figures and voices got."""
        self.header.update(f"Reading the figures\u2026 {fraction:.0%}")

    def show_failure(self, error: str) -> None:
        """Say, in one line, why there are no figures."""
        self.header.update(safe_text(f"No figures: {error}"))

    def set_groups(self, groups: Sequence[FigureGroup]) -> None:
        """Show ``groups`` (in the order given), one row each."""
        self.groups = tuple(groups)
        disagree = sum(not g.agree for g in groups)
        if groups:
            self.header.update(
                f"{len(groups)} figure{'s' if len(groups) != 1 else ''} given by several articles; "
                f"{disagree} disagree{'s' if disagree == 1 else ''} (\u2260)   enter: show  t: tag"
            )
        else:
            self.header.update("No figure is given by more than one article.")
        table = self.table
        table.clear()
        for group in groups:
            what = group.what if len(group.what) <= WHAT_WIDTH else group.what[: WHAT_WIDTH - 1] + "\u2026"
            table.add_row(
                verdict_cell(group), safe_text(what), *(value_cell(group, d) for d in self.documents), key=group.id
            )

    @property
    def current(self) -> FigureGroup | None:
        """The group under the cursor, or ``None``."""
        table = self.table
        if not self.groups or not 0 <= table.cursor_row < len(self.groups):
            return None
        return self.groups[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(FIGURES, self, action, parameters)

    def action_tag(self) -> None:
        """Ask the screen to tag every mention of the figure under the cursor."""
        if (group := self.current) is not None:
            self.post_message(self.TagRequested(group.id))

    @on(DataTable.RowSelected)
    def _post_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.FigureChosen(str(event.row_key.value)))
