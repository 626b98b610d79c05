"""The alignment as plain data: what ``parallax align --format json`` prints and
:func:`reader.align_texts` returns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.core.models import Document, Group

__all__ = ["alignment_dict"]


def alignment_dict(documents: Sequence[Document], groups: Sequence[Group], *, hidden: bool = False) -> dict[str, Any]:
    """``{"documents": [...], "groups": [...]}`` with every span's text sliced from its article.

    Each document is ``{"id", "path", "title", "chars"}``; each group ``{"id", "kind", "score",
    "folded_into", "spans"}``; each span ``{"doc", "start", "end", "text", "quoted",
    "speaker"}`` where ``text == article_text[start:end]``. Hidden groups (fragments, and
    groups folded into another) are left out unless ``hidden``.
    """
    by_id = {doc.id: doc for doc in documents}
    return {
        "documents": [
            {"id": doc.id, "path": doc.path, "title": doc.title, "chars": len(doc.text)}
            for doc in documents
        ],
        "groups": [
            {
                "id": group.id,
                "kind": group.kind.value,
                "score": group.score,
                "folded_into": group.folded_into,
                "spans": [
                    {
                        "doc": span.doc,
                        "start": span.start,
                        "end": span.end,
                        "text": by_id[span.doc].text[span.start : span.end],
                        "quoted": span.quoted,
                        "speaker": span.speaker,
                    }
                    for span in group.spans
                ],
            }
            for group in groups
            if hidden or not group.hidden
        ],
    }
