"""render.py: wrapping keeps exact offsets, marks land on the right characters, text is inert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from reader.core.models import Group, GroupKind, Span
from reader.ui.motions import LineIndex
from reader.ui.render import Mark, display_text, group_marks, offset_at_cell, safe_text, styled_line, wrap_offsets

texts = st.text(alphabet=st.sampled_from(list("ab cdé\n  \t漢字[]/\x1b")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=1, max_value=40))
def test_wrapped_lines_fit_and_cover_every_visible_character(text: str, width: int) -> None:
    shown = display_text(text)
    lines = wrap_offsets(shown, width)
    covered: set[int] = set()
    previous_end = 0
    for start, end in lines:
        assert previous_end <= start <= end <= len(shown)
        piece = shown[start:end]
        assert "\n" not in piece
        # A line is never wider than the width, except a lone character wider than it.
        assert cell_len(piece.rstrip()) <= width or len(piece.strip()) == 1
        covered.update(range(start, end))
        previous_end = end
    for index, char in enumerate(shown):
        if not char.isspace():
            assert index in covered, (index, char)


def test_wrap_breaks_at_spaces_and_keeps_empty_paragraphs() -> None:
    text = "one two three\n\nfour"
    lines = wrap_offsets(text, 8)
    assert [text[a:b] for a, b in lines] == ["one two", "three", "", "four"]


def test_line_index_finds_lines_and_buckets_marks() -> None:
    text = "alpha beta gamma delta"
    index = LineIndex(wrap_offsets(text, 11))
    assert [text[a:b] for a, b in index.lines] == ["alpha beta", "gamma delta"]
    assert index.line_of(0) == 0 and index.line_of(text.index("gamma")) == 1
    mark = Mark(text.index("beta"), text.index("gamma") + 5, "pane--focus")
    assert index.bucket([mark]) == [[mark], [mark]]


def test_styled_line_styles_exactly_the_marked_characters() -> None:
    text = "say [bold]hello[/] now"
    red = Style(color="red")
    line = styled_line(text, 0, len(text), [[Mark(4, 18, "x")]], {"x": red})
    assert line.plain == text  # markup is text
    assert [(s.start, s.end, s.style) for s in line.spans] == [(4, 18, red)]


def test_group_marks_choose_the_component_by_kind_and_share() -> None:
    groups = [
        Group("a", GroupKind.VERBATIM, 100, (Span("d", 0, 5), Span("e", 0, 5))),
        Group("b", GroupKind.QUOTE, 90, tuple(Span(doc, 10, 20) for doc in "defgh")),
    ]
    marks = group_marks("d", groups)
    assert [(m.start, m.end, m.component) for m in marks] == [(0, 5, "pane--verbatim-2"), (10, 20, "pane--quote-4")]
    assert group_marks("zzz", groups) == []


def test_safe_text_is_one_inert_line() -> None:
    text = safe_text("[@click=app.quit]x\x1b[31m\nnext\u202e")
    assert text.plain == "[@click=app.quit]x␛[31m next\ufffd"
    assert text.spans == []


def test_offset_at_cell_maps_cells_of_a_line_to_text_offsets() -> None:
    text = "xx ab漢字cd yy"
    start, end = 3, 11  # "ab漢字cd"
    assert offset_at_cell(text, start, end, 0) == 3  # a
    assert offset_at_cell(text, start, end, -2) == 3  # the gutter: the line's start
    assert offset_at_cell(text, start, end, 2) == 5  # 漢 takes cells 2 and 3
    assert offset_at_cell(text, start, end, 3) == 5
    assert offset_at_cell(text, start, end, 4) == 6  # 字
    assert offset_at_cell(text, start, end, 6) == 7  # c
    assert offset_at_cell(text, start, end, 1000) == end  # past the text: the line's end
