"""Python's full garbage collections, moved out of the reader's way.

With a corpus of 200 articles the app holds a few million objects, and a full (generation 2)
collection walks all of them: 100-300 ms, started by the interpreter whenever enough objects
survived the younger collections, that is in the middle of a key press. The
:class:`IdleCollector` raises the threshold of generation 2 while the app runs, so the interpreter
never starts one by itself (generations 0 and 1, a few milliseconds, still run as usual), and
runs the full collection itself once no key nor mouse event arrived for :data:`IDLE_SECONDS`,
when one is due, and never more than a fifth of the time. The thresholds are put back when the
app exits.

The young collections wait too while a key is handled and painted (:meth:`IdleCollector.hold`):
a jump sideways allocates tens of thousands of objects (strips, segments, the layout's maps), and
the interpreter stopped it for 20 to 40 young collections, a few milliseconds of its 30 to 50.
They run after the key's paint instead (:meth:`IdleCollector.release`), before the next key,
and never later than :data:`HOLD_LIMIT` seconds after it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 1.5
"""No input for this long and the app is idle: a full collection may run."""

SHARE = 0.2
"""At most this share of the time goes to the collections the collector runs."""

DEFERRED = 1 << 30
"""Generation 2's threshold while the collector runs: never reached."""

HOLD_LIMIT = 0.5
"""Seconds a key's hold on the young collections lasts at most (:meth:`IdleCollector.hold`)."""


class IdleCollector:
    """Defers Python's full garbage collections to the moments the app is idle.

    :meth:`start` when the app starts, :meth:`input` on every key or mouse event, :meth:`stop`
    when it exits; the app calls :meth:`tick` every :attr:`idle` seconds (a timer), and the
    collector runs a full collection when one is due and the input has been quiet that long.
    :meth:`hold` and :meth:`release` keep every collection out of a key's handling and paint.
    """

    def __init__(
        self,
        idle: float = IDLE_SECONDS,
        share: float = SHARE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle = idle
        """Seconds without input after which the app counts as idle."""
        self.share = share
        """The largest share of the time the collections may take."""
        self.collections = 0
        """Full collections run by the collector."""
        self._clock = clock
        self._thresholds: tuple[int, int, int] | None = None
        self._last_input = clock()
        self._not_before = 0.0
        self._held_since: float | None = None

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._thresholds is not None

    def start(self) -> None:
        """Stop the interpreter from starting full collections (kept: the thresholds)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            first, second, _ = self._thresholds
            gc.set_threshold(first, second, DEFERRED)
            self._last_input = self._clock()

    def stop(self) -> None:
        """Give the interpreter its thresholds back (and its collections, if a key held them)."""
        self.release()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input(self) -> None:
        """A key or a mouse event arrived: the app is not idle."""
        self._last_input = self._clock()

    @property
    def holding(self) -> bool:
        """True while a key holds the young collections (:meth:`hold`)."""
        return self._held_since is not None

    def hold(self) -> None:
        """A key is being handled: no collection starts until :meth:`release` (the app calls it
        once the key's changes are painted), or :data:`HOLD_LIMIT` seconds (:meth:`tick`).
        Nothing is held when the collector is not running or collections were off already."""
        if self._thresholds is not None and self._held_since is None and gc.isenabled():
            gc.disable()
            self._held_since = self._clock()

    def release(self) -> None:
        """Let the interpreter collect again (the collections that came due meanwhile start at
        its next allocation)."""
        if self._held_since is not None:
            self._held_since = None
            gc.enable()

    @property
    def due(self) -> bool:
        """True when the interpreter would have run a full collection by now (generation 2's
        count went past the threshold it had)."""
        return self._thresholds is not None and gc.get_count()[2] > self._thresholds[2]

    def tick(self) -> bool:
        """Run a full collection if one is due, the input has been quiet for :attr:`idle`
        seconds and the last one was long enough ago; True when one ran."""
        now = self._clock()
        if self._held_since is not None and now - self._held_since >= HOLD_LIMIT:
            self.release()
        if not self.due or now - self._last_input < self.idle or now < self._not_before:
            return False
        gc.collect()
        took = self._clock() - now
        self.collections += 1
        # Rest long enough that the collections take at most `share` of the time.
        self._not_before = now + took / self.share
        return True
