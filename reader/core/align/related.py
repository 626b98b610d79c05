"""Which documents the claims stage compares: those that share a seed of the word aligner, and
those related through a third document that few others relate to."""

from __future__ import annotations

from collections import defaultdict

RELATED_HUB = 30
"""A document related to at most this many others relates them to each other too."""


def related_documents(seeded: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pairs of documents whose sentences are compared: those that share a seed of the word
    aligner, and two documents that both share one with a third (two outlets that worded a
    story differently but each copied a phrase of a third). Only through a third document
    related to few others (:data:`RELATED_HUB`), so a corpus of many stories does not become
    one."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in seeded:
        neighbours[a].append(b)
        neighbours[b].append(a)
    out = set(seeded)
    for near in neighbours.values():
        if len(near) <= RELATED_HUB:
            near.sort()
            out.update((a, b) for k, a in enumerate(near) for b in near[k + 1 :])
    return out
