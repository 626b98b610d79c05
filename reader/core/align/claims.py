"""The claims stage: sentences of different articles that state the same thing in other words.

The word aligner finds passages that share runs of words; outlets that tell one story also
restate each other's claims with little wording in common ("resulted in the death of over 700
Israelis" / "At least 700 Israelis have been killed"). This stage proposes such pairs of
sentences, and says which words of each carry the shared claim, in four steps, each a plain
function over plain data:

1. **Units** (:func:`sentence_units`). Each document's sentences
   (:mod:`reader.core.align.sentences`), with their TERMS: content words folded and stemmed
   (``killed`` = ``killing``, ``colour`` = ``color``) and figures normalised
   (:mod:`reader.core.align.numbers`: ``1,300`` = ``1300``, ``December 31`` = ``31 December``).
2. **Weights** (:func:`term_weights`). A term's weight is its inverse sentence frequency in the
   corpus: a name every article repeats weighs little, a rare word or a figure much.
3. **Candidates** (:func:`candidate_pairs`). An inverted index from terms to sentences; pairs
   of sentences of different documents are scored by the weights of the terms they share
   (accumulated term by term, never by comparing all pairs of sentences; terms in more than
   ``claim_max_df`` sentences are not indexed). A pair is a candidate when it shares at least
   ``claim_min_terms`` terms and its score (shared weight over the smaller sentence's weight,
   tempered by the larger's) reaches ``claim_min_score``. Per pair of documents, each sentence
   keeps its best partner (competitive linking).
4. **Spans** (:func:`claim_links`). In each sentence of a pair, the span runs from the first
   to the last shared term, cut to the clauses that hold them, so spans never cross a
   sentence end; the result is a :class:`~reader.core.align.verify.Link` marked ``reworded``,
   grouped with the word aligner's links.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.core.align.numbers import number_terms
from reader.core.align.options import AlignOptions
from reader.core.align.sentences import clause_breaks, sentence_spans
from reader.core.align.tokens import STOP_WORDS, Tokens, split_words
from reader.core.align.verify import Link
from reader.core.models import Document

__all__ = ["Unit", "candidate_pairs", "claim_links", "join_claims", "sentence_units", "term_weights"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one document, with its terms."""

    doc: int
    start: int
    end: int
    """Character range of the sentence."""
    t0: int
    t1: int
    """Token range of the sentence (indices into the document's :class:`Tokens`)."""
    terms: tuple[tuple[str, int, int], ...]
    """``(term, start, end)`` in text order: each content word or figure, with its characters."""


_EXTRA_STOP = frozenset(
    """would could should might must shall may can cannot also just even still yet ago
    however though although whether including among amid per via since upon onto within
    without around across along toward towards away back well much many several lot lots
    get got make made take took go went come came put set use used""".split()
)
"""Words beyond the aligner's function words that say nothing about a claim."""


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball English stemmer."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """``word`` (folded) with British spellings made American and stemmed (cached)."""
    found = _STEMS.get(word)
    if found is None:
        spelled = word
        if len(spelled) > 5 and spelled.endswith("our"):
            spelled = spelled[:-3] + "or"
        elif len(spelled) > 4 and spelled.endswith(("tre", "tres")):
            spelled = spelled.replace("tre", "ter")
        found = _stemmer().stemWord(spelled)
        if len(found) > 5 and found.endswith("is"):
            found = found[:-2] + "iz"
        _STEMS[word] = found
    return found


def sentence_units(d: int, document: Document, tokens: Tokens) -> list[Unit]:
    """The sentences of document number ``d`` with their terms."""
    text = document.text
    words, starts, ends, _ = split_words(text)
    units: list[Unit] = []
    t = 0
    n = len(starts)
    for s0, s1 in sentence_spans(text):
        while t < n and starts[t] < s0:
            t += 1
        first = t
        figures = number_terms(text, s0, s1)
        covered: list[tuple[int, int]] = [(a, b) for a, b, _ in figures]
        terms: list[tuple[str, int, int]] = [(form, a, b) for a, b, form in figures]
        k = 0
        while t < n and starts[t] < s1:
            word = words[t]
            a, b = starts[t], ends[t]
            t += 1
            if word[0].isdigit() or word in STOP_WORDS or word in _EXTRA_STOP or len(word) < 2:
                continue
            while k < len(covered) and covered[k][1] <= a:
                k += 1
            if k < len(covered) and covered[k][0] <= a < covered[k][1]:
                continue  # part of a figure ("seven", "December")
            terms.append((stem(word), a, b))
        terms.sort(key=lambda term: term[1])
        t0, t1 = _token_range(tokens, s0, s1, first)
        if t1 > t0 and terms:
            units.append(Unit(d, s0, s1, t0, t1, tuple(terms)))
    return units


def _token_range(tokens: Tokens, start: int, end: int, hint: int) -> tuple[int, int]:
    """The tokens of :class:`Tokens` inside characters ``[start, end)`` (the aligner's tokens
    can differ from :func:`split_words`' where units were folded: ``100 million``)."""
    from bisect import bisect_left

    t0 = bisect_left(tokens.starts, start)
    t1 = bisect_left(tokens.starts, end, t0)
    return t0, t1


def term_weights(units: Sequence[Unit]) -> tuple[dict[str, float], dict[str, int]]:
    """Each term's weight (inverse sentence frequency, ``log(N / df)``) and its sentence
    frequency."""
    df: dict[str, int] = defaultdict(int)
    for unit in units:
        for term in {t for t, _, _ in unit.terms}:
            df[term] += 1
    total = max(2, len(units))
    weights = {term: math.log(total / count) for term, count in df.items()}
    return weights, dict(df)


Region = tuple[int, int, frozenset[str]]
"""``(first, last, terms)``: a stretch of a unit's terms (indices into :attr:`Unit.terms`,
inclusive) and the shared terms it holds."""


def candidate_pairs(
    units: Sequence[Unit], weights: dict[str, float], df: dict[str, int], options: AlignOptions
) -> list[tuple[float, int, int, Region, Region]]:
    """Pairs of sentences of different documents that state one claim: ``(score, i, j,
    region_i, region_j)`` with ``i < j`` indices into ``units``, best first. Per pair of
    documents, a stretch of a sentence is in one pair at most (a sentence that carries two
    claims can be in two)."""
    postings: dict[str, list[int]] = defaultdict(list)
    bags: list[frozenset[str]] = []
    for i, unit in enumerate(units):
        bag = frozenset(t for t, _, _ in unit.terms)
        bags.append(bag)
        for term in bag:
            if 2 <= df[term] <= options.claim_max_df:
                postings[term].append(i)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for term, found in postings.items():
        weight = weights[term]
        for x in range(len(found)):
            i = found[x]
            di = units[i].doc
            for j in found[x + 1 :]:
                if units[j].doc != di:
                    scores[(i, j)] += weight
    scored: list[tuple[float, int, int, Region, Region]] = []
    for (i, j), shared_weight in scores.items():
        if shared_weight < options.claim_min_weight:
            continue
        shared = bags[i] & bags[j]
        if len(shared) < options.claim_min_terms:
            continue
        found = _match(units[i], units[j], shared, weights, options)
        if found is not None:
            scored.append((found[0], i, j, found[1], found[2]))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    kept = []
    for item in scored:
        _, i, j, ri, rj = item
        key_i, key_j = (i, units[j].doc), (j, units[i].doc)
        if any(ri[0] <= e and s <= ri[1] for s, e in used[key_i]):
            continue
        if any(rj[0] <= e and s <= rj[1] for s, e in used[key_j]):
            continue
        used[key_i].append((ri[0], ri[1]))
        used[key_j].append((rj[0], rj[1]))
        kept.append(item)
    return kept


def _match(
    ui: Unit, uj: Unit, shared: frozenset[str], weights: dict[str, float], options: AlignOptions
) -> tuple[float, Region, Region] | None:
    """Where in each sentence the shared terms sit (the best stretch of each, see
    :func:`_region`) and how alike the two stretches are, if they pass the options' limits."""
    ri = _region(ui, shared, weights, options.claim_spread)
    rj = _region(uj, ri[2], weights, options.claim_spread)
    if rj[2] != ri[2]:
        ri = _region(ui, rj[2], weights, options.claim_spread)
        rj = _region(uj, ri[2], weights, options.claim_spread)
    common = ri[2] & rj[2]
    if len(common) < options.claim_min_terms:
        return None
    weight = sum(weights[t] for t in common)
    if weight < options.claim_min_weight:
        return None
    if options.claim_cosine:
        mass_i = sum(weights[t] for t in {t for t, _, _ in ui.terms})
        mass_j = sum(weights[t] for t in {t for t, _, _ in uj.terms})
    else:
        mass_i = sum(weights[t] for t in {t for t, _, _ in ui.terms[ri[0] : ri[1] + 1]})
        mass_j = sum(weights[t] for t in {t for t, _, _ in uj.terms[rj[0] : rj[1] + 1]})
    cosine = weight / math.sqrt(max(1e-9, mass_i * mass_j))
    if cosine < options.claim_min_score:
        return None
    score = cosine
    return score, (ri[0], ri[1], common), (rj[0], rj[1], common)


def _region(unit: Unit, shared: frozenset[str], weights: dict[str, float], spread: float) -> Region:
    """The stretch of ``unit``'s terms holding the most shared weight: each shared term gains
    its weight, each other term costs ``spread`` times its own (maximum sum, Kadane)."""
    best = (-1.0, 0, 0)
    run, run_start = 0.0, 0
    for k, (term, _, _) in enumerate(unit.terms):
        value = weights.get(term, 0.0) * (1.0 if term in shared else -spread)
        if run <= 0:
            if value <= 0:
                continue
            run, run_start = value, k
        else:
            run += value
        if value > 0 and run > best[0]:
            best = (run, run_start, k)
    _, first, last = best
    inside = frozenset(t for t, _, _ in unit.terms[first : last + 1] if t in shared)
    return first, last, inside


def claim_links(
    documents: Sequence[Document], tokens: Sequence[Tokens], options: AlignOptions, taken: Sequence[Link] = ()
) -> list[Link]:
    """The reworded links of ``documents`` (see the module), leaving out pairs of sentences
    that a link in ``taken`` already ties."""
    units: list[Unit] = []
    for d, document in enumerate(documents):
        units.extend(sentence_units(d, document, tokens[d]))
    if len(units) < 2:
        return []
    weights, df = term_weights(units)
    links = []
    for score, i, j, ri, rj in candidate_pairs(units, weights, df, options):
        ui, uj = units[i], units[j]
        span_i = (ui.terms[ri[0]][1], ui.terms[ri[1]][2])
        span_j = (uj.terms[rj[0]][1], uj.terms[rj[1]][2])
        a0, a1 = _tokens_of(tokens[ui.doc], span_i)
        b0, b1 = _tokens_of(tokens[uj.doc], span_j)
        if a1 <= a0 or b1 <= b0 or _tied(ui.doc, a0, a1, uj.doc, b0, b1, taken):
            continue
        count = max(a1 - a0, b1 - b0)
        links.append(Link(ui.doc, a0, a1, uj.doc, b0, b1, round(min(100.0, 100 * score), 1), False, count, True))
    return links


def _tied(da: int, a0: int, a1: int, db: int, b0: int, b1: int, taken: Sequence[Link]) -> bool:
    """Whether a link of ``taken`` already ties these two stretches (covers half of one)."""
    for link in taken:
        if {link.a, link.b} != {da, db}:
            continue
        x0, x1, y0, y1 = (link.a0, link.a1, link.b0, link.b1) if link.a == da else (link.b0, link.b1, link.a0, link.a1)
        over_a = min(x1, a1) - max(x0, a0)
        over_b = min(y1, b1) - max(y0, b0)
        if over_a > 0 and over_b > 0 and (2 * over_a >= a1 - a0 or 2 * over_b >= b1 - b0):
            return True
    return False


def _tokens_of(tokens: Tokens, span: tuple[int, int]) -> tuple[int, int]:
    """The token range covering characters ``span``."""
    from bisect import bisect_left, bisect_right

    t0 = bisect_right(tokens.ends, span[0])
    t1 = bisect_left(tokens.starts, span[1])
    return t0, t1


def join_claims(spans: list[tuple[int, int, int]], links: Sequence[Link], uf: Any) -> None:
    """Join the reworded links of ``links`` into the groups the other links made: node ``2k``
    and ``2k + 1`` are link ``k``'s two spans ``(doc, start, end)`` in ``spans``; ``uf`` (a
    union-find over the nodes, with ``find`` and ``union``) already joins the other links'.

    Best links first, each side is first made one with a span of its document that covers
    about the same text (each overlaps the other by half its length or more); then the two
    sides' groups are joined unless that would put two different stretches of one document in
    one group (a claim is stated once per article): a link that disagrees with better ones is
    dropped, so a sentence that shares a figure with one claim and a name with another never
    ties the two together.
    """
    order = sorted(
        (k for k, link in enumerate(links) if link.reworded),
        key=lambda k: (-links[k].score, links[k].a, links[k].a0, links[k].b, links[k].b0),
    )
    if not order:
        return
    placed: dict[int, list[int]] = defaultdict(list)
    """Per document, the nodes already in a group (the other links' nodes, then the joined)."""
    members: dict[int, dict[int, list[tuple[int, int]]]] = {}
    """Per group root, its spans per document."""
    for k, link in enumerate(links):
        if not link.reworded:
            for node in (2 * k, 2 * k + 1):
                d, s, e = spans[node]
                placed[d].append(node)
                members.setdefault(uf.find(node), {}).setdefault(d, []).append((s, e))
    for k in order:
        ends = []
        for node in (2 * k, 2 * k + 1):
            d, s, e = spans[node]
            same = [m for m in placed[d] if _same_stretch((s, e), spans[m][1:])]
            ends.append((node, d, s, e, uf.find(same[0]) if same else None))
        (x, dx, sx, ex, rx), (y, dy, sy, ey, ry) = ends
        group_x = members.get(rx, {dx: [(sx, ex)]}) if rx is not None else {dx: [(sx, ex)]}
        group_y = members.get(ry, {dy: [(sy, ey)]}) if ry is not None else {dy: [(sy, ey)]}
        if rx is not None and rx == ry:
            continue
        if not _agree(group_x, group_y):
            continue
        for node, root in ((x, rx), (y, ry)):
            if root is not None:
                uf.union(node, root)
        uf.union(x, y)
        root = uf.find(x)
        merged: dict[int, list[tuple[int, int]]] = {dx: [(sx, ex)], dy: [(sy, ey)]} if dx != dy else {dx: [(sx, ex), (sy, ey)]}
        for group in (group_x, group_y):
            for d, ranges in group.items():
                merged.setdefault(d, []).extend(ranges)
        for old in (rx, ry):
            if old is not None:
                members.pop(old, None)
        members[root] = merged
        placed[dx].append(x)
        placed[dy].append(y)


def _same_stretch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans of one document cover about the same text (each overlaps the other
    by half its length or more)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return 2 * overlap >= max(a[1] - a[0], b[1] - b[0])


def _agree(x: dict[int, list[tuple[int, int]]], y: dict[int, list[tuple[int, int]]]) -> bool:
    """Whether two groups (spans per document) can be one: in each document both hold, every
    span of one overlaps a span of the other."""
    for d in x.keys() & y.keys():
        for s, e in x[d]:
            if not any(min(e, e2) > max(s, s2) for s2, e2 in y[d]):
                return False
        for s, e in y[d]:
            if not any(min(e, e2) > max(s, s2) for s2, e2 in x[d]):
                return False
    return True
