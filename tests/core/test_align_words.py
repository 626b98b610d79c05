"""Verification reads a region's folded words as a slice of its document's words, folded once
(:meth:`Context.words`, :func:`~reader.core.align.tokens.joined_words`): the same string as
:func:`~reader.core.align.tokens.folded_words` of the region's text, whatever the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, compiled, context
from reader.core.align.context import Context
from reader.core.align.seeds import prepare_docs, seed_pairs
from reader.core.align.tokens import folded_words, joined_words, tokenize
from reader.core.align.verify import verify_pairs
from reader.core.corpus import documents_from_texts

# Pieces that make the tokeniser read past a region's ends: possessives, thousands separators
# (cut between two commas), money units, "&", curly apostrophes, accents, a capital sigma
# (lower-cased by its neighbours), a letter that lower-cases to two characters.
PIECES = (
    "the", "group", "'s", "’s", "'", "’", "s", "don't", "rock’n", "&", "1", "12", "345", "1234",
    ",", ",", "678", "$100", "m", "million", "bn", "Σ", "ΟΔΟΣ", "İstanbul", "e\u0301", "café",
    "1,300", "12,345,678", "100 million", "1,300\nbn", "`", ".", " ", " ", " ", "\n", "“", "”", "-", "x",
)


def _regions(text: str) -> list[tuple[int, int, str]]:
    tk = tokenize(text)
    n = len(tk)
    return [(t0, t1, folded_words(text[tk.starts[t0] : tk.ends[t1 - 1]])) for t0 in range(n) for t1 in range(t0 + 1, n + 1)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=24).map("".join))
def test_the_words_of_every_region_are_folded_words_of_its_text(text):
    docs = documents_from_texts({"d": text})
    ctx = Context(docs, [tokenize(doc.text) for doc in docs], AlignOptions())
    for t0, t1, expected in _regions(docs[0].text):
        assert ctx.words(0, t0, t1) == expected


@pytest.mark.skipif(compiled.VERIFY is None, reason="the compiled kernels are not built here (pure Python runs)")
def test_a_document_is_folded_once(monkeypatch):
    text = "The minister said on Tuesday that talks on the border would resume. " * 5
    docs = documents_from_texts({"d": text})
    ctx = Context(docs, [tokenize(doc.text) for doc in docs], AlignOptions())
    expected = _regions(docs[0].text)
    calls = []
    monkeypatch.setattr(context, "folded_words", lambda text: calls.append(text) or folded_words(text))
    assert [ctx.words(0, t0, t1) for t0, t1, _ in expected] == [words for _, _, words in expected]
    assert calls == []


def test_verification_lets_go_of_the_words():
    text = "The minister said on Tuesday that talks on the border would resume after the ceasefire. "
    docs = documents_from_texts({"a": text + "Aid trucks crossed.", "b": "Officials said: " + text.replace("Tuesday", "Monday")})
    tokens = [tokenize(doc.text) for doc in docs]
    ctx = Context(docs, tokens, AlignOptions())
    read = []
    words = ctx.words
    ctx.words = lambda d, t0, t1: read.append(d) or words(d, t0, t1)
    pairs = seed_pairs([prepare_docs(docs, range(len(docs)), ctx.options.ngram)], ctx.options.ngram, ctx.options, None)
    assert verify_pairs(list(pairs.items()), ctx)
    assert read and not ctx._joined
