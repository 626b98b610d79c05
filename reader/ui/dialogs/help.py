"""The help screen: every key of the reading room with what it does, generated from the action
registry (:meth:`reader.ui.registry.ActionRegistry.help_rows`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.ui.actions import ACTIONS, HELP
from reader.ui.registry import HelpRow

INTRODUCTION = (
    "Parallax shows the articles side by side. Passages shared by several articles are "
    "highlighted in every pane: green for verbatim reuse, amber for reworded (near) reuse, "
    "violet for the same quotation; the stronger the colour, the more articles share it. "
    "The passage you jumped to stands out in every article. The gutter left of each line and "
    "the one-cell map right of each article show where shared passages sit (the map covers "
    "the whole article and marks the part on screen). Tagged spans are underlined; tags are "
    "saved as you make them.\n"
    "Mouse: drag across text to select it, click the map to scroll there, click a row of a "
    "list to choose it."
)


class HelpScreen(ModalScreen[None]):
    """Lists the keys."""

    BINDINGS = ACTIONS.bindings(HELP)

    def __init__(self, rows: Sequence[HelpRow] | None = None) -> None:
        super().__init__()
        self.rows = tuple(ACTIONS.help_rows() if rows is None else rows)
        """What the screen lists: ``(section, keys, description, help)`` per action (default:
        every action of the registry whose scope has a help section)."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, style="dim")
        previous = None
        for section, keys, description, tooltip in self.rows:
            if section != previous and previous is not None:
                table.add_row("", "", "", "")
            table.add_row(Text(section if section != previous else ""), Text(keys), Text(description), Text(tooltip))
            previous = section
        with VerticalScroll(id="help-box"):
            yield Static(Text("Parallax — keys", style="bold"), id="help-title")
            yield Static(Text(INTRODUCTION), id="help-intro")
            yield Static(table, id="help-table")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
