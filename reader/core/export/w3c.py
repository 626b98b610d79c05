"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` with one page of annotations, each
targeting its article with a TextQuoteSelector and, when placed, a TextPositionSelector.

After the annotations come, as annotations of the same model:

* each **verdict** on a group: motivation ``assessing``, an ``assessing`` TextualBody ("not a
  match", "boilerplate"), one target per span of the group;
* each **link** between two annotations: motivation ``linking``, a ``tagging`` TextualBody naming
  the relation, and two targets, the annotations linked, in the link's direction (from, to), as
  Recogito writes relations.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reader.core.annotate.links import Link
from reader.core.annotate.model import CONTEXT_CHARS
from reader.core.export.rows import Row, VerdictRow, json_text
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


def _target(row: Row) -> dict[str, Any]:
    """A span as a SpecificResource of its article: a TextQuoteSelector (the text with its
    context now, or as stored for an orphan) and, when placed, a TextPositionSelector."""
    a = row.anchored.annotation
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
    # The span is a SpecificResource of the article: two selectors describing the same segment
    # (the W3C model lets a client use either).
    return {"type": "SpecificResource", "source": document_iri(row.document, a.doc), "selector": [quote, *position]}


def _annotation(row: Row) -> dict[str, Any]:
    a = row.anchored.annotation
    bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in a.tags]
    if a.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"})
    item: dict[str, Any] = {
        "id": annotation_iri(a.id),
        "type": "Annotation",
        "motivation": "tagging" if a.tags else "commenting" if a.note else "highlighting",
        "target": _target(row),
    }
    if bodies:
        item["body"] = bodies
    if a.created:
        item["created"] = a.created
    if a.updated:
        item["modified"] = a.updated
    return item


def _verdict(row: VerdictRow) -> dict[str, Any]:
    v = row.verdict
    item: dict[str, Any] = {
        "id": annotation_iri(v.id),
        "type": "Annotation",
        "motivation": "assessing",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": v.kind.value}],
        "target": [_target(span) for span in row.spans],
    }
    if v.created:
        item["created"] = v.created
    return item


def _link(link: Link) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": annotation_iri(link.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": link.relation}],
        "target": [{"id": annotation_iri(link.source)}, {"id": annotation_iri(link.target)}],
    }
    if link.created:
        item["created"] = link.created
    return item


def _w3c(rows: Sequence[Row], verdicts: Iterable[VerdictRow], links: Iterable[Link]) -> dict[str, Any]:
    items = [_annotation(row) for row in rows]
    items.extend(_verdict(row) for row in verdicts)
    items.extend(_link(link) for link in links)
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


def render(rows: Sequence[Row], verdicts: Iterable[VerdictRow] = (), links: Iterable[Link] = ()) -> str:
    """The collection as indented JSON."""
    return json_text(_w3c(rows, verdicts, links), indent=2) + "\n"
