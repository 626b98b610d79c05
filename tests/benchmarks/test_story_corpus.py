"""The story-clustered generator (``scale.py --density story``): real reuse density, truthful
ground truth, deterministic."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from benchmarks.corpus_gen import STOP_WORDS, found_links, generate_story_corpus, link_count


@pytest.fixture(scope="module")
def corpus():
    return generate_story_corpus(120, seed=4)


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first, again, other = (generate_story_corpus(25, seed=s) for s in (9, 9, 10))
    assert first.texts == again.texts
    assert first.planted == again.planted
    assert first.layout == again.layout
    assert first.texts != other.texts


@pytest.mark.parametrize("n", [2, 3, 11, 37])
def test_requested_number_of_documents_in_stories_of_about_ten(n: int) -> None:
    corpus = generate_story_corpus(n, seed=1)
    assert len(corpus.texts) == n and all(t.strip() for t in corpus.texts.values())
    assert corpus.layout is not None
    stories = corpus.layout.stories
    assert [doc for story in stories for doc in story] == list(corpus.texts)
    assert all(len(story) >= 2 for story in stories)


def test_too_few_documents_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_story_corpus(1)


def test_story_sizes_are_about_ten(corpus) -> None:
    sizes = [len(story) for story in corpus.layout.stories]
    assert 8 <= statistics.mean(sizes) <= 12
    assert max(sizes) <= 13


def test_each_article_keeps_about_sixty_percent_of_its_story(corpus) -> None:
    layout = corpus.layout
    shares = []
    for s, story in enumerate(layout.stories):
        for doc in story:
            shares.append(len(layout.kept[doc]) / len(layout.story_sentences[s]))
    assert 0.55 <= statistics.mean(shares) <= 0.65
    # Plus filler and, now and then, sentences of other stories.
    assert all(count >= 3 for count in layout.filler.values())
    assert sum(len(f) for f in layout.foreign.values()) >= len(corpus.texts) // 2


def test_most_of_an_article_recurs_in_others(corpus) -> None:
    planted_chars = Counter()
    for planted in corpus.planted:
        for copy in planted.copies:
            planted_chars[copy.doc] += copy.end - copy.start
    shares = [planted_chars[doc] / len(text) for doc, text in corpus.texts.items()]
    assert statistics.mean(shares) > 0.6


def test_ground_truth_spans_are_lightly_edited_copies_of_their_sentence(corpus) -> None:
    assert corpus.planted
    for planted in corpus.planted:
        assert len(planted.copies) >= 2
        assert len({copy.doc for copy in planted.copies}) == len(planted.copies)
        source = planted.source.split()
        for copy in planted.copies:
            text = corpus.texts[copy.doc][copy.start : copy.end]
            assert text and text == text.strip()
            words = text.split()
            assert abs(len(words) - len(source)) <= 1
            assert len(set(words) ^ set(source)) <= 4


def test_ground_truth_is_complete(corpus) -> None:
    """Every copy of a story sentence in an article is in the ground truth: an article's own
    sentences and the ones it took from other stories."""
    layout = corpus.layout
    carried = Counter()
    for doc in corpus.texts:
        s = next(k for k, story in enumerate(layout.stories) if doc in story)
        for i in layout.kept[doc]:
            carried[layout.story_sentences[s][i]] += 1
        for other, i in layout.foreign[doc]:
            carried[layout.story_sentences[other][i]] += 1
    expected = {sentence: n for sentence, n in carried.items() if n >= 2}
    assert {p.source: len(p.copies) for p in corpus.planted} == expected
    assert link_count(corpus.planted) == sum(n * (n - 1) // 2 for n in expected.values())


def test_stories_share_no_wording(corpus) -> None:
    """Only function words survive from the sample's templates: no two stories share a run of
    five words (not all function words), so every planted link is a real copy."""
    layout = corpus.layout
    owner: dict[tuple[str, ...], int] = {}
    for s, sentences in enumerate(layout.story_sentences):
        for sentence in sentences:
            words = [w.strip(".,;:!?\"“”'‘’()") for w in sentence.lower().split()]
            for k in range(len(words) - 4):
                gram = tuple(words[k : k + 5])
                if set(gram) <= STOP_WORDS | {"", "-"}:
                    continue
                assert owner.setdefault(gram, s) == s, gram


def test_copies_found_by_a_perfect_aligner_are_every_link(corpus) -> None:
    groups = [[(c.doc, c.start, c.end) for c in planted.copies] for planted in corpus.planted]
    assert len(found_links(corpus.planted, groups)) == link_count(corpus.planted)
