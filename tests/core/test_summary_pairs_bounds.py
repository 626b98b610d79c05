"""The long preset's sentence pairs (reader.core.align.summary_pairs.restated_pairs) bounded by
the words written in lower case in both: a pair the index proposes is scored only when the
sentences (with a neighbour) share enough of them, with the same pairs and scores as before
(tests/core/old_summary_pairs.py) on generated sentences."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, summary_pairs
from reader.core.align.terms import Unit
from tests.core import old_summary_pairs

OPTIONS = AlignOptions.long_passages()
VOCABULARY = [f"w{k}" for k in range(14)] + ["Name", "Place"]


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[Unit], list[tuple[int, int]]]:
    """Sentences of two to four documents, in corpus order, over a small vocabulary (so that
    pairs share terms often), each with a set of words written in lower case (mostly its own
    terms, sometimes not: the bound must not rely on it), and some related pairs of documents."""
    docs = draw(st.integers(2, 4))
    units = []
    for d in range(docs):
        for k in range(draw(st.integers(1, 7))):
            bag = frozenset(draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=9)))
            common = frozenset(draw(st.lists(st.sampled_from(sorted(bag) + VOCABULARY[:3]), max_size=8)))
            units.append(Unit(d, 10 * k, 10 * k + 9, (), common, bag))
    pairs = [(a, b) for a in range(docs) for b in range(a + 1, docs)]
    related = draw(st.lists(st.sampled_from(pairs), min_size=1, unique=True))
    return units, related


@settings(max_examples=200, deadline=None)
@given(
    corpora(),
    st.sampled_from([0.2, 0.35, 0.5, 0.7]),
    st.integers(1, 3),
    st.sampled_from([0.0, 0.3, 0.8]),
    st.sampled_from([0.0, 0.3]),
    st.integers(2, 50),
)
def test_the_same_pairs_and_scores_as_before(corpus, cover, min_terms, min_weight, index_weight, max_df) -> None:
    units, related = corpus
    options = replace(
        OPTIONS, summary_cover=cover, claim_min_terms=min_terms, claim_min_weight=min_weight,
        claim_index_weight=index_weight, claim_max_df=max_df,
    )
    found = summary_pairs.restated_pairs(units, related, options)
    try:
        before = old_summary_pairs.restated_pairs(units, related, options)
    except ZeroDivisionError:
        # The old code divided by a side weighing nothing (with claim_min_weight 0, a pair whose
        # terms are in every sentence): such a pair is not a restatement, the rest are as before.
        weights = summary_pairs.term_weights(units)
        assert all(math.fsum(weights[t] for t in units[i].bag) > 0 for i, _, _, _ in found)
        return
    assert found == before


def test_a_pair_whose_terms_weigh_nothing_is_no_restatement() -> None:
    """With ``claim_min_weight`` 0, two sentences alike whose every term is in every sentence
    weigh nothing: no pair (the old code divided by their weight and crashed)."""
    units = [Unit(d, 0, 9, (), frozenset({"w0", "w1", "w2"}), frozenset({"w0", "w1", "w2"})) for d in (0, 1)]
    options = replace(OPTIONS, claim_min_weight=0.0, claim_index_weight=0.0)
    assert summary_pairs.restated_pairs(units, [(0, 1)], options) == []


class _Counting:
    """``math`` for summary_pairs, counting the sums of weights it makes."""

    def __init__(self) -> None:
        self.sums = 0

    def __getattr__(self, name: str) -> object:
        return getattr(math, name)

    def fsum(self, values: object) -> float:
        self.sums += 1
        return math.fsum(values)  # type: ignore[arg-type]


def test_a_pair_sharing_names_only_is_not_weighed(monkeypatch) -> None:
    """Sentences that share rare names (which the index proposes) but fewer than three words
    written in lower case in both are never weighed: only each sentence's own mass is summed."""
    units = [
        Unit(0, 0, 9, (), frozenset({"vote", "budget"}), frozenset({"Alice", "Bob", "Carol", "vote", "budget"})),
        Unit(0, 10, 19, (), frozenset({"rain"}), frozenset({"Dave", "rain"})),
        Unit(1, 0, 9, (), frozenset({"vote", "tax"}), frozenset({"Alice", "Bob", "Carol", "vote", "tax"})),
        Unit(1, 10, 19, (), frozenset({"rain", "flood"}), frozenset({"Dave", "Erin", "rain", "flood"})),
        Unit(2, 0, 9, (), frozenset({"snow"}), frozenset({"Frank", "snow"})),
    ]
    counting = _Counting()
    monkeypatch.setattr(summary_pairs, "math", counting)
    assert summary_pairs.restated_pairs(units, [(0, 1)], OPTIONS) == []
    assert counting.sums == len(units)  # the masses; no pair weighed
