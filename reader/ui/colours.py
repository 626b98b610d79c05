"""The highlight styles fitted to the terminal's colours: true colour, 256 colours or 16.

The themes (``themes/parallax-*.tcss``) are drawn in true colour. A terminal with fewer colours
gets each colour rounded to the nearest it has (:meth:`rich.color.Color.downgrade`), and two
highlights that differ in true colour can round to the same one (at 256 colours the dark
theme's selection and two-article quote were both grey 59; at 16 colours nearly every
highlight was dark grey). :func:`fit_styles` makes the styles of one theme stay apart:

* at 256 colours each background is rounded as the terminal would round it, unless another
  highlight (or the text's own background) already took that colour: then the nearest free
  one of the 256 is used;
* at 16 colours the highlights get fixed terminal colours by kind (verbatim green, edited
  yellow, quote magenta, reworded cyan, fragment grey; the bright colour when four or more
  articles share it, bold when three do), search hits blue, the focused group bright red, and
  the selection reverse video.

Colours are given as the exact RGB of the palette entry, so the terminal's rounding lands on
that entry and an SVG screenshot shows what the terminal shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import Color, ColorSystem
from rich.style import Style

SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}
"""Rich's names of the colour systems fitted for (``Console.color_system``)."""

_KINDS = ("verbatim", "near", "quote", "reworded", "fragment")
_ANSI_KIND = {"verbatim": 2, "near": 3, "quote": 5, "reworded": 6}
"""16 colours: the terminal colour of each kind (the bright one is 8 more)."""
_BLACK, _BLUE, _GREY, _LIGHT_GREY, _BRIGHT_RED, _WHITE = 0, 4, 8, 7, 9, 15


def _exact(number: int) -> Color:
    palette = STANDARD_PALETTE if number < 16 else EIGHT_BIT_PALETTE
    return Color.from_rgb(*palette[number])


def _round_trips(number: int) -> bool:
    return _exact(number).downgrade(ColorSystem.EIGHT_BIT).number == number


_CUBE = tuple(n for n in range(16, 256) if _round_trips(n))
"""The 256-colour entries an RGB colour rounds to exactly (the 16 terminal colours left out:
each terminal draws them its own way)."""


def fit_styles(
    styles: Mapping[str, Style], system: ColorSystem | str | None, surface: Color, dark: bool
) -> dict[str, Style]:
    """``styles`` (component class to style, as :func:`~reader.ui.render.resolve_styles` gives
    them) fitted to ``system``; ``surface`` is the background they are drawn on, ``dark``
    whether the theme is dark. True colour (or unknown) leaves them as they are."""
    if isinstance(system, str) or system is None:
        system = SYSTEMS.get(system or "", ColorSystem.TRUECOLOR)
    if system is ColorSystem.EIGHT_BIT:
        return _fit_256(styles, surface)
    if system in (ColorSystem.STANDARD, ColorSystem.WINDOWS):
        return _fit_16(styles, dark)
    return dict(styles)


def _fit_256(styles: Mapping[str, Style], surface: Color) -> dict[str, Style]:
    """Every highlight background a 256-colour entry of its own, the nearest free one."""
    taken = {surface.downgrade(ColorSystem.EIGHT_BIT).number}
    fitted = dict(styles)
    order = ["pane--focus", "pane--selection", "pane--search", "pane--cursor"]
    order += [f"pane--{kind}-{level}" for level in (4, 3, 2) for kind in _KINDS]
    for name in order:
        style = styles.get(name)
        if style is None or style.bgcolor is None or style.bgcolor.triplet is None:
            continue
        rounded = style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number
        if rounded not in taken and rounded in _CUBE:
            number = rounded
        else:
            red, green, blue = style.bgcolor.triplet
            number = min(
                (n for n in _CUBE if n not in taken),
                key=lambda n: sum((a - b) ** 2 for a, b in zip(EIGHT_BIT_PALETTE[n], (red, green, blue))),
            )
        taken.add(number)
        fitted[name] = style + Style(bgcolor=_exact(number))
    return fitted


def _fit_16(styles: Mapping[str, Style], dark: bool) -> dict[str, Style]:
    """Fixed terminal colours by kind; the selection in reverse video."""
    fitted = dict(styles)
    fragment_text = _WHITE if dark else _BLACK
    for kind in _KINDS:
        for level in (2, 3, 4):
            if kind == "fragment":
                back = (_GREY if dark else _LIGHT_GREY) if level < 4 else _LIGHT_GREY
                text = fragment_text if level < 4 else _BLACK
            else:
                back = _ANSI_KIND[kind] + (8 if level == 4 else 0)
                text = _BLACK
            fitted[f"pane--{kind}-{level}"] = Style(color=_exact(text), bgcolor=_exact(back), bold=level >= 3)
        colour = _exact(_GREY if kind == "fragment" else _ANSI_KIND[kind] + 8)
        fitted[f"pane--gutter-{kind}"] = Style(color=colour)
        fitted[f"minimap--{kind}"] = Style(color=colour)
    fitted["pane--search"] = Style(color=_exact(_WHITE), bgcolor=_exact(_BLUE), bold=True)
    fitted["pane--focus"] = Style(color=_exact(_BLACK), bgcolor=_exact(_BRIGHT_RED), bold=True)
    fitted["pane--gutter-focus"] = fitted["minimap--focus"] = Style(color=_exact(_BRIGHT_RED))
    fitted["pane--selection"] = Style(reverse=True, underline=True)
    fitted["pane--cursor"] = Style(reverse=True, blink=False)
    return fitted
