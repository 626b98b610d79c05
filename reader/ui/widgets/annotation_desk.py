"""The reading room's annotation desk: it runs the workspace's store calls and exports in the
background (thread workers), so the event loop never waits on the disk.

A hidden widget of the reading screen. Each public method starts one background call of the
:class:`~reader.workspace.Workspace` (whose methods block) and answers with one message that
bubbles to the screen (saying whether the call was ``awaited``: a screen holding its paint for it,
see :mod:`reader.ui.frame_hold`): :class:`AnnotationDesk.Changed` with the annotations as they now are (a
:class:`~reader.workspace.Snapshot`), :class:`AnnotationDesk.Failed` with one line naming the
file when the store cannot be used, :class:`AnnotationDesk.Refused` when the change cannot be
made (a tag the tag rule refuses, a link that cannot be made: nothing is saved then), and
:class:`AnnotationDesk.Exported` when an export is written (or could not be). It touches no
other widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.workspace import Snapshot, Workspace

if TYPE_CHECKING:
    from reader.core.annotate.tagset import TagSet
    from reader.core.annotate.verdicts import VerdictKind
    from reader.core.models import Group

READY_WAIT = 2.0
"""Seconds a store call waits for the screen to say it is ready (its first frame) before it
runs anyway."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


class AnnotationDesk(Widget):
    """Runs the workspace's blocking store calls and exports in thread workers; reports with
    messages."""

    DEFAULT_CSS = """
    AnnotationDesk {
        display: none;
    }
    """

    class Changed(Message):
        """A store call finished: the annotations as they now are. ``quiet``: its message goes
        to the status line, not a notification (a number key pressed again and again).
        ``awaited``: the number of the screen's frame hold that waits for this answer (0: none;
        :meth:`reader.ui.frame_hold.FrameHold.await_answer`)."""

        def __init__(self, snapshot: Snapshot, quiet: bool = False, awaited: int = 0) -> None:
            super().__init__()
            self.snapshot = snapshot
            self.quiet = quiet
            self.awaited = awaited

    class Failed(Message):
        """A store call failed (one line naming the file)."""

        def __init__(self, error: str, awaited: int = 0) -> None:
            super().__init__()
            self.error = error
            self.awaited = awaited

    class Refused(Message):
        """A store call refused its change (one line saying why); nothing was saved."""

        def __init__(self, error: str, awaited: int = 0) -> None:
            super().__init__()
            self.error = error
            self.awaited = awaited

    class Exported(Message):
        """An export was written (``paths``), or failed (``error``, one line)."""

        def __init__(self, paths: tuple[Path, ...], error: str | None, notes: tuple[str, ...] = ()) -> None:
            super().__init__()
            self.paths = paths
            self.error = error
            self.notes = notes
            """One line for each thing the format left out (e.g. links brat cannot hold)."""

    def __init__(self, workspace: Workspace, ready: threading.Event) -> None:
        super().__init__()
        self.workspace = workspace
        """The corpus and its store (its methods block: called only from this desk's workers)."""
        self._ready = ready
        self._reporting = threading.Lock()
        """Held from a call's start to its message being posted, so messages arrive in the
        order the calls changed the store."""

    # ------------------------------------------------------------------ store calls

    def load(self) -> None:
        """Open the store and read it (in the background)."""
        self._in_background(lambda: self.workspace.snapshot())

    def add_spans(self, spans: Sequence[tuple[str, int, int]], tags: Sequence[str], note: str, group: str | None) -> None:
        """Annotate each ``(doc, start, end)`` with ``tags`` and ``note``, one store write (in
        the background)."""
        spans, tags = list(spans), list(tags)

        def call() -> Snapshot:
            added = self.workspace.add_spans(spans, tags, note, group)
            return self.workspace.snapshot(f"Tagged {_count(len(added), 'span')}")

        self._in_background(call)

    def edit(self, annotation_id: str, tags: Sequence[str], note: str) -> None:
        """Replace the tags and note of one annotation (in the background)."""
        tags = list(tags)

        def call() -> Snapshot:
            self.workspace.edit(annotation_id, tags, note)
            return self.workspace.snapshot("Annotation updated")

        self._in_background(call)

    def delete(self, annotation_ids: Iterable[str]) -> None:
        """Delete annotations; undo brings them back (in the background)."""
        ids = list(annotation_ids)

        def call() -> Snapshot:
            deleted = self.workspace.delete(ids)
            return self.workspace.snapshot(f"Deleted {_count(len(deleted), 'annotation')}")

        self._in_background(call)

    def undo(self) -> None:
        """Undo this session's latest change (in the background)."""

        def call() -> Snapshot:
            return self.workspace.snapshot(self.workspace.undo() or "Nothing to undo")

        self._in_background(call)

    def redo(self) -> None:
        """Make this session's latest undone change again (in the background)."""

        def call() -> Snapshot:
            return self.workspace.snapshot(self.workspace.redo() or "Nothing to redo")

        self._in_background(call)

    def apply_tag(self, tag: str, spans: Sequence[tuple[str, int, int]], group: str | None, awaited: int = 0) -> None:
        """Apply a tag of the tag set to ``spans`` (the selection, or a group's spans): added to
        annotations already there, new ones for the rest (in the background; said quietly; its
        answer says it was ``awaited`` when asked to)."""
        spans = list(spans)

        def call() -> Snapshot:
            change, count = self.workspace.apply_tag(tag, spans, group)
            what = _count(count, "span")
            said = f"\u2018{tag}\u2019 on {what}" if change else f"\u2018{tag}\u2019 was already on the {what}"
            return self.workspace.snapshot(said)

        self._in_background(call, quiet=True, awaited=awaited)

    def retag(self, annotation_ids: Iterable[str], add: Sequence[str], remove: Sequence[str], quiet: bool = False) -> None:
        """Add and remove tags on annotations, one undoable step (in the background)."""
        ids, add, remove = list(annotation_ids), list(add), list(remove)

        def call() -> Snapshot:
            change = self.workspace.retag(ids, add, remove)
            return self.workspace.snapshot(f"Retagged {_count(change.count, 'annotation')}" if change else "No tag changed")

        self._in_background(call, quiet=quiet)

    def set_verdict(self, group: Group, kind: VerdictKind, replacing: Sequence[str]) -> None:
        """Give ``group`` a verdict (replacing its verdict so far), in the background."""
        replacing = list(replacing)

        def call() -> Snapshot:
            self.workspace.set_verdict(group, kind, replacing)
            return self.workspace.snapshot(f"Marked \u2018{kind.value}\u2019: the passage is hidden (H shows hidden ones)")

        self._in_background(call)

    def clear_verdicts(self, verdict_ids: Iterable[str]) -> None:
        """Remove verdicts (their passages show again), in the background."""
        ids = list(verdict_ids)

        def call() -> Snapshot:
            change = self.workspace.clear_verdicts(ids)
            return self.workspace.snapshot("Verdict removed: the passage shows again" if change else "No verdict to remove")

        self._in_background(call)

    def link(self, source: str, target: str, relation: str) -> None:
        """Link two annotations (in the background)."""

        def call() -> Snapshot:
            link = self.workspace.link(source, target, relation)
            return self.workspace.snapshot(f"Linked: \u2018{link.relation}\u2019")

        self._in_background(call)

    def unlink(self, link_ids: Iterable[str]) -> None:
        """Remove links (in the background)."""
        ids = list(link_ids)

        def call() -> Snapshot:
            change = self.workspace.unlink(ids)
            return self.workspace.snapshot(f"Removed {_count(change.count, 'link')}")

        self._in_background(call)

    def save_tagset(self, tagset: TagSet) -> None:
        """Replace the tag set (in the background); a damaged file is moved aside first."""

        def call() -> Snapshot:
            kept = self.workspace.set_tagset(tagset)
            moved = f"; the damaged file was kept as {kept}" if kept is not None else ""
            return self.workspace.snapshot(f"Tag set saved ({_count(len(tagset), 'tag')}){moved}")

        self._in_background(call)

    @work(thread=True, group="store", exit_on_error=False)
    def _in_background(self, call: Callable[[], Snapshot], quiet: bool = False, awaited: int = 0) -> None:
        """Run a blocking workspace call in a thread worker; post what it gives (its answer
        says whether it was ``awaited``)."""
        # The store modules (TinyDB) are imported here, off the event loop and after the first
        # frame: the first screen does not need them.
        self._ready.wait(READY_WAIT)
        from reader.core.annotate import TagError
        from reader.core.annotate.tagset import TagSetError
        from reader.core.store import StoreError

        with self._reporting:
            try:
                snapshot = call()
            except (TagError, TagSetError, ValueError) as exc:
                self.post_message(self.Refused(str(exc), awaited))
                return
            except StoreError as exc:
                self.post_message(self.Failed(str(exc), awaited))
                return
            except OSError as exc:
                self.post_message(self.Failed(f"{self.workspace.store_path}: {exc.strerror or exc}", awaited))
                return
            self.post_message(self.Changed(snapshot, quiet, awaited))

    # ------------------------------------------------------------------ export

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, fmt: str, path: Path) -> None:
        """Write every annotation in the export format ``fmt`` to ``path``, as
        ``parallax export`` does (in the background)."""
        from reader.core.export import ExportError
        from reader.core.store import StoreError

        try:
            written = self.workspace.export(fmt, path)
            notes = self.workspace.export_notes(fmt)
        except (ExportError, StoreError) as exc:
            self.post_message(self.Exported((), str(exc)))
            return
        except OSError as exc:
            self.post_message(self.Exported((), f"{path}: {exc.strerror or exc}"))
            return
        self.post_message(self.Exported(tuple(written), None, notes))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that raised something unforeseen: said in one line, never a crash."""
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Error", severity="error", markup=False)

    def on_unmount(self) -> None:
        self.workspace.close()
