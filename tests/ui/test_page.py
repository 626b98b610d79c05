"""An article's layout without a screen: wrapped lines, marks by layer and by line, what the
minimap shows; and the status line's words."""

from __future__ import annotations

import pytest

from reader.core.annotate import anchor_all, new_annotation
from reader.core.corpus import documents_from_texts
from reader.core.models import Group, GroupKind, Span
from reader.ui.page import Page
from reader.ui.widgets.status_line import Status

TEXT = "one two three four five six seven eight nine ten eleven twelve"
(DOC,) = documents_from_texts({"a": TEXT})


def span(doc: str, phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(doc, start, start + len(phrase))


GROUPS = (
    Group("g1", GroupKind.VERBATIM, 100.0, (span("a", "two three"), span("b", "two three"))),
    Group("g2", GroupKind.QUOTE, 90.0, (span("a", "nine ten"), span("b", "one"), span("c", "two"))),
)


def wrapped(width: int = 14) -> Page:
    page = Page("a", TEXT)
    assert page.wrap(width) and not page.wrap(width)
    return page


def test_wrapping_is_done_once_per_width() -> None:
    page = Page("a", TEXT)
    assert not page.wrapped and len(page.index) == 0
    page = wrapped()
    assert [TEXT[a:b] for a, b in page.index.lines] == [
        "one two three",
        "four five six",
        "seven eight",
        "nine ten",
        "eleven twelve",
    ]


def test_marks_by_layer_keep_this_articles_spans_only() -> None:
    page = wrapped()
    page.set_groups(GROUPS)
    assert [(TEXT[m.start : m.end], m.component) for m in page.marks("groups")] == [
        ("two three", "pane--verbatim-2"),
        ("nine ten", "pane--quote-3"),
    ]
    annotations = anchor_all(
        [new_annotation(DOC, TEXT.index("six"), TEXT.index("six") + 3), new_annotation(DOC, 0, 3)], [DOC]
    )
    assert [TEXT[m.start : m.end] for m in page.set_annotations(annotations)] == ["one", "six"]  # came
    assert [TEXT[m.start : m.end] for m in page.marks("annotations")] == ["one", "six"]
    assert page.set_annotations(annotations) == []  # nothing changed: nothing to draw again
    assert [TEXT[m.start : m.end] for m in page.set_annotations(annotations[:1])] == ["one"]  # "one" went
    page.set_annotations(annotations)
    page.set_search([(4, 7), (9, 9)])  # an empty hit is no mark
    assert [(m.start, m.end) for m in page.marks("search")] == [(4, 7)]
    changed = page.set_focus(GROUPS[1])
    assert [(m.start, m.end) for m in changed] == [(span("a", "nine ten").start, span("a", "nine ten").end)]
    assert [(m.start, m.end) for m in page.set_focus(None)] == [(m.start, m.end) for m in changed]
    assert page.marks("focus") == ()
    with pytest.raises(ValueError, match="one of groups"):
        page.marks("nothing")


def test_line_layers_hold_the_marks_touching_each_line() -> None:
    page = wrapped()
    page.set_groups(GROUPS)
    page.set_focus(GROUPS[0])
    first = page.line_layers(0)
    assert [TEXT[m.start : m.end] for m in first["groups"]] == ["two three"]
    assert [TEXT[m.start : m.end] for m in first["focus"]] == ["two three"]
    assert page.line_layers(1) == {"groups": [], "annotations": [], "search": [], "focus": []}
    # Marks set before the first wrap are bucketed when it comes.
    late = Page("a", TEXT)
    late.set_groups(GROUPS)
    late.wrap(14)
    assert [TEXT[m.start : m.end] for m in late.line_layers(3)["groups"]] == ["nine ten"]


def test_lines_of_a_span_and_first_span_of_a_group() -> None:
    page = wrapped()
    assert page.lines_of(TEXT.index("six"), TEXT.index("eight") + 5) == range(1, 3)
    assert page.lines_of(5, 5) == range(0, 1)
    assert page.first_span(GROUPS[1]) == (span("a", "nine ten").start, span("a", "nine ten").end)
    assert page.first_span(Group("g", GroupKind.NEAR, 80.0, (Span("b", 0, 1), Span("c", 0, 1)))) is None
    assert Page("a", TEXT).lines_of(0, 5) == range(0)


def test_strongest_mark_prefers_focus_then_the_highest_group_kind_then_annotations() -> None:
    page = wrapped()
    assert page.strongest_mark(0, 5) is None
    page.set_groups(GROUPS)
    assert page.strongest_mark(0, 1) == "verbatim"
    assert page.strongest_mark(0, 5) == "quote"  # quote outranks verbatim
    assert page.strongest_mark(1, 3) is None
    page.set_annotations(anchor_all([new_annotation(DOC, TEXT.index("six"), TEXT.index("six") + 3)], [DOC]))
    assert page.strongest_mark(1, 3) == "annotation"
    page.set_focus(GROUPS[0])
    assert page.strongest_mark(0, 5) == "focus"
    assert page.strongest_mark(2, 2) is None


def test_the_status_line_says_where_the_reader_is() -> None:
    assert Status(articles=3).line() == "3 articles · aligning… 0%"
    assert Status(articles=3, progress=0.456).line() == "3 articles · aligning… 46%"
    group = GROUPS[1]
    status = Status(articles=3, progress=None, groups=1, focused=(0, group), annotations=2, orphans=1)
    assert status.line() == (
        "3 articles · 1 shared passage · #1 quote, 3 articles, score 90 · "
        "2 annotations (1 no longer found in their article)"
    )
    status = Status(articles=1, progress=None, groups=2, annotations=1, search=("iran", 4, 2), store_failed=True)
    assert status.line() == (
        "1 articles · 2 shared passages · 1 annotation · search \u201ciran\u201d: 4 hits in 2 articles · annotations unavailable"
    )
