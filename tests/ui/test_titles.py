"""Column headers, search results and the match list name articles by their titles; the focused
column is marked without colour; front matter is shown dimmed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.ui.app import make_app
from reader.ui.dialogs.search import SearchScreen
from reader.ui.widgets.article_column import FOCUS_MARK
from reader.ui.widgets.match_list import MatchList
from tests.ui.conftest import ARTICLES, SIZE, hand_aligner, ready, settle

FRONT = "---\ntitle: Tehran asks for an OIC meeting\noutlet: Alpha Wire\ndate: 2023-10-09\nurl: https://alpha.example/oic\n---\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "alpha.md").write_text(FRONT + ARTICLES["alpha.txt"], encoding="utf-8")
    (folder / "bravo.txt").write_text("Contact Us\nSubscribe\n\n" + ARTICLES["bravo.txt"], encoding="utf-8")
    (folder / "charlie.txt").write_text(ARTICLES["charlie.txt"], encoding="utf-8")
    return folder


def header(screen, n: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    column = screen.query_one(f"#column-{n}")
    return str(column.query_one(".column-title", Static).render()), str(column.query_one(".column-file", Static).render())


async def test_headers_show_titles_with_outlet_and_date_and_mark_the_focused_column(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(corpus(tmp_path), tmp_path / "store.json", aligner=hand_aligner)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert header(screen, 0) == (FOCUS_MARK + "Tehran asks for an OIC meeting", "Alpha Wire \u00b7 2023-10-09")
        assert header(screen, 1) == ("  Bravo on the ministers", "bravo.txt")  # not "Contact Us"
        assert header(screen, 2) == ("  Charlie: regional reaction", "charlie.txt")
        await pilot.press("l")
        await settle(pilot)
        assert header(screen, 0)[0].startswith("  ") and header(screen, 1)[0].startswith(FOCUS_MARK)
        # The front matter is part of the text (offsets hold) and drawn dimmed; the text below is not.
        pane = screen.panes[0]
        assert pane.document.text.startswith(FRONT) and pane.document.front_matter_end == len(FRONT)
        styles = pane.palette.styles_by_name
        assert styles["pane--front-matter"].dim
        first = pane.render_line(0)
        assert any(seg.style and seg.style.dim for seg in first if seg.text.strip() == "---")
        body_line = pane.line_of(len(FRONT) + 2)
        assert not any(seg.style and seg.style.dim for seg in pane.render_line(body_line) if seg.text.strip())


async def test_search_results_and_the_match_list_show_titles_not_file_names(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(corpus(tmp_path), tmp_path / "store.json", aligner=hand_aligner)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("m")
        await settle(pilot)
        rows = [str(screen.query_one(MatchList).get_option_at_index(i).prompt) for i in range(2)]
        assert all("\n    Tehran asks for an OIC meeting +" in row for row in rows), rows
        await pilot.press("m", "slash", *"foolish action")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SearchScreen) and dialog.hits
        shown = [str(dialog.query_one("#search-hits").get_option_at_index(i).prompt) for i in range(len(dialog.hits))]
        assert any(row.startswith("Bravo on the ministers") for row in shown)
        assert any(row.startswith("Tehran asks for an OIC") for row in shown)
        assert not any(row.startswith(("alpha ", "bravo ", "charlie ")) for row in shown)
