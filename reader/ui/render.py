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
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.color import Color
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


class LineIndex:
    """Where each screen line starts, for finding the line of an offset and bucketing marks."""

    def __init__(self, lines: Sequence[tuple[int, int]]) -> None:
        self.lines = list(lines)
        self._starts = [start for start, _ in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The screen line holding ``offset`` (the nearest one before it, for a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def bucket(self, marks: Iterable[Mark]) -> list[list[Mark]]:
        """``marks`` distributed to the lines they touch, keeping their order."""
        buckets: list[list[Mark]] = [[] for _ in self.lines]
        for mark in marks:
            first = self.line_of(mark.start)
            last = self.line_of(max(mark.start, mark.end - 1))
            for line in range(first, last + 1):
                buckets[line].append(mark)
        return buckets


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
