"""Snapshot tests of the reading room (pytest-textual-snapshot): what the screen looks like.

Each test builds the real app with ``make_app`` on a copy of the sample corpus in ``tmp_path``
(always under the same relative name, and the working folder is ``tmp_path``) with a store that
already holds two annotations, at a fixed terminal size. Everything that could vary is pinned:
the alignment worker is awaited in ``run_before``, ``XDG_CONFIG_HOME`` points at an empty folder
(default theme), animations are off and text cursors do not blink.

Update the baselines with ``pytest tests/snapshots --snapshot-update`` after checking the new
screens (``snapshot_report.html``).
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import textual.constants
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.core.annotate import new_annotation
from reader.core.corpus import load_corpus
from reader.core.store import AnnotationStore
from reader.ui.app import make_app

SIZE = (160, 45)
SnapCompare = Callable[..., bool]


@pytest.fixture
def app(tmp_path: Path, sample_corpus_path: Path, monkeypatch: pytest.MonkeyPatch) -> App[None]:
    """The app on a copy of the sample corpus, with a store holding two annotations."""
    return build_app(tmp_path, sample_corpus_path, monkeypatch)


def build_app(tmp_path: Path, sample_corpus_path: Path, monkeypatch: pytest.MonkeyPatch, colours: str = "truecolor") -> App[None]:
    """The app of :func:`app`, drawing for a terminal of ``colours`` (``truecolor``, ``256`` or
    ``standard``: 16 colours)."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", colours)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus_path, corpus)
    store_path = tmp_path / "store" / "annotations.json"
    store_path.parent.mkdir()
    documents = load_corpus([corpus]).documents
    first, second = documents[0], documents[1]
    phrase = "Organization of Islamic Cooperation"
    with AnnotationStore.open(store_path) as store:
        at = first.text.index(phrase)
        store.add(new_annotation(first, at, at + len(phrase), tags=["oic"], note="Called by Iran."))
        first_line = second.text.index("\n")  # the second article's first line ("Contact Us")
        end = second.text.index("\n", first_line + 2)
        store.add(new_annotation(second, first_line + 1, end, tags=["framing", "oic"]))
    return make_app(Path("corpus"), Path("store/annotations.json"))


async def settled(pilot: Pilot[None]) -> None:
    """Wait until alignment and store loading are done and the screen is painted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def steady_cursors(pilot: Pilot[None]) -> None:
    """Stop text cursors blinking, so the cursor is shown the same in every screenshot."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False


def after(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A ``run_before`` that waits for the app to settle, presses ``keys`` and settles again."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)
        steady_cursors(pilot)
        await pilot.pause()

    return run_before


def test_main_screen_after_alignment(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after())


def test_next_group_focused(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "n"))


def test_variants_view_of_a_group(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "c"))


def test_tag_dialog_on_a_group(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "t", "o"))


def test_annotations_panel(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("a"))


def test_help_screen(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("question_mark"))


def test_edit_dialog_from_the_annotations_panel(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("a", "e"))


def test_figures_panel_with_a_figure_shown(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("f", "enter"))


def test_voices_panel(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("s"))


def test_figures_panel_narrow(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=after("f"))


@pytest.mark.parametrize("colours", ["256", "standard"])
def test_focus_and_selection_at_fewer_colours(
    snap_compare: SnapCompare, tmp_path: Path, sample_corpus_path: Path, monkeypatch: pytest.MonkeyPatch, colours: str
) -> None:
    """At 256 and 16 colours: the focused column has its ► mark, the focused group, the
    selection and the kinds of highlight keep apart (the selection in reverse video at 16)."""
    app = build_app(tmp_path, sample_corpus_path, monkeypatch, colours)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "v", "e", "e", "e"))


def test_focus_and_selection_in_true_colour(snap_compare: SnapCompare, app: App[None]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "v", "e", "e", "e"))


# Issue 13: small terminals and the selection.
def test_a_selection_ended_at_80x24(snap_compare: SnapCompare, app: App[None]) -> None:
    """The band of an ended selection, ``SELECTED · N chars`` on a status line shortened to fit,
    a Footer keeping ``q Quit`` and ``? Help``."""
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("n", "v", "e", "e", "e", "v", "w"))


def test_tag_dialog_on_a_selection_at_80x24(snap_compare: SnapCompare, app: App[None]) -> None:
    """The dialog quotes the selected words and says ``N chars in <title>``, in view at 80x24."""
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("n", "v", "e", "e", "e", "v", "t"))


def test_a_passage_in_off_screen_columns_at_120x40(snap_compare: SnapCompare, app: App[None]) -> None:
    """The ninth passage is only in the third and fourth articles: the columns scroll to them."""
    assert snap_compare(app, terminal_size=(120, 40), run_before=after(*["n"] * 9))
