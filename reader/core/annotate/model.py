"""Annotations: a tag and/or note on one span of one article, as the store keeps it.

An annotation stores its span twice, as the W3C Web Annotation model does: by position
(``start``/``end``, a TextPositionSelector) and by quotation (``exact`` with 32 characters of
``prefix`` and ``suffix`` context, a TextQuoteSelector), plus the hash of the article text it was
made on, so that :mod:`reader.core.annotate.anchoring` can find it again after an edit. For a
quotation the article holds more than once, it also records how many copies there were and the
hash of its paragraph (:mod:`reader.core.annotate.twins`), so that another copy is never taken
for it; these optional fields are written only then, and older records without them are read as
``None``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from reader.core.annotate.tags import first_spellings, normalise_tags, respell, unique_tags
from reader.core.annotate.twins import twin_record
from reader.core.models import Document, text_hash

CONTEXT_CHARS = 32
"""How many characters of context are kept on each side of the quotation."""


def now_iso() -> str:
    """The current time, ISO 8601 in UTC with a ``Z`` (second precision)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    """A fresh annotation id: 32 random hex digits (uuid4), unique across processes."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Annotation:
    """A tag and/or note on one span of one article (see the module docstring)."""

    id: str
    """Assigned by the store on add (empty before)."""
    doc: str
    """The document id."""
    start: int
    end: int
    exact: str
    """``document.text[start:end]`` when the annotation was made."""
    prefix: str
    """Up to 32 characters before ``start``."""
    suffix: str
    """Up to 32 characters after ``end``."""
    doc_hash: str
    """:func:`reader.core.models.text_hash` of the article text it was made on."""
    tags: tuple[str, ...] = ()
    """Each once, compared without case (see :mod:`reader.core.annotate.tags`)."""
    note: str = ""
    created: str = ""
    """ISO 8601 UTC."""
    updated: str = ""
    """ISO 8601 UTC."""
    group: str | None = None
    """The alignment group it was made on: a group tag is one annotation per span, all sharing
    this value."""
    copies: int | None = None
    """How many copies of the quotation with its context up to the paragraph's edges the article
    had when the annotation was made; like the next two, recorded only for a repeated quotation
    (:func:`~reader.core.annotate.twins.twin_record`), ``None`` otherwise and in older records."""
    quote_copies: int | None = None
    """How many copies of the quotation alone the article had."""
    paragraph: str | None = None
    """For a quotation in a repeated sentence, or with close twins: the hash of its paragraph
    (:func:`~reader.core.annotate.twins.paragraph_hash`)."""

    def to_record(self) -> dict[str, object]:
        """A plain JSON-able dict (what the store writes)."""
        return {
            "id": self.id,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "doc_hash": self.doc_hash,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
            "group": self.group,
        } | {
            name: value
            for name, value in (("copies", self.copies), ("quote_copies", self.quote_copies), ("paragraph", self.paragraph))
            if value is not None
        }

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Annotation:
        """The inverse of :meth:`to_record`; raises ``ValueError`` naming the first bad field.

        Tags are read as stored (:func:`~reader.core.annotate.tags.unique_tags`: case variants
        shown as one, a control character kept, never refused)."""

        def text(name: str, default: str | None = None) -> str:
            value = record.get(name, default)
            if not isinstance(value, str):
                raise ValueError(f"field {name!r} must be a string")
            return value

        def integer(name: str) -> int:
            value = record.get(name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"field {name!r} must be a non-negative integer")
            return value

        tags = record.get("tags", [])
        if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
            raise ValueError("field 'tags' must be a list of strings")
        group = record.get("group")
        if group is not None and not isinstance(group, str):
            raise ValueError("field 'group' must be a string or null")

        def optional_count(name: str) -> int | None:
            value = record.get(name)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"field {name!r} must be a non-negative integer or absent")
            return value

        paragraph = record.get("paragraph")
        if paragraph is not None and not isinstance(paragraph, str):
            raise ValueError("field 'paragraph' must be a string or absent")
        start, end = integer("start"), integer("end")
        if end < start:
            raise ValueError("field 'end' is before 'start'")
        return cls(
            id=text("id"),
            doc=text("doc"),
            start=start,
            end=end,
            exact=text("exact"),
            prefix=text("prefix", ""),
            suffix=text("suffix", ""),
            doc_hash=text("doc_hash", ""),
            tags=unique_tags(tags),
            note=text("note", ""),
            created=text("created", ""),
            updated=text("updated", ""),
            group=group,
            copies=optional_count("copies"),
            quote_copies=optional_count("quote_copies"),
            paragraph=paragraph,
        )


def new_annotation(
    document: Document,
    start: int,
    end: int,
    *,
    tags: Iterable[str] = (),
    note: str = "",
    group: str | None = None,
) -> Annotation:
    """An annotation on ``document.text[start:end]`` (its id is assigned by the store on add).

    Raises ``ValueError`` when the offsets are not a non-empty span inside the text, and
    :class:`~reader.core.annotate.tags.TagError` (a ``ValueError``) for a tag the tag rule
    refuses (:func:`~reader.core.annotate.tags.normalise_tags`).
    """
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{name} must be an integer")
    if not 0 <= start < end <= len(document.text):
        raise ValueError(
            f"offsets {start}-{end} are not a non-empty span of {document.id} "
            f"(its text has {len(document.text)} characters)"
        )
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    checked_tags = normalise_tags(tags)
    stamp = now_iso()
    text = document.text
    prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    copies, quote_copies, paragraph = twin_record(text, start, end, prefix, suffix)
    return Annotation(
        id="",
        doc=document.id,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=prefix,
        suffix=suffix,
        doc_hash=text_hash(text),
        tags=checked_tags,
        note=note,
        created=stamp,
        updated=stamp,
        group=group,
        copies=copies,
        quote_copies=quote_copies,
        paragraph=paragraph,
    )


def with_id(annotation: Annotation, id: str) -> Annotation:
    """A copy of ``annotation`` with another id."""
    return replace(annotation, id=id)


def in_first_spellings(annotations: Sequence[Annotation]) -> tuple[Annotation, ...]:
    """``annotations`` with every tag spelled as the first annotation (in the order given, e.g.
    the store's) spelled it, so case variants show as one tag everywhere; unchanged annotations
    are the same objects. Nothing is written."""
    spellings = first_spellings(a.tags for a in annotations)
    out = []
    for a in annotations:
        tags = respell(a.tags, spellings)
        out.append(a if tags == a.tags else replace(a, tags=tags))
    return tuple(out)
