"""How a reader meets the aligned groups: in reading order, each named by a one-line snippet.

Shared by the reading room (navigation order, the tag dialog's target line) and the match list,
so the order and the snippets are the same wherever a group is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.core.models import Document, Group
from reader.core.text import cut_words


def reading_order(groups: Sequence[Group], documents: Sequence[Document]) -> tuple[Group, ...]:
    """Groups in the order a reader meets them: by the first article they occur in, then by
    where they start there (ties by group id)."""
    order = {document.id: index for index, document in enumerate(documents)}
    missing = len(order)

    def key(group: Group) -> tuple[int, int, str]:
        first = min(group.spans, key=lambda s: (order.get(s.doc, missing), s.start))
        return order.get(first.doc, missing), first.start, group.id

    return tuple(sorted(groups, key=key))


def group_snippet(group: Group, documents: Mapping[str, Document], limit: int = 50) -> str:
    """The group's first span on one line (white space folded), cut at a word boundary to at
    most ``limit`` characters with an ellipsis; empty when its article is not in ``documents``."""
    span = group.spans[0]
    document = documents.get(span.doc)
    text = " ".join(span.text(document).split()) if document else ""
    return cut_words(text, limit)
