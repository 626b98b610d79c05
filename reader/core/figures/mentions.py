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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from operator import attrgetter

from reader.core.figures.model import Mention
from reader.core.figures.phrases import Sentence, _magnitude, bounds_of, log_gap, read_mention
from reader.core.numbers import QUANTITIES, Kind, Number, compiled_kernels, scan

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


def sentence_bounds(text: str, last: int) -> list[tuple[int, int]]:
    """The sentences of ``text`` (:func:`sentences`) as far as the one holding ``last``, or
    further: found by a compiled kernel when the aligner's are loaded
    (:func:`reader.core.numbers.compiled_kernels`), which finds them all."""
    kernel = compiled_kernels()
    if kernel is not None:
        return kernel.sentence_bounds(text, _ABBREVIATIONS)
    found = []
    for bound in sentences(text):
        found.append(bound)
        if bound[1] > last:
            break
    return found


def extract(doc: str, text: str, read: dict[str, list[tuple]] | None = None) -> list[Mention]:
    """The figures of one article (``doc`` is its id), in order; of its sentences
    (:func:`sentence_bounds`) only those holding a number are read.

    ``read``: the sentences read so far, kept by a caller that reads many articles (stories
    carry the same sentences): a sentence met again with the same figures and time anchors, and
    the same text after it as far as its reading looked, is not read again (see :func:`_again`)."""
    mentions: list[Mention] = []
    scanned = scan(text)
    numbers = [n for n in scanned if n.kind in QUANTITIES]
    if not numbers:
        return mentions
    times = [n for n in scanned if n.kind in (Kind.YEAR, Kind.DATE, Kind.TIME)]
    time_starts = [n.start for n in times]
    bounds = sentence_bounds(text, numbers[-1].start)
    ends = [end for _, end in bounds]
    held: dict[int, list[Number]] = {}  # each sentence's numbers: those starting before its end and not before it
    for number in numbers:
        k = bisect_right(ends, number.start)
        if k < len(bounds) and number.start >= bounds[k][0]:
            held.setdefault(k, []).append(number)
    for k, inside in held.items():
        s_start, s_end = bounds[k]
        times_inside = times[bisect_left(time_starts, s_start) : bisect_left(time_starts, s_end)]
        anchors = _anchors(text, times_inside, s_start, s_end)
        if read is not None:
            piece = text[s_start:s_end]
            earlier = read.get(piece)
            if earlier is not None and _again(earlier, text, s_start, s_end, inside, anchors, doc, mentions):
                continue
        sentence = Sentence(text, s_start, s_end, anchors)
        before = len(mentions)
        for number in inside:
            mention = read_mention(doc, text, number, sentence)
            if mention is not None:
                mentions.append(mention)
        _mark_rivals(mentions, s_start)
        if read is not None:
            # How far after the sentence its reading looked: 10 characters after a number for a
            # qualifier ("or more"), 14 after a figure's end for a period ("a year", "per share").
            reach = max(s_end, max(n.end for n in inside) + 10, max((m.end + 14 for m in mentions[before:]), default=0))
            magnitudes = [_magnitude(text, n, s_start) for n in inside]
            read.setdefault(piece, []).append((s_start, reach - s_end, text[s_end:reach], inside, anchors, magnitudes, mentions[before:]))
    return mentions


def _again(earlier: list[tuple], text: str, s_start: int, s_end: int, numbers: list[Number], anchors: tuple[str, ...],
           doc: str, mentions: list[Mention]) -> bool:
    """Whether the sentence ``text[s_start:s_end]``, holding ``numbers``, was read ``earlier``
    (its readings elsewhere: where it started, how far after it the reading looked and the text
    there, its numbers, time anchors, which of them were magnitudes, its mentions) with
    everything its reading depends on the same: then its mentions there, moved here, are added
    to ``mentions``. That is the text after it, its numbers (relative to it), whether each is an
    earthquake's magnitude (read as far after it as the words go) and its time anchors; the
    character before a sentence is white space (or there is none), of which the reading asks
    only whether it is a word's."""
    for start, reach, after, inside, their_anchors, magnitudes, found in earlier:
        if their_anchors != anchors or len(inside) != len(numbers) or text[s_end : s_end + reach] != after:
            continue  # (the text after it there may have ended before reach: so must this one)
        if any(a.start - start != b.start - s_start or a.end - start != b.end - s_start or _VALUE(a) != _VALUE(b)
               for a, b in zip(inside, numbers)):
            continue
        if magnitudes != [_magnitude(text, n, s_start) for n in numbers]:
            continue
        which = {id(n): k for k, n in enumerate(inside)}
        shift = s_start - start
        mentions.extend(Mention(doc, m.start + shift, m.end + shift, numbers[which[id(m.number)]], *_MIDDLE(m), (s_start, s_end), *_REST(m))
                        for m in found)
        return True
    return False


_MIDDLE = attrgetter("qualifier", "low", "high", "noun", "noun_words", "verb", "verb_stem", "context")
"""The fields of a :class:`Mention` between its number and its sentence, in order."""
_REST = attrgetter("period", "unit", "owner", "rivals", "dimension", "anchors")
"""The fields of a :class:`Mention` after its sentence, in order."""
_VALUE = attrgetter("kind", "low", "high", "precision", "parts", "currency", "form")
"""What a :class:`~reader.core.numbers.Number` says, but where it is."""


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
