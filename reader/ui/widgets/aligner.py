"""The reading room's aligner: finds the shared passages in a thread worker, off the event loop.

A hidden widget of the reading screen (as :class:`~reader.ui.widgets.annotation_desk.AnnotationDesk`
is for the store). :meth:`Aligner.start` runs the alignment function in a thread once the screen
says it is ready (its first frame), and the widget answers with messages that bubble to the
screen: :class:`Aligner.Progressed` (coalesced: a flood collapses to the latest),
:class:`Aligner.Noticed` when the alignment goes on in one process because no process pool or
subprocess could start, :class:`Aligner.Finished` with the groups, or :class:`Aligner.Failed`
with one line saying why. It touches no other widget.

Big corpora (:data:`REMOTE_MIN_DOCS` articles or more) are aligned in a subprocess
(:func:`reader.core.align.remote.align_remote`): it may use both cores (a process running
threads must not fork a pool), and it leaves the screen's thread the interpreter lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from reader.core.models import Document, Group

REMOTE_MIN_DOCS = 100
"""Corpora of this many articles or more are aligned in a subprocess (smaller ones align in
less time than a subprocess takes to start)."""

READY_WAIT = 2.0
"""Seconds the worker waits for the screen's first frame before starting anyway."""

AlignFunction = Callable[..., tuple[Group, ...]]
"""``align(documents, *, progress, cancelled) -> groups``: the real one is
:func:`default_align`; tests pass hand-built groups."""


def default_align(
    documents: Sequence[Document],
    *,
    progress: Callable[[float], None],
    cancelled: Callable[[], bool],
    notice: Callable[[str], None] | None = None,
) -> tuple[Group, ...]:
    """Align with :func:`reader.core.align.align` and its default options (imported here, in the
    worker: the first screen does without the engine), in a subprocess for big corpora.
    ``PARALLAX_WORKERS=N`` in the environment sets the processes of the pool (``workers``: 1
    never starts one, 0 or unset is automatic, 2 or more: that many, whatever the size)."""
    from reader.core.align import AlignOptions, align

    try:
        workers = max(0, int(os.environ.get("PARALLAX_WORKERS", "0")))
    except ValueError:
        workers = 0
    # Processes asked for are used whatever the corpus's size.
    options = AlignOptions(workers=workers, parallel_min_docs=2) if workers > 1 else AlignOptions(workers=workers)
    if len(documents) >= REMOTE_MIN_DOCS:
        from reader.core.align.remote import align_remote

        return align_remote(documents, options, progress=progress, cancelled=cancelled, notice=notice)
    return align(documents, options, progress=progress, cancelled=cancelled, notice=notice)


class Aligner(Widget):
    """Runs the alignment off the event loop; reports with messages."""

    DEFAULT_CSS = """
    Aligner {
        display: none;
    }
    """

    @dataclass
    class Progressed(Message):
        """The alignment got further."""

        fraction: float
        """Done so far, 0 to 1."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Aligner.Progressed)

    @dataclass
    class Noticed(Message):
        """Something the reader should know about how the alignment runs (one line)."""

        line: str

    @dataclass
    class Finished(Message):
        """The alignment found these groups (in the engine's order)."""

        groups: tuple[Group, ...]

    @dataclass
    class Failed(Message):
        """The alignment failed; the articles stay readable without highlights."""

        error: str
        """One line: the exception's type and message."""

    def __init__(self, documents: Sequence[Document], align: AlignFunction | None, ready: threading.Event) -> None:
        super().__init__()
        self.documents = tuple(documents)
        """The articles aligned."""
        self.align = align or self._default_align
        """The alignment function."""
        self._ready = ready

    def _default_align(self, documents: Sequence[Document], **kwargs: Callable[..., object]) -> tuple[Group, ...]:
        """:func:`default_align`, its notices posted as :class:`Noticed`."""
        return default_align(documents, notice=lambda line: self.post_message(self.Noticed(line)), **kwargs)  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def start(self) -> None:
        """Align the articles in a thread worker; post progress (at most once per percent) and
        the result. A cancelled worker posts nothing."""
        worker = get_current_worker()
        self._ready.wait(READY_WAIT)
        last = -1.0

        def progress(fraction: float) -> None:
            nonlocal last
            if fraction - last >= 0.01 or fraction >= 1.0:
                last = fraction
                self.post_message(self.Progressed(fraction))

        try:
            groups = self.align(self.documents, progress=progress, cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # the articles stay readable; the reader is told why
            if not worker.is_cancelled:
                self.post_message(self.Failed(f"{type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.Finished(tuple(groups)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Something the worker did not catch (not an ``Exception``): said, never a crash."""
        if event.state is WorkerState.ERROR:
            self.post_message(self.Failed(str(event.worker.error)))
