"""The one order of annotations: as a reader meets them. Used by the annotations panel, the
export rows and the ``parallax annotations`` table alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reader.core.annotate.anchoring import Anchored, AnchorStatus
from reader.core.models import Corpus, Document

__all__ = ["reading_order"]


def reading_order(
    anchored: Iterable[Anchored], documents: Corpus | Mapping[str, Document] | Iterable[Document]
) -> tuple[Anchored, ...]:
    """``anchored`` sorted as a reader meets them: by the article's position in ``documents``
    (articles that are gone last, by id); within an article the placed annotations by their
    current position (start, then end), then its orphans by their stored position; ties by
    annotation id."""
    if isinstance(documents, Corpus):
        ids = [document.id for document in documents.documents]
    elif isinstance(documents, Mapping):
        ids = list(documents)
    else:
        ids = [document.id for document in documents]
    rank = {doc_id: n for n, doc_id in enumerate(ids)}
    gone = len(rank)

    def key(item: Anchored) -> tuple[int, str, int, int, int, str]:
        a = item.annotation
        if item.status is not AnchorStatus.ORPHAN and item.start is not None and item.end is not None:
            return (rank.get(a.doc, gone), a.doc, 0, item.start, item.end, a.id)
        return (rank.get(a.doc, gone), a.doc, 1, a.start, a.end, a.id)

    return tuple(sorted(anchored, key=key))
