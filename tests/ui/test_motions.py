"""The cursor motions, as pure functions: examples and properties, no screen (milliseconds).

The keys are wired to these functions in ``ArticlePane`` (the Pilot tests press a few of them);
what each motion does is tested here.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ui import motions
from reader.ui.motions import LineIndex

TITLE = "Alpha reports Tehran's call\n"
TEXT = (
    TITLE
    + "Alpha paragraph 0 describes local reactions. It quotes nobody!\n"
    + "Alpha paragraph 1 (\u201cquoted.\u201d) ends here?  Yes.\n"
)

texts = st.text(alphabet=st.sampled_from(list("ab .!?\n\t\u201d)\u00a0\u3000x")), max_size=120)


@st.composite
def text_and_offset(draw: st.DrawFn) -> tuple[str, int]:
    text = draw(texts)
    return text, draw(st.integers(min_value=0, max_value=len(text)))


# -- words and sentences, by example ----------------------------------------------------------


def test_word_motions_walk_the_title() -> None:
    at = TEXT.index
    assert motions.word_forward(TEXT, 0) == at("reports")
    assert motions.word_forward(TEXT, at("reports")) == at("Tehran's")
    assert motions.word_forward(TEXT, at("Tehran's") + 2) == at("call")
    # From inside a word, back goes to its start; from its start, to the previous word's.
    assert motions.word_back(TEXT, at("call") + 2) == at("call")
    assert motions.word_back(TEXT, at("call")) == at("Tehran's")
    assert motions.word_back(TEXT, 0) == 0
    assert motions.word_end(TEXT, at("Tehran's")) == at("Tehran's") + len("Tehran's")
    # The word after the title's last word is on the next line.
    assert motions.word_forward(TEXT, at("call")) == at("Alpha paragraph 0")
    assert motions.word_forward(TEXT, len(TEXT) - 1) == len(TEXT)


def test_sentence_motions_cross_lines_quotes_and_brackets() -> None:
    at = TEXT.index
    # The title has no full stop: the next sentence starts on the next line.
    assert motions.sentence_forward(TEXT, 0) == at("Alpha paragraph 0")
    assert motions.sentence_forward(TEXT, at("Alpha paragraph 0")) == at("It quotes")
    assert motions.sentence_forward(TEXT, at("It quotes")) == at("Alpha paragraph 1")
    # A closing quote or bracket after the full stop belongs to the sentence that ends.
    assert motions.sentence_forward(TEXT, at("Alpha paragraph 1")) == at("ends here")
    assert motions.sentence_forward(TEXT, at("ends here")) == at("Yes.")
    assert motions.sentence_forward(TEXT, at("Yes.")) == len(TEXT)
    assert motions.sentence_back(TEXT, at("It quotes") + 3) == at("It quotes")
    assert motions.sentence_back(TEXT, at("It quotes")) == at("Alpha paragraph 0")
    assert motions.sentence_back(TEXT, at("Alpha paragraph 0")) == 0


def test_motions_on_empty_and_blank_text() -> None:
    for text in ("", "   ", "\n\n"):
        for motion in (motions.word_forward, motions.word_back, motions.word_end, motions.sentence_forward, motions.sentence_back):
            assert 0 <= motion(text, 0) <= len(text)
            assert 0 <= motion(text, len(text)) <= len(text)


# -- words and sentences, properties ------------------------------------------------------------


def _word_start(text: str, offset: int) -> bool:
    return offset < len(text) and not text[offset].isspace() and (offset == 0 or text[offset - 1].isspace())


@settings(max_examples=300, deadline=None)
@given(text_and_offset())
def test_forward_motions_never_go_back_and_stop_where_they_say(case: tuple[str, int]) -> None:
    text, offset = case
    forward = motions.word_forward(text, offset)
    assert offset < forward <= len(text) or forward == len(text)
    assert forward == len(text) or _word_start(text, forward)
    # No word starts between the offset and where the motion stopped.
    assert not any(_word_start(text, i) for i in range(offset + 1, forward))
    end = motions.word_end(text, offset)
    assert offset < end <= len(text) or end == len(text)
    assert end == len(text) or (not text[end - 1].isspace() and text[end].isspace())
    sentence = motions.sentence_forward(text, offset)
    assert offset < sentence <= len(text) or sentence == len(text)


@settings(max_examples=300, deadline=None)
@given(text_and_offset())
def test_backward_motions_never_go_forward_and_stop_where_they_say(case: tuple[str, int]) -> None:
    text, offset = case
    back = motions.word_back(text, offset)
    assert 0 <= back <= offset
    assert back < offset or offset == 0 or back == 0
    assert back == 0 or _word_start(text, back)
    assert not any(_word_start(text, i) for i in range(back + 1, offset))
    sentence = motions.sentence_back(text, offset)
    assert 0 <= sentence <= offset and (sentence < offset or sentence == 0)


_WORD_START = re.compile(r"(?<!\S)\S")


@settings(max_examples=300, deadline=None)
@given(text_and_offset(), st.integers(min_value=1, max_value=8))
def test_word_back_searches_backwards_in_windows_with_the_same_answer(case: tuple[str, int], window: int) -> None:
    """The backward search looks at a window before the offset (doubled until it finds a word
    start): it answers as a scan from the start of the text would."""
    text, offset = case
    starts = [m.start() for m in _WORD_START.finditer(text, 0, offset)]
    expected = starts[-1] if starts else 0
    assert motions.word_back(text, offset, window=window) == expected


def test_word_back_is_quick_on_a_long_line() -> None:
    """A 2 MB line without a space: going back a word scans what it must, and finds 0."""
    text = "x" * 2_000_000 + " y"
    assert motions.word_back(text, len(text)) == len(text) - 1
    assert motions.word_back(text, len(text) - 1) == 0


# -- screen lines ---------------------------------------------------------------------------------


def test_line_motions_keep_the_column_where_the_line_is_long_enough() -> None:
    text = "alpha beta gamma\nde\nepsilon zeta"
    index = LineIndex([(0, 10), (11, 16), (17, 19), (20, 32)])  # "alpha beta", "gamma", "de", ...
    assert [text[a:b] for a, b in index.lines] == ["alpha beta", "gamma", "de", "epsilon zeta"]
    at = text.index("beta") + 2  # column 8
    assert motions.line_move(index, at, 1) == 16  # "gamma" is shorter: its end
    assert motions.line_move(index, at, 3) == 20 + 8
    assert motions.line_move(index, at, 99) == 20 + 8  # stops at the last line
    assert motions.line_move(index, 20 + 8, -99) == 8  # and at the first
    assert motions.line_start(index, at) == 0 and motions.line_end(index, at) == 10
    assert motions.line_start(index, 18) == 17 and motions.line_end(index, 18) == 19


def test_line_motions_without_lines_stay_put() -> None:
    empty = LineIndex([])
    assert motions.line_move(empty, 5, 1) == 5
    assert motions.line_start(empty, 5) == 5 and motions.line_end(empty, 5) == 5


@st.composite
def wrapped_text(draw: st.DrawFn) -> tuple[str, LineIndex, int]:
    from reader.ui.render import wrap_offsets

    text = draw(texts)
    width = draw(st.integers(min_value=1, max_value=12))
    index = LineIndex(wrap_offsets(text, width))
    return text, index, draw(st.integers(min_value=0, max_value=len(text)))


@settings(max_examples=300, deadline=None)
@given(wrapped_text(), st.integers(min_value=-5, max_value=5))
def test_line_moves_land_on_the_target_line_at_the_same_column_or_its_end(case: tuple[str, LineIndex, int], delta: int) -> None:
    text, index, offset = case
    moved = motions.line_move(index, offset, delta)
    assert 0 <= moved <= len(text)
    line = index.line_of(offset)
    target = max(0, min(len(index) - 1, line + delta))
    start, end = index.lines[target]
    assert start <= moved <= end
    assert moved - start == min(offset - index.lines[line][0], end - start)


def test_clamp_keeps_offsets_in_the_text() -> None:
    assert motions.clamp("abc", -4) == 0 and motions.clamp("abc", 9) == 3 and motions.clamp("abc", 2) == 2


def test_motions_import_no_textual_and_no_rich() -> None:
    import subprocess
    import sys

    code = "import sys, reader.ui.motions; print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_snap_to_words_widens_a_drag_to_whole_words() -> None:
    from reader.ui.motions import snap_to_words

    text = "a b Iran has requested an  emergency meeting"
    def snapped(a: int, b: int) -> str:
        start, end = snap_to_words(text, a, b)
        return text[start:end]

    at = text.index
    assert snapped(at("ran"), at("quested")) == "Iran has requested"  # from inside a word to inside another
    assert snapped(at("quested"), at("ran")) == "Iran has requested"  # dragged backwards
    assert snapped(0, 0) == "a" and snapped(2, 2) == "b"  # one-letter words
    assert snapped(at("an  e") + 2, at("emergency") + 1) == "emergency"  # from white space: the next word
    assert snapped(at("an  e") + 2, at("an  e") + 3) == ""  # white space only: nothing
    assert snapped(at("meeting"), len(text)) == "meeting"
