"""The tagging dialog: pick or create tags for a span (or a group of spans) and write a note.

``TagDialog(known_tags, tags=..., note=..., target=...)`` is pushed with
``app.push_screen(dialog, callback)`` (or ``push_screen_wait``); it dismisses with a
:class:`TagDialog.Result` when saved and ``None`` when cancelled. ``target`` says exactly what
is tagged: its first line (the quoted text) and its second (how much, where) are shown at the
top (:mod:`reader.ui.dialogs.tag_target` writes them).

Keys: type in the filter to fuzzy-find a known tag (prefix matches first); ``up``/``down`` move
through the list; ``enter`` toggles the highlighted tag, or creates the typed tag when no known
tag is called that; ``space`` toggles in the list; ``enter``/``delete`` on a chosen tag removes
it; ``ctrl+s`` saves (a tag still typed in the filter is added first); ``escape`` cancels;
``ctrl+t`` edits the tag set (the tags the keys ``1``-``9`` apply; the chosen tags are offered
for it), when the dialog was given a way to save it. Tags of the tag set come first in the list,
with their key.

Tags follow the core tag rule (:mod:`reader.core.annotate.tags`): trimmed, runs of white space
made one space, a control character refused when saved (never dropped silently); case is kept as
first typed (or as the known tag is spelled) and tags are compared without case, so ``Iran`` and
``iran`` are one tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from reader.core.annotate.tags import tidy_tag
from reader.core.annotate.tags import unique_tags as core_unique_tags
from reader.core.text import visible
from reader.ui.actions import ACTIONS, TAG_CHOSEN, TAG_DIALOG, TAG_OPTIONS
from reader.ui.dialogs.tag_target import annotation_target, group_target, span_target

__all__ = ["TagDialog", "annotation_target", "group_target", "span_target"]

if TYPE_CHECKING:
    from reader.core.annotate.tagset import TagSet

FUZZY_CUTOFF = 60.0
"""Known tags scoring below this (rapidfuzz ``WRatio``, 0 to 100) are hidden by the filter."""

_NEW_TAG_ID = "\x00new"
"""The option id of the "create a new tag" row (no tag can have it: controls are dropped)."""


def clean_tag(raw: str) -> str:
    """Text typed as a tag, as the core tag rule writes it
    (:func:`reader.core.annotate.tags.tidy_tag`): trimmed, inner white space made one space. A
    control character is kept (shown through ``visible()``), never dropped silently: the tag rule
    refuses it (:func:`~reader.core.annotate.tags.normalise_tag` raises
    :class:`~reader.core.annotate.tags.TagError`) before anything is saved."""
    return tidy_tag(raw)


def unique_tags(tags: Iterable[str]) -> list[str]:
    """``tags`` by the core tag rule (:func:`reader.core.annotate.tags.unique_tags`): cleaned,
    without empties, each once (compared without case, first spelling kept)."""
    return list(core_unique_tags(tags))


def rank_tags(query: str, known: Sequence[str], cutoff: float = FUZZY_CUTOFF) -> list[str]:
    """The known tags that match ``query``, best first.

    An empty query keeps every tag in the given order. Otherwise tags that start with the query
    come first (shortest first), then the others that match fuzzily (rapidfuzz ``WRatio``,
    which also rewards a query found inside a tag), best score first.
    """
    needle = clean_tag(query).casefold()
    if not needle:
        return list(known)
    prefix = sorted(
        (tag for tag in known if tag.casefold().startswith(needle)),
        key=lambda tag: (len(tag), tag.casefold()),
    )
    rest = {i: tag.casefold() for i, tag in enumerate(known) if not tag.casefold().startswith(needle)}
    fuzzy = process.extract(needle, rest, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=None)
    return prefix + [known[key] for _choice, _score, key in fuzzy]


class TagOptions(OptionList):
    """The list of known tags, with a check mark on the chosen ones."""

    BINDINGS = ACTIONS.bindings(TAG_OPTIONS)


class ChosenTags(OptionList):
    """The tags chosen so far: selecting one removes it."""

    BINDINGS = ACTIONS.bindings(TAG_CHOSEN)


class TagDialog(ModalScreen["TagDialog.Result | None"]):
    """Choose tags and write a note for a span or a group of spans."""

    DEFAULT_CSS = """
    TagDialog {
        align: center middle;
    }
    TagDialog > #tag-dialog {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    TagDialog #tag-target {
        width: 1fr;
        height: auto;
        max-height: 3;
    }
    TagDialog #tag-where {
        width: 1fr;
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TagDialog #tag-filter {
        border-title-color: $text-muted;
    }
    TagDialog #tag-lists {
        height: 10;
    }
    TagDialog #tag-options, TagDialog #tag-chosen, TagDialog #tag-note {
        border: round $foreground 30%;
        border-title-color: $text-muted;
        background: $surface;
    }
    TagDialog #tag-options:focus, TagDialog #tag-chosen:focus, TagDialog #tag-note:focus {
        border: round $border;
    }
    TagDialog #tag-options, TagDialog #tag-chosen {
        height: 1fr;
    }
    TagDialog #tag-options {
        width: 3fr;
    }
    TagDialog #tag-chosen {
        width: 2fr;
    }
    TagDialog #tag-note {
        height: 6;
    }
    TagDialog.-short #tag-lists {
        height: 6;
    }
    TagDialog.-short #tag-note {
        height: 4;
    }
    TagDialog #tag-buttons {
        height: auto;
        align-horizontal: right;
    }
    TagDialog #tag-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = ACTIONS.bindings(TAG_DIALOG)

    @dataclass(frozen=True, slots=True)
    class Result:
        """What the dialog was saved with."""

        tags: tuple[str, ...]
        """The chosen tags, cleaned and each once, in the order they were chosen."""
        note: str
        """The note, trimmed at both ends ("" for none)."""

    def __init__(
        self,
        known_tags: Sequence[str],
        tags: Sequence[str] = (),
        note: str = "",
        target: str = "",
        *,
        tagset: TagSet | None = None,
        save_tagset: Callable[[TagSet], None] | None = None,
        with_note: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._chosen: list[str] = unique_tags(tags)
        """The chosen tags, in the order chosen."""
        self.tagset = tagset
        """The tag set (its tags come first in the list, with their keys)."""
        self._known: list[str] = unique_tags([*(tagset.tags if tagset else ()), *known_tags, *self._chosen])
        """Every tag the filter can offer: the tag set's, the store's, then the ones chosen or
        created here."""
        self._note = note
        quote, _, where = target.partition("\n")
        self._target = " ".join(visible(quote).split())
        self._where = " ".join(visible(where).split())
        self._save_tagset = save_tagset
        self._with_note = with_note

    @property
    def tagset_editable(self) -> bool:
        """Whether ``ctrl+t`` can edit the tag set from here."""
        return self._save_tagset is not None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-dialog") as box:
            box.border_title = "Tag and note"
            yield Label(Content(self._target), id="tag-target")
            where = Label(Content(self._where), id="tag-where")
            where.display = bool(self._where)
            yield where
            tag_filter = Input(placeholder="Filter tags, or type a new one and press enter", id="tag-filter")
            tag_filter.border_title = "Tag"
            yield tag_filter
            with Horizontal(id="tag-lists"):
                options = TagOptions(id="tag-options")
                options.border_title = "Known tags"
                yield options
                chosen = ChosenTags(id="tag-chosen")
                chosen.border_title = "Chosen (enter removes)"
                yield chosen
            note = TextArea(self._note, id="tag-note", soft_wrap=True, tab_behavior="focus")
            note.border_title = "Note"
            note.display = self._with_note
            yield note
            with Horizontal(id="tag-buttons"):
                yield Button("Cancel", id="tag-cancel", tooltip="Close without changing anything (escape)")
                yield Button("Save", id="tag-save", variant="primary", tooltip="Save the tags and note (ctrl+s)")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 32, "-short")  # at 80x24 too, what is tagged stays in view

    def on_mount(self) -> None:
        self._refresh_options()
        self._refresh_chosen()
        self.tag_filter.focus()

    @property
    def tag_filter(self) -> Input:
        """The filter / new-tag input."""
        return self.query_one("#tag-filter", Input)

    @property
    def tag_options(self) -> TagOptions:
        """The list of known tags matching the filter."""
        return self.query_one("#tag-options", TagOptions)

    @property
    def chosen_list(self) -> ChosenTags:
        """The list of chosen tags."""
        return self.query_one("#tag-chosen", ChosenTags)

    @property
    def note_area(self) -> TextArea:
        """The note editor."""
        return self.query_one("#tag-note", TextArea)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The tags chosen so far."""
        return tuple(self._chosen)

    # -- state ----------------------------------------------------------------------------

    def _is_chosen(self, tag: str) -> bool:
        key = tag.casefold()
        return any(t.casefold() == key for t in self._chosen)

    def _known_spelling(self, tag: str) -> str | None:
        key = tag.casefold()
        return next((t for t in self._known if t.casefold() == key), None)

    def toggle_tag(self, tag: str) -> None:
        """Choose ``tag`` (created if unknown), or un-choose it if it is chosen."""
        tag = clean_tag(tag)
        if not tag:
            return
        if self._is_chosen(tag):
            key = tag.casefold()
            self._chosen = [t for t in self._chosen if t.casefold() != key]
        else:
            spelling = self._known_spelling(tag)
            if spelling is None:
                self._known.append(tag)
                spelling = tag
            self._chosen.append(spelling)
        self._refresh_options(keep=tag)
        self._refresh_chosen()

    def _refresh_options(self, keep: str | None = None) -> None:
        """Rebuild the known-tag list for the current filter text.

        The highlight goes to ``keep`` if it is listed; otherwise to a known tag spelled as
        typed, else to the first tag that starts with the typed text, else to the first row
        (which is "new tag" when the text names no known tag).
        """
        query = clean_tag(self.tag_filter.value)
        ranked = rank_tags(query, self._known)
        options: list[Option] = []
        if query and self._known_spelling(query) is None:
            options.append(Option(Content.assemble(("+ new tag ", "bold"), visible(query)), id=_NEW_TAG_ID))
        for tag in ranked:
            mark = "\u2611 " if self._is_chosen(tag) else "\u2610 "
            key = self.tagset.key_of(tag) if self.tagset is not None else None
            hint = (f"  {key}", "dim") if key is not None else ""
            options.append(Option(Content.assemble(mark, visible(tag), hint), id=f"t:{tag.casefold()}"))
        option_list = self.tag_options
        option_list.set_options(options)
        if not options:
            return
        ids = [option.id for option in options]
        wanted = [keep, query, *(t for t in ranked if query and t.casefold().startswith(query.casefold()))]
        for tag in wanted:
            if tag and f"t:{clean_tag(tag).casefold()}" in ids:
                option_list.highlighted = ids.index(f"t:{clean_tag(tag).casefold()}")
                break
        else:
            option_list.highlighted = 0

    def _refresh_chosen(self) -> None:
        chosen = self.chosen_list
        highlighted = chosen.highlighted
        chosen.set_options(
            Option(Content.assemble(("\u2715 ", "bold"), visible(tag)), id=f"c:{i}")
            for i, tag in enumerate(self._chosen)
        )
        if self._chosen:
            chosen.highlighted = min(highlighted or 0, len(self._chosen) - 1)

    def _tag_of(self, option: Option) -> str | None:
        """The tag an option of the known-tag list stands for (the typed text for "new")."""
        if option.id == _NEW_TAG_ID:
            return clean_tag(self.tag_filter.value)
        if option.id and option.id.startswith("t:"):
            key = option.id[2:]
            return next((t for t in self._known if t.casefold() == key), None)
        return None

    # -- events ---------------------------------------------------------------------------

    @on(Input.Changed, "#tag-filter")
    def filter_tags(self) -> None:
        """Re-rank the known tags as the filter text changes."""
        self._refresh_options()

    @on(Input.Submitted, "#tag-filter")
    def toggle_from_filter(self) -> None:
        """Enter in the filter: toggle the highlighted row (creating the typed tag if it is the
        "new tag" row), then clear the filter."""
        options = self.tag_options
        option = options.highlighted_option
        typed = clean_tag(self.tag_filter.value)
        tag = self._tag_of(option) if option is not None else (typed or None)
        if tag:
            if typed:
                self.tag_filter.value = ""
            self.toggle_tag(tag)

    @on(OptionList.OptionSelected, "#tag-options")
    def toggle_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, space or a click in the known-tag list toggles that tag."""
        event.stop()
        tag = self._tag_of(event.option)
        if tag:
            if event.option.id == _NEW_TAG_ID:
                self.tag_filter.value = ""
            self.toggle_tag(tag)

    @on(OptionList.OptionSelected, "#tag-chosen")
    def remove_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter, delete or a click on a chosen tag removes it."""
        event.stop()
        if 0 <= event.option_index < len(self._chosen):
            self.toggle_tag(self._chosen[event.option_index])

    @on(Button.Pressed, "#tag-save")
    def save_pressed(self) -> None:
        """The Save button."""
        self.action_save()

    @on(Button.Pressed, "#tag-cancel")
    def cancel_pressed(self) -> None:
        """The Cancel button."""
        self.action_cancel()

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(TAG_DIALOG, self, action, parameters)

    def action_move_highlight(self, delta: int) -> None:
        """Move the highlight in the known-tag list while typing in the filter."""
        options = self.tag_options
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_save(self) -> None:
        """Dismiss with the chosen tags and the note; text left in the filter is added as a tag."""
        pending = clean_tag(self.tag_filter.value)
        if pending and not self._is_chosen(pending):
            self.toggle_tag(pending)
        self.dismiss(TagDialog.Result(tags=tuple(self._chosen), note=self.note_area.text.strip()))

    def action_cancel(self) -> None:
        """Dismiss without a result."""
        self.dismiss(None)

    def action_edit_tagset(self) -> None:
        """Edit the tag set (the chosen tags are offered for it); saved through the dock."""
        from reader.core.annotate.tagset import TagSet
        from reader.ui.dialogs.tagset import TagSetEditor

        if self._save_tagset is None:
            return
        save = self._save_tagset

        def edited(tagset: TagSet | None) -> None:
            if tagset is not None:
                save(tagset)
                self.tagset = tagset
                self._known = unique_tags([*tagset.tags, *self._known])
                self._refresh_options()

        self.app.push_screen(TagSetEditor(self.tagset or TagSet(), suggested=self._chosen), edited)
