"""What the tag dialog says it tags: exactly the text that will be tagged, as two lines.

The first line quotes the text (white space folded; a long one keeps its start and its end,
cut at words, with `` … `` between, so the reader sees where it starts and where it ends); the
second says how much and where: ``34 chars in <title>`` for a selection or an annotation,
``3 spans in 3 articles: <titles>`` for a passage. Pure functions over the core's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from reader.core.models import Document, Group

if TYPE_CHECKING:
    from reader.core.annotate import Annotation

QUOTE_LIMIT = 140
"""Characters of a quotation shown (two lines of the dialog at 80 columns)."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def shorten_middle(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` with white space folded; when longer than ``limit``, its start and its end cut
    at words with `` … `` between (a word longer than the room is cut where it must be)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = max(2, limit - 3)
    head, tail = text[: room * 3 // 5], text[len(text) - room * 2 // 5 :]
    if " " in head.strip():
        head = head[: head.rstrip().rfind(" ")]
    if " " in tail.strip():
        tail = tail[tail.lstrip().find(" ") + (len(tail) - len(tail.lstrip())) + 1 :]
    return f"{head.rstrip()} … {tail.lstrip()}"


def title_of(document: Document | None, doc_id: str) -> str:
    """How an article is named: its title, else its id."""
    return (document.title if document is not None else "") or doc_id


def span_target(document: Document, start: int, end: int) -> str:
    """What a selection of ``document`` from ``start`` to ``end`` is: its text, then its length
    and article."""
    return f"“{shorten_middle(document.text[start:end])}”\n{_plural(end - start, 'char')} in {title_of(document, document.id)}"


def group_target(group: Group, documents: Mapping[str, Document]) -> str:
    """What every span of ``group`` is: its first span's text, then how many spans in which
    articles."""
    span = group.spans[0]
    document = documents.get(span.doc)
    quote = shorten_middle(span.text(document)) if document is not None else ""
    titles = ", ".join(title_of(documents.get(doc), doc) for doc in group.doc_ids)
    return f"“{quote}”\n{_plural(len(group.spans), 'span')} in {_plural(len(group.doc_ids), 'article')}: {titles}"


def annotation_target(annotation: Annotation, documents: Mapping[str, Document]) -> str:
    """What an annotation is: its text, then its length and article."""
    title = title_of(documents.get(annotation.doc), annotation.doc)
    return f"“{shorten_middle(annotation.exact)}”\n{_plural(len(annotation.exact), 'char')} in {title}"
