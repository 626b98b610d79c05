"""What verification reads of each document (:class:`~reader.core.align.context.Side`): its
running sums and sentence-end counts, as the compiled kernels count them
(``_verify_kernels.side_sums``, ``break_counts``) and as the pure-Python functions do, against
their definitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, compiled
from reader.core.align.context import _SENTENCE_BREAK, Context, break_counts, side_sums
from reader.core.align.tokens import STOP_HASHES, tokenize
from reader.core.corpus import documents_from_texts

PIECES = (
    "the", "of", "and", "said", "minister", "Gaza", "talks", "2024", "1,300", "$100m", "100", "million",
    "x", "'s", "don't", "&", ".", "!", "?", ". ", "! ", "?\n", ".\u201d ", ".' ", ".)] ", "\u2019", "\"", ".\"",
    " ", " ", " ", "\n", "\u2029", "\u00a0", "\u3000", "\x1c", "\x85", "\r", "\u201c", "\u201d", "é",
)
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _defined_sums(tk):
    """The running sums by their definition, one prefix at a time."""
    stop = [w in STOP_HASHES for w in tk.words]
    n = len(stop)
    stops = [sum(stop[:i]) for i in range(n + 1)]
    chars = [sum(tk.ends[k] - tk.starts[k] for k in range(i) if not stop[k]) for i in range(n + 1)]
    numbers = [sum(1 for k in set(tk.numbers) if k < i and not stop[k]) for i in range(n + 1)]
    return stops, chars, numbers


def _defined_breaks(text, tk):
    """The sentence-end counts by their definition, gap by gap (None if an end lies across a token)."""
    spans = [m.span() for m in _SENTENCE_BREAK.finditer(text)]
    for start, end in spans:
        before = sum(1 for e in tk.ends if e <= start)  # the tokens before the end
        if 0 < before < len(tk) and end > tk.starts[before]:
            return None
    counts, total = [], 0
    for k in range(len(tk)):
        if k > 0 and any(tk.ends[k - 1] <= s and e <= tk.starts[k] for s, e in spans):
            total += 1
        counts.append(total)
    return counts


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_running_sums_are_their_definition(text):
    tk = tokenize(text)
    expected = _defined_sums(tk)
    assert [list(sums) for sums in side_sums(tk.words, tk.starts, tk.ends, tk.numbers)] == list(expected)
    if compiled.VERIFY is not None:
        assert [list(sums) for sums in compiled.VERIFY.side_sums(tk.words, tk.starts, tk.ends, tk.numbers)] == list(expected)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_sentence_end_counts_are_the_pure_pythons(text):
    tk = tokenize(text)
    expected = break_counts(text, tk)
    found = _defined_breaks(text, tk)
    assert (None if expected is None else list(expected)) == found
    if compiled.VERIFY is not None:
        kernel = compiled.VERIFY.break_counts(text, tk.starts, tk.ends)
        assert (None if kernel is None else list(kernel)) == found


@pytest.mark.parametrize("pure", [False, True])
def test_a_side_is_the_same_either_way(monkeypatch, pure):
    text = 'The minister said: "We will not stop." Talks on the border resumed on Tuesday.\n$100m in aid, 1,300 trucks.'
    docs = documents_from_texts({"d": text})
    tokens = [tokenize(doc.text) for doc in docs]
    if pure:
        monkeypatch.setattr(compiled, "VERIFY", None)
    side = Context(docs, tokens, AlignOptions(break_penalty=1.0)).side(0)
    assert [list(side.stops), list(side.chars), list(side.numbers)] == list(_defined_sums(tokens[0]))
    assert list(side.breaks) == _defined_breaks(docs[0].text, tokens[0])
