"""A small dialog to pick one thing: a verdict on a passage, the relation of a link (or a new one,
typed), the link to remove, a confirmation.

``ChoiceDialog(title, choices, prompt=..., typed=...)`` dismisses with the chosen value (the
``value`` of a :class:`Choice`, or the text typed when ``typed`` names what may be typed), or
``None`` when cancelled. ``enter`` (or a click) chooses; with a typed line, ``enter`` there takes
what was typed, ``down`` goes to the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.text import visible
from reader.ui.actions import ACTIONS, CHOICE


@dataclass(frozen=True, slots=True)
class Choice:
    """One thing to choose."""

    value: str
    """What the dialog dismisses with."""
    label: str
    """What the reader sees (plain text, made inert)."""
    hint: str = ""
    """A few dim words after the label."""


class ChoiceDialog(ModalScreen["str | None"]):
    """Pick one of a few choices (or type one)."""

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
    }
    ChoiceDialog > #choice-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ChoiceDialog #choice-prompt {
        width: 1fr;
        color: $text-muted;
        margin-bottom: 1;
    }
    ChoiceDialog #choice-list {
        height: auto;
        max-height: 14;
        border: round $foreground 30%;
        background: $surface;
    }
    ChoiceDialog #choice-list:focus {
        border: round $border;
    }
    """

    BINDINGS = ACTIONS.bindings(CHOICE)

    def __init__(self, title: str, choices: Sequence[Choice], *, prompt: str = "", typed: str = "") -> None:
        super().__init__()
        self._title = title
        self.choices = tuple(choices)
        """What can be chosen, in order."""
        self._prompt = prompt
        self._typed = typed

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box") as box:
            box.border_title = self._title
            if self._prompt:
                yield Label(Content(" ".join(visible(self._prompt).split())), id="choice-prompt")
            if self._typed:
                line = Input(placeholder=self._typed, id="choice-typed")
                yield line
            options = []
            for n, choice in enumerate(self.choices):
                label = Content.assemble(visible(choice.label), (f"  {visible(choice.hint)}" if choice.hint else "", "dim"))
                options.append(Option(label, id=f"c{n}"))
            yield OptionList(*options, id="choice-list")
        yield Footer()

    def on_mount(self) -> None:
        if self._typed:
            self.query_one("#choice-typed", Input).focus()
        else:
            self.query_one("#choice-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a choice."""
        event.stop()
        self.dismiss(self.choices[event.option_index].value)

    @on(Input.Submitted, "#choice-typed")
    def typed(self, event: Input.Submitted) -> None:
        """Enter in the typed line: what was typed (nothing typed: the highlighted choice)."""
        event.stop()
        text = " ".join(event.value.split())
        if text:
            self.dismiss(text)
            return
        options = self.query_one("#choice-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(self.choices[options.highlighted].value)

    def action_to_list(self) -> None:
        """From the typed line down to the list of choices."""
        self.query_one("#choice-list", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(CHOICE, self, action, parameters)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
