"""The shared quotations read their words from the aligner's tokens when it gives them (a
quotation is not split into words again), and find what splitting each quotation finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align import shared_quotes as shared_quotes_module
from reader.core.align.shared_quotes import shared_quotations
from reader.core.align.tokens import tokenize
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.distributed.stages import stable_hash

ROOT = Path(__file__).resolve().parents[2]

QUOTE = "We will rebuild every school that was destroyed"
EDGES = {
    # A number and its unit across a line end: one token of the whole text, across the edge.
    "a": f'Hill said: "{QUOTE} for 100\nmillion dollars, said Hill.',
    "b": f'"{QUOTE} for 100" million, Hill said. "The storm was the worst in memory," Jones said.',
    "c": f"\u2018{QUOTE}\u2019_x, and \u201cthe storm was the worst in memory\u201d.",
    "d": f'\u201c{QUOTE}\u201d said \u03a3\u039f\u03a3. "The storm was the worst in memory," she said.',
    "e": f'He said "{QUOTE}" and left; "Iran\u2019s & Iraq\u2019s 1,300 troops", he added.',
    "f": f'"{QUOTE}" -- and "Iran\'s and Iraq\'s 1300 troops," Smith said.',
}


def _corpora() -> list[tuple]:
    return [documents_from_texts(EDGES), load_corpus([ROOT / "sample_corpus"]).documents]


def test_the_tokens_give_the_quotations_splitting_gives() -> None:
    for documents in _corpora():
        tokens = [tokenize(doc.text) for doc in documents]
        assert shared_quotations(documents, tokens) == shared_quotations(documents)
    assert len(shared_quotations(documents_from_texts(EDGES), [tokenize(t) for t in EDGES.values()])) >= 3


def test_quotations_are_not_split_again_when_the_tokens_are_given(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {key: text for key, text in EDGES.items() if key in "bef"}  # no quotation across an edge
    documents = (*documents_from_texts(texts), *load_corpus([ROOT / "sample_corpus"]).documents)
    tokens = [tokenize(doc.text) for doc in documents]
    split: list[str] = []
    real = shared_quotes_module.split_words

    def spy(text: str):  # type: ignore[no-untyped-def]
        split.append(text)
        return real(text)

    monkeypatch.setattr(shared_quotes_module, "split_words", spy)
    expected = shared_quotations(documents)
    assert len(split) > 10  # every quotation split, without the tokens
    split.clear()
    assert shared_quotations(documents, tokens) == expected and expected
    assert split == []


def test_tokens_hashed_otherwise_are_not_read_as_words() -> None:
    # The distributed pipeline's tokens hash words with blake2b: the quotations are split again.
    documents = documents_from_texts(EDGES)
    tokens = []
    for doc in documents:
        tk = tokenize(doc.text)
        words = type(tk.words)("Q", [stable_hash(doc.text[a:b].lower()) & 0xFFFFFFFFFFFFFFFF for a, b in zip(tk.starts, tk.ends)])
        tokens.append(type(tk)(words, tk.starts, tk.ends, tk.numbers))
    assert shared_quotations(documents, tokens) == shared_quotations(documents)
