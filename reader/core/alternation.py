"""A regular expression for "one of these words", written as a trie.

``"|".join(words)`` makes the regular-expression engine try every word in turn at every place
it looks; the same words as a trie (``pre(?:mier|sident(?:-elect)?)``) try one letter at a
time, so a place where no word starts is left after a letter or two. The language is the same:
a pattern built from either matches the same strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["WholeWords", "word_alternation"]


def word_alternation(words: Iterable[str]) -> str:
    """A non-capturing pattern matching exactly the strings of ``words`` (none empty)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _pattern(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: what follows is optional
        return f"(?:{body})?"
    return body


class WholeWords:
    """Where any of ``words`` (lower-case a-z) stands in lower-case text with no letter a-z on
    either side, as ``(start, end)`` in order: what ``(?<![a-z])(?:words)(?![a-z])`` finds.

    The pattern searched starts with the character before the word (``[^a-z]``), so the engine
    skips from one non-letter to the next instead of trying the words at every letter (a third
    quicker on news text); a word at the very start is matched on its own."""

    __slots__ = ("_after", "_first")

    def __init__(self, words: Iterable[str]) -> None:
        alternation = word_alternation(words)
        self._after = re.compile(rf"[^a-z]({alternation})(?![a-z])")
        self._first = re.compile(rf"({alternation})(?![a-z])")

    def spans(self, lower: str) -> Iterator[tuple[int, int]]:
        first = self._first.match(lower)
        if first is not None:
            yield first.span(1)
        for match in self._after.finditer(lower):
            yield match.span(1)
