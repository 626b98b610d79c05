"""The fragment rules read each span's text once (:class:`~reader.core.align.fragments.SpanTexts`),
and the engine reads the word groups' spans while it waits for the pool process's claims: the
groups shown are the same."""

from __future__ import annotations

import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.corpus_gen import generate_story_corpus
from reader.core.align import AlignOptions, align, engine
from reader.core.align.fragments import SpanTexts, _has_digit, fragment, is_fragment, read
from reader.core.corpus import documents_from_texts
from reader.core.models import Span


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_a_digit_is_what_str_isdigit_says(text: str) -> None:
    assert _has_digit(text) == any(map(str.isdigit, text))


@pytest.mark.parametrize("text", ["x\u00b2", "\u0663 rockets", "\u2460 first", "12", "no digit", "caf\u00e9 7"])
def test_digits_beyond_ascii(text: str) -> None:
    assert _has_digit(text) == any(map(str.isdigit, text))


def test_all_short_or_all_names_not_a_mix() -> None:
    """A short phrase beside a name of four words is neither all short nor all names (each
    alone is a fragment)."""
    assert is_fragment(["fired this season"]) and is_fragment(["Hamas leader Ismail Haniyeh"])
    assert not is_fragment(["fired this season", "Hamas leader Ismail Haniyeh"])
    assert is_fragment(["fired this season", "fired this"])
    assert not is_fragment(["fired this season", "fired this season following"])
    assert fragment([read("Iranian Foreign Ministry"), read("Iranian Foreign Ministry")])


def test_a_span_is_read_once() -> None:
    documents = documents_from_texts({"a": "The Iranian Foreign Ministry said 12 things."})
    texts = SpanTexts(documents)

    span = Span("a", 4, 28)
    first = texts.read(span)
    assert first.text == "Iranian Foreign Ministry" and first.words == 3 and not first.digit and first.name
    assert texts.read(Span("a", 4, 28)) is first


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork")
def test_the_word_groups_are_read_while_waiting_for_the_claims(monkeypatch) -> None:
    documents = documents_from_texts(generate_story_corpus(24, seed=7).texts)
    single = align(documents, AlignOptions(workers=1))
    begin = engine.begin_claims

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.0)  # in the pool process: this one waits
        return begin(*args, **kwargs)

    given_texts: list[SpanTexts | None] = []
    fold = engine.fold_groups

    def spy(documents, groups, claims, quotation, texts=None):  # type: ignore[no-untyped-def]
        given_texts.append(texts)
        return fold(documents, groups, claims, quotation, texts)

    monkeypatch.setattr(engine, "begin_claims", slow)
    monkeypatch.setattr(engine, "fold_groups", spy)
    assert align(documents, AlignOptions(workers=2, parallel_min_docs=2)) == single
    (texts,) = given_texts
    assert texts is not None and texts._read  # read ahead, before the fold
