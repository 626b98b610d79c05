"""The reading room's annotation desk: every store call and every export, run in thread workers.

A hidden widget of the reading screen. It owns the :class:`~reader.ui.keeper.AnnotationKeeper`
(the blocking store calls and the undo history) and answers each call with a message that
bubbles to the screen: :class:`AnnotationDesk.Changed` with the store as it now is,
:class:`AnnotationDesk.Failed` with one line naming the file, :class:`AnnotationDesk.Exported`
when an export is written (or could not be). It touches no other widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.core.models import Corpus
from reader.ui.keeper import AnnotationKeeper, Snapshot

READY_WAIT = 2.0
"""Seconds a store call waits for the screen to say it is ready (its first frame) before it
runs anyway."""


class AnnotationDesk(Widget):
    """Runs store calls and exports off the event loop; reports with messages."""

    DEFAULT_CSS = """
    AnnotationDesk {
        display: none;
    }
    """

    class Changed(Message):
        """A store call finished: the annotations as they now are."""

        def __init__(self, snapshot: Snapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    class Failed(Message):
        """A store call failed (one line naming the file)."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class Exported(Message):
        """An export was written (``paths``), or failed (``error``, one line)."""

        def __init__(self, paths: tuple[Path, ...], error: str | None) -> None:
            super().__init__()
            self.paths = paths
            self.error = error

    def __init__(self, corpus: Corpus, corpus_dir: Path, store_path: Path | None, ready: threading.Event) -> None:
        super().__init__()
        self.corpus = corpus
        """The articles annotated."""
        self.keeper = AnnotationKeeper(store_path, corpus.documents, corpus_dir)
        """Blocking store access (used only from this widget's workers)."""
        self._ready = ready

    # ------------------------------------------------------------------ store calls

    def load(self) -> None:
        """Open the store and read it."""
        self._store_worker(self.keeper.load)

    def add_spans(self, spans: Sequence[tuple[str, int, int]], tags: Sequence[str], note: str, group: str | None) -> None:
        """Annotate each ``(doc, start, end)`` with ``tags`` and ``note`` (one store write)."""
        self._store_worker(lambda: self.keeper.add_spans(spans, tags, note, group))

    def edit(self, annotation_id: str, tags: Sequence[str], note: str) -> None:
        """Replace the tags and note of one annotation."""
        self._store_worker(lambda: self.keeper.edit(annotation_id, tags, note))

    def delete(self, annotation_ids: Iterable[str]) -> None:
        """Delete annotations (undo brings them back)."""
        ids = list(annotation_ids)
        self._store_worker(lambda: self.keeper.delete(ids))

    def undo(self) -> None:
        """Undo the latest change of this session."""
        self._store_worker(self.keeper.undo)

    @work(thread=True, group="store", exit_on_error=False)
    def _store_worker(self, call: Callable[[], Snapshot]) -> None:
        # The store modules (TinyDB) are imported here, off the event loop and after the first
        # frame: the first screen does not need them.
        self._ready.wait(READY_WAIT)
        from reader.core.store import StoreError

        try:
            snapshot = call()
        except StoreError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        except OSError as exc:
            self.post_message(self.Failed(f"{self.keeper.path}: {exc.strerror or exc}"))
            return
        self.post_message(self.Changed(snapshot))

    # ------------------------------------------------------------------ export

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, fmt: str, path: Path) -> None:
        """Write every annotation in ``fmt`` to ``path`` with the CLI's exporter."""
        from reader.core.annotate import anchor_all
        from reader.core.export import ExportError, write_export
        from reader.core.store import StoreError

        try:
            annotations = self.keeper.annotations()
            written = write_export(anchor_all(annotations, self.corpus.documents), self.corpus, fmt, path)
        except (ExportError, StoreError) as exc:
            self.post_message(self.Exported((), str(exc)))
            return
        except OSError as exc:
            self.post_message(self.Exported((), f"{path}: {exc.strerror or exc}"))
            return
        self.post_message(self.Exported(tuple(written), None))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that raised something unforeseen: said in one line, never a crash."""
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Error", severity="error", markup=False)

    def on_unmount(self) -> None:
        self.keeper.close()
