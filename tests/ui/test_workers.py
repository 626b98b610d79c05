"""Slow work off the event loop: articles first, highlights when the aligner is done, input
handled meanwhile; failures of the aligner or the store are shown, never crash."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from textual.app import App
from textual.widgets import ProgressBar

from reader.core.models import Document, Group
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen
from tests.ui.conftest import SIZE, Setup, build_groups, until


def recording_notifications(app: App[object]) -> list[str]:
    """Every message the app notifies, kept: a toast expires after a few seconds (and leaves
    ``app._notifications``), which a loaded machine can take to reach the assertion."""
    notified: list[str] = []
    notify = app.notify

    def record(message: object, *args: Any, **kwargs: Any) -> Any:
        notified.append(str(message))
        return notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    return notified


async def test_articles_show_before_alignment_and_input_works_meanwhile(setup: Setup) -> None:
    release = threading.Event()
    reached_half = threading.Event()

    def slow_aligner(documents: Sequence[Document], *, progress: Callable[[float], None], cancelled: Callable[[], bool]) -> tuple[Group, ...]:
        progress(0.5)
        reached_half.set()
        while not release.wait(0.01):
            if cancelled():
                raise RuntimeError("cancelled")
        progress(1.0)
        return build_groups(documents)

    app = make_app(setup.corpus_dir, setup.store_path, aligner=slow_aligner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert reached_half.wait(5)
        await pilot.pause()
        # The articles are there, without highlights, and the progress is shown.
        assert [p.document.id for p in screen.panes] == ["alpha", "bravo", "charlie"]
        assert all(p.group_spans == () for p in screen.panes)
        rendered = "".join(seg.text for seg in screen.panes[0].render_line(0))
        assert "Alpha reports Tehran's call" in rendered
        bar = screen.query_one(ProgressBar)
        assert bar.display and bar.progress == 0.5
        # Input is handled while the aligner works.
        await pilot.press("w", "w")
        assert screen.panes[0].cursor == screen.panes[0].document.text.index("Tehran's")
        # n works already: the jump is made as soon as the groups are there.
        assert not screen.aligned and screen.check_action("next_group", ())
        await pilot.press("n")
        assert screen.group_index is None
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.aligned and len(screen.groups) == 2
        assert screen.group_index == 0 and screen.focused_group is screen.groups[0]
        assert not bar.display
        assert screen.panes[2].group_spans


async def test_a_failing_aligner_leaves_the_articles_readable(setup: Setup) -> None:
    def broken(documents: Sequence[Document], **_: object) -> tuple[Group, ...]:
        raise ValueError("boom")

    app = make_app(setup.corpus_dir, setup.store_path, aligner=broken)
    notified = recording_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.aligned)
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and app.is_running
        assert screen.aligned and screen.groups == ()
        assert screen.check_action("next_group", ()) is False  # nothing to jump to
        assert any("ValueError: boom" in message for message in notified)
        await pilot.press("w")
        assert screen.panes[0].cursor > 0


async def test_a_corrupt_store_is_reported_and_kept(setup: Setup) -> None:
    setup.store_path.parent.mkdir(parents=True)
    setup.store_path.write_bytes(b'{"annotations": {"1": ')
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and app.is_running
        assert screen.store_error is not None and str(setup.store_path) in screen.store_error
        assert "\n" not in screen.store_error
        await pilot.press("n")
        assert screen.check_action("tag", ()) is False
    assert setup.store_path.read_bytes() == b'{"annotations": {"1": '


async def test_skipped_files_are_named_in_the_app(setup: Setup) -> None:
    (setup.corpus_dir / "broken.txt").write_bytes(b"\x00\x01binary")
    (setup.corpus_dir / "picture.png").write_bytes(b"\x89PNG")
    app = setup.app()
    notified = recording_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and len(screen.panes) == 3
        messages = notified
        assert any("broken.txt" in m and "binary" in m for m in messages)
        assert any("picture.png" in m for m in messages)
        assert all("\n" not in m for m in messages)


async def test_a_store_with_a_5000_digit_offset_is_one_line_with_the_restore_command(setup: Setup) -> None:
    """Issue 14: the app showed a raw "Exceeds the limit (4300 digits)", no path, no hint."""
    from reader.core.annotate import new_annotation
    from reader.core.store import AnnotationStore

    document = setup.corpus().documents[0]
    with AnnotationStore.open(setup.store_path) as store:
        store.add(new_annotation(document, 0, 5))
        store.add(new_annotation(document, 6, 9))
    broken = setup.store_path.read_bytes().replace(b'"start":0', b'"start":' + b"7" * 5000, 1)
    setup.store_path.write_bytes(broken)
    app = setup.app()
    notified = recording_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and app.is_running
        error = screen.store_error
        assert error is not None and "\n" not in error and error.startswith(f"{setup.store_path}: corrupt JSON")
        assert "--restore-backup" in error and "digits" not in error
        assert error in notified
    assert setup.store_path.read_bytes() == broken
