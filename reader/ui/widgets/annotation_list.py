"""The list inside the annotations panel: one multi-line option per annotation or verdict.

Its rows are cut to its width, so it says when it is laid out at a new size
(:class:`AnnotationList.Resized`); the panel then lists the rows again.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import OptionList

from reader.ui.actions import ACTIONS, ANNOTATION_LIST

__all__ = ["AnnotationList"]


class AnnotationList(OptionList):
    """The list inside the panel (one multi-line option per annotation or verdict)."""

    BINDINGS = ACTIONS.bindings(ANNOTATION_LIST)

    class Resized(Message):
        """The list was laid out at a new size (its rows are cut to its width)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())
