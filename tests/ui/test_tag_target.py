"""What the tag dialog says it tags (pure functions, no screen)."""

from __future__ import annotations

from reader.core.models import Document, Group, GroupKind, Span
from reader.ui.dialogs.tag_target import group_target, shorten_middle, span_target


def test_a_long_quote_keeps_its_start_and_its_end_cut_at_words() -> None:
    text = " ".join(f"word{n}" for n in range(60))
    short = shorten_middle(text, 60)
    assert len(short) <= 60
    head, tail = short.split(" \u2026 ")
    assert text.startswith(head) and text.endswith(tail)
    assert head.split()[-1] in text.split() and tail.split()[0] in text.split()  # whole words
    assert shorten_middle("a\n short   one") == "a short one"


def test_a_selection_says_its_length_and_article_a_passage_its_spans() -> None:
    doc = Document("d1", "d1.txt", "Title line", "Title line\nThe quick brown fox jumps.")
    other = Document("d2", "d2.txt", "", "Other\nThe quick brown fox leaps.")
    start = doc.text.index("quick")
    assert span_target(doc, start, start + 15) == "\u201cquick brown fox\u201d\n15 chars in Title line"
    group = Group("g1", GroupKind.NEAR, 80.0, (Span("d1", start, start + 15), Span("d2", 10, 25)))
    assert group_target(group, {"d1": doc, "d2": other}) == (
        "\u201cquick brown fox\u201d\n2 spans in 2 articles: Title line, d2"
    )
