"""Word-level differences between the spans of one group, for the variants view.

Each span is compared with a reference span (the group's first) word by word: words are the runs
of non-space characters, compared case-insensitively with quotes and dashes folded and the
punctuation around them ignored (so ``said,`` equals ``Said``). Every change carries offsets into
both texts, so the UI can mark what an outlet added, dropped or changed without re-tokenising.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum

from reader.core.models import Document, Group, Span
from reader.core.text import fold

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}-…"


class ChangeTag(str, Enum):
    """What happened to a run of words, seen from the reference span."""

    EQUAL = "equal"
    """The same words in both."""
    ADDED = "added"
    """Words the other span has and the reference does not."""
    DROPPED = "dropped"
    """Words of the reference the other span leaves out."""
    CHANGED = "changed"
    """Words of the reference replaced by other words."""


@dataclass(frozen=True, slots=True)
class WordChange:
    """One run of words: ``reference[ref_start:ref_end]`` became ``other[start:end]``.

    For ``ADDED`` the reference range is empty (where the words were inserted); for ``DROPPED``
    the other range is empty.
    """

    tag: ChangeTag
    ref_start: int
    ref_end: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Variant:
    """One span of a group with its wording compared with the reference span."""

    span: Span
    text: str
    """The span's text, ``document.text[span.start:span.end]``."""
    changes: tuple[WordChange, ...]
    """Offsets into :attr:`text` (and into the reference text); empty for the reference itself."""
    is_reference: bool = False

    @property
    def changed(self) -> bool:
        """True when the wording differs from the reference."""
        return any(change.tag is not ChangeTag.EQUAL for change in self.changes)


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    # Tokenise the original text (so offsets are its own) and fold each word on its own.
    positions: list[tuple[int, int]] = []
    keys: list[str] = []
    for match in _WORD.finditer(text):
        positions.append(match.span())
        key = fold(match.group()).text.strip(_EDGE_PUNCTUATION)
        keys.append(key or match.group())
    return positions, keys


def word_diff(reference: str, other: str) -> tuple[WordChange, ...]:
    """The word-level changes that turn ``reference`` into ``other``, covering every word of both.

    Offsets are ``str`` indices into ``reference`` and ``other``; runs start at a word's first
    character and end after a word's last one.
    """
    ref_pos, ref_keys = _words(reference)
    pos, keys = _words(other)
    matcher = SequenceMatcher(None, ref_keys, keys, autojunk=False)
    changes: list[WordChange] = []

    def bounds(positions: list[tuple[int, int]], i: int, j: int, text: str) -> tuple[int, int]:
        if i < j:
            return positions[i][0], positions[j - 1][1]
        at = positions[i][0] if i < len(positions) else len(text)
        return at, at

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        tag = {
            "equal": ChangeTag.EQUAL,
            "insert": ChangeTag.ADDED,
            "delete": ChangeTag.DROPPED,
            "replace": ChangeTag.CHANGED,
        }[op]
        r0, r1 = bounds(ref_pos, i1, i2, reference)
        o0, o1 = bounds(pos, j1, j2, other)
        changes.append(WordChange(tag, r0, r1, o0, o1))
    return tuple(changes)


def variants(group: Group, documents: Mapping[str, Document]) -> tuple[Variant, ...]:
    """Every span of ``group`` compared with its first span (spans of missing documents are
    left out)."""
    present = [span for span in group.spans if span.doc in documents]
    if not present:
        return ()
    reference = present[0]
    ref_text = reference.text(documents[reference.doc])
    result = [Variant(reference, ref_text, (), is_reference=True)]
    for span in present[1:]:
        text = span.text(documents[span.doc])
        result.append(Variant(span, text, word_diff(ref_text, text)))
    return tuple(result)
