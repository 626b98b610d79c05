"""Telling an annotated passage from its *twin*: another copy of the same words in the article.

An article may say the same thing twice: a lead repeated as the first paragraph, a quotation
given in the summary and again in the body, a paragraph pasted twice by the wire. When the
annotated copy is deleted (or its paragraph moved) the twin still has the quotation, often with
the same 32 characters of context: its selectors alone would place the annotation there, as if
nothing had happened. **The rule: a copy the article had all along is no evidence.**

So when the annotation is made on a repeated passage, the model records what the article held
(:func:`twin_record`): how many copies of the quotation with its context up to the paragraph's
edges it had (``copies``), how many of the quotation alone (``quote_copies``), and, for a
quotation in a repeated sentence or passage, the hash of its paragraph (``paragraph``). Then, at
re-anchoring (:func:`may_be_its_own`):

- a repeated passage's copy is placed only in *its own unchanged paragraph* (the same paragraph
  hash) with all its context there verbatim up to the paragraph's edges: a twin stands in
  another paragraph, which is how it differs;
- when the article now has *fewer copies* than recorded (:func:`lost_a_copy`), the annotated
  copy may be the one that was deleted: a verbatim copy is placed only with its whole stored
  context verbatim (or verbatim up to its paragraph's edges), never on words and part of the
  context alone.

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

HASH_CHARS = 16
"""Hex digits of the paragraph's hash kept (64 bits: enough to tell one article's paragraphs
apart)."""


def copies_of(text: str, needle: str) -> int:
    """How many times ``needle`` stands in ``text`` (overlapping copies counted)."""
    if not needle:
        return 0
    count, i = 0, text.find(needle)
    while i != -1:
        count += 1
        i = text.find(needle, i + 1)
    return count


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


def in_paragraph(prefix: str, exact: str, suffix: str) -> str:
    """The quotation with its stored context cut at the paragraph's edges (each side's part
    before its nearest line break)."""
    return prefix[prefix.rfind("\n") + 1 :] + exact + suffix.split("\n", 1)[0]


def _stands_alone(text: str, needle: str) -> int:
    """How many times ``needle`` stands in ``text`` beginning and ending on word boundaries."""
    count, i = 0, text.find(needle)
    while i != -1:
        j = i + len(needle)
        if (i == 0 or not (text[i - 1].isalnum() and needle[0].isalnum())) and (
            j == len(text) or not (text[j].isalnum() and needle[-1].isalnum())
        ):
            count += 1
        i = text.find(needle, i + 1)
    return count


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
    than once or lies in a repeated sentence; ``paragraph`` (the hash of its paragraph) only for
    a quotation in a repeated sentence, or whose words with their context up to the
    paragraph's edges are repeated."""
    exact = text[start:end]
    quote_copies = copies_of(text, exact)
    repeated_sentence = in_repeated_sentence(text, start, end)
    if quote_copies <= 1 and not repeated_sentence:
        return None, None, None
    copies = copies_of(text, in_paragraph(prefix, exact, suffix))
    paragraph = paragraph_hash(text, start, end) if repeated_sentence or copies > 1 else None
    return copies, quote_copies, paragraph


def lost_a_copy(a: Annotation, text: str) -> bool:
    """Whether ``text`` has fewer copies of the quotation than the article had when the
    annotation was made: its own may be the one that was deleted."""
    return a.quote_copies is not None and copies_of(text, a.exact) < a.quote_copies


def may_be_its_own(a: Annotation, text: str, c: Candidate, *, lost: bool) -> bool:
    """Whether a verbatim candidate may be the annotated copy rather than a twin (see the module
    docstring); ``lost``: :func:`lost_a_copy`. Edited candidates are judged by
    :mod:`.edited` (an edited copy is not a twin's verbatim words)."""
    if c.quote != 1.0:
        return True
    if a.paragraph is not None:
        return c.paragraph is not None and paragraph_hash(text, c.start, c.end) == a.paragraph
    # Its words with their context stood once: that context verbatim singles the copy out.
    return not lost or (a.copies is not None and a.copies <= 1 and (c.fit == 100.0 or c.paragraph is not None))
