"""The line above the annotations list: what is listed (or, while a link is being made, what to
do), and the filter the reader types (:mod:`reader.core.annotate.workbench` says what it keeps).

It posts :class:`AnnotationFilter.Changed` as the reader types and :class:`AnnotationFilter.Done`
on enter; the panel lists accordingly.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

PLACEHOLDER = "filter: tag:claim  article:alpha  rel:contradicts  words"


class AnnotationFilter(Widget):
    """A one-line summary and a one-line filter."""

    DEFAULT_CSS = """
    AnnotationFilter {
        height: auto;
        background: $surface;
    }
    AnnotationFilter > #annotations-bar {
        width: 1fr;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    AnnotationFilter > #annotations-bar.-linking {
        color: $text-warning;
        text-style: bold;
    }
    AnnotationFilter > #annotations-filter {
        height: 1;
        border: none;
        padding: 0 1;
        background: $surface;
    }
    """

    @dataclass
    class Changed(Message):
        """The reader typed: ``query`` is the filter now."""

        query: str

    class Done(Message):
        """The reader pressed enter in the filter."""

    def compose(self) -> ComposeResult:
        yield Label("", id="annotations-bar")
        yield Input(placeholder=PLACEHOLDER, id="annotations-filter")

    @property
    def input(self) -> Input:
        """The filter being typed."""
        return self.query_one("#annotations-filter", Input)

    def say(self, text: str, *, linking: bool = False) -> None:
        """Show ``text`` on the summary line (in the warning colour while linking)."""
        bar = self.query_one("#annotations-bar", Label)
        bar.update(Content(text), layout=False)
        bar.set_class(linking, "-linking")

    @on(Input.Changed, "#annotations-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#annotations-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())
