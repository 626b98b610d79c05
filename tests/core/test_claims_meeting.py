"""The claims stage's candidate pairs are the same with numpy (the ``fast`` extra) and without
it: the sentences that meet in the inverted index, counted as arrays or by a Counter per
sentence, and the pairs scored once per pair of contents (the compiled kernel, which counts
them in C when it is built, is turned off here: tests/core/test_pair_kernels.py compares it)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions
from reader.core.align import cooccur
from reader.core.align.claims import candidate_pairs
from reader.core.align.cooccur import meeting
from reader.core.align.terms import sentence_units, term_weights, topic_terms
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]

np = pytest.importorskip("numpy")


def _by_hand(postings, counts, doc_of, related, min_terms):
    """Every pair of every posting list counted one by one: the definition."""
    met: Counter[tuple[int, int]] = Counter()
    for others, times in zip(postings, counts):
        for i, j in combinations(others, 2):
            met[i, j] += times
    allowed = None if related is None else {(min(a, b), max(a, b)) for a, b in related}
    return sorted(
        (i, j)
        for (i, j), count in met.items()
        if count >= min_terms and doc_of[i] != doc_of[j] and (allowed is None or (min(doc_of[i], doc_of[j]), max(doc_of[i], doc_of[j])) in allowed)
    )


@st.composite
def _index(draw):
    """A small inverted index: sentences of a few documents, posting lists of them (ascending),
    counting once or twice, and maybe a relation between documents."""
    docs = draw(st.integers(1, 6))
    doc_of = draw(st.lists(st.integers(0, docs - 1), min_size=1, max_size=30))
    n = len(doc_of)
    postings = draw(st.lists(st.sets(st.integers(0, n - 1), max_size=12).map(sorted), max_size=25))
    counts = draw(st.lists(st.integers(1, 2), min_size=len(postings), max_size=len(postings)))
    pairs = [(a, b) for a in range(docs + 2) for b in range(a + 1, docs + 2)]
    related = draw(st.none() | st.sets(st.sampled_from(pairs)) if pairs else st.none())
    return postings, counts, doc_of, related, draw(st.integers(1, 4))


@settings(max_examples=300, deadline=None)
@given(_index())
def test_arrays_and_counters_find_the_pairs_counted_by_hand(index) -> None:
    postings, counts, doc_of, related, min_terms = index
    expected = _by_hand(postings, counts, doc_of, related, min_terms)
    for block in (cooccur.BLOCK, 1, 5):  # in one block, and in blocks of sentences
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cooccur, "BLOCK", block)
            i, j = cooccur._meeting_sorted(np, postings, counts, doc_of, related, min_terms)
        assert list(zip(i.tolist(), j.tolist())) == expected
    assert cooccur._meeting_counted(postings, counts, doc_of, related, min_terms) == expected


@settings(max_examples=200, deadline=None)
@given(_index(), st.data())
def test_pairs_are_scored_once_per_pair_of_contents_with_numpy_or_without(index, data) -> None:
    postings, counts, doc_of, related, min_terms = index
    content = data.draw(st.lists(st.integers(0, 4), min_size=len(doc_of), max_size=len(doc_of)))
    met = _by_hand(postings, counts, doc_of, related, min_terms)
    expected = sorted((i, j, (content[i], content[j])) for i, j in met if (content[i] + content[j]) % 3)
    found = []
    for fast in (True, False):
        calls: list[tuple[int, int]] = []

        def score(a: int, b: int) -> tuple[int, int] | None:
            calls.append((a, b))
            return (a, b) if (a + b) % 3 else None

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cooccur, "NUMPY_FROM", 0)
            patch.setattr(cooccur, "PAIRS", None)
            if not fast:
                patch.setattr(cooccur, "_numpy", lambda: None)
            found.append(sorted(meeting(postings, counts, doc_of, related, min_terms, content, score)))
        assert sorted(calls) == sorted({(content[i], content[j]) for i, j in met})  # each pair of contents once
    assert found[0] == found[1] == expected


def test_candidate_pairs_are_the_same_without_numpy(monkeypatch) -> None:
    monkeypatch.setattr(cooccur, "NUMPY_FROM", 0)
    monkeypatch.setattr(cooccur, "PAIRS", None)
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]
    weights, topic = term_weights(units), topic_terms(units)
    options = AlignOptions()
    related = {(0, 1), (0, 2), (1, 3), (2, 4)}
    counted = []
    real = cooccur._meeting_sorted
    monkeypatch.setattr(cooccur, "_meeting_sorted", lambda *args: counted.append(1) or real(*args))
    fast = [candidate_pairs(units, weights, options, near, topic) for near in (None, related)]
    assert len(counted) == 2  # with numpy
    monkeypatch.setattr(cooccur, "_numpy", lambda: None)
    slow = [candidate_pairs(units, weights, options, near, topic) for near in (None, related)]
    assert fast == slow
    assert fast[0] and fast[1] and len(fast[1]) < len(fast[0])


def test_a_small_corpus_is_counted_without_importing_numpy(monkeypatch) -> None:
    postings, counts, doc_of = [[0, 1, 2], [0, 2], [1, 2]], [1, 2, 1], [0, 1, 2]
    monkeypatch.setattr(cooccur, "PAIRS", None)
    monkeypatch.setattr(cooccur, "_numpy", lambda: pytest.fail("numpy asked for"))
    met = meeting(postings, counts, doc_of, None, 2, [0, 1, 2], lambda a, b: (a, b))
    assert sorted(met) == [(0, 2, (0, 2)), (1, 2, (1, 2))]
