"""The annotations side of the reading room, under the articles: the annotations panel (mounted
when first needed), the hidden :class:`~reader.ui.widgets.annotation_desk.AnnotationDesk`, and the
dialogs whose results go to the desk (tag, edit, export).

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
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget

from reader.core.models import Document
from reader.ui.widgets.annotation_desk import AnnotationDesk

if TYPE_CHECKING:
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
        self._mounted: asyncio.Task[AnnotationsPanel] | None = None

    def compose(self) -> ComposeResult:
        yield self.desk

    async def panel(self) -> AnnotationsPanel:
        """The annotations panel, imported and mounted on the first call."""
        if self._mounted is None:
            self._mounted = asyncio.ensure_future(self._mount_panel())
        return await self._mounted

    async def _mount_panel(self) -> AnnotationsPanel:
        from reader.ui.widgets.annotations_panel import AnnotationsPanel

        panel = AnnotationsPanel(id="annotations")
        await self.mount(panel)
        self.display = True  # empty, the dock would take a line; the panel hides itself
        return panel

    @on(AnnotationDesk.Changed)
    async def _changed(self, event: AnnotationDesk.Changed) -> None:
        self.known_tags = tuple(event.snapshot.tags)
        (await self.panel()).set_annotations(event.snapshot.anchored, self.documents)

    @on(AnnotationDesk.Exported)
    def _exported(self, event: AnnotationDesk.Exported) -> None:
        event.stop()
        if event.error is not None:
            self.notify(event.error, title="Export failed", severity="error", timeout=10, markup=False)
        else:
            where = event.paths[0] if len(event.paths) == 1 else event.paths[0].parent
            self.notify(f"Exported to {where}", title="Export", markup=False)

    def tag(self, spans: Sequence[tuple[str, int, int]], group: str | None, target: str, saved: Callable[[], None]) -> None:
        """Ask for tags and a note for ``spans`` (each ``(doc, start, end)``; ``group``: the
        group they are, if any; ``target`` says what they are), store them, then call ``saved``."""
        from reader.ui.dialogs.tag import TagDialog

        def tagged(result: TagDialog.Result | None) -> None:
            if result is not None:
                saved()
                self.desk.add_spans(spans, result.tags, result.note, group)

        self.app.push_screen(TagDialog(self.known_tags, target=target), tagged)

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
        """Delete the annotation (undo brings it back)."""
        event.stop()
        self.desk.delete([event.anchored.annotation.id])
