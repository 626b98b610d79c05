"""The reading room's extractor: finds the figures and the voices in a thread worker, off the
event loop, after the first frame (like :class:`~reader.ui.widgets.aligner.Aligner`).

A hidden widget. :meth:`Extractor.start` (once the alignment is done, or when a panel is first
opened) runs :func:`reader.core.figures.find_figures` then
:func:`reader.core.voices.find_voices` and answers with messages that bubble to the screen:
:class:`Extractor.Progressed` (coalesced), :class:`Extractor.Finished` with both results, or
:class:`Extractor.Failed` with one line saying why. It touches no other widget.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from reader.core.models import Document, Group

READY_WAIT = 2.0
"""Seconds the worker waits for the screen's first frame before starting anyway."""


class Cancelled(Exception):
    """The worker was cancelled (the screen closed): stop quietly."""


class Extractor(Widget):
    """Runs the figures and voices stages off the event loop; reports with messages."""

    DEFAULT_CSS = """
    Extractor {
        display: none;
    }
    """

    @dataclass
    class Progressed(Message):
        """The extraction got further."""

        fraction: float
        """Done so far, 0 to 1."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Extractor.Progressed)

    @dataclass
    class Finished(Message):
        """The figure groups and the speakers of the corpus (core values, as the CLI prints)."""

        figures: tuple
        """:class:`reader.core.figures.FigureGroup` s, disagreements first."""
        voices: tuple
        """:class:`reader.core.voices.Speaker` s, most quoted first."""

    @dataclass
    class Failed(Message):
        """The extraction failed; the articles stay readable."""

        error: str
        """One line: the exception's type and message."""

    def __init__(self, documents: Sequence[Document], ready: threading.Event) -> None:
        super().__init__()
        self.documents = tuple(documents)
        """The articles read."""
        self._ready = ready

    started = False
    """True once :meth:`start` was called."""

    def start(self, groups: Sequence[Group] = ()) -> None:
        """Find the figures and the voices (quotations tied to ``groups``, the aligner's) in a
        thread worker, once."""
        if not self.started:
            self.started = True
            self._run(tuple(groups))

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def _run(self, groups: tuple[Group, ...]) -> None:
        """The worker: post progress (at most once per percent) and the result. A cancelled
        worker posts nothing."""
        from reader.core.figures import find_figures
        from reader.core.voices import find_voices

        worker = get_current_worker()
        self._ready.wait(READY_WAIT)
        last = -1.0
        total = max(1, len(self.documents))

        def progress(offset: float) -> object:
            def report(done: int, _: int) -> None:
                nonlocal last
                if worker.is_cancelled:
                    raise Cancelled
                fraction = offset + 0.5 * done / total
                if fraction - last >= 0.01 or fraction >= 1.0:
                    last = fraction
                    self.post_message(self.Progressed(fraction))

            return report

        try:
            figures = find_figures(self.documents, progress=progress(0.0))
            voices = find_voices(self.documents, groups, progress=progress(0.5))
        except Cancelled:
            return
        except Exception as exc:  # the articles stay readable; the reader is told why
            if not worker.is_cancelled:
                self.post_message(self.Failed(f"{type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.Finished(tuple(figures), tuple(voices)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Something the worker did not catch (not an ``Exception``): said, never a crash."""
        if event.state is WorkerState.ERROR:
            self.post_message(self.Failed(str(event.worker.error)))
