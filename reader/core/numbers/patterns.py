"""The vocabulary and regular expressions of numbers, amounts, dates and times in news text."""

from __future__ import annotations

import re

from reader.core.alternation import WholeWords, word_alternation


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

_DIGIT_RUN = re.compile(r"\d\d*")
"""A run of digits (``\\d+``, written so that the search skips to the next digit in C)."""
_NOT_LETTERS = re.compile(r"[^a-z]+")
_BEFORE_DIGITS = re.compile(
    rf"(?:(?:\bbetween\s+)?(?:\bUS\$|\$|€|£|¥|\bUSD|\bEUR|\bGBP)\s?|\b{_MONTH_RE}\.?,?\s+(?:of\s+)?|\bbetween\s+)$",
    re.IGNORECASE,
)
_MAY_STAND_BEFORE = re.compile(
    "[$€£¥]|" + word_alternation("usd eur gbp jan feb mar apr may jun jul aug sep oct nov dec between".split()), re.IGNORECASE
)
"""What every match of :data:`_BEFORE_DIGITS` holds (a currency sign or code, a month's first
three letters, ``between``): where none is, that pattern is not searched."""
_PLAIN_BEFORE = frozenset("(\n\"'-–,;:/")
_TRIGGER_WORDS = frozenset(
    [*_UNITS, *_SCALES, *_ORDINALS, "dozen", "dozens", "scores", "tens", "hundreds", "thousands",
     "millions", "billions", "half", "third", "quarter", "thirds", "quarters"]
)
_TRIGGER = WholeWords(_TRIGGER_WORDS)
"""A number word, not inside a longer word, in any text whose lower case keeps its length."""
