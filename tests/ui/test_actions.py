"""The action registry: every binding, ``check_action``, the Footer, the help screen and the
command palette come from it, and an action declared there alone shows in all of them."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.command import CommandList
from textual.dom import DOMNode

import reader.ui
from reader.ui.actions import (
    ACTIONS,
    ANNOTATION_LIST,
    ANNOTATIONS,
    APP,
    CHOICE,
    EXPORT,
    FIGURE_TABLE,
    FIGURES,
    HELP,
    PANE,
    READING,
    SEARCH,
    TAG_CHOSEN,
    TAG_DIALOG,
    TAG_OPTIONS,
    TAGSET,
    VARIANTS,
    VOICE_TREE,
    VOICES,
)
from reader.ui.app import ParallaxApp
from reader.ui.dialogs.choice import ChoiceDialog
from reader.ui.dialogs.export import ExportDialog
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.search import SearchScreen
from reader.ui.dialogs.tag import ChosenTags, TagDialog, TagOptions
from reader.ui.dialogs.tagset import TagSetEditor
from reader.ui.dialogs.variants import VariantsScreen
from reader.ui.registry import Action, ActionRegistry, Scope
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.annotation_list import AnnotationList
from reader.ui.widgets.annotations_panel import AnnotationsPanel
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.figures_panel import FiguresPanel, FiguresTable
from reader.ui.widgets.voices_panel import VoicesPanel, VoicesTree
from tests.conftest import ROOT
from tests.ui.conftest import ARTICLES, SIZE, Setup, ready

OWNERS: dict[Scope, type[DOMNode]] = {
    READING: ReadingScreen,
    PANE: ArticlePane,
    ANNOTATION_LIST: AnnotationList,
    ANNOTATIONS: AnnotationsPanel,
    APP: ParallaxApp,
    TAG_DIALOG: TagDialog,
    TAG_OPTIONS: TagOptions,
    TAG_CHOSEN: ChosenTags,
    SEARCH: SearchScreen,
    EXPORT: ExportDialog,
    HELP: HelpScreen,
    VARIANTS: VariantsScreen,
    TAGSET: TagSetEditor,
    CHOICE: ChoiceDialog,
    FIGURES: FiguresPanel,
    FIGURE_TABLE: FiguresTable,
    VOICES: VoicesPanel,
    VOICE_TREE: VoicesTree,
}
"""The one class that owns each scope."""


def ui_classes() -> list[type[DOMNode]]:
    """Every screen and widget class defined under ``reader.ui``."""
    found = []
    for module in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.name:
                found.append(cls)
    return found


def test_every_scope_binds_its_keys_on_one_class_and_nothing_else_binds_by_hand() -> None:
    assert {action.scope for action in ACTIONS} == set(OWNERS)
    for scope, owner in OWNERS.items():
        assert owner.BINDINGS == ACTIONS.bindings(scope), owner
    classes = ui_classes()
    assert len(classes) > 15
    for cls in classes:
        if "BINDINGS" in vars(cls) or "check_action" in vars(cls):
            assert cls in OWNERS.values(), f"{cls.__name__} binds keys or checks actions outside the registry"


def test_every_declared_action_runs_a_method_of_its_owner() -> None:
    for action in ACTIONS:
        namespace, name, _ = action.parsed
        owner = ParallaxApp if namespace == "app" else OWNERS[action.scope]
        assert callable(getattr(owner, f"action_{name}", None)), action.id


def reading_state(**changes: object) -> SimpleNamespace:
    """What the reading screen's predicates read, as plain attributes."""
    state = {
        "groups": (),
        "aligned": True,
        "focused_group": None,
        "selection": None,
        "store_error": None,
        "can_undo": False,
        "anchored": (),
        "documents": {"a": None, "b": None},
        "search_result": None,
    }
    return SimpleNamespace(**{**state, **changes})


def test_check_action_follows_the_declared_predicates() -> None:
    def check(name: str, *parameters: object, **state: object) -> bool:
        return ACTIONS.check(READING, reading_state(**state), name, parameters)

    assert check("next_group", aligned=False)  # offered while aligning: jumps when done
    assert not check("next_group") and check("next_group", groups=("g",))
    assert not check("variants") and check("variants", focused_group="g")
    assert check("tag", selection=(1, 2)) and check("tag", focused_group="g")
    assert not check("tag", focused_group="g", store_error="broken")
    assert not check("undo") and check("undo", can_undo=True) and not check("undo", can_undo=True, store_error="x")
    assert not check("export") and check("export", anchored=("a",))
    assert not check("clear_search") and check("clear_search", search_result="r")
    assert check("focus_article", 1) and check("focus_article", -1)
    assert not check("focus_article", 1, documents={"a": None})
    # Actions the registry does not declare (inherited ones) are left to Textual.
    assert check("focus_next") and check("search") and check("zoom")
    pane = SimpleNamespace(anchor=None)
    assert not ACTIONS.check(PANE, pane, "clear_selection", ())
    pane.anchor = 3
    assert ACTIONS.check(PANE, pane, "clear_selection", ())


def test_the_registry_refuses_what_would_drift_or_clash() -> None:
    scope = Scope("test scope", "Test")
    registry = ActionRegistry()
    registry.add(Action("one", scope, "x,y", "One", "The first", palette=True))
    with pytest.raises(ValueError, match="declared twice"):
        registry.add(Action("one", scope, "z", "One again", "Again"))
    with pytest.raises(ValueError, match="y is bound twice in test scope: one and two"):
        registry.add(Action("two", scope, "y", "Two", "The second"))
    with pytest.raises(ValueError, match="ctrl\\+m arrives as another key"):
        registry.add(Action("three", scope, "ctrl+m", "Three", "The third"))
    with pytest.raises(ValueError, match="palette title 'One' is used twice"):
        registry.add(Action("four", Scope("other"), "q", "One", "The fourth", palette=True))
    registry.add(Action("five", Scope("other"), "x", "Five", "Same key, another scope"))
    assert [action.id for action in registry] == ["one", "five"]
    assert [binding.key for binding in registry.bindings(scope)] == ["x,y"]
    assert registry.help_rows() == [("Test", "x, y", "One", "The first")]


def test_help_rows_follow_the_sections_and_the_order_of_declaration() -> None:
    rows = ACTIONS.help_rows()
    assert list(dict.fromkeys(row.section for row in rows)) == ["Passages", "Reading", "Annotations", "Figures and voices", "App"]
    listed = {(row.section, row.keys) for row in rows}
    for action in ACTIONS:
        if action.scope.section is not None and action.in_help:
            assert (action.scope.section, action.keys_label or "ctrl+p") in listed, action.id
    # The number keys are not listed one by one: the help lists the tag set with its keys.
    assert not [row for row in rows if row.keys in {str(n) for n in range(1, 10)}]
    assert ("App", "ctrl+p") in listed and ("Passages", "n, ]") in listed and ("Reading", "(") in listed


async def palette_titles(pilot, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Open the command palette, type ``query``, and read the commands it lists."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    if query:
        await pilot.press(*query)
    commands = pilot.app.screen.query_one(CommandList)
    count = -1
    while commands.option_count != count:  # discovery fills the list in batches
        count = commands.option_count
        await pilot.pause(0.1)
    return [option.hit.text or str(option.hit.prompt) for option in commands.options]


async def test_the_palette_lists_every_action_once_and_the_themes(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = await palette_titles(pilot)
    assert len(titles) == len(set(titles)), sorted(titles)
    assert titles.count("Quit") == 1  # ours; Textual's own is left out
    offered = {"Next shared passage", "Search articles", "Export tagged spans", "Help", "Quit", "Next article"}
    assert offered <= set(titles)
    assert titles.count("Clear search marks") == 1  # listed, saying why it does nothing now
    assert {"Theme: dark", "Theme: light", "Theme: high contrast"} <= set(titles)
    assert "Theme" not in titles  # Textual's picker offers themes without the highlight colours


THROWAWAY = '''
import asyncio, json, os, sys
from pathlib import Path

os.environ["TEXTUAL_ANIMATIONS"] = "none"
from reader.ui.actions import ACTIONS, READING
from reader.ui.registry import Action

# The one edit: a declaration (it runs Textual's bell, so it needs no new method).
ACTIONS.add(
    Action("throwaway", READING, "f9", "Throwaway", "A throwaway action declared by a test",
           run="app.bell", palette=True, title="Throw it away"),
)

from textual.command import CommandList
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.footer import ParallaxFooter
from tests.ui.conftest import hand_aligner


async def main(corpus: Path) -> dict:
    app = make_app(corpus, corpus.parent / "store.json", aligner=hand_aligner)
    rang = []
    app.bell = lambda: rang.append("bell")
    out = {"bindings": [b.key for b in ReadingScreen.BINDINGS if b.id == "throwaway"]}
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        out["footer"] = [str(key.render()) for key in app.screen.query_one(ParallaxFooter).children]
        await pilot.press("f9")
        await pilot.pause()
        out["key"] = list(rang)
        await pilot.press("question_mark")
        await pilot.pause()
        out["help"] = [list(row) for row in app.screen.rows if row.description == "Throwaway"]
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"Throw")
        await pilot.pause(0.3)
        hits = app.screen.query_one(CommandList).options
        out["palette"] = [(str(o.hit.prompt), o.hit.help) for o in hits]
        await pilot.press("enter")
        await pilot.pause()
        out["chosen"] = list(rang)
    return out


print(json.dumps(asyncio.run(main(Path(sys.argv[1])))))
'''


@pytest.mark.slow
def test_an_action_declared_in_the_registry_alone_is_bound_shown_listed_and_offered(tmp_path: Path) -> None:
    """A throwaway action, added to the registry before the app is built (as a declaration in
    reader/ui/actions.py would be), in a fresh interpreter: its key works, and it is in the
    bindings, the Footer, the help screen and the palette."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", THROWAWAY, str(corpus)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.splitlines()[-1])
    assert out["bindings"] == ["f9"]
    assert any("f9" in key and "Throwaway" in key for key in out["footer"]), out["footer"]
    assert out["key"] == ["bell"]
    assert out["help"] == [["Passages", "f9", "Throwaway", "A throwaway action declared by a test"]]
    assert ["Throw it away", "A throwaway action declared by a test (f9)"] in [list(hit) for hit in out["palette"]]
    assert out["chosen"] == ["bell", "bell"]
    assert "throwaway" not in [action.id for action in ACTIONS]  # this interpreter never saw it
