"""Tagging through C2's dialog, the annotations panel, editing, deleting and undo: every change
lands in the store in tmp_path and shows in the panes."""

from __future__ import annotations

import pytest

from reader.core.store import AnnotationStore
from reader.ui.dialogs.tag import TagDialog
from reader.ui.widgets.annotations_panel import AnnotationsPanel
from tests.ui.conftest import SIZE, Setup, ready, settle


def _stored(setup: Setup):  # type: ignore[no-untyped-def]
    with AnnotationStore.open(setup.store_path) as store:
        return store.all()


async def _tag_in_dialog(pilot, tag: str, note: str = "") -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, TagDialog)
    await pilot.press(*tag)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert tag in dialog.chosen
    if note:
        dialog.note_area.text = note
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_tagging_a_selection_saves_it_and_marks_it(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[0]
        text = pane.document.text
        await pilot.press("w", "v", "w", "e")
        start, end = pane.selection
        assert text[start:end] == "reports Tehran's"
        await pilot.press("t")
        await _tag_in_dialog(pilot, "framing", note="who reports first")
        (annotation,) = _stored(setup)
        assert (annotation.doc, annotation.start, annotation.end) == ("alpha", start, end)
        assert annotation.exact == "reports Tehran's"
        assert annotation.tags == ("framing",)
        assert annotation.note == "who reports first"
        assert annotation.group is None
        # Marked in its pane, listed in the panel, and the selection is gone.
        assert [(m.start, m.end) for m in pane.marks("annotations")] == [(start, end)]
        assert pane.selection is None
        panel = screen.query_one(AnnotationsPanel)
        assert [a.annotation.id for a in panel.annotations] == [annotation.id]


async def test_tagging_the_focused_group_tags_every_span_at_once(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "n")
        group = screen.focused_group
        assert group is not None and group.id == "g-threat"
        await pilot.press("t")
        await _tag_in_dialog(pilot, "threat")
        stored = _stored(setup)
        assert sorted((a.doc, a.start, a.end) for a in stored) == sorted((s.doc, s.start, s.end) for s in group.spans)
        assert {a.group for a in stored} == {"g-threat"}
        assert {a.tags for a in stored} == {("threat",)}
        for pane in screen.panes:
            assert len(pane.marks("annotations")) == 1


async def test_annotations_persist_across_runs(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "t")
        await _tag_in_dialog(pilot, "meeting")
        await pilot.press("q")
    again = setup.app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert len(screen.anchored) == 2
        assert {a.annotation.tags for a in screen.anchored} == {("meeting",)}
        assert sum(len(p.marks("annotations")) for p in screen.panes) == 2


@pytest.mark.slow
async def test_edit_delete_and_undo_from_the_panel(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("w", "v", "e", "t")
        await _tag_in_dialog(pilot, "first")
        (original,) = _stored(setup)

        await pilot.press("a")  # the panel, focused
        await pilot.pause()
        panel = screen.query_one(AnnotationsPanel)
        assert panel.display
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TagDialog) and dialog.chosen == ("first",)
        await _tag_in_dialog(pilot, "second")
        (edited,) = _stored(setup)
        assert edited.id == original.id and edited.tags == ("first", "second")

        await pilot.press("u")
        await settle(pilot)
        (undone,) = _stored(setup)
        assert undone.tags == ("first",)

        panel.focus()
        await pilot.press("d")
        await settle(pilot)
        assert _stored(setup) == ()
        assert screen.panes[0].marks("annotations") == ()

        await pilot.press("u")
        await settle(pilot)
        (restored,) = _stored(setup)
        assert restored.id == original.id and restored.tags == ("first",)
        assert len(screen.panes[0].marks("annotations")) == 1

        await pilot.press("u")  # undo the tagging itself
        await settle(pilot)
        assert _stored(setup) == ()
        assert screen.check_action("undo", ()) is False


async def test_choosing_an_annotation_in_the_panel_shows_its_span(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "n", "t")
        await _tag_in_dialog(pilot, "threat")
        await pilot.press("a")
        await pilot.pause()
        panel = screen.query_one(AnnotationsPanel)
        target = panel.highlighted
        assert target is not None
        await pilot.press("enter")
        await pilot.pause()
        pane = screen.focused_pane
        assert pane is not None and pane.document.id == target.annotation.doc
        # The cursor at its start, nothing selected (a jump never selects: t would tag it again).
        assert pane.cursor == target.start and pane.selection is None
        assert pane.offset_visible(target.start)


async def test_cancelling_the_dialog_saves_nothing(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "t")
        await pilot.pause()
        await pilot.press(*"ignored", "enter", "escape")
        await settle(pilot)
        assert not setup.store_path.exists() or _stored(setup) == ()


@pytest.mark.slow
async def test_an_annotation_whose_text_is_gone_is_kept_and_reported(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("w", "v", "w", "e", "t")
        await _tag_in_dialog(pilot, "gone")
    alpha = setup.corpus_dir / "alpha.txt"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Alpha reports Tehran's call", "Completely new headline"), encoding="utf-8")
    again = setup.app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        (item,) = screen.anchored
        assert not item.placed
        assert screen.panes[0].marks("annotations") == ()
        status = str(screen.query_one("#status").render())
        assert "1 annotation (1 no longer found in their article)" in status
    assert len(_stored(setup)) == 1
