"""One frame for a change and the store's answer to it: screen updates held (Textual's
``App.batch_update``) from a key whose change is saved in a worker until that worker's answer has
been handled and every repaint it asked for has reached the screen, never longer than a limit.

Apply-and-next (a number key) jumps to the next group at once and saves the tag in the
annotation desk's worker thread. Painted as they come, the jump is one frame and the tag's marks
another; and while the jump is painted, the worker waits for the interpreter after each of its
file calls (open, write, fsync, rename, stat), so the answer comes late and the second frame
later still. Held, the event loop is idle once the jump is done, the worker runs unhindered, and
the jump and the marks are painted together, in one frame. What is saved, and when, is
unchanged: the save is still started by the key, in the worker, and the keys that follow are
handled as they come (only painting waits).

**When the hold ends.** Not in the answer's handler: the widgets it changed (the panes' marks,
the status line) ask the screen for their repaint from their own message loops, after the
handler, and a screen update timer that is due paints at once, before those requests are in:
the jump is painted, and the marks in a second frame. So the answer only says the hold may end
(:meth:`FrameHold.answered`); it ends at the screen's next idle moment (:meth:`FrameHold.idle`)
at which no widget in view still has a repaint, a layout or a scroll to ask for (those that do
are prompted to ask). A widget busy elsewhere delays it, never beyond the limit.

Only the answers of the calls that asked for the hold count (the desk's messages say so): an
undo's answer, or the store's first reading, arriving while a number key's save is on its way
does not end the hold early.

A disk that is slow to answer does not freeze the screen: after :data:`HOLD_LIMIT` seconds the
screen is painted as it is, and the answer in a frame of its own, as without the hold.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

HOLD_LIMIT = 0.1
"""Seconds the screen's updates wait, at most, for the answers of the changes asked for."""

WIDGET_PENDING = ("_repaint_required", "_layout_required", "_scroll_required")
"""A widget's flags (Textual's, private) that say it has a repaint, a layout or a scroll still to
ask the screen for (it does at its next idle moment). The screen's own flags of the same names
say what it will do at its next update, once the hold ends."""

SCREEN_PENDING = ("_layout_required", "_scroll_required", "_dirty_widgets", "_repaint_required")
"""The screen's flags (Textual's, private) that say a layout, a scroll or a paint is pending."""


def paint_pending(screen: Screen[object]) -> bool:
    """Whether the screen has a frame still to come: the app's updates held (``App.batch_update``,
    e.g. a :class:`FrameHold` waiting for the store's answer), or a layout, a scroll or a paint
    pending (:data:`SCREEN_PENDING`; tests/ui/test_premount.py checks the flags exist, so an
    upgrade of Textual that renames one fails there)."""
    return bool(screen.app._batch_count or any(getattr(screen, flag, False) for flag in SCREEN_PENDING))


class FrameHold:
    """Holds the app's screen updates while answers are awaited (see the module docstring)."""

    def __init__(self, screen: Screen[object]) -> None:
        self._screen = screen
        self._batch: ExitStack | None = None
        self._timer: Timer | None = None
        self._hold = 0
        """The number of the current (or last) hold: an answer to an earlier one is not awaited."""
        self.awaited = 0
        """Answers awaited before the screen is painted again (0: not holding, or every answer
        came and the hold ends at the screen's next idle moment with nothing left to ask for)."""

    @property
    def holding(self) -> bool:
        """True while the screen's updates are held."""
        return self._batch is not None

    def await_answer(self) -> int:
        """Hold the screen's updates until one more answer came (:meth:`answered`) and what it
        changed asked to be repainted (:meth:`idle`), or until :data:`HOLD_LIMIT` seconds after
        the hold began. Returns the hold's number, which the answer gives back."""
        if self._batch is None:
            self._hold += 1
            app = self._screen.app
            self._batch = ExitStack()
            self._batch.enter_context(app.batch_update())
            self._timer = app.set_timer(HOLD_LIMIT, self.release, name="frame hold")
        self.awaited += 1
        return self._hold

    def answered(self, hold: int) -> None:
        """The answer awaited by hold number ``hold`` was handled: once none is awaited any
        more, the hold ends at the screen's next idle moment that finds nothing left to ask for
        (:meth:`idle`). The late answer of a hold that ended at its time limit is not one the
        current hold awaits."""
        if hold == self._hold and self._batch is not None and self.awaited:
            self.awaited -= 1

    def idle(self) -> None:
        """The screen is idle (called before Textual's own idle handler, which starts the
        paint): end the hold if every answer came and no widget in view has a repaint, a layout
        or a scroll still to ask for."""
        if self._batch is None or self.awaited:
            return
        pending = self.pending()
        if not pending:
            self._end()  # (Textual's idle handler, next, starts the paint)
        for widget in pending:
            # Asks at its next idle moment: prompted, in case none is coming (a widget asked for
            # a repaint before its message loop ran has nothing to wake it).
            widget.check_idle()

    def pending(self) -> list[Widget]:
        """The widgets in view with a repaint, a layout or a scroll still to ask for. (Only those
        in view: one out of view is not painted, and one that a layout brings into view is drawn
        whole by that layout. The compositor keeps them from layout to layout: a few dozen widgets
        to look at, not every widget of the screen, hundreds with the columns mounted ahead.)"""
        screen = self._screen
        return [
            widget for widget in screen._compositor.visible_widgets
            if widget is not screen and any(getattr(widget, flag) for flag in WIDGET_PENDING)
        ]

    def release(self) -> None:
        """Let the screen be painted (what changed is painted at its next update)."""
        if self._end():
            self._screen.check_idle()  # its idle handler starts the paint

    def _end(self) -> bool:
        """End the hold; True if there was one."""
        batch, timer = self._batch, self._timer
        self._batch, self._timer, self.awaited = None, None, 0
        if timer is not None:
            timer.stop()
        if batch is not None:
            batch.close()
        return batch is not None
