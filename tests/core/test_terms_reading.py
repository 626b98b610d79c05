"""The claims stage's reading of a text into terms, as quicker code reads it: the same terms as
the plain word-by-word reading, on the sample corpus and on random word sequences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import acronyms, sentences, terms, tokens
from reader.core.align.sentences import _CLAUSE, _add, clause_breaks, clause_spans, sentence_spans
from reader.core.align.terms import NEGATED, NEGATION_REACH, NEGATORS, PASS_ON, sentence_units
from reader.core.align.tokens import split_words
from reader.core.corpus import load_corpus
from reader.core.numbers.patterns import _DIGIT_RUN

ROOT = Path(__file__).resolve().parents[2]


def negated_word_by_word(words: Sequence[str], terms_of: list[str]) -> None:
    """The reading of negations word by word, as :func:`terms._negate` was first written."""
    pending = 0
    for k, word in enumerate(words):
        if word in NEGATORS or word.endswith("n't"):
            terms_of[k] = ""
            pending = NEGATION_REACH
        elif pending:
            if word in PASS_ON:
                terms_of[k] = ""
                pending = NEGATION_REACH
            elif terms_of[k]:
                terms_of[k] = NEGATED + terms_of[k]
                pending = 0
            else:
                pending -= 1


VOCABULARY = [*sorted(NEGATORS), *sorted(PASS_ON), "didn't", "won't", "to", "the", "be", "involved", "attack", "said", "it", "a"]


def check(words: Sequence[str], terms_of: Sequence[str]) -> None:
    quick, plain = list(terms_of), list(terms_of)
    terms._negate(words, quick)
    negated_word_by_word(words, plain)
    assert quick == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.booleans()), max_size=40))
def test_negations_read_as_word_by_word(pairs: list[tuple[str, bool]]) -> None:
    words = [word for word, _ in pairs]
    check(words, [word.upper() if content else "" for word, content in pairs])


def test_negations_on_the_sample_corpus_read_as_word_by_word() -> None:
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    texts.append("They did not want to negotiate, never did; no one denied that it wasn't planned or tried to be.")
    negated = 0
    for text in texts:
        words = split_words(text)[0]
        terms._learn(words)
        terms_of = [terms._TERMS[word] for word in words]
        check(words, terms_of)
        after = list(terms_of)
        terms._negate(words, after)
        negated += sum(term.startswith(NEGATED) for term in after)
    assert negated >= 5


def test_a_negation_reaches_past_a_wish_and_stops_at_the_first_content_word() -> None:
    (unit,) = sentence_units(0, "The minister did not want to attend the summit or the talks.")
    assert [term for term, _, _ in unit.terms] == ["minist", NEGATED + "attend", "summit", "talk"]


PIECES = [" ", "  ", " , ", ", and ", " ; ", "\n", ",", ";", ":", "1", "-", "--", " - ", "\u2014", "\u2013", "\u2013 ", "\"", "\u201d", "'", ".",
          "and", "which", "said", "told", "Mr", "Smith", "John", "the", "officials", "x", "According", "according"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, 200), st.integers(0, 200))
def test_clause_breaks_are_those_the_full_pattern_finds(pieces: list[str], a: int, b: int) -> None:
    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    plain = [m.start() for m in _CLAUSE.finditer(text, start, end) if start < m.start() < end]
    assert clause_breaks(text, start, end) == plain


def test_clause_breaks_of_the_sample_corpus_are_those_the_full_pattern_finds() -> None:
    for doc in load_corpus([ROOT / "sample_corpus"]).documents:
        text = doc.text
        for start, end in [*sentence_spans(text), (0, len(text))]:
            plain = [m.start() for m in _CLAUSE.finditer(text, start, end) if start < m.start() < end]
            assert clause_breaks(text, start, end) == plain


def _plain_clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses split at every break the full pattern finds, searched at every character."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE.finditer(text, start, end):
        if start < m.start() < end:
            _add(text, pos, m.start(), spans)
            pos = m.end()
    _add(text, pos, end, spans)
    return spans


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, 200), st.integers(0, 200))
def test_clause_spans_are_those_the_full_pattern_gives(pieces: list[str], a: int, b: int) -> None:
    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert clause_spans(text, start, end) == _plain_clause_spans(text, start, end)


class _MarksOnly:
    """``_CLAUSE`` that may be tried at a place, not searched through a text."""

    def match(self, text: str, pos: int, end: int):  # type: ignore[no-untyped-def]
        return _CLAUSE.match(text, pos, end)

    def finditer(self, *args: object) -> None:
        raise AssertionError("searched at every character")


def test_clauses_are_split_where_their_breaks_are_found(monkeypatch) -> None:
    """:func:`clause_spans` splits at the breaks :func:`clause_breaks` finds (one search, tried
    at the marks), the same as the full pattern's search of every character gives (it kept
    that slower search of its own)."""
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    spans = [(text, s, e) for text in texts for s, e in [*sentence_spans(text), (0, len(text))]]
    plain = [_plain_clause_spans(text, s, e) for text, s, e in spans]
    monkeypatch.setattr(sentences, "_CLAUSE", _MarksOnly())
    assert [clause_spans(text, s, e) for text, s, e in spans] == plain


_CLOSE = r"(?: '')?[\"'\u201d\u2019)\]]*"
PLAIN_BREAK = re.compile(
    rf"[.!?]+{_CLOSE}(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f])"
    rf"|[.!?]+{_CLOSE}(?=\s*\n)"
    r"|\n"
)


def sentences_break_by_break(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`sentence_spans` as first written: each line break a break of its own."""
    spans: list[tuple[int, int]] = []
    pos = start
    for match in PLAIN_BREAK.finditer(text, start, end):
        if match.group() != "\n" and sentences._no_break(text, match.start(), pos):
            continue
        sentences._add(text, pos, match.end(), spans)
        pos = match.end()
    sentences._add(text, pos, end, spans)
    return spans


SENTENCE_PIECES = [" ", "  ", "\n", "\n\n", " \n \n", "\t", ".", "!", "?", "...", " ''", "\u201d", "\u2019", ")", "]", "\"",
                   "\u201c", "(", "Mr", "U.S", "A", "J", "a.m", "the", "The", "said", "1", "\u00c9", "x"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=50), st.integers(0, 300), st.integers(0, 300))
def test_sentences_are_those_read_break_by_break(pieces: list[str], a: int, b: int) -> None:
    text = "".join(pieces)
    assert sentence_spans(text) == sentences_break_by_break(text, 0, len(text))
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert sentence_spans(text, start, end) == sentences_break_by_break(text, start, end)


def test_sentences_of_the_sample_corpus_are_those_read_break_by_break() -> None:
    for doc in load_corpus([ROOT / "sample_corpus"]).documents:
        assert sentence_spans(doc.text) == sentences_break_by_break(doc.text, 0, len(doc.text))


PLAIN_TOKEN = re.compile(tokens._TOKEN.pattern.replace("(?=[\\w'&])", "", 1))
"""The token pattern without the first character asked for first."""
TOKEN_PIECES = [" ", ",", "1", "14", "300", ",000", "'", "'s", "s", "&", "-", ".", "e\u0301", "\u00e9", "_", "don", "t", "\u2019",
                "\u0663", "x", "\n", "(", "%"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TOKEN_PIECES), max_size=40))
def test_tokens_are_those_of_the_plain_pattern(pieces: list[str]) -> None:
    folded = tokens.fold_case("".join(pieces))
    assert tokens._TOKEN.split(folded) == PLAIN_TOKEN.split(folded)


def test_tokens_of_the_sample_corpus_are_those_of_the_plain_pattern() -> None:
    assert tokens._TOKEN.pattern != PLAIN_TOKEN.pattern
    for doc in load_corpus([ROOT / "sample_corpus"]).documents:
        folded = tokens.fold_case(doc.text)
        assert tokens._TOKEN.split(folded) == PLAIN_TOKEN.split(folded)


PLAIN_SHORT = re.compile(r"\b(?:[A-Z]{3,6}|[A-Z][a-z]{2,5})\b")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["NAFTA", "Nafta", "A", "AB", "Abc", "abc", "ABCDEFG", " ", "-", "1", "_", "\u00c9", "x"]), max_size=30))
def test_abbreviations_looked_for_are_those_of_the_plain_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert acronyms._SHORT.findall(text) == PLAIN_SHORT.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 ,.a\u0663\u00bd", max_size=40), st.integers(0, 50), st.integers(0, 50))
def test_digit_runs_are_those_of_the_plain_pattern(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    runs = [m.span() for m in re.finditer(r"\d+", text[start:end])]
    assert [(m.start() - start, m.end() - start) for m in _DIGIT_RUN.finditer(text, start, end)] == runs
