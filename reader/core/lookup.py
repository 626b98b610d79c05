"""Finding what a person names: an article by its id, its file name or the start of either; a
span by its words; an annotation by its id or the start of it. Pure functions over plain data,
used through the workspace (:class:`reader.workspace.Workspace`) by the command line and the app.
Each failure is a ``ValueError`` of one line that lists what matched, when several did."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from reader.core.annotate.model import Annotation
from reader.core.models import Document
from reader.core.search import find_phrase
from reader.core.text import printable

T = TypeVar("T")

SHOWN = 6
"""How many matches a message lists."""


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items[:SHOWN]) + (", ..." if len(items) > SHOWN else "")


def _one(exact: list[T], starting: Iterable[T]) -> list[T]:
    return exact if len(exact) == 1 else exact or list(starting)


def document_named(documents: Sequence[Document], name: str) -> Document:
    """The article named by its id, its file name, or the start of either when only one
    article's does start so (``001`` for ``001_c938040f0618f396``)."""

    def names(d: Document) -> tuple[str, str]:
        return d.id, os.path.basename(d.path)

    found = _one(
        [d for d in documents if name in names(d)],
        (d for d in documents if name and any(n.startswith(name) for n in names(d))),
    )
    if len(found) == 1:
        return found[0]
    if not found:
        ids = sorted(d.id for d in documents)
        raise ValueError(f"no document with id {printable(name, 80)!r} (ids: {_listed([printable(i, 60) for i in ids][:5])})")
    listed = _listed([printable(d.id, 60) for d in found])
    raise ValueError(f"{printable(name, 80)!r} names {len(found)} articles ({listed}): give more of the name")


def quote_in(document: Document, quote: str) -> tuple[int, int]:
    """The one place ``quote`` is in the article, word for word (up to case, quotes, dashes and
    white space: :func:`reader.core.search.find_phrase`)."""
    found = find_phrase(document.text, quote)
    if len(found) == 1:
        return found[0]
    what, where = printable(quote, 80), printable(document.id, 80)
    if not found:
        raise ValueError(f"{what!r} is not in {where} (word for word)")
    places = _listed([f"{s}-{e}" for s, e in found])
    raise ValueError(f"{what!r} is in {where} {len(found)} times (at {places}): quote more words, or give --start and --end")


def annotation_named(annotations: Sequence[Annotation], annotation_id: str, store: Path) -> Annotation:
    """The annotation with this id, or the one whose id starts so (``parallax annotations``
    shows 8 characters); ``store`` is named in the message when there is none."""
    found = _one(
        [a for a in annotations if a.id == annotation_id],
        (a for a in annotations if annotation_id and a.id.startswith(annotation_id)),
    )
    if len(found) == 1:
        return found[0]
    what = printable(annotation_id, 80)
    if not found:
        raise ValueError(f"no annotation with an id starting {what!r} in {store}")
    raise ValueError(f"{what!r} starts the ids of {len(found)} annotations ({_listed([a.id for a in found])}): give more of it")
