"""The value of a numeric expression: what :func:`reader.core.numbers.scan` returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Kind", "Number", "QUANTITIES"]


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
