"""Telling an annotated passage from its *twin*: another copy of the same words in the article.

An article may say the same thing twice: a lead repeated as the first paragraph, a quotation
given in the summary and again in the body, a paragraph pasted twice by the wire. When the
annotated copy is deleted (or its paragraph moved) the twin still has the quotation, often with
the same 32 characters of context: its selectors alone would place the annotation there, as if
nothing had happened. **The rule: a copy the article had all along is no evidence.**

So when the annotation is made on a repeated quotation (or one in a repeated sentence), the
model records what the article held (:func:`twin_record`): how many copies of the quotation
alone it had (``quote_copies``), how many of it with its context up to the paragraph's edges
(``copies``), and, for a quotation in a repeated sentence or with *close twins* (the same
:data:`TWIN_CONTEXT` characters of context on each side), the hash of its paragraph
(``paragraph``). Then, at re-anchoring (:func:`not_twins`):

1. a copy in *its own unchanged paragraph* (the same hash, all its context there verbatim up to
   the paragraph's edges) is its only place when there is one: a twin stands in another
   paragraph, which is how it differs (a moved paragraph is followed, its twin left alone);
2. when the article now has *fewer copies* of the quotation than recorded
   (:func:`lost_a_copy`), its own may be the one deleted: a verbatim copy elsewhere is
   evidence only with its whole stored context verbatim, and only if the quotation with that
   context stood once (``copies``);
3. otherwise a copy whose paragraph changed is placed only near its stored offsets
   (:data:`IN_PLACE`, as after an edit near it): there, its position tells it from its twins;
   further away, only the twin's words and context would.

Rules 2 and 3 hold for a quotation with close twins or in a repeated sentence; one merely
repeated elsewhere in other words is told apart by its context, as any quotation is.
Records made before these fields existed (``None``) are anchored as before. Pure functions over
strings, used by :mod:`reader.core.annotate.anchoring` and :mod:`reader.core.annotate.model`
(this module imports neither).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.models import text_hash

if TYPE_CHECKING:
    from reader.core.annotate.anchoring import Candidate
    from reader.core.annotate.model import Annotation

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n+")
"""Where a sentence ends: a full stop, question or exclamation mark (with any closing quotes or
brackets) before white space, or a line break."""

_TRAILING = ".!?\"'”’) \t\n"

_WORD = re.compile(r"[^\W_]+")

SENTENCE_WORDS = 4
"""A sentence counts as repeated only with at least this many words: "Mr." or "Sunday." standing
again is no passage repeated (abbreviations end sentences too)."""

TWIN_CONTEXT = 16
"""Characters of context on each side counted with a quotation's copies (:func:`twin_record`):
as many as one intact side of the context (:data:`~reader.core.annotate.anchoring.INTACT_CHARS`)."""

IN_PLACE = 32
"""How far from its stored offsets a copy of a repeated passage may stand when its paragraph
changed: an edit near it shifts it that much (the context's length)."""

HASH_CHARS = 16
"""Hex digits of the paragraph's hash kept (64 bits: enough to tell one article's paragraphs
apart)."""


def find_all(text: str, needle: str) -> list[int]:
    """Where ``needle`` stands in ``text`` (overlapping copies too); nowhere when it is empty."""
    out: list[int] = []
    i = text.find(needle) if needle else -1
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def copies_of(text: str, needle: str) -> int:
    """How many times ``needle`` stands in ``text`` (overlapping copies counted)."""
    return len(find_all(text, needle))


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraphs (lines) the span ``[start, end)`` touches, without their outer line breaks."""
    last = end
    while last > start and text[last - 1] == "\n":
        last -= 1
    first = start
    while first < last and text[first] == "\n":
        first += 1
    lo = text.rfind("\n", 0, first) + 1
    hi = text.find("\n", last)
    return lo, len(text) if hi == -1 else hi


def paragraph_hash(text: str, start: int, end: int) -> str:
    """The hash of the paragraphs the span touches (:func:`paragraph_span`)."""
    lo, hi = paragraph_span(text, start, end)
    return text_hash(text[lo:hi])[:HASH_CHARS]


def in_paragraph(prefix: str, exact: str, suffix: str, reach: int | None = None) -> str:
    """The quotation with its stored context cut at the paragraph's edges (each side's part
    before its nearest line break), and to ``reach`` characters a side if given."""
    before, after = prefix[prefix.rfind("\n") + 1 :], suffix.split("\n", 1)[0]
    if reach is not None:
        before, after = before[len(before) - reach :] if len(before) > reach else before, after[:reach]
    return before + exact + after


def _stands_alone(text: str, needle: str) -> int:
    """How many times ``needle`` stands in ``text`` beginning and ending on word boundaries."""
    n = len(needle)
    return sum(
        (i == 0 or not (text[i - 1].isalnum() and needle[0].isalnum()))
        and (i + n == len(text) or not (text[i + n].isalnum() and needle[-1].isalnum()))
        for i in find_all(text, needle)
    )


def in_repeated_sentence(text: str, start: int, end: int) -> bool:
    """Whether a sentence the span touches stands in the article again (its words, without its
    closing punctuation, on word boundaries): "President X postponed the tariffs." is repeated
    by "President X postponed the tariffs until June."."""
    lo, hi = paragraph_span(text, start, end)
    cuts = [lo, *(m.end() for m in SENTENCE_END.finditer(text, lo, hi)), hi]
    for a, b in zip(cuts, cuts[1:]):
        if b <= start or a >= end:
            continue
        core = text[a:b].strip().rstrip(_TRAILING)
        if len(_WORD.findall(core)) >= SENTENCE_WORDS and _stands_alone(text, core) > 1:
            return True
    return False


def twin_record(text: str, start: int, end: int, prefix: str, suffix: str) -> tuple[int | None, int | None, str | None]:
    """What an annotation on ``text[start:end]`` records about its twins: ``(copies,
    quote_copies, paragraph)``, all ``None`` unless the quotation stands in the article more
    than once or lies in a repeated sentence. ``copies`` counts the quotation with its stored
    context cut at the paragraph's edges (:func:`in_paragraph`); ``paragraph`` (the hash of its
    paragraph) is recorded for a quotation in a repeated sentence, or with *close twins*: copies
    with the same :data:`TWIN_CONTEXT` characters of context on each side, which its context
    may not tell apart."""
    exact = text[start:end]
    quote_copies = copies_of(text, exact)
    repeated_sentence = in_repeated_sentence(text, start, end)
    if quote_copies <= 1 and not repeated_sentence:
        return None, None, None
    close_twins = copies_of(text, in_paragraph(prefix, exact, suffix, TWIN_CONTEXT)) > 1
    paragraph = paragraph_hash(text, start, end) if repeated_sentence or close_twins else None
    return copies_of(text, in_paragraph(prefix, exact, suffix)), quote_copies, paragraph


def lost_a_copy(a: Annotation, text: str) -> bool:
    """Whether ``text`` has fewer copies of the quotation than the article had when the
    annotation was made: its own may be the one that was deleted."""
    return a.quote_copies is not None and copies_of(text, a.exact) < a.quote_copies


def not_twins(a: Annotation, text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that may be the annotated copy rather than a twin (the module docstring's
    three rules), for an annotation that recorded a paragraph hash (older records, and
    quotations without close twins, keep all). The candidates are verbatim copies (edited ones
    are not a twin's verbatim words: :mod:`.edited` judges them, after this)."""
    if a.paragraph is None:
        return candidates
    own = [c for c in candidates if c.paragraph is not None and paragraph_hash(text, c.start, c.end) == a.paragraph]
    if own:
        return own
    lost = lost_a_copy(a, text)

    def twin(c: Candidate) -> bool:
        if lost:  # its own copy may be the one deleted: only its whole context, once in the article, is evidence
            return not (c.fit == 100.0 and a.copies == 1)
        return abs(c.start - a.start) > IN_PLACE

    return [c for c in candidates if not twin(c)]
