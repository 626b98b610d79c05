"""The scale benchmark's pure parts: sentence split, the naive baseline, reading groups."""

from __future__ import annotations

from benchmarks.corpus_gen import found_links, generate_corpus
from benchmarks.scale import group_spans, naive_baseline, sentences
from reader.core.models import Group, GroupKind, Span


def test_sentences_cover_each_sentence_once() -> None:
    text = 'Title line\nOne sentence here. "A quote!" he said. Last one without stop'
    assert [text[s:e] for s, e in sentences(text)] == [
        "Title line",
        "One sentence here.",
        '"A quote!"',
        "he said.",
        "Last one without stop",
    ]


def test_naive_baseline_matches_similar_sentences_across_articles_only() -> None:
    texts = {
        "x": "The minister said the talks would resume next week. Bananas are yellow.",
        "y": "Nothing alike here at all. The minister said talks would resume next week!",
        "z": "The minister said the talks would resume next week. Also unrelated words.",
    }
    matches = naive_baseline(texts, threshold=90, workers=1)
    pairs = {(a[0], b[0]) for a, b in matches}
    assert pairs == {("x", "y"), ("x", "z"), ("y", "z")}
    for group in matches:
        for doc, start, end in group:
            assert "minister" in texts[doc][start:end]


def test_naive_baseline_finds_planted_links_in_a_generated_corpus() -> None:
    corpus = generate_corpus(8, seed=11)
    found = found_links(corpus.planted, naive_baseline(corpus.texts, threshold=80, workers=1))
    assert found  # the planted copies are near-verbatim sentences


def test_group_spans_reads_groups_and_dicts() -> None:
    group = Group("g1", GroupKind.VERBATIM, 100.0, (Span("a", 0, 3), Span("b", 4, 9)))
    assert group_spans([group]) == [[("a", 0, 3), ("b", 4, 9)]]
    as_dict = {"groups": [{"spans": [{"doc": "a", "start": 1, "end": 2}]}]}
    assert group_spans(as_dict["groups"]) == [[("a", 1, 2)]]
