"""The panel's filters and orders, without a screen: tag, article, relation and words; reading
order, article, tag, date."""

from __future__ import annotations

from dataclasses import replace

from reader.core.annotate import anchor_all, new_annotation
from reader.core.annotate.links import new_link
from reader.core.annotate.workbench import Filter, Sort, filter_annotations, sort_annotations
from reader.core.corpus import documents_from_texts

TEXTS = {
    "b-doc": "Zulu Gazette\n\nThe minister said the talks were over. Hostages were seized.\n",
    "a-doc": "Alpha Times\n\nOfficials said the talks were over on Sunday.\n",
}
DOCS = {d.id: d for d in documents_from_texts(TEXTS)}


def make(doc: str, phrase: str, id: str, tags: list[str], created: str, note: str = ""):  # type: ignore[no-untyped-def]
    document = DOCS[doc]
    start = document.text.index(phrase)
    return replace(new_annotation(document, start, start + len(phrase), tags=tags, note=note), id=id, created=created)


ANNOTATIONS = [
    make("b-doc", "talks were over", "b1", ["Claim", "iran"], "2024-01-02T00:00:00Z"),
    make("b-doc", "Hostages were seized", "b2", ["figure"], "2024-01-03T00:00:00Z", note="check the number"),
    make("a-doc", "talks were over", "a1", ["claim"], "2024-01-01T00:00:00Z"),
    make("a-doc", "Officials said", "a2", [], "2024-01-04T00:00:00Z"),
]
ANCHORED = anchor_all(ANNOTATIONS, DOCS.values())
LINKS = [new_link("b1", "a1", "contradicts", "l1"), new_link("b2", "a2", "same claim", "l2")]


def ids(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.annotation.id for item in items]


def kept(query: str) -> set[str]:
    return set(ids(filter_annotations(ANCHORED, query, DOCS, LINKS)))


def test_the_filter_language() -> None:
    assert Filter.parse('#claim tag:"same claim" @zulu article:alpha ~contra rel: hostages') == Filter(
        tags=("claim", "same claim"), articles=("zulu", "alpha"), relations=("contra", ""), words=("hostages",)
    )
    assert not Filter.parse("   ") and Filter.parse('"unbalanced').words == ('"unbalanced',)


def test_filters_keep_what_matches_every_term() -> None:
    assert kept("") == {"b1", "b2", "a1", "a2"}
    assert kept("#CLAIM") == {"b1", "a1"}  # any case
    assert kept("#claim #iran") == {"b1"}  # every term
    assert kept("@zulu") == {"b1", "b2"} and kept("@a-doc") == {"a1", "a2"}  # title or id
    assert kept("rel:contradicts") == {"b1", "a1"} and kept("~same") == {"b2", "a2"} and kept("rel:") == {"b1", "b2", "a1", "a2"}
    assert kept("number") == {"b2"}  # the note
    assert kept("talks over") == {"b1", "a1"}  # words of the text
    assert kept("#nothing") == set()


def test_orders() -> None:
    assert ids(sort_annotations(ANCHORED, Sort.READING, DOCS)) == ["b1", "b2", "a2", "a1"]  # corpus order, then place
    assert ids(sort_annotations(ANCHORED, Sort.ARTICLE, DOCS)) == ["a2", "a1", "b1", "b2"]  # Alpha before Zulu
    assert ids(sort_annotations(ANCHORED, Sort.TAG, DOCS)) == ["b1", "a1", "b2", "a2"]  # claim, figure, untagged
    assert ids(sort_annotations(ANCHORED, Sort.DATE, DOCS)) == ["a2", "b2", "b1", "a1"]  # newest first
    assert [s.next() for s in Sort] == [Sort.ARTICLE, Sort.TAG, Sort.DATE, Sort.READING]
