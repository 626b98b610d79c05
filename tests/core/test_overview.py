"""Reading order and snippets of groups, as the reading room and the match list show them."""

from __future__ import annotations

from reader.core.models import Document, Group, GroupKind, Span
from reader.core.overview import group_snippet, reading_order

DOCS = (
    Document("a", "a.txt", "A", "Alpha beta gamma.\nDelta   epsilon\tzeta eta theta."),
    Document("b", "b.txt", "B", "Theta eta zeta. Alpha beta gamma."),
)


def group(gid: str, *spans: tuple[str, int, int]) -> Group:
    return Group(gid, GroupKind.VERBATIM, 100.0, tuple(Span(d, s, e) for d, s, e in spans))


def test_reading_order_is_first_article_then_start_then_id() -> None:
    late_in_a = group("g1", ("b", 0, 5), ("a", 18, 23))
    early_in_a = group("g2", ("a", 0, 5), ("b", 16, 21))
    only_b = group("g3", ("b", 6, 9))
    tie = group("g0", ("a", 0, 5))
    ordered = reading_order([only_b, late_in_a, early_in_a, tie], DOCS)
    assert [g.id for g in ordered] == ["g0", "g2", "g1", "g3"]


def test_groups_in_unknown_articles_come_last() -> None:
    stray = group("g9", ("zzz", 0, 1))
    known = group("g5", ("b", 30, 33))
    assert [g.id for g in reading_order([stray, known], DOCS)] == ["g5", "g9"]


def test_snippet_folds_white_space_and_cuts_with_an_ellipsis() -> None:
    g = group("g1", ("a", 18, len(DOCS[0].text)))
    by_id = {d.id: d for d in DOCS}
    assert group_snippet(g, by_id, limit=100) == "Delta epsilon zeta eta theta."
    assert group_snippet(g, by_id, limit=10) == "Delta…"  # never half a word
    assert group_snippet(g, by_id, limit=14) == "Delta epsilon…"
    assert group_snippet(g, by_id, limit=20) == "Delta epsilon zeta…"
    assert all(len(group_snippet(g, by_id, limit=n)) <= n for n in range(5, 40))


def test_snippet_of_a_group_whose_article_is_gone_is_empty() -> None:
    assert group_snippet(group("g1", ("gone", 0, 3)), {d.id: d for d in DOCS}) == ""
