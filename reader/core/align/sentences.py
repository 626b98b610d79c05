"""Sentences and clauses of news text, as character ranges (``str`` offsets into the text).

:func:`sentence_spans` splits at a full stop, question or exclamation mark (with the closing
quotes and brackets after it) followed by white space and something that starts a sentence (a
capital, a digit, an opening quote or bracket), and at every line break; not after the
abbreviations and initials news copy is full of (``Mr.``, ``Jan.``, ``U.S.``, ``A.J. Smith``,
``a.m.`` before a lower-case word). One ``re.finditer`` per text and a set lookup per candidate
break: no model, no per-character Python.

:func:`clause_breaks` gives the places inside a sentence where a clause ends: semicolons,
dashes, colons, and commas before a conjunction, a relative pronoun or a reporting clause. The
claims stage uses them to keep a reworded span to the clauses that carry the shared words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.align import tokens
from reader.core.once import per_text

__all__ = ["clause_breaks", "clause_spans", "sentence_spans"]

_CLOSE = r"(?: '')?[\"'\u201d\u2019)\]]*"
_BREAK = re.compile(
    r"(?=[.!?\n])(?:"
    rf"[.!?]+{_CLOSE}(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f])"
    rf"|[.!?]+{_CLOSE}(?=\s*\n)"
    r"|\n\s*)"
)
"""A place where a sentence may end: stops before a capital or a line break, and a line break
with the white space after it (blank lines and all: one break, no empty sentences between).
The first character every break starts with is asked for first: the search then skips the
rest of the text in C, many times quicker than trying each alternative at each character."""

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen lt col maj capt cpt sgt cmdr adm gov sen rep rev hon pres
    supt insp det cpl pvt
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc plc bros dept univ assn est approx no nos vol vs etc fig al
    u.s u.k u.n e.u a.m p.m i.e e.g d.c n.y l.a u.s.a""".split()
)
"""Words that a full stop follows without ending the sentence (lower-cased, no final stop)."""

@per_text
def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` ranges, white space trimmed,
    empty ones left out (of a whole text: read once inside
    :func:`reader.core.once.texts_read_once`)."""
    end = len(text) if end is None else end
    kernel = tokens._kernel()  # the compiled text kernels (the same, character by character)
    if kernel is not None and 0 <= start <= end <= len(text):
        return kernel.sentence_spans(text, start, end, ABBREVIATIONS, _no_break)
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _BREAK.finditer(text, start, end):
        cut = match.end()
        if text[match.start()] != "\n" and _no_break(text, match.start(), pos):
            continue
        _add(text, pos, cut, spans)
        pos = cut
    _add(text, pos, end, spans)
    return spans


def _no_break(text: str, stop: int, lo: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or an initial, not a sentence."""
    if text[stop] != ".":
        return False
    k = stop
    floor = max(lo, stop - 12)
    while k > floor and (text[k - 1].isalnum() or text[k - 1] in "._"):
        k -= 1
    if k == stop:
        return False
    token = text[k:stop].lower().strip(".")
    if token in ABBREVIATIONS:
        return True
    # An initial ("A.J. Smith", "George W. Bush") or a dotted abbreviation ("U.S.").
    letters = token.replace(".", "")
    return len(letters) <= 2 and letters.isalpha() and (len(letters) == 1 or "." in token) and text[k].isupper()


def _add(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    """Append ``[lo, hi)`` trimmed of white space, if anything is left."""
    piece = text[lo:hi]
    stripped = piece.strip()
    if stripped:
        lo += len(piece) - len(piece.lstrip())
        spans.append((lo, lo + len(stripped)))


_CLAUSE = re.compile(
    r"\s*(?:;|:(?!\d)|\s--\s|\s-\s|\u2014|\u2013\s)\s*"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|because|after|before|when|which|who|whose|where|as|so|or|if|since|until|according)\b)"
    r"|,\s*[\"'\u201d\u2019]*\s+(?=(?:[A-Z][\w'.-]*\s+){0,4}(?:said|says|told|added|noted|stated)\b)"
)


_CLAUSE_MARK = re.compile("[;:,\u2014\u2013-]")
"""A character every clause break holds (after white space, if any)."""


def clause_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets inside ``text[start:end]`` where a clause ends (the start of the break's
    punctuation), in order (:func:`_clause_marks`)."""
    return [match.start() for match in _clause_marks(text, start, end) if match.start() > start]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``text[start:end]`` as ``(start, end)`` ranges, split at
    :func:`clause_breaks` (the break's punctuation left out), white space trimmed."""
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _clause_marks(text, start, end):
        if match.start() > start:
            _add(text, pos, match.start(), spans)
            pos = match.end()
    _add(text, pos, end, spans)
    return spans


def _clause_marks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The breaks ``_CLAUSE.finditer(text, start, end)`` finds, tried only where one can
    start. Every break holds a character of :data:`_CLAUSE_MARK` after white space, if any: it
    starts at that white space, or at the mark itself (a comma), so the full pattern is tried
    there alone rather than at every character of the sentence."""
    pos = start
    for mark in _CLAUSE_MARK.finditer(text, start, end):
        at = mark.start()
        if at < pos:
            continue  # inside the break found last
        space = at
        while space > pos and text[space - 1].isspace():
            space -= 1
        match = _CLAUSE.match(text, space, end)
        if match is None and space < at:
            match = _CLAUSE.match(text, at, end)
        if match is not None:
            yield match
            pos = match.end()
