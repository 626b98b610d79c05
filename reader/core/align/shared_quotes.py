"""Quotations as seeds of their own: the same words quoted in two articles or more.

The word aligner needs a few content words in a row; a quotation of a few words is worth
showing whenever two outlets quote it word for word, whatever surrounds it ("This has been a
very complex issue," Oppal said / ..., he told The Canadian Press). :func:`shared_quotations`
reads every quotation of every article (:func:`~reader.core.align.quotes.find_quotations`),
folds its words as the aligner does (case, apostrophes, ``&``, money units), and groups the
quotations whose words are the same, as ``quote`` groups with their speakers.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.align.quotes import find_quotations
from reader.core.align.tokens import STOP_WORDS, split_words
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["shared_quotations"]

MIN_WORDS = 4
"""A shared quotation has at least this many words..."""
MIN_CONTENT_WORDS = 2
"""...of which this many are content words."""


def shared_quotations(documents: Sequence[Document]) -> list[Group]:
    """The quotations two documents or more quote word for word (ids are placeholders: the
    fold step numbers the groups)."""
    found: dict[tuple[str, ...], list[Span]] = {}
    for document in documents:
        text = document.text
        if '"' not in text and "\u201c" not in text and "'" not in text and "\u2018" not in text:
            continue
        for quote in find_quotations(text):
            words, starts, ends, _ = split_words(text[quote.start : quote.end])
            if len(words) < MIN_WORDS or sum(w not in STOP_WORDS for w in words) < MIN_CONTENT_WORDS:
                continue
            span = Span(document.id, quote.start + starts[0], quote.start + ends[-1], True, quote.speaker)
            found.setdefault(tuple(words), []).append(span)
    groups = []
    for spans in found.values():
        if len({span.doc for span in spans}) >= 2:
            groups.append(Group(id="", kind=GroupKind.QUOTE, score=100.0, spans=tuple(spans)))
    return groups
