"""Property tests: on any text, the numbers, figures and voices stages never crash, every
offset is exact, and the result does not depend on anything but the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.corpus import documents_from_texts
from reader.core.figures import extract, find_figures
from reader.core.numbers import scan
from reader.core.voices import find_voices

PIECES = (
    "1,300 people killed at least 700 Israelis more than $100m $ 13.9 billion 52-3 9-14 dozens of "
    "scores hundreds tens of thousands seven twenty-five a dozen half of 7.6-magnitude 25% 10 to 40 "
    "between 5 and 10 October 14 Oct. 15, 2023 7:48 a.m. 2248 GMT 2004 sixth 11th \u201cquote,\u201d he said "
    "Raisi told Iran's foreign minister \" ' ( ) - , . \n \u00a0 \u202e \x1b \t café İstanbul 😀 1/2 3 1/2"
).split(" ")
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_numbers_never_overlap_and_offsets_are_exact(text: str) -> None:
    numbers = scan(text)
    previous = 0
    for number in numbers:
        assert previous <= number.start < number.end <= len(text)
        assert text[number.start : number.end] == text[number.start : number.end].strip()
        previous = number.end
    assert scan(text) == numbers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_mentions_hold_their_number_and_stay_in_the_text(text: str) -> None:
    for mention in extract("d", text):
        assert 0 <= mention.start <= mention.number.start < mention.number.end <= mention.end <= len(text)
        assert mention.low <= mention.high or mention.vague


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_groups_and_voices_on_arbitrary_corpora(texts: list[str]) -> None:
    documents = documents_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    by_id = {d.id: d.text for d in documents}
    groups = find_figures(documents)
    for group in groups:
        assert len(group.doc_ids) >= 2
        for m in group.mentions:
            assert 0 <= m.start < m.end <= len(by_id[m.doc])
    assert find_figures(documents) == groups
    for speaker in find_voices(documents):
        for quote in speaker.quotes:
            for said in quote.spans:
                assert by_id[said.doc][said.start : said.end] == said.text
