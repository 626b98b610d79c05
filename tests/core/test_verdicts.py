"""Verdicts on groups: kept with the group's spans, attached after each alignment to the group
covering at least 80% of them, otherwise orphans never applied to another group; links."""

from __future__ import annotations

import pytest

from reader.core.annotate.links import RELATIONS, Link, links_of, new_link, relation_vocabulary
from reader.core.annotate.verdicts import COVERAGE, Verdict, VerdictKind, attach_verdicts, new_verdict
from reader.core.corpus import documents_from_texts
from reader.core.models import Document, Group, GroupKind, Span

PHRASE = "Tehran called the attack a legitimate response to decades of occupation"
TEXTS = {
    "a": f"Alpha\n\nOn Sunday {PHRASE}, the ministry said. Subscribe to our newsletter for more.\n",
    "b": f"Beta\n\nThe ministry said {PHRASE} on Sunday. Subscribe to our newsletter for more.\n",
    "c": f"Gamma\n\nOfficials repeated that {PHRASE}. Subscribe to our newsletter for more.\n",
}
DOCS = {d.id: d for d in documents_from_texts(TEXTS)}


def span(doc: str, phrase: str, docs: dict[str, Document] = DOCS) -> Span:
    start = docs[doc].text.index(phrase)
    return Span(doc, start, start + len(phrase))


def group(gid: str, phrase: str, docs: tuple[str, ...] = ("a", "b"), documents: dict[str, Document] = DOCS) -> Group:
    return Group(gid, GroupKind.VERBATIM, 100.0, tuple(span(d, phrase, documents) for d in docs))


def test_a_verdict_keeps_the_spans_and_round_trips() -> None:
    verdict = new_verdict(group("g1", PHRASE), DOCS, VerdictKind.BOILERPLATE, "v1")
    assert [s.exact for s in verdict.spans] == [PHRASE, PHRASE] and verdict.group == "g1" and verdict.created
    assert all(len(s.prefix) == 32 or s.prefix == DOCS[s.doc].text[: s.start] for s in verdict.spans)
    assert Verdict.from_record(verdict.to_record()) == verdict
    for broken, field in [({"verdict": "nonsense"}, "verdict"), ({"spans": []}, "spans"), ({"id": ""}, "id")]:
        with pytest.raises(ValueError, match=field):
            Verdict.from_record({**verdict.to_record(), **broken})


def test_attaches_to_the_same_group_under_another_id_and_to_a_wider_one() -> None:
    verdict = new_verdict(group("g1", PHRASE), DOCS, VerdictKind.NOT_A_MATCH, "v1")
    renumbered = group("g7", PHRASE)
    other = group("g2", "Subscribe to our newsletter for more", ("a", "b", "c"))
    placement = attach_verdicts([verdict], [other, renumbered], DOCS)
    assert placement.by_group == {"g7": verdict} and placement.orphans == ()
    # A group reaching over more text and a third article still covers all of the verdict.
    wider = Group("g9", GroupKind.NEAR, 90.0, (span("a", "On Sunday " + PHRASE), span("b", PHRASE + " on Sunday"), span("c", PHRASE)))
    assert attach_verdicts([verdict], [wider], DOCS).group_of == {"v1": "g9"}


def test_below_the_coverage_it_is_an_orphan_never_applied_elsewhere() -> None:
    verdict = new_verdict(group("g1", PHRASE), DOCS, VerdictKind.BOILERPLATE, "v1")
    words = PHRASE.split()
    keep = int(len(PHRASE) * 0.7)
    partial = group("g2", PHRASE[:keep])  # covers 70% of each span
    placement = attach_verdicts([verdict], [partial, group("g3", "Subscribe to our newsletter for more")], DOCS)
    assert COVERAGE == 0.8 and placement.group_of == {"v1": None} and placement.orphans == ("v1",)
    assert placement.by_group == {}
    # One of the two articles only: half of the verdict is covered.
    assert attach_verdicts([verdict], [group("g4", PHRASE, ("a", "c"))], DOCS).orphans == ("v1",)
    assert len(words) > 3


def test_an_edited_article_keeps_its_verdict_where_the_spans_are_found_again() -> None:
    verdict = new_verdict(group("g1", PHRASE), DOCS, VerdictKind.BOILERPLATE, "v1")
    edited = dict(TEXTS, a=TEXTS["a"].replace("On Sunday", "Late on Sunday evening, as reported,"))
    docs = {d.id: d for d in documents_from_texts(edited)}
    regrouped = group("g5", PHRASE, ("a", "b"), docs)
    assert attach_verdicts([verdict], [regrouped], docs).group_of == {"v1": "g5"}
    # The passage gone from one article: the span cannot be placed, half is not covered.
    gone = dict(TEXTS, a="Alpha\n\nNothing of the sort here at all, nothing.\n")
    docs = {d.id: d for d in documents_from_texts(gone)}
    assert attach_verdicts([verdict], [Group("g6", GroupKind.VERBATIM, 100.0, (span("b", PHRASE, docs), span("c", PHRASE, docs)))], docs).orphans == ("v1",)


def test_the_newest_of_two_verdicts_on_one_group_wins() -> None:
    g = group("g1", PHRASE)
    old = new_verdict(g, DOCS, VerdictKind.BOILERPLATE, "v1")
    new = Verdict("v2", VerdictKind.NOT_A_MATCH, old.spans, "g1", "2999-01-01T00:00:00Z")
    placement = attach_verdicts([new, old], [g], DOCS)
    assert placement.by_group == {"g1": new} and placement.group_of == {"v1": "g1", "v2": "g1"}


def test_links() -> None:
    link = new_link("a1", "a2", "  Contradicts ", "l1")
    assert link.relation == "contradicts" and link.created  # spelled as the known relation
    assert new_link("a1", "a2", "paraphrases   loosely", "l2").relation == "paraphrases loosely"
    assert Link.from_record(link.to_record()) == link
    assert link.other_end("a1") == "a2" and link.other_end("a2") == "a1"
    with pytest.raises(ValueError, match="itself"):
        new_link("a1", "a1", "quotes", "l3")
    with pytest.raises(ValueError, match="relation"):
        new_link("a1", "a2", "   ", "l3")
    with pytest.raises(ValueError, match="U\\+001B"):
        new_link("a1", "a2", "bad\x1b", "l3")
    other = new_link("a3", "a1", "echoes", "l4")
    assert links_of("a1", [link, other]) == (link, other) and links_of("a9", [link]) == ()
    assert relation_vocabulary([other, link]) == (*RELATIONS, "echoes")
