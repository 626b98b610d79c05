"""The shared quotations look for speakers only as far as an article's last shared quotation,
and find the speakers every quotation of the article read gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.core.align.quotes import find_quotations, quotations_in_order
from reader.core.align.shared_quotes import MIN_CONTENT_WORDS, MIN_WORDS, shared_quotations
from reader.core.align.tokens import STOP_WORDS, split_words
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.models import Document, Group, GroupKind, Span

ROOT = Path(__file__).resolve().parents[2]

SHARED = '"We will rebuild every school that was destroyed," Mayor Hill said.'
TEXTS = {
    "a": f'{SHARED} Then the governor spoke. "Not one more family will be left behind," he said. "Never again," he added.',
    "b": f'Reporters waited. "The storm was the worst in memory," Jones said. {SHARED}',
    "c": '"Nothing will be the same for the people of this town," Smith said. "We are tired," she said.',
}


def _every_speaker_read(documents: Sequence[Document]) -> list[Group]:
    """The shared quotations with every quotation of every article read first (the definition)."""
    found: dict[tuple[str, ...], list[Span]] = {}
    for document in documents:
        text = document.text
        for quote in find_quotations(text):
            words, starts, ends, _ = split_words(text[quote.start : quote.end])
            if len(words) < MIN_WORDS or sum(w not in STOP_WORDS for w in words) < MIN_CONTENT_WORDS:
                continue
            span = Span(document.id, quote.start + starts[0], quote.start + ends[-1], True, quote.speaker)
            found.setdefault(tuple(words), []).append(span)
    return [
        Group(id="", kind=GroupKind.QUOTE, score=100.0, spans=tuple(spans))
        for spans in found.values()
        if len({span.doc for span in spans}) >= 2
    ]


def test_the_shared_quotations_are_those_every_speaker_read_gives() -> None:
    for documents in (documents_from_texts(TEXTS), load_corpus([ROOT / "sample_corpus"]).documents):
        assert shared_quotations(documents) == _every_speaker_read(documents)
    groups = shared_quotations(documents_from_texts(TEXTS))
    assert len(groups) == 1 and {span.speaker for span in groups[0].spans} == {"Mayor Hill"}


def test_speakers_are_looked_for_only_up_to_the_last_shared_quotation(speakers_asked: list[int]) -> None:
    asked = speakers_asked
    shared_quotations(documents_from_texts(TEXTS))
    # "a": its first quotation only; "b": both (the shared one is its second); "c": none.
    assert len(asked) == 3


def test_quotations_in_order_are_find_quotations() -> None:
    for text in [*TEXTS.values(), *(doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents)]:
        assert list(quotations_in_order(text)) == find_quotations(text)
