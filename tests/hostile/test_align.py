"""Alignment over hostile text: never raises, every span lies inside its article, and the shared
passages planted among the hostile articles are found."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import align_texts
from reader.core.align import align
from reader.core.corpus import load_corpus
from tests.hostile.generate import QUOTE_A, QUOTES

WORDS = ["Iran", "Israel", "Hamas", "minister", "said", "the", "of", "attack", "statement", "Gaza", "&", "\u2014"]
NOISE = "\x00\x1b\x07\x9b\u202e\u2066\u200b\u0301\r\n\t \u00a0\u2028\ud800\U0001f600\u4f0a\"\u201c\u201d'"


def _doc_text(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.text(alphabet=st.sampled_from(NOISE), max_size=3),
                st.text(max_size=6),
                st.just(QUOTE_A),
            ),
            max_size=60,
        )
    )
    return " ".join(pieces)


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, str]:
    n = draw(st.integers(min_value=1, max_value=4))
    ids = draw(st.lists(st.text(min_size=1, max_size=8), min_size=n, max_size=n, unique=True))
    return {doc_id: _doc_text(draw) for doc_id in ids}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora())
def test_align_texts_random_unicode_spans_map_back(texts: dict[str, str]) -> None:
    result = align_texts(texts)
    assert [d["id"] for d in result["documents"]] == list(texts)
    for group in result["groups"]:
        assert len(group["spans"]) >= 2
        assert 0 <= group["score"] <= 100
        for span in group["spans"]:
            text = texts[span["doc"]]
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert span["text"] == text[span["start"] : span["end"]]


def test_align_hostile_corpus(hostile_folder: Path) -> None:
    corpus = load_corpus([hostile_folder])
    groups = align(corpus.documents)
    by_id = corpus.by_id
    for group in groups:
        for span in group.spans:
            assert 0 <= span.start < span.end <= len(by_id[span.doc].text)
    # The real quotes copied into the hostile articles are found, whatever the articles'
    # encoding, line endings, escape sequences or names.
    wanted = {(d.id, d.text.index(q), len(q)) for d in corpus.documents for q in QUOTES if q in d.text}
    found = {
        (doc_id, at, length)
        for doc_id, at, length in wanted
        for group in groups
        for span in group.spans
        if span.doc == doc_id and span.start <= at + length // 2 and span.end >= at + length // 2
    }
    assert len(wanted) >= 50
    assert len(found) >= 0.9 * len(wanted), sorted(wanted - found)
