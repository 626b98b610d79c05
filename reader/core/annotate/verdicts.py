"""Verdicts on alignment groups: the reader says a group is "not a match" or "boilerplate", and
it is hidden from the highlights and from navigation from then on.

Groups are computed again at every alignment (their ids and spans may change), so a verdict
keeps the group's spans themselves, each as an annotation keeps its span (document, offsets,
quotation with 32 characters of context, the hash of the text): after each alignment,
:func:`attach_verdicts` finds each span again in the current text
(:mod:`reader.core.annotate.anchoring`) and attaches the verdict to the group whose spans cover
at least :data:`COVERAGE` of it. A verdict no group covers so is an *orphan*: listed, kept, and
never applied to another group.

Pure: no file access, no widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from reader.core.annotate.anchoring import anchor_all
from reader.core.annotate.model import CONTEXT_CHARS, Annotation, now_iso
from reader.core.models import Document, Group, text_hash

__all__ = [
    "COVERAGE",
    "Placement",
    "Verdict",
    "VerdictKind",
    "VerdictSpan",
    "attach_verdicts",
    "new_verdict",
]

COVERAGE = 0.8
"""The share of a verdict's characters a group's spans must cover for the verdict to attach."""


class VerdictKind(str, Enum):
    """What the reader says of a group."""

    NOT_A_MATCH = "not a match"
    """The spans are not the same passage (a false alignment)."""
    BOILERPLATE = "boilerplate"
    """The same words, but site furniture or wire boilerplate, not worth reading twice."""


@dataclass(frozen=True, slots=True)
class VerdictSpan:
    """One span of the group a verdict was given on, kept as an annotation keeps its span."""

    doc: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    doc_hash: str = ""

    def to_record(self) -> dict[str, object]:
        """A plain JSON-able dict."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "doc_hash": self.doc_hash,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> VerdictSpan:
        """The inverse of :meth:`to_record` (``ValueError`` naming the first bad field); checked
        as an annotation's span is."""
        a = Annotation.from_record({"id": "span", **record})
        return cls(a.doc, a.start, a.end, a.exact, a.prefix, a.suffix, a.doc_hash)

    def as_annotation(self, id: str) -> Annotation:
        """The span as an annotation, to be anchored like one."""
        return Annotation(id, self.doc, self.start, self.end, self.exact, self.prefix, self.suffix, self.doc_hash)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The reader's verdict on one group (see the module docstring)."""

    id: str
    kind: VerdictKind
    spans: tuple[VerdictSpan, ...]
    group: str = ""
    """The id of the group it was given on (informative: groups are renumbered by alignment)."""
    created: str = ""
    """ISO 8601 UTC."""

    def to_record(self) -> dict[str, object]:
        """A plain JSON-able dict (what the store writes)."""
        return {
            "id": self.id,
            "verdict": self.kind.value,
            "spans": [span.to_record() for span in self.spans],
            "group": self.group,
            "created": self.created,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Verdict:
        """The inverse of :meth:`to_record`; ``ValueError`` naming the first bad field."""
        id_ = record.get("id")
        if not isinstance(id_, str) or not id_:
            raise ValueError("field 'id' must be a non-empty string")
        try:
            kind = VerdictKind(record.get("verdict"))
        except ValueError:
            known = ", ".join(repr(k.value) for k in VerdictKind)
            raise ValueError(f"field 'verdict' must be one of {known}") from None
        spans = record.get("spans")
        if not isinstance(spans, list) or not spans or not all(isinstance(s, Mapping) for s in spans):
            raise ValueError("field 'spans' must be a non-empty list of spans")
        try:
            parsed = tuple(VerdictSpan.from_record(s) for s in spans)
        except ValueError as exc:
            raise ValueError(f"a span: {exc}") from None
        for name in ("group", "created"):
            if not isinstance(record.get(name, ""), str):
                raise ValueError(f"field {name!r} must be a string")
        return cls(id_, kind, parsed, record.get("group", ""), record.get("created", ""))

    @property
    def chars(self) -> int:
        """How many characters its spans hold."""
        return sum(span.end - span.start for span in self.spans)


def new_verdict(group: Group, documents: Mapping[str, Document], kind: VerdictKind, id: str) -> Verdict:
    """A verdict of ``kind`` on ``group`` (its spans in the documents as loaded)."""
    spans = []
    for span in group.spans:
        document = documents.get(span.doc)
        if document is None or not 0 <= span.start < span.end <= len(document.text):
            continue
        text = document.text
        spans.append(
            VerdictSpan(
                span.doc,
                span.start,
                span.end,
                text[span.start : span.end],
                text[max(0, span.start - CONTEXT_CHARS) : span.start],
                text[span.end : span.end + CONTEXT_CHARS],
                text_hash(text),
            )
        )
    if not spans:
        raise ValueError(f"group {group.id} has no span in the articles loaded")
    return Verdict(id, kind, tuple(spans), group.id, now_iso())


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the verdicts stand after an alignment."""

    by_group: Mapping[str, Verdict]
    """The verdict attached to each group that has one (the newest when several attach)."""
    group_of: Mapping[str, str | None]
    """Each verdict's group id, ``None`` for an orphan."""

    @property
    def orphans(self) -> tuple[str, ...]:
        """The ids of the verdicts no group covers."""
        return tuple(vid for vid, gid in self.group_of.items() if gid is None)


def _merged(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _overlap(start: int, end: int, intervals: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in intervals)


def attach_verdicts(
    verdicts: Iterable[Verdict], groups: Iterable[Group], documents: Iterable[Document] | Mapping[str, Document]
) -> Placement:
    """Attach each verdict to the group whose spans cover at least :data:`COVERAGE` of its
    characters in the current texts (the best covered; ties: the group the verdict covers most
    of, then the group id). The verdict's spans are found again first (an article edited since
    keeps its verdict where its spans can be placed); a span that cannot be placed counts as not
    covered. No group so covered: an orphan."""
    docs = list(documents.values()) if isinstance(documents, Mapping) else list(documents)
    verdicts = list(verdicts)
    groups = list(groups)
    # Each group's spans, merged per document.
    by_doc: dict[str, list[tuple[Group, list[tuple[int, int]]]]] = {}
    group_chars: dict[str, int] = {}
    for group in groups:
        per_doc: dict[str, list[tuple[int, int]]] = {}
        for span in group.spans:
            per_doc.setdefault(span.doc, []).append((span.start, span.end))
        group_chars[group.id] = 0
        for doc, intervals in per_doc.items():
            merged = _merged(intervals)
            group_chars[group.id] += sum(b - a for a, b in merged)
            by_doc.setdefault(doc, []).append((group, merged))
    spans = [s.as_annotation(f"{v.id}:{n}") for v in verdicts for n, s in enumerate(v.spans)]
    placed = {item.annotation.id: item for item in anchor_all(spans, docs)}
    group_of: dict[str, str | None] = {}
    winners: dict[str, Verdict] = {}
    for verdict in verdicts:
        total = verdict.chars
        covered: dict[str, int] = {}
        for n, span in enumerate(verdict.spans):
            item = placed[f"{verdict.id}:{n}"]
            if not item.placed or item.start is None or item.end is None:
                continue
            for group, intervals in by_doc.get(span.doc, ()):
                covered[group.id] = covered.get(group.id, 0) + _overlap(item.start, item.end, intervals)
        best: tuple[float, float, str] | None = None
        for gid, chars in covered.items():
            share = chars / total if total else 0.0
            if share + 1e-9 >= COVERAGE:
                key = (share, chars / max(1, group_chars[gid]), gid)
                if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and gid < best[2]):
                    best = key
        gid = best[2] if best is not None else None
        group_of[verdict.id] = gid
        if gid is not None:
            current = winners.get(gid)
            if current is None or (verdict.created, verdict.id) > (current.created, current.id):
                winners[gid] = verdict
    return Placement(winners, group_of)
