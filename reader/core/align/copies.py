"""Sentences the word aligner already ties: a copy, not a claim restated.

:func:`tied` gives the pairs of sentences that the word aligner's alignments cover (half of
each); :func:`copies` labels the sentences that are copies of each other, directly or through
others. The claims stage (:mod:`reader.core.align.claims`) lets such pairs only support claims.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from reader.core.align.terms import Unit

__all__ = ["copies", "tied"]


def tied(units: Sequence[Unit], copied: Sequence[tuple[int, int, int, int, int, int]]) -> set[tuple[int, int]]:
    """The pairs of sentences (``i < j``) that alignments ``copied`` cover, half of each."""
    starts: dict[int, list[int]] = defaultdict(list)
    index: dict[int, list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        starts[unit.doc].append(unit.start)
        index[unit.doc].append(k)

    def overlapping(doc: int, start: int, end: int) -> list[tuple[int, int]]:
        """(sentence, characters in common) for the sentences of ``doc`` that ``[start,
        end)`` overlaps."""
        found = starts.get(doc, [])
        out = []
        k = max(0, bisect_right(found, start) - 1)
        while k < len(found) and found[k] < end:
            unit = units[index[doc][k]]
            over = min(end, unit.end) - max(start, unit.start)
            if over > 0:
                out.append((index[doc][k], over))
            k += 1
        return out

    cover: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for a, sa, ea, b, sb, eb in copied:
        for i, over_i in overlapping(a, sa, ea):
            for j, over_j in overlapping(b, sb, eb):
                key = (i, j) if i < j else (j, i)
                first, second = (over_i, over_j) if i < j else (over_j, over_i)
                cover[key][0] += first
                cover[key][1] += second
    return {
        (i, j)
        for (i, j), (over_i, over_j) in cover.items()
        if 2 * over_i >= units[i].end - units[i].start and 2 * over_j >= units[j].end - units[j].start
    }


def copies(count: int, tied: set[tuple[int, int]]) -> list[int]:
    """For each of ``count`` sentences, a label shared by the sentences it is a copy of, through
    ``tied`` pairs or through others (a copied in b and b in c: a and c are copies too)."""
    parent = list(range(count))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in tied:
        parent[root(i)] = root(j)
    return [root(k) for k in range(count)]
