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
import sys
from array import array
from types import ModuleType

from reader.core.numbers.model import QUANTITIES, Kind, Number
from reader.core.numbers.patterns import (
    _BEFORE_DIGITS, _DIGIT_RUN, _MAY_STAND_BEFORE, _NO_RANGE, _NOT_LETTERS, _PATTERN, _PLAIN_BEFORE, _TRIGGER,
    _TRIGGER_WORDS,
)
from reader.core.numbers.reading import read as _read
from reader.core.once import per_text

__all__ = ["QUANTITIES", "Kind", "Number", "form_of", "number_terms", "parse_date", "scan"]





@per_text
def scan(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every numeric expression of ``text[start:end]``, in order, never overlapping (of a
    whole text: read once inside :func:`reader.core.once.texts_read_once`).

    The full pattern is only tried where an expression can start: at a run of digits (or the
    currency sign, month or ``between`` just before it) and at a number word, found in one pass
    over the text (:data:`~reader.core.numbers.patterns._TRIGGER`; word by word, through a set
    lookup, only in a text whose lower case changes its length). Most of a news article holds no figure, so this is many
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


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int | None]]:
    """Where an expression may start, sorted: ``(position, earlier start to try first)``.

    Compiled (:func:`reader.core.align._figure_kernels.candidates`, one pass over the
    characters) when the aligner's kernels are loaded in this process (see :func:`compiled_kernels`);
    the same found here otherwise."""
    lower = text[start:end].lower()
    same = len(lower) == end - start
    kernel = compiled_kernels() if same else None
    if kernel is not None:
        return kernel.candidates(text, lower, start, end, _TRIGGER_WORDS, _SHAPES, _back)
    out: list[tuple[int, int | None]] = []
    last = -1
    for run in _DIGIT_RUN.finditer(text, *_digit_stretch(text, start, end)):
        at = run.start()
        if at <= last + 1 and last >= 0 and text[last] in ",.":
            last = run.end()
            continue  # the thousands of "1,300" or the decimals of "13.9"
        last = run.end()
        back = None
        if at > start and text[at - 1] not in _PLAIN_BEFORE:
            lo = max(start, at - 16)
            if _MAY_STAND_BEFORE.search(text, lo, at) is not None:
                back = _back(text, lo, at)
        out.append((at, back))
    if same:
        # One pass over the text. Beside a letter outside a-z ("Léone") this finds a place where
        # nothing starts: the full pattern asks for a word boundary there.
        for at, _ in _TRIGGER.spans(lower):
            back = at - 2 if lower[max(0, at - 2) : at] == "a " else at - 3 if lower[max(0, at - 3) : at] == "an " else None
            out.append((start + at, None if back is None else start + back))
        if len(out) > 1:
            out.sort()
        return out
    words = set(_NOT_LETTERS.split(lower)) & _TRIGGER_WORDS
    if words:  # lower-casing changed the length (rare scripts): search the text itself
        pattern = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![A-Za-z])", re.IGNORECASE)
        out.extend((m.start(), None) for m in pattern.finditer(text, start, end))
        out.sort()
    return out


def _back(text: str, lo: int, hi: int) -> int | None:
    """Where a currency sign, a month or ``between`` before digits at ``hi`` starts, looked for
    from ``lo``, or ``None``."""
    before = _BEFORE_DIGITS.search(text, lo, hi)
    return before.start() if before is not None else None


_SHAPES = array("H", bytes(2 * 26**3))
"""For the kernel: the lengths (bits) of the number words that start with each three letters."""
for _word in _TRIGGER_WORDS:
    _SHAPES[((ord(_word[0]) - 97) * 26 + ord(_word[1]) - 97) * 26 + ord(_word[2]) - 97] |= 1 << len(_word)
del _word
_UNKNOWN = object()
_KERNEL: object = _UNKNOWN


def compiled_kernels() -> ModuleType | None:
    """The compiled kernels of the numbers' and figures' loops (:func:`_candidates`,
    :class:`reader.core.figures.phrases.Sentence`): :data:`reader.core.align.compiled.FIGURES`,
    looked up once the aligner is imported (``None`` before, and when they are not built or
    ``PARALLAX_PURE`` is set). A process that only reads figures (``parallax figures``) is not
    made to import the aligner for them: it reads with the pure-Python loops, which find the same."""
    global _KERNEL
    if _KERNEL is _UNKNOWN:
        if "reader.core.align" not in sys.modules:
            return None
        from reader.core.align.compiled import FIGURES

        _KERNEL = FIGURES
    return _KERNEL


def _digit_stretch(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the digits of ``text[start:end]`` lie, from the first to the last (an empty stretch
    when there are none). In ASCII text each digit is looked up with ``str.find``, many times
    quicker than a pattern over the whole text; other text may hold other digits (``\\d``)."""
    if not text.isascii():
        return start, end
    firsts = [at for at in (text.find(digit, start, end) for digit in "0123456789") if at >= 0]
    if not firsts:
        return start, start
    return min(firsts), max(text.rfind(digit, start, end) for digit in "0123456789") + 1


def number_terms(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every numeric expression of ``text[start:end]``: what an index
    of figures needs. Money is indexed without its currency (outlets often drop it), so
    ``$100m`` and ``100 million`` both give ``n:100000000``, and ``$ 12 billion to $ 13
    billion`` gives ``range:12000000000-13000000000``."""
    out = []
    for number in scan(text, start, end):
        form = number.form
        if number.kind is Kind.MONEY:
            form = "n:" + form.split(":", 1)[1]
        elif number.kind is Kind.RANGE and number.currency:
            form = "range:" + form.split(":", 1)[1].removeprefix(number.currency)
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
