"""Quotations as seeds of their own: the same words quoted in two articles or more.

The word aligner needs a few content words in a row; a quotation of a few words is worth
showing whenever two outlets quote it word for word, whatever surrounds it ("This has been a
very complex issue," Oppal said / ..., he told The Canadian Press). :func:`shared_quotations`
reads where every quotation of every article begins and ends
(:func:`~reader.core.align.quotes.quotation_bounds`; speakers only of the quotations another
article shares, reading each article no further than its last such quotation), folds its words as the aligner does (case, apostrophes, ``&``, money units), and groups the
quotations whose words are the same, as ``quote`` groups with their speakers.

A quotation's words are the aligner's tokens of its article that lie inside it, when the
caller has them (words compared by hash, as the aligner compares them): splitting the
quotation again gives the same words, since its marks end every token at its edges
(:func:`_tokens_inside` checks it, and splits the quotation again where it cannot tell).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from reader.core.align.quotes import Quotation, quotation_bounds, quotations_in_order
from reader.core.align.tokens import STOP_HASHES, Tokens, split_words
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["shared_quotations"]

MIN_WORDS = 4
"""A shared quotation has at least this many words..."""
MIN_CONTENT_WORDS = 2
"""...of which this many are content words."""

_MASK = 0xFFFFFFFFFFFFFFFF
_EDGES = frozenset(" \t\n\r\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u2018\u2019\u201a")
"""What may stand just outside a quotation for the aligner's tokens inside it to be its words:
white space and quotation marks (no word character, no comma, no digit)."""


def shared_quotations(documents: Sequence[Document], tokens: Sequence[Tokens] | None = None) -> list[Group]:
    """The quotations two documents or more quote word for word (ids are placeholders: the
    fold step numbers the groups). The speakers are looked for only as far as the last
    quotation of an article that another one shares (:func:`quotations_in_order`).
    ``tokens``: the aligner's tokens of ``documents``, if it has them (the quotations are not
    split into words again)."""
    found: dict[tuple[int, ...], list[tuple[int, int, int, int]]] = {}
    """Words (their hashes) -> ``(document, quotation number, start, end)`` of each quotation of them."""
    for d, document in enumerate(documents):
        text = document.text
        if '"' not in text and "\u201c" not in text and "'" not in text and "\u2018" not in text:
            continue
        tk = tokens[d] if tokens is not None and _usable(text, tokens[d]) else None
        for k, (start, end) in enumerate(quotation_bounds(text)):
            inside = _tokens_inside(text, tk, start, end) if tk is not None else None
            if inside is not None:
                t0, t1 = inside
                words = tuple(tk.words[t0:t1])  # type: ignore[union-attr]
                if len(words) < MIN_WORDS or _content_words(words) < MIN_CONTENT_WORDS:
                    continue
                first, last = tk.starts[t0], tk.ends[t1 - 1]  # type: ignore[union-attr]
            else:
                split, starts, ends, _ = split_words(text[start:end])
                words = tuple([hash(w) & _MASK for w in split])
                if len(words) < MIN_WORDS or _content_words(words) < MIN_CONTENT_WORDS:
                    continue
                first, last = start + starts[0], start + ends[-1]
            found.setdefault(words, []).append((d, k, first, last))
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


def _content_words(words: tuple[int, ...]) -> int:
    """How many of ``words`` (hashes) are not function words (counted in C: a quotation's
    words are read once per alignment, most of them never shared)."""
    return len(words) - sum(map(STOP_HASHES.__contains__, words))


def _usable(text: str, tk: Tokens) -> bool:
    """Whether the aligner's tokens ``tk`` of ``text`` give the words of its quotations: its
    words hashed by Python's ``hash`` as :data:`~reader.core.align.tokens.STOP_HASHES` are (a
    text holds function words; the distributed pipeline hashes words otherwise), and no
    capital sigma, whose lower case depends on the letters around it (folded alone, a
    quotation could end in another letter)."""
    return "\u03a3" not in text and not STOP_HASHES.isdisjoint(tk.words)


def _tokens_inside(text: str, tk: Tokens, start: int, end: int) -> tuple[int, int] | None:
    """The range of the tokens of ``text`` (``tk``) inside ``[start, end)`` when they are
    the tokens of ``text[start:end]`` split alone; None when that cannot be told (then the
    quotation is split again). They are when white space or a quotation mark stands on each
    side (:data:`_EDGES`: the tokeniser's look-arounds see no word, digit nor comma there, as at
    the ends of the quotation alone) and no token runs across either edge (a number and its
    unit on the next line are one token). Folding case is the same on the quotation alone as
    on the whole text (:func:`_usable`)."""
    if (start > 0 and text[start - 1] not in _EDGES) or (end < len(text) and text[end] not in _EDGES):
        return None
    starts, ends = tk.starts, tk.ends
    t0, t1 = bisect_left(starts, start), bisect_left(starts, end)
    if t0 >= t1 or (t0 > 0 and ends[t0 - 1] > start) or ends[t1 - 1] > end:
        return None
    return t0, t1
