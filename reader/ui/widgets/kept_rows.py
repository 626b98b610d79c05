"""Rows kept as the very :class:`Strip` objects the screen composes, so a widget that only moved
(the row of columns scrolled sideways) or scrolled is put together again from its strips' own
caches instead of being drawn again.

Textual's compositor cuts each widget's lines where other widgets start and end, and a strip
caches its cuts, crops and filtered copies; but a widget's lines come from its ``StylesCache``,
which keeps them by screen row and draws all of them again (as new strips, their caches empty)
whenever the widget scrolls or is refreshed whole. Two remedies here:

- :class:`KeptRows` (a Line API widget drawn on a plain background): its lines, as
  ``StylesCache`` would finish them, kept by what they show (an article's line number), not
  by where they sit on screen. The widget says which rows to keep and drops those that
  change (:meth:`KeptRows.forget_rows`); the look they were drawn with (size, background,
  filters) is checked on every render and a change drops them all.
- :class:`SharedRows` (a container that its children cover but where they leave a border): equal
  lines as one strip object (across its rows, frames and every widget of the class), so the
  compositor cuts each kind of line once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

NO_SPACING = Spacing(0, 0, 0, 0)


class RowLook(NamedTuple):
    """What Textual's ``StylesCache`` finishes a content line of a plainly styled widget with."""

    width: int
    """The widget's width (its scrollbar gutter included)."""
    content_width: int
    """The width a content line is padded (or cut) to."""
    content_height: int
    """Lines below this are blank."""
    inner: object
    """The (Rich) style of the padding: the widget's background over its parent's."""
    background: Color
    filters: tuple[LineFilter, ...]


def plain_look(widget: Widget) -> RowLook | None:
    """The :class:`RowLook` of ``widget`` when its styles add nothing to its lines but their
    background (no border, padding, outline, tint, opacity, hatch, text opacity or border
    title, no link under the mouse); ``None`` otherwise (its ``StylesCache`` draws it)."""
    styles = widget.styles
    if (
        styles.gutter != NO_SPACING
        or any(edge for edge, _ in styles.outline)
        or styles.tint.a
        or styles.text_opacity != 1.0
        or (styles.has_rule("hatch") and styles.hatch != "none")
        or widget._border_title is not None
        or widget._border_subtitle is not None
        or (widget.auto_links and widget.hover_style._link_id)
        or widget.opacity != 1.0
    ):
        return None
    base, background = widget.background_colors
    width, height = widget.region.size
    content_width, content_height = widget.content_region.size
    inner = Style(background=base + background).rich_style
    return RowLook(width, content_width, content_height, inner, background, tuple(widget.get_line_filters()))


def finish_row(content: Strip, look: RowLook) -> Strip:
    """A content line as ``StylesCache`` finishes it for a widget of look ``look``: padded to
    the content width with the background, as wide as the widget, through the app's filters."""
    row = Strip(content.adjust_cell_length(look.content_width, look.inner), look.width)  # type: ignore[arg-type]
    for line_filter in look.filters:
        row = row.apply_filter(line_filter, look.background)
    return row


class KeptRows:
    """A Line API widget whose finished lines are kept by what they show (see the module; a
    mixin, before the widget class in the bases: not a widget itself, which would bring
    Textual's default styles of a widget in again, over those of the view)."""

    if TYPE_CHECKING:
        def render_line(self, y: int) -> Strip: ...

    _rows: dict[Hashable, Strip]
    _rows_look: RowLook | None = None

    def row_key(self, y: int) -> Hashable | None:
        """What line ``y`` of the widget shows (its rows are kept under it), or ``None`` for a
        line drawn anew each time."""
        raise NotImplementedError

    def forget_rows(self, keys: Iterable[Hashable] | None = None) -> None:
        """Drop the rows kept under ``keys`` (all of them with ``None``): they changed."""
        rows = self.__dict__.get("_rows")
        if rows is None:
            return
        if keys is None:
            rows.clear()
        else:
            for key in keys:
                rows.pop(key, None)

    def draw_rows(self, rows: Iterable[tuple[Hashable, Callable[[], Strip]]]) -> None:
        """Draw ahead of time (and keep) the rows of ``rows``: their keys (as :meth:`row_key`
        gives them) and what draws their content line; those kept already are left alone."""
        look = plain_look(cast(Widget, self))
        if look is None:
            return
        kept = self.__dict__.setdefault("_rows", {})
        if look != self._rows_look:
            kept.clear()
            self._rows_look = look
        for key, draw in rows:
            if key not in kept:
                kept[key] = finish_row(draw(), look)

    def render_lines(self, crop: Region) -> list[Strip]:
        look = plain_look(cast(Widget, self))
        if look is None:
            return super().render_lines(crop)  # type: ignore[misc]
        rows = self.__dict__.setdefault("_rows", {})
        if look != self._rows_look:
            rows.clear()
            self._rows_look = look
        out = []
        for y in crop.line_range:
            if y >= look.content_height:
                out.append(finish_row(Strip.blank(look.content_width, look.inner), look))  # type: ignore[arg-type]
                continue
            key = self.row_key(y)
            row = None if key is None else rows.get(key)
            if row is None:
                row = finish_row(self.render_line(y), look)
                if key is not None:
                    rows[key] = row
            out.append(row)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, look.width):
            out = [row.crop(x1, x2) for row in out]
        return out


class SharedRows:
    """A widget whose equal lines are one :class:`Strip` object, shared by every widget of the
    class (see the module): its lines are drawn as Textual draws them, then looked up (a
    mixin, as :class:`KeptRows`)."""

    SHARED_LIMIT = 4096
    """Distinct lines kept per class before they are all dropped (a theme change leaves old
    ones behind)."""
    _shared: ClassVar[dict[tuple[object, ...], Strip]]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._shared = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        shared = type(self)._shared
        if len(shared) > self.SHARED_LIMIT:
            shared.clear()
        out = []
        for strip in super().render_lines(crop):  # type: ignore[misc]
            key = (strip.cell_length, *strip)
            kept = shared.get(key)
            if kept is None:
                shared[key] = kept = strip
            out.append(kept)
        return out
