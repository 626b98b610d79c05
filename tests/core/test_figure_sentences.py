"""A figure's sentence is searched for an attribution ("..., officials said", "according to
the ministry") only when it holds a word one is made of: the same attributions, found in fewer
sentences."""

from __future__ import annotations

import pytest

from reader.core.figures import phrases
from reader.core.figures.phrases import Sentence

TEXTS = [
    "About 2,750 people were killed in the attack, officials said on Sunday.",
    "According to the ministry, 400 homes were destroyed.",
    "The company posted $716 million in profit in the quarter.",
    "Some 300 soldiers were sent, the army told reporters.",
    "Said to be 40 years old, he added three rooms.",
    "The 12 men were noted for their work, it was reported",
]


def _dropped_by_search(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in phrases._ATTRIBUTION.finditer(text, 0, len(text))]


def test_attributions_are_those_the_search_finds_everywhere() -> None:
    for text in TEXTS:
        assert Sentence(text, 0, len(text), ()).dropped == _dropped_by_search(text)
    assert any(_dropped_by_search(text) for text in TEXTS)


def test_a_sentence_without_attribution_words_is_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    real = phrases._ATTRIBUTION

    class Spy:
        def finditer(self, text: str, start: int, end: int):  # type: ignore[no-untyped-def]
            searched.append(text[start:end])
            return real.finditer(text, start, end)

    monkeypatch.setattr(phrases, "_ATTRIBUTION", Spy())
    for text in TEXTS:
        Sentence(text, 0, len(text), ())
    # Not "The company posted...", nor "According to..." (the search asks for lower case).
    assert searched == [TEXTS[0], TEXTS[3], TEXTS[4], TEXTS[5]]
