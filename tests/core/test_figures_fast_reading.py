"""The figures stage and step 5's grouping, made quicker, give what they gave before: the
article's figures as the reading of 256ce14 finds them (``old_figures``: sentences split with the
first pattern, words found one match at a time, weekdays searched everywhere), the figure
claims' groups as :func:`group_mentions` makes them, and the groups of spans as the union-find
class made them (``old_groups``)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions
from reader.core.align.context import Context, Link
from reader.core.align.groups import make_groups
from reader.core.align.tokens import tokenize
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.figures import extract, find_figures, group_mentions, same_figure_mentions
from reader.core.figures.grouping import same_figures
from reader.core.figures.mentions import sentences
from reader.core.figures.phrases import Sentence
from tests.core import old_figures, old_groups

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"

PIECES = (
    "1,300 people killed at least 700 Israelis more than $100m $ 13.9 billion 52-3 9-14 dozens of scores "
    "hundreds tens of thousands seven twenty-five a dozen half of 7.6-magnitude magnitude 6.1 quake measuring "
    "25% 10 to 40 between 5 and 10 October 14 Oct. 15, 2023 7:48 a.m. 2248 GMT 2004 sixth 11th Monday Sunday "
    "sunday Mr. Dr. U.S. J. No. 1 Route 52 # IBM's IBM had EDS earned were were killed have been wounded "
    "according to officials said, told reporters added noted kilometers (50 miles) two of which 10-year-old "
    "two-time or more or so -plus annually a year per share -per-share ( ) , ; : \u2013 \u2014 - . ! ? ! \" ' "
    "\u201c \u201d \u2019 \n \n\n \t A B The They It building files rockets fired 230,000 people, 170,000"
).split(" ")
"""Words that make figures, end sentences or sit where the reading looks around a figure."""
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=".!?\n \"'()-,AaZz09$%\u201c\u2019", max_size=4)), max_size=80).map(" ".join)
GLUED = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
"""The pieces with nothing between them (a sentence end right before a figure, "said." ...)."""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, GLUED))
def test_an_article_s_figures_are_read_as_before(text: str) -> None:
    assert list(sentences(text)) == list(old_figures.sentences(text))
    assert extract("d", text) == old_figures.extract("d", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=".!?\n\r\t \u00a0\"'\u201d\u2019\u201c\u2018()AaMrZ09", max_size=40))
def test_sentences_end_where_they_ended(text: str) -> None:
    assert list(sentences(text)) == list(old_figures.sentences(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, GLUED))
def test_a_sentence_s_words_and_keys_are_those_found_one_by_one(text: str) -> None:
    new, old = Sentence(text, 0, len(text), ()), old_figures.Sentence(text, 0, len(text), ())
    assert (new.words, new.starts, new.marks, new.dropped, new.skipped) == (old.words, old.starts, old.marks, old.dropped, old.skipped)
    assert new.keyed() == old.keyed()


EXAMPLES = [
    "At least 700 Israelis were killed on Monday",  # a weekday that ends the text
    "Rockets killed 12 people Sunday.\nOn Monday 40 more were wounded, officials said",
    "Mr. Smith paid $13.9 billion.\u201d Dr. J. Jones said 25% of 1,300 workers left on Tuesday!",
    "A 7.6-magnitude quake\n\n killed 230,000 people, 170,000 of them in Aceh (the U.S. said) on Friday.",
]


def test_examples_are_read_as_before() -> None:
    for text in EXAMPLES:
        assert extract("d", text) == old_figures.extract("d", text)
        assert any(m.anchors for m in extract("d", text))


def test_the_sample_corpus_is_read_as_before() -> None:
    documents = load_corpus([SAMPLE]).documents
    found = 0
    for document in documents:
        mentions = extract(document.id, document.text)
        assert mentions == old_figures.extract(document.id, document.text)
        found += len(mentions)
    assert found > 20


SENTENCES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join)
AFTER = st.sampled_from(["", ". ", ".\n", "\n", " ", "! ", ". The", " or more.", " a year. ", "-plus ", "\n magnitude quake",
                         " per share", "\n\n7.6-magnitude", ". Monday", "\u201d said", "\nannually", "\n-per-share", "\nquake"])
STORIES = st.lists(SENTENCES, min_size=1, max_size=4).flatmap(
    lambda pool: st.lists(st.lists(st.tuples(st.sampled_from(pool), AFTER), max_size=8), min_size=2, max_size=6)
).map(lambda docs: ["".join(s + a for s, a in doc) for doc in docs])
"""Corpora whose articles share sentences, each followed by something else here and there."""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STORIES)
def test_a_sentence_met_again_is_read_as_it_would_be_there(texts: list[str]) -> None:
    read: dict = {}
    for k, text in enumerate(texts):
        assert extract(f"d{k}", text, read) == old_figures.extract(f"d{k}", text)


def test_a_sentence_met_again_is_read_once(monkeypatch) -> None:
    from reader.core.figures import mentions as module

    texts = [
        "Rockets killed 12 people on Sunday. It was cold.",
        "Yesterday was bad. Rockets killed 12 people on Sunday. It was cold.",
        "Rockets killed 12 people on Sunday or more.",  # another qualifier after it
        "Rockets killed 12 people on Sunday.\n 7.6-magnitude quakes",
    ]
    sentences_read = []
    real = module.Sentence
    monkeypatch.setattr(module, "Sentence", lambda text, start, end, anchors: sentences_read.append(text[start:end]) or real(text, start, end, anchors))
    read: dict = {}
    for k, text in enumerate(texts):
        assert extract(f"d{k}", text, read) == old_figures.extract(f"d{k}", text)
    assert sentences_read.count("Rockets killed 12 people on Sunday.") == 2  # the first and the last
    assert "Rockets killed 12 people on Sunday or more." in sentences_read
    twice = ["Its 12 rockets\nhit.", "Its 12 rockets\nannually hit."]  # a period read past the sentence's end
    assert [extract("d", text, read) for text in twice] == [old_figures.extract("d", text) for text in twice]
    assert extract("d", twice[1])[0].period == "a year"


def test_a_sentence_met_again_with_other_anchors_or_a_magnitude_far_after_it_is_read_again() -> None:
    pairs = [
        # the clock time starts in the sentence and ends in the next line, past what the reading looked at
        ["Rockets killed 12 people in the town where the attack began at 7\n:48 am.", "Rockets killed 12 people in the town where the attack began at 7\n:49 am."],
        # "magnitude" far after the number (read as far as the spaces go)
        ["Rockets hit 7\n" + " " * 20 + "magnitude", "Rockets hit 7\n" + " " * 20 + "Then"],
    ]
    for texts in pairs:
        read: dict = {}
        found = [extract(f"d{k}", text, read) for k, text in enumerate(texts)]
        assert found == [old_figures.extract(f"d{k}", text) for k, text in enumerate(texts)]
        assert found[0][0].anchors != found[1][0].anchors if found[1] else found[0][0].unit == "magnitude"


def _corpus_mentions(texts: list[str]) -> list:
    documents = documents_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    return [m for d in documents for m in extract(d.id, d.text)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=2, max_size=5))
def test_figure_claims_read_the_groups_mentions_in_their_order(texts: list[str]) -> None:
    mentions = _corpus_mentions(texts)
    assert same_figures(mentions) == [g.mentions for g in group_mentions(mentions)]


def test_the_sample_corpus_figure_groups_mentions_in_their_order() -> None:
    documents = load_corpus([SAMPLE]).documents
    groups = find_figures(documents)
    assert len(groups) >= 3 and len({g.agree for g in groups}) == 2  # both orders of the sort are met
    assert same_figure_mentions(documents) == [g.mentions for g in groups]


def _random_links(texts: list[str], seed: int) -> tuple[list, list, list[Link]]:
    documents = documents_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    tokens = [tokenize(d.text) for d in documents]
    rng = random.Random(seed)
    links = []
    for _ in range(rng.randrange(1, 40)):
        a, b = rng.randrange(len(documents)), rng.randrange(len(documents))
        if a == b or not len(tokens[a]) or not len(tokens[b]):
            continue
        spans = []
        for t in (tokens[a], tokens[b]):
            start = rng.randrange(len(t))
            spans.append((start, rng.randrange(start + 1, min(len(t), start + 14) + 1)))
        (a0, a1), (b0, b1) = spans
        links.append(Link(a, a0, a1, b, b0, b1, round(rng.uniform(50, 100), 1), rng.random() < 0.5, rng.randrange(1, 16)))
    return documents, tokens, links


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=5, max_size=40).map(" ".join), min_size=2, max_size=5), st.integers(0, 2**32))
def test_groups_of_overlapping_spans_are_those_of_the_union_find_class(texts: list[str], seed: int) -> None:
    documents, tokens, links = _random_links(texts, seed)
    ctx = Context(documents, tokens, AlignOptions())
    assert make_groups(documents, tokens, links, ctx.quotation) == old_groups.make_groups(documents, tokens, links, ctx.quotation)


def test_the_sample_corpus_groups_are_those_of_the_union_find_class() -> None:
    documents = load_corpus([SAMPLE]).documents
    texts = [d.text for d in documents] * 2  # copies: every span overlaps others
    chained = 0
    for seed in range(20):
        documents_, tokens, links = _random_links(texts, seed)
        ctx = Context(documents_, tokens, AlignOptions())
        new = make_groups(documents_, tokens, links, ctx.quotation)
        assert new == old_groups.make_groups(documents_, tokens, links, ctx.quotation)
        chained += sum(len(group.spans) > 2 for group in new)  # links joined through overlapping spans
    assert chained
