"""The compiled tokeniser and sentence splitter (``reader/core/align/_token_kernels.pyx``) and
the compiled n-grams (``_seed_kernels.grams``) give what the tokeniser's expression,
``sentences.sentence_spans``'s and ``seeds.grams_of`` give, on the same inputs, whatever the
text; and ``re``'s ``\\w`` and ``\\d`` are the character tests the kernel reads with."""

from __future__ import annotations

import re
import sys
from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import compiled, seeds, tokens
from reader.core.align.seeds import grams_of, prepare_docs
from reader.core.align.tokens import STOP_SIGNED_HASHES, fold_case, split_words, tokenize, tokenize_with_hashes
from reader.core.corpus import documents_from_texts

built = pytest.mark.skipif(
    compiled.TOKENS is None or compiled.SEEDS is None, reason="the compiled kernels are not built here (pure Python runs)"
)

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_the_expressions_word_and_digit_are_isalnum_and_isdecimal() -> None:
    # Over every code point: the kernel reads \w as isalnum() or "_", \d as isdecimal().
    assert re.findall(r"\w", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isalnum() or c == "_"]
    assert re.findall(r"\d", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isdecimal()]


def kernel_split(folded: str) -> tuple:
    return compiled.TOKENS.split_words(folded, tokens._MARK_TABLE)


@built
def test_every_character_splits_as_the_expression_splits_it() -> None:
    # Each code point between letters (joins them or not: word characters, the marks words
    # hold); one in five also in a number and before a possessive.
    text = " ".join(f"a{c}b" for c in EVERY_CHARACTER) + " ".join(f"1,{c}000 x{c}'s" for c in EVERY_CHARACTER[::5])
    assert kernel_split(text) == tokens._split(text)  # (the same on any text, folded or not)


# Characters where the expression's alternatives part: apostrophes (folded or not), "s" after
# one, ampersands, thousands separators, digits of other scripts and superscripts, combining
# marks (inside the table and outside it), capital sigma, underscore, white space.
TRICKY = "aAsSx'’‘`&,., 0123456789_\u0301\u0663\u00b2\u2155\u03a3\u0915\u093f\U0001d165\U000e0100\u200d\n\t$mkb€é"
texts = st.text(alphabet=TRICKY, max_size=40) | st.text(max_size=30) | st.lists(
    st.sampled_from(
        ["100", "1,300", "12,345,678", "1,23", "12345,678,000", "1,234,5678", "1,234,", ",000", "1,234x", "$100m", "2 million",
         "Iran’s", "don't", "Hamas'", "'s", "R&D", "x_1", "٣,٤٥٦", "e\u0301's"]
    ),
    max_size=8,
).map(" ".join)


@built
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_kernel_splits_as_the_expression(text: str) -> None:
    folded = fold_case(text)
    words, starts, ends, numbers = kernel_split(folded)
    assert (words, starts, ends, numbers) == tokens._split(folded)
    _, array_starts, array_ends, _ = compiled.TOKENS.split_words(folded, tokens._MARK_TABLE, True)
    assert (array_starts.tolist(), array_ends.tolist()) == (starts, ends)


@built
@settings(max_examples=500, deadline=None)
@given(texts)
def test_split_words_and_tokenize_are_the_pure_pythons(text: str) -> None:
    fast = split_words(text), tokenize(text), tokenize_with_hashes(text)
    kept = tokens._KERNEL
    tokens._KERNEL = None
    try:
        pure = split_words(text), tokenize(text), tokenize_with_hashes(text)
    finally:
        tokens._KERNEL = kept
    assert fast == pure
    assert [type(x) for x in fast[0]] == [list] * 4  # split_words gives lists, as it always did


signed = st.integers(-(2**63), 2**63 - 1)


@built
@settings(max_examples=500, deadline=None)
@given(st.lists(signed | st.sampled_from([-1, -2, 0, 2**61 - 1, 2**61, -(2**61) + 1, -(2**63), 2**63 - 1]), max_size=5))
def test_the_kernels_tuple_hash_is_pythons(items: list[int]) -> None:
    assert compiled.SEEDS.tuple_hash(tuple(items)) == hash(tuple(items))


@built
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet="ab 1,2$m&'’.\u0301", max_size=30) | st.sampled_from(["the of and", "100 million said", "a b c"]), min_size=1, max_size=6),
    st.integers(1, 4),
)
def test_prepared_documents_are_the_pure_pythons(texts: list[str], n: int) -> None:
    documents = documents_from_texts({f"d{k}": text for k, text in enumerate(texts)})

    def run():
        chunk = prepare_docs(documents, range(len(documents)), n)
        return chunk.seen, chunk.shared, chunk.stop_grams, [
            (p.tokens, p.grams.typecode, p.grams.tolist(), p.extra, p.stop_grams) for p in chunk.prepared
        ]

    fast = run()
    kept = seeds.SEEDS, tokens._KERNEL
    seeds.SEEDS = tokens._KERNEL = None
    try:
        pure = run()
    finally:
        seeds.SEEDS, tokens._KERNEL = kept
    assert fast == pure
    for p in fast[3]:  # the n-grams are grams_of's
        tk = p[0]
        words = array("q", tk.words.tobytes()).tolist()  # signed, as tokenize_with_hashes gives them
        grams, extra, stop_grams = grams_of(words, tk.numbers, n, STOP_SIGNED_HASHES)
        assert (grams, extra, stop_grams) == (p[2], p[3], p[4])


# Words (abbreviations, initials, dotted ones, capitals, digits, other scripts), the marks that
# may end a sentence, and what may follow them.
WORDS = st.sampled_from(["Mr", "mr", "U.S", "a.m", "Jan", "J", "A.J", "approx", "said", "Dr", "x_y", "É", "İ", "1", "ab", "(The", "'Yes", "“We"])
ENDS = st.sampled_from(["", "", ".", ".", "!", "?!", ".”", ".'", '."', ".)", ". ''", "...", "."])
GAPS = st.sampled_from([" ", " ", "\n", "  \n ", "\t", "\u2003", "", " ''"])
sentence_texts = st.lists(st.tuples(WORDS, ENDS, GAPS).map("".join), max_size=14).map("".join) | st.text(
    alphabet="aAZ.!?\n '\"”’“‘()[]É1", max_size=25
)


@built
@settings(max_examples=1500, deadline=None)
@given(sentence_texts, st.data())
def test_sentences_are_the_pure_pythons(text: str, data: st.DataObject) -> None:
    from reader.core.align.sentences import sentence_spans

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fast = sentence_spans(text), sentence_spans(text, start, end)
    kept = tokens._KERNEL
    tokens._KERNEL = None
    try:
        pure = sentence_spans(text), sentence_spans(text, start, end)
    finally:
        tokens._KERNEL = kept
    assert fast == pure


def test_documents_are_prepared_in_c_only_where_the_kernels_hash_as_python() -> None:
    """A kernel whose copy of the tuple hash differs from this Python's (another Python's
    algorithm) is not used to prepare documents: its n-grams would not be ``hash``'s."""
    from types import SimpleNamespace

    assert not seeds.hashes_agree(SimpleNamespace(tuple_hash=lambda items: hash(items) ^ 1))
    assert not seeds.hashes_agree(None)
    assert seeds.hashes_agree(SimpleNamespace(tuple_hash=hash))
    assert seeds.hashes_agree(compiled.SEEDS) == (compiled.SEEDS is not None)


def test_a_text_too_long_for_the_kernels_offsets_is_split_by_the_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel keeps offsets as C ints: a text longer than that (over 2 GB; here the limit is
    lowered) is split by the expression, with the same words and offsets."""
    text = "Officials said 1,300 people didn't leave; the U.N. counted them."
    expected = split_words(text)
    monkeypatch.setattr(tokens, "_KERNEL_LIMIT", 10)
    monkeypatch.setattr(tokens, "_KERNEL", None if compiled.TOKENS is None else _Refusing(compiled.TOKENS))
    assert split_words(text) == expected
    assert tokenize(text) == tokenize_with_hashes(text)[0]


class _Refusing:
    """The kernel module, whose splitting fails the test (the text must not reach it)."""

    def __init__(self, kernel: object) -> None:
        self._kernel = kernel

    def __getattr__(self, name: str) -> object:
        if name == "split_words":
            raise AssertionError("the kernel split a text over its limit")
        return getattr(self._kernel, name)
