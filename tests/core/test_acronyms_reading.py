"""The names written both ways are found as they were when every word of the corpus was listed:
the runs of two words are skipped (no abbreviation of three letters), and whether a capitalised
word is written in lower case somewhere is asked only of the words a name abbreviates."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from reader.core.align import acronyms
from reader.core.align.acronyms import _SHORT, name_runs, with_acronyms
from reader.core.align.terms import Unit, sentence_units, term_of

TEXTS = [
    "The North American Free Trade Agreement (NAFTA) took effect in 1994; Nafta critics in Congress objected.",
    "Smith & Wesson and Bank of America met the Organization of Islamic Cooperation, the OIC said.",
    "Prime Minister Theresa May spoke.\tThe  Trade  Hub Europe\tfor the Union met War Crimes Tribunal judges.",
    "The war crimes tribunal, the WCT, heard the case. The Driving Under the Influence charge (DUI) stood.",
    "Caf\u00e9 owners in S\u00e3o Paulo told the OIC that the war was over; the Nafta deal was not.",
]


def _old_used(texts: Sequence[str], wanted: set[str]) -> set[str]:
    """The abbreviations in use as they were found before: every lower-case word of the corpus
    listed, then each candidate looked up."""
    short = {m.group() for text in texts for m in _SHORT.finditer(text)}
    lower = {w for text in texts for w in re.findall(r"\b[a-z]{3,6}\b", text)}
    used = {w.upper() for w in short if w.isupper() or w.lower() not in lower} & wanted
    return {w for w in used if term_of(w.lower())}


def _units(texts: Sequence[str]) -> list[Unit]:
    return [u for d, text in enumerate(texts) for u in sentence_units(d, text)]


def test_runs_of_two_words_give_no_stretch_and_tabs_still_split_words() -> None:
    from tests.core.test_claims_reuse import _name_runs_one_by_one

    assert name_runs("Prime Minister Theresa May spoke") == _name_runs_one_by_one("Prime Minister Theresa May spoke") != []
    assert name_runs("Prime Minister spoke") == []
    assert name_runs("Trade\tHub Europe") == [(0, 16, {"THE"})]
    for text in TEXTS:
        assert name_runs(text) == _name_runs_one_by_one(text)


def test_the_abbreviations_in_use_are_those_every_word_listed_gave() -> None:
    """with_acronyms renames the same names as with the old listing of every lower-case word."""
    wanted = {a for text in TEXTS for _, _, found in name_runs(text) for a in found}
    expected = _old_used(TEXTS, wanted)
    assert {"WCT", "OIC", "NAFTA"} <= expected and "THE" not in expected  # "the" is written in lower case
    units = _units(TEXTS)
    before = {t for unit in units for t, _, _ in unit.terms}
    after = {t for unit in with_acronyms(TEXTS, units) for t, _, _ in unit.terms}
    assert after - before == {term_of(w.lower()) for w in expected} - before


def test_lower_case_is_asked_only_of_capitalised_words_a_name_abbreviates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus is searched for a lower-case word only for "Nafta" and "The" (names give
    "NAFTA" and "THE": "Trade Hub Europe"), not for every capitalised word of three to six
    letters ("Prime", "Smith", "Bank", "War"...)."""
    asked: list[str] = []
    real = acronyms._written_lower

    def spy(word: str, texts: Sequence[str]) -> bool:
        asked.append(word)
        return real(word, texts)

    monkeypatch.setattr(acronyms, "_written_lower", spy)
    with_acronyms(TEXTS, _units(TEXTS))
    assert sorted(asked) == ["nafta", "the"]


@pytest.mark.parametrize(
    ("word", "text", "written"),
    [
        ("war", "the war ended", True),
        ("war", "war ended", True),
        ("war", "the warden left", False),
        ("war", "post_war plans", False),
        ("war", "a pre-war plan", True),
        ("war", "\u00e9war ended", False),
        ("war", "War ended", False),
        ("war", "the 2war ended", False),
    ],
)
def test_written_lower_is_the_old_lower_case_word(word: str, text: str, written: bool) -> None:
    assert acronyms._written_lower(word, [text]) is written
    assert (word in re.findall(r"\b[a-z]{3,6}\b", text)) is written
