"""One article laid out for a pane: its text wrapped into screen lines, and its marks by layer
and by line. Plain data, no widget: the :class:`~reader.ui.widgets.article_pane.ArticlePane`
draws a :class:`Page` and tests read one without a screen.

The text is wrapped once per width; the marks of the groups, annotations and search hits are
bucketed per screen line once per change (so drawing a line only looks at its own marks), and
the marks of the focused group, which change on every jump, are kept apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.core.models import Group
from reader.ui.motions import LineIndex
from reader.ui.render import LAYERS, Mark, display_text, group_marks, gutter_mark, wrap_offsets

if TYPE_CHECKING:
    from reader.core.annotate import Anchored

BUCKETED = ("groups", "annotations", "search")
"""The layers whose marks are bucketed by screen line when they change."""


class Page:
    """An article's screen lines at one width, and the marks drawn on them."""

    def __init__(self, doc_id: str, text: str, front_matter_end: int = 0) -> None:
        self.doc_id = doc_id
        """The article's id (marks of other articles are left out)."""
        self.text = display_text(text)
        """The text as drawn: controls made visible, a tab as one space (as long as the
        document's text, so offsets hold)."""
        self.index = LineIndex([])
        """The screen lines at :attr:`width`."""
        self.width = -1
        """The width wrapped at (cells; -1 before the first wrap)."""
        self._marks: dict[str, list[Mark]] = {layer: [] for layer in (*BUCKETED, "focus")}
        self._marks["front"] = [Mark(0, front_matter_end, "pane--front-matter")] if front_matter_end > 0 else []
        self._buckets: dict[str, list[list[Mark]]] = {layer: [] for layer in BUCKETED}

    @property
    def wrapped(self) -> bool:
        """True once the text was wrapped at some width."""
        return self.width >= 0

    def wrap(self, width: int) -> bool:
        """Wrap the text at ``width`` cells; False when it already was."""
        if width == self.width:
            return False
        self.width = width
        self.index = LineIndex(wrap_offsets(self.text, width))
        self._rebucket()
        return True

    def _rebucket(self, *layers: str) -> None:
        """Bucket the marks of ``layers`` (default: all) by screen line again."""
        for layer in layers or BUCKETED:
            self._buckets[layer] = self.index.bucket(self._marks[layer])

    def marks(self, layer: str) -> tuple[Mark, ...]:
        """The marks of ``layer`` (one of :data:`~reader.ui.render.LAYERS` but
        ``"selection"``, which the pane keeps), in text order."""
        if layer not in self._marks:
            raise ValueError(f"no layer {layer!r}: one of {', '.join(LAYERS)}")
        return tuple(self._marks[layer])

    def set_groups(self, groups: Iterable[Group]) -> None:
        """Mark every span of ``groups`` in this article."""
        self._marks["groups"] = group_marks(self.doc_id, groups)
        self._rebucket("groups")

    def set_annotations(self, anchored: Iterable[Anchored]) -> list[Mark]:
        """Mark the annotations of ``anchored`` placed in this article; returns the marks that
        went or came (only their lines look different: empty when nothing changed)."""
        marks = sorted(
            Mark(item.start, item.end, "pane--annotation")
            for item in anchored
            if item.annotation.doc == self.doc_id and item.placed
            and item.start is not None and item.end is not None and item.end > item.start
        )
        old = self._marks["annotations"]
        if marks == old:
            return []
        before, after = Counter(old), Counter(marks)
        self._marks["annotations"] = marks
        self._rebucket("annotations")
        return [*(before - after).elements(), *(after - before).elements()]

    def set_search(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark search hits (``(start, end)`` offsets in this article)."""
        self._marks["search"] = sorted(Mark(a, b, "pane--search") for a, b in spans if b > a)
        self._rebucket("search")

    def set_focus(self, group: Group | None) -> list[Mark]:
        """Mark ``group``'s spans in this article as the focused group (``None``: none);
        returns the marks removed and added (their lines must be drawn again)."""
        old = self._marks["focus"]
        new = self._marks["focus"] = (
            [Mark(s.start, s.end, "pane--focus") for s in group.spans if s.doc == self.doc_id and s.end > s.start]
            if group is not None
            else []
        )
        return [*old, *new]

    def first_span(self, group: Group) -> tuple[int, int] | None:
        """``(start, end)`` of ``group``'s first span in this article, if it has one."""
        return next(((s.start, s.end) for s in group.spans if s.doc == self.doc_id), None)

    def lines_of(self, start: int, end: int) -> range:
        """The screen lines ``[start, end)`` touches (its first line when it is empty)."""
        if not len(self.index):
            return range(0)
        return range(self.index.line_of(start), self.index.line_of(max(start, end - 1)) + 1)

    def line_layers(self, number: int) -> dict[str, Sequence[Mark]]:
        """The marks touching screen line ``number``, by layer (all but the selection)."""
        start, end = self.index.lines[number]
        layers: dict[str, Sequence[Mark]] = {layer: self._buckets[layer][number] for layer in BUCKETED}
        layers["focus"] = [m for m in self._marks["focus"] if m.start < end and m.end > start]
        if self._marks["front"] and self._marks["front"][0].end > start:
            layers["front"] = self._marks["front"]
        return layers

    def strongest_mark(self, first: int, last: int) -> str | None:
        """What a minimap row shows for screen lines ``[first, last)``: ``"focus"``, a group
        kind (the highest ranked), ``"annotation"``, or ``None``."""
        if not len(self.index) or first >= last:
            return None
        start = self.index.lines[first][0]
        end = self.index.lines[last - 1][1]
        if any(m.start < max(end, start + 1) and m.end > start for m in self._marks["focus"]):
            return "focus"
        best = None
        for line in range(first, last):
            mark = gutter_mark(self._buckets["groups"][line])
            if mark is not None and (best is None or mark.rank > best.rank):
                best = mark
        if best is not None:
            return best.component.split("-")[2]
        if any(self._buckets["annotations"][line] for line in range(first, last)):
            return "annotation"
        return None
