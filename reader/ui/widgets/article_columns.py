"""The row of article columns: shares its width between them, scrolls sideways when they do
not fit, and can zoom one column to the full width.

Only the columns in view (and one either side) are displayed; spacers stand in for the others so
the row keeps its width and scroll position. With 50 articles the screen then lays out a handful
of columns on each frame instead of fifty. After a jump, the columns the next one will show are
mounted and laid out out of view, beside those displayed (:meth:`ArticleColumns.premount`): that
jump scrolls the row and lays it out once or twice, not once for each step of mounting them. That
is done a step at a time, each only while no key waits (:meth:`ArticleColumns.premount_soon`), so
a key pressed meanwhile does not wait for all of it; then the columns the next jump changes are drawn
as it will show them (:meth:`ArticleColumns._ahead_steps`). A column is mounted when it first comes into that
window (those that fit the terminal are mounted with the row): with 200 articles the screen holds
the widgets of the columns read, not of all 200. A pane not mounted yet keeps what it is given
(groups, marks, the focused group, a scroll) and shows it once mounted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable

from textual import events
from textual.containers import HorizontalScroll
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.timer import Timer
from textual.widget import AwaitMount, MountError, Widget

from reader.core.models import Document, Group
from reader.ui.frame_hold import WIDGET_PENDING, paint_pending
from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.kept_rows import SharedRows

MIN_COLUMN_WIDTH = 44
"""Columns never get narrower than this; past it the row scrolls sideways."""


PREMOUNT_STEP = 1 / 60
"""Seconds a premount step that finds input waiting (or updates held or pending) waits: a frame."""


class ColumnSpacer(SharedRows, Widget):
    """Takes the width of the columns that are not displayed."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """As :attr:`Widget.virtual_size`, but a change does not ask for a layout: a spacer resized
    by the layout that follows a scroll of the row (its width is where the columns shown start)
    would otherwise have the whole screen laid out a second time, for a widget with nothing in
    it."""

    DEFAULT_CSS = """
    ColumnSpacer {
        width: 0;
        height: 1fr;
    }
    """


class ArticleColumns(SharedRows, HorizontalScroll):
    """Holds the :class:`ArticleColumn` widgets (covered by them but for its scrollbar: its
    blank lines are one strip, cut once where the columns meet, see :class:`SharedRows`)."""

    zoomed: reactive[ArticleColumn | None] = reactive(None, init=False)
    """The column shown alone at full width, or ``None`` when all are shown."""

    def __init__(self, *columns: ArticleColumn, id: str | None = None) -> None:
        self._lead = ColumnSpacer()
        self._trail = ColumnSpacer()
        self._columns = list(columns)
        self._panes = [column.pane for column in columns]
        self._index = {column.document.id: n for n, column in enumerate(columns)}
        # The columns that can fit the terminal (and one more) are mounted at once, so the first
        # frame shows them; the others when they first come into view (see _show).
        first = self._columns[: max(1, self.app.size.width // MIN_COLUMN_WIDTH + 2)]
        self._mounted = set(first)
        for column in self._columns[len(first) :]:
            column.display = False
        super().__init__(self._lead, *first, self._trail, id=id)
        self._share = MIN_COLUMN_WIDTH
        self._window: tuple[int, int, ArticleColumn | None] | None = None
        self._premount_timer: Timer | None = None
        self._premounts = 0
        """Premounts asked for (:meth:`premount_soon`): a step of an older one is not done."""
        self._ahead: set[int] = set()
        """The columns displayed ahead of time, out of view beside those in view (see
        :meth:`premount`)."""

    @property
    def columns(self) -> list[ArticleColumn]:
        """The columns, in corpus order (mounted or not)."""
        return list(self._columns)

    @property
    def panes(self) -> list[ArticlePane]:
        """The article panes, in corpus order (mounted or not)."""
        return self._panes

    def pane_of(self, doc_id: str) -> ArticlePane | None:
        """The pane showing article ``doc_id``."""
        index = self._index.get(doc_id)
        return None if index is None else self._panes[index]

    def focus_pane(self, pane: ArticlePane) -> None:
        """Focus ``pane``, displaying and scrolling to its column first."""
        self.reveal(pane.document, centre=not pane.has_focus)
        # Not scrolled into view by Textual as well: asked before the row is laid out again, it
        # would find the column out of view and animate the row to centre it, a layout a frame.
        pane.focus(scroll_visible=False)

    def show_span(self, doc_id: str, start: int, end: int) -> None:
        """Focus the pane of ``doc_id``, bring ``[start, end)`` into view and put the cursor at
        its start (nothing is selected)."""
        pane = self.pane_of(doc_id)
        if pane is not None:
            self.focus_pane(pane)
            pane.show_span(start, end)

    def in_view(self, doc_id: str) -> bool:
        """Whether the column of article ``doc_id`` is wholly in view."""
        pane = self.pane_of(doc_id)
        if pane is None:
            return False
        if self.zoomed is not None:
            return self.zoomed.document is pane.document
        left = self._index[doc_id] * self._share
        return self.scroll_x <= left and left + self._share <= self.scroll_x + self._viewport_width

    def bring_into_view(self, doc_ids: Iterable[str], focused: ArticlePane | None) -> ArticlePane | None:
        """When no article of ``doc_ids`` has its column in view, scroll the row to the first
        one's column and, if ``focused`` (the pane with focus; ``None`` when another widget, a
        list or a panel, has it: it keeps it) went out of view with that, focus its pane
        (returned)."""
        doc_ids = [doc for doc in doc_ids if self.pane_of(doc) is not None]
        if not doc_ids or any(self.in_view(doc) for doc in doc_ids):
            return None
        first = self._panes[min(self._index[doc] for doc in doc_ids)]
        moves = self._focus_moves(first, focused)
        self.reveal(first.document, centre=moves)
        if moves:
            first.focus(scroll_visible=False)
            return first
        return None

    def _focus_moves(self, first: ArticlePane, focused: ArticlePane | None) -> bool:
        """Whether :meth:`bring_into_view` moves the focus to ``first``: ``focused`` would be
        out of view once the row shows ``first``'s column."""
        if focused is None:
            return False
        x = self._reveal_x(self._index[first.document.id])
        left = self._index[focused.document.id] * self._share
        return not (x <= left and left + self._share <= x + self._viewport_width)

    def column_of(self, document: Document) -> ArticleColumn | None:
        """The column showing ``document``."""
        index = self._index.get(document.id)
        return None if index is None or self._columns[index].document is not document else self._columns[index]

    def zoom(self, document: Document | None) -> None:
        """Show the column of ``document`` alone at full width (``None``: show them all)."""
        self.zoomed = None if document is None else self.column_of(document)

    def on_resize(self, event: events.Resize) -> None:
        self.share_width()

    def watch_zoomed(self, old: ArticleColumn | None, zoomed: ArticleColumn | None) -> None:
        self.set_class(zoomed is not None, "-zoomed")
        for column in (old, zoomed):
            if column is not None:
                column.set_class(column is zoomed, "-zoom-target")
        self.share_width()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._update_window()

    @property
    def _viewport_width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def share_width(self) -> None:
        """Give each column its share of the width (or all of it to the zoomed one)."""
        columns = self._columns
        width = self._viewport_width
        if not columns or width <= 0:
            return
        if self.zoomed is not None:
            self.zoomed.styles.width = width
            self.scroll_to(x=0, animate=False, immediate=True)
            self._update_window()
            return
        share = max(MIN_COLUMN_WIDTH, width // len(columns))
        self._share = share
        for index, column in enumerate(columns):
            # The last column takes the remainder so the row fills the width exactly.
            extra = width - share * len(columns) if share * len(columns) < width and index == len(columns) - 1 else 0
            column.styles.width = share + extra
        self._window = None
        self._update_window()

    def _update_window(self) -> None:
        columns = self._columns
        if not columns:
            return
        if self.zoomed is not None:
            window = (0, -1, self.zoomed)
            if window != self._window:
                self._window = window
                self._lead.styles.width = self._trail.styles.width = 0
                self._show_only(lambda index: columns[index] is self.zoomed)
            return
        share = self._share
        first, last = self._window_at(self.scroll_x)
        window = (first, last, None)
        if window == self._window:
            return
        self._window = window
        self._ahead = set()  # (those the row scrolled to are in the window now)
        self._place(first, last)
        self._show_only(lambda index: first <= index <= last)

    def _place(self, first: int, last: int) -> None:
        """Size the spacers so that columns ``first`` to ``last`` sit where they belong, with
        the columns displayed ahead of time (:meth:`premount`) beside them."""
        before = sum(1 for index in self._ahead if index < first)
        after = len(self._ahead) - before
        self._lead.styles.width = (first - before) * self._share
        self._trail.styles.width = (len(self._columns) - 1 - last - after) * self._share

    def _window_at(self, x: float) -> tuple[int, int]:
        """The first and last columns displayed when the row is scrolled to ``x``: those in view
        and one either side."""
        share = self._share
        first = max(0, int(x // share) - 1)
        last = min(len(self._columns) - 1, int((x + self._viewport_width) // share) + 1)
        return first, last

    def _show_only(self, shown: Callable[[int], bool]) -> None:
        """Display the columns whose index is ``shown``, hide the others; those displayed for
        the first time are mounted, together (one layout for them all)."""
        new: dict[Widget, list[ArticleColumn]] = {}
        for index, column in enumerate(self._columns):
            if not shown(index):
                if column.display:
                    column.display = False
                    column.pane.park(True)
            else:
                self._display(index, new)
        self._mount(new)

    def _display(self, index: int, new: dict[Widget, list[ArticleColumn]]) -> None:
        """Display column ``index``: mounted already, it is shown again; otherwise it joins
        ``new``, the runs of columns :meth:`_mount` mounts before their widget."""
        column = self._columns[index]
        if column not in self._mounted:
            new.setdefault(self._next_mounted(index), []).append(column)
        elif not column.display:
            column.display = True
            column.pane.park(False)

    def _mount(self, new: dict[Widget, list[ArticleColumn]], *, display: bool = True) -> list[AwaitMount]:
        """Mount each run of new columns before its widget (displayed, or hidden with their
        panes parked), their text wrapped at the size of the panes beside them
        (:meth:`ArticlePane.prepare`)."""
        viewport = self._pane_viewport()
        mounts = []
        for before, run in new.items():
            self._mounted.update(run)
            for column in run:
                column.display = display
                if not display:
                    column.pane.park(True)
                if viewport is not None and column.styles.width == viewport[0]:
                    column.pane.prepare(viewport[1])
            mounts.append(self.mount(*run, before=before))
        return mounts

    def _pane_viewport(self) -> tuple[Scalar | None, Size] | None:
        """The width of a displayed column whose pane was laid out, and that pane's text area
        (a column of the same width gets a text area of the same size)."""
        for column in self._mounted:
            if column.display and column.pane.is_mounted and column.pane.viewport.width:
                return column.styles.width, column.pane.viewport
        return None

    def premount_soon(self, doc_ids: Iterable[str], focused: ArticlePane | None, *, group: Group | None = None) -> None:
        """:meth:`premount` ``doc_ids`` a step at a time from the jump's paint on: each column to
        mount, then displaying them all (one layout), each step once the screen has painted the
        one before (``call_after_refresh``), so they are ready a few frames after the jump, before
        the reader's next key. A step starts only while no input waits, the updates are not held
        and no paint is pending (:meth:`_input_waiting`), else it looks again a frame later
        (:data:`PREMOUNT_STEP`): a key pressed meanwhile waits for one step at most, and its jump
        is not painted with them. Asked again (the next jump), the steps left are dropped. With
        ``group`` (the next jump's), each column is then drawn ahead, a step each
        (:meth:`_ahead_steps`): the jump finds their lines drawn."""
        if self._premount_timer is not None:
            self._premount_timer.stop()
        self._premounts += 1
        asked = self._premounts
        doc_ids = tuple(doc_ids)
        steps: AsyncIterator[None] | None = None

        async def step() -> None:
            nonlocal steps
            self._premount_timer = None
            if asked != self._premounts:
                if steps is not None:
                    await steps.aclose()
                return
            if not self.screen.is_active:
                return  # another screen is on top (help, a dialog): no premount behind it
            if self._input_waiting():
                self._premount_timer = self.set_timer(PREMOUNT_STEP, step)
                return
            if steps is None:
                steps = self._ahead_steps(doc_ids, focused if focused is not None and focused.has_focus else None, group)
            try:
                await anext(steps)
            except StopAsyncIteration:
                return
            except MountError:  # a column it mounts beside was removed meanwhile: premounting is only ahead of time
                return
            if asked == self._premounts:
                self.call_after_refresh(step)

        self.call_after_refresh(step)

    def _input_waiting(self) -> bool:
        """Whether a message waits for the app, the screen or the focused widget (a key the
        terminal sent is one), or the screen or the row has a frame to lay out, scroll or paint:
        a step of a premount then waits, so it is not done in front of them."""
        screen = self.screen
        focused = screen.focused
        return bool(
            self.app.message_queue_size or screen.message_queue_size
            or (focused is not None and focused.message_queue_size)
            # (the frame hold of a number key waiting for the store's answer is one)
            or paint_pending(screen)
            or any(getattr(self, flag, False) for flag in WIDGET_PENDING)  # (its window not final yet)
        )

    async def premount(self, doc_ids: Iterable[str], focused: ArticlePane | None) -> None:
        """Mount and lay out ahead of time, out of view, the columns :meth:`bring_into_view`
        would show for ``doc_ids``: when the row then scrolls to them (the next jump), they are
        laid out already, at their size, and the row is laid out once or twice, not again for
        each step of mounting them (all the steps at once: :meth:`premount_soon` spaces them).

        They are displayed beside the columns in view (after them, or before them when they come
        earlier in the row), where the spacers leave room, until the row next scrolls. Those not
        mounted yet are mounted hidden first and displayed with the others once mounted: the
        spacers change in the layout that places the columns they make room for (before, a
        layout of its own moved the spacers, and each one repaints every pane's scrollbar)."""
        async for _ in self._premount_steps(doc_ids, focused):
            pass

    async def _ahead_steps(self, doc_ids: Iterable[str], focused: ArticlePane | None, group: Group | None) -> AsyncIterator[None]:
        """:meth:`_premount_steps`; then, with ``group``, the columns the jump to ``group`` will
        change are drawn as it will show them, once laid out, a column a step (those it brings
        into view first, then those displayed whose pane it scrolls: :meth:`ArticleColumn.draw_ahead`);
        it stops if the row scrolled or zoomed."""
        premount = self._premount_steps(doc_ids, focused)
        try:
            async for _ in premount:
                yield
        finally:
            await premount.aclose()  # (this one closed as a newer jump replaced it: that one too)
        if group is None:
            return
        window = self._window
        shown = [c for c in self._columns if c.display and c in self._mounted]
        ahead = [self._columns[index] for index in sorted(self._ahead)]
        for column in ahead + [c for c in shown if c not in ahead and c.pane.page.first_span(group) is not None]:
            yield  # (the layout that places the columns displayed ahead comes first)
            if self.zoomed is not None or self._window != window or not column.display:
                return
            column.draw_ahead(group)

    async def _premount_steps(self, doc_ids: Iterable[str], focused: ArticlePane | None) -> AsyncIterator[None]:
        """:meth:`premount`, yielding after each column it mounts; it stops if the row scrolled
        or zoomed meanwhile (the columns mounted stay mounted, hidden, until in view)."""
        doc_ids = [doc for doc in doc_ids if doc in self._index]
        if self.zoomed is not None or self._window is None or not doc_ids or any(self.in_view(doc) for doc in doc_ids):
            return
        first_pane = self._panes[min(self._index[doc] for doc in doc_ids)]
        x = self._scroll_x_for(self._index[first_pane.document.id], self._focus_moves(first_pane, focused))
        first, last = self._window_at(x)
        window = self._window
        shown_first, shown_last, _ = window
        ahead = {index for index in range(first, last + 1) if not shown_first <= index <= shown_last}
        for index in sorted(ahead):
            if self._columns[index] not in self._mounted:
                for mounting in self._mount({self._next_mounted(index): [self._columns[index]]}, display=False):
                    await mounting
                yield
                if self.zoomed is not None or self._window != window:
                    return
        # Columns displayed ahead by an earlier premount, not wanted now, are hidden again.
        for index in self._ahead - ahead:
            self._columns[index].display = False
            self._columns[index].pane.park(True)
        self._ahead = ahead
        self._place(shown_first, shown_last)
        for index in sorted(ahead):
            self._display(index, {})  # (all mounted now)

    def _next_mounted(self, index: int) -> Widget:
        """The first mounted column after column ``index`` (the trailing spacer if none): new
        columns go before it, so the row keeps the corpus order."""
        return next((later for later in self._columns[index + 1 :] if later in self._mounted), self._trail)

    def reveal(self, document: Document, *, centre: bool = False) -> None:
        """Display the column of ``document`` and scroll the row so all of it is in view; with
        ``centre``, a row that has to scroll puts the column in its middle (as Textual does
        with a widget it focuses out of view)."""
        column = self.column_of(document)
        if self.zoomed is not None or column is None:
            return
        x = self._scroll_x_for(self._index[document.id], centre)
        if x != self.scroll_x:
            self.scroll_to(x=x, animate=False, immediate=True)
        self._update_window()

    def _scroll_x_for(self, index: int, centre: bool) -> float:
        """Where :meth:`reveal` scrolls the row for column ``index``."""
        x = self._reveal_x(index)
        if not centre or x == self.scroll_x:
            return x
        # Textual's scroll_to_center, done at once: the middle of the pane (the column but its
        # border and minimap) to the middle of the row, kept in range.
        width = self._viewport_width
        middle = index * self._share + (self._share - 2) / 2
        x += int(middle - (x + width / 2) + 0.5)
        return max(0, min(x, self._share * len(self._columns) - width))

    def _reveal_x(self, index: int) -> float:
        """Where to scroll the row so that all of column ``index`` is in view, scrolling least."""
        left, right = index * self._share, (index + 1) * self._share
        x = self.scroll_x
        if left < x:
            return left
        if right > x + self._viewport_width:
            return right - self._viewport_width
        return x
