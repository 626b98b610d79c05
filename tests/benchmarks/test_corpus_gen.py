"""The scale benchmark's corpus generator: deterministic, sized as asked, truthful."""

from __future__ import annotations

import pytest

from benchmarks.corpus_gen import (
    Planted,
    PlantedSpan,
    found_links,
    generate_corpus,
    link_count,
    sample_sentences,
)


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first, again, other = generate_corpus(12, seed=3), generate_corpus(12, seed=3), generate_corpus(12, seed=4)
    assert first.texts == again.texts
    assert first.planted == again.planted
    assert first.texts != other.texts


@pytest.mark.parametrize("n", [2, 3, 9, 50])
def test_requested_number_of_documents(n: int) -> None:
    corpus = generate_corpus(n, seed=1)
    assert len(corpus.texts) == n
    assert len(set(corpus.texts)) == n
    assert all(text.strip() for text in corpus.texts.values())


def test_too_few_documents_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_corpus(1)


def test_ground_truth_spans_index_real_text() -> None:
    corpus = generate_corpus(40, seed=7)
    assert corpus.planted
    for planted in corpus.planted:
        assert len(planted.copies) >= 2
        assert len({copy.doc for copy in planted.copies}) == len(planted.copies)
        source_words = planted.source.split()
        for copy in planted.copies:
            text = corpus.texts[copy.doc][copy.start : copy.end]
            assert text == text.strip() and text
            words = text.split()
            # At most one light edit: one word replaced, dropped, re-cased or two swapped.
            assert abs(len(words) - len(source_words)) <= 1
            assert len(set(words) ^ set(source_words)) <= 4
            # Each copy starts a sentence the way the source does, unless that word was edited.
            assert words[0] == source_words[0] or words[-1] == source_words[-1]


def test_most_of_each_article_is_unique_filler() -> None:
    corpus = generate_corpus(30, seed=2)
    planted_chars = sum(c.end - c.start for p in corpus.planted for c in p.copies)
    total_chars = sum(len(t) for t in corpus.texts.values())
    assert planted_chars < total_chars / 3


def test_passages_mix_sentences_from_several_sample_articles() -> None:
    corpus = generate_corpus(60, seed=5)
    assert len({p.source for p in corpus.planted}) > 10


def test_sample_sentences_come_from_the_bundled_articles() -> None:
    paragraphs = sample_sentences()
    assert len(paragraphs) > 20
    assert all(len(sentence.split()) >= 6 for paragraph in paragraphs for sentence in paragraph)


def test_found_links_counts_pairs_of_copies_touched_by_one_group() -> None:
    planted = [
        Planted(0, "p", (PlantedSpan("x", 0, 10), PlantedSpan("y", 5, 15), PlantedSpan("z", 0, 10))),
        Planted(1, "q", (PlantedSpan("x", 20, 30), PlantedSpan("y", 40, 50))),
    ]
    assert link_count(planted) == 3 + 1
    groups = [
        [("x", 8, 12), ("z", 0, 1)],  # copies 0 and 2 of passage 0
        [("y", 0, 5), ("x", 25, 26)],  # y[0:5] misses y[5:15]; only one copy of passage 1
        [("x", 29, 40), ("y", 49, 60), ("y", 10, 11)],  # passage 1 both copies, passage 0 one
    ]
    assert found_links(planted, groups) == {(0, 0, 2), (1, 0, 1)}
    assert found_links(planted, []) == set()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_sentence_is_planted_twice_in_one_article(seed: int) -> None:
    corpus = generate_corpus(100, seed=seed)
    for doc in corpus.texts:
        sources = [p.source for p in corpus.planted for c in p.copies if c.doc == doc]
        sentences = [s for source in sources for s in source.split(". ")]
        assert len(sentences) == len(set(sentences))
