"""The annotations panel as a workbench: which annotations a filter keeps, and the orders they
can be listed in. Pure: the panel, and any other caller, use these functions.

A filter is typed as words (``shlex`` quoting for several words: ``tag:"same claim"``):

* ``tag:TEXT`` or ``#TEXT``: a tag containing ``TEXT`` (without case);
* ``article:TEXT`` or ``@TEXT``: an article whose id or title contains ``TEXT``;
* ``rel:TEXT`` or ``~TEXT``: a link (either way) whose relation contains ``TEXT``; ``rel:`` or
  ``~`` alone: any link;
* any other word: found in the annotation's text, note, tags or article title.

Every term must hold (terms of one kind too: ``#claim #iran`` keeps what has both).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from reader.core.annotate.anchoring import Anchored
from reader.core.annotate.links import Link
from reader.core.annotate.order import reading_order
from reader.core.annotate.tags import tag_key
from reader.core.models import Document

__all__ = ["Filter", "Sort", "filter_annotations", "sort_annotations"]

_PREFIXES = {"tag:": "tags", "#": "tags", "article:": "articles", "@": "articles", "rel:": "relations", "~": "relations"}


class Sort(str, Enum):
    """The orders the panel lists annotations in."""

    READING = "reading order"
    """As a reader meets them (:func:`reader.core.annotate.order.reading_order`)."""
    ARTICLE = "article"
    """By article title, then in reading order."""
    TAG = "tag"
    """By first tag (untagged last), then in reading order."""
    DATE = "date"
    """Newest first (when made)."""

    def next(self) -> Sort:
        """The order after this one (the last wraps to the first)."""
        members = list(Sort)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True, slots=True)
class Filter:
    """A parsed filter (see the module docstring); empty keeps everything."""

    tags: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str) -> Filter:
        """The filter typed as ``query`` (an unbalanced quote is taken literally)."""
        try:
            tokens = shlex.split(query)
        except ValueError:
            tokens = query.split()
        parts: dict[str, list[str]] = {"tags": [], "articles": [], "relations": [], "words": []}
        for token in tokens:
            for prefix, kind in _PREFIXES.items():
                if token.casefold().startswith(prefix):
                    parts[kind].append(tag_key(" ".join(token[len(prefix) :].split())))
                    break
            else:
                parts["words"].append(tag_key(token))
        return cls(*(tuple(parts[k]) for k in ("tags", "articles", "relations", "words")))

    def __bool__(self) -> bool:
        return bool(self.tags or self.articles or self.relations or self.words)

    @property
    def only_annotations(self) -> bool:
        """True when it asks for tags or links, which only annotations have."""
        return bool(self.tags or self.relations)

    def keeps(self, item: Anchored, document: Document | None, relations: Sequence[str] = ()) -> bool:
        """Whether ``item`` (in ``document``, with the relations of its links) passes."""
        a = item.annotation
        tags = [tag_key(t) for t in a.tags]
        if not all(any(term in t for t in tags) for term in self.tags):
            return False
        title = tag_key(document.title) if document is not None else ""
        if not all(term in tag_key(a.doc) or term in title for term in self.articles):
            return False
        keys = [tag_key(r) for r in relations]
        if not all(any(term in r for r in keys) for term in self.relations):
            return False
        if self.words:
            text = document.text[item.start : item.end] if item.placed and document is not None else a.exact
            haystack = " ".join([tag_key(text), tag_key(a.note), *tags, title, tag_key(a.doc)])
            return all(word in haystack for word in self.words)
        return True


def filter_annotations(
    anchored: Iterable[Anchored], query: str | Filter, documents: Mapping[str, Document], links: Iterable[Link] = ()
) -> tuple[Anchored, ...]:
    """The annotations ``query`` keeps, in the order given."""
    wanted = query if isinstance(query, Filter) else Filter.parse(query)
    items = tuple(anchored)
    if not wanted:
        return items
    relations: dict[str, list[str]] = {}
    for link in links:
        relations.setdefault(link.source, []).append(link.relation)
        relations.setdefault(link.target, []).append(link.relation)
    return tuple(
        item
        for item in items
        if wanted.keeps(item, documents.get(item.annotation.doc), relations.get(item.annotation.id, ()))
    )


def sort_annotations(anchored: Iterable[Anchored], sort: Sort, documents: Mapping[str, Document]) -> tuple[Anchored, ...]:
    """``anchored`` in the order ``sort``; ties always in reading order."""
    ordered = reading_order(anchored, documents)
    if sort is Sort.READING:
        return ordered
    if sort is Sort.ARTICLE:

        def title(item: Anchored) -> tuple[str, str]:
            document = documents.get(item.annotation.doc)
            return (tag_key(document.title) if document is not None else "\U0010ffff", item.annotation.doc)

        return tuple(sorted(ordered, key=title))
    if sort is Sort.TAG:
        return tuple(
            sorted(ordered, key=lambda item: (not item.annotation.tags, tag_key(item.annotation.tags[0]) if item.annotation.tags else ""))
        )
    return tuple(sorted(ordered, key=lambda item: item.annotation.created, reverse=True))  # stable: ties in reading order
