"""What the aligner counts as a shared passage (:class:`AlignOptions`, frozen, checked) and
how it is stopped early (:class:`Cancelled`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AlignOptions", "Cancelled"]


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
    1 = never start processes, N = up to N (at most one per core)."""
    parallel_min_docs: int = 300
    """Corpora with fewer documents than this are aligned in the calling process."""

    claims: bool = False
    """Also link sentences of different articles that state the same claim in other words
    (:mod:`reader.core.align.claims`), as ``reworded`` groups."""
    claim_max_df: int = 50
    """The claims stage indexes terms found in at most this many sentences."""
    claim_min_terms: int = 2
    """A reworded pair of sentences shares at least this many terms..."""
    claim_min_weight: float = 4.0
    """...weighing at least this much in all..."""
    claim_min_score: float = 0.5
    """...and this share of the smaller sentence's weight (tempered by the larger's)."""
    claim_spread: float = 0.5
    """A reworded span runs over words that are not shared at this cost (per unit of their
    weight) against the shared words' gain."""
    claim_cosine: bool = True
    """Score a pair by shared weight over the geometric mean of the two sentences' weights
    (false: over the smaller one's)."""

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
