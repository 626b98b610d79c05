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

    def line(self) -> str:
        """The status line's text."""
        parts = [f"{self.articles} articles"]
        if self.progress is not None:
            parts.append(f"aligning… {self.progress:.0%}")
        else:
            passages = _plural(self.groups, "shared passage")
            if self.hidden and self.show_hidden:
                passages += f" ({self.hidden} hidden shown: H)"
            elif self.hidden:
                passages += f" ({self.hidden} hidden: H)"
            parts.append(passages)
        if self.focused is not None:
            index, group = self.focused
            parts.append(f"#{index + 1} {group.kind.value}, {len(group.doc_ids)} articles, score {group.score:.0f}")
        if self.annotations:
            lost = f" ({self.orphans} no longer found in their article)" if self.orphans else ""
            parts.append(_plural(self.annotations, "annotation") + lost)
        if self.search is not None:
            query, hits, articles = self.search
            parts.append(f"search “{query}”: {hits} hits in {articles} articles")
        if self.lost_verdicts:
            parts.append(_plural(self.lost_verdicts, "verdict") + " no longer found")
        if self.store_failed:
            parts.append("annotations unavailable")
        if self.tags:
            keys = "  ".join(f"{n} {tag}" for n, tag in enumerate(self.tags, start=1))
            parts.append(f"{keys} ({'then next' if self.advance else 'staying'}: .)")
        if self.said:
            parts.append(self.said)
        return " · ".join(parts)


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
        self._text.update(safe_text(self.status.line()), layout=False)
