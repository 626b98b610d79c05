"""The annotations panel, a workbench: every annotation of the store (orphans included), filtered
and sorted as the reader asks, with its links; then the verdicts on shared passages.

Each row shows the article (title, or id when the article is gone), how the annotation is
anchored (``moved``, ``orphan``), its tags, its text, its note (using the width the panel has) and
its links (:mod:`.annotation_rows`). A filter line above the list keeps what matches ``tag:``,
``article:``, ``rel:`` and words (:mod:`reader.core.annotate.workbench`); ``O`` lists them in
reading order, or by article, tag or date.

Keys (declared in :mod:`reader.ui.actions`): ``enter`` shows the annotation in its article (or,
while linking, makes it the other end), ``e`` edit, ``d`` delete, ``1``-``9`` add or remove a tag
of the tag set, ``k`` link, ``K`` unlink, ``o`` follow a link, ``/`` filter, ``O`` order, ``R``
retag every annotation listed, ``D`` delete them, ``y`` copy with citation. The panel only
reports, with messages; the dock and the screen do the work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.annotate import Anchored, reading_order
from reader.core.annotate.links import Link, links_of
from reader.core.annotate.tagset import TagSet
from reader.core.annotate.verdicts import Verdict
from reader.core.annotate.workbench import Filter, Sort, filter_annotations, sort_annotations
from reader.core.models import Document
from reader.ui.actions import ACTIONS, ANNOTATION_LIST, ANNOTATIONS
from reader.ui.widgets.annotation_filter import AnnotationFilter
from reader.ui.widgets.annotation_rows import annotation_row, bar_text, list_options, shorten

__all__ = ["AnnotationList", "AnnotationsPanel", "annotation_row", "reading_order", "shorten"]


class AnnotationList(OptionList):
    """The list inside the panel (one multi-line option per annotation or verdict)."""

    BINDINGS = ACTIONS.bindings(ANNOTATION_LIST)

    class Resized(Message):
        """The list was laid out at a new size (its rows are cut to its width)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


class AnnotationsPanel(Widget):
    """Lists annotations and verdicts; posts what the reader wants done with them."""

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
        """Base of the panel's messages about one annotation."""

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

    class CopyRequested(AnnotationMessage):
        """The reader asked to copy an annotation's text with its citation."""

    @dataclass
    class TagToggled(AnnotationMessage):
        """The reader pressed a number key: add ``tag`` to the annotation, or remove it."""

        tag: str

    @dataclass
    class LinkPicked(AnnotationMessage):
        """The reader picked ``other`` as the other end of a link from ``anchored``."""

        other: Anchored

    @dataclass
    class UnlinkRequested(AnnotationMessage):
        """The reader asked to remove one of ``links`` (the annotation's links)."""

        links: tuple[Link, ...]

    @dataclass
    class BulkMessage(Message):
        """Base of the messages about every annotation listed."""

        panel: AnnotationsPanel
        items: tuple[Anchored, ...]
        """The annotations listed (the filtered set)."""

    class RetagAllRequested(BulkMessage):
        """Add or remove tags on every annotation listed."""

    class DeleteAllRequested(BulkMessage):
        """Delete every annotation listed (after asking)."""

    @dataclass
    class VerdictMessage(Message):
        """Base of the messages about a verdict on a shared passage."""

        panel: AnnotationsPanel
        verdict: Verdict

    class VerdictSelected(VerdictMessage):
        """The reader chose a verdict: show its passage."""

    class VerdictDeleteRequested(VerdictMessage):
        """The reader asked to remove a verdict (its passage shows again)."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None, disabled: bool = False) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._all: tuple[Anchored, ...] = ()
        self._documents: Mapping[str, Document] = {}
        self._links: tuple[Link, ...] = ()
        self._verdicts: tuple[tuple[Verdict, bool], ...] = ()
        self._rows: list[Anchored] = []
        self._verdict_rows: list[Verdict] = []
        self._listed_width = -1  # the row width the list was last cut for
        self.tagset = TagSet()
        """The tag set (the number keys apply its tags)."""
        self.advance = True
        """Whether a number key moves the cursor on to the next annotation."""
        self.sort = Sort.READING
        """The order annotations are listed in."""
        self.linking: Anchored | None = None
        """The annotation a link is being made from (the reader picks the other end)."""
        self._followed: dict[str, int] = {}
        """How many times a link was followed from each annotation (``o`` goes round them)."""

    def compose(self) -> ComposeResult:
        yield AnnotationFilter()
        yield Label("No annotations yet.", id="annotations-empty")
        yield AnnotationList(id="annotations-list")

    def on_mount(self) -> None:
        self._show_empty(not self._rows and not self._verdict_rows)

    # -- what is listed ---------------------------------------------------------------------

    @property
    def option_list(self) -> AnnotationList:
        """The list widget inside the panel."""
        return self.query_one(AnnotationList)

    @property
    def filter_input(self) -> Input:
        """The filter line."""
        return self.query_one(AnnotationFilter).input

    @property
    def annotations(self) -> tuple[Anchored, ...]:
        """The annotations listed, in the order shown."""
        self._fresh()
        return tuple(self._rows)

    listed = annotations

    @property
    def highlighted(self) -> Anchored | None:
        """The annotation under the cursor, if any."""
        if not self.is_mounted:
            return None
        self._fresh()
        return self._row_of(self.option_list.highlighted_option)

    highlighted_annotation = highlighted

    @property
    def highlighted_verdict(self) -> Verdict | None:
        """The verdict under the cursor, if any."""
        option = self.option_list.highlighted_option if self.is_mounted else None
        if option is None or option.id is None or not option.id.startswith("v"):
            return None
        return self._verdict_rows[int(option.id[1:])]

    @property
    def links_here(self) -> tuple[Link, ...]:
        """The links of the annotation under the cursor."""
        item = self.highlighted
        return () if item is None else links_of(item.annotation.id, self._links)

    @property
    def filter_focused(self) -> bool:
        """True while the reader types in the filter line."""
        return self.is_mounted and self.filter_input.has_focus

    def tag_at(self, key: int) -> str | None:
        """The tag key ``key`` applies, if the tag set has one there."""
        entry = self.tagset.at_key(key)
        return None if entry is None else entry.tag

    def set_annotations(
        self,
        anchored: Sequence[Anchored],
        documents: Mapping[str, Document],
        *,
        links: Sequence[Link] = (),
        verdicts: Sequence[tuple[Verdict, bool]] = (),
        tagset: TagSet | None = None,
    ) -> None:
        """Show ``anchored`` (filtered and sorted as asked), their ``links``, and the
        ``verdicts`` (each with whether it still finds its passage). The cursor stays on the
        annotation it was on when that one is still listed."""
        self._all = tuple(anchored)
        self._documents = documents
        self._links = tuple(links)
        self._verdicts = tuple(verdicts)
        if tagset is not None:
            self.tagset = tagset
        if self.linking is not None and self.linking.annotation.id not in {a.annotation.id for a in self._all}:
            self.linking = None
        if self.display:
            self._relist()
        else:  # hidden: listed when shown (a number key pressed again and again pays nothing here)
            self._stale = True

    _stale = False

    def _fresh(self) -> None:
        """List what was set while hidden (on show, or when asked what is listed)."""
        if self._stale and self.is_mounted:
            self._stale = False
            self._relist()

    def on_show(self) -> None:
        self._fresh()
        self.call_after_refresh(self.fit_width)

    def _relist(self, keep: str | None = None) -> None:
        previous = keep or (self.highlighted.annotation.id if self.highlighted is not None else None)
        wanted = Filter.parse(self.filter_input.value) if self.is_mounted else Filter()
        self._rows = list(sort_annotations(filter_annotations(self._all, wanted, self._documents, self._links), self.sort, self._documents))
        self._verdict_rows = [] if wanted.only_annotations else [
            v for v, _ in self._verdicts if not wanted or all(w in v.spans[0].exact.casefold() for w in wanted.words)
        ]
        width = self._row_width()
        self._listed_width = width
        attached = {v.id: a for v, a in self._verdicts}
        verdicts = [(v, attached[v.id]) for v in self._verdict_rows]
        options = list_options(self._rows, verdicts, self._all, self._documents, self._links, width)
        self.option_list.set_options(options)
        self._show_empty(not self._all and not self._verdicts)  # a filter keeping nothing keeps the list
        self._update_bar()
        if options and (previous is None or not self.highlight(previous)):
            self.option_list.highlighted = 0
        self.refresh_bindings()

    def _update_bar(self) -> None:
        filtered = bool(self.filter_input.value.strip())
        text = bar_text(len(self._rows), len(self._all), len(self._verdicts), self.sort.value, filtered, self.linking)
        self.query_one(AnnotationFilter).say(text, linking=self.linking is not None)

    def _row_width(self) -> int:
        """The cells a row's line has: the list's width once laid out (0 before mounting)."""
        return max(20, self.option_list.scrollable_content_region.width - 1) if self.is_mounted else 0

    def fit_width(self) -> None:
        """List again when the list's width is not the one the rows were cut for (the panel is
        laid out after it was filled, or resized)."""
        if (self._all or self._verdicts) and self._row_width() != self._listed_width:
            self._relist()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_width)

    @on(AnnotationList.Resized)
    def list_resized(self, event: AnnotationList.Resized) -> None:
        event.stop()
        self.call_after_refresh(self.fit_width)

    def highlight(self, annotation_id: str) -> bool:
        """Move the cursor to the annotation with this id; False when it is not listed."""
        self._fresh()
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
        """Say there are no annotations yet; without any, there is nothing to filter either."""
        self.query_one("#annotations-empty").display = empty
        for widget in (self.option_list, self.query_one(AnnotationFilter)):
            widget.display = not empty

    # -- events -----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#annotations-list")
    def post_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a row: show it, or (while linking) make it the other end."""
        event.stop()
        verdict = self.highlighted_verdict if event.option.id and event.option.id.startswith("v") else None
        if verdict is not None:
            self.post_message(self.VerdictSelected(self, verdict))
            return
        item = self._row_of(event.option)
        if item is None:
            return
        if self.linking is not None:
            if item.annotation.id == self.linking.annotation.id:
                self.notify("Choose another annotation as the other end of the link.", markup=False)
                return
            source, self.linking = self.linking, None
            self._update_bar()
            self.refresh_bindings()
            self.post_message(self.LinkPicked(self, source, item))
            return
        self.post_message(self.AnnotationSelected(self, item))

    @on(OptionList.OptionHighlighted, "#annotations-list")
    def cursor_moved(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the footer's keys in step with the cursor."""
        event.stop()
        self.refresh_bindings()

    @on(AnnotationFilter.Changed)
    def filter_changed(self) -> None:
        """Filter as the reader types."""
        self._relist()

    @on(AnnotationFilter.Done)
    def filter_done(self) -> None:
        """Enter in the filter line: back to the list."""
        self.focus()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(ANNOTATIONS, self, action, parameters)

    def action_edit(self) -> None:
        """Ask the app to edit the highlighted annotation."""
        if (item := self.highlighted) is not None:
            self.post_message(self.EditRequested(self, item))

    def action_delete(self) -> None:
        """Ask the app to delete the highlighted annotation (or verdict)."""
        if (verdict := self.highlighted_verdict) is not None:
            self.post_message(self.VerdictDeleteRequested(self, verdict))
        elif (item := self.highlighted) is not None:
            self.post_message(self.DeleteRequested(self, item))

    def action_apply_tag(self, key: int) -> None:
        """Add or remove tag ``key`` of the tag set on the highlighted annotation, then go on."""
        item, tag = self.highlighted, self.tag_at(key)
        if item is None or tag is None:
            return
        self.post_message(self.TagToggled(self, item, tag))
        if self.advance:
            self.option_list.action_cursor_down()

    def action_link(self) -> None:
        """Start a link from the highlighted annotation: the reader picks the other end."""
        self.linking = self.highlighted
        self._update_bar()
        self.refresh_bindings()

    def action_unlink(self) -> None:
        """Ask to remove one of the highlighted annotation's links."""
        if (item := self.highlighted) is not None and self.links_here:
            self.post_message(self.UnlinkRequested(self, item, self.links_here))

    def action_follow_link(self) -> None:
        """Move to the annotation at the other end of a link (again: of the next link)."""
        item, links = self.highlighted, self.links_here
        if item is None or not links:
            return
        here = item.annotation.id
        link = links[self._followed.get(here, 0) % len(links)]
        self._followed[here] = self._followed.get(here, 0) + 1
        other = link.other_end(here)
        if not self.highlight(other):
            if other not in {a.annotation.id for a in self._all}:
                self.notify("The other end of this link is no longer in the store.", markup=False)
                return
            self.filter_input.value = ""  # filtered out: show everything, then go there
            self._relist(keep=other)

    def action_filter(self) -> None:
        """Type a filter."""
        self.filter_input.focus()

    def action_sort(self) -> None:
        """List in the next order (reading order, article, tag, date)."""
        self.sort = self.sort.next()
        self._relist()

    def action_retag_all(self) -> None:
        """Ask to add or remove tags on every annotation listed."""
        if self._rows:
            self.post_message(self.RetagAllRequested(self, tuple(self._rows)))

    def action_delete_all(self) -> None:
        """Ask to delete every annotation listed."""
        if self._rows:
            self.post_message(self.DeleteAllRequested(self, tuple(self._rows)))

    def action_copy(self) -> None:
        """Ask to copy the highlighted annotation with its citation."""
        if (item := self.highlighted) is not None:
            self.post_message(self.CopyRequested(self, item))

    def action_back(self) -> None:
        """Stop linking, or leave the filter line for the list."""
        if self.linking is not None:
            self.linking = None
            self._update_bar()
        self.focus()
        self.refresh_bindings()
