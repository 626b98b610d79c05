"""Sentences that the claims stage scores alike: copies of a sentence, as a number each.

Wire copy repeats a story's sentences word for word in many articles; the claims stage
(:func:`~reader.core.align.claims.candidate_pairs`) scores each pair of their contents once and
gives the result to every pair of copies. :func:`contents` tells which sentences are alike in all
the scoring reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.align.terms import Unit

__all__ = ["contents"]


def contents(units: Sequence[Unit], has_figures: Sequence[bool]) -> list[int]:
    """For each sentence, a number shared by the sentences whose pairs
    :func:`~reader.core.align.claims.candidate_pairs` scores alike: the same terms in the same
    order, clauses, terms written in lower case (in the same order of their set, so sums over
    them add up alike) and, with figures, the same terms at one place (what
    :func:`~reader.core.align.anchors.counted` reads). The scoring reads nothing else of a
    sentence; if it ever reads more (its document, its offsets), that belongs in the key."""
    ids: dict[tuple[object, ...], int] = {}
    out = []
    for unit, has in zip(units, has_figures):
        terms = unit.terms
        key = (
            tuple([t for t, _, _ in terms]),
            unit.clauses,
            tuple(unit.common),
            tuple([a == terms[k - 1][1] for k, (_, a, _) in enumerate(terms) if k]) if has else (),
        )
        out.append(ids.setdefault(key, len(ids)))
    return out
