"""The help screen: every key of the reading room with what it does, generated from the action
registry (:meth:`reader.ui.registry.ActionRegistry.help_rows`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.core.text import visible
from reader.ui.actions import ACTIONS, HELP
from reader.ui.registry import HelpRow

if TYPE_CHECKING:
    from reader.core.annotate.tagset import TagSet

TAGSET_SECTION = "Tag set"


def tagset_rows(tagset: TagSet | None) -> list[HelpRow]:
    """The help screen's rows for the tag set: each tag with its key (1-9) and description, or
    how to make one."""
    if tagset is None or not tagset:
        return [
            HelpRow(TAGSET_SECTION, "1-9", "(no tag set)",
                    "Make one (T, or parallax tagset CORPUS TAG...): then a key tags the selection or passage and goes on"),
        ]
    rows = [
        HelpRow(TAGSET_SECTION, "1-9", "Tag and go on",
                "Apply the tag to the selection, or to every span of the focused passage, save, go to the next (. switches that)"),
    ]
    for key, entry in tagset.keyed():
        rows.append(HelpRow(TAGSET_SECTION, str(key) if key is not None else "palette", entry.tag, entry.description))
    return rows

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

    def __init__(self, rows: Sequence[HelpRow] | None = None, tagset: TagSet | None = None) -> None:
        super().__init__()
        self.rows = tuple(ACTIONS.help_rows() if rows is None else rows) + tuple(tagset_rows(tagset))
        """What the screen lists: ``(section, keys, description, help)`` per action (default:
        every action of the registry whose scope has a help section), then the tag set with its
        keys."""

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
            table.add_row(Text(section if section != previous else ""), Text(keys), Text(visible(description)), Text(visible(tooltip)))
            previous = section
        with VerticalScroll(id="help-box"):
            yield Static(Text("Parallax — keys", style="bold"), id="help-title")
            yield Static(Text(INTRODUCTION), id="help-intro")
            yield Static(table, id="help-table")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
