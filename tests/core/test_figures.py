"""reader.core.figures on the sample corpus: what each figure counts, and which figures the
articles give for the same thing, agreeing or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.corpus import load_corpus
from reader.core.figures import FigureGroup, agrees, extract, find_figures
from reader.core.figures.report import article_date, format_value


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([Path(__file__).resolve().parents[2] / "sample_corpus"])


@pytest.fixture(scope="module")
def groups(corpus) -> list[FigureGroup]:
    return find_figures(corpus.documents)


def _texts(group: FigureGroup, corpus) -> dict[str, str]:
    by_id = corpus.by_id
    return {m.doc[:3]: by_id[m.doc].text[m.start : m.end] for m in group.mentions}


def _group_with(groups: list[FigureGroup], corpus, needle: str) -> FigureGroup:
    by_id = corpus.by_id
    found = [g for g in groups if any(needle in by_id[m.doc].text[m.start : m.end] for m in g.mentions)]
    assert len(found) == 1, needle
    return found[0]


def test_a_mention_reads_qualifier_noun_and_verb() -> None:
    text = "In retaliation, the Israeli army initiated Operation Swords of Iron, killing more than 413 Palestinians and wounding at least 2,300 others."
    first, second = extract("a", text)
    assert text[first.start : first.end] == "more than 413 Palestinians"
    assert (first.qualifier, first.noun, first.verb, first.value) == ("more than", "Palestinians", "killing", 413)
    assert text[second.start : second.end] == "at least 2,300 others"
    assert (second.qualifier, second.verb) == ("at least", "wounding")


def test_dates_durations_and_turns_of_phrase_are_not_figures() -> None:
    text = ("On October 14, Iran's Supreme Leader spoke; the onslaught began five weeks ago. One of the "
            "tremors was felt. A 10-year-old girl was killed in 2004.")
    assert extract("a", text) == []


def test_israeli_death_toll_disagrees(groups, corpus) -> None:
    group = _group_with(groups, corpus, "700 Israelis")
    assert _texts(group, corpus) == {"000": "over 700 Israelis", "001": "At least 700 Israelis", "002": "1,300 people",
                                     "003": "1,300 people", "004": "at least 1,400 Israelis"}
    assert group.agree is False and group.what == "Israelis killed"


def test_palestinians_killed_disagree_but_400_and_413_agree(groups, corpus) -> None:
    group = _group_with(groups, corpus, "413 Palestinians")
    texts = _texts(group, corpus)
    assert texts == {"000": "More than 400 Palestinians", "001": "more than 413 Palestinians",
                     "002": "more than 1,100 Palestinians", "003": "more than 2,200 people", "004": "about 2,750 people"}
    assert group.agree is False
    assert agrees([m for m in group.mentions if m.doc[:3] in ("000", "001")])


def test_100m_and_100_million_agree(groups, corpus) -> None:
    group = _group_with(groups, corpus, "$100m")
    assert set(_texts(group, corpus).values()) == {"$100m", "approximately $100 million"}
    assert group.agree and group.what == "$ funding a year"


def test_150_hostages_in_two_articles_with_scores_as_vague(groups, corpus) -> None:
    group = _group_with(groups, corpus, "150 hostages")
    texts = _texts(group, corpus)
    assert texts["002"] == "150 hostages" and texts["004"] == "At least 150"
    assert [m.vague for m in group.mentions if m.doc.startswith("003")] == [True]
    assert group.agree


def test_disagreements_come_first_and_every_group_says_why(groups) -> None:
    assert [g.agree for g in groups] == sorted(g.agree for g in groups)
    assert all(g.why and g.what for g in groups)
    assert all(len(g.doc_ids) >= 2 for g in groups)


def test_every_mention_span_is_exact(corpus) -> None:
    for doc in corpus.documents:
        for m in extract(doc.id, doc.text):
            assert doc.text[m.number.start : m.number.end].strip() == doc.text[m.number.start : m.number.end]
            assert m.start <= m.number.start < m.number.end <= m.end


def test_article_dates(corpus) -> None:
    dates = {d.id[:3]: article_date(d.text) for d in corpus.documents}
    assert dates["001"].form == "2023-10-09" and dates["003"].text == "Oct 15"
    assert dates["000"] is None and dates["004"] is None  # dates inside the story are not the article's


def test_values_for_people(corpus) -> None:
    text = ("Israel killed more than 413 Palestinians; about 2,750 people were killed. The regime funds its "
            "proxy $100m annually, and it seized scores of hostages.")
    assert [format_value(m) for m in extract("a", text)] == ["> 413", "~2,750", "$100m", "vague (40-199)"]
