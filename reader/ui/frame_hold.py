"""One frame for a change and the store's answer to it: screen updates held (Textual's
``App.batch_update``) from a key whose change is saved in a worker until that worker's answer has
been handled, never longer than a limit.

Apply-and-next (a number key) jumps to the next group at once and saves the tag in the
annotation desk's worker thread. Painted as they come, the jump is one frame and the tag's marks
another; and while the jump is painted, the worker waits for the interpreter after each of its
file calls (open, write, fsync, rename, stat), so the answer comes late and the second frame
later still. Held, the event loop is idle once the jump is done, the worker runs unhindered, and
the jump and the marks are painted together, in one frame. What is saved, and when, is
unchanged: the save is still started by the key, in the worker, and the keys that follow are
handled as they come (only painting waits).

A disk that is slow to answer does not freeze the screen: after :data:`HOLD_LIMIT` seconds the
screen is painted as it is, and the answer in a frame of its own, as without the hold.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.app import App
from textual.timer import Timer

HOLD_LIMIT = 0.1
"""Seconds the screen's updates wait, at most, for the answers of the changes asked for."""


class FrameHold:
    """Holds the app's screen updates while answers are awaited (see the module docstring)."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._batch: ExitStack | None = None
        self._timer: Timer | None = None
        self.awaited = 0
        """Answers awaited before the screen is painted again (0: not holding)."""

    @property
    def holding(self) -> bool:
        """True while the screen's updates are held."""
        return self._batch is not None

    def await_answer(self) -> None:
        """Hold the screen's updates until one more answer came (:meth:`answered`), or until
        :data:`HOLD_LIMIT` seconds after the hold began."""
        if self._batch is None:
            self._batch = ExitStack()
            self._batch.enter_context(self._app.batch_update())
            self._timer = self._app.set_timer(HOLD_LIMIT, self.release, name="frame hold")
        self.awaited += 1

    def answered(self) -> None:
        """An answer was handled: the screen is painted once none is awaited any more."""
        if self.awaited:
            self.awaited -= 1
            if not self.awaited:
                self.release()

    def release(self) -> None:
        """Let the screen be painted (what changed is painted at its next update)."""
        batch, timer = self._batch, self._timer
        self._batch, self._timer, self.awaited = None, None, 0
        if timer is not None:
            timer.stop()
        if batch is not None:
            batch.close()
