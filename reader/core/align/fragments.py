"""What the last step of the aligner (:mod:`reader.core.align.fold`, step 3) reads of a span's
text to tell a fragment: its words, whether it holds a figure, whether it reads as a name.

:class:`SpanTexts` reads each span once: the engine reads the word groups' spans while it waits
for the claims (:func:`~reader.core.align.engine.claims_alongside`), and the fold finds them
read (a claim changes few of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reader.core.models import Document, Group, Span

__all__ = ["FRAME_WORDS", "Read", "SpanTexts", "figures_disagree", "fragment", "is_fragment"]

FRAME_WORDS = 8
"""The longest span of a word group whose shared words can be only the frame around a figure."""


class Read(NamedTuple):
    """What the fragment rules read of a span's text."""

    text: str
    words: int
    """Runs of characters not white space."""
    digit: bool
    """It holds a digit (``str.isdigit``)."""
    name: bool
    """At most five words, at most one of four letters or more not capitalised."""


def read(text: str) -> Read:
    """What the fragment rules read of ``text``."""
    words = text.split()
    return Read(text, len(words), _has_digit(text), len(words) <= 5 and _name_like(words))


class SpanTexts:
    """The spans' texts of a corpus, each read (:func:`read`) once."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._texts = {doc.id: doc.text for doc in documents}
        self._read: dict[tuple[str, int, int], Read] = {}

    def read(self, span: Span) -> Read:
        key = (span.doc, span.start, span.end)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = read(self._texts[span.doc][span.start : span.end])
        return found

    def read_groups(self, groups: Iterable[Group]) -> SpanTexts:
        """Every span of ``groups`` read ahead; this."""
        for group in groups:
            for span in group.spans:
                self.read(span)
        return self


def is_fragment(texts: Sequence[str]) -> bool:
    """Whether spans with these texts are only a fragment or a name (see
    :mod:`reader.core.align.fold`, step 3)."""
    return fragment([read(text) for text in texts])


def fragment(spans: Sequence[Read]) -> bool:
    """:func:`is_fragment` of spans read: no figure, and all one to three words or all names."""
    if any(r.digit for r in spans):
        return False
    return all(r.words <= 3 for r in spans) or all(r.name for r in spans)


def figures_disagree(spans: Sequence[Read]) -> bool:
    """Whether two spans of a word group give different figures of the same thing: the words
    they share are only the frame around two facts ("local time, 75 kilometers" / "local time
    about 135 kilometers"). Only short groups (spans of at most ``FRAME_WORDS`` words): two long
    passages copied from each other may hold different figures in sentences never aligned."""
    if sum(r.digit for r in spans) < 2 or max(r.words for r in spans) > FRAME_WORDS:
        return False
    from reader.core.align.anchors import conflict, figure_sets
    from reader.core.align.terms import sentence_units

    sets = [[figure_sets(unit) for unit in sentence_units(0, r.text)] for r in spans]
    return any(conflict(a, b) for k, x in enumerate(sets) for y in sets[k + 1 :] for a in x for b in y)


_ASCII_DIGIT = re.compile("[0-9]")


def _has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (``str.isdigit``): of ASCII text, only 0-9 are (a search
    in C instead of a call per character)."""
    return _ASCII_DIGIT.search(text) is not None if text.isascii() else any(map(str.isdigit, text))


def _name_like(words: list[str]) -> bool:
    """At most one word of four letters or more that is not capitalised."""
    lower = 0
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if len(letters) >= 4 and not letters[0].isupper():
            lower += 1
    return lower <= 1
