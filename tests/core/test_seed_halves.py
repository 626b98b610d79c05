"""The seeds found in two halves (each process half the n-grams) and merged are those one process
finds: the same pairs of documents in the same order, each with the same seeds."""

from __future__ import annotations

import pytest

from benchmarks.corpus_gen import generate_story_corpus
from reader.core.align import AlignOptions
from reader.core.align.seed_halves import Split, half_chunks, merged_pairs, split, whole_chunks
from reader.core.align.seeds import prepare_docs, seed_pairs
from reader.core.corpus import documents_from_texts


@pytest.fixture(scope="module")
def documents():
    return documents_from_texts(generate_story_corpus(40, seed=3).texts)


def _chunks(documents, n: int):  # type: ignore[no-untyped-def]
    """The corpus prepared in slices, as the preparing processes give it."""
    return [prepare_docs(documents, range(k, min(k + 7, len(documents))), n) for k in range(0, len(documents), 7)]


@pytest.mark.parametrize(
    "options",
    [
        AlignOptions(),
        AlignOptions(self_matches=False),
        AlignOptions(min_doc_limit=2, max_doc_fraction=0.05),  # n-grams in too many documents dropped
    ],
)
def test_two_halves_merged_are_the_whole(documents, options) -> None:
    whole = seed_pairs(_chunks(documents, options.ngram), options.ngram, options, None)
    chunks = _chunks(documents, options.ngram)
    halves = [seed_pairs(half_chunks(chunks, half), options.ngram, options, None) for half in (0, 1)]
    assert all(halves) and len(whole) > len(halves[0]) and len(whole) > len(halves[1])
    merged = merged_pairs(*halves)
    assert list(merged) == list(whole)  # the pairs in the order one process finds them
    assert {key: sorted(seeds) for key, seeds in merged.items()} == {key: sorted(seeds) for key, seeds in whole.items()}
    # The chunks are left as they were (the caller falls back to them when the pool fails).
    assert seed_pairs(chunks, options.ngram, options, None) == whole


def test_the_halves_split_the_n_grams(documents) -> None:
    chunks = _chunks(documents, 5)
    for chunk in chunks:
        zero, one = (half_chunks([chunk], half)[0] for half in (0, 1))
        assert zero.seen | one.seen == chunk.seen and not zero.seen & one.seen
        assert zero.shared | one.shared == chunk.shared and not zero.shared & one.shared
        assert zero.prepared is chunk.prepared and zero.stop_grams is chunk.stop_grams


def test_a_chunk_sent_split_gives_the_same_halves_and_whole(documents) -> None:
    """What the preparing processes send (:class:`Split`: the halves packed in arrays) reads as
    the chunk it came from, in halves and whole."""
    for chunk in _chunks(documents, 5):
        sent = split(chunk)
        assert isinstance(sent, Split) and sent.prepared is chunk.prepared
        for half in (0, 1):
            (mine,) = half_chunks([sent], half)
            (theirs,) = half_chunks([chunk], half)
            assert (mine.seen, mine.shared) == (theirs.seen, theirs.shared) and mine.seen and mine.shared
        (whole,) = whole_chunks([sent])
        assert (whole.seen, whole.shared, whole.stop_grams) == (chunk.seen, chunk.shared, chunk.stop_grams)
        assert whole_chunks([chunk])[0] is chunk


def test_the_groups_never_depend_on_the_order_of_the_pairs(documents, monkeypatch) -> None:
    """What :func:`merged_pairs` relies on for two pairs first found at one token."""
    import random

    from reader.core.align import align, engine

    single = align(documents, AlignOptions(workers=1))
    real = engine.verify

    def shuffled(items, ctx, report):  # type: ignore[no-untyped-def]
        items = list(items)
        random.Random(5).shuffle(items)
        return real(items, ctx, report)

    monkeypatch.setattr(engine, "verify", shuffled)
    assert align(documents, AlignOptions(workers=1)) == single
