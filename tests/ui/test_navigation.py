"""Moving between groups, zoom, and the match list."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.match_list import MatchList
from reader.ui.widgets.minimap import Minimap
from tests.ui.conftest import SIZE, Setup, ready


def _pane(screen: ReadingScreen, doc_id: str) -> ArticlePane:
    return next(p for p in screen.panes if p.document.id == doc_id)


async def test_articles_show_at_once_and_highlights_arrive(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert [p.document.id for p in screen.panes] == ["alpha", "bravo", "charlie"]
        assert screen.aligned and len(screen.groups) == 2
        # Every pane highlights the spans of the groups it holds, and only those.
        assert _pane(screen, "charlie").group_spans == tuple(
            (s.start, s.end) for g in screen.groups for s in g.spans if s.doc == "charlie"
        )
        assert len(_pane(screen, "alpha").group_spans) == 2


async def test_next_and_previous_scroll_every_pane_to_the_group(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.group_index is None
        seen = []
        for key in ("n", "n", "n", "p", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            await pilot.pause()
            group = screen.focused_group
            assert group is not None
            seen.append(group.id)
            for span in group.spans:
                pane = _pane(screen, span.doc)
                assert pane.offset_visible(span.start), (key, span)
                assert pane.offset_visible(span.end - 1), (key, span)
                assert [(m.start, m.end) for m in pane.marks("focus")] == [(span.start, span.end)]
        assert seen == ["g-meeting", "g-threat", "g-meeting", "g-threat", "g-meeting", "g-threat"]
        # The group's spans are far down in some articles: the panes really scrolled.
        assert _pane(screen, "alpha").scroll_offset.y > 0


async def test_zoom_shows_the_focused_article_alone_at_full_width(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("l")  # focus bravo
        assert screen.focused_pane is not None and screen.focused_pane.document.id == "bravo"
        await pilot.press("z")
        await pilot.pause()
        columns = screen.query_one(ArticleColumns)
        shown = [c for c in columns.columns if c.display and c.styles.display != "none"]
        assert [c.document.id for c in shown] == ["bravo"]
        assert shown[0].region.width == columns.region.width
        # Moving to the next article while zoomed shows that one alone.
        await pilot.press("l")
        await pilot.pause()
        shown = [c for c in columns.columns if c.styles.display != "none"]
        assert [c.document.id for c in shown] == ["charlie"]
        assert screen.focused_pane is not None and screen.focused_pane.document.id == "charlie"
        assert shown[0].region.width == columns.region.width
        await pilot.press("z")
        await pilot.pause()
        assert all(c.region.width > 0 for c in columns.columns)
        assert sum(c.region.width for c in columns.columns) == columns.region.width


async def test_columns_scroll_sideways_when_they_do_not_fit(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        assert columns.virtual_size.width > columns.region.width
        await pilot.press("l", "l")  # focus charlie, the third column
        await pilot.pause()
        assert columns.scroll_offset.x > 0
        charlie = columns.columns[2]
        assert charlie.region.x >= columns.region.x and charlie.region.right <= columns.region.right


async def test_match_list_toggles_and_choosing_a_group_jumps_to_it(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        matches = screen.query_one(MatchList)
        assert not matches.display
        await pilot.press("m")
        await pilot.pause()
        assert matches.display and matches.has_focus
        assert matches.option_count == 2
        first_row = str(matches.get_option_at_index(1).prompt)
        assert "quote" in first_row and "×3" in first_row and "91" in first_row and "Anyone who threatens" in first_row
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"
        assert _pane(screen, "charlie").offset_visible(screen.focused_group.spans[2].start)
        await pilot.press("m")
        await pilot.pause()
        assert not matches.display


async def test_keys_that_cannot_work_yet_are_not_offered(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("variants", ()) is False
        assert screen.check_action("tag", ()) is False
        assert screen.check_action("undo", ()) is False
        assert screen.check_action("export", ()) is False
        await pilot.press("n")
        assert screen.check_action("variants", ()) is True
        assert screen.check_action("tag", ()) is True


async def test_minimap_shows_where_groups_sit_and_scrolls_on_click(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        alpha = _pane(screen, "alpha")
        minimap = next(m for m in screen.query(Minimap).results(Minimap) if m.pane is alpha)
        rows = minimap.size.height
        summary = minimap.summary(rows)
        assert {"near", "quote"} <= set(summary) and None in summary
        # The quote group sits near the end of alpha: so does its mark on the map.
        quote_row = summary.index("quote")
        line = alpha.line_of(alpha.document.text.index("Anyone who threatens"))
        assert quote_row == line * rows // alpha.line_count or abs(quote_row - line * rows / alpha.line_count) <= 1
        await pilot.press("n", "n")
        await pilot.pause()
        assert "focus" in minimap.summary(rows)
        await pilot.click(minimap, offset=(0, 0))
        await pilot.pause()
        assert alpha.scroll_offset.y == 0
        await pilot.click(minimap, offset=(0, rows - 1))
        await pilot.pause()
        assert alpha.scroll_offset.y > 0


async def test_panes_rewrap_when_the_terminal_is_resized(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = _pane(screen, "alpha")
        wide_lines = pane.line_count
        await pilot.press("n")
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        await pilot.pause()
        assert pane.line_count > wide_lines
        text = pane.document.text
        for start, end in pane.screen_lines:
            assert len(text[start:end]) <= pane.text_width
        # The focused group is still marked at the same offsets after the re-wrap.
        group = screen.focused_group
        assert group is not None
        span = next(s for s in group.spans if s.doc == "alpha")
        assert [(m.start, m.end) for m in pane.marks("focus")] == [(span.start, span.end)]
        # Only the height changes: the text keeps its lines, but its map is drawn again (each of
        # its rows now covers other lines), not kept from before.
        await pilot.resize_terminal(90, 26)
        await pilot.pause()
        minimap = next(m for m in screen.query(Minimap).results(Minimap) if m.pane is pane)
        height = minimap.size.height
        shown = [strip.text for strip in minimap.render_lines(Region(0, 0, 1, height))]
        assert shown == [minimap.render_line(y).text for y in range(height)]


@pytest.mark.slow
async def test_many_articles_only_columns_in_view_are_laid_out_and_jumps_reach_the_others(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.core.models import Group, GroupKind, Span
    from reader.ui.app import make_app
    from tests.ui.conftest import filler

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    phrase = "Anyone who threatens the Islamic Republic should know the response will be devastating"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(8):
        text = f"Article {n}\n" + filler(f"A{n}", 4 + 5 * n) + f"\n{phrase}.\n" + filler(f"B{n}", 5)
        (corpus / f"art{n}.txt").write_text(text, encoding="utf-8")

    def aligner(documents, *, progress, cancelled):  # type: ignore[no-untyped-def]
        spans = tuple(Span(d.id, d.text.index(phrase), d.text.index(phrase) + len(phrase)) for d in documents)
        return (Group("g-all", GroupKind.QUOTE, 95.0, spans),)

    app = make_app(corpus, tmp_path / "store.json", aligner=aligner)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        shown = [c.document.id for c in columns.columns if c.display]
        assert shown[0] == "art0" and len(shown) < 8
        assert columns.virtual_size.width == 8 * columns.columns[0].styles.width.value
        await pilot.press("n")
        await pilot.pause()
        # Walk to the last article: its column is displayed, in view, and shows the group.
        for _ in range(7):
            await pilot.press("l")
            await pilot.pause()
        last = columns.columns[7]
        assert last.display and screen.focused_pane is last.pane
        assert last.region.x >= columns.region.x and last.region.right <= columns.region.right
        assert not columns.columns[0].display
        span = screen.focused_group.spans[7]
        assert last.pane.offset_visible(span.start)
        await pilot.press("z")
        await pilot.pause()
        assert [c.document.id for c in columns.columns if c.display] == ["art7"]
        await pilot.press("z")
        await pilot.pause()
        assert last.display and screen.focused_pane is last.pane
