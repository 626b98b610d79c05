"""Word-level diff for the variants view: offsets into both texts, every word accounted for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.corpus import documents_from_texts
from reader.core.diff import ChangeTag, variants, word_diff
from reader.core.models import Group, GroupKind, Span


def _pieces(reference: str, other: str) -> list[tuple[str, str, str]]:
    return [
        (c.tag.value, reference[c.ref_start : c.ref_end], other[c.start : c.end])
        for c in word_diff(reference, other)
    ]


def test_added_dropped_changed_words_have_offsets_into_both_texts() -> None:
    reference = 'Iran has said it "supports" the attack on Israel'
    other = "Tehran said it strongly supports the attacks"
    assert _pieces(reference, other) == [
        ("changed", "Iran has", "Tehran"),
        ("equal", "said it", "said it"),
        ("added", "", "strongly"),
        ("equal", '"supports" the', "supports the"),
        ("changed", "attack on Israel", "attacks"),
    ]


def test_dropped_words_point_at_where_they_were_left_out() -> None:
    reference = "the emergency meeting of the OIC"
    other = "the meeting of the OIC"
    changes = word_diff(reference, other)
    dropped = [c for c in changes if c.tag is ChangeTag.DROPPED]
    assert len(dropped) == 1
    assert reference[dropped[0].ref_start : dropped[0].ref_end] == "emergency"
    assert dropped[0].start == dropped[0].end == other.index("meeting")


def test_case_quotes_and_edge_punctuation_do_not_count_as_changes() -> None:
    changes = word_diff("He said: \u201cWe will respond.\u201d", 'he said "we will respond"')
    assert {c.tag for c in changes} == {ChangeTag.EQUAL}


def test_identical_and_empty_texts() -> None:
    assert [c.tag for c in word_diff("a b c", "a b c")] == [ChangeTag.EQUAL]
    assert word_diff("", "") == ()
    (only,) = word_diff("", "new words")
    assert only.tag is ChangeTag.ADDED and (only.start, only.end) == (0, 9)


words = st.lists(st.sampled_from(["Iran", "said", "the", "attack,", "OIC", "meeting", "“we”"]), max_size=12)


@given(words, words)
def test_changes_cover_both_texts_in_order(ref_words: list[str], other_words: list[str]) -> None:
    reference, other = " ".join(ref_words), " ".join(other_words)
    changes = word_diff(reference, other)
    ref_covered = " ".join(reference[c.ref_start : c.ref_end] for c in changes if c.ref_end > c.ref_start)
    other_covered = " ".join(other[c.start : c.end] for c in changes if c.end > c.start)
    assert ref_covered.split() == reference.split()
    assert other_covered.split() == other.split()
    for c in changes:
        if c.tag is ChangeTag.EQUAL:
            assert reference[c.ref_start : c.ref_end].lower().split() != [] or reference == ""


def test_variants_compares_every_span_with_the_first() -> None:
    docs = {d.id: d for d in documents_from_texts({"a": "He said we will respond today.", "b": "X. He said we shall respond."})}
    group = Group("g1", GroupKind.NEAR, 80.0, (Span("a", 0, 29), Span("b", 3, 28)))
    first, second = variants(group, docs)
    assert first.is_reference and first.text == "He said we will respond today" and not first.changed
    assert second.text == "He said we shall respond."
    assert second.changed
    assert [(c.tag.value, second.text[c.start : c.end]) for c in second.changes if c.tag is not ChangeTag.EQUAL] == [
        ("changed", "shall"),
        ("dropped", ""),
    ]


def test_variants_carry_the_rest_of_each_sentence() -> None:
    from reader.core.corpus import documents_from_texts
    from reader.core.models import Group, GroupKind, Span

    docs = {d.id: d for d in documents_from_texts({
        "a": "Headline\nIran warned on Saturday. The post came after Axios reported that Tehran had warned Israel via the UN. More.",
        "b": "Headline\nIt said Tehran warned Israel through the UN, according to Axios\nNext paragraph.",
    })}
    spans = []
    for doc, words in (("a", "Tehran had warned Israel via the UN"), ("b", "Tehran warned Israel through the UN")):
        at = docs[doc].text.index(words)
        spans.append(Span(doc, at, at + len(words)))
    first, second = variants(Group("g", GroupKind.NEAR, 80.0, tuple(spans)), docs)
    assert (first.before, first.text, first.after) == (
        "The post came after Axios reported that ", "Tehran had warned Israel via the UN", ".",
    )
    # A sentence stops at a line break, even without a full stop.
    assert (second.before, second.after) == ("It said ", ", according to Axios")
    assert second.changed and first.is_reference


def test_sentence_context_is_cut_at_words_in_a_very_long_sentence() -> None:
    from reader.core.diff import sentence_context

    words = " ".join(f"w{i}" for i in range(400))
    text = words + " SHARED PHRASE " + words + "."
    start = text.index("SHARED")
    before, after = sentence_context(text, start, start + len("SHARED PHRASE"), limit=40)
    assert before.startswith("\u2026") and len(before) <= 41 and before.endswith("w399 ")
    assert after.endswith("\u2026") and len(after) <= 40 and after.startswith(" w0 w1")
    assert all(word.startswith("w") for word in (before + after).replace("\u2026", " ").split())
