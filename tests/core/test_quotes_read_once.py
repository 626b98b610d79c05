"""Inside one alignment's reading (:func:`reader.core.once.texts_read_once`), the quotations of
a few paragraphs come from the whole text's, read once, not from reading the paragraphs again;
they are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align import quotes as quotes_module
from reader.core.align.quotes import quotation_bounds, quotations_around
from reader.core.corpus import load_corpus
from reader.core.once import texts_read_once

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    'The mayor spoke first.\n\n"We will rebuild every school," Mayor Hill said. "Not one family '
    'will be left behind," he added.\n"It was the worst storm," Jones said, and \u2018never again\u2019 '
    "was the phrase.\nNo quotation here.\n\u201cAn open one runs on"
)


def _texts() -> list[str]:
    return [TEXT, *(doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents)]


def test_the_paragraphs_quotations_are_the_same_read_once() -> None:
    for text in _texts():
        for start in range(0, len(text), 23):
            end = min(len(text), start + 40)
            alone = quotations_around(text, start, end)
            with texts_read_once():
                assert quotations_around(text, start, end) == alone


def test_paragraphs_are_not_read_again_inside_one_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[tuple[int, int]] = []
    real = quotes_module._paragraph_quotes

    def spy(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        read.append((lo, hi))
        return real(text, lo, hi)

    monkeypatch.setattr(quotes_module, "_paragraph_quotes", spy)
    for text in _texts():
        with texts_read_once():
            quotation_bounds(text)  # the whole text, as the aligner reads it
            whole = len(read)
            for start in range(0, len(text), 23):
                quotations_around(text, start, min(len(text), start + 40))
            assert len(read) == whole
