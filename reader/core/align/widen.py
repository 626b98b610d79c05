"""Short spans widened to the clause that states the claim.

A group often meets an article only in a few words: the figure ("53-3", "135 kilometers"),
the list of names ("European Union, Canada and Mexico"), the phrase two outlets happen to share
("230,000 people"). Shown alone, such a span says less than the claim the article states around
it. :func:`widen_short_spans` widens each span of a shown group (not a quotation; a word group
only with one span per document) that is at most :data:`SHORT_WORDS` words, when the group's
other spans say more (one is more than twice as long) or none does (all are a few words giving
a figure: "230,000 people", not "the 2015 agreement"), to the clause it sits in (:func:`~reader.core.align.sentences.clause_spans`):
the whole clause when it is at most :data:`CLAUSE_WORDS` words, else
:data:`REACH` content words on each side within it
(:func:`~reader.core.align.clauses.clause_reach`). Spans never cross a sentence end; fragments
and folded groups are left as they are.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from reader.core.align.clauses import clause_reach
from reader.core.align.groups import _snap  # the one rule for whole-word spans
from reader.core.align.quotes import Quotation
from reader.core.align.sentences import clause_spans, sentence_spans
from reader.core.align.terms import Unit, figures
from reader.core.models import Document, Group, GroupKind, Span

__all__ = ["ALL_SHORT", "CLAUSE_WORDS", "REACH", "SHORT_WORDS", "widen_short_spans"]

SHORT_WORDS = 5
"""A span of at most this many words is widened when another span of its group is more than
twice as long, or when no span of its group is longer than :data:`ALL_SHORT` words..."""
ALL_SHORT = 3
CLAUSE_WORDS = 30
"""...to its whole clause when the clause has at most this many words..."""
REACH = 4
"""...else to this many content words on each side, within the clause."""

_EDGE = "\"'\u201c\u201d\u2018\u2019()[],.;:!?"


def widen_short_spans(
    documents: Sequence[Document], groups: Sequence[Group], quotation: Callable[[int, int, int], Quotation | None]
) -> tuple[Group, ...]:
    """``groups`` with the short spans of the shown ones widened (see the module);
    ``quotation(doc, start, end)`` tells the quotation a widened span lies in."""
    index = {doc.id: d for d, doc in enumerate(documents)}
    sentences: dict[int, list[tuple[int, int]]] = {}
    out = []
    for group in groups:
        if not _widens(group):
            out.append(group)
            continue
        texts = [documents[index[s.doc]].text[s.start : s.end] for s in group.spans]
        sizes = [len(text.split()) for text in texts]  # words: runs of characters not white space
        longest = max(sizes)
        if longest <= ALL_SHORT and not all(_counts(text) for text in texts):
            out.append(group)  # a phrase in common ("the 2015 agreement"), not a figure
            continue
        spans = []
        for span, size in zip(group.spans, sizes):
            d = index[span.doc]
            text = documents[d].text
            if size > SHORT_WORDS or (2 * size >= longest and longest > ALL_SHORT):
                spans.append(span)  # long enough, or half as long as the longest of its group at least
                continue
            if d not in sentences:
                sentences[d] = sentence_spans(text)
            start, end = widened(text, sentences[d], d, span.start, span.end)
            if (start, end) == (span.start, span.end):
                spans.append(span)
                continue
            quote = quotation(d, start, end)
            spans.append(Span(span.doc, start, end, quote is not None, quote.speaker if quote is not None else None))
        out.append(replace(group, spans=tuple(spans)) if spans != list(group.spans) else group)
    return tuple(out)


def _widens(group: Group) -> bool:
    """Whether ``group``'s short spans are widened: a shown group, not a quotation; a word
    group only with one span per document (a phrase met again and again in one article may
    stand for different claims there)."""
    if group.kind in (GroupKind.QUOTE, GroupKind.FRAGMENT) or group.folded_into is not None:
        return False
    return group.kind is GroupKind.REWORDED or len({s.doc for s in group.spans}) == len(group.spans)


def _counts(text: str) -> bool:
    """Whether ``text`` gives a figure that counts or measures (not a year)."""
    return any(not form.startswith(("year:", "date:")) for _, _, form in figures(text))


def widened(text: str, sentences: list[tuple[int, int]], d: int, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of document ``d`` (``text``, its ``sentences``) widened to its clause
    (see the module); unchanged when it crosses a sentence or clause end."""
    k = bisect_right(sentences, (start, len(text) + 1)) - 1
    if k < 0 or not (sentences[k][0] <= start and end <= sentences[k][1]):
        return start, end
    for c0, c1 in clause_spans(text, *sentences[k]):
        if c0 <= start and end <= c1:
            break
    else:
        return start, end
    if len(text[c0:c1].split()) > CLAUSE_WORDS:
        c0, c1 = clause_reach(text, Unit(d, c0, c1, (), frozenset(), frozenset()), start, end, REACH)
    while c0 < c1 and (text[c0] in _EDGE or text[c0].isspace()):
        c0 += 1
    while c1 > c0 and (text[c1 - 1] in _EDGE or text[c1 - 1].isspace()):
        c1 -= 1
    c0, c1 = min(c0, start), max(c1, end)
    return _snap(text, c0, c1)
