"""What the aligner counts as a shared passage (:class:`AlignOptions`, frozen, checked) and
how it is stopped early (:class:`Cancelled`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["PRESETS", "AlignOptions", "Cancelled"]

PRESETS = {"news": "news", "long": "long_passages"}
"""Preset name -> the :class:`AlignOptions` class method that makes its options: ``news``
(the default) for articles about one event, ``long`` for reuse between long documents."""


class Cancelled(Exception):
    """Raised by :func:`align` when its ``cancelled`` callback says to stop."""


@dataclass(frozen=True)
class AlignOptions:
    """What counts as a shared passage. The defaults suit news articles (short passages and
    quotes count); :meth:`long_passages` gives the options for reuse detection between long
    documents (PAN-style text alignment)."""

    min_score: float = 60.0
    """Keep an alignment when its words are at least this alike (``fuzz.ratio``, 0-100)."""
    ngram: int = 3
    """Seed size in words: two passages must share this many consecutive words to be found."""
    max_doc_fraction: float = 0.5
    """Seeds found in more than this share of the documents are boilerplate and ignored..."""
    min_doc_limit: int = 10
    """...but a seed is never ignored for being in this many documents or fewer."""
    min_words: int = 3
    """A span needs at least this many words matched in the other span (a number counts
    twice: "$100m annually" is enough)."""
    min_content_words: int = 3
    """...of which at least this many are content words (not "the", "of", "said"...; a
    number counts twice)..."""
    min_content_chars: int = 15
    """...with at least this many characters between them (a number counts 4 more), so "Hamas
    in the Gaza Strip" is not a shared passage, but "war crimes and genocide" and "$100m
    annually" are."""
    quote_min_content_words: int = 2
    """The same two limits when both spans are inside quotation marks and match word for word:
    short quotes count..."""
    quote_min_content_chars: int = 12
    """...with this many characters."""
    merge_gap: int = 4
    """Unmatched words bridged between two seeds of one passage."""
    gap_penalty: float = 0.5
    """When trimming, an unmatched word costs this many matched words."""
    inner_gap_penalty: float = 0.5
    """The same, for unmatched words between the seeds of a region."""
    break_penalty: float = 1.0
    """When trimming, the extra cost of an unmatched stretch that crosses a sentence end."""
    stop_weight: float = 0.5
    """When trimming, a matched function word counts this much (a content word counts 1)."""
    link_gap: int = 0
    """Join two alignments of the same documents when they follow each other within this many
    words in both; ``min_words`` then applies to the joined alignment (0: no joining)."""
    quote_bounds: bool = True
    """Cut an alignment where it runs across the closing mark of the quotation it starts in
    (or into the quotation it ends in), so a matched quotation is a span of its own."""
    sentence_reach: int = 0
    """Widen each alignment to the start and end of its sentences when they are at most this
    many words away (0: spans stop at the outermost matched words)."""
    margin: int = 6
    """Words looked at beyond the outermost seeds when extending a region."""
    self_matches: bool = True
    """A passage repeated inside one document is found (as a second span of its group). When
    false, a stretch of text is also aligned with one stretch of each other document at most
    (the best), as reuse detection between two documents wants."""
    workers: int = 0
    """Processes for big corpora: 0 = automatic (two when the machine has an idle core),
    1 = never start processes, N = up to N preparing the documents (at most one per core);
    from more than one, the later stages run in this process and one pool process."""
    parallel_min_docs: int = 300
    """Corpora with fewer documents than this are aligned in the calling process."""

    quote_seeds: bool = True
    """A quotation of four words or more that two articles quote word for word is a ``quote``
    group, whatever words surround it."""
    claims: bool = True
    """Also find clauses of different articles that state the same claim in other words
    (:mod:`reader.core.align.claims`), shown as ``reworded`` groups. Only while ``min_score``
    is at most its default: asking for passages more alike than that leaves out claims, whose
    wording differs by nature."""
    figure_claims: bool = True
    """With ``claims``, each group of figures that several articles give for the same thing
    (:func:`reader.core.figures.find_figures`) is a claim too
    (:mod:`reader.core.align.figure_claims`)."""
    claim_min_score: float = 0.25
    """A pair of sentences states one claim when the cosine of their weighted terms (0-1) is
    at least this..."""
    claim_min_terms: int = 2
    """...they share at least this many terms..."""
    claim_min_weight: float = 0.8
    """...weighing this much in all, in units of the weight of a term found in two sentences
    only (a term's weight is ``log(sentences / sentences with it)``)."""
    claim_evidence: float = 0.6
    """...of which terms of a claim weigh this much (same unit): words written in lower case in
    both sentences (not names and titles) that the whole story does not repeat (its topic:
    :func:`~reader.core.align.terms.topic_terms`). Two sentences naming the same people at two
    different events share names, not a claim. The same figure of the same thing is enough."""
    claim_figure_score: float = 0.35
    """Two sentences that give the same figure (or one within about 12%) of the same thing (a
    content word next to it in both: "700 Israelis", "1,098 yards") score at least this."""
    claim_figure_kinds: bool = True
    """Two sentences disagree on a figure only when they give different figures of one kind
    (:func:`~reader.core.align.anchors.figure_kind`) next to the same word: a year and a count
    never, nor a year alone and a full date in that year (false: any two figures next to the
    same word)."""
    claim_shared_figure: float = 0.25
    """Two sentences that give the same figure telling a fact by itself (a date, a time, a
    score, a share, a number of 100 or more, not a year: :func:`~reader.core.align.anchors.telling_figure`),
    one the story does not repeat, score at least this, whatever other words they share (at
    ``claim_support``, the pair supports a claim without making one; 0: not counted)."""
    claim_acronyms: bool = True
    """A name spelled out in one article and abbreviated in another ("North American Free Trade
    Agreement" / "Nafta") is one term for the claims (:mod:`reader.core.align.acronyms`)."""
    claim_pair_score: float = 0.34
    """A claim stated by two documents only needs a pair scoring this much."""
    claim_rare_words: int = 2
    """...or its two sentences share this many words written in lower case in both that no
    third document holds (:func:`~reader.core.align.terms.rare_words`; 0: never)."""
    claim_same_terms: float = 0.5
    """A pair joins the stretch of a sentence already in a claim when this share of its shared
    terms' weight (or of the stretch's) is the stretch's."""
    claim_grow: bool = False
    """A stretch of a sentence in a claim is known by the terms of the pair that put it there
    (false), or also by those of every pair joined to it since (true: looser)."""
    claim_mutual: bool = True
    """Join two sentences into a claim only when each is the other's best partner in its
    document..."""
    claim_other: float = 0.3
    """...where a pair is a sentence's best for a document unless a better pair of it shares
    more than this share of its terms' weight (a sentence carrying two claims has a best
    partner for each)..."""
    claim_sure: float = 0.5
    """...or when they score at least this."""
    claim_support: float = 0.2
    """Two sentences of different claims count as alike when they score this much..."""
    claim_cohesion: float = 0.6
    """...and two claims become one only when this share of the pairs of sentences across them
    are alike, less the share that give different figures of the same thing (so one bridging
    pair does not chain two claims)."""
    claim_min_density: float = 0.0
    """A claim is kept when the mean score of all pairs of its sentences (0 for pairs that are
    not alike) is at least this."""
    claim_reach: int = 2
    """A reworded span takes in up to this many more content words on each side, within its
    clause, so it reads as a claim ("resulted in the death of over 700 Israelis")."""
    claim_spread: float = 0.1
    """A reworded span reaches over words it does not share at this cost (per unit of their
    weight) against the shared words' gain."""
    claims_as_links: bool = False
    """Feed the claims to the word aligner's alignments (joined into long passages with
    ``link_gap``) instead of showing them as groups of their own."""
    summary_ratio: float = 0.0
    """With ``link_gap``: alignments of two documents close together in one (within
    ``link_gap`` words) but spread over a stretch this many times longer in the other are one
    passage (a summary and its source); 0: never."""
    summary_copy: float = 80.0
    """...counting only claims scoring below this (0-100): higher ones are copies."""
    summary_cover: float = 0.0
    """With ``summary_ratio``: a sentence restates a sentence of another document (or two
    neighbouring ones) when the terms they share weigh this share of the shorter side's terms
    (:mod:`reader.core.align.summary_pairs`), and such sentences join into summaries too; 0:
    only the claims do."""
    claim_related: bool = True
    """Only pair sentences of articles that share some wording (a seed of the word aligner):
    articles about different stories are never compared sentence by sentence."""
    claim_prefix: int = 100
    """Each sentence is indexed under this many of its heaviest terms."""
    claim_index_weight: float = 0.3
    """Terms weighing less than this (same unit as ``claim_min_weight``) are not indexed
    either: too common to start a pair."""
    claim_max_df: int = 50
    """Terms found in more sentences than this are not indexed: they never make two sentences
    candidates (they still count in the score of candidates)."""

    @classmethod
    def preset(cls, name: str, **changes: Any) -> AlignOptions:
        """The options of preset ``name`` (:data:`PRESETS`), with ``changes`` on top; an
        unknown name is a ``ValueError`` naming the known ones."""
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r} (known: {', '.join(PRESETS)})")
        return getattr(cls, PRESETS[name])(**changes)

    @classmethod
    def news(cls, **changes: Any) -> AlignOptions:
        """Options for news articles about one event (the defaults): short passages, quotes
        and reworded claims count."""
        return cls(**changes)

    @classmethod
    def long_passages(cls, **changes: Any) -> AlignOptions:
        """Options for reuse detection between long documents (PAN-style text alignment):
        word-pair seeds, fragments of a heavily edited passage joined, short matches dropped.
        Tuned on the PAN 2013 training data; ``changes`` override single fields."""
        tuned: dict[str, Any] = {
            "ngram": 2,
            "merge_gap": 25,
            "link_gap": 150,
            "gap_penalty": 0.25,
            "inner_gap_penalty": 0.15,
            "stop_weight": 1.0,
            "break_penalty": 0.0,
            "margin": 25,
            "min_words": 16,
            "min_score": 20.0,
            "sentence_reach": 15,
            "self_matches": False,
            "quote_bounds": False,
            "claims_as_links": True,
            "quote_seeds": False,
            "summary_ratio": 3.0,
            "summary_cover": 0.5,
        }
        return cls(**{**tuned, **changes})

    def __post_init__(self) -> None:
        """Refuse values outside their range (``ValueError``)."""
        if self.ngram < 1:
            raise ValueError("ngram must be at least 1")
        if not 0 <= self.min_score <= 100:
            raise ValueError("min_score must be between 0 and 100")
        if min(self.merge_gap, self.margin, self.link_gap, self.workers, self.sentence_reach) < 0:
            raise ValueError("merge_gap, link_gap, margin and workers must be >= 0")
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")
        if self.gap_penalty <= 0 or self.inner_gap_penalty <= 0 or self.break_penalty < 0:
            raise ValueError("gap penalties must be positive (break_penalty may be 0)")
        if not 0 <= self.stop_weight <= 1:
            raise ValueError("stop_weight must be between 0 and 1")
        if not 0 < self.max_doc_fraction <= 1:
            raise ValueError("max_doc_fraction must be in (0, 1]")
