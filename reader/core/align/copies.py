"""Sentences the word aligner already ties: a copy, not a claim restated.

:func:`tied` gives the pairs of sentences that the word aligner's alignments cover (half of
each); :func:`copies` labels the sentences that are copies of each other, directly or through
others. The claims stage (:mod:`reader.core.align.claims`) lets such pairs only support claims.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.core.align.terms import Unit

__all__ = ["copies", "tied"]


def tied(units: Sequence[Unit], copied: Sequence[tuple[int, int, int, int, int, int]]) -> set[tuple[int, int]]:
    """The pairs of sentences (``i < j``) that alignments ``copied`` cover, half of each."""
    # Per document: its sentences' starts, ends and indices (sentences of a document are in
    # order and never overlap).
    bounds: dict[int, tuple[list[int], list[int], list[int]]] = {}
    for k, unit in enumerate(units):
        found = bounds.get(unit.doc)
        if found is None:
            found = bounds[unit.doc] = ([], [], [])
        found[0].append(unit.start)
        found[1].append(unit.end)
        found[2].append(k)
    none: tuple[list[int], list[int], list[int]] = ([], [], [])

    def overlapping(doc: int, start: int, end: int) -> list[tuple[int, int]]:
        """(sentence, characters in common) for the sentences of ``doc`` that ``[start,
        end)`` overlaps."""
        starts, ends, index = bounds.get(doc, none)
        out = []
        k = max(0, bisect_right(starts, start) - 1)
        stop = bisect_left(starts, end, k)
        while k < stop:
            over = min(end, ends[k]) - max(start, starts[k])
            if over > 0:
                out.append((index[k], over))
            k += 1
        return out

    cover: dict[tuple[int, int], list[int]] = {}
    for a, sa, ea, b, sb, eb in copied:
        left = overlapping(a, sa, ea)
        right = overlapping(b, sb, eb) if left else []
        for i, over_i in left:
            for j, over_j in right:
                key, first, second = ((i, j), over_i, over_j) if i < j else ((j, i), over_j, over_i)
                found = cover.get(key)
                if found is None:
                    cover[key] = [first, second]
                else:
                    found[0] += first
                    found[1] += second
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
