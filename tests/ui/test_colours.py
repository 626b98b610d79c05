"""Every theme stays readable at 256 and 16 colours: the highlights keep apart after the
terminal rounds their colours (rich's ``Color.downgrade``), and the selection shows without
colour."""

from __future__ import annotations

import itertools

import pytest
import textual.constants
from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import ColorSystem
from rich.style import Style

from reader.ui.colours import fit_styles
from reader.ui.render import resolve_styles
from reader.ui.themes import load_themes
from reader.ui.widgets.highlight_palette import HighlightPalette
from tests.ui.conftest import SIZE, Setup, ready

THEMES = [theme.name for theme in load_themes()]
SYSTEMS = (ColorSystem.EIGHT_BIT, ColorSystem.STANDARD)


def seen(style: Style, system: ColorSystem) -> tuple[object, ...]:
    """What a terminal of ``system`` shows of ``style``."""
    back = style.bgcolor.downgrade(system).number if style.bgcolor else None
    fore = style.color.downgrade(system).number if style.color else None
    return back, fore, bool(style.reverse), bool(style.underline), bool(style.bold)


async def test_highlights_stay_apart_at_256_and_16_colours_in_every_theme(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for name in THEMES:
            app.theme = name
            await pilot.pause()
            palette = app.screen.query_one(HighlightPalette)
            raw = resolve_styles(palette, palette.COMPONENT_CLASSES)
            surface = palette.background_colors[1].rich_color
            dark = app.current_theme.dark
            for system in SYSTEMS:
                fitted = fit_styles(raw, system, surface, dark)
                ground = surface.downgrade(system).number
                for level in (2, 3, 4):
                    names = ["pane--selection", *(f"pane--{kind}-{level}" for kind in ("quote", "reworded", "fragment"))]
                    looks = {n: seen(fitted[n], system) for n in names}
                    for a, b in itertools.combinations(names, 2):
                        assert looks[a] != looks[b], (name, system, a, b, looks[a])
                    for kind in ("verbatim", "near", "quote", "reworded", "fragment"):
                        back = seen(fitted[f"pane--{kind}-{level}"], system)[0]
                        assert back is not None and back != ground, (name, system, kind, level)
                # The selection shows without colour; the focused group too.
                assert fitted["pane--selection"].underline or fitted["pane--selection"].reverse
                assert fitted["pane--focus"].bold
                assert seen(fitted["pane--focus"], system)[0] != seen(fitted["pane--search"], system)[0]


def test_the_reported_clash_selection_and_quote_grey_at_256_colours() -> None:
    """The dark theme's selection and two-article quote rounded to the same grey (59)."""
    from rich.color import Color

    surface = Color.parse("#1e2128")
    raw = {"pane--selection": Style(bgcolor=Color.parse("#4c5670")), "pane--quote-2": Style(bgcolor=Color.parse("#41335d"))}
    assert seen(raw["pane--selection"], ColorSystem.EIGHT_BIT)[0] == seen(raw["pane--quote-2"], ColorSystem.EIGHT_BIT)[0] == 59
    fitted = fit_styles(raw, "256", surface, dark=True)
    assert seen(fitted["pane--selection"], ColorSystem.EIGHT_BIT)[0] != seen(fitted["pane--quote-2"], ColorSystem.EIGHT_BIT)[0]
    assert fit_styles(raw, "truecolor", surface, dark=True) == raw


@pytest.mark.parametrize(("name", "system"), [("256", ColorSystem.EIGHT_BIT), ("standard", ColorSystem.STANDARD)])
async def test_the_app_fits_its_highlights_to_the_terminal(setup: Setup, monkeypatch: pytest.MonkeyPatch, name: str, system: ColorSystem) -> None:
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", name)
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        styles = screen.query_one(HighlightPalette).styles_by_name
        assert app.console.color_system == name
        # Drawn with exact palette colours: what the terminal shows is what was chosen.
        palette = STANDARD_PALETTE if system is ColorSystem.STANDARD else EIGHT_BIT_PALETTE
        for component in ("pane--selection", "pane--quote-2", "pane--reworded-3", "pane--fragment-4", "pane--focus"):
            back = styles[component].bgcolor
            if back is not None:
                assert back.triplet == palette[back.downgrade(system).number], component
        assert seen(styles["pane--selection"], system) != seen(styles["pane--quote-2"], system)
        if system is ColorSystem.STANDARD:
            assert styles["pane--selection"].reverse
