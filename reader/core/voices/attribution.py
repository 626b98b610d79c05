"""Who said a quotation, where :func:`reader.core.align.quotes.find_quotations` found no one.

The quotation finder reads attributions made with verbs of saying ("...," Raisi said). News
also quotes through other verbs, with the speaker as the sentence's subject: ``Amirabdollahian
praised the rampage as a "historic victory"``, ``Khamenei referred to the conflict as "one of
the manifestations..."``, ``The Iranian foreign minister congratulated Haniyeh on the
"victories..."``. :func:`attribute` adds that reading, and resolves pronouns (``"...," he
noted``; ``He called on ... "will not last."``) to the speaker of the nearest earlier quotation
of the same or the previous paragraph, once every quotation has had its chance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.align.quotes import Quotation
from reader.core.voices.names import PRONOUNS, TITLES

__all__ = ["attribute"]

_SENTENCE_START = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z])|\n")
_PRONOUN_AFTER = re.compile(r"[,]?\s*[\"'\u201d\u2019]?,?\s*(he|she|they)\s+[a-z]+", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:[a-z]+ed|said|says|told|spoke|wrote|gave|made|took|called|expressed|described|referred|"
    r"hailed|praised|defended|warned|urged|accused|condemned|congratulated|welcomed|vowed|insisted|"
    r"added|has|have|had|is|was|were|will|would)\b"
)
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]")
_SUBJECT_WORDS = 8
_NOT_SPEAKERS = frozenset(
    "least more than people deal victory statement report post website data fact number most some all "
    "many few several".split()
)


def attribute(text: str, quotes: Sequence[Quotation]) -> list[str | None]:
    """The speaker of each quotation as the article names it (``Iran's foreign minister``,
    ``Raisi``), or ``None``; pronouns come back resolved to the name they stand for."""
    said: list[str | None] = []
    for quote in quotes:
        name = quote.speaker
        if name is None:
            name = _pronoun_after(text, quote) or _subject_before(text, quote)
        said.append(name)
    resolved: list[str | None] = []
    for i, (quote, name) in enumerate(zip(quotes, said)):
        if name is not None and name.lower() in PRONOUNS:
            name = _earlier_speaker(text, quotes, resolved, i)
        elif name is None and i and resolved[i - 1] is not None and not _SENTENCE_START.search(text, quotes[i - 1].end + 1, quote.start - 1):
            name = resolved[i - 1]  # 'praised the "new generation" ... for "rising up"': one attribution for both
        resolved.append(name)
    return [(written or name, name) for written, name in zip(said, resolved)]


def _pronoun_after(text: str, quote: Quotation) -> str | None:
    """``"...," he noted``: a pronoun right after the closing mark."""
    match = _PRONOUN_AFTER.match(text, quote.end, min(len(text), quote.end + 40))
    return match.group(1).lower() if match else None


def _subject_before(text: str, quote: Quotation) -> str | None:
    """The subject of the sentence the quotation sits in, when the quotation follows its verb:
    the words before the first verb of the clause that holds the quotation's opening mark."""
    mark = quote.start - 1
    lo = max(0, mark - 400)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, mark)]
    begin = starts[-1] if starts else lo
    head = text[begin:mark]
    if '"' in head or "\u201c" in head or "\u201d" in head:
        return None  # another quotation stands between: its attribution is not this one's
    verbs = list(_VERB.finditer(head))
    if not verbs:
        return None
    verb = verbs[0]
    subject = head[: verb.start()]
    chunks = [c.strip() for c in _CLAUSE.split(subject) if c.strip()]
    if not chunks:
        return None
    candidate = chunks[-1]
    # "During their meeting in Doha on Saturday, Iranian foreign minister X praised": the
    # subject is the last chunk; drop a leading adverbial phrase ("On October 14").
    words = candidate.split()
    while words and words[0][:1].isupper() and words[0].lower() in ("on", "in", "during", "after", "meanwhile"):
        words = words[1:]
        while words and not words[0][:1].isupper() and words[0].lower() not in ("the", "his", "her"):
            words = words[1:]
    if not words or len(words) > _SUBJECT_WORDS:
        return None
    candidate = " ".join(words)
    if candidate.lower() in PRONOUNS:
        return candidate.lower()
    if any(w.lower() in _NOT_SPEAKERS or w[:1].isdigit() for w in words):
        return None  # "At least four people", "The deal"
    if not any(w.lower() in TITLES for w in words):
        names = [w for w in words if w[:1].isupper() and w.lower() not in ("the", "a", "an")]
        if not names or not any(_named_elsewhere(text, w) for w in names):
            return None  # "Residents camped out...": capitalised only because it starts the sentence
    return candidate


def _named_elsewhere(text: str, word: str) -> bool:
    """Whether ``word`` is written capitalised inside a sentence somewhere (a name), not only
    at the start of one."""
    bare = word.removesuffix("'s").removesuffix("\u2019s").strip(",.")
    return re.search(rf"[a-z,] {re.escape(bare)}\b", text) is not None


def _earlier_speaker(text: str, quotes: Sequence[Quotation], resolved: list[str | None], i: int) -> str | None:
    """The resolved speaker of the nearest earlier quotation in this or the previous paragraph."""
    start = quotes[i].start
    paragraph = text.rfind("\n", 0, start)
    previous = text.rfind("\n", 0, max(0, paragraph - 1)) if paragraph > 0 else -1
    while previous > 0 and not text[previous + 1 : paragraph].strip():
        previous = text.rfind("\n", 0, previous - 1) if previous > 1 else -1
    for j in range(i - 1, -1, -1):
        if quotes[j].start < previous:
            break
        if resolved[j] is not None:
            return resolved[j]
    return None
