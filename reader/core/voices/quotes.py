"""One speaker's quotations across articles: the same words carried by several outlets are one
quotation with a span in each, marked as worded the same or not, and tied to the aligner's
group that holds them when there is one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.core.models import Group

__all__ = ["Said", "VoiceQuote", "group_of", "group_quotes", "same_quote"]

SAME_QUOTE = 85.0
"""How alike (0-100, rapidfuzz on folded words) two quotations must be to be one."""
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True, slots=True)
class Said:
    """One quotation in one article, with the speaker as that article names them."""

    doc: str
    start: int
    end: int
    name: str | None
    """The speaker as written (``Amirabdollahian``, ``Iran's foreign minister``), a pronoun
    already resolved to a name; ``None`` when the article names no one."""
    text: str
    """``article[start:end]``."""
    said_as: str | None = None
    """The speaker exactly as this article names them here (``he``), before resolution."""


@dataclass(frozen=True, slots=True)
class VoiceQuote:
    """One quotation of a speaker, with a span in every article that carries it."""

    id: str
    spans: tuple[Said, ...]
    same_wording: bool
    """Whether every article gives the same words (case, punctuation and spacing aside)."""
    group: str | None = None
    """The id of the aligner's group holding it, when the articles share it and groups were given."""

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The articles that carry it, each once."""
        return tuple(dict.fromkeys(s.doc for s in self.spans))


def folded(text: str) -> str:
    """``text`` as lower-case words joined by spaces (``&`` read as ``and``)."""
    return " ".join(_WORD.findall(text.lower().replace("&", " and ").replace("\u2019", "'")))


def same_quote(a: str, b: str) -> bool:
    """Whether two quotations are the same words, allowing for an outlet's edits: alike as a
    whole, or the shorter (three words or more) found in the longer."""
    return _same_folded(folded(a), folded(b))


def _same_folded(fa: str, fb: str) -> bool:
    """:func:`same_quote` of two quotations already :func:`folded`."""
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short = min(fa, fb, key=len)
    if fuzz.ratio(fa, fb) >= SAME_QUOTE:
        return True
    return len(short.split()) >= 3 and fuzz.partial_ratio(fa, fb) >= 92


def group_quotes(items: Sequence[Said], groups: Sequence[Group] = ()) -> list[VoiceQuote]:
    """``items`` (one speaker's quotations) grouped into :class:`VoiceQuote` s: a quotation
    joins the first earlier one it matches from another article; in article order."""
    clusters: list[list[Said]] = []
    heads: list[tuple[str, set[str]]] = []  # each cluster's first quotation folded, and its articles
    folds: dict[Said, str] = {}
    by_text: dict[str, str] = {}  # a wire story's copies give the same quotations
    same: dict[tuple[str, str], bool] = {}  # and ask the same again

    def alike(head: str, fold: str) -> bool:
        if (head, fold) not in same:
            same[head, fold] = _same_folded(head, fold)
        return same[head, fold]

    for item in sorted(items, key=lambda s: (s.doc, s.start)):
        fold = by_text.get(item.text)
        if fold is None:
            fold = by_text[item.text] = folded(item.text)
        folds[item] = fold
        for cluster, (head, docs) in zip(clusters, heads):
            if item.doc not in docs and alike(head, fold):
                cluster.append(item)
                docs.add(item.doc)
                break
        else:
            clusters.append([item])
            heads.append((fold, {item.doc}))
    spans_by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for group in groups:
        for span in group.spans:
            spans_by_doc.setdefault(span.doc, []).append((span.start, span.end, group.id))
    out = []
    for cluster in clusters:
        wording = {folds[s] for s in cluster}
        out.append(VoiceQuote("", tuple(cluster), len(wording) == 1, group_of(cluster, spans_by_doc) if len(cluster) > 1 else None))
    return out


def group_of(cluster: Sequence[Said], spans_by_doc: dict[str, list[tuple[int, int, str]]]) -> str | None:
    """The aligner group whose spans cover the most of the quotation in its articles
    (``spans_by_doc``: each article's group spans as ``(start, end, group id)``)."""
    votes: dict[str, int] = {}
    for said in cluster:
        for start, end, group_id in spans_by_doc.get(said.doc, ()):
            overlap = min(end, said.end) - max(start, said.start)
            if overlap > 0 and 2 * overlap >= min(end - start, said.end - said.start):
                votes[group_id] = votes.get(group_id, 0) + overlap
    return max(votes, key=lambda g: (votes[g], g)) if votes else None
