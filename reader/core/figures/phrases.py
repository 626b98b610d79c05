"""Reading one figure in its sentence: its qualifier, the noun it counts, the verb that says
what happened, who it belongs to, the words around it, and what its value allows.

:func:`read_mention` is the one entry point (:func:`reader.core.figures.mentions.extract` calls
it for every quantity of an article); the helpers below are its parts.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import lru_cache

from reader.core.figures import lexicon
from reader.core.figures.lexicon import (
    AUXILIARIES, GENERIC_STEMS, QUALIFIERS, QUALIFIERS_AFTER, STOP, is_verb, predicate_class, sentence_words, stem,
)
from reader.core.figures.model import Mention
from reader.core.numbers import Kind, Number, compiled_kernels

__all__ = ["Sentence", "bounds_of", "log_gap", "read_mention"]

_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade "
    "decades century centuries night nights am pm".split()
)
_COMPOUND_SKIP = re.compile(r"-(?:year|month|week|day|hour|minute|second|time|times|decade)s?\b|\s?-?\s?years?[\s-]old\b", re.I)
_QUALIFIER_NORMAL = dict(QUALIFIERS)
_QUALIFIER_WORDS = frozenset(_QUALIFIER_NORMAL)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(q).replace("\\ ", "\\s+") for q, _ in QUALIFIERS) + r")\s+(?:\$\s?)?$",
    re.IGNORECASE,
)
_CLAUSE_CHARS = frozenset(",;:()\u2013\u2014")
_OTHER_CLAUSE = 0.5
"""Words past a comma, a dash or a bracket weigh this much less: a figure's own clause says
what it counts ("killed 230,000 people, over 170,000 of them in Aceh")."""
_NOT_COUNTED = frozenset(
    "thing things point points way ways example examples reason reasons kind kinds sort sorts part "
    "side sides hand hands another shop occasion occasions".split()
)
_COORDINATED = re.compile(r"\s*(?:,|and|or|to)\s+(?:\$\s?)?\d(?:[\d,.]*\d)?(?:\s?(?:million|billion|%|percent))?")
_COMPOUND = re.compile(r"-[A-Za-z]")
_CONVERSION = re.compile(
    r"\b(?:kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|feet|foot|inch(?:es)?|yards?|tonnes?|tons?|kilograms?|kg|"
    r"pounds?|lbs?|degrees?|hectares?|acres?|lit(?:er|re)s?|gallons?|centimet(?:er|re)s?|cm)\s*\(\s*$",
    re.I,
)
_PARTITIVE = re.compile(r"\s+of\s+(?:which|whom)\b", re.I)
_MAGNITUDE_AFTER = re.compile(r"(?:\s+and\s+\d+(?:\.\d+)?)?[\s-]*(?:magnitude|on the richter)\b", re.I)
_MAGNITUDE_BEFORE = re.compile(r"\b(?:magnitude|measuring|richter)\b(?:[^.;]|\.\d)*$", re.I)
_QUAKE_AFTER = re.compile(r"[\s-]*(?:earthquake|quake|temblor|tremor)s?\b", re.I)
_IRREGULAR_VERBS = frozenset(
    "struck hit left fled took made set led sent fell rose went came saw held won lost felt put ran told began "
    "became brought caught shook stood spoke wrote drove rode bought sold paid gave kept met".split()
)
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z][\w.]*|\bNo\.|#)\s?$")
_OBJECT_START = frozenset("the a an it its that this these those his her their him them us me to".split())
_ADVERBS = frozenset("often never always again ever soon once twice".split())
_PERIODS = {"annually": "a year", "a year": "a year", "per year": "a year", "each year": "a year",
            "yearly": "a year", "per annum": "a year", "a month": "a month", "per month": "a month",
            "monthly": "a month", "a week": "a week", "per week": "a week", "a day": "a day",
            "per day": "a day", "daily": "a day", "a share": "a share", "per share": "a share",
            "-per-share": "a share", "-per-year": "a year"}
_PERIOD = re.compile(r"\s?(" + "|".join(sorted(map(re.escape, _PERIODS), key=len, reverse=True)) + r")\b", re.I)
_NOUN_WEIGHT = 0.6
"""The weight of the counted noun among the context words (a neighbour at distance 2)."""
_LEFT_WORDS = 6
_RIGHT_WORDS = 6
_CONTEXT_WORDS = 14


class Sentence:
    """One sentence's words (absolute offsets), clause marks and attributions, read once for
    all the figures in it."""

    __slots__ = ("start", "end", "words", "starts", "marks", "dropped", "anchors", "skipped", "_keys", "_clauses")

    def __init__(self, text: str, start: int, end: int, anchors: tuple[str, ...]) -> None:
        self.start, self.end, self.anchors = start, end, anchors
        self.words, self.starts, self.marks = sentence_words(text, start, end)
        piece = text[start:end]
        if any(word in piece for word in _ATTRIBUTION_WORDS):  # most sentences attribute nothing
            self.dropped = [m.span() for m in _ATTRIBUTION.finditer(text, start, end)]
            starts = self.starts
            self.skipped = frozenset(i for a, b in self.dropped for i in range(bisect_left(starts, a), bisect_left(starts, b)))
        else:
            self.dropped, self.skipped = [], frozenset()
        """The indices of the words that start inside an attribution (``dropped``)."""
        self._keys: list[str | None] | None = None
        self._clauses: list[int] = []

    def keyed(self) -> tuple[list[str | None], list[int]]:
        """Each word's context key (:func:`_context_key`) and how many clause marks come before
        it, worked out once for all the figures of the sentence."""
        if self._keys is None:
            global _KEYS
            known = _KEYS
            if len(known) > 1 << 16:
                known = _KEYS = {}  # a new one: never emptied while another thread reads it
            self._keys = [known[w] if w in known else known.setdefault(w, _context_key(w)) for _, _, w in self.words]
            marks = self.marks
            self._clauses = [bisect_left(marks, s) for s in self.starts] if marks else [0] * len(self.words)
        return self._keys, self._clauses

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """The words starting in ``[lo, hi)``."""
        return self.words[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def marked(self, lo: int, hi: int) -> bool:
        """Whether a clause mark lies in ``[lo, hi)``."""
        i = bisect_left(self.marks, lo)
        return i < len(self.marks) and self.marks[i] < hi


def read_mention(doc: str, text: str, number: Number, sentence: Sentence) -> Mention | None:
    """The mention of ``number`` in ``sentence``, or ``None``."""
    s_start, s_end, anchors = sentence.start, sentence.end, sentence.anchors
    after = text[number.end : min(s_end, number.end + 80)]
    unit = "magnitude" if _magnitude(text, number, s_start) else None
    if number.kind is Kind.NUMBER and unit is None and (_COMPOUND_SKIP.match(after) or _COMPOUND.match(after)):
        return None  # "10-year-old", "two-time", "one-punch knockout": an age, a duration, a modifier
    if text[max(s_start, number.start - 30) : number.start].rstrip().endswith("(") and _CONVERSION.search(
            text, max(s_start, number.start - 30), number.start):
        return None  # "75 kilometers (50 miles)": the same distance in other units
    if _PARTITIVE.match(after):
        return None  # "seven bridges, two of which collapsed": part of a figure already given
    before = text[max(s_start, number.start - 40) : number.start]
    if number.kind is Kind.NUMBER and _identifier(text, number, s_start, before, after):
        return None
    qualifier, q_start = _qualifier_before(text, number.start, s_start)
    left_end = q_start if q_start is not None else number.start
    left = sentence.between(max(s_start, left_end - 60), left_end)
    left = [w for w in left if w[1] <= left_end]
    right_words = [(a - number.end, b - number.end, w) for a, b, w in sentence.between(number.end, number.end + len(after))
                   if b <= number.end + len(after)]
    if number.kind is Kind.SCORE:
        noun_run, noun_end = _owner(left), None
        noun = noun_run[0] if noun_run else None
    else:
        noun, noun_run, noun_end = _noun(text, number, right_words, after)
        shared = _COORDINATED.match(after) if noun is None else None
        if shared is not None:  # "7.6 and 7.5 magnitude quakes": the noun after the last holds for both
            rest = after[shared.end() :]
            noun, noun_run, _ = _noun(text, number, lexicon.words(rest), rest)
    noun_words = tuple(stem(w) for w in noun_run)
    if noun is not None and noun.lower() in _TIME_UNITS:
        return None  # "29 hours", "five weeks ago": a duration
    qualifier_after, q_end = _qualifier_after(text, number.end)
    qualifier = qualifier or qualifier_after
    verb, verb_stem = _verb(left, right_words, noun_words, number, after)
    if unit is not None:
        verb, verb_stem = unit, stem(unit)  # the scale says what is measured
    elif verb is None and number.kind is Kind.SCORE and noun is not None:
        verb, verb_stem = "record", stem("record")
    if noun is None and verb is None:
        return None  # nothing says what it counts
    if number.kind is Kind.NUMBER and number.low == 1 and (noun is None or re.match(r"\s+of\b", after)):
        return None  # "one of the", "one another"
    if noun is not None and noun.lower() in _NOT_COUNTED:
        return None  # "one thing", "two ways": a turn of phrase, not a figure
    start = q_start if q_start is not None else number.start
    end = max(number.end, q_end or 0, noun_end or 0)
    low, high = bounds_of(number, qualifier)
    context = _context(text, number, sentence, tuple(zip(noun_words, noun_run)))
    period = _PERIOD.match(text, end)
    return Mention(doc, start, end, number, qualifier, low, high, noun, noun_words, verb, verb_stem,
                   context, (s_start, s_end), period=_PERIODS[period.group(1).lower()] if period else None,
                   unit=unit, owner=_possessor(left), anchors=anchors, dimension=_dimension(number, unit))


def _dimension(number: Number, unit: str | None) -> str:
    """What a figure's value measures (see :attr:`Mention.dimension`)."""
    kind = number.kind
    if kind is Kind.MONEY or (kind is Kind.RANGE and number.currency):
        return f"money:{number.currency}"
    if kind is Kind.PERCENT or (kind is Kind.RANGE and number.form.startswith("range:%")):
        return "percent"
    if kind is Kind.SCORE:
        return "score"
    return unit or "count"


def _magnitude(text: str, number: Number, s_start: int) -> bool:
    """Whether the number is an earthquake's magnitude (``7.6-magnitude``, ``magnitude 6.1``,
    ``measuring 7.6 and 7.4``, ``7.6 and 7.5 magnitude quakes``)."""
    if number.kind is not Kind.NUMBER or not 0 < (number.low or 0) < 10:
        return False
    if number.precision < 1 and _QUAKE_AFTER.match(text, number.end):
        return True  # "a 9.1 temblor"
    return bool(_MAGNITUDE_AFTER.match(text, number.end) or _MAGNITUDE_BEFORE.search(text[max(s_start, number.start - 30) : number.start]))


def _owner(left: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """Whose score or record it is: the nearest capitalised word before it (``Klitschko (52-3``,
    ``Klitschko's record to 52-3``, ``Riddick Bowe, 43-1``)."""
    for _, _, word in reversed(left[-5:]):
        if word[:1].isupper() and word.lower() not in STOP and not word.endswith(("-born", "-based")):
            return (word,)
    return ()


def _possessor(left: list[tuple[int, int, str]]) -> str | None:
    """``IBM's 10 percent``, ``IBM had 7.2 %``, ``EDS earned $ 716 million``: the name right
    before a figure (through one verb of having), as a stem."""
    words = [w for _, _, w in left[-3:]]
    while words and words[-1].lower() in ("had", "has", "have", "with", "earned", "posted", "reported"):
        words.pop()
    if words and words[-1][:1].isupper() and words[-1].lower() not in STOP and len(words[-1]) > 1:
        return stem(words[-1])
    return None


def _identifier(text: str, number: Number, s_start: int, before: str, after: str) -> bool:
    """``Route 52``, ``Building 6000``, ``No. 1``: a number naming something, not counting it."""
    match = _IDENTIFIER_BEFORE.search(before)
    if match is None or before.endswith(("  ", "\n")):
        return False
    word = match.group().strip()
    if word.lower().rstrip(".") in _QUALIFIER_WORDS or word.lower() in STOP:
        return False
    if text[s_start : number.start].strip() == word:
        return False  # the sentence starts with it: "About 2,750 people..."
    following = lexicon.words(after[:20])
    return (not following or not following[0][2].islower() or after[: following[0][0]].strip() != ""
            or following[0][2] in STOP or following[0][2] in ("at", "on", "in", "near"))


def _qualifier_before(text: str, start: int, s_start: int) -> tuple[str | None, int | None]:
    """The qualifier written just before ``start`` and where it begins."""
    match = _QUALIFIER_BEFORE.search(text, max(s_start, start - 24), start)
    if match is None:
        return None, None
    return _QUALIFIER_NORMAL[" ".join(match.group(1).lower().split())], match.start()


def _qualifier_after(text: str, end: int) -> tuple[str | None, int | None]:
    """``or more``, ``or so``, ``-plus`` just after a number."""
    tail = text[end : end + 10].lower()
    for phrase, normal in QUALIFIERS_AFTER:
        gap = "" if phrase.startswith("-") else " "
        if tail.startswith(gap + phrase) and not tail[len(gap + phrase) : len(gap + phrase) + 1].isalpha():
            return normal, end + len(gap + phrase)
    return None, None


def _noun(text: str, number: Number, right: list[tuple[int, int, str]], after: str) -> tuple[str | None, tuple[str, ...], int | None]:
    """The counted noun after the number (through ``of`` for ``dozens of civilians`` and ``10
    percent of the market``): the head as written, the phrase's stems, where the phrase ends."""
    pos, run, end = 0, [], None
    gap = after[: right[0][0]] if right else ""
    if not right or ("," in gap or ";" in gap or ")" in gap or "(" in gap or "." in gap.strip(" -")):
        return None, (), None
    i = 0
    first = right[0][2].lower()
    if first == "of" and (number.kind in (Kind.VAGUE, Kind.PERCENT) or (number.low or 0) >= 100 and number.precision >= 100):
        i = 1
        while i < len(right) and (right[i][2].lower() in ("the", "its", "their", "his", "her", "a", "an", "all", "these", "those")
                                  or right[i][2].endswith(("'s", "\u2019s"))):
            i += 1
    while i < len(right) and len(run) < 4:
        w_start, w_end, word = right[i]
        between = after[pos:w_start] if run else ""
        if run and between.strip(" -"):
            break
        low = word.lower()
        if low.endswith("ly") or low in _ADVERBS or low in _IRREGULAR_VERBS:
            break
        if low in STOP and low not in ("others", "people") or low in AUXILIARIES or low in ("and", "or", "of", "in", "on", "at", "to"):
            break
        if run and (low.endswith(("ed", "ing")) and not low.endswith(("ised", "ized")) and low not in ("wounded", "injured", "dead")):
            break
        if low.endswith(("ed", "ing")) and not run and low not in ("wounded", "injured", "displaced", "missing", "dead"):
            if low.endswith("ing") and not predicate_class(stem(low)):
                pass  # "building": a noun
            else:
                break
        run.append(word)
        end = number.end + w_end
        pos = w_end
        i += 1
        if (number.high or 0) > 1 and low.endswith("s") and not low.endswith("ss") and len(low) > 3 and i < len(right) and (
            _verbish(right[i][2]) or (i + 1 < len(right) and right[i + 1][2].lower() in _OBJECT_START)
        ):
            break  # "1,500 terrorists cross the border", "files prove it": the plural is the head
    if not run:
        return None, (), None
    return run[-1], tuple(run), end


def _verbish(word: str) -> bool:
    """Whether ``word`` after a plural noun reads as its verb."""
    low = word.lower()
    return low in AUXILIARIES or low.endswith(("ed", "ing")) or bool(predicate_class(stem(low))) and not low.endswith("s")


def _verb(left: list[tuple[int, int, str]], right: list[tuple[int, int, str]], noun_words: tuple[str, ...],
          number: Number, after: str) -> tuple[str | None, str | None]:
    """What happened to what is counted: the word right after the noun phrase (auxiliaries
    skipped: ``700 Israelis have been killed``) or the nearest one before the number in its
    clause (``killing 1,300 people``, ``the death of over 700 Israelis``). A known predicate
    wins over another word; after the noun, ``and`` or a comma ends the clause."""
    after_words: list[str] = []
    skip = len(noun_words) + (1 if right and right[0][2].lower() == "of" and noun_words else 0)
    pos = right[skip - 1][1] if skip and skip <= len(right) else 0
    for w_start, w_end, word in right[skip : skip + _RIGHT_WORDS]:
        low = word.lower()
        if not _CLAUSE_CHARS.isdisjoint(after[pos:w_start]) or low in ("and", "but", "or", "while"):
            break
        pos = w_end
        if low in AUXILIARIES or low == "not" or low.endswith("ly"):
            continue  # "were seriously injured"
        after_words.append(word)
        if len(after_words) == 3:
            break
    before_words: list[str] = []
    for _, _, word in reversed(left[-_LEFT_WORDS:]):
        low = word.lower()
        if low in ("of", "the", "a", "an", "to", "by", "its", "their", "his", "her", "our", "for", "and", "at"):
            continue
        before_words.append(word)
        if len(before_words) == 5:
            break
    candidates = after_words[:1] + before_words[:1] + after_words[1:]
    for word in candidates:
        if predicate_class(stem(word)) and word.lower() not in STOP:
            return word, stem(word)
    for word in before_words[1:]:
        if is_verb(word):
            return word, stem(word)  # "funds its Gaza proxy $100m": a verb a few words back
    for word in after_words[:1] + before_words[:1]:
        low = word.lower()
        if low in STOP or low in _ADVERBS or low.endswith("ly"):
            continue
        if low.endswith(("ed", "ing")) or (after_words and word is after_words[0] and noun_words):
            return word, stem(word)
    return None, None


_ATTRIBUTION = re.compile(
    r"\baccording to\b[^,.;:]*|,[^,]{0,80}?\b(?:said|says|reported|reports|told|stated|added|noted)\b"
    r"(?:\s+[\w'\u2019.-]+){0,5}\W*$"
)
_ATTRIBUTION_WORDS = ("said", "says", "told", "according to", "reported", "reports", "stated", "added", "noted")
"""The words :data:`_ATTRIBUTION` cannot match without: a sentence holding none is not searched."""


def _context(text: str, number: Number, sentence: Sentence, noun: tuple[tuple[str, str], ...]) -> tuple[tuple[str, float, str], ...]:
    """The sentence's content stems, each weighted by closeness to the number (the nearest
    occurrence counts; past a comma or a dash, half as much), the counted noun's at a fixed
    weight. Who reported the figure ("according to the Israeli Health Ministry", "...,
    officials said") says nothing about what it counts and is left out."""
    weights: dict[str, float] = {}
    written: dict[str, str] = {}  # each key's word as written (keys in the order of ``weights``)
    for key, word in noun:
        if key not in GENERIC_STEMS:
            key = _class_token(key)
            weights[key] = _NOUN_WEIGHT
            written[key] = word
    starts, words, marks = sentence.starts, sentence.words, sentence.marks
    keys, clauses = sentence.keyed()
    first_right, last_left = bisect_left(starts, number.end), bisect_left(starts, number.start) - 1
    skipped, nearness, kernel = sentence.skipped, _NEARNESS, compiled_kernels()
    for side, indices, reference in (
        (-1, range(last_left, max(-1, last_left - _CONTEXT_WORDS), -1), bisect_left(marks, number.start)),
        (1, range(first_right, min(len(words), first_right + _CONTEXT_WORDS)), bisect_left(marks, number.end)),
    ):
        if kernel is not None:  # the loop below, compiled
            kernel.context_side(keys, clauses, words, indices.start, indices.stop, indices.step, reference, side, skipped,
                                nearness, _OTHER_CLAUSE, weights, written)
            continue
        distance = 0
        for i in indices:
            if skipped and i in skipped:  # inside an attribution
                continue
            distance += 1
            key = keys[i]
            if key is None:
                continue
            crossed = reference - clauses[i] if side < 0 else clauses[i] - reference
            weight = (_OTHER_CLAUSE ** crossed if crossed > 0 else 1.0) / nearness[distance]
            if weight > weights.get(key, 0.0):
                weights[key] = weight
                written[key] = words[i][2]
    return tuple(zip(weights, weights.values(), written.values()))


_NEARNESS = [1.0 + distance / 4.0 for distance in range(_CONTEXT_WORDS + 1)]
"""What a context word's weight is divided by at each distance from the number."""
_KEYS: dict[str, str | None] = {}
""":func:`_context_key` of the words read so far (let go past 65,536 words)."""


def _class_token(stemmed: str) -> str:
    """A stem, or its predicate class when it has one (``killing`` and ``death`` both count as
    ``@killed``)."""
    classes = predicate_class(stemmed)
    return "@" + classes[0] if classes else stemmed


@lru_cache(maxsize=1 << 16)
def _context_key(word: str) -> str | None:
    """A word's key among the context words: its stem or predicate class; ``None`` for function
    words, words under three letters and the generic words for people."""
    low = word.lower()
    if low in STOP or len(low) < 3:
        return None
    key = stem(word)
    if key in GENERIC_STEMS:
        return None
    return _class_token(key)


def bounds_of(number: Number, qualifier: str | None) -> tuple[float, float]:
    """The values a figure allows once its qualifier is read: ``more than 400`` allows 400 up to
    (not including) 500, the next figure as round as it (or 2% above an unround one: ``more
    than 413`` up to 421); ``about 13 billion`` 12.5 to 13.5 billion (half its roundness, or
    5%); ``nearly 14 billion`` 13 to 14 billion; a vague quantity its range."""
    low, high = float(number.low or 0.0), float(number.high or 0.0)
    if number.kind in (Kind.VAGUE, Kind.SCORE) or qualifier is None:
        return low, high
    step = max(number.precision, abs(high) / 50.0)
    if qualifier in ("at least", "more than"):
        return low, high + step * 0.999  # up to the next round figure, not including it
    if qualifier == "about":
        half = max(number.precision / 2.0, abs(high) / 20.0)
        return low - half, high + half
    if qualifier in ("nearly", "up to", "less than"):
        return max(0.0, low - step), high
    return low, high


def log_gap(a_low: float, a_high: float, b_low: float, b_high: float) -> float:
    """How far apart two value intervals are, as a natural log of the ratio of their nearest
    ends (0 when they overlap)."""
    if a_high >= b_low and b_high >= a_low:
        return 0.0
    lo, hi = (a_high, b_low) if a_high < b_low else (b_high, a_low)
    if lo <= 0:
        return math.inf if hi > 0 else 0.0
    return math.log(hi / lo)
