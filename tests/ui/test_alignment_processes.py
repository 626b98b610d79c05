"""The app's alignment in a subprocess (both cores, the screen's thread left alone) and its
fallback to one process, said in a notification."""

from __future__ import annotations

import errno

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.core.align import align
from reader.core.align import remote
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets import aligner as aligner_module
from tests.ui.conftest import SIZE, Setup, settle, until
from tests.ui.test_workers import recording_notifications


@pytest.fixture
def remote_from_two(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The app aligns in a subprocess from two articles on; the calls are counted."""
    monkeypatch.setattr(aligner_module, "REMOTE_MIN_DOCS", 2)
    calls: list[int] = []
    real = remote.align_remote

    def counted(documents, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(documents))
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(remote, "align_remote", counted)
    return calls


async def aligned(pilot: Pilot[None], app: App[None]) -> ReadingScreen:
    """The reading screen once its alignment is done."""
    await until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.aligned, pauses=6000)
    assert isinstance(app.screen, ReadingScreen)
    return app.screen


async def test_big_corpora_are_aligned_in_a_subprocess_with_the_same_groups(setup: Setup, remote_from_two: list[int]) -> None:
    app = make_app(setup.corpus_dir, setup.store_path)
    notified = recording_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot, app)
        assert remote_from_two == [3]
        expected = align(setup.corpus().documents)
        assert expected and sorted(screen.passages.all, key=lambda g: g.id) == sorted(expected, key=lambda g: g.id)
        assert not any("alignment:" in m for m in notified)
        await settle(pilot)


async def test_no_subprocess_is_said_in_a_notification_and_aligns_in_one_process(
    setup: Setup, remote_from_two: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(remote.subprocess, "Popen", refuse)
    app = make_app(setup.corpus_dir, setup.store_path)
    notified = recording_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot, app)
        assert remote_from_two == [3]
        lines = [m for m in notified if m.startswith("alignment:")]
        assert len(lines) == 1 and "\n" not in lines[0]
        assert lines[0].startswith("alignment: no subprocess (BlockingIOError") and "one process" in lines[0]
        assert sorted(screen.passages.all, key=lambda g: g.id) == sorted(align(setup.corpus().documents), key=lambda g: g.id)
        await settle(pilot)
