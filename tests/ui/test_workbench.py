"""The annotations panel as a workbench: links (both ends shown, followed, exported), filters,
sorting, bulk retag and delete of the filtered set (undoable), number keys, notes at full width."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from textual.widgets import OptionList

from reader.core.annotate import Anchored
from reader.core.annotate.tagset import make_tagset
from reader.core.store import AnnotationStore
from reader.ui.dialogs.choice import ChoiceDialog
from reader.ui.dialogs.tag import TagDialog
from reader.ui.widgets.annotations_panel import AnnotationsPanel
from reader.workspace import Workspace
from tests.core.test_export import SCHEMA
from tests.ui.conftest import SIZE, Setup, ready, settle


def seed(setup: Setup) -> dict[str, str]:
    """Four annotations: the meeting passage in alpha and bravo, the threat in alpha and charlie."""
    workspace = Workspace.load(setup.corpus_dir, setup.store_path)

    def at(doc: str, phrase: str) -> tuple[str, int, int]:
        start = workspace.documents[doc].text.index(phrase)
        return doc, start, start + len(phrase)

    ids = {}
    for key, doc, phrase, tags, note in [
        ("a-meeting", "alpha", "emergency meeting", ["claim"], "Who asked first? " * 8),
        ("b-meeting", "bravo", "special meeting", ["claim", "Iran"], ""),
        ("a-threat", "alpha", "devastating response", ["quote"], ""),
        ("c-threat", "charlie", "crushing response", ["quote", "iran"], ""),
    ]:
        (added,) = workspace.add_spans([at(doc, phrase)], tags, note)
        ids[key] = added.id
    workspace.close()
    return ids


def rows(panel: AnnotationsPanel) -> list[str]:
    return [item.annotation.exact for item in panel.annotations]


def prompts(panel: AnnotationsPanel) -> list[str]:
    option_list = panel.option_list
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def open_panel(pilot) -> AnnotationsPanel:  # type: ignore[no-untyped-def]
    screen = await ready(pilot)
    await pilot.press("a")
    await settle(pilot)
    panel = screen.query_one(AnnotationsPanel)
    for _ in range(20):  # the rows are cut again once the list is laid out (after a refresh)
        if panel.option_list.size.width and panel._listed_width == panel._row_width():
            break
        await pilot.pause()
    return panel


async def choose(pilot, value: str) -> None:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    options = dialog.query_one(OptionList)
    options.focus()
    options.highlighted = [c.value for c in dialog.choices].index(value)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_link_shows_at_both_ends_is_followed_and_exported(setup: Setup, tmp_path: Path) -> None:
    ids = seed(setup)
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        assert rows(panel) == ["emergency meeting", "devastating response", "special meeting", "crushing response"]
        panel.highlight(ids["a-threat"])
        await pilot.press("k")
        assert panel.linking is not None and "Linking from" in str(panel.query_one("#annotations-bar").render())
        panel.highlight(ids["c-threat"])
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "contradicts")
        with AnnotationStore.open(setup.store_path) as store:
            (link,) = store.links()
        assert (link.source, link.target, link.relation) == (ids["a-threat"], ids["c-threat"], "contradicts")
        shown = prompts(panel)
        assert any("\u2192 contradicts \u201ccrushing response\u201d" in p for p in shown), shown
        assert any("\u2190 contradicts \u201cdevastating response\u201d" in p for p in shown), shown
        # o goes to the other end; the palette offers it too while the panel is shown.
        panel.highlight(ids["a-threat"])
        await pilot.press("o")
        assert panel.highlighted is not None and panel.highlighted.annotation.id == ids["c-threat"]
        from reader.ui.commands import ParallaxCommands

        titles = {c.title: c for c in ParallaxCommands(app.screen).commands()}
        assert {"Follow a link", "Filter the annotations", "Retag every annotation listed"} <= set(titles)
        titles["Follow a link"].callback()
        await pilot.pause()
        assert panel.highlighted is not None and panel.highlighted.annotation.id == ids["a-threat"]
        # A relation of one's own, typed.
        panel.highlight(ids["a-meeting"])
        await pilot.press("k")
        panel.highlight(ids["b-meeting"])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"rewords", "enter")
        await settle(pilot)
    workspace = Workspace.load(setup.corpus_dir, setup.store_path)
    assert sorted(link.relation for link in workspace.links()) == ["contradicts", "rewords"]
    lines = [json.loads(line) for line in workspace.export_text("jsonl").splitlines()]
    assert sorted((line["source"], line["target"]) for line in lines if line["kind"] == "link") == sorted(
        [(ids["a-threat"], ids["c-threat"]), (ids["a-meeting"], ids["b-meeting"])]
    )
    collection = json.loads(workspace.export_text("w3c"))
    jsonschema.validate(collection, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert len([i for i in collection["first"]["items"] if i["motivation"] == "linking"]) == 2
    workspace.export("brat", tmp_path / "brat")
    relations = [line for line in (tmp_path / "brat" / "alpha.ann").read_text().splitlines() if line.startswith("R")]
    assert relations == []  # both links cross articles: brat cannot hold them
    assert workspace.export_notes("brat") == ("2 links left out of the brat export (brat holds links within one article only)",)


async def test_filters_sorting_and_bulk_retag_of_the_filtered_set(setup: Setup) -> None:
    ids = seed(setup)
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        await pilot.press("slash", *"#quote")
        await pilot.pause()
        assert rows(panel) == ["devastating response", "crushing response"]
        assert "2 of 4 annotations" in str(panel.query_one("#annotations-bar").render())
        await pilot.press("ctrl+a", "ctrl+k", *"@bravo")  # an article
        await pilot.pause()
        assert rows(panel) == ["special meeting"]
        await pilot.press("ctrl+a", "ctrl+k", *"tag:iran meeting")  # a tag (any case) and a word
        await pilot.pause()
        assert rows(panel) == ["special meeting"]
        await pilot.press("ctrl+a", "ctrl+k", *"#iran", "enter")
        await pilot.pause()
        assert rows(panel) == ["special meeting", "crushing response"] and not panel.filter_focused
        # Bulk retag: 'Iran' is on both (any case), so it is offered; remove it, add 'checked'.
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TagDialog) and dialog.chosen == ("Iran",)
        assert not dialog.note_area.display
        await pilot.press(*"checked", "enter", "tab", "tab", "enter")  # to the chosen list: remove Iran
        await pilot.pause()
        assert dialog.chosen == ("checked",), dialog.chosen
        await pilot.press("ctrl+s")
        await settle(pilot)
        with AnnotationStore.open(setup.store_path) as store:
            tags = {a.id: a.tags for a in store.all()}
        assert tags == {
            ids["a-meeting"]: ("claim",),
            ids["b-meeting"]: ("claim", "checked"),
            ids["a-threat"]: ("quote",),
            ids["c-threat"]: ("quote", "checked"),
        }
        assert rows(panel) == []  # nothing has 'iran' any more
        await pilot.press("u")
        await settle(pilot)
        with AnnotationStore.open(setup.store_path) as store:
            assert {a.id: a.tags for a in store.all()}[ids["c-threat"]] == ("quote", "iran")
        # Sorting: by tag, then by date (newest first).
        await pilot.press("escape")
        panel.filter_input.value = ""
        await pilot.pause()
        panel.focus()
        await pilot.press("O", "O")
        assert panel.sort.value == "tag"
        assert rows(panel) == ["emergency meeting", "special meeting", "devastating response", "crushing response"]
        await pilot.press("O")
        assert panel.sort.value == "date"
        assert [item.annotation.id for item in panel.annotations][0] in ids.values()


async def test_bulk_delete_asks_and_undo_brings_everything_back(setup: Setup) -> None:
    ids = seed(setup)
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        panel.highlight(ids["a-threat"])
        await pilot.press("k")
        panel.highlight(ids["c-threat"])
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "quotes")
        await pilot.press("slash", *"#quote", "enter", "D")
        await pilot.pause()
        await choose(pilot, "")  # "Keep them"
        with AnnotationStore.open(setup.store_path) as store:
            assert len(store.all()) == 4
        await pilot.press("D")
        await pilot.pause()
        await choose(pilot, "delete")
        with AnnotationStore.open(setup.store_path) as store:
            assert sorted(a.id for a in store.all()) == sorted([ids["a-meeting"], ids["b-meeting"]])
            assert store.links() == ()  # deleted with the annotations
        await pilot.press("u")
        await settle(pilot)
        with AnnotationStore.open(setup.store_path) as store:
            assert len(store.all()) == 4 and len(store.links()) == 1


async def test_number_keys_in_the_panel_toggle_a_tag_and_go_on(setup: Setup) -> None:
    ids = seed(setup)
    with AnnotationStore.open(setup.store_path) as store:
        store.save_tagset(make_tagset(["checked", "claim"]))
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        panel.highlight(ids["a-meeting"])
        await pilot.press("1")
        await settle(pilot)
        assert panel.highlighted is not None and panel.highlighted.annotation.id == ids["a-threat"]  # went on
        await pilot.press("2")  # claim is not on a-threat: added
        await settle(pilot)
        panel.highlight(ids["a-meeting"])
        await pilot.press("2")  # claim is on a-meeting: removed
        await settle(pilot)
        with AnnotationStore.open(setup.store_path) as store:
            tags = {a.id: a.tags for a in store.all()}
        assert tags[ids["a-meeting"]] == ("checked",) and tags[ids["a-threat"]] == ("quote", "claim")


async def test_notes_use_the_width_of_the_panel(setup: Setup) -> None:
    ids = seed(setup)
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        note = next(p for p in prompts(panel) if "\u270e" in p)
        shown = note.split("\u270e ", 1)[1]
        assert len(shown) > 100 and shown.startswith("Who asked first? Who asked first?")  # not cut at 60
        panel.highlight(ids["a-meeting"])
        assert isinstance(panel.highlighted, Anchored)
    app = setup.app()
    async with app.run_test(size=(70, 40)) as pilot:
        panel = await open_panel(pilot)
        note = next(p for p in prompts(panel) if "\u270e" in p).split("\u270e ", 1)[1]
        assert len(note) < 140  # a narrow panel: three lines of its width
