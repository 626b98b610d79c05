"""The "PAN exact-match baseline": shared word n-grams, merged into passages when close.

A deliberately simple aligner in the spirit of PAN's exact n-gram baseline, kept as the
reference row in ``benchmarks/pan13.py`` (it finds verbatim reuse and little else). Words are
runs of letters and digits, compared case-insensitively; each n-gram shared by both texts is a
seed, and seeds whose ranges lie within ``max_gap`` characters of each other in both texts are
merged into one passage.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["ExactOptions", "exact_passages"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ExactOptions:
    """Tuning of the baseline."""

    n: int = 8
    """Words per n-gram."""
    max_gap: int = 200
    """Seeds closer than this many characters (in both texts) join one passage."""
    max_occurrences: int = 5
    """N-grams occurring more often than this in b (boilerplate) are ignored."""
    min_chars: int = 0
    """Passages shorter than this on either side are dropped."""


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def exact_passages(
    a_text: str, b_text: str, options: ExactOptions = ExactOptions()
) -> list[tuple[int, int, int, int]]:
    """Passages shared by ``a_text`` and ``b_text`` as ``(a_start, a_end, b_start, b_end)``.

    Offsets are Python ``str`` indices into the texts as given, sorted by ``a_start``.
    """
    n = options.n
    a_words, b_words = _words(a_text), _words(b_text)
    if len(a_words) < n or len(b_words) < n:
        return []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    b_keys = [w for w, _, _ in b_words]
    for j in range(len(b_words) - n + 1):
        index[tuple(b_keys[j : j + n])].append(j)
    a_keys = [w for w, _, _ in a_words]
    seeds: list[tuple[int, int, int, int]] = []
    for i in range(len(a_words) - n + 1):
        hits = index.get(tuple(a_keys[i : i + n]))
        if not hits or len(hits) > options.max_occurrences:
            continue
        a_start, a_end = a_words[i][1], a_words[i + n - 1][2]
        for j in hits:
            seeds.append((a_start, a_end, b_words[j][1], b_words[j + n - 1][2]))
    seeds.sort()
    passages: list[list[int]] = []
    gap = options.max_gap
    for a0, a1, b0, b1 in seeds:
        for passage in reversed(passages[-8:]):
            if a0 - passage[1] <= gap and b0 - passage[3] <= gap and passage[2] - b1 <= gap:
                passage[1] = max(passage[1], a1)
                passage[2] = min(passage[2], b0)
                passage[3] = max(passage[3], b1)
                break
        else:
            passages.append([a0, a1, b0, b1])
    return [
        (a0, a1, b0, b1)
        for a0, a1, b0, b1 in passages
        if a1 - a0 >= options.min_chars and b1 - b0 >= options.min_chars
    ]
