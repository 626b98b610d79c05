"""The claims stage's sentences as the compiled kernel reads them (``_unit_kernels.units``) are
those the pure-Python loop (``terms._units``) reads, on generated sentences (Unicode, capital
sigma, digits, figures, apostrophes, negations, titles between names, empty text) and on the
sample corpus; and the words read back from the aligner's tokens are the words of the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import compiled, terms
from reader.core.align.terms import sentence_units
from reader.core.align.tokens import tokenize
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]

built = pytest.mark.skipif(compiled.UNITS is None, reason="the compiled kernels are not built here (pure Python runs)")

WORDS = (
    "the minister said Hamas leader Ismail Haniyeh met seven officials in Doha on December 31 "
    "$100m $ 12 billion to $ 13 billion 1,300 25% 2004 2:30 Iran's didn't not never denied want to "
    "attend talks & and which ΣΟΦΙΑ Σίσυφος ΟΔΟΣ İstanbul Ünal école Éric naïve 1st 11th "
    "co-operation O'Brien Nafta NAFTA x é ǅemal ß ﬁnal Ⅻ ½ ٣ 3"
).split(" ")
SEPARATORS = ("  ", " ", " ", "   ", " , ", ", ", "; ", " -- ", " \u2014 ", ". ", "? ", "\n", ": ", " \u201c", "\u201d ", "'")
"""Between words: one to four characters (a title between two names counts only three or fewer)."""


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of words of :data:`WORDS` (sometimes capitalised or upper-cased) and separators."""
    out = []
    for word in draw(st.lists(st.sampled_from(WORDS), max_size=60)):
        case = draw(st.sampled_from(("", "", "title", "upper")))
        out.append(word.title() if case == "title" else word.upper() if case == "upper" else word)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def both(d: int, text: str, with_tokens: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[terms.Unit], list[terms.Unit]]:
    """The units of ``text`` read by the pure-Python loop, then by the compiled kernel."""
    tokens = tokenize(text) if with_tokens else None
    with monkeypatch.context() as patched:
        patched.setattr(terms, "UNITS", None)
        pure = sentence_units(d, text, tokens, {})
    return pure, sentence_units(d, text, tokens, {})


@built
@settings(max_examples=400, deadline=None)
@given(texts(), st.booleans())
def test_the_kernel_reads_generated_sentences_as_the_pure_loop(text: str, with_tokens: bool) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        pure, kernel = both(3, text, with_tokens, monkeypatch)
    assert kernel == pure
    assert repr(kernel) == repr(pure)
    assert [type(unit.clauses) for unit in kernel] == [tuple] * len(kernel)


@built
def test_the_kernel_reads_the_sample_corpus_as_the_pure_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = load_corpus([ROOT / "sample_corpus"]).documents
    extra = ["", "   ", "ΟΔΟΣ ΣΟΦΙΑΣ. Σ.", "Hamas leader Ismail Haniyeh met the U.S. envoy; talks, which failed, ended."]
    for d, text in enumerate([doc.text for doc in documents] + extra):
        pure, kernel = both(d, text, d % 2 == 0, monkeypatch)
        assert kernel == pure
    assert sum(len(sentence_units(d, doc.text)) for d, doc in enumerate(documents)) > 100


def test_the_pure_loop_runs_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    loop = terms._units
    monkeypatch.setattr(terms, "_units", lambda *args: calls.append(1) or loop(*args))
    monkeypatch.setattr(terms, "UNITS", None)
    (unit,) = sentence_units(0, "Hamas leader Ismail Haniyeh met seven officials in Doha.")
    assert calls == [1] and "leader" not in unit.common and "offici" in unit.common


@settings(max_examples=200, deadline=None)
@given(texts())
def test_words_read_back_from_the_tokens_are_the_texts(text: str) -> None:
    # Cold (no word known by its hash yet) and warm, the tokens give the units the text split
    # again gives.
    terms._WORDS.clear()
    plain = sentence_units(0, text)
    terms._WORDS.clear()
    assert sentence_units(0, text, tokenize(text)) == plain
    assert sentence_units(0, text, tokenize(text)) == plain


def test_a_token_folded_differently_is_split_alone_not_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # "1,300" is the word "1300", "$100 million" the word "100m", "&" the word "and": their
    # characters folded are not the word, so each is split alone (not the text again).
    text = "Some 1,300 people & their $100 million fund left. " * 3 + "Nothing else changed there."
    plain = sentence_units(0, text)
    split = []
    whole = terms.split_words
    monkeypatch.setattr(terms, "split_words", lambda piece: split.append(piece) or whole(piece))
    terms._WORDS.clear()
    assert sentence_units(0, text, tokenize(text)) == plain
    assert text not in split and sorted(set(split)) == ["&", "1,300", "100 million"]
