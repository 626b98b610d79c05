"""Quotations: text inside quotation marks, with who the article says spoke it.

:func:`find_quotations` pairs opening and closing marks paragraph by paragraph: curly double
quotes (“ ” „), straight double quotes (whose role comes from the characters around them),
guillemets, and single quotes (‘ ’ and ') when they open or close a quotation rather than
sit inside a word as an apostrophe (``Iran’s``) or after a plural (``Hamas’ attack``).
Mixed styles are common in news copy (“opened curly, closed straight"), so any double mark can
close any double mark. A quotation left open at the end of its paragraph runs to the end of it.

The speaker comes from the attribution around the quotation, in the shapes news uses:
``"...," Raisi told ...``, ``"...," said Raisi``, ``Kanaani said, "..."``, ``Raisi stated that
... "..."``, ``"...," Iran's UN mission posted``. A pronoun (``he noted``) is resolved to the
speaker of the nearest earlier quotation in the same or the previous paragraph, else left as
``None``; so is an attribution to something that names no one (``the statement noted``).
Offsets are ``str`` indices into the text, the marks themselves excluded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from reader.core.once import per_text, reading_once

__all__ = [
    "Quotation", "find_quotations", "quotation_at", "quotation_bounds", "quotations_around", "quotations_around_in_order",
    "quotations_in_order",
]


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: ``text[start:end]`` is what is inside the marks."""

    start: int
    end: int
    speaker: str | None = None


_DOUBLE_OPEN = "\u201c\u201e\u00ab\u301d"
_DOUBLE_CLOSE = "\u201d\u00bb\u301e\u201f"
_SINGLE_OPEN = "\u2018\u201a"
_SINGLE_CLOSE = "\u2019"
_MARKS = re.compile("[\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u2018\u2019\u201a]")

_OPEN_BEFORE = set(" \t\n([{-\u2013\u2014/:;,")
_SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|wrote|writes|posted|posts|"
    "tweeted|warned|warns|declared|declares|asserted|asserts|insisted|insists|explained|"
    "explains|claimed|claims|announced|announces|stressed|stresses|emphasized|emphasised|"
    "emphasizes|emphasises|argued|argues|remarked|replied|responded|commented|urged|urges|"
    "continued|concluded|acknowledged|affirmed|reiterated|vowed|vows|cautioned|mentioned|"
    "observed|asked|asks|recalled|quipped|admitted|confirmed|demanded|called for|calls for"
)
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
_AFTER_SUBJECT_VERB = re.compile(
    rf"^[,]?\s+((?:[\w'\u2019.-]+\s+){{0,5}}?[\w'\u2019.-]+)\s+(?:{_SPEECH_VERBS})\b"
)
_AFTER_VERB_SUBJECT = re.compile(
    rf"^[,]?\s+(?:{_SPEECH_VERBS})\s+((?:[A-Z][\w'\u2019.-]*\s+){{0,4}}[A-Z][\w'\u2019.-]*)"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_LEADING_FILLER = {"and", "but", "then", "so", "also", "later", "meanwhile", "however"}
_TRAILING_WORDS = {
    "also", "later", "then", "again", "further", "has", "have", "had", "is", "was", "were",
    "are", "will", "would", "had", "once", "now", "on", "in",
}
_ARTICLES = {"a", "an", "the"}
_SENTENCE_END = re.compile("[.!?][\"'\u201d\u2019)]*(?=\\s)|\n")


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order, with its speaker where the article says."""
    return list(quotations_in_order(text))


def quotations_in_order(text: str, bounds: list[tuple[int, int]] | None = None) -> Iterator[Quotation]:
    """:func:`find_quotations`, each quotation found as it is asked for (a speaker depends on
    the quotations before it only: a reader that stops early does not look for the others').
    ``bounds``: :func:`quotation_bounds` of ``text``, if known."""
    quotes: list[Quotation] = []
    for start, end in quotation_bounds(text) if bounds is None else bounds:
        quotes.append(Quotation(start, end, _speaker(text, start, end, quotes)))
        yield quotes[-1]


@per_text
def quotation_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the quotations of the paragraphs of ``text[start:end]`` are, ``(start, end)`` in
    order, as :func:`find_quotations` finds them (without looking for speakers, the slow part;
    of a whole text: read once inside :func:`reader.core.once.texts_read_once`). A
    paragraph's quotations depend on that paragraph only."""
    raw: list[tuple[int, int]] = []
    pos = start
    for paragraph in text[start:end].split("\n"):
        if paragraph.strip():
            raw.extend(_paragraph_quotes(text, pos, pos + len(paragraph)))
        pos += len(paragraph) + 1
    raw.sort()
    bounds: list[tuple[int, int]] = []
    for a, b in raw:
        if bounds and a < bounds[-1][1]:
            continue  # nested (a single-quoted quote inside a double-quoted one)
        bounds.append((a, b))
    return bounds


def quotations_around(text: str, start: int, end: int) -> list[Quotation]:
    """The quotations of the paragraphs that ``[start, end)`` touches, as
    :func:`find_quotations` finds them in the whole text (the paragraph before is read too,
    for the pronouns), without reading the rest of a long text. One difference: a quotation
    left open runs to the end of its paragraph, and its speaker is looked for in these
    paragraphs only, where the whole text may give it one named in the next paragraph. Inside
    :func:`reader.core.once.texts_read_once`, where the whole text's quotations are read once,
    the paragraphs' are taken from them (a paragraph's quotations depend on it only)."""
    return list(quotations_around_in_order(text, start, end))


def quotations_around_in_order(text: str, start: int, end: int) -> Iterator[Quotation]:
    """:func:`quotations_around`, each quotation found as it is asked for (as
    :func:`quotations_in_order`: a reader that stops early does not look for the others'
    speakers)."""
    lo = text.rfind("\n", 0, start) + 1
    # Back to the start of the previous non-empty paragraph.
    back = lo - 1
    while back > 0 and text[back - 1] == "\n":
        back -= 1
    if back > 0:
        lo = text.rfind("\n", 0, back) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    bounds = None
    if reading_once():  # the whole text's quotations are read once: those of these paragraphs
        found = quotation_bounds(text)
        bounds = [(a - lo, b - lo) for a, b in found[bisect_left(found, (lo,)) : bisect_left(found, (hi,))]]
    for q in quotations_in_order(text[lo:hi], bounds):
        yield Quotation(q.start + lo, q.end + lo, q.speaker)


def quotation_at(quotes: list[Quotation], start: int, end: int) -> Quotation | None:
    """The quotation holding at least half of ``[start, end)`` (the one holding most)."""
    best, best_overlap = None, 0
    for quote in quotes:
        if quote.end <= start:
            continue
        if quote.start >= end:
            break
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    if best is not None and 2 * best_overlap >= max(1, end - start):
        return best
    return None


def _paragraph_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotations (inner offsets) of the paragraph ``text[lo:hi]``, marks paired left to
    right."""
    found: list[tuple[int, int]] = []
    double_open: int | None = None
    single_open: int | None = None
    for match in _MARKS.finditer(text, lo, hi):
        i = match.start()
        char = text[i]
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if char in "'\u2018\u2019\u201a":
            if double_open is not None:
                continue  # single quotes inside a double-quoted quotation are left alone
            word_before = before.isalnum()
            word_after = after.isalnum()
            if word_before and word_after:
                continue  # an apostrophe: Iran’s, don't
            opens = char in _SINGLE_OPEN or (char == "'" and not word_before and before in _OPEN_BEFORE)
            if opens and (word_after or after in "\"\u201c"):
                single_open = i
            elif single_open is not None and not before.isspace() and not word_after:
                if i - single_open > 1:
                    found.append((single_open + 1, i))
                single_open = None
            continue
        if char in _DOUBLE_OPEN:
            opens = True
        elif char in _DOUBLE_CLOSE:
            opens = False
        else:  # a straight " or ': its neighbours tell
            opens = before in _OPEN_BEFORE or i == lo
            if not opens and double_open is None and before.isspace():
                opens = True
        if double_open is None:
            if opens or not after.isspace():
                double_open = i
                single_open = None
            continue
        if opens and char in _DOUBLE_OPEN and i > double_open + 1:
            # A new quotation opens before the last one closed: close the last one here.
            found.append((double_open + 1, _trim_end(text, double_open + 1, i)))
            double_open = i
            continue
        if i > double_open + 1:
            found.append((double_open + 1, i))
        double_open = None
    if double_open is not None and double_open + 1 < hi:
        end = _trim_end(text, double_open + 1, hi)
        if end > double_open + 1:
            found.append((double_open + 1, end))
    return [(s, e) for s, e in found if text[s:e].strip()]


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over white space, not before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _speaker(text: str, start: int, end: int, earlier: list[Quotation]) -> str | None:
    """Who the article says spoke the quotation ``text[start:end]``, in the shapes the module
    lists."""
    inner_last = text[start:end].rstrip()[-1:] if text[start:end].strip() else ""
    after = text[end + 1 : end + 160]
    name: str | None = None
    if inner_last in (",", "!", "?") or after.startswith(","):
        cut = _SENTENCE_END.search(after)
        clause = after[: cut.start() + 1] if cut else after
        match = _AFTER_VERB_SUBJECT.match(clause)
        if match:
            name = match.group(1)
        else:
            match = _AFTER_SUBJECT_VERB.match(clause)
            if match:
                name = match.group(1)
    # An attribution after the quotation that names no one ("..., the statement added") gives
    # way to one before it ("Amir-Abdollahian called for the \"...\"").
    for found in (name, _speaker_before(text, start - 1), _speaker_at_sentence_end(after)):
        name = _clean(found) if found is not None else None
        if name is not None:
            break
    if name is None:
        return _same_sentence_speaker(text, start, earlier)
    if name.lower() in _PRONOUNS:
        return _resolve_pronoun(text, start, earlier)
    return name


_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+((?:[\w'\u2019.-]+\s+){{0,5}}?[\w'\u2019.-]+)\s+(?:{_SPEECH_VERBS})\b[^,;:\"\u201c\u201d]*$"
)


def _speaker_at_sentence_end(after: str) -> str | None:
    """``"..." to achieve its goals, Hamas said in a statement.``: the attribution closing the
    sentence the quotation sits in."""
    cut = _SENTENCE_END.search(after)
    sentence = after[: cut.start() + 1] if cut else after
    if len(after) >= 159 and cut is None or any(mark in sentence for mark in "\"\u201c\u201d"):
        return None
    match = _TRAILING_ATTRIBUTION.search(sentence.rstrip().rstrip(".!?"))
    return match.group(1) if match else None


def _speaker_before(text: str, mark: int) -> str | None:
    """The subject of the last speech verb in the sentence before the opening mark."""
    lo = max(0, mark - 300)
    prefix = text[lo:mark]
    cut = 0
    for match in _SENTENCE_END.finditer(prefix):
        cut = match.end()
    sentence = prefix[cut:]
    verbs = list(_VERB.finditer(sentence))
    if not verbs:
        return None
    verb = verbs[-1]
    between = sentence[verb.end() :]
    if len(between.split()) > 12:
        return None  # the verb is too far from the quotation to be its attribution
    head = sentence[: verb.start()]
    chunks = [c.strip() for c in re.split(r"[,;:()\u2013\u2014]", head)]
    chunks = [c for c in chunks if c]
    # Skip participle clauses ("..., speaking to his Iraqi counterpart, asserted") and take
    # the name before an apposition ("Hossein Jalali, an Iranian MP, commented").
    while len(chunks) > 1 and chunks[-1].split()[0].lower().endswith("ing"):
        chunks.pop()
    if len(chunks) > 1 and chunks[-1].split()[0].lower() in _ARTICLES:
        name = chunks[-2].split()
        if len(name) <= 4 and all(w[:1].isupper() for w in name):
            chunks.pop()
    if not chunks:
        return None
    return chunks[-1]


def _clean(name: str) -> str | None:
    """``name`` without leading conjunctions and trailing adverbs or auxiliaries; ``None`` when
    it names no one."""
    words = name.replace("\n", " ").split()
    while words and words[0].lower() in _LEADING_FILLER:
        words = words[1:]
    while words and (words[-1].lower() in _TRAILING_WORDS or (words[-1].endswith("ly") and words[-1].islower())):
        words = words[:-1]
    if not words or len(words) > 7:
        return None
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return words[0].lower()
    if not any(w[0].isupper() for w in words):
        return None  # "the statement noted": nobody named
    if any(_VERB.fullmatch(w) for w in words):
        return None
    return " ".join(words).strip(" ,.;:")


def _same_sentence_speaker(text: str, start: int, earlier: list[Quotation]) -> str | None:
    """The speaker of an earlier quotation in the same sentence (``Iran warned that "war crimes"
    ... with "far-reaching consequences"``): one attribution covers both."""
    if not earlier or earlier[-1].speaker is None:
        return None
    between = text[earlier[-1].end + 1 : start - 1]
    return None if _SENTENCE_END.search(between) else earlier[-1].speaker


def _resolve_pronoun(text: str, start: int, earlier: list[Quotation]) -> str | None:
    """The speaker of the nearest earlier quotation in this or the previous paragraph."""
    paragraph_start = text.rfind("\n", 0, start)
    previous = text.rfind("\n", 0, max(0, paragraph_start - 1)) if paragraph_start > 0 else -1
    while previous > 0 and not text[previous + 1 : paragraph_start].strip():
        previous = text.rfind("\n", 0, previous - 1) if previous > 1 else -1
    for quote in reversed(earlier):
        if quote.start < previous:
            break
        if quote.speaker is not None:
            return quote.speaker
    return None
