"""The evidence that two figures in different articles count the same thing.

:func:`compare` weighs, for two mentions, the counted noun, the predicate, the words around
them (IDF-weighted, nearest words first), how far apart their values are, and the time anchors
and owners of their sentences; some things rule a pair out at once (another dimension, two
different specific nouns, two different known predicates, values ten times apart, clock times
apart, a figure that its sentence gives to someone else). Every part is kept in
:class:`Evidence` so a group can say why it was made.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from reader.core.figures.lexicon import GENERIC_STEMS, UNIT_STEMS, is_person, predicate_class
from reader.core.figures.model import Mention
from reader.core.figures.phrases import log_gap
from reader.core.numbers import Kind

__all__ = ["CONTEXT_GAIN", "Evidence", "Features", "SLACK", "SMALL", "THRESHOLD", "compare", "features"]

THRESHOLD = 0.5
"""The least average evidence (0-1) for two groups of mentions to be joined."""
MAX_LOG_GAP = math.log(10.0)
"""Mentions whose values are more than ten times apart never count the same thing."""
_MAX_MAGNITUDE_GAP = 0.5
"""Magnitudes further apart than this are different quakes (the scale is logarithmic already)."""
_SAME_VALUE = 0.08
"""Evidence added when two mentions give the very same figure."""
_SAME_OWNER = 0.08
"""Evidence added when the same name stands right before both (``IBM's``)."""
SMALL = 10
"""Counts below this ("two countries") coincide by chance too often to be evidence by value."""
_ONE_FIGURE_NOUN = 0.1
"""Evidence added when both count a noun every article uses for one figure only."""
SLACK = 0.1
"""Pairs this far below the threshold are still tried: a group's words may carry them."""
CONTEXT_GAIN = 1.5
"""Cosine similarity of context words is scaled by this (and capped at 1)."""


@dataclass(slots=True)
class Evidence:
    score: float
    noun_score: float
    verb_score: float
    value_score: float
    anchor_score: float
    shared_words: tuple[str, ...]
    weights_a: dict[str, float]
    weights_b: dict[str, float]
    _shared: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def shared(self) -> tuple[str, ...]:
        """The four shared context words that weigh most (for saying why; worked out once: the
        copies of an article share their evidence)."""
        if self._shared is None:
            a, b = self.weights_a, self.weights_b
            self._shared = tuple(sorted(self.shared_words, key=lambda w: (-(a[w] * b[w]), w))[:4])
        return self._shared

    @property
    def noun(self) -> bool:
        return self.noun_score >= 0.5

    @property
    def verb(self) -> bool:
        return self.verb_score >= 0.5


@dataclass(frozen=True, slots=True, eq=False)
class Features:
    """What :func:`compare` reads of one mention, worked out once per mention (by
    :func:`features`) rather than once per pair."""

    mention: Mention
    """The mention, as found in any one of the articles that carry it (its article is not read
    here: whether two mentions of one article may count the same thing is the grouping's to say)."""
    vector: dict[str, float]
    """The context words, IDF-weighted (see :func:`reader.core.figures.grouping.group_mentions`)."""
    norm: float
    """The vector's length (1 for an empty one)."""
    head: str | None
    """The counted noun's stem (the last of :attr:`Mention.noun_words`), or ``None``."""
    head_key: str | None
    """Its context key: its predicate class when it has one (the same noun is scored once, as a noun)."""
    nouns: frozenset[str]
    """The stems of the noun phrase."""
    noun_classes: frozenset[str]
    """The predicate classes of the counted noun (``bid`` and ``acquisition``)."""
    person: bool
    """Whether the counted noun names people."""
    verb_classes: frozenset[str]
    """The predicate classes of the predicate."""
    verb_keys: frozenset[str]
    """The context keys of the predicate (its classes and its stem), scored as the predicate
    when both mentions have the same one."""
    anchor_kinds: tuple[frozenset[str], ...] | None
    """The sentence's time anchors by kind, in the order of :data:`_KINDS`; ``None`` without any."""


def features(mention: Mention, vector: dict[str, float], norm: float) -> Features:
    """The :class:`Features` of ``mention``, whose context words weigh ``vector``."""
    head = mention.noun_words[-1] if mention.noun_words else None
    verb_classes = predicate_class(mention.verb_stem) if mention.verb_stem is not None else ()
    return Features(
        mention, vector, norm, head,
        head_key=None if head is None else _class_token(head),
        nouns=frozenset(mention.noun_words),
        noun_classes=frozenset(predicate_class(head)) if head is not None else frozenset(),
        person=is_person(mention.noun or ""),
        verb_classes=frozenset(verb_classes),
        verb_keys=frozenset(["@" + c for c in verb_classes] + [mention.verb_stem]) if mention.verb_stem is not None else frozenset(),
        anchor_kinds=_by_kind(mention.anchors) if mention.anchors else None,
    )


def compare(fa: Features, fb: Features, exclusive: frozenset[str] = frozenset()) -> Evidence | None:
    """The evidence that the mentions of ``fa`` and ``fb`` count the same thing, or ``None``
    when something rules it out (another dimension, another noun, another predicate, values too
    far apart)."""
    a, b = fa.mention, fb.mention
    if a.dimension != b.dimension:
        return None
    if a.number.kind is Kind.SCORE:
        if len(a.number.parts) != len(b.number.parts):
            return None
        total_a, total_b = sum(a.number.parts), sum(b.number.parts)
        if max(total_a, total_b) > 1.5 * max(1.0, min(total_a, total_b)):
            return None  # "4-2-1 since 2005" is not the career record "45-7-2"
        value = 1.0 if a.number.parts == b.number.parts else max(0.0, 1.0 - sum(abs(x - y) for x, y in zip(a.number.parts, b.number.parts)) / 6.0)
    elif a.dimension == "magnitude":
        difference = abs((a.number.low or 0.0) - (b.number.low or 0.0))
        if difference > _MAX_MAGNITUDE_GAP:
            return None  # a 6.1 and a 7.6 quake are two quakes
        value = 1.0 - difference / _MAX_MAGNITUDE_GAP
    else:
        gap = log_gap(a.low, a.high, b.low, b.high)
        if gap > MAX_LOG_GAP:
            return None
        value = 1.0 - gap / MAX_LOG_GAP
    if (b.owner in a.rivals and a.owner != b.owner) or (a.owner in b.rivals and a.owner != b.owner):
        return None  # "7 percent ..., compared with IBM's 10 percent": the 7 is not IBM's
    noun = _noun_match(fa, fb)
    if noun is None:
        return None
    verb = _verb_match(fa, fb)
    if verb is None:
        return None
    vec_a, vec_b = fa.vector, fb.vector
    if len(vec_a) > len(vec_b):
        vec_a, vec_b = vec_b, vec_a
    anchor = _anchoring(fa, fb)
    if anchor is None:
        return None
    # the noun and the predicate, when both mentions have the same, are scored as such
    scored = {fa.head_key} if fa.head_key == fb.head_key else set()
    if verb >= 1.0:
        scored |= fa.verb_keys
    shared = [w for w in vec_a if w in vec_b]
    context = sum([vec_a[w] * vec_b[w] for w in shared if w not in scored]) / (fa.norm * fb.norm)
    small = a.dimension == "count" and max(a.high, b.high) < SMALL
    if a.number.form == b.number.form and a.qualifier == b.qualifier and not small:
        anchor += _SAME_VALUE  # the same figure written the same way (small counts coincide)
    if a.owner is not None and a.owner == b.owner:
        anchor += _SAME_OWNER
    if noun >= 1.0 and fa.head in exclusive and not small:
        anchor += _ONE_FIGURE_NOUN
    score = 0.45 * min(1.0, context * CONTEXT_GAIN) + 0.2 * noun + 0.2 * verb + 0.15 * value + anchor
    if noun < 0.5 and verb < 0.5:
        score = min(score, THRESHOLD - SLACK - 0.01)  # neither the noun nor the verb says so
    return Evidence(score, noun, verb, value, anchor, tuple(shared), vec_a, vec_b)


def _anchoring(fa: Features, fb: Features) -> float | None:
    """+0.05 for each kind of time anchor (year, clock time, weekday, date) the two sentences share a
    value of, -0.15 for each kind both give with no value in common (a toll given on Sunday and
    one given on Monday may still count the same dead); ``None`` when both sentences give clock
    times and none in common (7:48 a.m. is not 4:43 a.m.: two events)."""
    kinds_a, kinds_b = fa.anchor_kinds, fb.anchor_kinds
    if kinds_a is None or kinds_b is None:
        return 0.0
    times_a, times_b = kinds_a[1], kinds_b[1]
    if times_a and times_b and not times_a & times_b:
        return None  # struck at 7:48 a.m. / at 4:43 a.m.: two events
    total = 0.0
    for mine, theirs in zip(kinds_a, kinds_b):
        if mine and theirs:
            total += 0.05 if mine & theirs else -0.15
    return total


_KINDS = ("year:", "time:", "day:", "date:")


@lru_cache(maxsize=1 << 12)
def _by_kind(anchors: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """A sentence's anchors split by kind, in the order of :data:`_KINDS` (read once per
    sentence, not once per pair of figures)."""
    return tuple(frozenset(x for x in anchors if x.startswith(kind)) for kind in _KINDS)


@lru_cache(maxsize=1 << 12)
def _class_token(stemmed: str) -> str:
    classes = predicate_class(stemmed)
    return "@" + classes[0] if classes else stemmed


def _noun_match(fa: Features, fb: Features) -> float | None:
    """1 for the same counted noun, 0.6 for people named generally and specifically or a shared
    modifier, 0.3 when one has none; ``None`` for two different specific nouns."""
    head_a, head_b = fa.head, fb.head
    if head_a is None or head_b is None:
        return 0.55 if fa.mention.dimension == "magnitude" else 0.3  # a magnitude is a quake's
    if head_a == head_b:
        return 0.5 if head_a in UNIT_STEMS else 1.0  # "kilometers" says how, not what
    if fa.person and fb.person:
        return 0.6 if head_a in GENERIC_STEMS or head_b in GENERIC_STEMS else None
    if fa.person != fb.person:
        return None
    if fa.nouns & fb.nouns:
        return 0.6
    if fa.noun_classes & fb.noun_classes:
        return 0.8  # "bid" and "acquisition", "tremor" and "quake"
    return None


def _verb_match(fa: Features, fb: Features) -> float | None:
    """1 for the same predicate (or class), 0.3 when one has none; ``None`` for two different
    known classes."""
    stem_a, stem_b = fa.mention.verb_stem, fb.mention.verb_stem
    if stem_a is None or stem_b is None:
        return 0.3
    if stem_a == stem_b or fa.verb_classes & fb.verb_classes:
        return 1.0
    if fa.verb_classes and fb.verb_classes:
        return None
    return 0.1
