"""The match list: every aligned group with a snippet, how many articles share it, score, kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.models import Document, Group
from reader.core.overview import group_snippet
from reader.core.text import cut_words
from reader.ui.render import safe_text

SNIPPET_LENGTH = 60
"""Characters of the group's first span shown in its row."""


def group_row(number: int, group: Group, documents: Mapping[str, Document]) -> Text:
    """One row of the list: number, kind, share count, score, snippet (inert text), and under
    them the title of the article the snippet is from."""
    snippet = group_snippet(group, documents, SNIPPET_LENGTH)
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    row.append(f"{number:>3} ", "dim")
    row.append(f"{group.kind.value:<8} ", f"bold")
    row.append(f"×{len(group.doc_ids)} ", "bold")
    row.append(f"{group.score:>3.0f} ", "dim")
    row.append_text(safe_text(snippet))
    first = documents.get(group.spans[0].doc)
    if first is not None:
        others = len(group.doc_ids) - 1
        row.append("\n    ")
        row.append_text(safe_text(cut_words(first.title or first.id, SNIPPET_LENGTH), "dim italic"))
        if others:
            row.append(f" +{others}", "dim")
    return row


class MatchList(OptionList):
    """Lists the groups; choosing one posts :class:`MatchList.GroupChosen`."""

    @dataclass
    class GroupChosen(Message):
        """The reader chose a group in the list."""

        index: int
        """The group's position in the list (and in the screen's group order)."""

    def set_groups(self, groups: Sequence[Group], documents: Mapping[str, Document]) -> None:
        """Show ``groups`` (in the order given)."""
        self.clear_options()
        self.add_options(
            Option(group_row(number, group, documents), id=group.id)
            for number, group in enumerate(groups, start=1)
        )

    def show_index(self, index: int | None) -> None:
        """Highlight row ``index`` without posting a choice."""
        if index is not None and 0 <= index < self.option_count:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _post_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.GroupChosen(event.option_index))
