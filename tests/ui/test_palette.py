"""Issue 13 item 6: the command palette offers every palette action of the registry once, by
construction (it is the palette's only provider), available or not; Textual's own commands
(its theme picker, a second Quit, Screenshot into a missing ~/Downloads) are not offered; the
registry's Screenshot saves into a folder that exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList

from reader.ui.actions import ACTIONS
from reader.ui.app import ParallaxApp
from reader.ui.commands import ParallaxCommands
from reader.ui.themes import THEME_PREFIX
from tests.ui.conftest import SIZE, Setup, ready


async def palette_titles(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the command palette and read every command it lists."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    commands = pilot.app.screen.query_one(CommandList)
    count = -1
    while commands.option_count != count:  # discovery fills the list in batches
        count = commands.option_count
        await pilot.pause(0.1)
    return [option.hit.text or str(option.hit.prompt) for option in commands.options]


def expected_titles(app: ParallaxApp) -> list[str]:
    """The registry's palette actions, then Parallax's themes (no tag set in these tests)."""
    themes = sorted(name for name in app.available_themes if name.startswith(THEME_PREFIX))
    return [a.palette_title for a in ACTIONS.palette()] + [
        f"Theme: {name.removeprefix(THEME_PREFIX).replace('-', ' ')}" for name in themes
    ]


async def test_the_palette_is_the_registry_each_action_once(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert ParallaxApp.COMMANDS == {ParallaxCommands}
        titles = await palette_titles(pilot)
        assert sorted(titles) == sorted(expected_titles(app))
        assert len(titles) == len(set(titles))
    # Before any jump or selection, the actions that cannot run yet are still there.
    for title in ("Variants of the focused passage", "Tag selection or passage", "Undo", "Redo",
                  "Select: start or end a selection", "Quit", "Help", "Screenshot"):
        assert titles.count(title) == 1, title
    # Textual's own: its theme picker (themes without the highlight colours), Keys, Quit again.
    assert "Theme" not in titles and "Keys" not in titles and "Maximize" not in titles


async def test_the_palette_commands_follow_the_registry_as_state_changes(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        provider = ParallaxCommands(app.screen)
        before = provider.commands()
        await pilot.press("n", "v", "e")
        await pilot.pause()
        after = provider.commands()
        for commands in (before, after):
            assert [c.title for c in commands] == expected_titles(app)
        help_of = {c.title: c.help for c in before}
        assert help_of["Variants of the focused passage"].startswith("Not available now: Go to a shared passage first (n).")
        assert not {c.title: c.help for c in after}["Variants of the focused passage"].startswith("Not available")


async def test_an_unavailable_action_says_why_when_chosen(setup: Setup) -> None:
    app = setup.app()
    said: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+p", *"Variants")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    assert said == ["Go to a shared passage first (n)."]


@pytest.mark.parametrize("downloads", [False, True])
async def test_screenshot_goes_to_a_folder_that_exists(
    setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downloads: bool
) -> None:
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    if downloads:
        (home / "Downloads").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    app = setup.app()
    said: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+p", *"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    folder = home / "Downloads" if downloads else here
    (saved,) = folder.glob("*.svg")
    assert said == [str(saved)]
    assert not (home / "Downloads").exists() or downloads
