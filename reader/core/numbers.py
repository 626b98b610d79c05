"""Numbers, amounts, dates and times in news text, read once and normalised so that outlets'
spellings agree. One definition for every part of Parallax that compares figures (the figures
stage, the aligner's number seeds).

:func:`scan` finds every numeric expression of a text with its exact span and a :class:`Number`:

* digits with separators and decimals: ``1,300`` = ``1300``, ``13.9``;
* number words: ``seven``, ``twenty-five``, ``one hundred and fifty``, ``a dozen``, ``2.3 million``;
* vague quantities as ranges: ``dozens`` (24-99), ``scores`` (40-199), ``hundreds``,
  ``thousands``, ``tens of thousands``, ``hundreds of thousands``, ``millions``;
* money: ``$100m`` = ``$100 million`` = ``$ 100 million`` = ``100 million dollars``; ``26 cents``;
* percentages: ``25%`` = ``25 percent`` = ``25 per cent``; shares: ``half of`` = 50%;
* ranges: ``$ 12 billion to $ 13 billion``, ``10 to 40``, ``between 5 and 10``, ``24-26%``;
* scores and records: ``52-3``, ``45-7-2``, ``9-14``;
* ordinals (``sixth``, ``11th``), years (``in 2004``), dates (``December 31`` = ``31 December`` =
  ``Dec. 31``; ``October 09,2023``) and clock times (``7:48 a.m.`` = ``7 : 48 am``, ``2.30am``,
  ``2 a.m.``, ``2248 GMT``): found so that no one takes them for counts, with a form of their own.

Every :class:`Number` carries a canonical :attr:`Number.form` string (``n:1300``,
``n:100000000``, ``%:25``, ``score:52-3``, ``range:10-40``, ``vague:24-99``, ``ord:6``,
``year:2004``, ``date:12-31`` or ``date:2023-10-09``, ``time:7:48``); two expressions with the
same form say the same thing. :func:`number_terms` gives ``(start, end, form)`` triples for
indexing, :func:`form_of` the form of one expression. No Textual, no Rich, no third-party code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

__all__ = ["Kind", "Number", "form_of", "number_terms", "parse_date", "scan"]


class Kind(str, Enum):
    """What a numeric expression is."""

    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    RANGE = "range"
    SCORE = "score"
    VAGUE = "vague"
    ORDINAL = "ordinal"
    YEAR = "year"
    DATE = "date"
    TIME = "time"


QUANTITIES = frozenset({Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.RANGE, Kind.SCORE, Kind.VAGUE})
"""The kinds that count or measure something (the rest say when or which)."""


@dataclass(frozen=True, slots=True)
class Number:
    """One numeric expression: ``text[start:end]``, read."""

    start: int
    end: int
    kind: Kind
    low: float | None = None
    """The smallest value the expression allows (its value when exact); ``None`` for dates."""
    high: float | None = None
    """The largest value it allows (``== low`` when exact)."""
    precision: float = 1.0
    """The place value of the last digit written, in the value's own units (``1,300`` -> 100,
    ``13.9 billion`` -> 100 million, ``413`` -> 1): how round the figure is."""
    parts: tuple[float, ...] = ()
    """The numbers of a score or record (``52-3`` -> ``(52, 3)``)."""
    currency: str | None = None
    """``$``, ``€``, ``£``... for money, or the currency word as written (``rupiah``)."""
    form: str = ""
    """The canonical form (see the module)."""

    @property
    def exact(self) -> bool:
        """Whether the expression names one value."""
        return self.low is not None and self.low == self.high and self.kind is not Kind.VAGUE


# --------------------------------------------------------------------------------------------
# Vocabulary

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ABBREVIATED = {"k": 1_000, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12, "trn": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
_VAGUE = {
    "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "millions": (2 * 10**6, 999 * 10**6), "billions": (2 * 10**9, 999 * 10**9),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (20 * 10**6, 99 * 10**6), "hundreds of millions": (200 * 10**6, 999 * 10**6),
}
_SHARES = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "a quarter": 25.0,
           "one quarter": 25.0, "one-fourth": 25.0, "one-third": 100 / 3, "two-thirds": 200 / 3,
           "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}
_CURRENCY_SIGNS = {"$": "$", "us$": "$", "usd": "$", "€": "€", "eur": "€", "£": "£", "gbp": "£", "¥": "¥"}
_CURRENCY_WORDS = ("dollars", "dollar", "euros", "euro", "pounds sterling", "pounds", "yen", "yuan",
                   "rupees", "rupiah", "rubles", "roubles", "shekels", "francs", "pesos", "cents")

_NUMBER_WORDS = "|".join(sorted([*_UNITS, *_SCALES, "dozen"], key=len, reverse=True))
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"(?:US\$|\$|€|£|¥|USD|EUR|GBP)"
_SCALE_WORD = r"(?:thousand|million|billion|trillion)"
_SCALE_ABBR = r"(?:mln|mn|bn|trn|tn|m|b|k)"
_PERCENT = r"(?:%|percent\b|per\s?cent\b|pct\b)"

# One amount written with digits: currency, number, scale, percent. ``(?<![\w.,])`` keeps the
# digits of "F-16" (see _GLUED), "A195,900" and "4.5.6" from being read as numbers.
_AMOUNT = (
    rf"(?:(?P<{{p}}sign>{_SIGN})\s?)?"
    rf"(?P<{{p}}num>{_DIGITS})"
    rf"(?:\s?-?\s?(?P<{{p}}scale>{_SCALE_WORD})\b|(?<=\d)(?P<{{p}}abbr>{_SCALE_ABBR})\b)?"
    rf"(?:\s?(?P<{{p}}pct>{_PERCENT}))?"
)

_ALTERNATIVES = (
    # Dates: "October 14", "Oct. 10, 2002", "October 09,2023", "31 December 2023", "December 2004"
    rf"(?P<date>\b(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s?%|[.:]\d)"
    rf"(?:,?\s?(?P<y1>(?:1[89]|20)\d\d)\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})\b\.?(?:,?\s(?P<y2>(?:1[89]|20)\d\d)\b)?"
    rf"|\b(?P<m3>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<y3>(?:1[89]|20)\d\d)\b"
    rf"|\b(?P<iy>(?:1[89]|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    # Clock times: "7:48 a.m.", "7 : 48 am", "2.30am", "2 a.m.", "2248 GMT", "2:15"
    r"|(?P<time>\b(?P<th>\d{1,2})\s?:\s?(?P<tm>\d{2})(?!\d)(?:\s?(?P<ap1>[ap])\.?\s?m\b\.?)?"
    r"|\b(?P<th2>\d{1,2})(?:\.(?P<tm2>\d{2}))?\s?(?P<ap2>[ap])\.?\s?m\b\.?"
    r"|\b(?P<th3>[0-2]\d)(?P<tm3>[0-5]\d)\s?(?:GMT|UTC|EST|EDT|CET|BST)\b)"
    # Ranges: "$ 12 billion to $ 13 billion", "10 to 40", "between 5 and 10", "24-26%"
    rf"|(?P<range>(?:\bbetween\s+)?{_AMOUNT.replace('{p}', 'a')}(?:\s?(?:-|–|to|and)\s?){_AMOUNT.replace('{p}', 'b')})"
    # Fractions: "3 1/2", "1/2"
    r"|(?P<frac>(?<![\w/.,])(?:(?P<fw>\d{1,3})\s)?(?P<fn>[1-9])/(?P<fd>[1-9]\d?)(?![\w/]))"
    # Scores and records: "52-3", "45-7-2", "9 - 14"
    r"|(?P<score>(?<![\w.,$-])\d{1,3}(?:\s?[-–]\s?\d{1,3}){1,2}(?![\w%-]|[.,]\d|\s?(?:percent|per cent|million|billion)))"
    # Ordinals in digits: "6th", "21st"
    r"|(?P<dord>\b\d+(?:st|nd|rd|th)\b)"
    # One amount
    rf"|(?P<amount>{_AMOUNT.replace('{p}', '')})"
    # Vague quantities and shares in words
    r"|(?P<vague>\b(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b|\b(?:dozens|scores|hundreds|thousands|millions|billions)\b)"
    r"|(?P<share>\b(?:half|a third|one third|a quarter|one quarter|one-fourth|one-third|two-thirds"
    r"|two thirds|three-quarters|three quarters)\b(?=\s+of\b)(?!\s+of\s+(?:\d{4}|the year|this year|next year|last year)\b))"
    # Numbers in words: "seven", "twenty-five", "one hundred and fifty", "a dozen", "a hundred"
    rf"|(?P<words>\b(?:(?:a|an)\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    rf"(?:{_NUMBER_WORDS})(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORDS}))*\b)"
    rf"|(?P<word_ord>\b(?:{'|'.join(_ORDINALS)})\b)"
)
_PATTERN = re.compile(_ALTERNATIVES, re.IGNORECASE)
_RANGE_AT = _ALTERNATIVES.index("|(?P<range>")
_NO_RANGE = re.compile(_ALTERNATIVES[:_RANGE_AT] + _ALTERNATIVES[_ALTERNATIVES.index("|(?P<score>"):], re.IGNORECASE)
_GLUED = re.compile(r"[A-Za-z]-?$")
_CURRENCY_AFTER = re.compile(rf"\s(?:{'|'.join(_CURRENCY_WORDS)})\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Scanning


def scan(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every numeric expression of ``text[start:end]``, in order, never overlapping.

    The full pattern is only tried where an expression can start: at a run of digits (or the
    currency sign, month or ``between`` just before it) and at a number word, found through a
    set lookup of the text's words. Most of a news article holds no figure, so this is many
    times quicker than searching with the full pattern everywhere, and finds the same."""
    end = len(text) if end is None else end
    found: list[Number] = []
    pos = start
    for candidate, back in _candidates(text, start, end):
        if candidate < pos:
            continue
        match = None
        for at in (back, candidate):
            if at is not None and at >= pos and (at == candidate or at < candidate):
                match = _PATTERN.match(text, at, end)
                if match is not None:
                    break
        if match is None:
            continue
        number = _read(text, match)
        if number is None and match.lastgroup == "range":
            # Not a range after all ("52-3", "7.6 and 7.5"): read what starts there without it.
            match = _NO_RANGE.match(text, match.start(), end) or match
            number = _read(text, match) if match.lastgroup != "range" else None
        if number is not None:
            found.append(number)
        pos = max(match.end(), candidate + 1)
    return found


_DIGIT_RUN = re.compile(r"\d+")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_BEFORE_DIGITS = re.compile(
    rf"(?:(?:\bbetween\s+)?(?:\bUS\$|\$|€|£|¥|\bUSD|\bEUR|\bGBP)\s?|\b{_MONTH_RE}\.?,?\s+(?:of\s+)?|\bbetween\s+)$",
    re.IGNORECASE,
)
_PLAIN_BEFORE = frozenset("(\n\"'-–,;:/")
_TRIGGER_WORDS = frozenset(
    [*_UNITS, *_SCALES, *_ORDINALS, "dozen", "dozens", "scores", "tens", "hundreds", "thousands",
     "millions", "billions", "half", "third", "quarter", "thirds", "quarters"]
)


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int | None]]:
    """Where an expression may start, sorted: ``(position, earlier start to try first)``."""
    out: list[tuple[int, int | None]] = []
    last = -1
    for run in _DIGIT_RUN.finditer(text, start, end):
        at = run.start()
        if at <= last + 1 and last >= 0 and text[last] in ",.":
            last = run.end()
            continue  # the thousands of "1,300" or the decimals of "13.9"
        last = run.end()
        back = None
        if at > start and text[at - 1] not in _PLAIN_BEFORE:
            before = _BEFORE_DIGITS.search(text, max(start, at - 16), at)
            back = before.start() if before is not None else None
        out.append((at, back))
    lower = text[start:end].lower()
    words = set(_NOT_LETTERS.split(lower)) & _TRIGGER_WORDS
    if words and len(lower) == end - start:
        for word in words:
            at = lower.find(word)
            while at >= 0:
                after = at + len(word)
                if (at == 0 or not lower[at - 1].isalpha()) and (after >= len(lower) or not lower[after].isalpha()):
                    back = at - 2 if lower[max(0, at - 2) : at] == "a " else at - 3 if lower[max(0, at - 3) : at] == "an " else None
                    out.append((start + at, None if back is None else start + back))
                at = lower.find(word, after)
        out.sort()
    elif words:  # lower-casing changed the length (rare scripts): search the text itself
        pattern = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![A-Za-z])", re.IGNORECASE)
        out.extend((m.start(), None) for m in pattern.finditer(text, start, end))
        out.sort()
    return out


def number_terms(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every numeric expression of ``text[start:end]``: what an index
    of figures needs. Money is indexed without its currency (outlets often drop it), so
    ``$100m`` and ``100 million`` both give ``n:100000000``."""
    out = []
    for number in scan(text, start, end):
        form = number.form
        if number.kind is Kind.MONEY:
            form = "n:" + form.split(":", 1)[1]
        out.append((number.start, number.end, form))
    return out


def form_of(expression: str) -> str | None:
    """The canonical form of ``expression`` when it is exactly one numeric expression
    (surrounding white space ignored), else ``None``: ``form_of("$100m") == form_of("$100
    million")``."""
    stripped = expression.strip()
    numbers = scan(stripped)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(stripped):
        return numbers[0].form
    return None


def parse_date(expression: str) -> str | None:
    """``"October 09,2023"`` -> ``"2023-10-09"``, ``"Oct 15"`` -> ``"10-15"``, ``"December
    2004"`` -> ``"2004-12"``; ``None`` when ``expression`` holds no date."""
    for number in scan(expression):
        if number.kind is Kind.DATE:
            return number.form.removeprefix("date:")
    return None


def _read(text: str, match: re.Match[str]) -> Number | None:
    """The :class:`Number` of one match of :data:`_PATTERN`, or ``None`` when it is not one."""
    kind = match.lastgroup
    start, end = match.span()
    if kind == "date":
        return _date(match, start, end)
    if kind == "time":
        return _time(match, start, end)
    if kind in ("range", "amount", "score", "dord", "frac") and _GLUED.search(text, max(0, start - 2), start):
        return None  # "F-16", "A195,900", "COVID-19": part of a name, not a figure
    if kind == "range":
        return _range(text, match, start, end)
    if kind == "frac":
        value = float(match.group("fw") or 0) + int(match.group("fn")) / int(match.group("fd"))
        return Number(start, end, Kind.NUMBER, value, value, 1 / int(match.group("fd")), form=f"n:{_plain(round(value, 6))}")
    if kind == "score":
        parts = tuple(float(p) for p in re.findall(r"\d+", match.group("score")))
        form = "score:" + "-".join(str(int(p)) for p in parts)
        return Number(start, end, Kind.SCORE, min(parts), max(parts), 1.0, parts, form=form)
    if kind == "dord":
        value = float(match.group("dord")[:-2])
        return Number(start, end, Kind.ORDINAL, value, value, form=f"ord:{int(value)}")
    if kind == "amount":
        return _amount(text, match, "", start, end)
    if kind == "vague":
        low, high = _VAGUE[" ".join(match.group("vague").lower().split())]
        return Number(start, end, Kind.VAGUE, float(low), float(high), float(low), form=f"vague:{low}-{high}")
    if kind == "share":
        value = _SHARES[match.group("share").lower()]
        return Number(start, end, Kind.PERCENT, value, value, 1.0, form=f"%:{_plain(value)}")
    if kind == "words":
        return _words(text, match, start, end)
    if kind == "word_ord":
        value = float(_ORDINALS[match.group("word_ord").lower()])
        return Number(start, end, Kind.ORDINAL, value, value, form=f"ord:{int(value)}")
    return None


def _date(match: re.Match[str], start: int, end: int) -> Number | None:
    month_text = match.group("m1") or match.group("m2") or match.group("m3")
    if month_text is None:  # ISO
        form = f"{match.group('iy')}-{match.group('im')}-{match.group('id')}"
        return Number(start, end, Kind.DATE, form=f"date:{form}")
    if not month_text[0].isupper():
        return None  # "may 5": a verb, not a month
    month = MONTHS[month_text.lower()]
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2") or match.group("y3")
    if day is not None and not 1 <= int(day) <= 31:
        return None
    if day is None:
        form = f"{year}-{month:02d}"
    elif year is None:
        form = f"{month}-{int(day)}"
    else:
        form = f"{year}-{month:02d}-{int(day):02d}"
    return Number(start, end, Kind.DATE, form=f"date:{form}")


def _time(match: re.Match[str], start: int, end: int) -> Number | None:
    hour = match.group("th") or match.group("th2") or match.group("th3")
    minute = match.group("tm") or match.group("tm2") or match.group("tm3") or "00"
    if int(minute) > 59:
        return None
    return Number(start, end, Kind.TIME, form=f"time:{int(hour)}:{minute}")


def _range(text: str, match: re.Match[str], start: int, end: int) -> Number | None:
    low = _amount(text, match, "a", match.start("anum"), match.end("anum"))
    high = _amount(text, match, "b", match.start("bnum"), match.end("bnum"))
    if low is None or high is None or low.low is None or high.low is None:
        return None
    joined = text[match.end("anum") : match.start("bnum")]
    has_unit = any(match.group(g) for g in ("asign", "bsign", "apct", "bpct", "ascale", "bscale", "aabbr", "babbr"))
    words = re.search(r"\b(?:to|and)\b", joined, re.IGNORECASE) is not None
    between = match.group("range").lower().startswith("between")
    if not has_unit and not words:
        return None  # "52-3" is a score: the score branch reads it
    if " and " in joined.lower() and not between:
        return None  # "7.6 and 7.5": two figures, not a range
    lo_value, hi_value = low.low, high.low
    if not any(match.group(g) for g in ("asign", "apct", "ascale", "aabbr")):
        # "$ 24 to $ 26", "24-26%", "12 to 13 billion": the unit written once holds for both.
        lo_value = _rescale(low, high)
    if lo_value > hi_value:
        return None
    kind_unit = high.kind if high.kind is not Kind.NUMBER else low.kind
    prefix = {Kind.MONEY: f"{high.currency or low.currency}", Kind.PERCENT: "%"}.get(kind_unit, "")
    form = f"range:{prefix}{_plain(lo_value)}-{_plain(hi_value)}"
    return Number(start, end, Kind.RANGE, lo_value, hi_value, high.precision,
                  currency=high.currency or low.currency, form=form)


def _rescale(low: Number, high: Number) -> float:
    """The low end of ``12 to 13 billion``: the scale of the high end applies to it too."""
    raw = float(low.low or 0.0)
    if high.low and raw and high.low / raw >= 100:
        digits = len(str(int(raw)))
        scale = 10 ** (len(str(int(high.low))) - digits)
        return raw * scale if raw * scale <= high.low else raw * scale / 10
    return raw


def _amount(text: str, match: re.Match[str], p: str, start: int, end: int) -> Number | None:
    """One amount (``{p}num`` and its unit groups): a count, money or a percentage."""
    digits = match.group(f"{p}num")
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    precision = _precision(digits)
    sign = match.group(f"{p}sign")
    scale_word = match.group(f"{p}scale")
    abbr = match.group(f"{p}abbr")
    currency = _CURRENCY_SIGNS.get(sign.lower()) if sign else None
    multiplier = 1
    if scale_word:
        multiplier = _SCALES[scale_word.lower()]
    elif abbr:
        if not currency:
            return Number(match.start(f"{p}num"), match.end(f"{p}num"), Kind.NUMBER, float(value), float(value),
                          precision, form=f"n:{_plain(value)}") if not p else None
        multiplier = _ABBREVIATED[abbr.lower()]
    value *= multiplier
    precision *= multiplier
    amount_end = match.end(f"{p}abbr") if abbr else match.end(f"{p}scale") if scale_word else match.end(f"{p}num")
    amount_start = match.start(f"{p}sign") if sign else match.start(f"{p}num")
    if match.group(f"{p}pct"):
        return Number(amount_start, match.end(f"{p}pct"), Kind.PERCENT, float(value), float(value), precision,
                      form=f"%:{_plain(value)}")
    if not p and currency is None:
        after = _CURRENCY_AFTER.match(text, amount_end)
        if after is not None:
            currency = after.group(0).strip().lower()
            if currency == "cents":
                value, precision, currency = value / 100, precision / 100, "$"
            elif currency.startswith("dollar"):
                currency = "$"
            amount_end = after.end()
    if currency is not None:
        return Number(amount_start, amount_end, Kind.MONEY, float(value), float(value), float(precision),
                      currency=currency, form=f"{currency}:{_plain(value)}")
    if not p and scale_word is None and multiplier == 1 and 1800 <= value <= 2100 and "," not in digits and "." not in digits:
        return Number(amount_start, amount_end, Kind.YEAR, float(value), float(value), form=f"year:{int(value)}")
    return Number(amount_start, amount_end, Kind.NUMBER, float(value), float(value), float(precision),
                  form=f"n:{_plain(value)}")


def _words(text: str, match: re.Match[str], start: int, end: int) -> Number | None:
    """A number written in words (``one hundred and fifty``), with a scale word or a glued
    ``-fold`` left to the reader."""
    words = re.split(r"[\s-]+", match.group("words").lower())
    words = [w for w in words if w not in ("and", "a", "an")] or ["one"]
    total, current, seen_scale, last = 0, 0, False, ""
    for word in words:
        if word == "dozen":
            current, last = (current or 1) * 12, "dozen"
        elif word in _UNITS:
            value = _UNITS[word]
            if last in ("unit", "dozen") or (last == "tens" and (value >= 10 or value == 0)):
                return None  # "one two", "twenty thirty": a list, not one number
            current += value
            last = "tens" if value >= 20 else "unit"
        elif word == "hundred":
            current, seen_scale, last = (current or 1) * 100, True, "hundred"
        else:
            total += (current or 1) * _SCALES[word]
            current, seen_scale, last = 0, True, "scale"
    value = float(total + current)
    lead = match.group("words").split()[0].lower()
    if lead in ("a", "an") and not seen_scale and words != ["dozen"]:
        return None
    precision = 10 ** (len(str(int(value))) - len(str(int(value)).rstrip("0"))) if value else 1
    if words == ["dozen"] or lead in ("a", "an") and "dozen" in words:
        precision = 12
    return Number(start, end, Kind.NUMBER, value, value, float(precision), form=f"n:{_plain(value)}")


def _precision(digits: str) -> float:
    """The place value of the last significant digit written: ``1,300`` -> 100, ``13.9`` -> 0.1,
    ``413`` -> 1, ``0`` -> 1."""
    plain = digits.replace(",", "")
    if "." in plain:
        return 10.0 ** -len(plain.split(".", 1)[1])
    stripped = plain.rstrip("0")
    if not stripped:
        return 1.0
    return float(10 ** (len(plain) - len(stripped)))


def _plain(value: Decimal | float) -> str:
    """``value`` without exponent or trailing zeros (``1.30E+3`` -> ``1300``)."""
    if isinstance(value, float):
        value = Decimal(repr(value)) if value != int(value) else Decimal(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
