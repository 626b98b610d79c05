"""Quotations as seeds of their own: the same words quoted in two articles or more.

The word aligner needs a few content words in a row; a quotation of a few words is worth
showing whenever two outlets quote it word for word, whatever surrounds it ("This has been a
very complex issue," Oppal said / ..., he told The Canadian Press). :func:`shared_quotations`
reads where every quotation of every article begins and ends
(:func:`~reader.core.align.quotes.quotation_bounds`; speakers only of the quotations another
article shares, reading each article no further than its last such quotation), folds its words as the aligner does (case, apostrophes, ``&``, money units), and groups the
quotations whose words are the same, as ``quote`` groups with their speakers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reader.core.align.quotes import Quotation, quotation_bounds, quotations_in_order
from reader.core.align.tokens import STOP_WORDS, split_words
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["shared_quotations"]

MIN_WORDS = 4
"""A shared quotation has at least this many words..."""
MIN_CONTENT_WORDS = 2
"""...of which this many are content words."""


def shared_quotations(documents: Sequence[Document]) -> list[Group]:
    """The quotations two documents or more quote word for word (ids are placeholders: the
    fold step numbers the groups). The speakers are looked for only as far as the last
    quotation of an article that another one shares (:func:`quotations_in_order`)."""
    found: dict[tuple[str, ...], list[tuple[int, int, int, int]]] = {}
    """Words -> ``(document, quotation number, start, end)`` of each quotation of them."""
    for d, document in enumerate(documents):
        text = document.text
        if '"' not in text and "\u201c" not in text and "'" not in text and "\u2018" not in text:
            continue
        for k, (start, end) in enumerate(quotation_bounds(text)):
            words, starts, ends, _ = split_words(text[start:end])
            if len(words) < MIN_WORDS or sum(w not in STOP_WORDS for w in words) < MIN_CONTENT_WORDS:
                continue
            found.setdefault(tuple(words), []).append((d, k, start + starts[0], start + ends[-1]))
    read: dict[int, tuple[Iterator[Quotation], list[Quotation]]] = {}

    def speaker(d: int, k: int) -> str | None:
        """The speaker of quotation ``k`` of document ``d`` (those before it read first)."""
        quotes, done = read.setdefault(d, (quotations_in_order(documents[d].text), []))
        while len(done) <= k:
            done.append(next(quotes))
        return done[k].speaker

    groups = []
    for places in found.values():
        if len({documents[d].id for d, _, _, _ in places}) >= 2:  # two articles, not one article twice
            spans = tuple(Span(documents[d].id, a, b, True, speaker(d, k)) for d, k, a, b in places)
            groups.append(Group(id="", kind=GroupKind.QUOTE, score=100.0, spans=spans))
    return groups
