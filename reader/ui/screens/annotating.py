"""The reading room's annotation side: the actions and messages of tagging (the tag dialog, the
number keys of the tag set with apply-and-next), verdicts on groups, copying with a citation,
undo and redo, the tag set and export. A mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
(its state is the screen's): it routes each action to the widget that does the work, the
:class:`~reader.ui.widgets.annotations_dock.AnnotationsDock` (dialogs) and its
:class:`~reader.ui.widgets.annotation_desk.AnnotationDesk` (store calls in workers).

Messages are handled by name (``on_annotation_desk_changed``): the annotations panel is imported
when first shown, and ``@on`` handlers are not collected from a mixin.

A number key's change and the store's answer to it are painted in one frame, with the jump to the
next group (:class:`~reader.ui.frame_hold.FrameHold`): the screen's updates wait for the answer
and the repaints it asks for, a moment at most, while the save runs in the desk's worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from reader.core.overview import group_snippet
from reader.ui.frame_hold import FrameHold

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App
    from textual.screen import Screen

    from reader.core.annotate import Anchored
    from reader.core.annotate.tagset import TagSet
    from reader.core.annotate.verdicts import Verdict
    from reader.core.models import Document, Group
    from reader.ui.passages import Passages
    from reader.ui.widgets.annotation_desk import AnnotationDesk
    from reader.ui.widgets.annotations_dock import AnnotationsDock
    from reader.ui.widgets.annotations_panel import AnnotationsPanel
    from reader.ui.widgets.article_columns import ArticleColumns
    from reader.ui.widgets.article_pane import ArticlePane
    from reader.ui.widgets.status_line import StatusLine


class Annotating:
    """The annotation actions of the reading screen (see the module docstring)."""

    if TYPE_CHECKING:  # the reading screen's state this mixin reads
        app: App[object]
        desk: AnnotationDesk
        dock: AnnotationsDock
        columns: ArticleColumns
        status_line: StatusLine
        documents: dict[str, Document]
        export_dir: Path
        anchored: tuple[Anchored, ...]
        verdicts: tuple[Verdict, ...]
        passages: Passages
        groups: tuple[Group, ...]
        group_index: int | None
        tagset: TagSet | None
        advance: bool
        aligned: bool
        can_undo: bool
        can_redo: bool
        store_error: str | None
        panes: list[ArticlePane]
        focused_pane: ArticlePane | None
        selection: tuple[int, int] | None
        focused_group: Group | None
        picked: Group | None

        def notify(self, message: str, **kwargs: object) -> None: ...
        def sync_bindings(self) -> None: ...
        def jump(self, step: int) -> None: ...
        def _show_groups(self) -> None: ...
        def action_toggle_hidden(self) -> None: ...

    _frame_hold: FrameHold | None = None
    _anchored_by_doc: dict[str, list[Anchored]] = {}  # (replaced, never changed in place)
    """The annotations the panes were given last, by article."""

    @property
    def frame_hold(self) -> FrameHold:
        """Holds the screen's updates from a number key until the store's answer to it."""
        if self._frame_hold is None:
            self._frame_hold = FrameHold(cast("Screen[object]", self))
        return self._frame_hold

    def on_unmount(self) -> None:
        self.frame_hold.release()

    def on_idle(self) -> None:
        """The screen is idle (before Textual's own handler, which starts a paint): the frame
        hold ends here once its answers came and what they changed asked to be repainted."""
        if self._frame_hold is not None:
            self._frame_hold.idle()

    def on_annotation_desk_changed(self, event: AnnotationDesk.Changed) -> None:
        """A store call finished: mark the annotations, say what was done, re-place verdicts."""
        try:
            self._show_snapshot(event)
        finally:
            if event.awaited:
                self.frame_hold.answered(event.awaited)

    def _show_snapshot(self, event: AnnotationDesk.Changed) -> None:
        snapshot = event.snapshot
        self.anchored, self.can_undo, self.store_error = snapshot.anchored, snapshot.can_undo, None
        self.can_redo = snapshot.can_redo
        if snapshot.tagset != self.tagset and snapshot.tagset_problem:
            self.notify(snapshot.tagset_problem, title="Tag set", severity="warning", timeout=12, markup=False)
        self.tagset = snapshot.tagset
        by_doc: dict[str, list[Anchored]] = {}
        for item in snapshot.anchored:
            by_doc.setdefault(item.annotation.doc, []).append(item)
        # Each pane gets its own article's (not every annotation 50 times), and only when they
        # changed: a number key changes those of a few articles.
        shown, self._anchored_by_doc = self._anchored_by_doc, by_doc
        for pane in self.panes:
            doc = pane.document.id
            if (mine := by_doc.get(doc, [])) != shown.get(doc, []):
                pane.set_annotations(mine)
        orphans = sum(1 for item in snapshot.anchored if not item.placed)
        keys = tuple(entry.tag for entry in snapshot.tagset.entries[:9])
        status = {"annotations": len(snapshot.anchored), "orphans": orphans, "store_failed": False, "tags": keys}
        if snapshot.message:  # quiet: said on the status line; else what the last number key did is no longer news
            status["said"] = snapshot.message if event.quiet else None
            if not event.quiet:
                self.notify(snapshot.message, markup=False)
        if snapshot.verdicts != self.verdicts:
            self.verdicts = snapshot.verdicts
            self.passages = self.passages.with_verdicts(self.verdicts, self.documents)
            if self.aligned:
                self._show_groups()
            status["lost_verdicts"] = len(self.passages.orphans)
        self.status_line.set(**status)  # once: the line is composed and fitted once
        self.sync_bindings()

    def on_annotation_desk_failed(self, event: AnnotationDesk.Failed) -> None:
        """The store cannot be used: said once, annotation keys switched off."""
        if event.awaited:
            self.frame_hold.answered(event.awaited)
        self.store_error = event.error
        self.notify(event.error, title="Annotation store", severity="error", timeout=10, markup=False)
        self.status_line.set(store_failed=True)
        self.sync_bindings()

    def on_annotation_desk_refused(self, event: AnnotationDesk.Refused) -> None:
        """A change could not be made (nothing was saved): said in a notification."""
        if event.awaited:
            self.frame_hold.answered(event.awaited)
        self.notify(event.error, title="Not saved", severity="error", timeout=10, markup=False)

    def target(self) -> tuple[list[tuple[str, int, int]], Group | None, ArticlePane | None] | None:
        """What a tag goes on now: ``(spans, group, pane)``, the selection of ``pane`` (its
        focused pane) when there is one, else every span of the focused ``group``; ``None``:
        nothing."""
        pane = self.focused_pane
        if pane is not None and (selection := pane.selection) is not None:
            return [(pane.document.id, *selection)], None, pane
        if (group := self.focused_group) is not None:
            return [(s.doc, s.start, s.end) for s in group.spans], group, None
        return None

    def action_tag(self) -> None:
        """Tag the selection (which then ends), or every span of the focused group."""
        from reader.ui.dialogs.tag import group_target, span_target

        found = self.target()
        if found is None:
            return
        spans, group, pane = found
        if pane is not None:
            self.dock.tag(spans, None, span_target(pane.document, *spans[0][1:]), pane.action_clear_selection)
        elif group is not None:
            self.dock.tag(spans, group.id, group_target(group, self.documents), lambda: None)

    def on_annotations_panel_annotation_selected(self, event: AnnotationsPanel.AnnotationSelected) -> None:
        item = event.anchored
        if item.placed and item.start is not None and item.end is not None:
            self.columns.show_span(item.annotation.doc, item.start, item.end)
        else:
            self.notify("This annotation's text is no longer in its article (orphan).", markup=False)

    def action_undo(self) -> None:
        """Undo the last annotation change."""
        self.desk.undo()

    def action_redo(self) -> None:
        """Make the last undone annotation change again."""
        self.desk.redo()

    def can_apply(self, key: int) -> bool:
        """Whether key ``key`` (1-9) has a tag to apply and something to apply it to."""
        return (
            self.store_error is None
            and self.tagset is not None
            and self.tagset.at_key(key) is not None
            and (self.selection is not None or self.focused_group is not None)
        )

    def action_apply_tag(self, key: int) -> None:
        """Apply tag ``key`` of the tag set (see :meth:`apply_tag`)."""
        entry = self.tagset.at_key(key) if self.tagset is not None else None
        if entry is not None:
            self.apply_tag(entry.tag)

    def apply_tag(self, tag: str) -> None:
        """Apply ``tag`` to the selection (which then ends), or to every span of the focused
        group; saved at once; then on to the next group, unless going on was switched off."""
        if (found := self.target()) is None:
            return
        spans, group, pane = found
        hold = self.frame_hold.await_answer()
        self.desk.apply_tag(tag, spans, group.id if group is not None else None, awaited=hold)
        if pane is not None:
            pane.action_clear_selection()
        if self.advance:
            self.jump(1)

    def action_toggle_advance(self) -> None:
        """Switch going on to the next passage after a number key on or off."""
        self.advance = not self.advance
        self.status_line.set(advance=self.advance)
        self.dock.set_advance(self.advance)

    @property
    def verdict_group(self) -> Group | None:
        """The alignment group a verdict would go on: the group jumped to (not a figure or a
        quotation picked in its panel, which the alignment does not make)."""
        return None if self.picked is not None else self.focused_group

    def action_verdict(self) -> None:
        """Ask for a verdict on the focused group (not a match, boilerplate, or none)."""
        if (group := self.verdict_group) is not None:
            self.dock.verdict(group, self.passages.verdict_of(group), group_snippet(group, self.documents))

    def action_copy_quote(self) -> None:
        """Copy the selection (which then ends), or the focused group's span in the focused
        article (else its first span), with its citation."""
        if (found := self.target()) is not None:
            spans, _group, pane = found
            here = self.focused_pane.document.id if self.focused_pane is not None else None
            doc, start, end = next((s for s in spans if s[0] == here), spans[0])
            self.dock.copy(self.documents[doc].text[start:end], self.documents[doc])
            if pane is not None:
                pane.action_clear_selection()  # used: a selection is copied once

    def action_edit_tagset(self) -> None:
        """Edit the tag set."""
        self.dock.edit_tagset()

    def on_annotations_panel_verdict_selected(self, event: AnnotationsPanel.VerdictSelected) -> None:
        group_id = self.passages.group_of.get(event.verdict.id)
        if group_id is None:
            self.notify("This verdict's passage is no longer found (an orphan); d removes the verdict.", markup=False)
            return
        if not self.passages.show_hidden:
            self.action_toggle_hidden()
        ids = [g.id for g in self.groups]
        if group_id in ids:
            self.group_index = ids.index(group_id)

    def action_export(self) -> None:
        """Pick a format and a file, then write the tagged spans with the CLI's exporter."""
        self.dock.export(self.export_dir, len(self.anchored))
