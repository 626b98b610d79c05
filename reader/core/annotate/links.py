"""Links between annotations: "this passage contradicts that one", "this one quotes that one".

A link goes from one annotation (``source``) to another (``target``) and names a relation: one
of :data:`RELATIONS` or one the reader makes up. A relation is written by the one tag rule
(:func:`reader.core.annotate.tags.normalise_tag`: trimmed, inner white space made one space,
control characters refused) and compared without case. Deleting an annotation deletes its links
with it (in the same undoable step: see :class:`reader.workspace.Workspace`).

Pure: no file access, no widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.annotate.model import now_iso
from reader.core.annotate.tags import TagError, normalise_tag, tag_key

__all__ = ["RELATIONS", "Link", "links_of", "new_link", "relation_vocabulary"]

RELATIONS = ("same claim", "contradicts", "quotes")
"""The relations offered first (the reader may type another)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A relation from one annotation to another."""

    id: str
    source: str
    """The id of the annotation the link starts from."""
    target: str
    """The id of the annotation it points to."""
    relation: str
    created: str = ""
    """ISO 8601 UTC."""

    def to_record(self) -> dict[str, object]:
        """A plain JSON-able dict (what the store writes)."""
        return {"id": self.id, "source": self.source, "target": self.target, "relation": self.relation, "created": self.created}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Link:
        """The inverse of :meth:`to_record`; ``ValueError`` naming the first bad field. A stored
        relation is read as stored (white space tidied, never refused)."""
        values = {}
        for name in ("id", "source", "target", "relation"):
            value = record.get(name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"field {name!r} must be a non-empty string")
            values[name] = value
        created = record.get("created", "")
        if not isinstance(created, str):
            raise ValueError("field 'created' must be a string")
        return cls(values["id"], values["source"], values["target"], " ".join(values["relation"].split()), created)

    def other_end(self, annotation_id: str) -> str:
        """The annotation at the other end from ``annotation_id``."""
        return self.target if annotation_id == self.source else self.source


def new_link(source: str, target: str, relation: str, id: str) -> Link:
    """A link (not yet stored). Raises ``ValueError`` (one line) for a link of an annotation to
    itself or a relation the tag rule refuses (or an empty one)."""
    if source == target:
        raise ValueError("an annotation cannot be linked to itself")
    try:
        name = normalise_tag(relation)
    except TagError as exc:
        raise ValueError(str(exc).replace("tag ", "relation ", 1)) from None
    if not name:
        raise ValueError("a link needs a relation")
    known = {tag_key(r): r for r in RELATIONS}
    return Link(id, source, target, known.get(tag_key(name), name), now_iso())


def links_of(annotation_id: str, links: Iterable[Link]) -> tuple[Link, ...]:
    """The links that start or end at ``annotation_id``."""
    return tuple(link for link in links if annotation_id in (link.source, link.target))


def relation_vocabulary(links: Iterable[Link]) -> tuple[str, ...]:
    """:data:`RELATIONS`, then every other relation in use (first spelling, in order met)."""
    seen = {tag_key(r): r for r in RELATIONS}
    for link in links:
        seen.setdefault(tag_key(link.relation), link.relation)
    return tuple(seen.values())
