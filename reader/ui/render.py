"""The one place where spans become styles.

Article text is always turned into :class:`rich.text.Text` from :func:`reader.core.text.visible`
(one character for one, so offsets into ``Document.text`` hold on screen) and never parsed as
markup. Groups, annotations, search hits, the focused group, the selection and the cursor are
:class:`Mark` objects (offsets plus a component class name); :func:`styled_line` applies the
marks that touch one screen line, in a fixed order, with styles resolved from the widget's
component classes (:func:`resolve_styles`), which ``themes/app.tcss`` colours through theme
variables only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

from reader.core.models import Group, GroupKind
from reader.core.text import visible

SHARE_LEVELS = (2, 3, 4)
"""Groups are coloured by how many articles share them: 2, 3, or 4 and more."""

GROUP_COMPONENTS = tuple(f"pane--{kind.value}-{level}" for kind in GroupKind for level in SHARE_LEVELS)
"""Component classes for group highlights, one per kind and share level."""

GUTTER_COMPONENTS = tuple(f"pane--gutter-{kind.value}" for kind in GroupKind)
"""Component classes for the gutter mark of a line holding a group of that kind."""

OVERLAY_COMPONENTS = (
    "pane--front-matter",
    "pane--annotation",
    "pane--search",
    "pane--focus",
    "pane--selection",
    "pane--cursor",
    "pane--gutter-focus",
    "pane--gutter-annotation",
)
"""Everything drawn over the group highlights, weakest first."""

PANE_COMPONENTS = frozenset(GROUP_COMPONENTS + GUTTER_COMPONENTS + OVERLAY_COMPONENTS)
"""Every component class an article pane uses."""

GUTTER_SYMBOL = "▌"
"""Drawn in the one-cell gutter next to a line holding a shared passage."""

GUTTER_WIDTH = 2
"""Cells left of an article's text: the gutter mark and a space."""

LAYERS = ("groups", "annotations", "search", "focus", "selection")
"""The layers of marks an article pane draws, weakest first (under them all, a page with front
matter has a ``front`` layer: the front matter, dimmed)."""

_KIND_RANK = {GroupKind.QUOTE: 4, GroupKind.NEAR: 3, GroupKind.REWORDED: 2, GroupKind.VERBATIM: 1, GroupKind.FRAGMENT: 0}


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """A styled stretch ``[start, end)`` of one document's text."""

    start: int
    end: int
    component: str
    """The component class whose style is applied."""
    rank: int = 0
    """Which mark wins the gutter when several share a line (higher wins)."""


def share_level(n_docs: int) -> int:
    """The share level of a group found in ``n_docs`` articles."""
    return max(SHARE_LEVELS[0], min(SHARE_LEVELS[-1], n_docs))


def group_marks(doc_id: str, groups: Iterable[Group]) -> list[Mark]:
    """The highlight marks for every span of ``groups`` in ``doc_id``, sorted by start; longer
    and more widely shared groups first so narrower ones paint over them."""
    marks = []
    for group in groups:
        n_docs = len(group.doc_ids)
        component = f"pane--{group.kind.value}-{share_level(n_docs)}"
        rank = _KIND_RANK[group.kind] * 10 + min(n_docs, 9)
        for span in group.spans:
            if span.doc == doc_id and span.end > span.start:
                marks.append(Mark(span.start, span.end, component, rank))
    marks.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return marks


def display_text(text: str) -> str:
    """The article text as drawn: controls made visible, tabs shown as one space (same length)."""
    return visible(text).replace("\t", " ")


def safe_text(text: str, style: str | Style = "") -> Text:
    """A :class:`Text` of untrusted text (titles, file names, snippets) on one line, inert."""
    return Text(display_text(text).replace("\n", " "), style=style, no_wrap=True, end="")


_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Break ``text`` into screen lines of at most ``width`` cells, at spaces where possible.

    Returns ``(start, end)`` offsets into ``text`` per line; the newline and the spaces a line is
    broken at belong to no line. An empty paragraph is one empty line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        base = position
        position += len(paragraph) + 1
        if not paragraph:
            lines.append((base, base))
            continue
        if paragraph.isascii() and len(paragraph) <= width:
            lines.append((base, base + len(paragraph)))
            continue
        line_start = base
        line_end = base
        used = 0
        for match in _TOKEN.finditer(paragraph):
            word = match.group().rstrip()
            word_start = base + match.start()
            word_cells = len(word) if word.isascii() else cell_len(word)
            if used and used + word_cells > width:
                lines.append((line_start, line_end))
                line_start, used = word_start, 0
            if word_cells > width:
                # A word longer than the line: cut it by cells.
                piece_start = word_start
                cells = 0
                for index, char in enumerate(word):
                    char_cells = 1 if char.isascii() else cell_len(char)
                    if cells + char_cells > width and cells:
                        lines.append((piece_start, word_start + index))
                        piece_start, cells = word_start + index, 0
                    cells += char_cells
                line_start, line_end, used = piece_start, piece_start + (word_start + len(word) - piece_start), cells
            else:
                line_end = word_start + len(word)
                used += word_cells
            space = match.group()[len(word):]
            used += len(space) if space.isascii() else cell_len(space)
            if not word:
                line_end = max(line_end, line_start)
        lines.append((line_start, line_end))
    return lines


def styled_line(
    text: str,
    start: int,
    end: int,
    layers: Sequence[Iterable[Mark]],
    styles: Mapping[str, Style],
) -> Text:
    """``text[start:end]`` as :class:`Text` with every mark of ``layers`` applied, in order."""
    line = Text(text[start:end], no_wrap=True, end="")
    for layer in layers:
        for mark in layer:
            a = max(mark.start, start)
            b = min(mark.end, end)
            if b > a:
                line.stylize(styles[mark.component], a - start, b - start)
    return line


def paint_line(
    text: str,
    start: int,
    end: int,
    layers: Mapping[str, Sequence[Mark]],
    styles: Mapping[str, Style],
    base: Style,
    width: int,
    console: Console,
    cursor: int | None = None,
) -> Strip:
    """Screen line ``text[start:end]`` of an article pane, ``width`` cells wide: the gutter (the
    focused group, else the strongest group kind, else an annotation), a space, the text with the
    marks of every layer of :data:`LAYERS` applied in order, and the cursor at offset ``cursor``
    (a cell past the end when it sits at the line's end)."""
    line = styled_line(text, start, end, [layers.get("front", ()), *(layers[name] for name in LAYERS)], styles)
    if cursor is not None:
        at = cursor - start
        if 0 <= at < end - start:
            line.stylize(styles["pane--cursor"], at, at + 1)
        else:
            line.append(" ", styles["pane--cursor"])
    if layers["focus"]:
        gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-focus"])
    elif (mark := gutter_mark(layers["groups"])) is not None:
        gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-" + mark.component.split("-")[2]])
    elif layers["annotations"]:
        gutter = Segment(GUTTER_SYMBOL, styles["pane--gutter-annotation"])
    else:
        gutter = Segment(" ")
    segments = list(Segment.apply_style([gutter, Segment(" "), *line.render(console)], base))
    length = GUTTER_WIDTH + line.cell_len
    if length < width:
        segments.append(Segment(" " * (width - length), base))
    elif length > width:
        return Strip(segments, length).crop(0, width)
    return Strip(segments, width)


def offset_at_cell(text: str, start: int, end: int, column: int) -> int:
    """The offset in ``text[start:end]`` (one screen line) drawn at cell ``column`` of the
    line's text (``end`` past its last character)."""
    cells = 0
    for index in range(start, end):
        char = text[index]
        cells += 1 if char.isascii() else max(1, cell_len(char))
        if cells > max(0, column):
            return index
    return end


def gutter_mark(marks: Iterable[Mark]) -> Mark | None:
    """The mark whose kind the gutter shows for a line (the highest ranked), if any."""
    best: Mark | None = None
    for mark in marks:
        if best is None or mark.rank > best.rank:
            best = mark
    return best


def resolve_styles(widget: Widget, names: Iterable[str]) -> dict[str, Style]:
    """Rich styles for component classes of ``widget``, each holding only what its rule sets,
    with translucent backgrounds blended over the widget's own background."""
    base = widget.background_colors[1]
    styles: dict[str, Style] = {}
    for name in names:
        rules = widget.get_component_styles(name)
        background: Color | None = None
        if rules.has_rule("background") and rules.background.a > 0:
            background = base + rules.background
        color = None
        if rules.has_rule("color") and rules.color.a > 0:
            color = (background or base) + rules.color
        style = Style(
            color=color.rich_color if color else None,
            bgcolor=background.rich_color if background else None,
        )
        if rules.has_rule("text_style"):
            style += rules.text_style
        styles[name] = style
    return styles
