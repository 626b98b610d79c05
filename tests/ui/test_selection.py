"""The reading cursor in a running app: visual selection with v and with the mouse (the motions
themselves are tested without a screen in test_motions.py)."""

from __future__ import annotations

from reader.ui import motions
from reader.ui.render import GUTTER_WIDTH
from tests.ui.conftest import SIZE, Setup, ready


async def test_v_selects_from_the_cursor_and_the_selection_is_the_text(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[0]
        text = pane.document.text
        await pilot.press("w")  # "reports"
        await pilot.press("v")
        assert pane.anchor == pane.cursor
        await pilot.press("w", "w", "e")  # to the end of "call"
        assert pane.selection == (text.index("reports"), text.index("call") + 4)
        start, end = pane.selection
        assert text[start:end] == "reports Tehran's call"
        # The selection is drawn: the selection style is on the cells of the selected words.
        selection_bg = pane.palette.styles_by_name["pane--selection"].bgcolor
        strip = pane.render_line(0)
        styled = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == selection_bg)
        assert "reports Tehran's" in styled
        await pilot.press("escape")
        assert pane.selection is None


async def test_a_selection_across_lines_keeps_exact_offsets(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[0]
        text = pane.document.text
        await pilot.press("down", "down")
        await pilot.press("home", "v", "down", "down", "end")
        start, end = pane.selection
        assert text[start:end] == text[start:end].strip()
        assert "\n" in text[start:end]
        assert start == pane.screen_lines[2][0]


async def test_mouse_drag_selects_the_text_between_press_and_release(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[1]  # bravo: click into a pane that has no focus yet
        text = pane.document.text
        line_start, line_end = pane.screen_lines[1]
        first_word = text[line_start:line_end].split()[0]
        await pilot.mouse_down(pane, offset=(GUTTER_WIDTH, 1))
        await pilot.hover(pane, offset=(GUTTER_WIDTH + 12, 1))
        await pilot.mouse_up(pane, offset=(GUTTER_WIDTH + 12, 1))
        await pilot.pause()
        assert pane.has_focus
        # Whole words: from the first word to the end of the word under the release.
        assert pane.selection == motions.snap_to_words(text, line_start, line_start + 12)
        assert pane.selection[0] == line_start and text[pane.selection[1]].isspace()
        assert text[line_start : line_start + 12].startswith(first_word)
        # The mouse selection is what "t" tags.
        await pilot.press("t")
        await pilot.pause()
        from reader.ui.dialogs.tag import TagDialog

        dialog = pilot.app.screen
        assert isinstance(dialog, TagDialog)
        start, end = pane.selection
        assert " ".join(text[start:end].split()) in str(dialog.query_one("#tag-target").render())
        await pilot.press("escape")
        await pilot.pause()
        # A click without a drag moves the cursor and leaves no selection.
        await pilot.click(pane, offset=(GUTTER_WIDTH + 5, 2))
        await pilot.pause()
        assert pane.selection is None
        assert pane.cursor == pane.screen_lines[2][0] + 5
