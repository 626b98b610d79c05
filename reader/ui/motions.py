"""Where the reading cursor goes: the screen lines of a wrapped text and the cursor motions over
it, as pure functions of plain data (no Textual, no Rich), tested in milliseconds.

Every motion takes the text (or its screen lines) and an offset and returns an offset in
``[0, len(text)]``. Offsets are ``str`` indices into ``Document.text``, as everywhere in Parallax.
Words are runs of non-space characters; a sentence starts after ``.``, ``!`` or ``?`` (and any
closing quotes or brackets) and white space, or at the first non-space character of a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

_WORD_START = re.compile(r"(?<!\S)\S")
_WORD_END = re.compile(r"\S(?=\s|$)")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n\s*)(?=\S)")

BACK_WINDOW = 256
"""Characters searched at once when looking backwards (doubled until something is found)."""


def clamp(text: str, offset: int) -> int:
    """``offset`` moved into ``[0, len(text)]``."""
    return max(0, min(len(text), offset))


def word_forward(text: str, offset: int) -> int:
    """The start of the next word after ``offset`` (the end of the text if there is none)."""
    match = _WORD_START.search(text, offset + 1)
    return match.start() if match else len(text)


def word_back(text: str, offset: int, *, window: int = BACK_WINDOW) -> int:
    """The start of the word ``offset`` is in, or of the previous one if it is at a word's
    start (0 if there is none). The text before ``offset`` is searched ``window`` characters at
    a time (doubled until a word start is found), so a long line costs what it must."""
    offset = clamp(text, offset)
    window = max(1, window)
    while True:
        low = max(0, offset - window)
        starts = [m.start() for m in _WORD_START.finditer(text, low, offset)]
        if starts:
            return starts[-1]
        if low == 0:
            return 0
        window *= 2


def word_end(text: str, offset: int) -> int:
    """Just past the last character of the word that ends after ``offset`` (a selection made
    with the cursor there ends with that word)."""
    match = _WORD_END.search(text, offset + 1)
    return match.end() if match else len(text)


def snap_to_words(text: str, a: int, b: int) -> tuple[int, int]:
    """The span from ``a`` to ``b`` (either order; the character at the later one included)
    widened to whole words: from the start of the word the earlier offset is in to the end of the
    word the later one is in, without white space at either end (a mouse drag selects this)."""
    low, high = sorted((clamp(text, a), clamp(text, b)))
    while low < high and text[low].isspace():
        low += 1
    if low < len(text) and not text[low].isspace():
        low = word_back(text, low + 1)
    if high < len(text) and not text[high].isspace():
        match = _WORD_END.search(text, high)
        high = match.end() if match else len(text)
    while high > low and text[high - 1].isspace():
        high -= 1
    return low, high


def sentence_starts(text: str) -> Iterable[int]:
    """Every sentence start, in text order."""
    return (match.end() for match in _SENTENCE_START.finditer(text))


def sentence_forward(text: str, offset: int) -> int:
    """The start of the next sentence after ``offset`` (the end of the text if there is none)."""
    return next((start for start in sentence_starts(text) if start > offset), len(text))


def sentence_back(text: str, offset: int) -> int:
    """The start of the sentence ``offset`` is in, or of the previous one if it is at a
    sentence's start (0 if there is none)."""
    found = 0
    for start in sentence_starts(text):
        if start >= offset:
            break
        found = start
    return found


class _Spanned(Protocol):
    """Anything with a ``start`` and an ``end`` offset (a highlight mark)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


SpannedT = TypeVar("SpannedT", bound=_Spanned)


class LineIndex:
    """The screen lines of a wrapped text (``(start, end)`` offsets each, in text order), for
    finding the line of an offset and bucketing marks by line."""

    def __init__(self, lines: Sequence[tuple[int, int]]) -> None:
        self.lines = list(lines)
        """``(start, end)`` of every screen line; the newline and the spaces a line is broken
        at belong to no line."""
        self._starts = [start for start, _ in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The screen line holding ``offset`` (the nearest one before it, for a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def bucket(self, marks: Iterable[SpannedT]) -> list[list[SpannedT]]:
        """``marks`` distributed to the lines they touch, keeping their order (none before the
        text is wrapped)."""
        buckets: list[list[SpannedT]] = [[] for _ in self.lines]
        if not buckets:
            return buckets
        for mark in marks:
            first = self.line_of(mark.start)
            last = self.line_of(max(mark.start, mark.end - 1))
            for line in range(first, last + 1):
                buckets[line].append(mark)
        return buckets


def line_start(index: LineIndex, offset: int) -> int:
    """The start of the screen line holding ``offset``."""
    if not len(index):
        return offset
    return index.lines[index.line_of(offset)][0]


def line_end(index: LineIndex, offset: int) -> int:
    """The end of the screen line holding ``offset``."""
    if not len(index):
        return offset
    return index.lines[index.line_of(offset)][1]


def line_move(index: LineIndex, offset: int, delta: int) -> int:
    """``offset`` moved ``delta`` screen lines down (up when negative), keeping its column where
    the target line is long enough, and stopping at the first and the last line."""
    if not len(index):
        return offset
    line = index.line_of(offset)
    column = offset - index.lines[line][0]
    target = max(0, min(len(index) - 1, line + delta))
    start, end = index.lines[target]
    return min(start + column, end)
