"""The long preset's sentence pairs as they were before the index's pairs were bounded by the
words written in lower case in both (restated_pairs and _restates of
reader/core/align/summary_pairs.py at f258de8). The tests compare
:func:`reader.core.align.summary_pairs.restated_pairs` with :func:`restated_pairs` here."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from reader.core.align.options import AlignOptions
from reader.core.align.summary_pairs import _MIN_SHARED, _NEIGHBOUR_GAIN
from reader.core.align.terms import Unit, term_weights

__all__ = ["restated_pairs"]


def restated_pairs(
    units: Sequence[Unit], related: Collection[tuple[int, int]], options: AlignOptions
) -> list[tuple[int, int, int, float]]:
    """``(i, j, j_last, score)`` for each sentence ``i`` that restates sentences ``j..j_last``
    (one, or two neighbours) of a related document: its best partner there, when the shared
    terms cover ``summary_cover`` of the shorter side's weight and weigh ``claim_min_weight``
    (units of the weight of a term found in two sentences only), :data:`_MIN_SHARED` of them
    words written in lower case in both (not names alone)."""
    weights = term_weights(units)
    unit_weight = math.log(max(3, len(units)) / 2)
    min_weight = options.claim_min_weight * unit_weight
    floor = options.claim_index_weight * unit_weight
    mass = [math.fsum(map(weights.__getitem__, unit.bag)) for unit in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        for term in unit.bag:
            if weights[term] >= floor:
                postings[term].append(k)
    allowed: dict[int, set[int]] = defaultdict(set)
    for a, b in related:
        allowed[a].add(b)
        allowed[b].add(a)
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    for i, unit in enumerate(units):
        pool = Counter(
            j
            for term in unit.bag
            if len(postings.get(term, ())) <= options.claim_max_df
            for j in postings.get(term, ())
            if units[j].doc in allowed[unit.doc]
        )
        for j, count in pool.items():
            if count < options.claim_min_terms:
                continue
            found = _restates(units, weights, mass, i, j, min_weight, options)
            known = best.get((i, units[j].doc))
            # The best partner; of two as good, the earlier (whatever order the index gives).
            if found is not None and (known is None or (found[0], -found[1]) > (known[0], -known[1])):
                best[(i, units[j].doc)] = found
    out = []
    for (i, _), (score, j, j1) in sorted(best.items()):
        # Each side of a pair is found once from each end: keep it from the summary's (shorter) side.
        if mass[i] <= sum(mass[k] for k in range(j, j1 + 1)):
            out.append((i, j, j1, score))
    return out


def _restates(
    units: Sequence[Unit],
    weights: dict[str, float],
    mass: list[float],
    i: int,
    j: int,
    min_weight: float,
    options: AlignOptions,
) -> tuple[float, int, int] | None:
    """How well sentence ``i`` is restated by sentence ``j`` of another document, or by ``j``
    and a neighbour of it: ``(coverage of the shorter side, first, last sentence)``, or None."""
    bag = units[i].bag
    found = None
    for j0, j1 in ((j, j), (j - 1, j), (j, j + 1)):
        if j0 < 0 or j1 >= len(units) or units[j0].doc != units[j1].doc:
            continue
        other = units[j0].bag | units[j1].bag if j0 != j1 else units[j].bag
        shared = bag & other
        if j0 != j1 and (shared <= units[j0].bag or shared <= units[j1].bag):
            continue  # the neighbour adds nothing
        weight = math.fsum(map(weights.__getitem__, shared))
        if weight < min_weight:
            continue
        if len(shared & units[i].common & (units[j0].common | units[j1].common)) < _MIN_SHARED:
            continue
        other_mass = mass[j0] + (mass[j1] if j0 != j1 else 0.0)
        score = weight / min(mass[i], other_mass)
        if score >= options.summary_cover and (found is None or score > found[0] + _NEIGHBOUR_GAIN * (j0 != j1)):
            found = (score, j0, j1)
    return found
