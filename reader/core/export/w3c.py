"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` with one page of annotations, each
targeting its article with a TextQuoteSelector and, when placed, a TextPositionSelector."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.core.annotate.model import CONTEXT_CHARS
from reader.core.export.rows import Row, json_text
from reader.core.models import Document

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_iri(annotation_id: str) -> str:
    """The IRI of an annotation in the W3C export: ``urn:uuid:...`` (our ids are uuid4 hex)."""
    try:
        return uuid.UUID(hex=annotation_id).urn
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, "parallax:annotation:" + annotation_id).urn


def document_iri(document: Document | None, doc_id: str) -> str:
    """The IRI of an article: its ``file://`` URI when it was read from disk."""
    if document is not None and os.path.isabs(document.path):
        return Path(document.path).as_uri()
    return "urn:parallax:doc:" + "".join(c if c.isalnum() or c in "-._~" else f"%{ord(c):02X}" for c in doc_id)


def _w3c(rows: Sequence[Row]) -> dict[str, Any]:
    items = []
    for row in rows:
        a = row.anchored.annotation
        bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in a.tags]
        if a.note:
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"})
        prefix, suffix = a.prefix, a.suffix
        position: list[dict[str, Any]] = []
        if row.placed:
            assert row.document is not None and row.anchored.start is not None and row.anchored.end is not None
            text = row.document.text
            start, end = row.anchored.start, row.anchored.end
            prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
            position.append({"type": "TextPositionSelector", "start": start, "end": end})
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": row.text}
        if prefix:
            quote["prefix"] = prefix
        if suffix:
            quote["suffix"] = suffix
        item: dict[str, Any] = {
            "id": annotation_iri(a.id),
            "type": "Annotation",
            "motivation": "tagging" if a.tags else "commenting" if a.note else "highlighting",
            # The span is a SpecificResource of the article: two selectors describing the same
            # segment (the W3C model lets a client use either).
            "target": {"type": "SpecificResource", "source": document_iri(row.document, a.doc), "selector": [quote, *position]},
        }
        if bodies:
            item["body"] = bodies
        if a.created:
            item["created"] = a.created
        if a.updated:
            item["modified"] = a.updated
        items.append(item)
    collection_id = uuid.uuid5(uuid.NAMESPACE_URL, "parallax:export:" + ",".join(sorted(i["id"] for i in items)))
    return {
        "@context": W3C_CONTEXT,
        "id": collection_id.urn,
        "type": "AnnotationCollection",
        "label": "Parallax annotations",
        "total": len(items),
        "first": {
            "id": collection_id.urn + "#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def render(rows: Sequence[Row]) -> str:
    """The collection as indented JSON."""
    return json_text(_w3c(rows), indent=2) + "\n"
