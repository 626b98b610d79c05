"""The compiled kernels of the claims stage's candidate pairs (``reader/core/align/_pair_kernels.pyx``)
give what the pure-Python loops give, on the same inputs: the sentences that meet, their pairs
scored once per pair of contents, the scores themselves, and the pairs kept as each other's best."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, claims, compiled, cooccur, pair_scores
from reader.core.align.claims import candidate_pairs
from reader.core.align.terms import sentence_units, term_weights, topic_terms
from reader.core.corpus import load_corpus
from tests.core.test_claims_meeting import _by_hand, _index

ROOT = Path(__file__).resolve().parents[2]

built = pytest.mark.skipif(compiled.PAIRS is None, reason="the compiled kernels are not built here (pure Python runs)")


@built
@settings(max_examples=300, deadline=None)
@given(_index())
def test_the_kernel_meets_the_pairs_counted_by_hand(index) -> None:
    postings, counts, doc_of, related, min_terms = index
    expected = _by_hand(postings, counts, doc_of, related, min_terms)
    assert compiled.PAIRS.pairs(postings, counts, doc_of, related, min_terms) == expected
    assert cooccur._meeting_counted(postings, counts, doc_of, related, min_terms) == expected


@built
@settings(max_examples=200, deadline=None)
@given(_index(), st.data())
def test_the_kernel_scores_each_pair_of_contents_once(index, data) -> None:
    postings, counts, doc_of, related, min_terms = index
    content = data.draw(st.lists(st.integers(0, 4), min_size=len(doc_of), max_size=len(doc_of)))
    calls: list[tuple[int, int]] = []

    def score(a: int, b: int) -> tuple[int, int] | None:
        calls.append((a, b))
        return (a, b) if (a + b) % 3 else None

    met = _by_hand(postings, counts, doc_of, related, min_terms)
    found = compiled.PAIRS.meeting(postings, counts, doc_of, related, min_terms, content, score)
    assert sorted(calls) == sorted({(content[i], content[j]) for i, j in met})
    assert sorted(found) == sorted((i, j, (content[i], content[j])) for i, j in met if (content[i] + content[j]) % 3)


@st.composite
def _ranked(draw):
    """Scored pairs of sentences of a few documents, best first, sharing terms of a few weights."""
    terms = [f"t{k}" for k in range(8)]
    weights = {t: draw(st.sampled_from([0.5, 1.25, 2.0, 3.1, 0.1 + 0.2])) for t in terms}
    doc_of = draw(st.lists(st.integers(0, 4), min_size=2, max_size=12))
    found = []
    for i in range(len(doc_of)):
        for j in range(i + 1, len(doc_of)):
            if doc_of[i] != doc_of[j] and draw(st.booleans()):
                shared = frozenset(draw(st.sets(st.sampled_from(terms), min_size=1, max_size=5)))
                score = draw(st.sampled_from([0.2, 0.25, 0.3, 0.45, 0.5, 0.7, 1.0]))
                found.append((-score, i, j, shared, sum(weights[t] for t in sorted(shared))))
    return doc_of, sorted(found, key=lambda item: item[:3]), weights


@built
@settings(max_examples=300, deadline=None)
@given(_ranked(), st.sampled_from([0.0, 0.3, 0.6, 1.0]))
def test_the_kernel_keeps_each_sentences_best_pairs_as_python_does(ranked, other) -> None:
    doc_of, pairs, weights = ranked
    options = AlignOptions(claim_other=other)
    expected = pair_scores._mutual_best(doc_of, pairs, options, weights)
    assert compiled.PAIRS.mutual_best(doc_of, pairs, options, weights) == expected
    assert any(p.score < 0 for p in expected) or all(p.score > 0 for p in expected)  # (support only: negated)


@built
@settings(max_examples=300, deadline=None)
@given(_ranked(), st.randoms(use_true_random=False), st.booleans())
def test_the_kernel_ranks_and_keeps_the_pairs_met_as_python_does(ranked, rng, mutual) -> None:
    # The pairs as meeting gives them (in any order; many scores tie): best first, then kept.
    doc_of, pairs, weights = ranked
    met = [(i, j, (-minus, shared, weight)) for minus, i, j, shared, weight in pairs]
    rng.shuffle(met)
    options = AlignOptions(claim_mutual=mutual)
    order = sorted([(-found[0], i, j, found[1], found[2]) for i, j, found in met])
    expected = pair_scores._mutual_best(doc_of, order, options, weights) if mutual else [
        pair_scores.Pair(-minus, i, j, shared) for minus, i, j, shared, _ in order
    ]
    assert compiled.PAIRS.best_pairs(met, doc_of, options, weights) == expected


def _sample_units() -> tuple[list, dict[str, float], frozenset[str]]:
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]
    return units, term_weights(units), topic_terms(units)


@built
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_candidate_pairs_are_the_pure_pythons(monkeypatch, seed) -> None:
    # The sample corpus's sentences, and a shuffle of them into other documents (other pairs
    # meet, other contents are alike): every pair, score and set of terms the same, bit for bit.
    units, weights, topic = _sample_units()
    if seed:
        rng = random.Random(seed)
        docs = [unit.doc for unit in units]
        rng.shuffle(docs)
        units = [type(unit)(d, *(getattr(unit, f) for f in ("start", "end", "terms", "common", "bag", "clauses"))) for unit, d in zip(units, docs)]
    related = {(0, 1), (0, 2), (1, 3), (2, 4)}
    for near in (None, related):
        for options in (AlignOptions(), AlignOptions(claim_mutual=False), AlignOptions(claim_figure_score=0.1)):
            fast = candidate_pairs(units, weights, options, near, topic)
            with monkeypatch.context() as patch:
                patch.setattr(cooccur, "PAIRS", None)
                patch.setattr(pair_scores, "PAIRS", None)
                patch.setattr(claims, "PAIRS", None)
                slow = candidate_pairs(units, weights, options, near, topic)
            assert [(p.score.hex(), p.i, p.j, p.shared) for p in fast] == [(p.score.hex(), p.i, p.j, p.shared) for p in slow]
            assert fast


def test_the_pure_loops_run_without_the_kernel(monkeypatch) -> None:
    monkeypatch.setattr(claims, "PAIRS", None)
    monkeypatch.setattr(cooccur, "PAIRS", None)
    monkeypatch.setattr(pair_scores, "PAIRS", None)
    calls = []
    real = pair_scores._mutual_best
    monkeypatch.setattr(pair_scores, "_mutual_best", lambda *args: calls.append(1) or real(*args))
    units, weights, topic = _sample_units()
    assert candidate_pairs(units, weights, AlignOptions(), None, topic)
    assert calls == [1]


@built
@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(min_value=1e-300, max_value=1e300) | st.floats(min_value=-1e3, max_value=1e3) | st.sampled_from([0.1, 0.2, 0.3, 1e16, 1.0, 1e-16, -1e16]), max_size=40))
def test_the_kernels_sums_are_math_fsums_bit_for_bit(values) -> None:
    # The kernel's copy of math.fsum (exactly rounded: no order of the numbers changes it).
    expected = math.fsum(values)
    assert compiled.PAIRS.fsum_of(values).hex() == expected.hex()
    assert compiled.PAIRS.fsum_of(values[::-1]).hex() == expected.hex()
    assert compiled.PAIRS.fsum_of(sorted(values)).hex() == expected.hex()


@built
def test_the_built_pair_kernel_carries_the_digest_of_its_source() -> None:
    assert compiled.PAIRS.SOURCE == compiled.source_digest(ROOT / "reader" / "core" / "align" / "_pair_kernels.pyx")
