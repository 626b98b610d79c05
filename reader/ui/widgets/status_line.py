"""The status line under the articles: where the reader is and what is running.

The screen tells it what changed (:meth:`StatusLine.set`); :meth:`Status.line` says it in
words, a pure function tested without a screen. While the alignment runs, a progress bar sits
at the right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from rich.cells import cell_len, set_cell_size

from reader.core.models import Group
from reader.ui.render import safe_text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


@dataclass(frozen=True, slots=True)
class Status:
    """What the status line shows."""

    articles: int = 0
    """Articles in the corpus."""
    progress: float | None = 0.0
    """Alignment progress (0 to 1) while aligning; ``None`` once it finished or failed."""
    groups: int = 0
    """Shared passages found."""
    focused: tuple[int, Group] | None = None
    """The position (from 0) and the group the reader jumped to."""
    annotations: int = 0
    """Annotations in the store."""
    orphans: int = 0
    """Annotations whose text is no longer found in their article."""
    search: tuple[str, int, int] | None = None
    """The last search: its query, how many hits, in how many articles."""
    store_failed: bool = False
    """The store cannot be used."""
    hidden: int = 0
    """Groups hidden (a verdict, or the engine hides them)."""
    show_hidden: bool = False
    """True when the hidden groups are shown too."""
    lost_verdicts: int = 0
    """Verdicts whose passage is no longer found (orphans)."""
    tags: tuple[str, ...] = ()
    """The tags of the tag set that have a key (1 to 9), in order."""
    advance: bool = True
    """Whether a number key goes on to the next passage."""
    said: str | None = None
    """What the last number key did (said here, not in a notification)."""

    selection: tuple[bool, int] | None = None
    """The focused article's selection: ``(being made, characters)``, or ``None``."""

    def parts(self) -> list[tuple[int, str, str]]:
        """What the line says, in order: ``(priority, words, shorter words)``; the lower the
        priority, the longer it stays when the line is short of room (0: always)."""
        parts: list[tuple[int, str, str]] = []
        if self.selection is not None:
            making, chars = self.selection
            state = "SELECT" if making else "SELECTED"
            parts.append((0, f"{state} · {_plural(chars, 'char')}", f"{state} · {chars}c"))
        parts.append((6, f"{self.articles} articles", f"{self.articles} articles"))
        if self.progress is not None:
            parts.append((1, f"aligning… {self.progress:.0%}", f"{self.progress:.0%}"))
        else:
            passages = _plural(self.groups, "shared passage")
            if self.hidden and self.show_hidden:
                passages += f" ({self.hidden} hidden shown: H)"
            elif self.hidden:
                passages += f" ({self.hidden} hidden: H)"
            parts.append((4, passages, _plural(self.groups, "passage")))
        if self.focused is not None:
            index, group = self.focused
            parts.append(
                (2, f"#{index + 1} {group.kind.value}, {len(group.doc_ids)} articles, score {group.score:.0f}",
                 f"#{index + 1} {group.kind.value}")
            )
        if self.annotations:
            lost = f" ({self.orphans} no longer found in their article)" if self.orphans else ""
            short = f" ({self.orphans} lost)" if self.orphans else ""
            parts.append((5, _plural(self.annotations, "annotation") + lost, _plural(self.annotations, "annotation") + short))
        if self.search is not None:
            query, hits, articles = self.search
            parts.append((3, f"search “{query}”: {hits} hits in {articles} articles", f"“{query}”: {hits} hits"))
        if self.lost_verdicts:
            parts.append((5, _plural(self.lost_verdicts, "verdict") + " no longer found", f"{self.lost_verdicts} verdicts lost"))
        if self.store_failed:
            parts.append((1, "annotations unavailable", "no store"))
        if self.tags:
            keys = "  ".join(f"{n} {tag}" for n, tag in enumerate(self.tags, start=1))
            parts.append((7, f"{keys} ({'then next' if self.advance else 'staying'}: .)", keys))
        if self.said:
            parts.append((2, self.said, self.said))
        return parts

    def line(self, width: int | None = None) -> str:
        """The status line's text; with ``width``, made to fit it: the parts are said shorter,
        least important first, then left out; the selection state, the alignment's progress and
        a store failure are never left out, only said shorter last (see :meth:`parts`); what is
        still too long is cut with an ellipsis."""
        parts = self.parts()
        words = [full for _priority, full, _short in parts]
        joined = " · ".join(words)
        if width is None or cell_len(joined) <= width:
            return joined
        order = sorted(range(len(parts)), key=lambda i: (-parts[i][0], -i))  # least important first
        kept = list(range(len(parts)))

        def fits() -> bool:
            return cell_len(" · ".join(words[i] for i in kept)) <= width

        for step in ("shorten", "drop", "shorten essentials"):
            for index in order:
                essential = parts[index][0] < 2
                if essential != (step == "shorten essentials"):
                    continue
                if step == "drop":
                    kept.remove(index)
                else:
                    words[index] = parts[index][2]
                if fits():
                    return " · ".join(words[i] for i in kept)
        joined = " · ".join(words[i] for i in kept)
        return set_cell_size(joined, max(0, width - 1)) + "…"


class StatusLine(Horizontal):
    """One line: the status text, and the alignment's progress bar while it runs."""

    def __init__(self, articles: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status(articles=articles)
        """What is shown."""
        self._text = Static(safe_text(self.status.line()), id="status")
        self._bar = ProgressBar(total=1.0, show_eta=False, id="progress")

    def compose(self) -> ComposeResult:
        yield self._text
        yield self._bar

    def set(self, **changes: Any) -> None:
        """Change some fields of :attr:`status` (see :class:`Status`) and show the result."""
        self.status = replace(self.status, **changes)
        if self.status.progress is None:
            self._bar.display = False
        else:
            self._bar.update(progress=self.status.progress)
        self._show()

    @property
    def text(self) -> str:
        """The words shown now (fitted to the width)."""
        return self.status.line(self._room())

    def _room(self) -> int | None:
        """Cells the words have (``None`` before the first layout)."""
        width = self.size.width
        if not width:
            return None
        bar = self._bar.outer_size.width if self._bar.display else 0
        return max(10, width - bar - 2)

    def _show(self) -> None:
        self._text.update(safe_text(self.text), layout=False)

    def on_resize(self) -> None:
        self._show()
