"""Figures in one article: each number that counts or measures something, with its qualifier,
what it counts (the noun phrase and the verb around it) and its exact span.

:func:`extract` reads the numbers of :func:`reader.core.numbers.scan` and keeps the quantities
(counts, money, percentages, ranges, scores, vague quantities); dates, times, years, ordinals,
durations, ages and identifiers ("Route 52", "Building 6000") are left out. A bare number that
neither counts a noun nor sits by a verb that says what happened ("the two", "one of them") is
left out too: nothing could say what it counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace

from reader.core.figures.model import Mention
from reader.core.figures.phrases import Sentence, bounds_of, log_gap, read_mention
from reader.core.numbers import QUANTITIES, Kind, Number, scan

__all__ = ["Mention", "bounds_of", "extract", "log_gap", "sentences"]

_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|(?<=\n)\s*)")
"""A sentence's end: ``[.!?]["')]*\\s+`` before what may start a sentence, or a line break with the
white space after it (written to begin with one set of characters, which the search skips to)."""
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St No Gen Col Maj Lt Sgt Gov Sen Rep Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec "
    "Co Corp Inc Ltd Jr Sr vs U.S U.N U.K E.U Md Calif Mass Ft Mt Snr Comr Inf".split()
)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` pairs, covering it in order (each found as
    it is asked for: a reader that stops early does not split the rest)."""
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        if text[at] == ".":
            word = text[text.rfind(" ", 0, at) + 1 : at].lstrip("(\"'\u201c")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "Mr. Smith", "Jan. 4", "H. Ross Perot"
        if match.start() > pos:
            yield pos, match.start() + (1 if text[match.start()] in ".!?" else 0)
        pos = match.end()
    if pos < len(text):
        yield pos, len(text)


def extract(doc: str, text: str) -> list[Mention]:
    """The figures of one article (``doc`` is its id), in order; its sentences
    (:func:`sentences`) are read only as far as the last number."""
    mentions: list[Mention] = []
    scanned = scan(text)
    numbers = [n for n in scanned if n.kind in QUANTITIES]
    if not numbers:
        return mentions
    times = [n for n in scanned if n.kind in (Kind.YEAR, Kind.DATE, Kind.TIME)]
    time_starts = [n.start for n in times]
    index = 0
    for s_start, s_end in sentences(text):
        if index == len(numbers):
            break
        sentence = None
        while index < len(numbers) and numbers[index].start < s_end:
            number = numbers[index]
            index += 1
            if number.start >= s_start:
                if sentence is None:
                    inside = times[bisect_left(time_starts, s_start) : bisect_left(time_starts, s_end)]
                    sentence = Sentence(text, s_start, s_end, _anchors(text, inside, s_start, s_end))
                mention = read_mention(doc, text, number, sentence)
                if mention is not None:
                    mentions.append(mention)
        if sentence is not None:
            _mark_rivals(mentions, s_start)
    return mentions


def _mark_rivals(mentions: list[Mention], s_start: int) -> None:
    """Give each mention of the sentence starting at ``s_start`` the owners of the others."""
    same = []
    for i in range(len(mentions) - 1, -1, -1):  # the sentence's mentions are the last ones
        if mentions[i].sentence[0] != s_start:
            break
        same.append(i)
    owners = {mentions[i].owner for i in same if mentions[i].owner}
    if not owners:
        return
    for i in same:
        rivals = tuple(sorted(owners - {mentions[i].owner}))
        if rivals:
            mentions[i] = replace(mentions[i], rivals=rivals)


def _anchors(text: str, times: list[Number], s_start: int, s_end: int) -> tuple[str, ...]:
    """The years, dates, clock times and weekdays of the sentence ``text[s_start:s_end]``."""
    found = set()
    for number in times:
        if s_start <= number.start < s_end:
            form = number.form
            if number.kind is Kind.TIME:
                found.add(form)
            elif number.kind is Kind.YEAR:
                found.add(form)
            else:
                full = re.match(r"date:(\d{4})-(\d\d)(?:-(\d\d))?$", form)
                if full is not None:
                    found.add("year:" + full.group(1))
                    if full.group(3):
                        found.add(f"date:{int(full.group(2))}-{int(full.group(3))}")
                elif re.match(r"date:\d{1,2}-\d{1,2}$", form):
                    found.add(form)  # "Jan. 4": month and day
    if "day" in text[s_start:s_end]:  # in every weekday
        found.update("day:" + m.group().lower() for m in _WEEKDAY.finditer(text, s_start, s_end))
    return tuple(sorted(found))
