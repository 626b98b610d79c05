"""PAN's plagdet measure (Potthast et al., COLING 2010), written for Parallax's benchmarks.

A *case* (gold) and a *detection* (found by an aligner) are both a pair of character ranges:
one in document a (PAN's "suspicious" document) and one in document b (the "source").
Ranges are half-open ``[start, end)`` Python ``str`` indices.

* A detection **hits** a case when they share at least one character in document a *and* at
  least one character in document b. Overlapping on one side only is no hit.
* **recall** is the mean, over every case, of the share of the case's characters (a side plus b
  side) covered by the union of the detections that hit it.
* **precision** is the same with detections and cases swapped: the mean, over every detection,
  of the share of its characters covered by the union of the cases it hits.
* **granularity** is the mean number of detections hitting each *detected* case (1 when no case
  is detected or there are no detections).
* **plagdet** = F1(precision, recall) / log2(1 + granularity).

Everything is pooled over a whole corpus of document pairs (macro-averaged over all cases and
all detections of all pairs, not averaged per pair): a detection can only hit a case of its own
pair. Edge cases follow PAN's reference evaluator
(``pan09-plagiarism-detection-performance-measures.py``):

* no cases and no detections: recall = precision = 1, granularity = 1, plagdet = 1;
* cases but no detections: recall = precision = 0, plagdet = 0;
* detections but no cases (e.g. a corpus of no-plagiarism pairs): recall = precision = 0,
  plagdet = 0;
* recall = precision = 0: plagdet = 0.

Empty ranges have no characters to cover and cannot be scored: :class:`Passage` rejects them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Passage", "PairScore", "Score", "Tally", "score_pair", "plagdet_score", "covered", "evaluate"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A case or a detection: ``[a_start, a_end)`` in document a and ``[b_start, b_end)`` in b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def __post_init__(self) -> None:
        if not (0 <= self.a_start < self.a_end and 0 <= self.b_start < self.b_end):
            raise ValueError(
                f"a passage needs a non-empty range on both sides, got "
                f"a=[{self.a_start}, {self.a_end}) b=[{self.b_start}, {self.b_end})"
            )

    @classmethod
    def from_lengths(cls, a_start: int, a_len: int, b_start: int, b_len: int) -> Passage:
        """From PAN's (offset, length) form, as in the ``spans`` field of the PAN13 data."""
        return cls(a_start, a_start + a_len, b_start, b_start + b_len)

    @property
    def size(self) -> int:
        """Characters in the passage: a side plus b side."""
        return (self.a_end - self.a_start) + (self.b_end - self.b_start)

    def hits(self, other: Passage) -> bool:
        """True when the two passages share characters in document a and in document b."""
        return (
            max(self.a_start, other.a_start) < min(self.a_end, other.a_end)
            and max(self.b_start, other.b_start) < min(self.b_end, other.b_end)
        )


def covered(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> int:
    """How many characters of ``[start, end)`` lie in the union of ``ranges``."""
    clipped = sorted((max(s, start), min(e, end)) for s, e in ranges if s < end and e > start)
    total = 0
    reach = start
    for s, e in clipped:
        if e <= reach:
            continue
        total += e - max(s, reach)
        reach = e
    return total


def _coverage(target: Passage, others: Sequence[Passage]) -> float:
    """Share of ``target``'s characters covered by the union of ``others`` that hit it."""
    hitting = [o for o in others if target.hits(o)]
    if not hitting:
        return 0.0
    a = covered(target.a_start, target.a_end, ((o.a_start, o.a_end) for o in hitting))
    b = covered(target.b_start, target.b_end, ((o.b_start, o.b_end) for o in hitting))
    return (a + b) / target.size


@dataclass(frozen=True, slots=True)
class PairScore:
    """The per-case and per-detection figures of one document pair, ready to be pooled."""

    case_recalls: tuple[float, ...]
    """For each case: share of its characters covered by the detections that hit it."""
    detection_precisions: tuple[float, ...]
    """For each detection: share of its characters covered by the cases it hits."""
    detections_per_case: tuple[int, ...]
    """For each case: how many detections hit it."""


def score_pair(cases: Sequence[Passage], detections: Sequence[Passage]) -> PairScore:
    """Score the detections of one document pair against its cases."""
    return PairScore(
        case_recalls=tuple(_coverage(case, detections) for case in cases),
        detection_precisions=tuple(_coverage(det, cases) for det in detections),
        detections_per_case=tuple(sum(1 for det in detections if case.hits(det)) for case in cases),
    )


def plagdet_score(recall: float, precision: float, granularity: float) -> float:
    """F1 of precision and recall divided by log2(1 + granularity); 0 when both are 0."""
    if (recall == 0 and precision == 0) or recall < 0 or precision < 0 or granularity < 1:
        return 0.0
    return (2 * recall * precision / (recall + precision)) / math.log2(1 + granularity)


@dataclass(frozen=True, slots=True)
class Score:
    """Corpus-level figures."""

    plagdet: float
    recall: float
    precision: float
    granularity: float
    cases: int
    detections: int
    detected_cases: int


@dataclass(slots=True)
class Tally:
    """Pools :class:`PairScore` values over a corpus (macro over cases and detections)."""

    recall_sum: float = 0.0
    precision_sum: float = 0.0
    cases: int = 0
    detections: int = 0
    detected_cases: int = 0
    hits_on_detected_cases: int = 0

    def add(self, pair: PairScore) -> None:
        """Pool one pair's figures."""
        self.recall_sum += sum(pair.case_recalls)
        self.precision_sum += sum(pair.detection_precisions)
        self.cases += len(pair.case_recalls)
        self.detections += len(pair.detection_precisions)
        self.detected_cases += sum(1 for n in pair.detections_per_case if n > 0)
        self.hits_on_detected_cases += sum(pair.detections_per_case)

    def merge(self, other: Tally) -> None:
        """Add another tally's figures to this one."""
        self.recall_sum += other.recall_sum
        self.precision_sum += other.precision_sum
        self.cases += other.cases
        self.detections += other.detections
        self.detected_cases += other.detected_cases
        self.hits_on_detected_cases += other.hits_on_detected_cases

    def score(self) -> Score:
        """Recall, precision, granularity and plagdet of everything added so far."""
        if self.cases == 0 and self.detections == 0:
            recall = precision = 1.0
        elif self.cases == 0 or self.detections == 0:
            recall = precision = 0.0
        else:
            recall = self.recall_sum / self.cases
            precision = self.precision_sum / self.detections
        if self.detections == 0 or self.detected_cases == 0:
            granularity = 1.0
        else:
            granularity = self.hits_on_detected_cases / self.detected_cases
        return Score(
            plagdet=plagdet_score(recall, precision, granularity),
            recall=recall,
            precision=precision,
            granularity=granularity,
            cases=self.cases,
            detections=self.detections,
            detected_cases=self.detected_cases,
        )


def evaluate(pairs: Iterable[tuple[Sequence[Passage], Sequence[Passage]]]) -> Score:
    """Score a whole corpus given as ``(cases, detections)`` per document pair."""
    tally = Tally()
    for cases, detections in pairs:
        tally.add(score_pair(cases, detections))
    return tally.score()
