"""The claims stage as the engine runs it (:mod:`reader.core.align.claims` does the work): in
two halves, so that the half that needs no alignment can run in the pool process while this
process verifies the word aligner's alignments (:func:`reader.core.align.engine.claims_alongside`).

:func:`begin_claims` finds the sentences of related documents and the candidate pairs of them;
:func:`finish_claims` turns them into claims once the alignments are known (the sentences they
already tie only support claims). :func:`find_claims` is both, one after the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.core.align.claims import Begun, Claim, claim_pairs, claims_from
from reader.core.align.context import Link
from reader.core.align.options import AlignOptions
from reader.core.align.related import related_documents
from reader.core.align.tokens import Tokens
from reader.core.models import Document

__all__ = ["begin_claims", "find_claims", "finish_claims", "wants_claims"]


def find_claims(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    pairs: Mapping[tuple[int, int], object],
    links: Sequence[Link],
    options: AlignOptions,
) -> list[Claim]:
    """The engine's claims stage: the claims of ``documents``
    (:func:`~reader.core.align.claims.claims_of`) between the pairs of documents that share a
    seed (``pairs``, when ``claim_related``), leaving to the word aligner the sentences its
    alignments ``links`` already tie. Empty when ``claims`` is off, or ``min_score`` asks for
    passages more alike than its default."""
    return finish_claims(documents, tokens, begin_claims(documents, tokens, pairs, options), links, options)


def begin_claims(
    documents: Sequence[Document], tokens: Sequence[Tokens], pairs: Mapping[tuple[int, int], object], options: AlignOptions
) -> Begun:
    """The half of :func:`find_claims` that needs no alignment (the engine runs it while the
    alignments are verified in another process): step 1 of :func:`~reader.core.align.claims.claims_of`,
    the sentences and their candidate pairs."""
    if not wants_claims(options):
        return None
    related = related_documents({pair for pair in pairs if pair[0] != pair[1]}) if options.claim_related else None
    return claim_pairs([doc.text for doc in documents], options, related, tokens)


def wants_claims(options: AlignOptions) -> bool:
    """Whether the claims stage runs: ``claims`` on, and ``min_score`` asking for passages no
    more alike than its default."""
    return options.claims and options.min_score <= AlignOptions.min_score


def finish_claims(
    documents: Sequence[Document], tokens: Sequence[Tokens], begun: Begun, links: Sequence[Link], options: AlignOptions
) -> list[Claim]:
    """The claims :func:`begin_claims` began, the alignments ``links`` known."""
    if begun is None:
        return []
    # Sentences the word aligner ties only support claims; not in the long preset, where a
    # summary's sentences are claims whether or not a few of their words were copied.
    copied = [] if options.claims_as_links else [
        (l.a, tokens[l.a].starts[l.a0], tokens[l.a].ends[l.a1 - 1], l.b, tokens[l.b].starts[l.b0], tokens[l.b].ends[l.b1 - 1])
        for l in links
        if l.a != l.b
    ]
    return claims_from([doc.text for doc in documents], begun, options, copied)
