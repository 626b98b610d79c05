"""A name written both ways gets the term its abbreviation has where it is written: the term
the sentences' rule gives it (:func:`reader.core.align.terms.term_of`), so "WHO", a function
word with no term, turns no name into a term nothing else has."""

from __future__ import annotations

from reader.core.align.acronyms import with_acronyms
from reader.core.align.terms import sentence_units, term_of

WHO = [
    "The WHO said the outbreak in Guinea had killed 59 people by Sunday.",
    "The World Health Organization said the Ebola outbreak had killed 59 people in Guinea.",
]

NATO = [
    "NATO allies agreed to send more troops to the Baltic states on Tuesday.",
    "The North Atlantic Treaty Organization agreed to send more troops to the Baltic states.",
]


def _units(texts: list[str]):  # type: ignore[no-untyped-def]
    return with_acronyms(texts, [u for d, text in enumerate(texts) for u in sentence_units(d, text)])


def test_a_name_gets_the_term_its_abbreviation_has_in_the_other_article() -> None:
    """"NATO" and "North Atlantic Treaty Organization" meet on the term the abbreviation's
    sentence has."""
    abbreviated, spelled = _units(NATO)
    (written,) = [t for t, a, b in abbreviated.terms if NATO[0][a:b] == "NATO"]
    assert written == term_of("nato")
    (name,) = [(t, a, b) for t, a, b in spelled.terms if NATO[1][a:b] == "North Atlantic Treaty Organization"]
    assert name[0] == written


def test_an_abbreviation_that_is_a_function_word_leaves_the_name_its_words() -> None:
    """"WHO" is no term where it is written (a function word): "World Health Organization"
    keeps its three words (made the term "who", which no sentence has, it met nothing and
    lost the words another outlet's "World Health Organization" shares)."""
    abbreviated, spelled = _units(WHO)
    assert term_of("who") == "" and not any(WHO[0][a:b] == "WHO" for _, a, b in abbreviated.terms)
    assert {term_of(w) for w in ("world", "health", "organization")} <= spelled.bag
    assert "who" not in spelled.bag
    plain = [u for d, text in enumerate(WHO) for u in sentence_units(d, text)]
    assert _units(WHO) == plain
