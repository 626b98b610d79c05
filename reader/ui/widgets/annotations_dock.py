"""The annotations side of the reading room, under the articles: the annotations panel (mounted
when first needed), the hidden :class:`~reader.ui.widgets.annotation_desk.AnnotationDesk`, and the
dialogs whose results go to the desk (tag, edit, export, verdict, link, tag set, bulk changes).

The first screen does without the panel and the modules it imports (the store model, the fuzzy
matcher), so the panel is imported and mounted on the first :meth:`AnnotationsDock.panel` call;
its messages are therefore handled by name here, not with ``@on``. The desk's messages bubble
through the dock: it keeps the panel in step and says where an export went, and lets
:class:`AnnotationDesk.Changed` and :class:`AnnotationDesk.Failed` go on to the screen, which
marks the panes and updates the status line. Choosing an annotation in the panel bubbles on to
the screen too, which selects it in its article.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget

from reader.core.models import Document
from reader.ui.widgets.annotation_desk import AnnotationDesk

if TYPE_CHECKING:
    from reader.core.annotate import Anchored
    from reader.core.annotate.tagset import TagSet
    from reader.core.annotate.verdicts import Verdict
    from reader.core.models import Group
    from reader.ui.dialogs.export import ExportDialog
    from reader.ui.dialogs.tag import TagDialog
    from reader.ui.widgets.annotations_panel import AnnotationsPanel


class AnnotationsDock(Widget):
    """Holds the annotations panel (hidden until shown) and the desk; runs the dialogs that
    change annotations."""

    DEFAULT_CSS = """
    AnnotationsDock {
        height: auto;
        display: none;
    }
    """

    def __init__(self, desk: AnnotationDesk, documents: Mapping[str, Document], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.desk = desk
        """Runs the store calls and exports."""
        self.documents = documents
        """The articles by id (the panel and the dialogs name them)."""
        self.known_tags: tuple[str, ...] = ()
        """Every tag in the store (the tag dialog offers them)."""
        self.tagset: TagSet | None = None
        """The tag set, once the store was read."""
        self.relations: tuple[str, ...] = ()
        """The relations offered for a link (the usual ones, then those in use)."""
        self.verdict_rows: tuple[tuple[Verdict, bool], ...] = ()
        """Every verdict, with whether it hides a passage now (the panel lists them)."""
        self.advance = True
        """Whether a number key goes on to the next passage (or annotation in the panel)."""
        self._snapshot: Any = None
        self._mounted: asyncio.Task[AnnotationsPanel] | None = None

    def compose(self) -> ComposeResult:
        yield self.desk

    @property
    def mounted_panel(self) -> AnnotationsPanel | None:
        """The annotations panel if it is mounted (``None`` before it was first shown)."""
        if self._mounted is not None and self._mounted.done() and not self._mounted.cancelled():
            return self._mounted.result()
        return None

    async def panel(self) -> AnnotationsPanel:
        """The annotations panel, imported and mounted on the first call."""
        if self._mounted is None:
            self._mounted = asyncio.ensure_future(self._mount_panel())
        return await self._mounted

    async def _mount_panel(self) -> AnnotationsPanel:
        from reader.ui.widgets.annotations_panel import AnnotationsPanel

        panel = AnnotationsPanel(id="annotations")
        panel.advance = self.advance
        await self.mount(panel)
        self.display = True  # empty, the dock would take a line; the panel hides itself
        return panel

    @on(AnnotationDesk.Changed)
    async def _changed(self, event: AnnotationDesk.Changed) -> None:
        from reader.core.annotate.links import relation_vocabulary

        snapshot = self._snapshot = event.snapshot
        self.known_tags = tuple(snapshot.tags)
        self.tagset = snapshot.tagset
        self.relations = relation_vocabulary(snapshot.links)
        await self._show()

    async def _show(self) -> None:
        snapshot = self._snapshot
        if snapshot is not None:
            (await self.panel()).set_annotations(
                snapshot.anchored, self.documents, links=snapshot.links, verdicts=self.verdict_rows, tagset=snapshot.tagset
            )

    async def show_verdicts(self, rows: Sequence[tuple[Verdict, bool]]) -> None:
        """List ``rows`` (each verdict with whether it hides a passage now) in the panel."""
        rows = tuple(rows)
        if rows != self.verdict_rows:
            self.verdict_rows = rows
            await self._show()

    def set_advance(self, advance: bool) -> None:
        """Whether the panel's number keys go on to the next annotation too."""
        self.advance = advance
        if (panel := self.mounted_panel) is not None:
            panel.advance = advance

    @on(AnnotationDesk.Exported)
    def _exported(self, event: AnnotationDesk.Exported) -> None:
        event.stop()
        if event.error is not None:
            self.notify(event.error, title="Export failed", severity="error", timeout=10, markup=False)
        else:
            where = event.paths[0] if len(event.paths) == 1 else event.paths[0].parent
            notes = "".join(f"\n{note}" for note in event.notes)
            self.notify(f"Exported to {where}{notes}", title="Export", markup=False, timeout=8 if notes else 5)

    def tag(self, spans: Sequence[tuple[str, int, int]], group: str | None, target: str, saved: Callable[[], None]) -> None:
        """Ask for tags and a note for ``spans`` (each ``(doc, start, end)``; ``group``: the
        group they are, if any; ``target`` says what they are), store them, then call ``saved``."""
        from reader.ui.dialogs.tag import TagDialog

        def tagged(result: TagDialog.Result | None) -> None:
            if result is not None:
                saved()
                self.desk.add_spans(spans, result.tags, result.note, group)

        dialog = TagDialog(self.known_tags, target=target, tagset=self.tagset, save_tagset=self.desk.save_tagset)
        self.app.push_screen(dialog, tagged)

    def edit_tagset(self) -> None:
        """Edit the tag set (the tags in use offered below it), then save it."""
        from reader.core.annotate.tagset import TagSet
        from reader.ui.dialogs.tagset import TagSetEditor

        def edited(tagset: TagSet | None) -> None:
            if tagset is not None:
                self.desk.save_tagset(tagset)

        self.app.push_screen(TagSetEditor(self.tagset or TagSet()), edited)

    def verdict(self, group: Group, current: Verdict | None, snippet: str) -> None:
        """Ask for a verdict on ``group`` (``current``: its verdict so far), then store it."""
        from reader.core.annotate.verdicts import VerdictKind
        from reader.ui.dialogs.choice import Choice, ChoiceDialog

        choices = [
            Choice(VerdictKind.NOT_A_MATCH.value, "Not a match", "the spans are not the same passage"),
            Choice(VerdictKind.BOILERPLATE.value, "Boilerplate", "the same words, not worth reading twice"),
        ]
        if current is not None:
            choices.append(Choice("", "Remove the verdict", f"now \u2018{current.kind.value}\u2019: show the passage again"))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            if value == "":
                assert current is not None
                self.desk.clear_verdicts([current.id])
            else:
                self.desk.set_verdict(group, VerdictKind(value), [current.id] if current is not None else [])

        prompt = f"\u201c{snippet}\u201d in {len(group.doc_ids)} articles: hidden from the highlights and n/p from then on."
        self.app.push_screen(ChoiceDialog("Verdict on this passage", choices, prompt=prompt), chosen)

    def copy(self, text: str, document: Document) -> None:
        """Copy ``text`` with its citation to the clipboard, and say so."""
        from reader.core.citation import quote_with_citation

        quote = quote_with_citation(text, document)
        self.app.copy_to_clipboard(quote)
        shown = quote if len(quote) <= 120 else quote[:119] + "\u2026"
        self.notify(shown, title="Copied with its citation", markup=False)

    def export(self, folder: Path, count: int) -> None:
        """Ask for a format and a file (in ``folder`` by default; ``count`` annotations), then
        write them with the CLI's exporter."""
        from reader.core.export import EXPORTERS
        from reader.ui.dialogs.export import ExportDialog

        def chosen(result: ExportDialog.Result | None) -> None:
            if result is not None:
                self.desk.export(result.fmt, result.path)

        suffixes = {name: spec.suffix for name, spec in EXPORTERS.items()}
        self.app.push_screen(ExportDialog(tuple(EXPORTERS), suffixes, folder, count), chosen)

    def on_annotations_panel_edit_requested(self, event: AnnotationsPanel.EditRequested) -> None:
        """Edit the annotation's tags and note in the tag dialog, then store them."""
        from reader.ui.dialogs.tag import TagDialog, annotation_target

        event.stop()
        annotation = event.anchored.annotation

        def edited(result: TagDialog.Result | None) -> None:
            if result is not None:
                self.desk.edit(annotation.id, result.tags, result.note)

        target = annotation_target(annotation, self.documents)
        dialog = TagDialog(self.known_tags, tags=annotation.tags, note=annotation.note, target=target)
        self.app.push_screen(dialog, edited)

    def on_annotations_panel_delete_requested(self, event: AnnotationsPanel.DeleteRequested) -> None:
        """Delete the annotation and its links (undo brings them back)."""
        event.stop()
        self.desk.delete([event.anchored.annotation.id])

    def on_annotations_panel_tag_toggled(self, event: AnnotationsPanel.TagToggled) -> None:
        """A number key in the panel: add the tag to the annotation, or remove it."""
        from reader.core.annotate import tag_key

        event.stop()
        has = tag_key(event.tag) in {tag_key(t) for t in event.anchored.annotation.tags}
        ids = [event.anchored.annotation.id]
        self.desk.retag(ids, [] if has else [event.tag], [event.tag] if has else [], quiet=True)

    def on_annotations_panel_copy_requested(self, event: AnnotationsPanel.CopyRequested) -> None:
        """Copy the annotation's text (as it is now) with its citation."""
        from reader.ui.widgets.annotation_rows import current_text

        event.stop()
        document = self.documents.get(event.anchored.annotation.doc)
        if document is None:
            self.notify("Its article is gone: nothing to cite.", markup=False)
            return
        self.copy(current_text(event.anchored, document), document)

    def on_annotations_panel_link_picked(self, event: AnnotationsPanel.LinkPicked) -> None:
        """The other end was picked: ask for the relation (or a new one), then link."""
        from reader.ui.dialogs.choice import Choice, ChoiceDialog
        from reader.ui.widgets.annotation_rows import shorten

        event.stop()
        source, target = event.anchored.annotation, event.other.annotation

        def chosen(relation: str | None) -> None:
            if relation:
                self.desk.link(source.id, target.id, relation)

        prompt = f"\u201c{shorten(source.exact, 40)}\u201d \u2192 \u201c{shorten(target.exact, 40)}\u201d"
        choices = [Choice(r, r) for r in self.relations]
        self.app.push_screen(ChoiceDialog("Link: the relation", choices, prompt=prompt, typed="or type another relation and press enter"), chosen)

    def on_annotations_panel_unlink_requested(self, event: AnnotationsPanel.UnlinkRequested) -> None:
        """Ask which link to remove (straight away when there is one), then remove it."""
        from reader.ui.dialogs.choice import Choice, ChoiceDialog

        event.stop()
        if len(event.links) == 1:
            self.desk.unlink([event.links[0].id])
            return
        here = event.anchored.annotation.id
        choices = [Choice(link.id, ("\u2192 " if link.source == here else "\u2190 ") + link.relation) for link in event.links]
        self.app.push_screen(ChoiceDialog("Remove a link", choices), lambda value: value and self.desk.unlink([value]))

    def on_annotations_panel_retag_all_requested(self, event: AnnotationsPanel.RetagAllRequested) -> None:
        """Tags for every annotation listed: those all share are shown; what is added is added
        to each, what is removed is taken from each; other tags stay."""
        from reader.core.annotate import tag_key
        from reader.ui.dialogs.tag import TagDialog

        event.stop()
        items = [item.annotation for item in event.items]
        shared = [t for t in items[0].tags if all(tag_key(t) in {tag_key(x) for x in a.tags} for a in items[1:])]

        def tagged(result: TagDialog.Result | None) -> None:
            if result is not None:
                now = {tag_key(t) for t in result.tags}
                removed = [t for t in shared if tag_key(t) not in now]
                self.desk.retag([a.id for a in items], result.tags, removed)

        target = f"{len(items)} annotation{'s' if len(items) != 1 else ''} listed: tags added to all, tags removed from all"
        dialog = TagDialog(self.known_tags, tags=shared, target=target, tagset=self.tagset, with_note=False)
        self.app.push_screen(dialog, tagged)

    def on_annotations_panel_delete_all_requested(self, event: AnnotationsPanel.DeleteAllRequested) -> None:
        """Ask, then delete every annotation listed (and their links), one undoable step."""
        from reader.ui.dialogs.choice import Choice, ChoiceDialog

        event.stop()
        ids = [item.annotation.id for item in event.items]
        count = f"{len(ids)} annotation{'s' if len(ids) != 1 else ''}"
        choices = [Choice("delete", f"Delete {count}", "undo (u) brings them back"), Choice("", "Keep them")]

        def chosen(value: str | None) -> None:
            if value == "delete":
                self.desk.delete(ids)

        self.app.push_screen(ChoiceDialog("Delete every annotation listed?", choices, prompt=f"{count} (the filtered set) and their links."), chosen)

    def on_annotations_panel_verdict_delete_requested(self, event: AnnotationsPanel.VerdictDeleteRequested) -> None:
        """Remove the verdict (undo brings it back)."""
        event.stop()
        self.desk.clear_verdicts([event.verdict.id])
