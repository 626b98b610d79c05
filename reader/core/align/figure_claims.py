"""Figures as seeds of claims: the same figure of the same thing in several articles.

Outlets give the figures of a story in words of their own ("Klitschko improved his record to
52-3" / "Wladimir Klitschko (52-3, 46 KOs)"; "Hewlett-Packard will acquire Electronic Data
Systems for about $ 13 billion" / "the $ 13.9 billion acquisition"): sentences that share little
wording besides the number, or give a slightly different one. The figures stage
(:func:`reader.core.figures.find_figures`, the one place Parallax decides which figures count
the same thing: the counted noun, its predicate, its owner, its unit, its time) groups them;
:func:`figure_claims` turns each of its groups into a claim, one clause per article (the clause
around the article's first mention of it, as :func:`~reader.core.align.clauses.clause_reach`
draws it), for the fold step to meet with the word aligner's groups and the other claims.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.align.claims import Claim
from reader.core.align.clauses import clause_reach
from reader.core.align.terms import Unit
from reader.core.models import Document

__all__ = ["FIGURE_CLAIM_SCORE", "figure_claims"]

FIGURE_CLAIM_SCORE = 40.0
"""The score a figure claim carries into the fold step (where claims are met best first)."""


def figure_claims(documents: Sequence[Document], reach: int) -> list[Claim]:
    """A claim per group of figures that two articles or more give for the same thing, its
    spans widened by ``reach`` content words within their clause (see the module)."""
    from reader.core.figures import same_figure_mentions

    index = {doc.id: d for d, doc in enumerate(documents)}
    claims = []
    # A clause is the same wherever its sentence is (stories carry the same sentences): what
    # clause_reach reads is the sentence alone, so it is read once per sentence and span.
    reached: dict[tuple[str, int, int], tuple[int, int]] = {}
    for mentions in same_figure_mentions(documents):
        first: dict[int, tuple[int, int, int]] = {}
        for mention in mentions:
            d = index[mention.doc]
            if d in first:
                continue
            s0, s1 = mention.sentence
            text = documents[d].text
            key = (text[s0:s1], mention.start - s0, mention.end - s0)
            found = reached.get(key)
            if found is None:
                sentence = Unit(d, s0, s1, (), frozenset(), frozenset())
                start, end = clause_reach(text, sentence, mention.start, mention.end, reach)
                found = reached[key] = (start - s0, end - s0)
            first[d] = (d, s0 + found[0], s0 + found[1])
        if len(first) >= 2:
            claims.append(Claim(FIGURE_CLAIM_SCORE, tuple(first[d] for d in sorted(first)), figure=True))
    return claims
