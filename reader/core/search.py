"""Fuzzy search across the articles of a corpus.

The query and every article are folded (:func:`reader.core.text.fold`: case, quotes, dashes and
white space), exact occurrences score 100, and runs of words about as long as the query are
scored with rapidfuzz's ``ratio`` so a misspelt name or a reworded phrase is still found. Hits
are mapped back to offsets into ``Document.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reader.core.models import Document
from reader.core.text import fold

_WORD = re.compile(r"[^\s]+")
_SPACE = re.compile(r"\s+")
_TRAILING = "\"'.,;:!?)]}"
DEFAULT_MIN_SCORE = 75.0
"""Fuzzy hits below this score are dropped."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place in one article that matches the query."""

    doc: str
    start: int
    end: int
    score: float
    """0 to 100: 100 is the query itself (up to case, quotes and white space)."""


def search(
    documents: Iterable[Document],
    query: str,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    limit: int = 200,
) -> tuple[SearchHit, ...]:
    """Places in ``documents`` that match ``query``, best first (then in corpus order)."""
    needle = fold(query).text.strip()
    if not needle:
        return ()
    n_words = len(needle.split(" "))
    hits: list[SearchHit] = []
    for document in documents:
        hits.extend(_search_document(document, needle, n_words, min_score))
    order_of = {}
    for hit in hits:
        order_of.setdefault(hit.doc, len(order_of))
    hits.sort(key=lambda h: (-h.score, order_of[h.doc], h.start))
    return tuple(hits[:limit])


def _search_document(document: Document, needle: str, n_words: int, min_score: float) -> list[SearchHit]:
    folded = fold(document.text)
    haystack = folded.text
    found: list[tuple[float, int, int]] = []
    at = haystack.find(needle)
    while at >= 0:
        found.append((100.0, at, at + len(needle)))
        at = haystack.find(needle, at + max(1, len(needle)))
    words = [m.span() for m in _WORD.finditer(haystack)]
    windows: list[tuple[int, int]] = []
    for size in {max(1, n_words - 1), n_words, n_words + 1}:
        for i in range(0, len(words) - size + 1):
            a, b = words[i][0], words[i + size - 1][1]
            while b - 1 > a and haystack[b - 1] in _TRAILING:
                b -= 1
            windows.append((a, b))
    if windows:
        choices = [haystack[a:b] for a, b in windows]
        for _, score, index in process.extract(
            needle, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=None
        ):
            a, b = windows[index]
            found.append((float(score), a, b))
    found.sort(key=lambda item: (-item[0], item[1], item[2] - item[1]))
    taken: list[tuple[int, int]] = []
    hits = []
    for score, a, b in found:
        if any(a < tb and ta < b for ta, tb in taken):
            continue
        taken.append((a, b))
        start, end = folded.span_to_original(a, b)
        hits.append(SearchHit(document.id, start, end, round(score, 1)))
    return hits


def snippet(document: Document, start: int, end: int, context: int = 40) -> tuple[str, int, int]:
    """A one-line excerpt around ``[start, end)``, about ``context`` characters either side,
    cut at word boundaries with an ellipsis where the article goes on: the text and where the
    hit sits inside it."""
    text = document.text
    a = max(0, start - context)
    if a > 0:  # start at the first whole word
        space = _SPACE.search(text, a - 1, start)
        a = space.end() if space else start
    b = min(len(text), end + context)
    if b < len(text):  # end after the last whole word
        spaces = list(_SPACE.finditer(text, end, b + 1))
        b = spaces[-1].start() if spaces else end
    head = "\u2026" if a > 0 else ""
    tail = "\u2026" if b < len(text) else ""
    shift = len(head) - a
    return head + text[a:b].replace("\n", " ") + tail, start + shift, end + shift


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place ``phrase`` is in ``text`` word for word: up to case, quotes, dashes and white
    space (:func:`reader.core.text.fold`), beginning and ending on whole words, overlapping
    places included; as ``(start, end)`` offsets into ``text``."""
    needle = fold(phrase).text.strip()
    if not needle:
        return []
    folded = fold(text)
    haystack = folded.text
    found = []
    i = haystack.find(needle)
    while i != -1:
        j = i + len(needle)
        if not (needle[0].isalnum() and i > 0 and haystack[i - 1].isalnum()) and not (
            needle[-1].isalnum() and j < len(haystack) and haystack[j].isalnum()
        ):
            found.append(folded.span_to_original(i, j))
        i = haystack.find(needle, i + 1)
    return found
