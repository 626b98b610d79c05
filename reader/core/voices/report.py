"""Voices as plain data: what ``parallax quotes --format json`` prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.core.models import Document, Group, GroupKind, Span
from reader.core.voices import Speaker, VoiceQuote

__all__ = ["quote_as_group", "voices_dict", "wording"]


def quote_as_group(quote: VoiceQuote) -> Group:
    """A quotation's spans (one per article carrying it) as a quote
    :class:`~reader.core.models.Group`, each span marked quoted and with its speaker as that
    article names them: what the app scrolls to, marks and tags."""
    same = 100.0 if quote.same_wording else 90.0
    return Group(quote.id, GroupKind.QUOTE, same, tuple(Span(s.doc, s.start, s.end, True, s.said_as) for s in quote.spans))


def wording(same: bool, articles: int) -> str:
    """``"one article"``, ``"same"`` or ``"differs"``: how a quotation's wording compares across
    the articles that carry it."""
    if articles < 2:
        return "one article"
    return "same" if same else "differs"


def voices_dict(documents: Sequence[Document], speakers: Sequence[Speaker]) -> dict[str, Any]:
    """``{"documents": [...], "speakers": [...]}``.

    Each speaker is ``{"id", "name", "names", "quotes"}`` (``names``: every way the articles name
    them); each quote ``{"id", "wording", "group", "spans"}`` (``wording``: ``same``,
    ``differs`` or ``one article``; ``group``: the aligner's group holding it, or ``null``);
    each span ``{"doc", "start", "end", "text", "said_as"}`` with ``text ==
    article_text[start:end]`` (the words inside the quotation marks)."""
    by_id = {doc.id: doc for doc in documents}
    return {
        "documents": [
            {"id": doc.id, "path": doc.path, "title": doc.title, "chars": len(doc.text)} for doc in documents
        ],
        "speakers": [
            {
                "id": speaker.id,
                "name": speaker.name,
                "names": list(speaker.names),
                "quotes": [
                    {
                        "id": quote.id,
                        "wording": wording(quote.same_wording, len(quote.doc_ids)),
                        "group": quote.group,
                        "spans": [
                            {"doc": s.doc, "start": s.start, "end": s.end,
                             "text": by_id[s.doc].text[s.start : s.end], "said_as": s.said_as}
                            for s in quote.spans
                        ],
                    }
                    for quote in speaker.quotes
                ],
            }
            for speaker in speakers
        ],
    }
