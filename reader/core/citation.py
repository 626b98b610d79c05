"""A quotation with its citation, as a reader pastes it into a piece: the span's text in quotation
marks, then "— title, outlet, date". The outlet and date come from the article when it knows them
(front matter); a part it does not know is left out. Control characters are made visible
(:func:`reader.core.text.visible`): what is pasted elsewhere cannot act on a terminal."""

from __future__ import annotations

from reader.core.models import Document
from reader.core.text import visible

__all__ = ["citation", "quote_with_citation"]


def citation(document: Document) -> str:
    """``title, outlet, date`` of ``document``: the parts it knows, each on one line."""
    parts = [getattr(document, name, None) for name in ("title", "outlet", "date")]
    words = [" ".join(visible(str(part)).split()) for part in parts if part]
    return ", ".join(word for word in words if word) or visible(document.id)


def quote_with_citation(text: str, document: Document) -> str:
    """``“text” — title, outlet, date`` (the text's white space kept, its ends trimmed)."""
    return f"\u201c{visible(text.strip())}\u201d \u2014 {citation(document)}"
