"""The compiled kernels of the numbers' scan and the figures' sentences
(``reader/core/align/_figure_kernels.pyx``) find what the pure-Python loops find, on the same
texts; and the shortcut both take (the pattern before digits searched only where what it needs
stands) changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.core.numbers as numbers
from reader.core.align import compiled
from reader.core.figures import find_figures
from reader.core.figures.mentions import _ABBREVIATIONS, sentence_bounds, sentences
from reader.core.figures.lexicon import _CLAUSE_MARK, _GAP_AND_WORD
from reader.core.figures.phrases import Sentence
from reader.core.corpus import documents_from_texts
from reader.core.numbers.patterns import _BEFORE_DIGITS, _MAY_STAND_BEFORE

built = pytest.mark.skipif(compiled.FIGURES is None, reason="the compiled kernels are not built here (pure Python runs)")

# Pieces of news text around figures: signs and codes, months, number words (whole, inside
# words, after "a"/"an"), digits with separators, clause marks, letters outside ASCII (one
# whose lower case is longer, one whose lower case is "k", a long s that matches "s" when case
# is ignored), digits outside ASCII.
PIECES = [
    "$", "US$", "€", "£", "¥", "USD ", "usd", "Eur", "GBP", "Jan. ", "January ", "SEPT ", "ſep ", "may ", "Dec,", "between ",
    "Between", "of ", " ", "  ", "\n", ",", ".", "-", " - ", "–", "—", "(", ")", ";", ":", "/", "'", "’", "\"", "a ", "an ",
    "A ", "one", "Two", "twenty", "hundred", "thousand", "million", "dozen", "dozens", "half", "third", "first", "tens",
    "someone", "often", "İ", "K", "Léone", "x", "ABC", "it's", "well-known", "1", "12", "300", "1,300", "13.9", "2004", "7:48",
    "a.m.", "%", " percent", "m", "bn", "k", "٣", "٤٥",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _pure(function, *args):
    kept = numbers._KERNEL
    numbers._KERNEL = None
    try:
        return function(*args)
    finally:
        numbers._KERNEL = kept


@built
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_candidates_are_the_pure_pythons(text: str, cut_start: int, cut_end: int) -> None:
    start = min(cut_start, len(text))
    end = max(start, len(text) - cut_end)
    assert numbers.compiled_kernels() is compiled.FIGURES
    assert numbers._candidates(text, start, end) == _pure(numbers._candidates, text, start, end)
    assert numbers.scan(text, start, end) == _pure(numbers.scan, text, start, end)


@built
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_sentence_words_are_the_patterns(text: str, cut_start: int, cut_end: int) -> None:
    start = min(cut_start, len(text))
    end = max(start, len(text) - cut_end)
    words, starts, marks = compiled.FIGURES.sentence_words(text, start, end)
    expected, at = [], start
    for gap, word in _GAP_AND_WORD.findall(text, start, end):
        expected.append((at + len(gap), at + len(gap) + len(word), word))
        at += len(gap) + len(word)
    assert words == expected and starts == [w[0] for w in expected]
    assert marks == [m.start() for m in _CLAUSE_MARK.finditer(text, start, end)]
    fast, pure = Sentence(text, start, end, ()), _pure(Sentence, text, start, end, ())
    assert (fast.words, fast.starts, fast.marks, fast.skipped) == (pure.words, pure.starts, pure.marks, pure.skipped)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_the_pattern_before_digits_needs_what_the_shortcut_looks_for(text: str) -> None:
    for lo in range(len(text)):
        if _MAY_STAND_BEFORE.search(text, lo, len(text)) is None:
            assert _BEFORE_DIGITS.search(text, lo, len(text)) is None


@built
def test_the_figures_are_the_same_without_the_kernels() -> None:
    texts = [
        "About 2,750 people were killed and more than 1,300 injured on Jan. 4, officials said. "
        "The company paid $ 13 billion, or US$100m a year, between 5 and 10 percent of its value.",
        "At least 2,700 people died and 1,300 were hurt, the ministry said on January 4. "
        "Rivals paid $13.9 billion (about 25%) for twenty-five of the sites in 2004.",
    ]
    documents = documents_from_texts({f"d{k}": text for k, text in enumerate(texts)})
    fast = find_figures(documents)
    assert fast == _pure(find_figures, documents) and fast


def test_without_the_aligner_the_pure_loops_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_KERNEL", numbers._UNKNOWN)
    monkeypatch.delitem(__import__("sys").modules, "reader.core.align")
    assert numbers.compiled_kernels() is None
    assert numbers._KERNEL is numbers._UNKNOWN  # looked up again once the aligner is there
    assert re.fullmatch(r"n:\d+", numbers.form_of("1,300") or "")


SENTENCE_PIECES = [
    "The", "the", "Mr", "Dr", "H", "x", "Jan", "U.S", "(Mr", "\u201cMr", ". ", "! ", "? ", ".", "!\u201d ", ".' ", '." ', ".) ",
    "\n", "\n\n", " \n ", "\t", "\u2003", " ", "  ", "\"", "'", "\u201c", "\u2018", "(", "4", "É", "a", "Z", "\u00a0",
]


@built
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join))
def test_sentence_bounds_are_the_sentences(text: str) -> None:
    assert compiled.FIGURES.sentence_bounds(text, _ABBREVIATIONS) == list(sentences(text))
    every = list(sentences(text))
    for last in range(len(text)):
        found = _pure(sentence_bounds, text, last)
        assert found == every[: len(found)]
        assert not every or found[-1][1] > last or found == every


@built
def test_the_figures_kernel_carries_the_digest_of_its_source() -> None:
    source = Path(compiled.__file__).with_name("_figure_kernels.pyx")
    assert compiled.FIGURES.SOURCE == compiled.source_digest(source)


def test_a_clause_is_read_once_per_sentence_and_span(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.align import figure_claims as module
    from reader.core.align.terms import Unit
    from reader.core.figures import same_figure_mentions

    sentence = "Rockets killed 212 people in the Gaza Strip on Sunday, officials said."
    texts = {"a": f"It began at dawn. {sentence} Then it rained.", "b": f"{sentence} The talks go on.",
             "c": f"Nobody knew. Even so, the army said. {sentence}"}
    documents = documents_from_texts(texts)
    calls = []
    real = module.clause_reach
    monkeypatch.setattr(module, "clause_reach", lambda *args: calls.append(args) or real(*args))
    claims = module.figure_claims(documents, 6)
    assert len(claims) == 1 and len(claims[0].spans) == 3
    assert len(calls) == 1  # the same sentence in three articles: its clause read once
    mentions = same_figure_mentions(documents)[0]
    for (d, start, end), mention in zip(claims[0].spans, mentions):
        unit = Unit(d, *mention.sentence, (), frozenset(), frozenset())
        assert (start, end) == real(documents[d].text, unit, mention.start, mention.end, 6)


def test_words_past_a_thousand_clause_marks_weigh_nothing_in_both_paths() -> None:
    """A context word's weight halves at each clause mark between it and the number: past about
    1,075 marks it is 0.0, and such a word is no context word (the pure rule keeps a word only
    when it weighs more than nothing; the kernel once kept it)."""
    from reader.core.figures.phrases import _context
    from reader.core.numbers import scan

    text = "Officials counted 4,500 soldiers " + ";" * 1100 + " wounded villagers fled quickly across mountains yesterday."
    number = scan(text)[0]
    fast = _context(text, number, Sentence(text, 0, len(text), ()), ())
    pure = _pure(_context, text, number, _pure(Sentence, text, 0, len(text), ()), ())
    assert fast == pure
    assert [word for _, _, word in pure] == ["counted", "Officials", "soldiers"]
    documents = documents_from_texts({"a": text, "b": text.replace("Officials", "Reporters")})
    assert find_figures(documents) == _pure(find_figures, documents)
