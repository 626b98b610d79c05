"""What a sentence says, as terms: content words folded and stemmed, figures normalised.

:func:`sentence_units` splits a document into sentences (:mod:`reader.core.align.sentences`)
and gives each its TERMS, in text order, each with the characters it covers:

* content words (not the aligner's function words, nor a few more that carry no claim: "would",
  "including"...), lower-cased and stemmed with the Snowball English stemmer after British
  spellings are made American (``killed`` = ``killing``, ``colour`` = ``color``, ``centre`` =
  ``center``, ``organise`` = ``organize``, ``briefly`` = ``brief``);
* figures in their canonical forms (:mod:`reader.core.align.numbers`: ``1,300`` = ``1300``,
  ``December 31`` = ``31 December``), plus two coarse forms of each amount (:func:`about`) so
  that figures that disagree a little still meet ("$13.9 billion" / "$13.2 billion").

:func:`term_weights` weighs each term by its inverse sentence frequency in the corpus: a name
that every article repeats weighs little, a rare word or a figure much.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.core.align.numbers import number_terms
from reader.core.align.sentences import sentence_spans
from reader.core.align.tokens import STOP_WORDS, split_words

__all__ = ["Unit", "about", "sentence_units", "stem", "term_weights"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one document, with its terms."""

    doc: int
    """The document's index in the corpus."""
    start: int
    end: int
    """Character range of the sentence."""
    terms: tuple[tuple[str, int, int], ...]
    """``(term, start, end)`` in text order: each content word or figure, with its characters."""


EXTRA_STOP = frozenset(
    """would could should might must shall may can cannot also just even still yet ago
    however though although whether including among amid per via since upon onto within
    without around across along toward towards away back well much many several lot lots
    get got make made take took go went come came put set use used""".split()
)
"""Words beyond the aligner's function words that say nothing about a claim."""


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    """The Snowball English stemmer (imported on first use)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """``word`` (folded) with British spellings made American, stemmed (cached per word)."""
    found = _STEMS.get(word)
    if found is None:
        spelled = word
        if len(spelled) > 5 and spelled.endswith("our"):
            spelled = spelled[:-3] + "or"  # colour, misdemeanour
        elif len(spelled) > 4 and spelled.endswith(("tre", "tres")):
            spelled = spelled.replace("tre", "ter")  # centre, kilometres
        found = _stemmer().stemWord(spelled)
        if len(found) > 5 and found.endswith("is"):
            found = found[:-2] + "iz"  # organis(e) = organiz(e)
        elif found.endswith("li") and word.endswith("ly") and not word.endswith("ily") and len(word) >= 6:
            found = found[:-2]  # briefly = brief
        _STEMS[word] = found
    return found


def about(form: str) -> tuple[str, ...]:
    """Coarse terms (``~``-prefixed) that a figure shares with figures near it: ``13.9
    billion``, ``13.2 billion`` and ``14 billion``; ``160,000`` and ``167,000``. Two buckets a
    tenth of a decade wide, offset by half a bucket, so figures within about 12% of each other
    always share one. Years and small whole numbers get none: 2001 is not 2002, four is not
    five."""
    if not form.startswith(("n:", "%:")):
        return ()
    try:
        value = float(form[2:])
    except ValueError:
        return ()
    if value <= 0 or (value == int(value) and (value < 10 or 1900 <= value <= 2100)):
        return ()
    scaled = 10 * math.log10(value)
    kind = form[:2]
    return (f"~{kind}{math.floor(scaled)}", f"~{kind}{math.floor(scaled + 0.5)}h")


def sentence_units(d: int, text: str) -> list[Unit]:
    """The sentences of document number ``d`` (text ``text``) that have terms."""
    words, starts, ends, _ = split_words(text)
    units: list[Unit] = []
    t = 0
    n = len(starts)
    for s0, s1 in sentence_spans(text):
        while t < n and starts[t] < s0:
            t += 1
        figures = number_terms(text, s0, s1)
        terms: list[tuple[str, int, int]] = [(form, a, b) for a, b, form in figures]
        terms.extend((near, a, b) for a, b, form in figures for near in about(form))
        k = 0
        while t < n and starts[t] < s1:
            word, a = words[t], starts[t]
            t += 1
            if word[0].isdigit() or word in STOP_WORDS or word in EXTRA_STOP or len(word) < 2:
                continue
            while k < len(figures) and figures[k][1] <= a:
                k += 1
            if k < len(figures) and figures[k][0] <= a:
                continue  # part of a figure ("seven", "December")
            terms.append((stem(word), a, ends[t - 1]))
        if terms:
            terms.sort(key=lambda term: (term[1], term[0]))
            units.append(Unit(d, s0, s1, tuple(terms)))
    return units


def term_weights(units: Sequence[Unit]) -> dict[str, float]:
    """Each term's weight: ``log(N / df)`` with ``N`` sentences, ``df`` of them holding it (a
    coarse figure term weighs half)."""
    df: Counter[str] = Counter()
    for unit in units:
        df.update({t for t, _, _ in unit.terms})
    total = max(2, len(units))
    return {term: math.log(total / count) * (0.5 if term[0] == "~" else 1.0) for term, count in df.items()}
