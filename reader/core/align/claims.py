"""The claims stage: sentences of different articles that state the same claim in other words.

The word aligner finds passages that share runs of words. Outlets telling one story also
restate each other's claims with little wording in common ("resulted in the death of over 700
Israelis" / "At least 700 Israelis have been killed"). This stage finds them, in three plain
functions over plain data, never comparing all pairs of sentences:

1. :func:`candidate_pairs`. Sentences and their weighted terms (:mod:`reader.core.align.terms`:
   stems, normalised figures, negated words such as ``\u00acinvolv`` for "denied involvement"
   and "not involved") go into an inverted index from terms to sentences; every term found in
   at most ``claim_max_df`` sentences adds its weight to each pair of sentences of different,
   related documents that holds it (related: sharing a seed of the word aligner, or both
   sharing one with a third document). Pairs that share ``claim_min_terms`` terms weighing
   ``claim_min_weight`` or more (in units of the rarest shared term's weight) are scored by the
   cosine of their weighted terms (clause with clause when they share :data:`~reader.core.align.pair_scores.CLAUSE_MIN_TERMS`
   words of a claim: only the clauses holding the shared terms count,
   :func:`~reader.core.align.clauses.clause_mass`) and kept from ``claim_min_score`` up, if they share words of
   a claim weighing ``claim_evidence`` (written in lower case in both, not names, and not the
   TOPIC terms the whole story repeats: :func:`~reader.core.align.terms.topic_terms`), or the
   same figure of the same thing, or the same denial (those score ``claim_figure_score`` at
   least), or the same figure that tells a fact by itself, such as a date (it counts as two
   terms, and scores ``claim_shared_figure`` at least). A sentence that says what the other denies ("cannot be justified" / "has
   justified") never pairs with it, nor one that gives a different figure of the same thing.
2. :func:`claim_clusters`. Pairs are taken best first and joined into CLAIMS: a claim holds at
   most one stretch of each document. A pair's side joins the stretch of its sentence already
   in a claim when the terms it shares are mostly that stretch's terms (so a sentence that
   carries two claims can be in two), and two claims become one only if they agree on every
   document they both hold and most pairs of sentences across them are alike (``claim_cohesion``;
   pairs that give different figures of one thing count against it,
   :func:`~reader.core.align.anchors.conflict`): a pair that
   disagrees with better pairs is dropped, so one sentence that shares a name with another
   claim never ties the two together. A claim of two documents needs a pair scoring
   ``claim_pair_score`` or more (one outlet echoing another needs stronger evidence than a
   claim several outlets state), or ``claim_rare_words`` words in lower case in both that no
   third document holds (:func:`~reader.core.align.terms.rare_words`).
3. :func:`claim_spans`. In each sentence of a claim, the span covers the terms the claim
   shares there (the best-scoring stretch of them: far strays are left out), widened to the
   clause around them (:func:`~reader.core.align.clauses.clause_reach`: a few more words up to
   the punctuation or the conjunction that ends it); spans never cross a sentence end.

The claims are turned into ``reworded`` groups and folded together with the word aligner's
groups by :mod:`reader.core.align.fold`; in the long preset, the claims of a summary join the
word aligner's alignments instead (:mod:`reader.core.align.summaries`). Figures that tie two
sentences together, or keep them apart, are read by :mod:`reader.core.align.anchors`.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reader.core.align.acronyms import with_acronyms
from reader.core.align.anchors import FIGURE, conflict, figure_sets, telling_figure
from reader.core.align.clauses import best_stretch, clause_reach
from reader.core.align.compiled import PAIRS
from reader.core.align.contents import contents
from reader.core.align.cooccur import meeting
from reader.core.align.copies import copies, tied
from reader.core.align.options import AlignOptions
from reader.core.align.pair_scores import Pair, mutual_best, scorer
from reader.core.align.terms import NEGATED, Unit, rare_words, sentence_counts, sentence_units, term_weights, topic_terms
from reader.core.align.tokens import Tokens

__all__ = [
    "Begun", "Claim", "Pair", "candidate_pairs", "claim_clusters", "claim_spans", "claim_pairs", "claims_from", "claims_of",
]


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim stated by several documents: a span of each, and how alike they are."""

    score: float
    """0-100: the mean score of the pairs that made it."""
    spans: tuple[tuple[int, int, int], ...]
    """``(doc, start, end)`` per document, in document order."""
    figure: bool = False
    """Made of a group of figures (:mod:`reader.core.align.figure_claims`), not of sentences."""


Begun = tuple[list[Unit], dict[str, float], list[Pair], list[Unit]] | None
"""What :func:`claim_pairs` found: the sentences, their terms' weights, the candidate pairs,
and the sentences as :func:`~reader.core.align.terms.sentence_units` split them (before names
written both ways were made one term: the long preset's summaries read them too) (None: no
claims)."""


def claims_of(
    texts: Sequence[str],
    options: AlignOptions,
    related: Collection[tuple[int, int]] | None = None,
    copied: Sequence[tuple[int, int, int, int, int, int]] = (),
    tokens: Sequence[Tokens] | None = None,
) -> list[Claim]:
    """The claims several of ``texts`` state (steps 1 to 3). With ``related`` (pairs of
    document indices ``(a, b)``, ``a < b``), only sentences of related documents are paired,
    so articles about different stories are never compared sentence by sentence. ``copied``
    holds the word aligner's alignments as character spans ``(a, start, end, b, start, end)``:
    two sentences they already tie (half of each) are a copy, not a claim restated, and only
    support claims. ``tokens``: the word aligner's tokens of ``texts``, if it has them (the
    texts are not split into words again)."""
    return claims_from(texts, claim_pairs(texts, options, related, tokens), options, copied)


def claim_pairs(
    texts: Sequence[str], options: AlignOptions, related: Collection[tuple[int, int]] | None, tokens: Sequence[Tokens] | None
) -> Begun:
    """The sentences of ``texts``, their terms' weights and the candidate pairs (step 1)."""
    split: Sequence[Tokens | None] = [None] * len(texts) if tokens is None else tokens
    sets: dict[frozenset[str], frozenset[str]] = {}  # equal sets of terms kept once
    if related is not None:
        wanted = {d for pair in related for d in pair}
        units = [unit for d, text in enumerate(texts) if d in wanted for unit in sentence_units(d, text, split[d], sets)]
    else:
        units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text, split[d], sets)]
    if len(units) < 2:
        return None
    split_units = units
    if options.claim_acronyms:
        units = with_acronyms(texts, units)
    counts = sentence_counts(units)
    weights = term_weights(units, counts)
    return units, weights, candidate_pairs(units, weights, options, related, topic_terms(units, counts), sets), split_units


def claims_from(
    texts: Sequence[str], begun: Begun, options: AlignOptions, copied: Sequence[tuple[int, int, int, int, int, int]]
) -> list[Claim]:
    """Steps 2 and 3 over the sentences and pairs :func:`claim_pairs` found."""
    if begun is None:
        return []
    units, weights, pairs, _ = begun
    # A copied sentence is the word aligner's: its pair only supports claims.
    copy = copies(len(units), tied(units, copied)) if copied else None
    return claim_spans(texts, units, weights, claim_clusters(units, weights, pairs, options, copy), options)


def candidate_pairs(
    units: Sequence[Unit],
    weights: dict[str, float],
    options: AlignOptions,
    related: Collection[tuple[int, int]] | None = None,
    topic: frozenset[str] = frozenset(),
    sets: dict[frozenset[str], frozenset[str]] | None = None,
) -> list[Pair]:
    """Pairs of sentences of different documents that share enough weighted terms, best first
    (see the module, step 1); with ``related``, only of those pairs of documents. A pair must
    share terms of a claim weighing ``claim_evidence``: words written in lower case in both (not
    names) that are not ``topic`` terms the whole story repeats; or the same figure of the same
    thing. ``sets``: sets of terms by themselves (the sentences', :func:`~reader.core.align.terms.sentence_units`):
    a pair's shared terms equal to one of them are that one (a set kept once)."""
    bags = [unit.bag for unit in units]
    doc_of = [unit.doc for unit in units]
    # Each sentence is indexed under its heaviest terms (prefix filtering): two sentences that
    # state one claim share one of them; common terms start no pair.
    # Weights are log(N / df): the rarest shared term (df = 2) weighs log(N / 2). The limits
    # are given in that unit, so they mean the same in a corpus of 30 sentences or 30,000.
    unit_weight = math.log(max(3, len(units)) / 2)
    floor = options.claim_index_weight * unit_weight
    min_weight = options.claim_min_weight * unit_weight
    evidence = max(1e-9, options.claim_evidence * unit_weight)
    prefix = options.claim_prefix
    indexed = frozenset(t for t, weight in weights.items() if weight >= floor)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        for term in indexed.intersection(bag if len(bag) <= prefix else heapq.nlargest(prefix, bag, key=lambda t: (weights[t], t))):
            postings[term].append(i)
    # Each sentence meets the later sentences that share indexed terms with it; those sharing
    # claim_min_terms of them are candidates (terms held by more than claim_max_df sentences
    # start no pair).
    max_df, min_terms = options.claim_max_df, options.claim_min_terms
    figure_anchor = options.claim_shared_figure
    # Figures that tell a fact by themselves ("May 12", "9-14", "$2.8 billion") and that the
    # story does not repeat: two sentences giving one are candidates as if they shared two terms.
    # The few terms that are figures or denials, found once: most sentences hold none (every
    # figure form holds a colon, no word does: asked first).
    figure_terms = frozenset(t for t in weights if t[0] == "~" or (":" in t and t.startswith(FIGURE)))
    denial_terms = frozenset(t for t in weights if t[0] == NEGATED)
    telling = (
        frozenset(t for t in figure_terms.intersection(postings) if telling_figure(t) and t not in topic)
        if figure_anchor else frozenset()
    )
    number = {term: k for k, term in enumerate(t for t, others in postings.items() if len(others) <= max_df)}
    lists = [postings[term] for term in number]
    # A denial or a telling figure is a claim of its own: it counts twice.
    twice = [2 if term[0] == NEGATED or term in telling else 1 for term in number]
    # Sentences alike in all the scoring reads score alike with any other: each pair of their
    # contents is scored once (copies of a wire story are many such pairs), from the first
    # sentence of each content.
    content = contents(units, [not figure_terms.isdisjoint(bag) for bag in bags])
    first: dict[int, int] = {}
    for i, c in enumerate(content):
        first.setdefault(c, i)
    alike = [units[i] for i in first.values()]  # contents are numbered in order of first sentence
    score = scorer(alike, weights, options, topic, (telling, figure_terms, denial_terms), (min_weight, evidence), {} if sets is None else sets)
    met = meeting(lists, twice, doc_of, related, min_terms, content, score)
    if PAIRS is not None:  # the same, sorted and kept by the compiled kernel
        return PAIRS.best_pairs(met, doc_of, options, weights)  # type: ignore[no-any-return]
    # Best first, as tuples (the sentences of a pair tell it apart: the terms are never compared).
    ranked = sorted([(-found[0], i, j, found[1], found[2]) for i, j, found in met])
    if options.claim_mutual:
        return mutual_best(doc_of, ranked, options, weights)
    return [Pair(-minus, i, j, shared) for minus, i, j, shared, _ in ranked]


def claim_clusters(
    units: Sequence[Unit], weights: dict[str, float], pairs: Sequence[Pair], options: AlignOptions, copy: Sequence[int] | None = None
) -> list[tuple[float, dict[int, tuple[int, set[str]]]]]:
    """Claims made of ``pairs`` (see the module, step 2): ``(score, {doc: (sentence, terms)})``
    each, in no particular order. ``copy``: a label per sentence (:func:`~reader.core.align.copies.copies`);
    a pair of two sentences of one label only supports claims, as a pair scored below zero."""

    def mass(terms: set[str] | frozenset[str]) -> float:
        return math.fsum(map(weights.__getitem__, terms))

    node_terms: list[set[str]] = []
    """Per node (a stretch of a sentence in a claim): the terms that identify it."""
    span_terms: list[set[str]] = []
    """...and the terms its span covers (every pair's shared terms)."""
    node_unit: list[int] = []
    node_claim: list[int] = []
    unit_nodes: dict[int, list[int]] = defaultdict(list)
    claims: dict[int, dict[int, int]] = {}
    """Per claim (keyed by its first node): document -> node."""
    scores: dict[int, list[float]] = {}

    def node_for(unit: int, shared: frozenset[str]) -> int:
        """The node of ``unit`` whose terms are mostly ``shared`` (or a new one)."""
        own = mass(shared)
        for node in unit_nodes[unit]:
            terms = node_terms[node]
            if mass(shared & terms) >= options.claim_same_terms * min(own, mass(terms)):
                return node
        node = len(node_terms)
        node_terms.append(set(shared))
        span_terms.append(set(shared))
        node_unit.append(unit)
        node_claim.append(node)
        unit_nodes[unit].append(node)
        claims[node] = {units[unit].doc: node}
        scores[node] = []
        return node

    # Each pair's score by its sentences (``i * count + j``); the pairs alike enough to support.
    count = len(units)
    score_of = {p.i * count + p.j: abs(p.score) for p in pairs}
    least = options.claim_support

    figures: dict[int, tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[tuple[str, str]]]] = {}

    def support(a: dict[int, int], b: dict[int, int]) -> float:
        """The share of the pairs of sentences across two claims that are alike, less the share
        that give different figures of the same thing (they tell different facts)."""
        hits = 0
        for na in a.values():
            for nb in b.values():
                ua, ub = node_unit[na], node_unit[nb]
                if score_of.get(ua * count + ub if ua < ub else ub * count + ua, -1.0) >= least:
                    hits += 1
                    continue
                for u in (ua, ub):
                    if u not in figures:
                        figures[u] = figure_sets(units[u])
                hits -= conflict(figures[ua], figures[ub], options.claim_figure_kinds)
        return hits / (len(a) * len(b))

    for pair in pairs:
        score = pair.score
        if copy is not None and copy[pair.i] == copy[pair.j]:
            score = -abs(score)
        if score < options.claim_min_score:
            continue
        x, y = node_for(pair.i, pair.shared), node_for(pair.j, pair.shared)
        cx, cy = node_claim[x], node_claim[y]
        if cx != cy:
            a, b = claims[cx], claims[cy]
            if any(a[d] != b[d] for d in a.keys() & b.keys()):
                continue  # they disagree on a document: the better pairs stand
            if support(a, b) < options.claim_cohesion:
                continue  # alike at one point only: a chain, not one claim
            if len(b) > len(a):
                cx, cy, a, b = cy, cx, b, a
            for d, node in b.items():
                a[d] = node
                node_claim[node] = cx
            scores[cx].extend(scores.pop(cy))
            del claims[cy]
        if options.claim_grow:
            node_terms[x] |= pair.shared
            node_terms[y] |= pair.shared
        else:
            span_terms[x] |= pair.shared
            span_terms[y] |= pair.shared
        scores[cx].append(score)
    rare = rare_words(units) if options.claim_rare_words else frozenset()
    out = []
    for key, members in claims.items():
        if len(members) < 2:
            continue
        if len(members) == 2 and max(scores[key]) < options.claim_pair_score:
            a, b = (units[node_unit[node]].common for node in members.values())
            if not rare or len(a & b & rare) < options.claim_rare_words:
                continue  # no pair close enough, nor words only these two use
        units_in = sorted(node_unit[node] for node in members.values())
        alike = [score_of.get(a * count + b, 0.0) for x, a in enumerate(units_in) for b in units_in[x + 1 :]]
        density = sum(alike) / len(alike)
        if density < options.claim_min_density:
            continue
        out.append((density, {d: (node_unit[node], node_terms[node] | span_terms[node]) for d, node in members.items()}))
    return out


def claim_spans(
    texts: Sequence[str],
    units: Sequence[Unit],
    weights: dict[str, float],
    clusters: Sequence[tuple[float, dict[int, tuple[int, set[str]]]]],
    options: AlignOptions,
) -> list[Claim]:
    """Each claim's span in each of its documents (see the module, step 3), in document order
    of first span."""
    claims = []
    for score, members in clusters:
        spans = []
        for d in sorted(members):
            unit, terms = members[d]
            start, end = best_stretch(units[unit], terms, weights, options.claim_spread)
            spans.append((d, *clause_reach(texts[d], units[unit], start, end, options.claim_reach)))
        claims.append(Claim(round(100 * score, 1), tuple(spans)))
    claims.sort(key=lambda c: (c.spans, c.score))
    return claims
