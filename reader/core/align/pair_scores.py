"""How the claims stage scores a candidate pair of sentences, and keeps each sentence's best.

:func:`scorer` gives :func:`~reader.core.align.claims.candidate_pairs` its scoring function, the
values it reads of each content (sentences alike in all it reads,
:func:`~reader.core.align.contents.contents`) computed once: its terms' mass, figures, denials,
and the terms of each of its clauses (read only for the pairs scored clause with clause).
:func:`mutual_best` keeps, of the scored pairs, those whose sentences are each other's best
partner. The rules themselves are the claims stage's (:mod:`reader.core.align.claims`, step 1).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.align.anchors import Figures, conflict, counted, figure_sets, same_counted, small_figure
from reader.core.align.compiled import PAIRS
from reader.core.align.options import AlignOptions
from reader.core.align.terms import NEGATED, Unit

__all__ = ["CLAUSE_MIN_TERMS", "Pair", "Scored", "clause_sets", "mutual_best", "scorer", "touched_mass"]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two sentences of different documents with terms in common."""

    score: float
    """Cosine of the two sentences' weighted terms (0 to 1)."""
    i: int
    j: int
    """Indices of the sentences (``i < j``)."""
    shared: frozenset[str]

CLAUSE_MIN_TERMS = 3
"""Two sentences sharing this many terms, all but one written in lower case in both (not
names), are scored clause with clause (:func:`clause_sets`); else sentence with sentence."""

Scored = tuple[float, frozenset[str], float]
"""A pair's score, its shared terms, and their weight (what :func:`mutual_best` weighs)."""

_NO_TERMS: frozenset[str] = frozenset()


def clause_sets(unit: Unit) -> tuple[frozenset[str], ...]:
    """The distinct terms of each clause of ``unit`` that holds terms, in order (empty for a
    sentence of one clause)."""
    if not unit.clauses:
        return ()
    by_clause: dict[int, set[str]] = {}
    for (term, _, _), c in zip(unit.terms, unit.clauses):
        found = by_clause.get(c)
        if found is None:
            by_clause[c] = {term}
        else:
            found.add(term)
    return tuple(frozenset(terms) for terms in by_clause.values())


def touched_mass(
    sets: tuple[frozenset[str], ...], clauses: tuple[int, ...], shared: frozenset[str], weight_of: Callable[[str], float], whole: float
) -> float:
    """:func:`~reader.core.align.clauses.clause_mass` from a sentence's :func:`clause_sets`
    (``clauses``: its terms' clauses; ``weight_of``: each term's weight): the weight of the
    distinct terms of the clauses that hold a term of ``shared``, ``whole`` when it is one
    clause or they touch every clause."""
    if not sets:
        return whole
    touched = [terms for terms in sets if not terms.isdisjoint(shared)]
    if len(touched) > clauses[-1]:
        return whole
    return math.fsum(map(weight_of, _NO_TERMS.union(*touched)))


def scorer(
    alike: Sequence[Unit],
    weights: dict[str, float],
    options: AlignOptions,
    topic: frozenset[str],
    kinds_of_terms: tuple[frozenset[str], frozenset[str], frozenset[str]],
    limits: tuple[float, float],
    sets: dict[frozenset[str], frozenset[str]],
) -> Callable[[int, int], Scored | None]:
    """The score of a pair of contents ``i`` and ``j`` (indices into ``alike``, the first
    sentence of each content), its shared terms and their weight, or None: no candidate
    (the rules of :func:`~reader.core.align.claims.candidate_pairs`; ``kinds_of_terms``: its
    telling figures, figures and denials; ``limits``: its ``min_weight`` and ``evidence``, in
    weight). The shared terms are kept once per set (``sets``: sets of terms by themselves, the
    sentences' and the pairs' so far): at 1,000 story articles, the 25,524 sets the pairs
    share are 6,814 sets, 3,655 of them a sentence's (21.9 MB of sets made 2.7). The compiled
    kernel (:data:`~reader.core.align.compiled.PAIRS`), when built, scores from these tables with
    the same rules (its ``Scorer``: terms as numbers, ``math.fsum``'s exactly rounded sum), bit for
    bit; the pairs of two contents that both hold figures are read from here on in Python."""
    telling, figure_terms, denial_terms = kinds_of_terms
    weight_of = weights.__getitem__
    fsum, sqrt = math.fsum, math.sqrt
    min_weight, evidence = limits
    min_terms, figure_anchor = options.claim_min_terms, options.claim_shared_figure
    figure_score, lowest = options.claim_figure_score, min(options.claim_min_score, options.claim_support)
    kinds = options.claim_figure_kinds
    bags = [unit.bag for unit in alike]
    mass = [fsum(map(weight_of, bag)) for bag in bags]
    has_figures = [not figure_terms.isdisjoint(bag) for bag in bags]
    # The figures of a content and what they count, read when first asked (of a content with
    # figures: most pairs are settled before they are read).
    figures: list[Figures | None] = [None] * len(alike)
    counts: list[frozenset[tuple[str, str]] | None] = [None] * len(alike)
    held = [denial_terms.intersection(bag) if not denial_terms.isdisjoint(bag) else _NO_TERMS for bag in bags]
    negated = [frozenset(t[1:] for t in terms) for terms in held]
    denials = [terms - topic for terms in held]
    commons = [unit.common for unit in alike]
    tells = [bag & telling if telling and not telling.isdisjoint(bag) else _NO_TERMS for bag in bags]
    clauses: list[tuple[frozenset[str], ...] | None] = [None] * len(alike)
    """The terms of each clause of each content, read when first asked."""

    def clause_mass(i: int, shared: frozenset[str]) -> float:
        sets = clauses[i]
        if sets is None:
            sets = clauses[i] = clause_sets(alike[i])
        return touched_mass(sets, alike[i].clauses, shared, weight_of, mass[i])

    def figures_of(i: int) -> Figures:
        found = figures[i]
        if found is None:
            found = figures[i] = figure_sets(alike[i])
        return found

    def counts_of(i: int) -> frozenset[tuple[str, str]]:
        found = counts[i]
        if found is None:
            found = counts[i] = counted(alike[i])
        return found

    def same_figure(i: int, j: int) -> bool:
        """Whether contents ``i`` and ``j`` give the same figure of the same thing (not the story's
        topic, nor a small number counting a topic word)."""
        return any(f not in topic and not (small_figure(f) and w in topic) for f, w in same_counted(counts_of(i), counts_of(j)))

    if PAIRS is not None:
        return PAIRS.Scorer(  # type: ignore[no-any-return]
            (bags, mass, has_figures, figures, counts, negated, denials, commons, tells, clauses, alike),
            (min_weight, evidence, min_terms, figure_anchor, figure_score, lowest, kinds, CLAUSE_MIN_TERMS),
            (weight_of, topic, sets, figure_sets, counted, conflict, same_counted, small_figure, clause_sets, weights, telling, denial_terms, NEGATED),
        ).score

    def score(i: int, j: int) -> Scored | None:
        shared = bags[i] & bags[j]
        told = tells[i] & tells[j] if tells[i] and tells[j] else _NO_TERMS  # shared & telling
        if len(shared) + len(told) < min_terms:
            return None
        weight = fsum(map(weight_of, shared))
        if (weight + fsum(map(weight_of, told)) if told else weight) < min_weight:  # a telling figure counts twice
            return None  # the cheap tests first (the others only drop pairs too)
        # Compared clause with clause when they share a few terms: the other clauses of a long
        # sentence do not dilute a claim (two words in common in two short clauses are no claim).
        lower = None
        if len(shared) >= CLAUSE_MIN_TERMS:
            lower = shared & commons[i] & commons[j]
        if lower is not None and len(lower) >= CLAUSE_MIN_TERMS - 1:
            value = weight / sqrt(clause_mass(i, shared) * clause_mass(j, shared))
        else:
            value = weight / sqrt(mass[i] * mass[j])
        if told and value < figure_anchor:
            value = figure_anchor  # the same telling figure: at least support for a claim
        figured = has_figures[i] and has_figures[j]  # (else neither figures nor counts are in both)
        if value < lowest and (figure_score < lowest or not ((denials[i] and denials[j]) or (figured and counts_of(i) and counts_of(j)))):
            return None  # too weak, and nothing can anchor it (see below)
        if figured:
            fi, fj = figures_of(i), figures_of(j)
            if fi[0] and fj[0] and conflict(fi, fj, kinds):
                return None
        if (negated[i] and negated[i] & bags[j]) or (negated[j] and negated[j] & bags[i]):
            return None  # one says what the other denies ("cannot be justified" / "has justified")
        # Only whether anything anchors the pair matters: the same figure of a thing, or denial.
        # The same figure is looked for only where it changes the outcome: when it would raise
        # the score, or when the words the pair shares are no evidence by themselves.
        anchored = bool(denials[i] and denials[i] & denials[j])
        unread = not anchored and figured and bool(counts_of(i)) and bool(counts_of(j))  # the figures' part, still to read
        if unread and value < figure_score:
            anchored, unread = same_figure(i, j), False
        if value < figure_score and anchored:
            value = figure_score  # the same figure of the same thing, the same denial
        if value < lowest:
            return None
        if not anchored and not told:
            if lower is None:
                lower = shared & commons[i] & commons[j]
            if fsum(map(weight_of, lower - topic)) < evidence and not (unread and same_figure(i, j)):
                return None  # names or the story's topic only: the same people and subject, not one claim
        return value, sets.setdefault(shared, shared), weight

    return score


def mutual_best(docs: Sequence[int], ranked: Sequence[tuple[float, int, int, frozenset[str], float]], options: AlignOptions, weights: dict[str, float]) -> list[Pair]:
    """Of the pairs ``ranked`` (best first, as ``(-score, i, j, shared terms, their weight)``;
    ``docs``: each sentence's document), those whose two sentences are each other's best
    partner in the other's document (or score ``claim_sure`` or more), and the pairs that only
    support.

    A sentence that carries two claims may have a best partner for each: a pair counts as the
    best of its sentence for a document when no better pair of that sentence and document
    shares much of its weight (the terms of another claim). The compiled kernel
    (:data:`~reader.core.align.compiled.PAIRS`) runs this loop when it is built."""
    if PAIRS is not None:
        return PAIRS.mutual_best(docs, ranked, options, weights)  # type: ignore[no-any-return]
    return _mutual_best(docs, ranked, options, weights)


def _mutual_best(docs: Sequence[int], ranked: Sequence[tuple[float, int, int, frozenset[str], float]], options: AlignOptions, weights: dict[str, float]) -> list[Pair]:
    """:func:`mutual_best` in pure Python."""
    weight = weights.__getitem__
    fsum = math.fsum
    width = max(docs, default=0) + 1
    best: dict[int, list[frozenset[str]]] = {}
    """Per sentence and document of its partners (``sentence * width + document``): the shared
    terms of its best pairs with that document so far."""
    other, sure, support = options.claim_other, options.claim_sure, options.claim_support
    kept = []
    for minus, i, j, shared, shared_weight in ranked:
        sides = 0
        limit = other * shared_weight
        for key in (i * width + docs[j], j * width + docs[i]):
            taken = best.get(key)
            if taken is None:
                best[key] = [shared]  # the first pair of this sentence and document
                sides += 1
                continue
            for earlier in taken:
                if fsum(map(weight, shared & earlier)) > limit:
                    break
            else:
                taken.append(shared)
                sides += 1
        score = -minus
        if sides == 2 or score >= sure:
            kept.append(Pair(score, i, j, shared))
        elif score >= support:
            kept.append(Pair(minus, i, j, shared))  # support only
    return kept
