"""The tag set editor: the tags the keys ``1``-``9`` apply, one per line, in key order.

A line is a tag, or ``tag = description`` (as ``parallax tagset CORPUS TAG=DESCRIPTION`` takes
them). Beside the text, the set as it will be saved: each tag with its key (the tenth and beyond
have none), or the one line saying why a line cannot be a tag (the tag rule refuses a control
character). ``ctrl+s`` saves (dismisses with the :class:`~reader.core.annotate.tagset.TagSet`),
``escape`` cancels (dismisses with ``None``).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static, TextArea

from reader.core.annotate.tagset import TagSet, TagSetError, make_tagset
from reader.core.text import visible
from reader.ui.actions import ACTIONS, TAGSET


def preview(text: str) -> tuple[TagSet | None, Content]:
    """The set the editor's ``text`` makes (``None`` when a line is refused) and how it is shown:
    each tag with its key, or the reason it cannot be saved."""
    try:
        tagset = make_tagset(text.splitlines())
    except TagSetError as exc:
        return None, Content.assemble(("Cannot save: ", "bold $text-error"), visible(str(exc)))
    if not tagset:
        return tagset, Content("No tags: the keys 1-9 will do nothing.")
    lines: list[str | Content | tuple[str, str]] = []
    for key, entry in tagset.keyed():
        if lines:
            lines.append("\n")
        lines.append((f"{key if key is not None else ' '} ", "bold $text-accent"))
        lines.append((visible(entry.tag), "bold"))
        if entry.description:
            lines.append((f"  {visible(entry.description)}", "$text-muted"))
        if key is None and entry is tagset.entries[9]:
            lines.append(("  (no key from here on; the palette offers them)", "$text-muted"))
    return tagset, Content.assemble(*lines)


class TagSetEditor(ModalScreen["TagSet | None"]):
    """Edit the tag set as lines of text, with a live view of the keys."""

    DEFAULT_CSS = """
    TagSetEditor {
        align: center middle;
    }
    TagSetEditor > #tagset-box {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    TagSetEditor #tagset-help {
        color: $text-muted;
        margin-bottom: 1;
    }
    TagSetEditor #tagset-panes {
        height: 14;
    }
    TagSetEditor #tagset-text {
        width: 1fr;
        border: round $border;
    }
    TagSetEditor #tagset-preview {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        border: round $foreground 30%;
        border-title-color: $text-muted;
    }
    TagSetEditor #tagset-buttons {
        height: auto;
        align-horizontal: right;
    }
    TagSetEditor #tagset-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = ACTIONS.bindings(TAGSET)

    def __init__(self, tagset: TagSet, suggested: Sequence[str] = ()) -> None:
        super().__init__()
        lines = [entry.spec() for entry in tagset.entries]
        known = {line.partition("=")[0].strip().casefold() for line in lines}
        lines.extend(tag for tag in suggested if tag.casefold() not in known)
        self._text = "\n".join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(id="tagset-box") as box:
            box.border_title = "Tag set"
            yield Label(
                "One tag per line, in key order (the first is key 1); tag = description adds a description. "
                "Keys 1-9 apply a tag and go on to the next passage.",
                id="tagset-help",
            )
            with Horizontal(id="tagset-panes"):
                yield TextArea(self._text, id="tagset-text", soft_wrap=True, tab_behavior="focus")
                shown = Static("", id="tagset-preview")
                shown.border_title = "Keys"
                yield shown
            with Horizontal(id="tagset-buttons"):
                yield Button("Cancel", id="tagset-cancel", tooltip="Close without changing the tag set (escape)")
                yield Button("Save", id="tagset-save", variant="primary", tooltip="Save the tag set (ctrl+s)")
        yield Footer()

    def on_mount(self) -> None:
        self.show_preview()
        self.text_area.focus()

    @property
    def text_area(self) -> TextArea:
        """The lines being edited."""
        return self.query_one("#tagset-text", TextArea)

    @on(TextArea.Changed, "#tagset-text")
    def show_preview(self) -> None:
        """Show the set as it would be saved."""
        tagset, shown = preview(self.text_area.text)
        self.query_one("#tagset-preview", Static).update(shown)
        self.query_one("#tagset-save", Button).disabled = tagset is None

    @on(Button.Pressed, "#tagset-save")
    def save_pressed(self) -> None:
        """The Save button."""
        self.action_save()

    @on(Button.Pressed, "#tagset-cancel")
    def cancel_pressed(self) -> None:
        """The Cancel button."""
        self.action_cancel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(TAGSET, self, action, parameters)

    def action_save(self) -> None:
        """Dismiss with the set, unless a line is refused (said beside the text)."""
        tagset, _shown = preview(self.text_area.text)
        if tagset is None:
            self.notify("A line cannot be a tag: see beside the text.", severity="warning", markup=False)
            return
        self.dismiss(tagset)

    def action_cancel(self) -> None:
        """Dismiss without a set."""
        self.dismiss(None)
