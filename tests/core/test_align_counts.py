"""The verification's per-document counts give what the per-region lookups gave: whether a
sentence ends between two tokens (one ``finditer`` per document instead of one ``search`` per
gap block) and how many function words a run of tokens holds (running sums instead of a loop
per block)."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align.context import _SENTENCE_BREAK, Context, break_counts
from reader.core.align.options import AlignOptions
from reader.core.align.tokens import _TOKEN, STOP_HASHES, fold_case, folded_words, tokenize
from reader.core.corpus import documents_from_texts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_corpus").glob("*.txt"))]

punctuated = st.lists(
    st.sampled_from(
        list("ab 7,.!?\n\r\t\"')]&\u201c\u201d\u2018\u2019\u00a0") + ["the ", " said ", "U.S.", "it's", "Iran\u2019s", "1,300", "$5m"]
    ),
    max_size=80,
).map("".join)


def _old_crosses(text: str, starts, ends, lo: int, hi: int) -> bool:
    """Context.crosses as it was: the text between the two tokens searched."""
    if lo < 0 or hi >= len(starts):
        return False
    return _SENTENCE_BREAK.search(text, ends[lo], starts[hi]) is not None


def _check(texts: list[str], reach: int) -> int:
    docs = documents_from_texts({f"d{k}": t for k, t in enumerate(texts)})
    ctx = Context(docs, [tokenize(t) for t in texts], AlignOptions())
    checked = 0
    for d, text in enumerate(texts):
        tk = ctx.tokens[d]
        n = len(tk)
        stops = ctx.stop_counts(d)
        assert len(stops) == n + 1
        for lo in range(-1, n):
            for hi in range(lo + 1, min(n + 1, lo + reach + 1)):
                assert ctx.crosses(d, lo, hi) == _old_crosses(text, tk.starts, tk.ends, lo, hi), (text, lo, hi)
                if lo >= 0 and hi <= n:
                    assert stops[hi] - stops[lo] == sum(1 for w in tk.words[lo:hi] if w in STOP_HASHES)
                checked += 1
    return checked


@settings(max_examples=300, deadline=None)
@given(st.lists(punctuated, min_size=1, max_size=3))
def test_sentence_ends_between_tokens_as_searched(texts: list[str]) -> None:
    _check(texts, reach=12)


def test_sentence_ends_in_the_sample_corpus_as_searched() -> None:
    assert _check(SAMPLE, reach=8) > 10_000


def test_sentence_ends_are_counted_per_gap() -> None:
    text = 'He left. "Why?" she asked\nthen (twice.) went'
    counts = break_counts(text, tokenize(text))
    tk = tokenize(text)
    words = [text[s:e] for s, e in zip(tk.starts, tk.ends)]
    assert words == ["He", "left", "Why", "she", "asked", "then", "twice", "went"]
    # Ends after "left", after "Why?"", after "asked" (a line) and after "twice.)".
    assert counts is not None and list(counts) == [0, 0, 1, 2, 2, 3, 3, 4]



def _old_folded_words(text: str) -> str:
    """tokens.folded_words as it was: every word looked at."""
    words = _TOKEN.findall(fold_case(text))
    return " ".join("and" if w == "&" else w.replace(",", "") if w[0].isdigit() else w for w in words)


@settings(max_examples=300, deadline=None)
@given(punctuated)
def test_folded_words_as_they_were(text: str) -> None:
    assert folded_words(text) == _old_folded_words(text)


def test_folded_words_unfold_only_separated_numbers() -> None:
    assert folded_words("Cats, dogs & 1,300 mice, 5,x") == "cats dogs and 1300 mice 5 x"
    assert folded_words("Cats, dogs, 7 mice") == "cats dogs 7 mice"


def test_a_documents_running_sums_take_four_bytes_a_token() -> None:
    """What verification keeps of each document (its side) is held for every document at once:
    its running sums are compact (4 bytes a token, a list of ints took 8 for the pointer and 28
    for each int past 256), and still count what the tokens say."""
    text = " ".join(SAMPLE)
    tk = tokenize(text)
    ctx = Context(documents_from_texts({"d0": text}), [tk], AlignOptions())
    side = ctx.side(0)
    n = len(tk)
    assert n > 1000
    for sums in (side.stops, side.chars, side.numbers, side.breaks):
        assert sums is not None and len(sums) >= n
        assert sys.getsizeof(sums) < 5 * (n + 1) + 100
    assert side.stops[n] == sum(1 for w in tk.words if w in STOP_HASHES)
    assert side.chars[n] == sum(e - s for w, s, e in zip(tk.words, tk.starts, tk.ends) if w not in STOP_HASHES)
