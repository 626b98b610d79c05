"""From a match of the number pattern to a :class:`~reader.core.numbers.model.Number`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reader.core.numbers.model import Kind, Number
from reader.core.numbers.patterns import (
    MONTHS, _ABBREVIATED, _CURRENCY_AFTER, _CURRENCY_SIGNS, _GLUED, _ORDINALS, _SCALES, _SHARES, _UNITS, _VAGUE,
)

__all__ = ["read", "plain"]


def read(text: str, match: re.Match[str]) -> Number | None:
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
        return Number(start, end, Kind.NUMBER, value, value, 1 / int(match.group("fd")), form=f"n:{plain(round(value, 6))}")
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
        return Number(start, end, Kind.PERCENT, value, value, 1.0, form=f"%:{plain(value)}")
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
    form = f"range:{prefix}{plain(lo_value)}-{plain(hi_value)}"
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
    names = _GROUPS[p]
    digits, sign, scale_word, abbr, pct = match.group(*names)
    read = _READ.get(digits)
    if read is None:
        read = _read_digits(digits)
    if read is _INVALID:
        return None
    value, precision, exact, form = read
    currency = _CURRENCY_SIGNS.get(sign.lower()) if sign else None
    multiplier = 1
    if scale_word:
        multiplier = _SCALES[scale_word.lower()]
    elif abbr:
        if not currency:
            return Number(match.start(names[0]), match.end(names[0]), Kind.NUMBER, exact, exact,
                          precision, form=form) if not p else None
        multiplier = _ABBREVIATED[abbr.lower()]
    if multiplier != 1:
        value *= multiplier
        precision *= multiplier
        exact, form = float(value), None
    amount_end = match.end(names[3]) if abbr else match.end(names[2]) if scale_word else match.end(names[0])
    amount_start = match.start(names[1]) if sign else match.start(names[0])
    if pct:
        return Number(amount_start, match.end(names[4]), Kind.PERCENT, exact, exact, precision,
                      form=f"%:{plain(value)}")
    if not p and currency is None:
        after = _CURRENCY_AFTER.match(text, amount_end)
        if after is not None:
            currency = after.group(0).strip().lower()
            if currency == "cents":
                value, precision, currency = value / 100, precision / 100, "$"
                exact = float(value)
            elif currency.startswith("dollar"):
                currency = "$"
            amount_end = after.end()
    if currency is not None:
        return Number(amount_start, amount_end, Kind.MONEY, exact, exact, float(precision),
                      currency=currency, form=f"{currency}:{plain(value)}")
    if not p and scale_word is None and multiplier == 1 and 1800 <= value <= 2100 and "," not in digits and "." not in digits:
        return Number(amount_start, amount_end, Kind.YEAR, exact, exact, form=f"year:{int(value)}")
    return Number(amount_start, amount_end, Kind.NUMBER, exact, exact, float(precision),
                  form=form or f"n:{plain(value)}")


_GROUPS = {p: (f"{p}num", f"{p}sign", f"{p}scale", f"{p}abbr", f"{p}pct") for p in ("", "a", "b")}
"""The names of an amount's groups (number, sign, scale word, abbreviated scale, percent) in
each of its places in the pattern."""
_INVALID = (None, None, None, None)
_READ: dict[str, tuple] = {}
"""What :func:`_read_digits` gave for the digits read so far (let go past 65,536 of them)."""


def _read_digits(digits: str) -> tuple:
    """The value of ``digits`` as written (``1,300``): the value, its precision, the value as a
    float and its form as a count (``n:1300``); :data:`_INVALID` when it is not a number."""
    global _READ
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        read: tuple = _INVALID
    else:
        read = (value, _precision(digits), float(value), f"n:{plain(value)}")
    known = _READ
    if len(known) > 1 << 16:
        known = _READ = {}  # a new one: never emptied while another thread reads it
    known[digits] = read
    return read


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
    return Number(start, end, Kind.NUMBER, value, value, float(precision), form=f"n:{plain(value)}")


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


def plain(value: Decimal | float) -> str:
    """``value`` without exponent or trailing zeros (``1.30E+3`` -> ``1300``)."""
    if isinstance(value, float):
        value = Decimal(repr(value)) if value != int(value) else Decimal(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
