"""The claims stage's pair scoring (:mod:`reader.core.align.pair_scores`) gives what its rules,
read plainly, give: a clause's mass from the clauses' term sets as :func:`clause_mass` reads it
term by term, and a copied pair skipped by its copy labels as a pair scored below zero."""

from __future__ import annotations

import math
import random
from pathlib import Path

from reader.core.align import AlignOptions
from reader.core.align.claims import Pair, candidate_pairs, claim_clusters
from reader.core.align.clauses import clause_mass
from reader.core.align.copies import copies
from reader.core.align.pair_scores import clause_sets, touched_mass
from reader.core.align.terms import sentence_units, term_weights, topic_terms
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def _units():  # type: ignore[no-untyped-def]
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    return [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]


def test_the_clause_sets_give_the_clause_mass_of_any_shared_terms() -> None:
    units = _units()
    weights = term_weights(units)
    rng = random.Random(7)
    several = [unit for unit in units if unit.clauses and unit.clauses[-1] >= 1]
    assert len(several) > 20
    for unit in units:
        whole = math.fsum(weights[t] for t in unit.bag)
        sets = clause_sets(unit)
        assert (sets == ()) == (unit.clauses == ())
        terms = sorted(unit.bag)
        for _ in range(6):
            shared = frozenset(rng.sample(terms, rng.randint(1, len(terms))))
            assert touched_mass(sets, unit.clauses, shared, weights.__getitem__, whole) == clause_mass(unit, shared, weights, whole)


def test_copied_pairs_skipped_by_their_labels_make_the_claims_negated_pairs_make() -> None:
    units = _units()
    weights = term_weights(units)
    options = AlignOptions()
    pairs = candidate_pairs(units, weights, options, None, topic_terms(units))
    assert len([p for p in pairs if p.score >= options.claim_min_score]) > 10
    rng = random.Random(3)
    for _ in range(5):
        # Sentences made copies of each other at random, about a third of the kept pairs.
        tied = {(p.i, p.j) for p in pairs if p.score > 0 and rng.random() < 0.3}
        copy = copies(len(units), tied)
        negated = [Pair(-abs(p.score), p.i, p.j, p.shared) if copy[p.i] == copy[p.j] else p for p in pairs]
        labelled = claim_clusters(units, weights, pairs, options, copy)
        assert labelled == claim_clusters(units, weights, negated, options)
        assert labelled != claim_clusters(units, weights, pairs, options) or not tied


STORY = [
    "Engineers warned that the old dam could soon collapse after the heavy rain. Police closed the road.",
    "Engineers warned that the old dam could soon collapse after the heavy rain. The mayor spoke on Tuesday.",
    "The old dam could soon collapse, engineers warned after the heavy rain on Monday. Schools stayed open.",
]


def test_equal_sets_of_terms_are_kept_once_and_claims_are_unchanged() -> None:
    sets: dict[frozenset[str], frozenset[str]] = {}
    once = [unit for d, text in enumerate(STORY) for unit in sentence_units(d, text, None, sets)]
    apart = [unit for d, text in enumerate(STORY) for unit in sentence_units(d, text)]
    assert once == apart
    assert once[0].bag is once[2].bag and once[0].common is once[2].common  # the copied sentence
    assert apart[0].bag == apart[2].bag and apart[0].bag is not apart[2].bag
    weights = term_weights(once)
    topic = topic_terms(once)
    kept = candidate_pairs(once, weights, AlignOptions(), None, topic, sets)
    made = candidate_pairs(apart, weights, AlignOptions(), None, topic)
    assert kept == made and kept
    assert all(p.shared is sets[p.shared] for p in kept)
    assert any(p.shared is once[p.i].bag for p in kept)  # the copies share all their terms
