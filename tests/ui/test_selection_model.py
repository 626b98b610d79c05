"""Issue 13 item 1: a selection model people can predict, reproduced on the sample corpus as a
new user tried it. A selection being made says ``SELECT``, an ended one ``SELECTED`` (with its
length) on the status line; ending a selection (``v`` again, or releasing the mouse) keeps it
until it is used (tagged, copied) or cleared (Esc); ``t``, the number keys and ``y`` act on it
when there is one, on the focused passage only when there is none; the tag dialog says exactly
what it tags, at 80x24 too; a search leaves the cursor at the start of the hit, selecting
nothing; a mouse drag selects whole words."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.widgets import Label, Static

from reader.core.annotate.tagset import make_tagset
from reader.core.store import AnnotationStore
from reader.ui import motions
from reader.ui.app import ParallaxApp
from reader.ui.dialogs.search import SearchScreen
from reader.ui.dialogs.tag import TagDialog
from reader.ui.render import GUTTER_WIDTH
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_pane import ArticlePane
from tests.ui.conftest import SIZE, ready, settle, until


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def status(screen: ReadingScreen) -> str:
    """The status line as shown."""
    return str(screen.status_line.query_one("#status", Static).render())


def selected_text(pane: ArticlePane) -> str:
    assert pane.selection is not None
    start, end = pane.selection
    return pane.document.text[start:end]


def dialog_lines(app: App[object]) -> tuple[str, str]:
    """The tag dialog's two lines saying what it tags."""
    dialog = app.screen
    assert isinstance(dialog, TagDialog)
    return str(dialog.query_one("#tag-target", Label).render()), str(dialog.query_one("#tag-where", Label).render())


async def test_an_ended_selection_stays_and_is_what_t_tags(sample_app: ParallaxApp) -> None:
    """The issue's steps: n, l, ) ), v, w w w w e, v, t offered the focused group."""
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "l", "right_parenthesis", "right_parenthesis", "v", "w", "w", "w", "w", "e")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None and pane is screen.panes[1] and screen.focused_group is not None
        words = selected_text(pane)
        chars = len(words)
        assert len(words.split()) == 5
        assert status(screen).startswith(f"SELECT · {chars} chars")
        await pilot.press("v")  # ends the selection: it stays, drawn
        await pilot.pause()
        assert selected_text(pane) == words and not pane.selecting
        assert [(m.start, m.end) for m in pane.marks("selection")] == [pane.selection]
        assert status(screen).startswith(f"SELECTED · {chars} chars")
        await pilot.press("w", "w")  # the cursor moves on; the selection stays as it was
        assert selected_text(pane) == words
        await pilot.press("t")
        await pilot.pause()
        quote, where = dialog_lines(sample_app)
        assert quote == f"\u201c{' '.join(words.split())}\u201d"
        assert where == f"{chars} chars in {pane.document.title}"
        assert "articles" not in where
        await pilot.press(*"checked", "enter", "ctrl+s")
        await settle(pilot)
        with AnnotationStore.open(sample_app.workspace.store_path) as store:
            (annotation,) = store.all()
        assert (annotation.doc, annotation.exact, annotation.tags, annotation.group) == (pane.document.id, words, ("checked",), None)
        await until(pilot, lambda: pane.selection is None)  # used: the selection is gone
        assert "SELECT" not in status(screen)


async def test_cancelling_the_dialog_keeps_the_selection_and_one_escape_clears_it(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "v", "e", "e", "v", "t")
        await pilot.pause()
        assert isinstance(sample_app.screen, TagDialog)
        await pilot.press("escape")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None and pane.selection is not None  # not used: still there
        await pilot.press("escape")
        await pilot.pause()
        assert pane.selection is None and "SELECT" not in status(screen)
        await pilot.press("t")  # nothing selected: the focused passage, in every article
        await pilot.pause()
        _quote, where = dialog_lines(sample_app)
        group = screen.focused_group
        assert group is not None
        assert where.startswith(f"{len(group.spans)} spans in {len(group.doc_ids)} articles: ")


async def test_search_puts_the_cursor_at_the_hit_and_selects_nothing(sample_app: ParallaxApp) -> None:
    """After / the hit was selected invisibly, the cursor after it; b b v e e e t tagged the
    focused group, and Esc had to be pressed twice."""
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "slash", *"emergency meeting")
        dialog = sample_app.screen
        assert isinstance(dialog, SearchScreen)
        await until(pilot, lambda: dialog.hits_query == "emergency meeting" and bool(dialog.hits))
        await pilot.press("enter")
        await until(pilot, lambda: screen.search_result is not None)
        await pilot.pause()
        hit = screen.search_result.chosen  # type: ignore[union-attr]
        pane = screen.focused_pane
        assert pane is not None and pane.document.id == hit.doc
        assert pane.cursor == hit.start and pane.selection is None
        assert "SELECT" not in status(screen)
        text = pane.document.text
        start = motions.word_back(text, motions.word_back(text, hit.start))
        await pilot.press("b", "b", "v", "e", "e", "e")
        end = pane.cursor
        assert pane.selection == (start, end)
        await pilot.press("t")
        await pilot.pause()
        quote, where = dialog_lines(sample_app)
        assert quote == f"\u201c{' '.join(text[start:end].split())}\u201d"
        assert where == f"{end - start} chars in {pane.document.title}"
        await pilot.press("escape", "escape")  # the dialog, then the selection
        await pilot.pause()
        assert pane.selection is None and screen.search_result is not None
        await pilot.press("escape")  # one Esc clears the search marks
        await pilot.pause()
        assert screen.search_result is None


async def test_number_keys_and_copy_act_on_the_ended_selection(sample_app: ParallaxApp) -> None:
    with AnnotationStore.open(sample_app.workspace.store_path) as store:
        store.save_tagset(make_tagset(["claim", "quote"]))
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "l", "v", "e", "e", "v")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None
        words = selected_text(pane)
        await pilot.press("y")
        await pilot.pause()
        assert sample_app.clipboard.startswith(f"\u201c{words}\u201d")
        assert pane.selection is None  # used
        await pilot.press("v", "e", "e", "e", "v", "2")
        await settle(pilot)
        with AnnotationStore.open(sample_app.workspace.store_path) as store:
            annotations = store.all()
        assert [(a.doc, a.tags, a.group) for a in annotations] == [(pane.document.id, ("quote",), None)]
        assert len(annotations[0].exact.split()) == 3
        assert pane.selection is None


async def test_a_mouse_drag_selects_whole_words_and_stays(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[0]
        text = pane.document.text
        line = next(n for n, (s, e) in enumerate(pane.screen_lines) if len(text[s:e].split()) > 4)
        line_start, _ = pane.screen_lines[line]
        # From inside the first word to inside the third.
        first, third = text[line_start:].split()[0], text[line_start:].split()[2]
        release = text.index(third, line_start) + 1
        await pilot.mouse_down(pane, offset=(GUTTER_WIDTH + 1, line))
        await pilot.hover(pane, offset=(GUTTER_WIDTH + release - line_start, line))
        await pilot.mouse_up(pane, offset=(GUTTER_WIDTH + release - line_start, line))
        await pilot.pause()
        words = selected_text(pane)
        assert words.startswith(first) and words.endswith(third) and len(words.split()) == 3
        assert not pane.selecting and status(screen).startswith(f"SELECTED · {len(words)} chars")
        await pilot.press("w")  # stays after the drag, until used or cleared
        assert selected_text(pane) == words


async def test_the_tag_dialog_shows_what_it_tags_at_80x24(sample_app: ParallaxApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "v", *"eeeeeeeeeeee", "v")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None
        words = selected_text(pane)
        assert status(screen).startswith(f"SELECTED · {len(words)} chars")
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(sample_app)
        first_words = " ".join(words.split()[:3])
        assert f"\u201c{first_words}" in shown, shown
        assert f"{len(words)} chars in " in shown, shown
