"""What every export format is made from: one :class:`Row` per annotation, in the one reading
order (:func:`reader.core.annotate.reading_order`) with tags spelled as first met, and the plain
record of each (the JSON Lines line, also the ``parallax annotations --format json`` output); with
them, in an :class:`ExportData`, the verdicts on groups (each span placed in the current text:
:class:`VerdictRow`) and the links between annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from reader.core.annotate.anchoring import Anchored, AnchorStatus, anchor_all
from reader.core.annotate.links import Link
from reader.core.annotate.model import in_first_spellings
from reader.core.annotate.order import reading_order
from reader.core.annotate.verdicts import Verdict
from reader.core.models import Corpus, Document

Documents = Mapping[str, Document] | Iterable[Document] | Corpus
"""The articles an export is made against: a corpus, documents, or documents by id."""


@dataclass(frozen=True, slots=True)
class Row:
    """One annotation to export, with its article (``None`` when the article is gone)."""

    anchored: Anchored
    document: Document | None

    @property
    def placed(self) -> bool:
        """True when it has offsets in the current text (not an orphan, article present)."""
        return self.anchored.status is not AnchorStatus.ORPHAN and self.document is not None

    @property
    def text(self) -> str:
        """The span's current text (the stored quotation for an orphan)."""
        if self.placed:
            assert self.document is not None and self.anchored.start is not None
            return self.document.text[self.anchored.start : self.anchored.end]
        return self.anchored.annotation.exact


def documents_by_id(documents: Documents) -> dict[str, Document]:
    """``documents`` keyed by id, in their order."""
    if isinstance(documents, Corpus):
        return {d.id: d for d in documents.documents}
    if isinstance(documents, Mapping):
        return dict(documents)
    return {d.id: d for d in documents}


def export_rows(anchored: Iterable[Anchored], documents: Documents) -> list[Row]:
    """The rows of an export: in reading order, tags that differ only in case spelled as the
    first annotation given spells them."""
    docs = documents_by_id(documents)
    items = tuple(anchored)
    respelled = in_first_spellings([item.annotation for item in items])
    items = tuple(
        item if annotation is item.annotation else replace(item, annotation=annotation)
        for item, annotation in zip(items, respelled)
    )
    return [Row(item, docs.get(item.annotation.doc)) for item in reading_order(items, docs)]


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII kept, but DEL, C1 and bidi controls, line separators and lone
    surrogates written as ``\\uXXXX`` escapes (lossless, and inert in a terminal)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def record(row: Row) -> dict[str, Any]:
    """One annotation as a plain dict (a JSON Lines line)."""
    a = row.anchored.annotation
    doc = row.document
    return {
        "id": a.id,
        "doc": a.doc,
        "title": doc.title if doc else None,
        "file": doc.path if doc else None,
        "start": row.anchored.start if row.placed else None,
        "end": row.anchored.end if row.placed else None,
        "status": row.anchored.status.value if doc else AnchorStatus.ORPHAN.value,
        "exact": row.text,
        "tags": list(a.tags),
        "note": a.note,
        "group": a.group,
        "created": a.created,
        "updated": a.updated,
    }


def annotation_records(anchored: Iterable[Anchored], documents: Documents) -> list[dict[str, Any]]:
    """One plain dict per annotation (the JSON Lines lines), in reading order."""
    return [record(row) for row in export_rows(anchored, documents)]



@dataclass(frozen=True, slots=True)
class VerdictRow:
    """A verdict on a group, each of its spans placed in the current text as an annotation is."""

    verdict: Verdict
    spans: tuple[Row, ...]
    """One row per stored span (its ``anchored.annotation`` is the span as an annotation)."""


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything an export holds: the annotation rows, the verdicts, the links."""

    rows: tuple[Row, ...]
    verdicts: tuple[VerdictRow, ...] = ()
    links: tuple[Link, ...] = ()


def export_data(
    anchored: Iterable[Anchored], documents: Documents, verdicts: Iterable[Verdict] = (), links: Iterable[Link] = ()
) -> ExportData:
    """The rows of an export (:func:`export_rows`), its verdicts (their spans placed in the
    current texts) and its links (in the order made)."""
    docs = documents_by_id(documents)
    verdict_rows = []
    for verdict in verdicts:
        spans = [span.as_annotation(verdict.id) for span in verdict.spans]
        placed = anchor_all(spans, docs.values())
        verdict_rows.append(VerdictRow(verdict, tuple(Row(item, docs.get(item.annotation.doc)) for item in placed)))
    return ExportData(tuple(export_rows(anchored, docs)), tuple(verdict_rows), tuple(links))


def span_record(row: Row) -> dict[str, Any]:
    """One span of a verdict as a plain dict: where it is now (``None`` offsets for an orphan)."""
    return {
        "doc": row.anchored.annotation.doc,
        "start": row.anchored.start if row.placed else None,
        "end": row.anchored.end if row.placed else None,
        "status": row.anchored.status.value if row.document else AnchorStatus.ORPHAN.value,
        "exact": row.text,
    }


def verdict_record(row: VerdictRow) -> dict[str, Any]:
    """A verdict as a plain dict (a JSON Lines line)."""
    v = row.verdict
    return {
        "kind": "verdict",
        "id": v.id,
        "verdict": v.kind.value,
        "group": v.group,
        "created": v.created,
        "spans": [span_record(span) for span in row.spans],
    }


def link_record(link: Link) -> dict[str, Any]:
    """A link as a plain dict (a JSON Lines line)."""
    return {
        "kind": "link",
        "id": link.id,
        "source": link.source,
        "target": link.target,
        "relation": link.relation,
        "created": link.created,
    }
