"""The trie patterns that the figures and voices stages search with (for speed) find exactly
what the plain alternations they replaced find."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.alternation import WholeWords, word_alternation
from reader.core.numbers import _candidates
from reader.core.numbers.patterns import _NOT_LETTERS, _TRIGGER_WORDS
from reader.core.voices import names

WORDS = st.lists(st.text(alphabet="abc -", min_size=1, max_size=5), min_size=1, max_size=12)


def plain(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@settings(max_examples=200, deadline=None)
@given(WORDS, st.text(alphabet="abc -", max_size=8))
def test_the_trie_matches_the_same_strings(words: list[str], probe: str) -> None:
    pattern = re.compile(word_alternation(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert bool(pattern.fullmatch(probe)) == (probe in words)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.text(alphabet="abc -.x", max_size=40))
def test_whole_words_are_found_at_the_same_places(words: list[str], text: str) -> None:
    def found(body: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(rf"(?<![a-z]){body}(?![a-z])", text)]

    assert found(word_alternation(words)) == found(plain(words))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=12), st.text(alphabet="abc -.é", max_size=40))
def test_whole_words_finds_what_the_lookbehind_pattern_finds(words: list[str], text: str) -> None:
    lookbehind = re.compile(rf"(?<![a-z]){word_alternation(words)}(?![a-z])")
    assert list(WholeWords(words).spans(text)) == [m.span() for m in lookbehind.finditer(text)]


def _candidates_word_by_word(text: str) -> list[tuple[int, int | None]]:
    """Where number words may start, found word by word (what scan did before the trie)."""
    lower, out = text.lower(), []
    for word in set(_NOT_LETTERS.split(lower)) & _TRIGGER_WORDS:
        at = lower.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not lower[at - 1].isalpha()) and (after >= len(lower) or not lower[after].isalpha()):
                back = at - 2 if lower[max(0, at - 2) : at] == "a " else at - 3 if lower[max(0, at - 3) : at] == "an " else None
                out.append((at, back))
            at = lower.find(word, after)
    return sorted(out)


PIECES = ["one", "a dozen", "an eight", "someone", "often", "Seven", "tens of thousands", "half", "x", "-", " ", ",", "'"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_number_words_are_found_as_before(text: str) -> None:
    words = [c for c in _candidates(text, 0, len(text)) if not text[c[0]].isdigit()]
    assert words == _candidates_word_by_word(text)


TITLE_PIECES = ["Iran's ", "Foreign ", "Minister ", "minister ", "President-elect ", "the ", "Hossein ",
                "Amir-Abdollahian", "his ", "counterpart ", "Fuad ", "Hussein", ". ", "said ", "\t", "Mr. "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=20).map("".join))
def test_titled_names_pattern_finds_what_the_plain_one_found(text: str) -> None:
    plain_titles = "|".join(sorted(names.TITLES, key=len, reverse=True))
    before = re.compile(names._TITLED.pattern.replace(names._TITLE_RE, plain_titles))
    assert plain_titles in before.pattern
    assert [m.groups() for m in names._TITLED.finditer(text)] == [m.groups() for m in before.finditer(text)]
