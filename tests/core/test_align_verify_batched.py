"""Verification reads each document once (its :class:`~reader.core.align.context.Side`: running
sums instead of per-region lookups), chains seeds with a quick path for one open chain and folds
plain ASCII words in C: the same alignments as the per-region verification it replaced
(:mod:`tests.core.old_verify`), on random corpora under several option sets and on the sample
corpus; the same scored words as the tokeniser's expression."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions
from reader.core.align.context import Context
from reader.core.align.engine import corpus_tokens, prepare, seed_pairs
from reader.core.align.seeds import chains, packed, unpack
from reader.core.align.tokens import _APOSTROPHES, _folded_words, folded_words
from reader.core.align.verify import verify_pairs
from reader.core.corpus import documents_from_texts
from tests.core import old_verify
from tests.core.test_align_properties import corpora

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_corpus").glob("*.txt"))}

OPTIONS = [
    AlignOptions(workers=1),
    AlignOptions.preset("long", workers=1),
    AlignOptions(workers=1, ngram=2, min_words=2, quote_bounds=False, break_penalty=0.0),
    AlignOptions(workers=1, ngram=3, link_gap=6, self_matches=True, margin=2),
]


def both(texts: dict[str, str], options: AlignOptions) -> tuple[list, list]:
    """The alignments of ``texts`` verified by the engine and by the old verification."""
    documents = documents_from_texts(texts)
    chunks, _ = prepare(documents, options, 1, lambda fraction: None)
    pairs = seed_pairs(chunks, options.ngram, options, None)
    tokens = corpus_tokens(chunks)
    items = list(pairs.items())
    new = verify_pairs([(key, seeds) for key, seeds in items], Context(documents, tokens, options))
    old = old_verify.verify_pairs([(key, unpack(seeds)) for key, seeds in items], Context(documents, tokens, options))
    return new, old


def test_the_sample_corpus_verifies_as_before() -> None:
    for options in OPTIONS:
        new, old = both(SAMPLE, options)
        assert new == old
    assert len(both(SAMPLE, OPTIONS[0])[0]) > 20


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.sampled_from(OPTIONS))
def test_random_corpora_verify_as_before(texts: dict[str, str], options: AlignOptions) -> None:
    new, old = both(texts, options)
    assert new == old


seed_lists = st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=60)


@settings(max_examples=400, deadline=None)
@given(seed_lists, st.integers(1, 6), st.integers(0, 12))
def test_chains_as_before(seeds: list[tuple[int, int]], n: int, gap: int) -> None:
    assert chains(packed(seeds), n, gap) == old_verify.chains(list(seeds), n, gap)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.lists(st.integers(-3, 3), max_size=50), st.integers(1, 5), st.integers(0, 8))
def test_diagonal_runs_chain_as_before(start: int, steps: list[int], n: int, gap: int) -> None:
    """Seeds along a diagonal with small jumps off it (the usual case: one open chain)."""
    seeds, a, b = [], start, start
    for step in steps:
        a, b = a + 1, b + 1 + step
        seeds.append((a, max(0, b)))
    assert chains(packed(seeds), n, gap) == old_verify.chains(list(seeds), n, gap)


ascii_text = st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
mostly_letters = st.lists(st.sampled_from(["Iran", "said", "war", "_x", " ", " ", ", ", ".\n", "-", "(", '"', "1", "1,300", "2,", "'s", "&", "`"]), max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(ascii_text, mostly_letters, st.text(max_size=20)))
def test_plain_words_fold_as_by_the_expression(text: str) -> None:
    """The scored words of plain ASCII text, split in C, are the tokeniser's."""
    assert folded_words(text) == _folded_words(text)


def test_plain_words_examples() -> None:
    assert folded_words("The  minister (PM) said: war-crimes_x") == "the minister pm said war crimes_x"
    assert folded_words("Tens of THOUSANDS\tfled, the UN said.") == "tens of thousands fled the un said"
    assert folded_words("In 2023, 1 300 people; 2,5") == "in 2023 1 300 people 2 5"
    assert folded_words("don`t") == "don't"
    assert [c for c in _APOSTROPHES if c.isascii()] == ["`"]  # the quick path looks for it
