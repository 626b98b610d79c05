"""The highlight styles fitted to the terminal's colours: true colour, 256 colours or 16.

The themes (``themes/parallax-*.tcss``) are drawn in true colour. A terminal with fewer colours
gets each colour rounded to the nearest it has (:meth:`rich.color.Color.downgrade`), and two
highlights that differ in true colour can round to the same one (at 256 colours the dark
theme's selection and two-article quote were both grey 59; at 16 colours nearly every
highlight was dark grey). :func:`fit_styles` makes the styles of one theme stay apart:

* at 256 colours each background is rounded as the terminal would round it, unless another
  kind of highlight (or the text's own background) already took that colour: then the nearest
  free one of the 256 (of some hue, for a colour that has one) is used;
* at 16 colours the highlights get fixed terminal colours by kind (verbatim green, edited
  yellow, quote magenta, reworded cyan, fragment grey; the bright colour when four or more
  articles share it, bold when three do), search hits blue, the focused group bright red, and
  the selection reverse video.

Colours are given as an RGB colour the terminal's rounding takes to the chosen entry (the
entry's own, but for a few greys), so an SVG screenshot shows what the terminal shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from colorsys import rgb_to_hls

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
    """A colour the terminal shows as entry ``number`` (of 16, or of 256) exactly."""
    if number < 16:
        return Color.from_rgb(*STANDARD_PALETTE[number])
    return Color.from_rgb(*_SHOWN[number])


def _representatives() -> dict[int, tuple[int, int, int]]:
    """For each 256-colour entry an RGB colour the terminal rounds to it: its own, or for the
    greys rich rounds to a neighbour, the nearest grey that rounds to the entry."""
    shown: dict[int, tuple[int, int, int]] = {}
    for number in range(16, 256):
        own = tuple(EIGHT_BIT_PALETTE[number])
        if Color.from_rgb(*own).downgrade(ColorSystem.EIGHT_BIT).number == number:
            shown[number] = own  # type: ignore[assignment]
    for value in range(256):
        number = Color.from_rgb(value, value, value).downgrade(ColorSystem.EIGHT_BIT).number
        if number is not None and number not in shown or (
            number in shown and abs(shown[number][0] - EIGHT_BIT_PALETTE[number][0]) > abs(value - EIGHT_BIT_PALETTE[number][0])
        ):
            shown[number] = (value, value, value)  # type: ignore[index]
    return shown


_SHOWN = _representatives()
_CUBE = tuple(sorted(_SHOWN))
"""The 256-colour entries a colour can be drawn in (the 16 terminal colours left out: each
terminal draws them its own way)."""


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
    """Each kind of highlight 256-colour entries no other kind (nor the selection, search hits,
    focused group or cursor) uses: the one the terminal would round to when it is free, else
    the nearest free one (of some hue, for a colour that has one). Share levels of one kind may
    round to the same entry."""
    owner: dict[int, str] = {surface.downgrade(ColorSystem.EIGHT_BIT).number: "surface"}
    fitted = dict(styles)
    order = [(f"pane--{kind}-{level}", kind) for level in (4, 3, 2) for kind in _KINDS]
    order += [(f"pane--{name}", name) for name in ("focus", "search", "selection", "cursor")]
    for name, who in order:
        style = styles.get(name)
        if style is None or style.bgcolor is None or style.bgcolor.triplet is None:
            continue
        triplet = tuple(style.bgcolor.triplet)

        def free(number: int) -> bool:
            return owner.get(number, who) == who

        rounded = style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number
        if rounded in _CUBE and free(rounded):
            number = rounded
        else:
            pool = [n for n in _CUBE if free(n)]
            if _has_hue(triplet):
                pool = [n for n in pool if _has_hue(_SHOWN[n])] or pool
            number = min(pool, key=lambda n: sum((a - b) ** 2 for a, b in zip(_SHOWN[n], triplet)))
        owner[number] = who
        fitted[name] = style + Style(bgcolor=_exact(number))
    return fitted


def _has_hue(triplet: tuple[int, int, int] | object) -> bool:
    """Whether a colour is clearly of some hue (HLS saturation of a quarter or more)."""
    red, green, blue = (c / 255 for c in triplet)  # type: ignore[attr-defined]
    return rgb_to_hls(red, green, blue)[2] >= 0.25


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
