"""The one tag rule (reader.core.annotate.tags): examples, and properties over arbitrary text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.annotate.tags import (
    TagError,
    first_spellings,
    normalise_tag,
    normalise_tags,
    respell,
    tag_key,
    tag_vocabulary,
    tidy_tag,
    unique_tags,
)
from reader.core.text import visible

CONTROLS = ["\x00", "\x07", "\x1b", "\x1c", "\x1f", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u061c", "\ud800"]

# Text that mixes ordinary words, white space of every kind and, sometimes, controls.
PIECES = st.sampled_from(["Iran", "iran", "IRAN", "war", "crimes", "é", "İ", "ß", "SS", "a", " ", "\t", "\n", "\u00a0", "\u2003", "\u2028"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=8).map("".join)
CLEAN = st.lists(PIECES, max_size=8).map("".join)


# -- examples ---------------------------------------------------------------------------------------


def test_a_tag_is_trimmed_and_its_white_space_collapsed() -> None:
    assert normalise_tag("  war \t\n crimes\u00a0 ") == "war crimes"
    assert normalise_tag(" \t ") == ""
    assert normalise_tag("Iran") == "Iran"  # the spelling is kept


@pytest.mark.parametrize("control", CONTROLS)
def test_control_escape_c1_and_bidi_characters_are_refused_in_one_line(control: str) -> None:
    with pytest.raises(TagError) as caught:
        normalise_tag(f"bad{control}tag")
    message = str(caught.value)
    assert "\n" not in message and visible(message) == message  # one inert line
    assert f"U+{ord(control):04X}" in message and message.startswith("tag 'bad")
    assert isinstance(caught.value, ValueError)


def test_case_variants_are_one_tag_spelled_as_first_met() -> None:
    assert normalise_tags(["Iran", "iran", " a  b ", "IRAN", "A B", ""]) == ("Iran", "a b")
    assert tag_key("Iran") == tag_key("IRAN") and tag_key("Straße") == tag_key("STRASSE")


def test_stored_tags_keep_their_controls_but_merge_their_case() -> None:
    assert unique_tags(["esc\x1b[1m", "Iran", "iran", "  "]) == ("esc\x1b[1m", "Iran")
    with pytest.raises(TagError):
        normalise_tags(["esc\x1b[1m"])


def test_a_tag_must_be_a_string() -> None:
    with pytest.raises(TypeError):
        unique_tags([3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        normalise_tag(None)  # type: ignore[arg-type]


def test_vocabulary_counts_case_variants_as_one_most_used_first() -> None:
    lists = [("iran", "war"), ("Iran",), ("IRAN", "peace"), ("war",), ("Zeta",), ("alpha",)]
    assert tag_vocabulary(lists) == ("iran", "war", "alpha", "peace", "Zeta")
    spellings = first_spellings(lists)
    assert respell(("IRAN", "Peace", "new"), spellings) == ("iran", "peace", "new")


# -- properties -------------------------------------------------------------------------------------


@given(TEXT)
def test_normalising_is_idempotent_and_leaves_single_spaces(raw: str) -> None:
    try:
        tag = normalise_tag(raw)
    except TagError:
        assert visible(tidy_tag(raw)) != tidy_tag(raw)  # refused only for what a terminal cannot show
        return
    assert normalise_tag(tag) == tag == tidy_tag(raw)
    assert tag == tag.strip() and "  " not in tag
    assert not re.search(r"[^\S ]", tag)  # the only white space left is the plain space
    assert visible(tag) == tag


@given(st.lists(CLEAN, max_size=8))
def test_unique_tags_keep_one_spelling_per_key_in_first_order(raws: list[str]) -> None:
    tags = unique_tags(raws)
    keys = [tag_key(t) for t in tags]
    assert len(keys) == len(set(keys)) and "" not in tags
    cleaned = [tidy_tag(r) for r in raws if tidy_tag(r)]
    assert keys == list(dict.fromkeys(tag_key(t) for t in cleaned))
    for tag in tags:  # the first spelling of its key
        assert tag == next(t for t in cleaned if tag_key(t) == tag_key(tag))
    assert unique_tags(tags) == tags
    assert normalise_tags(raws) == tags  # nothing to refuse: both rules agree


@given(st.lists(st.lists(CLEAN, max_size=4), max_size=8))
def test_vocabulary_has_each_key_once_most_used_first(lists: list[list[str]]) -> None:
    vocabulary = tag_vocabulary(lists)
    keys = [tag_key(t) for t in vocabulary]
    assert len(keys) == len(set(keys))
    uses = [sum(1 for tags in lists if key in {tag_key(t) for t in unique_tags(tags)}) for key in keys]
    assert uses == sorted(uses, reverse=True)
    assert set(keys) == {tag_key(t) for tags in lists for t in unique_tags(tags)}
