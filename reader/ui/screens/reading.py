"""The reading room: every article in a column, shared passages highlighted, a match list, the
annotations panel, and the actions that move between groups, select, tag and search.

Slow work never runs here: the alignment runs in a thread worker of this screen, store calls and
exports in those of its hidden :class:`~reader.ui.widgets.annotation_desk.AnnotationDesk`, the
search in the search dialog's; each posts messages (past tense) whose handlers update the widgets.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.core.models import Corpus, Document, Group
from reader.core.overview import group_snippet, reading_order
from reader.ui.render import safe_text
from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.annotation_desk import AnnotationDesk
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.footer import ParallaxFooter
from reader.ui.widgets.highlight_palette import HighlightPalette
from reader.ui.widgets.match_list import MatchList

if TYPE_CHECKING:
    from reader.core.annotate import Anchored
    from reader.ui.widgets.annotations_panel import AnnotationsPanel
    from reader.ui.dialogs.search import SearchScreen

# The dialogs, the exporter and the store modules are imported when first used: the first
# screen needs none of them (see benchmarks/startup.py).

FIRST_FRAME_WAIT = 2.0
"""Seconds the alignment worker waits for the first frame before starting anyway."""

Aligner = Callable[..., tuple[Group, ...]]
"""``align(documents, *, progress, cancelled) -> groups``: the real one is
:func:`reader.core.align.align` with default options."""


def default_aligner(documents: Sequence[Document], *, progress: Callable[[float], None], cancelled: Callable[[], bool]) -> tuple[Group, ...]:
    """Align with :func:`reader.core.align.align` and its default options."""
    from reader.core.align import AlignOptions, align

    return align(documents, AlignOptions(), progress=progress, cancelled=cancelled)


class ReadingScreen(Screen[None]):
    """The articles side by side, and everything done with them."""

    BINDINGS = [
        Binding("n,right_square_bracket", "next_group", "Next", tooltip="Jump to the next shared passage"),
        Binding("p,left_square_bracket", "previous_group", "Prev", tooltip="Jump to the previous shared passage"),
        Binding("c", "variants", "Variants", tooltip="Compare the wording of the focused group across articles"),
        Binding("t", "tag", "Tag", tooltip="Tag the selection, or every span of the focused group"),
        Binding("u", "undo", "Undo", tooltip="Undo the last annotation change"),
        Binding("slash", "search", "Search", tooltip="Search every article (fuzzy)"),
        Binding("z", "zoom", "Zoom", tooltip="Show the focused article at full width (again: all articles)"),
        Binding("m", "toggle_matches", "Matches", tooltip="Show or hide the list of shared passages"),
        Binding(
            "H", "toggle_hidden", "Hidden", show=False,
            tooltip="Show or hide the hidden groups: names, titles and short fragments, and groups folded into a bigger one",
        ),
        Binding("a", "toggle_annotations", "Notes", tooltip="Show or hide the annotations panel"),
        Binding("x", "export", "Export", tooltip="Export the tagged spans to a file"),
        Binding("l", "focus_article(1)", "Next article", show=False, tooltip="Focus the article to the right"),
        Binding("h", "focus_article(-1)", "Previous article", show=False, tooltip="Focus the article to the left"),
        Binding("escape", "clear_search", "Clear search", show=False, tooltip="Remove the search highlights"),
    ]

    group_index: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Position of the focused group in :attr:`groups`, or ``None`` before the first jump."""
    zoomed: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when only the focused article is shown, at full width."""
    show_matches: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the match list is shown."""
    show_annotations: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the annotations panel is shown."""
    aligned: reactive[bool] = reactive(False, init=False, repaint=False)
    """True once the alignment finished (the highlights are in)."""
    show_hidden: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the hidden groups (fragments, folded groups) are shown too."""

    class AlignmentProgressed(Message):
        """The alignment worker got further (0 to 1)."""

        def __init__(self, fraction: float) -> None:
            super().__init__()
            self.fraction = fraction

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReadingScreen.AlignmentProgressed)

    class AlignmentFinished(Message):
        """The alignment worker found the groups."""

        def __init__(self, groups: tuple[Group, ...]) -> None:
            super().__init__()
            self.groups = groups

    class AlignmentFailed(Message):
        """The alignment worker failed; the articles stay readable without highlights."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, corpus: Corpus, corpus_dir: Path, store_path: Path | None, aligner: Aligner | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        """The articles."""
        self.corpus_dir = corpus_dir
        """The corpus folder (default place for exports)."""
        self.documents = {document.id: document for document in corpus.documents}
        """The articles by id."""
        self.aligner = aligner or default_aligner
        self._first_frame = threading.Event()
        """Set once the first screen is painted: the workers start their work then, so they do
        not compete with it for the interpreter."""
        self.desk = AnnotationDesk(corpus, corpus_dir, store_path, self._first_frame)
        """Runs the store calls and exports."""
        self.all_groups: tuple[Group, ...] = ()
        """Every group the aligner found, hidden ones too, in reading order."""
        self.groups: tuple[Group, ...] = ()
        """The groups shown (fragments and folded groups left out), in reading order."""
        self.anchored: tuple[Anchored, ...] = ()
        """Every annotation, placed in the texts."""
        self.known_tags: tuple[str, ...] = ()
        self.can_undo = False
        self.store_error: str | None = None
        """Why the store cannot be used, if it cannot."""
        self.search_result: SearchScreen.Result | None = None
        """The last search jumped from."""
        self.progress = 0.0
        """Alignment progress, 0 to 1."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield HighlightPalette()
        yield self.desk
        with Horizontal(id="body"):
            yield ArticleColumns(
                *(ArticleColumn(document, id=f"column-{index}") for index, document in enumerate(self.corpus.documents)),
                id="columns",
            )
            yield MatchList(id="matches")
        with Horizontal(id="status-bar"):
            yield Static(id="status")
            yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield ParallaxFooter()

    def on_mount(self) -> None:
        if self.panes:
            self.panes[0].focus()
        self.update_status()
        for issue in self.corpus.issues:
            self.notify(issue.line(), title="Corpus", severity="warning", timeout=12, markup=False)
        self.run_alignment()
        self.desk.load()
        self.call_after_refresh(self._first_frame.set)

    _panes: list[ArticlePane] | None = None

    @property
    def panes(self) -> list[ArticlePane]:
        """The article panes, in corpus order (looked up once)."""
        if self._panes is None:
            self._panes = list(self.query(ArticlePane).results(ArticlePane))
        return self._panes

    @property
    def match_list(self) -> MatchList:
        """The list of groups."""
        return self.query_one(MatchList)

    _panel_mounted: asyncio.Task[AnnotationsPanel] | None = None

    async def annotations_panel(self) -> AnnotationsPanel:
        """The annotations panel, mounted when first needed (the first screen does without it,
        and without the store and fuzzy-matching modules it imports)."""
        if self._panel_mounted is None:
            self._panel_mounted = asyncio.ensure_future(self._mount_annotations_panel())
        return await self._panel_mounted

    async def _mount_annotations_panel(self) -> AnnotationsPanel:
        from reader.ui.widgets.annotations_panel import AnnotationsPanel

        panel = AnnotationsPanel(id="annotations")
        await self.mount(panel, before=self.query_one("#status-bar"))
        return panel

    @property
    def focused_pane(self) -> ArticlePane | None:
        """The pane with focus, or the one that had it last."""
        if isinstance(self.focused, ArticlePane):
            return self.focused
        return self._last_pane

    _last_pane: ArticlePane | None = None

    @on(ArticlePane.SelectionChanged)
    def _selection_changed(self, event: ArticlePane.SelectionChanged) -> None:
        self.sync_bindings()

    _CHECKED_ACTIONS = ("next_group", "previous_group", "variants", "tag", "undo", "export", "focus_article", "toggle_hidden")
    _offered: tuple[bool | None, ...] = ()

    def sync_bindings(self) -> None:
        """Refresh the Footer only when the set of keys that work changed (a Footer refresh
        rebuilds it, which a jump must not pay for)."""
        offered = tuple(self.check_action(action, ()) for action in self._CHECKED_ACTIONS)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def on_descendant_focus(self, event: object) -> None:
        if isinstance(self.focused, ArticlePane):
            if self.zoomed and self.focused is not self._last_pane:
                self._apply_zoom(self.focused)
            self._last_pane = self.focused
        self.sync_bindings()

    @property
    def focused_group(self) -> Group | None:
        """The group the reader jumped to last."""
        if self.group_index is None or not self.groups:
            return None
        return self.groups[self.group_index]

    # ------------------------------------------------------------------ status

    def update_status(self) -> None:
        """Say where the reader is and what is running."""
        parts = [f"{len(self.corpus.documents)} articles"]
        if not self.aligned:
            parts.append(f"aligning… {self.progress:.0%}")
        else:
            count = len(self.groups)
            hidden = sum(1 for group in self.all_groups if group.hidden)
            if self.show_hidden and hidden:
                parts.append(f"{count} shared passage{'s' if count != 1 else ''}, {hidden} hidden ones shown (H hides them)")
            else:
                parts.append(f"{count} shared passage{'s' if count != 1 else ''}" + (f" ({hidden} hidden: H)" if hidden else ""))
        group = self.focused_group
        if group is not None and self.group_index is not None:
            parts.append(
                f"#{self.group_index + 1} {group.kind.value}, {len(group.doc_ids)} articles, score {group.score:.0f}"
            )
        if self.anchored:
            orphans = sum(1 for item in self.anchored if not item.placed)
            lost = f" ({orphans} no longer found in their article)" if orphans else ""
            count = len(self.anchored)
            parts.append(f"{count} annotation{'s' if count != 1 else ''}{lost}")
        if self.search_result is not None:
            articles = len({hit.doc for hit in self.search_result.hits})
            parts.append(f"search “{self.search_result.query}”: {len(self.search_result.hits)} hits in {articles} articles")
        if self.store_error:
            parts.append("annotations unavailable")
        self.query_one("#status", Static).update(safe_text(" · ".join(parts)), layout=False)

    # ------------------------------------------------------------------ alignment

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def run_alignment(self) -> None:
        """Align the corpus in a thread; post progress and the result."""
        worker = get_current_worker()
        self._first_frame.wait(FIRST_FRAME_WAIT)
        last = -1.0

        def progress(fraction: float) -> None:
            nonlocal last
            if fraction - last >= 0.01 or fraction >= 1.0:
                last = fraction
                self.post_message(self.AlignmentProgressed(fraction))

        try:
            groups = self.aligner(self.corpus.documents, progress=progress, cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # the articles stay readable; the reader is told why
            if not worker.is_cancelled:
                self.post_message(self.AlignmentFailed(f"{type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.AlignmentFinished(tuple(groups)))

    @on(AlignmentProgressed)
    def _alignment_progressed(self, event: AlignmentProgressed) -> None:
        self.progress = event.fraction
        self.query_one(ProgressBar).update(progress=event.fraction)
        self.update_status()

    @on(AlignmentFinished)
    def _alignment_finished(self, event: AlignmentFinished) -> None:
        self.all_groups = reading_order(event.groups, self.corpus.documents)
        self._show_groups()
        self.query_one(ProgressBar).display = False
        self.aligned = True
        self.update_status()
        self.sync_bindings()
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None:
            self.action_next_group() if jump > 0 else self.action_previous_group()

    @on(AlignmentFailed)
    def _alignment_failed(self, event: AlignmentFailed) -> None:
        self.query_one(ProgressBar).display = False
        self.aligned = True
        self._pending_jump = None
        self.update_status()
        self.sync_bindings()
        self.notify(f"Alignment failed: {event.error}", title="No highlights", severity="error", markup=False)

    # ------------------------------------------------------------------ moving between groups

    def watch_group_index(self, old: int | None, new: int | None) -> None:
        group = self.focused_group
        for pane in self.panes:
            pane.set_focus_group(group)
        if group is not None:
            for pane in self.panes:
                spans = [s for s in group.spans if s.doc == pane.document.id]
                if spans:
                    pane.scroll_to_span(spans[0].start, spans[0].end)
            self.match_list.show_index(new)
            focused = self.focused_pane
            if focused is not None:
                here = [s for s in group.spans if s.doc == focused.document.id]
                if here and focused.anchor is None:
                    focused._dragging = True  # move the cursor without scrolling twice
                    focused.move_cursor(here[0].start)
                    focused._dragging = False
        self.update_status()
        self.sync_bindings()

    _pending_jump: int | None = None
    """A jump asked for while aligning (+1 next, -1 previous), made when the groups arrive."""

    def action_next_group(self) -> None:
        """Jump to the next group (while aligning: as soon as the groups are there)."""
        if not self.aligned:
            self._pending_jump = 1
        elif self.groups:
            self.group_index = 0 if self.group_index is None else (self.group_index + 1) % len(self.groups)

    def action_previous_group(self) -> None:
        """Jump to the previous group (while aligning: as soon as the groups are there)."""
        if not self.aligned:
            self._pending_jump = -1
        elif self.groups:
            self.group_index = len(self.groups) - 1 if self.group_index is None else (self.group_index - 1) % len(self.groups)

    @on(MatchList.GroupChosen)
    def _group_chosen(self, event: MatchList.GroupChosen) -> None:
        self.group_index = event.index

    def action_focus_article(self, delta: int) -> None:
        """Focus the next or previous article pane."""
        panes = self.panes
        current = self.focused_pane
        index = panes.index(current) if current in panes else 0
        self.focus_pane(panes[(index + delta) % len(panes)])

    def focus_pane(self, pane: ArticlePane) -> None:
        """Focus ``pane``, displaying and scrolling to its column first."""
        columns = self.query_one(ArticleColumns)
        column = next((c for c in columns.columns if c.document is pane.document), None)
        if column is not None:
            columns.reveal(column)
        pane.focus()

    # ------------------------------------------------------------------ views

    def action_zoom(self) -> None:
        """Toggle showing only the focused article."""
        self.zoomed = not self.zoomed

    def watch_zoomed(self, zoomed: bool) -> None:
        pane = self.focused_pane
        if zoomed and pane is not None:
            self._apply_zoom(pane)
        else:
            columns = self.query_one(ArticleColumns)
            columns.zoomed = None
            if pane is not None:
                self.call_after_refresh(self.focus_pane, pane)

    def _apply_zoom(self, pane: ArticlePane) -> None:
        columns = self.query_one(ArticleColumns)
        columns.zoomed = next((c for c in columns.columns if c.document is pane.document), None)

    def _show_groups(self) -> None:
        """Give the panes and the match list the groups shown (the hidden ones with
        :attr:`show_hidden`), keeping the focus on the same group when it is still shown."""
        focused = self.focused_group
        self.groups = self.all_groups if self.show_hidden else tuple(g for g in self.all_groups if not g.hidden)
        for pane in self.panes:
            pane.set_groups(self.groups)
        self.match_list.set_groups(self.groups, self.documents)
        if focused is not None:
            ids = [group.id for group in self.groups]
            self.group_index = ids.index(focused.id) if focused.id in ids else None
        for pane in self.panes:
            pane.set_focus_group(self.focused_group)

    def action_toggle_hidden(self) -> None:
        """Show or hide the hidden groups (fragments and folded groups)."""
        self.show_hidden = not self.show_hidden

    def watch_show_hidden(self, show: bool) -> None:
        self._show_groups()
        self.update_status()
        self.sync_bindings()

    def action_toggle_matches(self) -> None:
        """Show or hide the match list."""
        self.show_matches = not self.show_matches

    def watch_show_matches(self, show: bool) -> None:
        self.match_list.display = show
        if show:
            self.match_list.show_index(self.group_index)
            self.match_list.focus()
        elif self._last_pane is not None:
            self.focus_pane(self._last_pane)

    async def action_toggle_annotations(self) -> None:
        """Show or hide the annotations panel."""
        await self.annotations_panel()
        self.show_annotations = not self.show_annotations

    async def watch_show_annotations(self, show: bool) -> None:
        panel = await self.annotations_panel()
        panel.display = show
        if show:
            panel.focus()
        elif self._last_pane is not None:
            self.focus_pane(self._last_pane)

    def action_variants(self) -> None:
        """Open the variants view of the focused group."""
        group = self.focused_group
        if group is not None:
            from reader.ui.dialogs.variants import VariantsScreen

            self.app.push_screen(VariantsScreen(group, self.documents))

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        """Open the search dialog."""
        from reader.ui.dialogs.search import SearchScreen

        query = self.search_result.query if self.search_result else ""
        self.app.push_screen(SearchScreen(self.corpus.documents, query), self._search_done)

    def _search_done(self, result: SearchScreen.Result | None) -> None:
        if result is None:
            return
        self.show_search(result)

    def show_search(self, result: SearchScreen.Result) -> None:
        """Mark every hit in its pane and select the chosen one."""
        self.search_result = result
        for pane in self.panes:
            pane.set_search_spans((hit.start, hit.end) for hit in result.hits if hit.doc == pane.document.id)
        self.select_span(result.chosen.doc, result.chosen.start, result.chosen.end)
        self.update_status()

    def action_clear_search(self) -> None:
        """Remove the search marks."""
        self.clear_search()

    def clear_search(self) -> None:
        """Remove the search marks."""
        self.search_result = None
        for pane in self.panes:
            pane.set_search_spans(())
        self.update_status()

    def select_span(self, doc_id: str, start: int, end: int) -> None:
        """Focus the pane of ``doc_id`` and select ``[start, end)`` in it."""
        for pane in self.panes:
            if pane.document.id == doc_id:
                self.focus_pane(pane)
                pane.select(start, end)
                return

    # ------------------------------------------------------------------ annotations

    @on(AnnotationDesk.Changed)
    async def _annotations_changed(self, event: AnnotationDesk.Changed) -> None:
        snapshot = event.snapshot
        self.anchored = snapshot.anchored
        self.known_tags = snapshot.tags
        self.can_undo = snapshot.can_undo
        self.store_error = None
        spans: dict[str, list[tuple[int, int]]] = {}
        for item in snapshot.anchored:
            if item.placed and item.start is not None and item.end is not None:
                spans.setdefault(item.annotation.doc, []).append((item.start, item.end))
        for pane in self.panes:
            pane.set_annotation_spans(spans.get(pane.document.id, ()))
        (await self.annotations_panel()).set_annotations(snapshot.anchored, self.documents)
        if snapshot.message:
            self.notify(snapshot.message, markup=False)
        self.update_status()
        self.sync_bindings()

    @on(AnnotationDesk.Failed)
    def _store_failed(self, event: AnnotationDesk.Failed) -> None:
        self.store_error = event.error
        self.notify(event.error, title="Annotation store", severity="error", timeout=10, markup=False)
        self.update_status()
        self.sync_bindings()

    def action_tag(self) -> None:
        """Tag the selection, or every span of the focused group."""
        from reader.ui.dialogs.tag import TagDialog

        pane = self.focused_pane
        selection = pane.selection if pane is not None else None
        if pane is not None and selection is not None:
            start, end = selection
            spans = [(pane.document.id, start, end)]
            group_id = None
            target = f"“{' '.join(pane.document.text[start:end].split())[:60]}” in {pane.document.id}"
        elif (group := self.focused_group) is not None:
            spans = [(s.doc, s.start, s.end) for s in group.spans]
            group_id = group.id
            target = f"“{group_snippet(group, self.documents)}” in {len(group.doc_ids)} articles"
        else:
            return

        def tagged(result: TagDialog.Result | None) -> None:
            if result is None:
                return
            if pane is not None and selection is not None:
                pane.anchor = None
            self.desk.add_spans(spans, result.tags, result.note, group_id)

        self.app.push_screen(TagDialog(self.known_tags, target=target), tagged)

    def on_annotations_panel_edit_requested(self, event: AnnotationsPanel.EditRequested) -> None:
        from reader.ui.dialogs.tag import TagDialog

        annotation = event.anchored.annotation
        document = self.documents.get(annotation.doc)
        target = f"“{' '.join(annotation.exact.split())[:60]}” in {document.id if document else annotation.doc}"

        def edited(result: TagDialog.Result | None) -> None:
            if result is not None:
                self.desk.edit(annotation.id, result.tags, result.note)

        self.app.push_screen(
            TagDialog(self.known_tags, tags=annotation.tags, note=annotation.note, target=target), edited
        )

    def on_annotations_panel_delete_requested(self, event: AnnotationsPanel.DeleteRequested) -> None:
        self.desk.delete([event.anchored.annotation.id])

    def on_annotations_panel_annotation_selected(self, event: AnnotationsPanel.AnnotationSelected) -> None:
        item = event.anchored
        if item.placed and item.start is not None and item.end is not None:
            self.select_span(item.annotation.doc, item.start, item.end)
        else:
            self.notify("This annotation's text is no longer in its article (orphan).", markup=False)

    def action_undo(self) -> None:
        """Undo the last annotation change."""
        self.desk.undo()

    def action_export(self) -> None:
        """Pick a format and a file, then write the tagged spans with the CLI's exporter."""
        from reader.core.export import FORMAT_SUFFIXES, FORMATS
        from reader.ui.dialogs.export import ExportDialog

        def chosen(result: ExportDialog.Result | None) -> None:
            if result is not None:
                self.desk.export(result.fmt, result.path)

        dialog = ExportDialog(FORMATS, FORMAT_SUFFIXES, self.corpus_dir, len(self.anchored))
        self.app.push_screen(dialog, chosen)

    @on(AnnotationDesk.Exported)
    def _exported(self, event: AnnotationDesk.Exported) -> None:
        if event.error is not None:
            self.notify(event.error, title="Export failed", severity="error", timeout=10, markup=False)
        else:
            where = event.paths[0] if len(event.paths) == 1 else event.paths[0].parent
            self.notify(f"Exported to {where}", title="Export", markup=False)

    # ------------------------------------------------------------------ which keys work now

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_group", "previous_group"):
            return bool(self.groups) or not self.aligned
        if action == "toggle_hidden":
            return any(group.hidden for group in self.all_groups)
        if action == "variants":
            return self.focused_group is not None
        if action == "tag":
            pane = self.focused_pane
            has_target = self.focused_group is not None or (pane is not None and pane.selection is not None)
            return has_target and self.store_error is None
        if action == "undo":
            return self.can_undo and self.store_error is None
        if action == "export":
            return bool(self.anchored)
        if action == "clear_search":
            return self.search_result is not None
        if action == "focus_article":
            return len(self.corpus.documents) > 1
        return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "align":
            self.notify(str(event.worker.error), title="Error", severity="error", markup=False)
