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
from reader.core.align.sentences import sentence_spans
from reader.core.text import cut_words, fold

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
    before: str = ""
    """The rest of the sentence before the span (on one paragraph; very long ones cut at a word
    with an ellipsis): the context the outlet gives the words."""
    after: str = ""
    """The rest of the sentence after the span."""

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
    result = [Variant(reference, ref_text, (), True, *sentence_context(documents[reference.doc].text, reference.start, reference.end))]
    for span in present[1:]:
        document = documents[span.doc]
        text = span.text(document)
        result.append(Variant(span, text, word_diff(ref_text, text), False, *sentence_context(document.text, span.start, span.end)))
    return tuple(result)


CONTEXT_LIMIT = 300
"""Characters of a sentence shown either side of a span, at most."""


def sentence_context(text: str, start: int, end: int, limit: int = CONTEXT_LIMIT) -> tuple[str, str]:
    """The rest of the sentence (or sentences) that ``text[start:end]`` sits in: the part before
    ``start`` and the part after ``end``, each at most ``limit`` characters (cut at a word, with
    an ellipsis). A sentence never runs past a line break."""
    lo = max(text.rfind("\n", 0, start) + 1, start - limit * 4)
    found = text.find("\n", end)
    hi = min(len(text) if found < 0 else found, end + limit * 4)
    first, last = start, end
    for a, b in sentence_spans(text, lo, hi):
        if a <= start < b:
            first = a
        if a < end <= b:
            last = b
    return _cut_left(text[first:start], limit), cut_words(text[end:last], limit)


def _cut_left(text: str, limit: int) -> str:
    """The end of ``text``: at most ``limit`` characters, starting at a word, after an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[len(text) - limit + 1 :]
    if not text[len(text) - limit].isspace():  # the cut falls inside a word: drop that word
        space = cut.find(" ")
        if 0 <= space <= limit // 2:
            cut = cut[space + 1 :]
    return "\u2026" + cut.lstrip()
