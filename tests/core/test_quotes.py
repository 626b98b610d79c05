"""Quotations and their speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align.quotes import Quotation, find_quotations, quotation_at, quotations_around

ROOT = Path(__file__).resolve().parents[2]


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(text[q.start : q.end], q.speaker) for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Kanaani said, "Anyone who threatens us will regret it".', [("Anyone who threatens us will regret it", "Kanaani")]),
        ("\u201cWe will respond,\u201d said Raisi.", [("We will respond,", "Raisi")]),
        ("\u201cThe nation will win,\u201d Raisi told his counterpart.", [("The nation will win,", "Raisi")]),
        (
            "\u201cThe UN is responsible,\u201d Iran\u2019s UN mission posted.",
            [("The UN is responsible,", "Iran\u2019s UN mission")],
        ),
        (
            "Raisi stated that in order to stop the \u201cgenocide of the Palestinians,\u201d Iran will act.",
            [("genocide of the Palestinians,", "Raisi")],
        ),
        (
            "The spokesperson, Nasser Kanaani, stated on Monday that \"Tehran has called a meeting.\"",
            [("Tehran has called a meeting.", "Nasser Kanaani")],
        ),
        ("The two sides, the statement noted, \u201cagreed to meet\u201d soon.", [("agreed to meet", None)]),
        (
            "Leaders met in Doha \u201cand agreed to continue cooperation\u201d to reach their goals, Hamas said in a statement.",
            [("and agreed to continue cooperation", "Hamas")],
        ),
    ],
)
def test_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert quotes(text) == expected


def test_an_attribution_naming_no_one_gives_way_to_the_speaker_before() -> None:
    text = 'Amir-Abdollahian called for the "coordinated action of Islamic countries," the statement added.'
    assert quotes(text) == [("coordinated action of Islamic countries,", "Amir-Abdollahian")]
    nested = (
        "Iran's foreign minister, speaking to his Iraqi counterpart, asserted that the nation has a "
        '"legitimate right to resist," the ministry statement noted.'
    )
    assert quotes(nested) == [("legitimate right to resist,", "Iran's foreign minister")]


def test_a_second_quotation_in_the_sentence_has_the_same_speaker() -> None:
    text = (
        "Iran warned on Saturday that if Israel\u2019s \u201cwar crimes\u201d are not stopped the situation could "
        "spiral with \u201cfar-reaching consequences\u201d. Later \u201cnothing\u201d happened."
    )
    assert quotes(text) == [("war crimes", "Iran"), ("far-reaching consequences", "Iran"), ("nothing", None)]


def test_pronoun_resolves_to_the_previous_speaker_or_none() -> None:
    text = 'Hossein Jalali, an Iranian MP, commented, "We support them." He added, "Our battle goes on."'
    assert quotes(text) == [("We support them.", "Hossein Jalali"), ("Our battle goes on.", "Hossein Jalali")]
    alone = "The minister visited Doha.\n\u201cIf the crimes continue, anything is possible,\u201d he noted."
    assert quotes(alone) == [("If the crimes continue, anything is possible,", None)]


def test_apostrophes_are_not_quotes() -> None:
    text = "Iran\u2019s minister and Hamas\u2019 leaders met; it's the group's plan."
    assert find_quotations(text) == []


def test_single_quotes_that_quote() -> None:
    text = "Hamas, Iran leaders agree to 'continue cooperation' after attack on Israel's towns"
    assert quotes(text) == [("continue cooperation", None)]
    curly = "They called it \u2018a historic victory\u2019 on Saturday."
    assert quotes(curly) == [("a historic victory", None)]


def test_mixed_and_unclosed_marks() -> None:
    mixed = 'Khamenei hoped the war \u201cwill progress and lead to victory". Later he spoke again.'
    assert quotes(mixed)[0][0] == "will progress and lead to victory"
    unclosed = 'Netanyahu has vowed to "take revenge for this black day.\n\nNext paragraph "here" ends.'
    found = quotes(unclosed)
    assert found[0] == ("take revenge for this black day.", "Netanyahu")
    assert found[1][0] == "here"


def test_offsets_index_the_text_and_exclude_marks() -> None:
    text = (ROOT / "sample_corpus" / "003_824c59cc385230f4.txt").read_text(encoding="utf-8")
    found = find_quotations(text)
    assert found
    for quote in found:
        inside = text[quote.start : quote.end]
        assert inside and inside == inside.strip()
        assert text[quote.start - 1] in "\"'\u201c\u2018"
    speakers = {text[q.start : q.end][:20]: q.speaker for q in found}
    assert speakers["war crimes and genoc"] == "Iran"
    assert speakers["All of [Wennesland\u2019s"] == "UN spokesman Stephane Dujarric"


def test_quotation_at_needs_half_the_span() -> None:
    found = [Quotation(10, 20, "X"), Quotation(30, 40, None)]
    assert quotation_at(found, 12, 18) == found[0]
    assert quotation_at(found, 15, 22) == found[0]
    assert quotation_at(found, 18, 30) is None
    assert quotation_at(found, 0, 5) is None
    assert quotation_at([], 0, 5) is None


@pytest.mark.parametrize("text", ["", '"', "''", "\u201c", '" "', "a \u201d b \u201c", "'\n'"])
def test_odd_text_never_crashes(text: str) -> None:
    for quote in find_quotations(text):
        assert 0 <= quote.start < quote.end <= len(text)


def test_quotations_around_agree_with_the_whole_text() -> None:
    for path in sorted((ROOT / "sample_corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        everything = set(find_quotations(text))
        for start in range(0, len(text), 97):
            end = min(len(text), start + 40)
            local = quotations_around(text, start, end)
            assert set(local) <= everything
            touched = {q for q in everything if q.start < end and q.end > start}
            assert touched <= set(local)
