"""Where a reworded span starts and ends: the stretch of a sentence a claim covers, as a clause.

:func:`best_stretch` finds, in one sentence, the stretch of the terms a claim shares there
(maximum sum: shared terms gain their weight, others cost a share of theirs, so far strays are
left out); :func:`clause_reach` widens a stretch to the clause around it (a few more content
words, up to the punctuation or the conjunction that ends it). Spans never cross a sentence
end.
"""

from __future__ import annotations

import math
import re

from reader.core.align.terms import Unit
from reader.core.align.tokens import STOP_WORDS

__all__ = ["best_stretch", "clause_mass", "clause_reach"]

_PIECE = re.compile(r"\d+:\d+|[\w\u2019'$%.-]*\w[\w\u2019'%-]*|--|[,;:()\[\]\u2013\u2014\"\u201c\u201d]")
"""A word (a time such as "2:30" is one), a dash or a punctuation mark."""
_CLAUSE_WORDS = frozenset("and but or nor while whereas which who whose whom".split())


def clause_reach(text: str, unit: Unit, start: int, end: int, reach: int) -> tuple[int, int]:
    """``[start, end)`` widened within its sentence over the words that make it a clause: on
    each side up to ``reach`` more content words (function words in between come along),
    stopping at punctuation that ends a clause and at a conjunction or relative pronoun
    ("resulted in the death of over | 700 Israelis |" and the abduction...)."""
    before = list(_PIECE.finditer(text, unit.start, start))
    after = list(_PIECE.finditer(text, end, unit.end))
    for pieces, forward in ((reversed(before), False), (after, True)):
        content = 0
        for piece in pieces:
            word = piece.group().lower()
            if not word[0].isalnum() and word[0] not in "$'\u2019" or word in _CLAUSE_WORDS:
                break
            if forward:
                end = piece.end()
            else:
                start = piece.start()
            if word not in STOP_WORDS:
                content += 1
                if content >= reach:
                    break
    return start, end


def best_stretch(unit: Unit, shared: set[str], weights: dict[str, float], spread: float) -> tuple[int, int]:
    """The characters of ``unit`` from the first to the last term of its best-scoring stretch:
    each term in ``shared`` gains its weight, each other term costs ``spread`` times its weight
    (maximum sum, Kadane)."""
    best = (-1.0, 0, 0)
    run, run_start = 0.0, 0
    for k, (term, _, _) in enumerate(unit.terms):
        value = weights.get(term, 0.0)
        value = max(value, 1e-6) if term in shared else -spread * value
        if run <= 0:
            if value <= 0:
                continue
            run, run_start = value, k
        else:
            run += value
        if value > 0 and run > best[0]:
            best = (run, run_start, k)
    _, first, last = best
    return unit.terms[first][1], max(end for _, _, end in unit.terms[first : last + 1])


def clause_mass(unit: Unit, shared: frozenset[str], weights: dict[str, float], whole: float) -> float:
    """The weight of the distinct terms of the clauses of ``unit`` that hold a term of
    ``shared`` (``whole``, the sentence's, when it is one clause or they touch every clause):
    what a claim stated in one clause of a long sentence is compared with, so the sentence's
    other clauses do not dilute it."""
    if not unit.clauses:
        return whole
    touched = {c for (term, _, _), c in zip(unit.terms, unit.clauses) if term in shared}
    if len(touched) > unit.clauses[-1]:
        return whole
    return math.fsum(weights[t] for t in {term for (term, _, _), c in zip(unit.terms, unit.clauses) if c in touched})
