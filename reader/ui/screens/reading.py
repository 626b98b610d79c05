"""The reading room: every article in a column, shared passages highlighted, a match list, the
annotations panel, the status line.

The screen routes: the actions of :mod:`reader.ui.actions` (its keys, Footer and palette entries
are generated from there) and the messages of its widgets come here and go on to the widgets
that do the work. Slow work never runs here: the alignment runs in the thread worker of the
hidden :class:`~reader.ui.widgets.aligner.Aligner`, store calls and exports in those of the
hidden :class:`~reader.ui.widgets.annotation_desk.AnnotationDesk`, the search in the search
dialog's.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widget import Widget

from reader.core.models import Corpus, Group
from reader.core.overview import reading_order
from reader.ui.actions import ACTIONS, READING
from reader.ui.passages import Passages, follow_focus
from reader.ui.screens.annotating import Annotating
from reader.ui.widgets.aligner import AlignFunction, Aligner
from reader.ui.widgets.annotation_desk import AnnotationDesk
from reader.ui.widgets.annotations_dock import AnnotationsDock
from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.figures_dock import FiguresDock
from reader.ui.widgets.footer import ParallaxFooter
from reader.ui.widgets.highlight_palette import HighlightPalette
from reader.ui.widgets.kept_rows import SharedRows
from reader.ui.widgets.match_list import MatchList
from reader.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from reader.core.annotate import Anchored
    from reader.core.annotate.tagset import TagSet
    from reader.core.annotate.verdicts import Verdict
    from reader.ui.app import ParallaxApp
    from reader.ui.dialogs.search import SearchScreen

# The dialogs, the exporter, the store modules and the annotations panel are imported when first
# used: the first screen needs none of them (see benchmarks/startup.py).


class ReadingScreen(SharedRows, Annotating, Screen[None]):
    """The articles side by side, and everything done with them (the annotation actions and
    messages are routed by :class:`~reader.ui.screens.annotating.Annotating`)."""

    BINDINGS = ACTIONS.bindings(READING)

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """:attr:`Screen.focused`, minus its whole-screen repaint: the widgets the focus changes
    are redrawn by Textual's focus handling (a jump's focus move would paint a frame more)."""

    group_index: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Position of the focused group in :attr:`groups`, or ``None`` before the first jump."""
    show_matches: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the match list is shown."""
    show_annotations: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the annotations panel is shown."""
    show_figures: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the figures panel is shown."""
    show_voices: reactive[bool] = reactive(False, init=False, repaint=False)
    """True when the voices panel is shown."""

    def __init__(self, align: AlignFunction | None = None) -> None:
        super().__init__()
        self._first_frame = threading.Event()
        """Set once the first screen is painted: the workers start then, so they do not compete
        with it for the interpreter."""
        # The workspace (corpus, its folder, the store) is read here only.
        workspace = cast("ParallaxApp", self.app).workspace
        self.documents = dict(workspace.documents)
        """The articles by id, in corpus order."""
        self.export_dir = workspace.corpus_dir
        """Where exports go by default (the corpus folder)."""
        self._issues = workspace.corpus.issues
        self.desk = AnnotationDesk(workspace, self._first_frame)
        """Runs the store calls and exports."""
        articles = tuple(self.documents.values())
        self.aligner = Aligner(articles, align, self._first_frame)
        """Runs the alignment."""
        columns = (ArticleColumn(document, id=f"column-{n}") for n, document in enumerate(articles))
        self.columns = ArticleColumns(*columns, id="columns")
        """The row of article columns."""
        self.match_list = MatchList(id="matches")
        """The list of groups (hidden until shown)."""
        self.dock = AnnotationsDock(self.desk, self.documents)
        """The annotations panel (mounted when first shown), the desk and their dialogs."""
        self.figures_dock = FiguresDock(self.documents, self._first_frame, id="figures-dock")
        """The figures and voices panels (mounted when first shown) and their extractor."""
        self.status_line = StatusLine(len(articles), id="status-bar")
        """Where the reader is and what is running."""
        self.aligned = False
        """True once the alignment finished or failed."""
        self.passages = Passages()
        """Every group of the alignment, the verdicts on them, whether hidden ones are shown."""
        self.groups: tuple[Group, ...] = ()
        """The groups shown (highlighted, navigated), in reading order."""
        self.anchored: tuple[Anchored, ...] = ()
        """Every annotation, placed in the texts."""
        self.verdicts: tuple[Verdict, ...] = ()
        """Every verdict on a group, as stored."""
        self.tagset: TagSet | None = None
        """The tag set (the keys 1-9 apply its tags), once the store was read."""
        self.advance = True
        """Whether a number key goes on to the next passage after tagging."""
        self.can_undo = False
        """The session has a change to undo."""
        self.can_redo = False
        """The session has an undone change to make again."""
        self.store_error: str | None = None
        """Why the store cannot be used, if it cannot."""
        self.search_result: SearchScreen.Result | None = None
        """The last search jumped from."""
        self.picked: Group | None = None
        """A figure or quotation picked in its panel (the focused passage until the next jump)."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield HighlightPalette()
        yield self.aligner
        with Horizontal(id="body"):
            yield self.columns
            yield self.match_list
        yield self.figures_dock
        yield self.dock
        yield self.status_line
        yield ParallaxFooter()

    def on_mount(self) -> None:
        if self.panes:
            self.panes[0].focus()
        for issue in self._issues:
            self.notify(issue.line(), title="Corpus", severity="warning", timeout=12, markup=False)
        self.aligner.start()
        self.desk.load()
        self.call_after_refresh(self._first_frame.set)

    @property
    def panes(self) -> list[ArticlePane]:
        """The article panes, in corpus order."""
        return self.columns.panes

    _last_pane: ArticlePane | None = None

    @property
    def focused_pane(self) -> ArticlePane | None:
        """The pane with focus, or the one that had it last."""
        return self.focused if isinstance(self.focused, ArticlePane) else self._last_pane

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selection in the focused pane, if any."""
        pane = self.focused_pane
        return pane.selection if pane is not None else None

    @property
    def focused_group(self) -> Group | None:
        """The passage the reader went to last: a figure or quotation picked in its panel, else
        the group jumped to."""
        if self.picked is not None:
            return self.picked
        if self.group_index is None or not self.groups:
            return None
        return self.groups[self.group_index]

    # ------------------------------------------------------------------ which keys work now

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(READING, self, action, parameters)

    _offered: tuple[bool, ...] = ()

    def sync_bindings(self) -> None:
        """Refresh the Footer only when the set of keys that work changed (a Footer refresh
        rebuilds it, which a jump must not pay for)."""
        offered = ACTIONS.availability(READING, self)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    @on(ArticlePane.SelectionChanged)
    def _selection_changed(self) -> None:
        self._show_selection()
        self.sync_bindings()

    def _show_selection(self) -> None:
        """Say on the status line whether the focused article has a selection, being made or
        ended, and how long it is."""
        pane, selection = self.focused_pane, self.selection
        shown = None if pane is None or selection is None else (pane.selecting, selection[1] - selection[0])
        if shown != self.status_line.status.selection:
            self.status_line.set(selection=shown)

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, ArticlePane):
            if self.columns.zoomed is not None and self.focused is not self._last_pane:
                self.columns.zoom(self.focused.document)  # zoomed, the focused article is shown
            self._last_pane = self.focused
            self._show_selection()
        self.sync_bindings()

    # ------------------------------------------------------------------ alignment

    @on(Aligner.Progressed)
    def _alignment_progressed(self, event: Aligner.Progressed) -> None:
        self.status_line.set(progress=event.fraction)

    @on(Aligner.Noticed)
    def _alignment_noticed(self, event: Aligner.Noticed) -> None:
        self.notify(event.line, title="Alignment", severity="warning", markup=False)

    @on(Aligner.Finished)
    def _alignment_finished(self, event: Aligner.Finished) -> None:
        groups = reading_order(event.groups, tuple(self.documents.values()))
        self.passages = replace(self.passages, all=groups)
        if self.verdicts:
            self.passages = self.passages.with_verdicts(self.verdicts, self.documents)
        self._show_groups()
        self._alignment_done()
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None:
            self.jump(jump)

    @on(Aligner.Failed)
    def _alignment_failed(self, event: Aligner.Failed) -> None:
        self._pending_jump = None
        self._alignment_done()
        self.notify(f"Alignment failed: {event.error}", title="No highlights", severity="error", markup=False)

    def _alignment_done(self) -> None:
        self.aligned = True
        self.figures_dock.start(self.passages.all)
        self.status_line.set(progress=None, groups=len(self.groups))
        self.sync_bindings()

    def _show_groups(self) -> None:
        """Give the panes, the match list and the status line the groups shown now (hidden ones
        left out unless asked for); the focus stays on its group, or goes to the next one shown."""
        old, index = self.groups, self.group_index
        self.groups = self.passages.shown
        for pane in self.panes:
            pane.set_groups(self.groups)
        self.match_list.set_groups(self.groups, self.documents)
        new = follow_focus(old, index, self.groups)
        if new != index:
            self.group_index = new
        else:
            self.watch_group_index(new)
        passages = self.passages
        self.status_line.set(groups=len(self.groups), hidden=len(passages.hidden), show_hidden=passages.show_hidden)
        orphans = {v.id for v in passages.orphans}
        self.call_next(self.dock.show_verdicts, [(v, v.id not in orphans) for v in self.verdicts])
        self.sync_bindings()

    def action_toggle_hidden(self) -> None:
        """Show or hide the hidden groups (verdicts; groups the engine hides)."""
        self.passages = replace(self.passages, show_hidden=not self.passages.show_hidden)
        self._show_groups()

    # ------------------------------------------------------------------ moving between groups

    def watch_group_index(self, new: int | None) -> None:
        self.picked = None
        group = self.focused_group
        focused = self.focused_pane
        if group is not None:  # a pane without focus (a list has it) is not given it
            pane = focused if self.focused is focused else None
            focused = self.columns.bring_into_view(group.doc_ids, pane) or focused
        for pane in self._marking(group):
            pane.set_focus_group(group)
            if group is not None:
                pane.show_group(group, move_cursor=pane is focused)
        self.match_list.show_index(new)
        self.status_line.set(focused=None if group is None or new is None else (new, group))
        self.sync_bindings()
        if self.groups and new is not None:  # the next jump's columns, while the reader reads
            self.columns.premount_soon((after := self.groups[(new + 1) % len(self.groups)]).doc_ids, focused, group=after)

    _marked: tuple[ArticlePane, ...] = ()

    def _marking(self, group: Group | None) -> tuple[ArticlePane, ...]:
        """The panes whose focused-group marks change for ``group``: those of its articles and
        those that marked the last one (a jump costs the same with 5 articles or 200)."""
        now = () if group is None else tuple(p for p in map(self.columns.pane_of, group.doc_ids) if p is not None)
        old, self._marked = self._marked, now
        return tuple(dict.fromkeys((*old, *now)))

    _pending_jump: int | None = None
    """A jump asked for while aligning, made when the groups arrive."""

    def jump(self, step: int) -> None:
        """Jump ``step`` groups on (back when negative; the first jump lands on the first or the
        last group). While aligning, the jump is made as soon as the groups are there."""
        if not self.aligned:
            self._pending_jump = step
        elif self.groups:
            here = self.group_index if self.group_index is not None else (-1 if step > 0 else 0)
            self._go_to_group((here + step) % len(self.groups))

    def _go_to_group(self, index: int) -> None:
        """Focus group ``index`` (again, when a picked figure or quotation had the focus)."""
        if self.picked is not None and self.group_index == index:
            self.watch_group_index(index)
        self.group_index = index

    def action_next_group(self) -> None:
        """Jump to the next group."""
        self.jump(1)

    def action_previous_group(self) -> None:
        """Jump to the previous group."""
        self.jump(-1)

    @on(MatchList.GroupChosen)
    def _group_chosen(self, event: MatchList.GroupChosen) -> None:
        self._go_to_group(event.index)

    @on(FiguresDock.PassagePicked)
    def _passage_picked(self, event: FiguresDock.PassagePicked) -> None:
        """A figure or a quotation picked in its panel: every article scrolls to its spans, which
        are marked as the focused passage (``t`` tags them, ``c`` compares them)."""
        self.picked = group = event.group
        focused = self.focused_pane
        for pane in self._marking(group):
            pane.set_focus_group(group)
            pane.show_group(group, move_cursor=pane is focused)
        self.sync_bindings()

    @on(FiguresDock.TagAsked)
    def _tag_asked(self, event: FiguresDock.TagAsked) -> None:
        from reader.ui.dialogs.tag import group_target

        if self.store_error is None:
            group = event.group
            self.dock.tag([(s.doc, s.start, s.end) for s in group.spans], group.id, group_target(group, self.documents), lambda: None)

    def action_focus_article(self, delta: int) -> None:
        """Focus the next or previous article pane."""
        panes = self.panes
        current = self.focused_pane
        index = panes.index(current) if current in panes else 0
        self.columns.focus_pane(panes[(index + delta) % len(panes)])

    # ------------------------------------------------------------------ views

    def action_zoom(self) -> None:
        """Show only the focused article, at full width; again: all of them."""
        pane = self.focused_pane
        if self.columns.zoomed is not None:
            self.columns.zoom(None)
            if pane is not None:
                self.call_after_refresh(self.columns.focus_pane, pane)
        elif pane is not None:
            self.columns.zoom(pane.document)

    def action_toggle_matches(self) -> None:
        """Show or hide the match list."""
        self.show_matches = not self.show_matches

    def watch_show_matches(self, show: bool) -> None:
        self.match_list.show_index(self.group_index)
        self._show_beside(self.match_list, show)

    def _show_beside(self, widget: Widget, show: bool, focus: Widget | None = None) -> None:
        """Show and focus ``widget`` (a list beside the articles; ``focus``: the part of it to
        focus), or hide it and give the focus back to the article that had it."""
        widget.display = show
        if show:
            (focus or widget).focus()
        elif self._last_pane is not None:
            self.columns.focus_pane(self._last_pane)

    async def action_toggle_annotations(self) -> None:
        """Show or hide the annotations panel."""
        await self.dock.panel()
        self.show_annotations = not self.show_annotations

    async def watch_show_annotations(self, show: bool) -> None:
        self._show_beside(await self.dock.panel(), show)

    async def action_toggle_figures(self) -> None:
        """Show or hide the figures panel (reading the figures first if the alignment is not
        done yet)."""
        await self.figures_dock.panel("figures")
        self.figures_dock.start(self.passages.all)
        self.show_figures = not self.show_figures

    async def watch_show_figures(self, show: bool) -> None:
        panel = await self.figures_dock.panel("figures")
        self._show_beside(panel, show, panel.table)

    async def action_toggle_voices(self) -> None:
        """Show or hide the voices panel."""
        await self.figures_dock.panel("voices")
        self.figures_dock.start(self.passages.all)
        self.show_voices = not self.show_voices

    async def watch_show_voices(self, show: bool) -> None:
        panel = await self.figures_dock.panel("voices")
        self._show_beside(panel, show, panel.tree)

    def action_variants(self) -> None:
        """Open the variants view of the focused group."""
        from reader.ui.dialogs.variants import VariantsScreen

        if (group := self.focused_group) is not None:
            self.app.push_screen(VariantsScreen(group, self.documents))

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        """Open the search dialog; the cursor goes to the start of the chosen hit, every hit is
        marked."""
        from reader.ui.dialogs.search import SearchScreen

        query = self.search_result.query if self.search_result else ""
        self.app.push_screen(SearchScreen(tuple(self.documents.values()), query), self._searched)

    def _searched(self, result: SearchScreen.Result | None) -> None:
        if result is not None:
            self.show_search(result)

    def show_search(self, result: SearchScreen.Result | None) -> None:
        """Mark every hit of ``result`` in its pane, the cursor at the start of the chosen one
        (``None``: clear the search marks)."""
        self.search_result = result
        hits = result.hits if result is not None else ()
        for pane in self.panes:
            pane.set_search_spans((hit.start, hit.end) for hit in hits if hit.doc == pane.document.id)
        if result is not None:  # the cursor at the hit's start; nothing selected
            self.columns.show_span(result.chosen.doc, result.chosen.start, result.chosen.end)
        search = (result.query, len(hits), len({hit.doc for hit in hits})) if result is not None else None
        self.status_line.set(search=search)
        self.sync_bindings()

    def action_clear_search(self) -> None:
        """Remove the search marks."""
        self.show_search(None)
