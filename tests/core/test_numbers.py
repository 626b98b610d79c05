"""reader.core.numbers: numbers, money, ranges, scores, vague quantities, dates and times read
from real sentences, with exact offsets and one canonical form for each way of writing them."""

from __future__ import annotations

import pytest

from reader.core.numbers import Kind, form_of, number_terms, parse_date, scan


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(text[n.start : n.end], n.kind.value, n.form) for n in scan(text)]


def test_real_sentence_of_the_sample_corpus() -> None:
    text = ("Hamas\u2019s weekend onslaught saw at least 1,500 terrorists cross the border into Israel from the "
            "Gaza Strip in vehicles, by air and by sea, killing 1,300 people and seizing 150 hostages of all "
            "ages under the cover of a deluge of 5,000 rockets fired at Israeli towns and cities.")
    assert _read(text) == [
        ("1,500", "number", "n:1500"), ("1,300", "number", "n:1300"),
        ("150", "number", "n:150"), ("5,000", "number", "n:5000"),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [("$100m", "$100 million"), ("1,300", "1300"), ("December 31", "31 December"), ("Dec. 31", "December 31"),
     ("25%", "25 percent"), ("25 per cent", "25%"), ("7:48 a.m.", "7 : 48 am"), ("2.30am", "2:30 a.m."),
     ("seven", "7"), ("a dozen", "12"), ("one hundred and fifty", "150"), ("$ 13.9 billion", "$13.9bn")],
)
def test_spellings_of_one_figure_have_one_form(a: str, b: str) -> None:
    assert form_of(a) is not None
    assert form_of(a) == form_of(b)


def test_money_is_indexed_with_or_without_its_currency() -> None:
    """The aligner's index: outlets drop the currency ("100 million annually")."""
    assert number_terms("$100m annually")[0][2] == number_terms("100 million annually")[0][2] == "n:100000000"
    assert number_terms("$ 12 billion to $ 13 billion")[0][2] == number_terms("12 to 13 billion")[0][2]
    assert number_terms("$ 24 to $ 26")[0][2] == "range:24-26"


def test_ranges_scores_and_vague_quantities() -> None:
    text = ("HP will pay $ 12 billion to $ 13 billion - a price that translates to $ 24 to $ 26 per share. "
            "Klitschko (52-3, 46 KOs) beat Rahman (45-7-2). Tens of thousands of secret files; dozens of "
            "civilians; scores of hostages.")
    found = _read(text)
    assert ("$ 12 billion to $ 13 billion", "range", "range:$12000000000-13000000000") in found
    assert ("$ 24 to $ 26", "range", "range:$24-26") in found
    assert ("52-3", "score", "score:52-3") in found and ("45-7-2", "score", "score:45-7-2") in found
    vague = {t: f for t, k, f in found if k == "vague"}
    assert vague == {"Tens of thousands": "vague:20000-99999", "dozens": "vague:24-99", "scores": "vague:40-199"}


def test_dates_times_years_and_ordinals_are_not_counts() -> None:
    text = ("Published October 09,2023. On October 14 the quake struck at 7:48 a.m. (2248 GMT), the sixth "
            "in 2004 and the 11th this year; in 2018 the envoy said so.")
    kinds = {t: k for t, k, _ in _read(text)}
    assert kinds == {"October 09,2023": "date", "October 14": "date", "7:48 a.m.": "time", "2248 GMT": "time",
                     "sixth": "ordinal", "2004": "year", "11th": "ordinal", "2018": "year"}
    assert parse_date("Published October 09,2023") == "2023-10-09"
    assert parse_date("Oct 15: Hamas leader") == "10-15"


def test_names_with_digits_are_not_figures() -> None:
    assert _read("F-16 jets, COVID-19 and the A195,900 aid") == []


def test_offsets_are_exact_and_precision_says_how_round() -> None:
    text = "about 2,750 people and 13.9 billion and 413 Palestinians"
    numbers = scan(text)
    assert [text[n.start : n.end] for n in numbers] == ["2,750", "13.9 billion", "413"]
    assert [n.precision for n in numbers] == [10.0, 100_000_000.0, 1.0]
    assert all(n.kind is Kind.NUMBER for n in numbers)
