"""Themes (switched from the palette, remembered), the palette, help, hostile text shown
literally, and the ``parallax [CORPUS]`` command's arguments."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import reader
from reader.cli import open as open_command
from reader.ui.actions import ACTIONS
from reader.ui.dialogs.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.settings import Settings, load_settings, save_settings, settings_path
from reader.ui.themes import DEFAULT_THEME, load_themes, parse_theme, themes_dir
from tests.ui.conftest import SIZE, Setup, drawn_background, ready


def test_three_themes_declare_every_highlight_colour() -> None:
    themes = {theme.name: theme for theme in load_themes()}
    assert {"parallax-dark", "parallax-light", "parallax-high-contrast"} <= set(themes)
    assert themes["parallax-light"].dark is False
    names = set(themes["parallax-dark"].variables)
    assert {"hl-verbatim", "hl-near", "hl-quote", "hl-focus", "hl-annotation", "diff-added"} <= names
    for theme in themes.values():
        assert set(theme.variables) == names, theme.name


def test_the_stylesheet_uses_theme_variables_only() -> None:
    import re

    css = (themes_dir() / "app.tcss").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    colour_properties = ("color", "background", "border", "border-top", "border-left", "border-right")
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)
    colours = [value for name, value in declarations if name in colour_properties]
    assert len(colours) > 20
    for value in colours:
        assert "$" in value, value
        assert not re.search(r"#[0-9a-fA-F]{3,8}|\b(rgb|hsl)a?\(", value), value


def test_a_bad_theme_file_is_named_in_the_error() -> None:
    try:
        parse_theme("$primary: #fff;", "themes/parallax-x.tcss")
    except ValueError as exc:
        assert "themes/parallax-x.tcss" in str(exc)
    else:
        raise AssertionError("no error")


def test_settings_live_under_xdg_config_home_and_survive_bad_files(setup: Setup) -> None:
    assert settings_path() == setup.config_dir / "parallax" / "settings.json"
    assert load_settings() == Settings()
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings().theme == DEFAULT_THEME
    assert save_settings(Settings("parallax-light")) is None
    assert load_settings().theme == "parallax-light"


@pytest.mark.slow
async def test_theme_switched_from_the_palette_is_remembered(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert app.theme == DEFAULT_THEME
        pane = screen.panes[0]
        # The start of alpha's passage shared with bravo (a near group of two articles).
        at = pane.document.text.index("Tehran has called") + 2
        dark_colour = drawn_background(pane, at)
        assert dark_colour is not None and dark_colour == pane.palette.styles_by_name["pane--near-2"].bgcolor
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme: light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "parallax-light"
        await pilot.pause()
        light_colour = drawn_background(pane, at)
        assert light_colour != dark_colour
        assert light_colour == pane.palette.styles_by_name["pane--near-2"].bgcolor
    assert json.loads(settings_path().read_text(encoding="utf-8"))["theme"] == "parallax-light"
    again = setup.app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "parallax-light"


async def test_a_textual_builtin_theme_still_has_highlight_colours(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        pane = screen.panes[0]
        focus = drawn_background(pane, pane.document.text.index("Tehran has called") + 2)
        assert focus is not None and focus == pane.palette.styles_by_name["pane--focus"].bgcolor
        assert app.is_running
    assert load_settings().theme == "nord"


async def test_the_palette_offers_every_action_including_export(setup: Setup) -> None:
    from reader.ui.commands import ParallaxCommands

    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "t", *"tagged", "enter", "ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        provider = ParallaxCommands(screen)
        titles = [command.title for command in provider.commands()]
        # Every palette action of the registry, once, in declaration order (those that cannot
        # run now too: they say why), then the themes.
        expected = [a.palette_title for a in ACTIONS.palette()]
        assert titles[: len(expected)] == expected
        assert "Export tagged spans" in titles and len(set(titles)) == len(titles)
        assert {"Theme: dark", "Theme: light", "Theme: high contrast"} <= set(titles)
        next_group = next(c for c in provider.commands() if c.title == "Next shared passage")
        assert next_group.help == "Jump to the next shared passage in every article (n, ])"
        # Choosing "Next shared passage" in the palette really jumps.
        before = screen.group_index
        next_group.callback()
        await pilot.pause()
        assert screen.group_index == (before + 1) % len(screen.groups)


async def test_the_palette_lists_export_before_anything_is_tagged_and_says_why_it_cannot(setup: Setup) -> None:
    from reader.ui.commands import ParallaxCommands

    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("export", ()) is False
        commands = {title: callback for title, _, callback in ParallaxCommands(screen).commands()}
        commands["Export tagged spans"]()
        await pilot.pause()
        assert app.screen is screen  # no dialog for nothing
        assert any("Nothing to export yet" in str(n.message) for n in app._notifications)


async def test_help_lists_the_keys(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = {(keys, description) for _, keys, description, _ in help_screen.rows}
        assert ("n, ]", "Next") in rows
        assert ("v", "Select") in rows
        assert ("/", "Search") in rows
        assert ("t", "Tag") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)


async def test_every_binding_in_the_footer_has_a_description() -> None:
    from reader.ui.app import ParallaxApp
    from reader.ui.widgets.article_pane import ArticlePane

    for owner in (ReadingScreen, ArticlePane, ParallaxApp):
        for binding in owner.BINDINGS:
            assert binding.description, binding  # type: ignore[union-attr]
            for key in binding.key.split(","):  # type: ignore[union-attr]
                assert key not in ("ctrl+m", "ctrl+i", "ctrl+h")


HOSTILE = (
    "Title with [bold]markup[/] and [@click=app.quit]a link[/]\n"
    "Body: [@click=app.quit]click me[/] and [red]red[/red] and a \\[ backslash.\n"
    "Escapes: \x1b]52;c;aGVsbG8=\x07 and \x1b[31mred\x1b[0m and \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ C1:\x9b2J bidi:\u202eevil\u202c.\n"
)


async def test_markup_and_control_characters_are_shown_literally(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.app import make_app
    from tests.ui.conftest import hand_aligner

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "[bold]evil[@click=app.quit].txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "plain.txt").write_text("Plain\nNothing to see.\n", encoding="utf-8")
    app = make_app(corpus, tmp_path / "store.json", aligner=hand_aligner)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.panes[0]
        await pilot.click(pane, offset=(10, 1))
        await pilot.press("w", "enter", "space")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        rendered = "".join(seg.text for y in range(6) for seg in pane.render_line(y))
        assert "[@click=app.quit]click me[/]" in rendered
        assert "[red]red[/red]" in rendered
        assert "\x1b" not in rendered and "\x9b" not in rendered and "\u202e" not in rendered
        assert "␛]52;c;aGVsbG8=␇" in rendered
        assert "\ufffd2J" in rendered
        titles = "".join(str(w.render()) for w in screen.query(".column-title"))
        files = "".join(str(w.render()) for w in screen.query(".column-file"))
        assert "[bold]markup[/]" in titles and "[@click=app.quit]a link[/]" in titles
        assert "[bold]evil[@click=app.quit].txt" in files
        # The document text itself is untouched: offsets still index it.
        assert pane.document.text == HOSTILE
        assert len(pane.shown_text) == len(HOSTILE)


def test_open_command_defaults_to_the_bundled_sample_corpus() -> None:
    parser = argparse.ArgumentParser()
    open_command.add_arguments(parser)
    args = parser.parse_args([])
    assert args.corpus is None and args.store is None
    assert open_command.default_corpus() == Path(reader.__file__).resolve().parent.parent / "sample_corpus"
    args = parser.parse_args(["some/folder", "--store", "x.json"])
    assert (args.corpus, args.store) == ("some/folder", "x.json")


def test_open_command_fails_in_one_line_for_a_missing_corpus(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reader.cli import main

    assert main([str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err


def test_the_first_screen_needs_neither_the_store_nor_the_aligner_nor_the_exporter() -> None:
    """What ``parallax [CORPUS]`` imports before its first screen: the CLI's parser for ``open``
    and the app. The store (TinyDB), the fuzzy matcher, the aligner, the exporter and the
    dialogs load later, when used (benchmarks/startup.py times the first screen)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reader.cli import build_parser\n"
        "build_parser('open').parse_args(['open'])\n"
        "import reader.cli.open, reader.ui.app\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "reader.ui.app" in loaded and "textual.app" in loaded
    late = {
        "tinydb",
        "rapidfuzz",
        "reader.core.store",
        "reader.core.align",
        "reader.core.export",
        "reader.core.annotate",
        "reader.ui.dialogs.tag",
        "reader.ui.dialogs.variants",
        "reader.ui.dialogs.search",
        "reader.ui.dialogs.export",
        "reader.ui.widgets.annotations_panel",
    }
    assert late & loaded == set()


async def test_the_footer_is_rebuilt_only_when_the_keys_it_shows_change(setup: Setup) -> None:
    from reader.ui.widgets.footer import ParallaxFooter

    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        footer = screen.query_one(ParallaxFooter)
        await pilot.press("n")
        await pilot.pause()
        keys = list(footer.children)
        assert "Variants" in " ".join(str(key.render()) for key in keys)
        await pilot.press("l", "l", "h", "n")  # other panes focused, another jump: the same keys
        await pilot.pause()
        assert list(footer.children) == keys
        await pilot.press("t", *"tagged", "enter", "ctrl+s")  # now u (Undo) works
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert list(footer.children) != keys
        assert "Undo" in " ".join(str(key.render()) for key in footer.children)
