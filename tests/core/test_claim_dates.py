"""Dates given more or less fully: a month of a year ("December 2004") is no month 2004, day
12. Two sentences disagree about a date only when a field both give differs."""

from __future__ import annotations

import pytest

from reader.core.align import AlignOptions
from reader.core.align.anchors import conflict, figure_sets
from reader.core.align.claims import claims_of
from reader.core.align.terms import sentence_units


def _figures(text: str):  # type: ignore[no-untyped-def]
    (unit,) = sentence_units(0, text)
    return figure_sets(unit)


@pytest.mark.parametrize(
    ("first", "second", "disagree"),
    [
        ("in December 2004", "on 10 December 2004", False),
        ("in December 2004", "on December 10", False),
        ("in December 2004", "in 2004", False),
        ("in December 2004", "on 2004-12-10", False),
        ("in December 2004", "on 10 November 2004", True),
        ("in December 2004", "on November 10", True),
        ("in December 2004", "in November 2004", True),
        ("in December 2004", "in December 2005", True),
        ("in December 2004", "in 2005", True),
        ("on December 10", "on 10 December 2004", False),
        ("on December 10", "on 11 December 2004", True),
    ],
)
def test_a_month_of_a_year_disagrees_only_with_another_month_or_year(first: str, second: str, disagree: bool) -> None:
    """"The quake struck in December 2004" and "on 10 December 2004" give one date (read as
    month 2004, day 12, "December 2004" disagreed with every full date); "10 November 2004"
    is another."""
    a = _figures(f"The quake struck Manokwari {first}, officials said.")
    b = _figures(f"The quake struck Manokwari {second}, officials said.")
    assert conflict(a, b, kinds=False)  # different forms of one thing...
    assert conflict(a, b) is disagree  # ...disagreeing only when a field both give differs


WAVE = [
    "Rescuers said the wave that hit Aceh in December 2004 left most coastal villages flattened and "
    "survivors without clean water. Aid agencies appealed for funds. The government thanked donors.",
    "The wave that hit Aceh on 26 December 2004 flattened most of the coastal villages and left "
    "survivors without clean water, rescuers said. Officials met on Friday. Markets were closed.",
    "Local elections were held in the province last year. Turnout was low. A new governor took office.",
]


def test_a_claim_dated_by_month_and_by_day_is_one_claim() -> None:
    """"hit Aceh in December 2004" / "hit Aceh on 26 December 2004": one claim (the two dates
    disagreed, and the pair was dropped); with "26 November 2004", two facts."""
    (claim,) = claims_of(WAVE, AlignOptions())
    assert [d for d, _, _ in claim.spans] == [0, 1]
    assert "December 2004" in WAVE[0][claim.spans[0][1] : claim.spans[0][2]]
    other = [WAVE[0], WAVE[1].replace("26 December", "26 November"), WAVE[2]]
    assert claims_of(other, AlignOptions()) == []
