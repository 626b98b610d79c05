"""One hidden widget that holds the highlight styles every pane and minimap draws with.

Component classes are resolved by the stylesheet per widget instance; fifty panes with twenty
component classes each made startup and every theme change slow. The styles are the same for
every pane, so they are declared once, here (``HighlightPalette > .pane--…`` in
``themes/app.tcss``, theme variables only), fitted once to the terminal's colours (256 or 16:
:mod:`reader.ui.colours`), and shared.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from reader.core.models import GroupKind
from reader.ui.colours import fit_styles
from reader.ui.render import PANE_COMPONENTS, resolve_styles

MINIMAP_COMPONENTS = (
    *(f"minimap--{kind.value}" for kind in GroupKind),
    "minimap--annotation",
    "minimap--focus",
    "minimap--viewport",
)
"""Component classes of the minimap: one per kind of mark, and the rows on screen."""


class HighlightPalette(Widget):
    """Never shown; its component classes are the highlight styles."""

    COMPONENT_CLASSES = set(PANE_COMPONENTS) | set(MINIMAP_COMPONENTS)

    DEFAULT_CSS = """
    HighlightPalette {
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._styles: dict[str, Style] | None = None
        self.version = 0
        """Bumped whenever the styles change (a theme switch)."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self.version += 1

    @property
    def styles_by_name(self) -> dict[str, Style]:
        """Every highlight style by component class name, fitted to the terminal's colours
        (:func:`reader.ui.colours.fit_styles`)."""
        if self._styles is None:
            surface = self.background_colors[1].rich_color
            self._styles = fit_styles(
                resolve_styles(self, self.COMPONENT_CLASSES), self.app.console.color_system, surface, self.app.current_theme.dark
            )
        return self._styles
