"""A figure in one article: the value of :func:`reader.core.figures.mentions.extract`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

from reader.core.numbers import Kind, Number

__all__ = ["Mention"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure in one article. ``text[start:end]`` runs from the qualifier (if any) through
    the number and its unit to the counted noun (if it follows)."""

    doc: str
    start: int
    end: int
    number: Number
    qualifier: str | None
    """Normal form of the bound written with it: at least, more than, about, nearly, up to,
    less than; ``None`` when the figure is given as exact."""
    low: float
    """The smallest value the mention allows once its qualifier is read."""
    high: float
    """The largest value it allows."""
    noun: str | None
    """The counted noun as written (``Israelis``), or ``None``."""
    noun_words: tuple[str, ...]
    """Stems of the noun phrase (modifiers and head)."""
    verb: str | None
    """The predicate as written (``killed``, ``death``, ``seizing``), or ``None``."""
    verb_stem: str | None
    context: tuple[tuple[str, float, str], ...]
    """The content words of the sentence as ``(key, weight, word)``: the key a stem (or a
    predicate class, ``@killed``), the weight nearness to the number, the word as written."""
    sentence: tuple[int, int]
    """Where the sentence holding the mention lies."""
    period: str | None = None
    """``a year``, ``a share``... when an amount is given per something (``$100m annually``)."""
    unit: str | None = None
    """A scale the number is read on (``magnitude``), when it is not a count."""
    owner: str | None = None
    """Whose figure it is, when a name stands right before it (``IBM's 10 percent share``,
    ``IBM had 7.2 %``), as a stem."""
    rivals: tuple[str, ...] = ()
    """The owners of the other figures of the same sentence (``compared with IBM's 10 percent``):
    this figure is not theirs."""
    dimension: str = "count"
    """What the value measures: ``count``, ``money:<currency>``, ``percent``, ``score`` or
    ``magnitude``; figures of different dimensions never count the same thing."""
    anchors: tuple[str, ...] = ()
    """When the sentence says it happened: its years, dates, clock times and weekdays (``year:2004``,
    ``time:7:48``, ``day:sunday``). Two figures anchored to different times are less likely
    to count the same thing."""

    @property
    def content(self) -> tuple:
        """Every field but the article: the same for a mention's copies in articles whose text
        is the same."""
        return _CONTENT(self)

    def in_article(self, doc: str) -> Mention:
        """This mention as found in article ``doc`` (whose text is the same)."""
        return Mention(doc, *_CONTENT(self))

    @property
    def vague(self) -> bool:
        """Whether the figure is a vague quantity (``dozens``, ``scores``)."""
        return self.number.kind is Kind.VAGUE

    @property
    def value(self) -> float | list[float]:
        """The value as written: a number, ``[low, high]`` for a range or a vague quantity, the
        parts of a score."""
        number = self.number
        if number.kind is Kind.SCORE:
            return [_clean(p) for p in number.parts]
        if number.kind in (Kind.RANGE, Kind.VAGUE):
            return [_clean(number.low or 0.0), _clean(number.high or 0.0)]
        return _clean(number.low or 0.0)


_CONTENT = attrgetter(*(f.name for f in fields(Mention)[1:]))
"""Every field of a :class:`Mention` but ``doc``, the first, in order."""


def _clean(value: float) -> float:
    """Whole numbers as ints in JSON (``1300`` rather than ``1300.0``)."""
    return int(value) if value == int(value) and abs(value) < 2**53 else round(value, 6)
