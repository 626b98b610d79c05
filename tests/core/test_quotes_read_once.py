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


PARAGRAPH = 'Intro line.\n\n"First quote here," Hill said. "A second one," he added. "And a third," Jones said.'


def _context(texts: list[str]):  # type: ignore[no-untyped-def]
    from reader.core.align.context import Context
    from reader.core.align.options import AlignOptions
    from reader.core.align.tokens import tokenize
    from reader.core.corpus import documents_from_texts

    return Context(documents_from_texts({f"d{k}": t for k, t in enumerate(texts)}), [tokenize(t) for t in texts], AlignOptions())


def test_a_span_s_quotation_is_the_one_its_paragraphs_give() -> None:
    from reader.core.align.quotes import quotation_at

    texts = [PARAGRAPH, TEXT, *_texts()[1:]]
    lookups = _context(texts)
    for d, text in enumerate(texts):
        for start in range(0, len(text), 17):
            for end in range(start + 1, min(len(text), start + 80) + 1, 19):
                whole = quotations_around(text, start, end)  # every quotation of the paragraphs, read apart
                assert lookups.quotation(d, start, end) == quotation_at(whole, start, end)


def test_speakers_are_looked_for_only_up_to_the_span(speakers_asked: list[int]) -> None:
    asked = speakers_asked
    ctx = _context([PARAGRAPH])
    first = PARAGRAPH.index("First")
    quote = ctx.quotation(0, first, first + len("First quote here"))
    assert quote is not None and quote.speaker == "Hill"
    assert len(asked) == 2  # the first quotation, and the second (it starts after the span): not the third
    third = PARAGRAPH.index("And a third")
    assert ctx.quotation(0, third, third + len("And a third")).speaker == "Jones"  # type: ignore[union-attr]
    assert len(asked) == 3
