"""Figures: the numbers articles give for the same thing, grouped, with whether they agree.

Stages, each a plain function over plain data: :func:`.mentions.extract` (one article's figures)
and :func:`.grouping.group_mentions` (across articles); :func:`find_figures` runs both over a
corpus (:func:`same_figure_mentions` gives only its groups' mentions, for the aligner).
:func:`.report.figures_dict` is what ``parallax figures --format json`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.figures.grouping import FigureGroup, agrees, group_mentions, same_figures
from reader.core.figures.mentions import Mention, extract
from reader.core.models import Document

__all__ = ["FigureGroup", "Mention", "agrees", "extract", "find_figures", "group_mentions", "same_figure_mentions"]


def find_figures(documents: Sequence[Document], progress: Callable[[int, int], None] | None = None) -> list[FigureGroup]:
    """Every group of figures that two or more of ``documents`` give for the same thing.

    ``progress(done, total)`` is called after each article is read (for a worker's progress bar;
    it may raise to cancel). An article whose text another one already has (a wire story
    carried verbatim) is read once: its figures are the other's, given its id; so is a sentence
    that another article has (:func:`.mentions.extract`)."""
    return group_mentions(_mentions(documents, progress))


def same_figure_mentions(documents: Sequence[Document]) -> list[tuple[Mention, ...]]:
    """The mentions of each group :func:`find_figures` gives, in its order, without what they
    count or why (:func:`.grouping.same_figures`: what the aligner's figure claims read)."""
    return same_figures(_mentions(documents, None))


def _mentions(documents: Sequence[Document], progress: Callable[[int, int], None] | None) -> list[Mention]:
    """The figures of every article, in order (see :func:`find_figures`)."""
    mentions: list[Mention] = []
    read: dict[str, list[Mention]] = {}
    sentences: dict[str, list[tuple]] = {}  # the sentences read (see extract)
    for done, document in enumerate(documents, 1):
        earlier = read.get(document.text)
        if earlier is None:
            earlier = read[document.text] = extract(document.id, document.text, sentences)
            mentions.extend(earlier)
        else:
            mentions.extend(m.in_article(document.id) for m in earlier)
        if progress is not None:
            progress(done, len(documents))
    return mentions
