"""Search across articles, and export from the app (same bytes as ``parallax export``)."""

from __future__ import annotations

import pytest

from reader.cli import main as cli_main
from reader.ui.dialogs.export import ExportDialog
from reader.ui.dialogs.search import SearchScreen
from reader.ui.dialogs.tag import TagDialog
from tests.ui.conftest import SIZE, Setup, ready, settle


async def test_search_finds_a_phrase_in_several_articles_and_jumps_to_it(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SearchScreen)
        await pilot.press(*"foolish acton")  # misspelt: fuzzy
        await settle(pilot)
        assert dialog.hits_query == "foolish acton"
        assert {hit.doc for hit in dialog.hits} == {"alpha", "bravo", "charlie"}
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen
        result = screen.search_result
        assert result is not None
        chosen = result.chosen
        assert chosen == result.hits[1]
        pane = screen.focused_pane
        assert pane is not None and pane.document.id == chosen.doc
        assert pane.cursor == chosen.start and pane.selection is None  # at the hit, nothing selected
        assert pane.document.text[chosen.start : chosen.end].lower().startswith("foolish")
        assert pane.offset_visible(chosen.start)
        # Every hit is marked in its pane.
        for other in screen.panes:
            marks = [(m.start, m.end) for m in other.marks("search")]
            assert marks == sorted((h.start, h.end) for h in result.hits if h.doc == other.document.id)
            assert marks
        # One Escape clears the search marks (no hidden selection to clear first).
        await pilot.press("escape")
        assert screen.search_result is None
        assert all(p.marks("search") == () for p in screen.panes)


async def test_escape_closes_search_without_jumping(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"Tehran", "escape")
        await pilot.pause()
        assert app.screen is screen and screen.search_result is None


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "markdown"])
async def test_export_from_the_app_writes_the_same_bytes_as_the_cli(setup: Setup, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("export", ()) is False
        await pilot.press("n", "n", "t")
        await pilot.pause()
        assert isinstance(app.screen, TagDialog)
        await pilot.press(*"threat", "enter", "ctrl+s")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        from textual.widgets import Input, Select

        dialog.query_one(Select).value = fmt
        await pilot.pause()
        path_input = dialog.query_one("#export-path", Input)
        expected_default = setup.corpus_dir.resolve() / ("parallax-export.jsonl" if fmt == "jsonl" else "parallax-export.md")
        assert path_input.value == str(expected_default)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    written = expected_default.read_bytes()
    assert b"threat" in written
    cli_out = setup.corpus_dir.parent / f"cli.{fmt}"
    status = cli_main(["export", str(setup.corpus_dir), "--store", str(setup.store_path), "--format", fmt, "-o", str(cli_out)])
    capsys.readouterr()
    assert status == 0
    assert cli_out.read_bytes() == written


@pytest.mark.slow
async def test_export_failure_is_one_line_and_the_app_keeps_running(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "t", *"x", "enter", "ctrl+s")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one("#export-path", Input).value = str(setup.corpus_dir / "missing" / "out.jsonl")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        messages = [n.message for n in app._notifications]
        assert any("does not exist" in m and "\n" not in m for m in messages)
