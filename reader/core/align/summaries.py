"""Summaries in the long preset: claims that restate a source in a short stretch are one passage.

A summary (or an abstract) restates sentences from all over its source in a few lines: the word
aligner finds a few fragments of it, the claims stage one claim per sentence. With
``claims_as_links`` (the long preset), :func:`summary_links` turns the claims into alignments
(:func:`claim_links`) and joins those that sit close together on one side but spread over the
other (:func:`join_summaries`) into one alignment, which joins the word aligner's. With
``summary_cover``, the sentences that restate a sentence of the other document (or two
neighbouring ones, :mod:`reader.core.align.summary_pairs`) join in too, where the restating
(shorter) sentences sit close together: a summary of three sentences or more, drawn from as
many places of its source, is one passage even when few of its sentences are claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from reader.core.align.claims import Claim
from reader.core.align.context import Link
from reader.core.align.options import AlignOptions
from reader.core.align.summary_pairs import sentence_links
from reader.core.align.terms import Unit
from reader.core.align.tokens import Tokens

__all__ = ["claim_links", "join_summaries", "summary_links"]


def summary_links(
    claims: Sequence[Claim],
    tokens: Sequence[Tokens],
    options: AlignOptions,
    texts: Sequence[str] = (),
    related: Collection[tuple[int, int]] = (),
    verified: Sequence[Link] = (),
    split: Sequence[Unit] | None = None,
) -> list[Link]:
    """For the long preset (``claims_as_links``): the claims that restate, in a short stretch,
    sentences from all over a source (a summary, :func:`join_summaries`), as alignments the
    word aligner's join. Claims worded nearly the same (``summary_copy`` or more) are left to
    the word aligner. With ``summary_cover``, the sentences of ``texts`` that restate a sentence
    of a ``related`` document (:func:`~reader.core.align.summary_pairs.sentence_links`, copies
    included) join with the claims' shorter spans where the restating side is compact: three
    of them make a summary, unless it is most of its document (:data:`_WITHIN`) or one
    alignment of the word aligner (``verified``) covers half of it (an edited copy of one
    passage, with stray sentences around it). ``split``: the sentences of ``texts``, if already
    split (:func:`~reader.core.align.summary_pairs.sentence_links`)."""
    restated = [link for link in claim_links(claims, tokens) if link.score < options.summary_copy]
    sizes = [len(tk) for tk in tokens]
    joined = join_summaries(restated, options.link_gap, options.summary_ratio, sizes)
    if options.summary_cover and texts:
        # A summary's sentences are the shorter side of each pair: they sit close together.
        for side, links in zip(("a", "b"), sentence_links(texts, tokens, related, options, split)):
            # ...and so do the claims' shorter spans.
            shorter = [link for link in restated if (link.a1 - link.a0 <= link.b1 - link.b0) == (side == "a")]
            found = join_summaries(
                [*links, *shorter], options.link_gap, options.summary_ratio, sizes, (side,), _SENTENCE_LINKS, 0.5, _WITHIN
            )
            joined.extend(link for link in found if not _copied(link, side, verified))
    return joined


def _copied(joined: Link, side: str, verified: Sequence[Link]) -> bool:
    """Whether one alignment of the word aligner covers half of ``joined``'s compact ``side``."""
    here0, here1 = (joined.a0, joined.a1) if side == "a" else (joined.b0, joined.b1)
    for link in verified:
        if link.a == joined.a and link.b == joined.b:
            s0, s1 = (link.a0, link.a1) if side == "a" else (link.b0, link.b1)
            if 2 * (min(s1, here1) - max(s0, here0)) >= here1 - here0:
                return True
    return False


def claim_links(claims: Sequence[Claim], tokens: Sequence[Tokens]) -> list[Link]:
    """Each claim as alignments between its first span and each other one (token ranges), for
    presets that join alignments into long passages (``claims_as_links``): a summary's
    sentences, each a claim of its source, join into one passage with the word aligner's
    alignments. An alignment counts the words of its shorter span as matched."""
    links = []
    for claim in claims:
        (a, sa, ea), rest = claim.spans[0], claim.spans[1:]
        a0, a1 = tokens[a].within(sa, ea)
        for b, sb, eb in rest:
            b0, b1 = tokens[b].within(sb, eb)
            if a1 > a0 and b1 > b0:
                links.append(Link(a, a0, a1, b, b0, b1, claim.score, False, min(a1 - a0, b1 - b0)))
    return links


_SUMMARY_LINKS = 4
"""A summary restates at least this many claims of its source."""


def join_summaries(
    links: Sequence[Link],
    gap: int,
    ratio: float,
    sizes: Sequence[int],
    sides: tuple[str, ...] = ("a", "b"),
    least: int = _SUMMARY_LINKS,
    share: float = 0.5,
    within: float = 1.0,
) -> list[Link]:
    """Alignments of two documents that sit close together in one of them (each within
    ``gap`` words of the next) but spread over a stretch at least ``ratio`` times longer in
    the other, joined into one: a summary (or an abstract) restates sentences from all over
    its source, so its claims are one passage of each document, not many. A run needs
    ``least`` alignments, in as many separate places of the spread side and in at least half
    as many places as it has alignments (a copied passage is one place, however many of its
    sentences are aligned). The spread must also cover ``share`` of that document (``sizes``:
    words per document), as a summary covers its source, the compact stretch must be at most
    ``within`` of its own, and the claims must cover half of the compact stretch (a summary
    restates a claim in most of its sentences). Only runs compact on one of ``sides`` ("a",
    "b") are looked for. Only the joined alignments are returned."""
    out: list[Link] = []
    by_pair: dict[tuple[int, int], list[Link]] = defaultdict(list)
    for link in links:
        by_pair[(link.a, link.b)].append(link)
    for key in sorted(by_pair):
        for side in sides:
            spread_size, own_size = (sizes[key[1]], sizes[key[0]]) if side == "a" else (sizes[key[0]], sizes[key[1]])
            out.extend(_join_side(by_pair[key], side, gap, ratio, (spread_size, own_size), least, share, within))
    return out


_SENTENCE_LINKS = 3
"""A summary found sentence by sentence restates at least this many sentences of its source
(one fewer than claims alone: a sentence restating a source sentence is stronger evidence)."""

_WITHIN = 0.3
"""A summary found sentence by sentence is at most this share of its document: a short
document restating a long one in a few scattered sentences is two pages on one subject."""

def _places(run: list[Link], start: Callable[[Link], int], end: Callable[[Link], int]) -> int:
    """In how many separate places (more than a sentence apart) alignments sit on one side."""
    spans = sorted((start(x), end(x)) for x in run)
    places, reach = 0, -_SENTENCE_WORDS - 1
    for s0, s1 in spans:
        if s0 - reach > _SENTENCE_WORDS:
            places += 1
        reach = max(reach, s1)
    return places


def _covered(run: list[Link], start: Callable[[Link], int], end: Callable[[Link], int]) -> int:
    """How many words of one side the alignments cover (overlaps counted once)."""
    total, reach = 0, -1
    for s0, s1 in sorted((start(x), end(x)) for x in run):
        if s1 > reach:
            total += s1 - max(s0, reach)
            reach = s1
    return total


_SENTENCE_WORDS = 20


def _join_side(
    links: list[Link], side: str, gap: int, ratio: float, sizes: tuple[int, int], least: int, share: float, within: float
) -> list[Link]:
    """:func:`join_summaries` for runs that are compact on ``side`` ("a" or "b"): the joined
    alignments only."""
    start, end = (lambda l: l.a0, lambda l: l.a1) if side == "a" else (lambda l: l.b0, lambda l: l.b1)
    other_start, other_end = (lambda l: l.b0, lambda l: l.b1) if side == "a" else (lambda l: l.a0, lambda l: l.a1)
    ordered = sorted(links, key=lambda l: (start(l), end(l)))
    runs: list[list[Link]] = []
    for link in ordered:
        if runs and start(link) - max(end(x) for x in runs[-1]) <= gap:
            runs[-1].append(link)
        else:
            runs.append([link])
    out = []
    for run in runs:
        if len(run) < least:
            continue  # not a summary: too few claims (and a lone claim is no long passage)
        here = max(map(end, run)) - min(map(start, run))
        there = max(map(other_end, run)) - min(map(other_start, run))
        if (
            there < ratio * here
            or there < share * sizes[0]
            or here > within * sizes[1]
            or 2 * _places(run, other_start, other_end) < max(2 * least, len({(start(x), end(x)) for x in run}))
            or 2 * _covered(run, start, end) < here
        ):
            continue  # not spread over its source: a copied passage and a stray claim
        first = run[0]
        size = sum(x.a1 - x.a0 for x in run)
        score = sum(x.score * (x.a1 - x.a0) for x in run) / max(1, size)
        out.append(
            Link(
                first.a, min(x.a0 for x in run), max(x.a1 for x in run),
                first.b, min(x.b0 for x in run), max(x.b1 for x in run),
                round(score, 1), False, sum(x.count for x in run),
            )
        )
    return out
