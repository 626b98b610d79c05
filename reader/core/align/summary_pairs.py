"""Summaries in the long preset, sentence by sentence: which sentence of a source each sentence
of a summary restates.

A summary sentence compresses one source sentence (or two neighbouring ones) into fewer words:
most of ITS weighted terms are found there, while most of the source sentence's are left out.
So two sentences are scored by the weighted coverage of the SHORTER one
(:func:`restated_pairs`), not by a cosine that the long sentence's other words dilute. Pairs are
proposed by the rare terms they share (an inverted index over stemmed terms, never all pairs of
sentences), and a sentence keeps its best partner in each other document. The pairs become
alignments of whole sentences (:func:`sentence_links`) that :func:`~reader.core.align.summaries.join_summaries`
joins into one passage when they sit close together in one document and spread over the other.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from itertools import chain, repeat

from reader.core.align.context import Link
from reader.core.align.options import AlignOptions
from reader.core.align.terms import Unit, sentence_units, term_weights
from reader.core.align.tokens import Tokens

__all__ = ["restated_pairs", "sentence_links"]


def sentence_links(
    texts: Sequence[str],
    tokens: Sequence[Tokens],
    related: Collection[tuple[int, int]],
    options: AlignOptions,
    split: Sequence[Unit] | None = None,
) -> tuple[list[Link], list[Link]]:
    """The sentences of the documents of ``related`` (pairs of document indices, ``a < b``) that
    restate a sentence (or two neighbouring ones) of the other document, as alignments of whole
    sentences (token ranges; score 0-100: the coverage of the restating side): those whose
    restating (shorter) sentence is in the alignment's first document, and those whose is in
    its second. ``split``: the sentences of those documents and maybe others, in corpus order,
    as :func:`~reader.core.align.terms.sentence_units` gives them, if already split (the claims
    stage's)."""
    wanted = sorted({d for pair in related for d in pair})
    if split is None:
        units = [unit for d in wanted for unit in sentence_units(d, texts[d], tokens[d])]
    else:
        kept = set(wanted)
        units = [unit for unit in split if unit.doc in kept]
    first_side: list[Link] = []
    second_side: list[Link] = []
    for i, j, j1, score in restated_pairs(units, related, options):
        here, there = units[i], units[j]
        h0, h1 = tokens[here.doc].within(here.start, here.end)
        t0, t1 = tokens[there.doc].within(there.start, units[j1].end)
        if h1 <= h0 or t1 <= t0:
            continue
        count, score = min(h1 - h0, t1 - t0), round(100 * score, 1)
        if here.doc < there.doc:
            first_side.append(Link(here.doc, h0, h1, there.doc, t0, t1, score, False, count))
        else:
            second_side.append(Link(there.doc, t0, t1, here.doc, h0, h1, score, False, count))
    return first_side, second_side



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
    # Terms held by more than claim_max_df sentences propose no partner.
    proposing = {term: found for term, found in postings.items() if len(found) <= options.claim_max_df}
    allowed: dict[int, set[int]] = defaultdict(set)
    for a, b in related:
        allowed[a].add(b)
        allowed[b].add(a)
    lower_in: dict[str, list[int]] = defaultdict(list)  # term -> the sentences writing it in lower case
    for k, unit in enumerate(units):
        for term in unit.common:
            lower_in[term].append(k)
    doc_of = [unit.doc for unit in units]
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    last = len(units) - 1
    for i, unit in enumerate(units):
        there = allowed[unit.doc]
        # The sentences sharing indexed terms with i, counted (in C) before keeping those of the
        # related documents: the same counts, in the same order.
        pool = Counter(chain.from_iterable(map(proposing.get, unit.bag, repeat((), len(unit.bag)))))
        # How many words each sentence writes in lower case as i does: a pair is restated only
        # when j, or j and a neighbour, shares _MIN_SHARED of them (most pairs proposed do not).
        lower = Counter(chain.from_iterable(map(lower_in.__getitem__, unit.common)))
        sides = _Sides(units, i, lower)
        least = options.claim_min_terms
        for j in [j for j, count in pool.items() if count >= least and doc_of[j] in there]:
            near = lower.get(j, 0)
            if j and doc_of[j - 1] == doc_of[j]:
                near += lower.get(j - 1, 0)
            if j < last and doc_of[j + 1] == doc_of[j]:
                near += lower.get(j + 1, 0)
            if near < _MIN_SHARED:
                continue  # the bound _restates tests each of its three readings against, at once
            found = _restates(units, weights, mass, i, j, min_weight, options, sides)
            known = best.get((i, doc_of[j]))
            # The best partner; of two as good, the earlier, then the shorter (one sentence before
            # two): never the order the index gives, which follows the string hashes' seed.
            if found is not None and (known is None or (found[0], -found[1], -found[2]) > (known[0], -known[1], -known[2])):
                best[(i, doc_of[j])] = found
    out = []
    for (i, _), (score, j, j1) in sorted(best.items()):
        # Each side of a pair is found once from each end: keep it from the summary's (shorter) side.
        if mass[i] <= sum(mass[k] for k in range(j, j1 + 1)):
            out.append((i, j, j1, score))
    return out


class _Sides:
    """What sentence ``i`` has in common with each sentence it is compared with, worked out
    once (a sentence is read alone and as the neighbour of the sentences on either side of it)."""

    __slots__ = ("_bag", "_common", "_lower", "_shared", "_units", "counts")

    def __init__(self, units: Sequence[Unit], i: int, counts: Mapping[int, int] | None = None) -> None:
        self._units = units
        self._bag, self._common = units[i].bag, units[i].common
        self._shared: dict[int, frozenset[str]] = {}
        self._lower: dict[int, frozenset[str]] = {}
        self.counts = counts
        """How many words each sentence writes in lower case as ``i`` does, if counted (a
        sentence not in it has none)."""

    def shared(self, k: int) -> frozenset[str]:
        """The terms of both ``i`` and sentence ``k``."""
        found = self._shared.get(k)
        if found is None:
            found = self._shared[k] = self._bag & self._units[k].bag
        return found

    def lower(self, k: int) -> frozenset[str]:
        """The words written in lower case (and the figures) in both ``i`` and sentence ``k``."""
        found = self._lower.get(k)
        if found is None:
            found = self._lower[k] = self._common & self._units[k].common
        return found


def _restates(
    units: Sequence[Unit],
    weights: dict[str, float],
    mass: list[float],
    i: int,
    j: int,
    min_weight: float,
    options: AlignOptions,
    sides: _Sides | None = None,
) -> tuple[float, int, int] | None:
    """How well sentence ``i`` is restated by sentence ``j`` of another document, or by ``j``
    and a neighbour of it: ``(coverage of the shorter side, first, last sentence)``, or None.
    ``sides``: what ``i`` has in common with each sentence, as far as worked out (:class:`_Sides`)."""
    sides = sides if sides is not None else _Sides(units, i)
    counts = sides.counts
    found = None
    for j0, j1 in ((j, j), (j - 1, j), (j, j + 1)):
        if j0 < 0 or j1 >= len(units) or units[j0].doc != units[j1].doc:
            continue
        if counts is not None and counts.get(j0, 0) + (counts.get(j1, 0) if j0 != j1 else 0) < _MIN_SHARED:
            continue  # too few words in lower case in both (the test below, bounded)
        if j0 == j1:
            shared, lower = sides.shared(j), sides.lower(j)
        else:
            shared = sides.shared(j0) | sides.shared(j1)
            if shared <= units[j0].bag or shared <= units[j1].bag:
                continue  # the neighbour adds nothing
            lower = sides.lower(j0) | sides.lower(j1)
        # The shared words written in lower case in both (tested before the weight: cheaper).
        if len(shared & lower) < _MIN_SHARED:
            continue
        weight = math.fsum(map(weights.__getitem__, shared))
        if weight < min_weight:
            continue
        smaller = min(mass[i], mass[j0] + (mass[j1] if j0 != j1 else 0.0))
        if smaller <= 0.0:
            continue  # the shared terms weigh nothing (each in every sentence), and so does a side
        score = weight / smaller
        if score >= options.summary_cover and (found is None or score > found[0] + _NEIGHBOUR_GAIN * (j0 != j1)):
            found = (score, j0, j1)
    return found


_NEIGHBOUR_GAIN = 0.15
"""Two neighbouring sentences are a summary sentence's source only when they cover this much
more of it than the better one alone."""

_MIN_SHARED = 3
"""Two sentences restate one another only when they share this many words written in lower
case in both (not names alone)."""
