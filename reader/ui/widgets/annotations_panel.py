"""The annotations panel: every annotation in the store, in reading order, orphans included.

Each row shows the article (title, or id when the article is gone), how the annotation is
anchored (``moved`` when its text was found elsewhere, ``orphan`` when it could not be placed),
its tags, a snippet of its text and the start of its note. All article text is made inert with
:func:`reader.core.text.visible` and rendered as :class:`~textual.content.Content`, never as
markup.

Keys (declared in :mod:`reader.ui.actions`): ``up``/``down`` move, ``enter`` (or a click) posts
:class:`AnnotationsPanel.AnnotationSelected`, ``e`` posts :class:`AnnotationsPanel.EditRequested`,
``d``/``delete`` posts :class:`AnnotationsPanel.DeleteRequested`. The panel only reports; the
screen does the work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.annotate import AnchorStatus, Anchored, reading_order
from reader.core.models import Document
from reader.core.text import visible
from reader.ui.actions import ACTIONS, ANNOTATION_LIST, ANNOTATIONS

SNIPPET_CHARS = 90
"""The most characters of an annotation's text shown in its row."""

NOTE_CHARS = 60
"""The most characters of a note shown in its row."""


def shorten(text: str, limit: int) -> str:
    """``text`` made inert, on one line (white space runs collapsed), cut to ``limit`` with ``…``."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def annotation_row(item: Anchored, document: Document | None) -> Content:
    """The (multi-line) content of one row of the panel."""
    a = item.annotation
    title = document.title if document is not None and document.title else a.doc
    head: list[str | Content | tuple[str, str]] = []
    if document is None:
        head.append(("article gone \u00b7 orphan ", "bold $text-error"))
    elif item.status is AnchorStatus.ORPHAN:
        head.append(("orphan ", "bold $text-error"))
    elif item.status is AnchorStatus.MOVED:
        head.append(("moved ", "bold $text-warning"))
    head.append((shorten(title, 60), "bold"))
    if a.tags:
        head.append("  ")
        for i, tag in enumerate(a.tags):
            if i:
                head.append(" ")
            head.append((f"#{shorten(tag, 30)}", "$text-accent"))
    if item.placed and document is not None and item.start is not None and item.end is not None:
        text = document.text[item.start : item.end]
    else:
        text = a.exact
    lines: list[str | Content | tuple[str, str]] = [
        Content.assemble(*head),
        "\n",
        ("\u201c" + shorten(text, SNIPPET_CHARS) + "\u201d", "italic" if item.placed else "italic $text-muted"),
    ]
    if a.note.strip():
        lines.extend(["\n", ("\u270e " + shorten(a.note, NOTE_CHARS), "$text-muted")])
    return Content.assemble(*lines)


class AnnotationList(OptionList):
    """The list inside the panel (one multi-line option per annotation)."""

    BINDINGS = ACTIONS.bindings(ANNOTATION_LIST)


class AnnotationsPanel(Widget):
    """Lists annotations and posts what the reader wants done with one of them."""

    DEFAULT_CSS = """
    AnnotationsPanel {
        height: 1fr;
        width: 1fr;
    }
    AnnotationsPanel > AnnotationList, AnnotationsPanel > AnnotationList:focus {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $surface;
    }
    AnnotationsPanel > #annotations-empty {
        width: 1fr;
        padding: 1 2;
        color: $text-muted;
    }
    """

    BINDINGS = ACTIONS.bindings(ANNOTATIONS)

    @dataclass
    class AnnotationMessage(Message):
        """Base of the panel's messages: carries the annotation concerned."""

        panel: AnnotationsPanel
        """The panel that sent the message."""
        anchored: Anchored
        """The annotation and where it is anchored now."""

        @property
        def control(self) -> AnnotationsPanel:
            """The panel that sent the message (for ``@on`` selectors)."""
            return self.panel

    class AnnotationSelected(AnnotationMessage):
        """The reader chose an annotation (enter or click): show it in its article."""

    class EditRequested(AnnotationMessage):
        """The reader asked to edit an annotation's tags and note."""

    class DeleteRequested(AnnotationMessage):
        """The reader asked to delete an annotation."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._rows: list[Anchored] = []

    def compose(self) -> ComposeResult:
        yield Label("No annotations yet.", id="annotations-empty")
        yield AnnotationList(id="annotations-list")

    def on_mount(self) -> None:
        self._show_empty(not self._rows)

    @property
    def option_list(self) -> AnnotationList:
        """The list widget inside the panel."""
        return self.query_one(AnnotationList)

    @property
    def annotations(self) -> tuple[Anchored, ...]:
        """The annotations listed, in the order shown."""
        return tuple(self._rows)

    @property
    def highlighted(self) -> Anchored | None:
        """The annotation under the cursor, if any."""
        if not self.is_mounted:
            return None
        return self._row_of(self.option_list.highlighted_option)

    def set_annotations(self, anchored: Sequence[Anchored], documents: Mapping[str, Document]) -> None:
        """Show ``anchored`` (sorted in reading order). The cursor stays on the annotation it
        was on when that one is still listed."""
        previous = self.highlighted
        self._rows = reading_order(anchored, documents)
        option_list = self.option_list
        options: list[Option | None] = []
        for i, item in enumerate(self._rows):
            if i:
                options.append(None)  # a separator line between rows
            options.append(Option(annotation_row(item, documents.get(item.annotation.doc)), id=f"a{i}"))
        option_list.set_options(options)
        self._show_empty(not self._rows)
        if not self._rows:
            return
        if previous is None or not self.highlight(previous.annotation.id):
            self.highlight_row(0)
        self.refresh_bindings()

    def highlight(self, annotation_id: str) -> bool:
        """Move the cursor to the annotation with this id; False when it is not listed."""
        for i, item in enumerate(self._rows):
            if item.annotation.id == annotation_id:
                self.highlight_row(i)
                return True
        return False

    def highlight_row(self, row: int) -> None:
        """Move the cursor to the ``row``-th annotation listed."""
        if 0 <= row < len(self._rows):
            option_list = self.option_list
            option_list.highlighted = option_list.get_option_index(f"a{row}")

    def _row_of(self, option: Option | None) -> Anchored | None:
        """The annotation an option of the list stands for."""
        if option is None or option.id is None or not option.id.startswith("a"):
            return None
        row = int(option.id[1:])
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def focus(self, scroll_visible: bool = True) -> AnnotationsPanel:
        """Focus the list (the panel itself takes no focus)."""
        self.option_list.focus(scroll_visible)
        return self

    def _show_empty(self, empty: bool) -> None:
        self.query_one("#annotations-empty").display = empty
        self.option_list.display = not empty

    # -- events and actions -----------------------------------------------------------------

    @on(OptionList.OptionSelected, "#annotations-list")
    def post_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a row: the reader wants to see that annotation."""
        event.stop()
        item = self._row_of(event.option)
        if item is not None:
            self.post_message(self.AnnotationSelected(self, item))

    @on(OptionList.OptionHighlighted, "#annotations-list")
    def cursor_moved(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the footer's keys in step with the cursor."""
        event.stop()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(ANNOTATIONS, self, action, parameters)

    def action_edit(self) -> None:
        """Ask the app to edit the highlighted annotation."""
        item = self.highlighted
        if item is not None:
            self.post_message(self.EditRequested(self, item))

    def action_delete(self) -> None:
        """Ask the app to delete the highlighted annotation."""
        item = self.highlighted
        if item is not None:
            self.post_message(self.DeleteRequested(self, item))
