"""Tagging from the keyboard: the tag set on the keys 1-9, apply-and-next, ``.``, the tenth tag in
the palette, a damaged tag set file, editing the set in the app, redo, copying with a citation."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from reader.core.annotate.tagset import make_tagset
from reader.core.paths import tagset_path
from reader.core.store import AnnotationStore
from reader.ui.commands import ParallaxCommands
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.tag import TagDialog
from reader.ui.dialogs.tagset import TagSetEditor
from tests.ui.conftest import SIZE, Setup, ready, settle


def set_tags(setup: Setup, *tags: str) -> None:
    with AnnotationStore.open(setup.store_path) as store:
        store.save_tagset(make_tagset(tags))


def stored(setup: Setup):  # type: ignore[no-untyped-def]
    with AnnotationStore.open(setup.store_path) as store:
        return store.all()


def by_group(setup: Setup) -> dict[str | None, set[tuple[str, ...]]]:
    out: dict[str | None, set[tuple[str, ...]]] = {}
    for a in stored(setup):
        out.setdefault(a.group, set()).add(a.tags)
    return out


async def test_number_keys_tag_the_focused_group_and_go_on(setup: Setup) -> None:
    set_tags(setup, "claim", "figure", "quote")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "1 claim  2 figure  3 quote (then next: .)" in screen.status_line.status.line()
        await pilot.press("1")  # nothing focused, nothing selected: nothing to tag
        await settle(pilot)
        assert stored(setup) == ()
        await pilot.press("n", "1")
        await settle(pilot)
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"  # went on
        await pilot.press("2")
        await settle(pilot)
        groups = {g.id: g for g in screen.groups}
        annotations = stored(setup)
        assert sorted((a.doc, a.start, a.end) for a in annotations if a.tags == ("claim",)) == sorted(
            (s.doc, s.start, s.end) for s in groups["g-meeting"].spans
        )
        assert sorted((a.doc, a.start, a.end) for a in annotations if a.tags == ("figure",)) == sorted(
            (s.doc, s.start, s.end) for s in groups["g-threat"].spans
        )
        assert by_group(setup) == {"g-meeting": {("claim",)}, "g-threat": {("figure",)}}
        assert "\u2018figure\u2019 on 3 spans" in screen.status_line.status.line()  # said quietly
        # Pressing a key again on a tagged group adds to the same annotations, never duplicates.
        await pilot.press("p", "3")
        await settle(pilot)
        assert len(stored(setup)) == 5
        assert by_group(setup)["g-threat"] == {("figure", "quote")}


async def test_full_stop_switches_going_on_and_a_selection_is_tagged_alone(setup: Setup) -> None:
    set_tags(setup, "claim")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "full_stop")
        assert not screen.advance and "(staying: .)" in screen.status_line.status.line()
        await pilot.press("1")
        await settle(pilot)
        assert screen.focused_group is not None and screen.focused_group.id == "g-meeting"  # stayed
        pane = screen.panes[0]
        pane.move_cursor(0)
        await pilot.press("w", "v", "e")
        start, end = pane.selection  # type: ignore[misc]
        await pilot.press("1")
        await settle(pilot)
        assert pane.selection is None  # used up
        selected = [a for a in stored(setup) if a.group is None]
        assert [(a.doc, a.start, a.end, a.tags) for a in selected] == [("alpha", start, end, ("claim",))]


async def test_the_tenth_tag_has_no_key_but_the_palette_offers_it(setup: Setup) -> None:
    set_tags(setup, *[f"t{n}" for n in range(1, 12)])
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "9 t9 (then" in screen.status_line.status.line() and "t10" not in screen.status_line.status.line()
        assert ParallaxCommands(screen).commands() and not [c for c in ParallaxCommands(screen).commands() if c.title.startswith("Tag: ")]
        await pilot.press("n")
        titles = {c.title: c for c in ParallaxCommands(screen).commands()}
        assert "Tag: t1 (1)" in titles and "Tag: t9 (9)" in titles and "Tag: t10" in titles and "Tag: t11" in titles
        titles["Tag: t10"].callback()
        await settle(pilot)
        assert by_group(setup) == {"g-meeting": {("t10",)}}
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = [(r.section, r.keys, r.description) for r in help_screen.rows if r.section == "Tag set"]
        assert ("Tag set", "1", "t1") in rows and ("Tag set", "9", "t9") in rows and ("Tag set", "palette", "t10") in rows


async def test_a_damaged_tag_set_is_reported_kept_and_the_app_works_without_it(setup: Setup) -> None:
    path = tagset_path(setup.store_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"parallax": "tagset", "tags": [')
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        messages = [n.message for n in app._notifications]
        assert any("damaged tag set" in m and str(path) in m for m in messages), messages
        assert screen.tagset is not None and not screen.tagset
        await pilot.press("n", "1")
        await settle(pilot)
        assert stored(setup) == () and screen.focused_group is not None and screen.focused_group.id == "g-meeting"
        await pilot.press("t", *"works", "enter", "ctrl+s")  # tagging goes on as before
        await settle(pilot)
        assert {a.tags for a in stored(setup)} == {("works",)}
    assert path.read_bytes() == b'{"parallax": "tagset", "tags": ['


async def test_the_tag_set_is_edited_in_the_app_and_from_the_tag_dialog(setup: Setup) -> None:
    set_tags(setup, "claim")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("T")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TagSetEditor)
        editor.query_one(TextArea).text = "claim\nfigure = a number\nbad\x1b"
        await pilot.pause()
        await pilot.press("ctrl+s")  # refused: a line is not a tag
        await pilot.pause()
        assert app.screen is editor
        editor.query_one(TextArea).text = "claim\nfigure = a number"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        with AnnotationStore.open(setup.store_path) as store:
            assert [(e.tag, e.description) for e in store.tagset().tagset.entries] == [("claim", ""), ("figure", "a number")]
        assert screen.tagset is not None and screen.tagset.tags == ("claim", "figure")
        # From the tag dialog: ctrl+t offers the chosen tags for the set.
        await pilot.press("n", "t", *"quote", "enter", "ctrl+t")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TagSetEditor)
        assert editor.query_one(TextArea).text.splitlines() == ["claim", "figure=a number", "quote"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TagDialog) and dialog.tagset is not None and dialog.tagset.tags[-1] == "quote"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.tagset is not None and screen.tagset.tags == ("claim", "figure", "quote")
        # The edit is undoable like any other change.
        await pilot.press("u")
        await settle(pilot)
        assert screen.tagset is not None and screen.tagset.tags == ("claim", "figure")


async def test_redo_makes_an_undone_change_again(setup: Setup) -> None:
    set_tags(setup, "claim")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert not screen.check_action("redo", ())
        await pilot.press("n", "1")
        await settle(pilot)
        first = sorted(a.id for a in stored(setup))
        await pilot.press("u")
        await settle(pilot)
        assert stored(setup) == () and screen.can_redo and screen.check_action("redo", ())
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert sorted(a.id for a in stored(setup)) == first  # the same annotations, ids and all
        assert not screen.can_redo


async def test_y_copies_the_quote_with_its_citation(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "y")
        await pilot.pause()
        group = screen.focused_group
        assert group is not None
        alpha = screen.documents["alpha"]
        span = next(s for s in group.spans if s.doc == "alpha")
        assert app.clipboard == f"\u201c{span.text(alpha)}\u201d \u2014 {alpha.title}"
        assert any(n.title == "Copied with its citation" for n in app._notifications)


def test_a_citation_uses_the_outlet_and_date_when_the_article_knows_them(tmp_path: Path) -> None:
    from dataclasses import dataclass

    from reader.core.citation import quote_with_citation
    from reader.core.models import Document

    @dataclass(frozen=True)
    class WithFrontMatter(Document):  # what the reading room's front matter will add
        outlet: str = ""
        date: str = ""

    plain = Document("a", "a.txt", "A title", "text")
    assert quote_with_citation(" said \x1b[31m ", plain) == "\u201csaid \u241b[31m\u201d \u2014 A title"
    rich = WithFrontMatter("a", "a.txt", "A title", "text", outlet="Tehran Times", date="2023-10-09")
    assert quote_with_citation("said", rich) == "\u201csaid\u201d \u2014 A title, Tehran Times, 2023-10-09"


def painted(app) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    """The screen as painted now: the text and style of every segment of every row."""
    return [[(segment.text, segment.style) for segment in strip] for strip in app.screen._compositor.render_strips()]


async def assert_same_as_full_redraw(pilot, screen) -> None:  # type: ignore[no-untyped-def]
    """What is on screen is what drawing every pane (and its map) again from scratch gives."""
    shown = painted(pilot.app)
    for pane in screen.panes:
        pane._marks_changed()  # the whole pane drawn again, its map too
    await pilot.pause()
    assert painted(pilot.app) == shown


async def test_a_tag_redraws_only_the_lines_whose_marks_changed_and_looks_the_same(setup: Setup) -> None:
    set_tags(setup, "claim", "figure")
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "full_stop")  # on the first group, and staying there
        await settle(pilot)
        pane = screen.panes[0]
        group = screen.focused_group
        assert group is not None
        span = next(s for s in group.spans if s.doc == pane.document.id)
        changed = set(pane.page.lines_of(span.start, span.end))
        drawn = dict(pane._cache)
        untouched = [line for line in drawn if line not in changed]
        assert untouched and changed & set(drawn)  # the span's lines are on screen, and others
        revision = pane.revision
        await pilot.press("1")
        await settle(pilot)
        assert [(a.doc, a.tags) for a in stored(setup)].count((pane.document.id, ("claim",))) == 1
        # The lines the new annotation touches are drawn again; the others are kept as drawn.
        assert all(pane._cache.get(line) is drawn[line] for line in untouched)
        assert all(pane._cache.get(line) is not drawn[line] for line in changed & set(drawn))
        assert pane.revision == revision + 1  # the map is told
        await assert_same_as_full_redraw(pilot, screen)
        # A second tag on the same span changes no mark: nothing is drawn again.
        drawn = dict(pane._cache)
        await pilot.press("2")
        await settle(pilot)
        assert by_group(setup) == {group.id: {("claim", "figure")}}
        assert all(pane._cache.get(line) is strip for line, strip in drawn.items())
        await assert_same_as_full_redraw(pilot, screen)
        # Apply-and-next (the first group has the tag already; the next one gets it), then undo:
        # the marks go as they came.
        await pilot.press("full_stop", "1", "1")
        await settle(pilot)
        assert by_group(setup) == {group.id: {("claim", "figure")}, screen.groups[1].id: {("claim",)}}
        await assert_same_as_full_redraw(pilot, screen)
        await pilot.press("u")
        await settle(pilot)
        assert by_group(setup) == {group.id: {("claim", "figure")}}
        await assert_same_as_full_redraw(pilot, screen)
        await pilot.press("u", "u")
        await settle(pilot)
        assert stored(setup) == ()
        assert pane.page.marks("annotations") == ()
        await assert_same_as_full_redraw(pilot, screen)
