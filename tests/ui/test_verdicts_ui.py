"""Verdicts on groups in the reading room: ``!`` hides the focused group from the highlights and
from ``n``/``p``, undo brings it back, ``H`` shows hidden groups, the verdict is remembered and
attaches again after the next alignment; an orphan verdict is listed and never applied."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList

from reader.core.store import AnnotationStore
from reader.ui.app import make_app
from reader.ui.dialogs.choice import ChoiceDialog
from reader.ui.widgets.annotations_panel import AnnotationsPanel
from tests.ui.conftest import SIZE, Setup, hand_aligner, ready, settle


async def give_verdict(pilot, which: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("exclamation_mark")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    options = dialog.query_one(OptionList)
    options.highlighted = [c.value for c in dialog.choices].index(which)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_verdict_hides_the_group_from_n_and_undo_brings_it_back(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        assert screen.focused_group is not None and screen.focused_group.id == "g-meeting"
        await give_verdict(pilot, "not a match")
        with AnnotationStore.open(setup.store_path) as store:
            (verdict,) = store.verdicts()
        assert verdict.kind.value == "not a match" and verdict.group == "g-meeting"
        assert [g.id for g in screen.groups] == ["g-threat"]
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"  # on to the next
        seen = set()
        for _ in range(4):
            await pilot.press("n")
            seen.add(screen.focused_group.id)  # type: ignore[union-attr]
        assert seen == {"g-threat"}
        alpha = screen.panes[0]
        assert all(m.start != screen.documents["alpha"].text.index("Tehran has called") for m in alpha.marks("groups"))
        assert "1 hidden: H" in screen.status_line.status.line()
        await pilot.press("u")
        await settle(pilot)
        assert [g.id for g in screen.groups] == ["g-meeting", "g-threat"]
        assert "hidden" not in screen.status_line.status.line()


async def test_h_shows_hidden_groups_and_the_verdict_can_be_removed_there(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert not screen.check_action("toggle_hidden", ())
        await pilot.press("n", "n")
        await give_verdict(pilot, "boilerplate")
        assert [g.id for g in screen.groups] == ["g-meeting"]
        assert screen.check_action("toggle_hidden", ())
        await pilot.press("H")
        await settle(pilot)
        assert [g.id for g in screen.groups] == ["g-meeting", "g-threat"]
        assert "1 hidden shown: H" in screen.status_line.status.line()
        await pilot.press("n", "n")
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"
        await give_verdict(pilot, "")  # "Remove the verdict"
        with AnnotationStore.open(setup.store_path) as store:
            assert store.verdicts() == ()
        await pilot.press("H")
        await settle(pilot)
        assert [g.id for g in screen.groups] == ["g-meeting", "g-threat"]


async def test_verdicts_are_remembered_and_an_orphan_is_listed_never_applied(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "n")
        await give_verdict(pilot, "boilerplate")
    # Next run: the alignment finds the same passage again (the same spans): hidden again.
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert [g.id for g in screen.groups] == ["g-meeting"]
    # The next alignment finds the threat passage in alpha and bravo only: that group covers two
    # thirds of the verdict, so the verdict is an orphan, listed in the panel, and the group is
    # not hidden (an orphan is never applied to another group).
    def two_articles(documents, *, progress, cancelled):  # type: ignore[no-untyped-def]
        groups = hand_aligner(documents, progress=progress, cancelled=cancelled)
        return tuple(replace(g, id=g.id + "-2", spans=g.spans[:2]) if g.id == "g-threat" else g for g in groups)

    app = make_app(setup.corpus_dir, setup.store_path, aligner=two_articles)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert [g.id for g in screen.groups] == ["g-meeting", "g-threat-2"]
        assert screen.passages.orphans and not screen.passages.verdicts
        assert "1 verdict no longer found" in screen.status_line.status.line()
        await pilot.press("a")
        await settle(pilot)
        panel = screen.query_one(AnnotationsPanel)
        options = [str(panel.option_list.get_option_at_index(i).prompt) for i in range(panel.option_list.option_count)]
        assert any("orphan: its passage is no longer found" in text for text in options), options
