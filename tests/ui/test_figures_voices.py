"""The figures panel (f) and the voices panel (s): they fill after the first frame from the
extractor's worker, enter scrolls every article to the mentions and marks them, t tags them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.store import AnnotationStore
from reader.ui.actions import ACTIONS
from reader.ui.app import make_app
from reader.ui.widgets.figures_panel import FiguresPanel
from reader.ui.widgets.voices_panel import VoicesPanel
from tests.conftest import SAMPLE_CORPUS
from tests.ui.conftest import SIZE, ready, settle


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample corpus (the real aligner runs on it) and settings in tmp_path."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, folder)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


def _app(folder: Path):  # type: ignore[no-untyped-def]
    app = make_app(folder, folder.parent / "store.json")
    app.animation_level = "none"
    return app


async def _open(pilot, key: str, kind: type) -> object:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(pilot)
    panel = pilot.app.screen.query_one(kind)
    assert panel.display
    return panel


async def test_the_figures_panel_lists_disagreements_first_with_each_articles_value(sample: Path) -> None:
    async with _app(sample).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        panel = await _open(pilot, "f", FiguresPanel)
        assert panel.table.has_focus
        groups = panel.groups
        assert [g.agree for g in groups] == sorted(g.agree for g in groups) and not groups[0].agree
        first = [str(cell) for cell in panel.table.get_row_at(0)]
        assert first[:2] == ["\u2260 DISAGREE", "Israelis killed"]  # in a sign and a word, not colour alone
        assert first[2:] == ["> 700", "\u2265 700", "1,300", "1,300", "\u2265 1,400"]
        labels = [str(c.label) for c in panel.table.columns.values()]
        assert any("October 09,2023" in label for label in labels) and any("Oct 15" in label for label in labels)
        assert "6 figures given by several articles; 4 disagree" in str(panel.header.render())
        await pilot.press("f")
        await settle(pilot)
        assert not panel.display and screen.focused_pane is not None and screen.focused_pane.has_focus


async def test_enter_scrolls_every_article_to_the_mentions_and_marks_them(sample: Path) -> None:
    async with _app(sample).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        panel = await _open(pilot, "f", FiguresPanel)
        await pilot.press("enter")
        await settle(pilot)
        figure = panel.groups[0]
        assert screen.focused_group is not None and screen.focused_group.id == figure.id
        for pane in screen.panes:
            mine = [m for m in figure.mentions if m.doc == pane.document.id]
            focus = [(m.start, m.end) for m in pane.marks("focus")]
            assert focus == [(m.start, m.end) for m in mine]
            if mine:
                assert pane.line_of(mine[0].start) in pane.visible_lines
        await pilot.press("n")  # the next aligned passage takes the focus back
        await settle(pilot)
        assert screen.picked is None and screen.focused_group is screen.groups[0]


async def test_t_in_the_figures_panel_tags_every_mention(sample: Path) -> None:
    app = _app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = await _open(pilot, "f", FiguresPanel)
        await pilot.press("down", "t")  # the second figure, without enter
        await settle(pilot)
        await pilot.press(*"toll", "enter", "ctrl+s")
        await settle(pilot)
        figure = panel.groups[1]
    with AnnotationStore.open(sample.parent / "store.json") as store:
        stored = sorted((a.doc, a.start, a.end) for a in store.all())
        assert all(a.tags == ("toll",) for a in store.all())
    assert stored == sorted((m.doc, m.start, m.end) for m in figure.mentions)


async def test_the_voices_panel_puts_each_speaker_under_one_name(sample: Path) -> None:
    async with _app(sample).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        panel = await _open(pilot, "s", VoicesPanel)
        names = [s.name for s in panel.speakers]
        assert names[:2] == ["Ebrahim Raisi", "Hossein Amir-Abdollahian"] and "Ali Khamenei" in names
        tree = panel.tree
        assert tree.has_focus and tree.cursor_node is not None and tree.cursor_node.data == ("s1", None)
        label = str(tree.root.children[1].label)
        assert "Amirabdollahian" in label and "3 articles" in label
        await pilot.press("down", "enter")  # Raisi's first quotation
        await settle(pilot)
        quote = panel.speakers[0].quotes[0]
        assert screen.focused_group is not None and screen.focused_group.id == quote.id
        (pane,) = [p for p in screen.panes if p.document.id == quote.spans[0].doc]
        assert [(m.start, m.end) for m in pane.marks("focus")] == [(quote.spans[0].start, quote.spans[0].end)]


async def test_f_and_s_are_declared_once_and_offered_everywhere(sample: Path) -> None:
    ids = {a.id for a in ACTIONS}
    assert {"toggle_figures", "toggle_voices", "figures.show", "figures.tag", "voices.show", "voices.tag"} <= ids
    rows = {(row.section, row.keys, row.description) for row in ACTIONS.help_rows()}
    assert ("Passages", "f", "Figures") in rows and ("Figures and voices", "t", "Tag") in rows
    from tests.ui.test_actions import palette_titles

    async with _app(sample).run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = await palette_titles(pilot, "panel")
    assert {"Toggle figures panel", "Toggle voices panel"} <= set(titles)
