"""Numbers, amounts, dates and scores of news text, normalised so that outlets' spellings agree.

:func:`number_terms` reads the figures in a stretch of text and gives each one a canonical
form, with where it lies:

* ``1,300`` = ``1300``; ``13.9`` stays one figure (not ``13`` and ``9``);
* amounts with a unit: ``$100m`` = ``$100 million`` = ``$ 100 million`` = ``$100mn`` =
  ``100 million`` (``n:100000000``: the currency is left out, outlets often drop it);
* percentages: ``25%`` = ``25 percent`` = ``25 per cent``;
* scores and records: ``52-3``, ``45-7-2``, ``9 - 14`` (spaces around the dash dropped);
* clock times: ``7:48 a.m.`` = ``7 : 48 am``, ``2.30am`` = ``2:30 a.m.``;
* dates: ``December 31`` = ``31 December`` = ``Dec. 31``;
* number words: ``seven`` = ``7``, ``sixth`` = ``6th``, ``a dozen`` = ``12``.

The forms are plain strings (``n:1300``, ``n:100000000``, ``%:25``, ``score:52-3``,
``time:7:48``, ``date:12-31``, ``ord:6``); the claims stage indexes them next to the content
words. ``one`` and ``first`` are left out: they are too often not figures ("one of the").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["NumberTerm", "number_terms"]

NumberTerm = tuple[int, int, str]
"""``(start, end, form)``: a figure's character range and its canonical form."""

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "twentieth": 20,
}
_SCALE = {
    "thousand": 3, "k": 3, "million": 6, "m": 6, "mn": 6, "mln": 6, "billion": 9, "bn": 9,
    "b": 9, "trillion": 12, "tn": 12, "trn": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d[\d,]*(?:\.\d+)?"

_TERM = re.compile(
    # a clock time: 7:48, 7 : 48 am, 2.30am, 4:43 a.m.
    rf"(?P<time>\b\d{{1,2}}\s?:\s?\d{{2}}(?:\s?[ap]\.?\s?m\b\.?)?|\b\d{{1,2}}\.\d{{2}}\s?[ap]\.?m\b\.?)"
    # a score or record: 52-3, 45-7-2, 9 - 14 (not a year range such as 2008-09? kept too)
    rf"|(?P<score>\b\d{{1,3}}(?:\s?-\s?\d{{1,3}})+\b(?!\s?-?\s?(?:year|month|week|day|hour|minute|second|foot|feet|meter|metre|mile|magnitude)))"
    # a date: December 31, Dec. 31, 31 December
    rf"|(?P<date>\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})\b(?!\s?[:.,]?\d)|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\b))"
    # an ordinal in digits: 6th, 21st
    r"|(?P<dord>\b\d+(?:st|nd|rd|th)\b)"
    # an amount: $100m, $ 13.9 billion, 25%, 25 percent, 1,300, 13.9bn
    rf"|(?:(?P<money>[$\u20ac\u00a3]|\bUS\$|\bUSD)\s?)?(?P<num>{_NUM})(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|trn|tn|m|b|k)\b)?(?:\s?(?P<pct>%|percent\b|per\s?cent\b))?"
    # number words and ordinals
    rf"|(?P<word>\b(?:{'|'.join(sorted(_WORDS, key=len, reverse=True))})\b)"
    rf"|(?P<ord>\b(?:{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)


_STARTERS = frozenset(_MONTHS) | frozenset(_WORDS) | frozenset(_ORDINALS)
"""Folded words a figure can start with (besides digits and currency signs)."""


def number_terms(text: str, start: int = 0, end: int | None = None) -> list[NumberTerm]:
    """The figures of ``text[start:end]`` with their canonical forms (see the module)."""
    from reader.core.align.tokens import split_words

    end = len(text) if end is None else end
    words, starts, _, _ = split_words(text[start:end])
    return [(a + start, b + start, form) for a, b, form in figures(text[start:end], words, starts)]


def figures(text: str, words: list[str], starts: list[int], numbers: list[int] | None = None) -> list[NumberTerm]:
    """The figures of ``text``, given its folded words, their offsets and which words are
    numbers (:func:`reader.core.align.tokens.split_words`): the pattern is only tried where a
    word can start one (a digit, a month, a number word), so a text is read once, quickly."""
    if numbers is None:
        numbers = [k for k, word in enumerate(words) if word[0].isdigit()]
    present = _STARTERS.intersection(words)
    where = numbers
    if present:
        where = sorted(set(numbers).union(k for k, word in enumerate(words) if word in present))
    out: list[NumberTerm] = []
    done = 0
    for k in where:
        word, pos = words[k], starts[k]
        if pos < done:
            continue
        lo = pos
        if word[0].isdigit():
            # A currency sign before the number belongs to it: "$100m", "$ 13.9", "US$3.5".
            back = pos - 1 if pos > 0 and text[pos - 1] == " " else pos
            if back > 0 and text[back - 1] in "$\u20ac\u00a3":
                lo = back - 1
                if lo >= 2 and text[lo - 2 : lo] == "US":
                    lo -= 2
        match = _TERM.match(text, lo)
        if match is None or match.end() <= pos:
            continue
        form = _form(match)
        if form is not None:
            out.append((lo, match.end(), form))
            done = match.end()
    return out


def _form(match: re.Match[str]) -> str | None:
    """The canonical form of one match of :data:`_TERM`."""
    group = match.groupdict()
    if group["time"]:
        digits = re.findall(r"\d+", group["time"])
        return f"time:{int(digits[0])}:{digits[1]}"
    if group["score"]:
        return "score:" + "-".join(str(int(x)) for x in re.findall(r"\d+", group["score"]))
    if group["date"]:
        month = group["m1"] or group["m2"]
        day = group["d1"] or group["d2"]
        if month.lower() == "may" and group["m2"] is None and not month[0].isupper():
            return None  # "may 5" as a verb
        if not month[0].isupper():
            return None
        return f"date:{_MONTHS[month.lower()]}-{int(day)}"
    if group["num"]:
        value = _decimal(group["num"])
        if value is None:
            return None
        scale = (group["scale"] or "").lower()
        if scale:
            if scale in ("m", "b", "k") and not group["money"]:
                return f"n:{_plain(value)}"  # "7 m" is seven metres, not seven million
            value = value.scaleb(_SCALE[scale])
        if group["pct"]:
            return f"%:{_plain(value)}"
        return f"n:{_plain(value)}"
    if group["dord"]:
        return f"ord:{int(group['dord'][:-2])}"
    if group["word"]:
        return f"n:{_WORDS[group['word'].lower()]}"
    if group["ord"]:
        return f"ord:{_ORDINALS[group['ord'].lower()]}"
    return None


def _decimal(text: str) -> Decimal | None:
    """``1,300`` and ``13.9`` as exact decimals (a comma not three digits from the end or the
    dot ends the number: "4,5" is read as 45 anyway; news uses commas as separators)."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    """``value`` without exponent or trailing zeros (``1.30E+3`` -> ``1300``)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
