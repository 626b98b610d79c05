"""Tags: the one rule for what a tag is, used wherever a tag is made, compared, counted or
exported (the ``annotate`` command, the tag dialog, the store's counts, annotations, export).

* **Normalised once**: trimmed at both ends, each inner run of white space (spaces, tabs, line
  breaks) made one space. Nothing is left: no tag.
* **Refused**: a tag holding a control character (C0 other than white space, DEL, C1, so also
  ESC), a bidi control or a lone surrogate raises :class:`TagError`, one line naming the tag;
  nothing is dropped silently.
* **Identity without case**: ``Iran`` and ``iran`` are one tag (:func:`tag_key`, Unicode case
  folding); the first spelling met is kept.

New tags go through :func:`normalise_tag` / :func:`normalise_tags`. Tags already stored are never
refused: :func:`unique_tags` (used when a store is read) normalises white space and merges case
variants but keeps a control character (the UI shows it through
:func:`reader.core.text.visible`), so an old store keeps working; reading never writes, and the
record is rewritten only when the reader next changes that annotation. Across a store,
:func:`first_spellings` and :func:`tag_vocabulary` treat case variants as one tag, spelled as the
first annotation (in store order) spelled it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from reader.core.text import first_control, printable

__all__ = [
    "TagError",
    "first_spellings",
    "normalise_tag",
    "normalise_tags",
    "respell",
    "tag_key",
    "tag_vocabulary",
    "tidy_tag",
    "unique_tags",
]

_SPACE = re.compile(r"[^\S\x1c-\x1f\x85]+")
"""White space runs (Python's ``\\s`` but the C0/C1 separators it counts, which are refused)."""


class TagError(ValueError):
    """A tag cannot be used: ``str()`` is one line naming the tag and the problem."""


def tag_key(tag: str) -> str:
    """What two tags are compared by: ``Iran`` and ``iran`` have one key."""
    return tag.casefold()


def tidy_tag(tag: str) -> str:
    """``tag`` trimmed, each inner run of white space made one space; nothing refused (the first
    half of :func:`normalise_tag`, for text being typed and tags already stored)."""
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be a string, not {type(tag).__name__}")
    return _SPACE.sub(" ", tag).strip(" ")


def normalise_tag(raw: str) -> str:
    """``raw`` as a tag: trimmed, inner white space made one space (``""``: no tag).

    Raises :class:`TagError` when it holds a control, escape or bidi character.
    """
    tag = tidy_tag(raw)
    at = first_control(tag)
    if at is not None:
        raise TagError(
            f"tag '{printable(tag, 80)}' refused: it holds the control character U+{ord(tag[at]):04X} "
            "(tags cannot hold control, escape or bidi characters)"
        )
    return tag


def unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """``tags`` with white space normalised, empty ones dropped, each once: case variants are
    one tag, spelled as the first one. Control characters are kept (this is for tags already
    stored; new tags go through :func:`normalise_tags`)."""
    seen: dict[str, str] = {}
    for raw in tags:
        tag = tidy_tag(raw)
        if tag:
            seen.setdefault(tag_key(tag), tag)
    return tuple(seen.values())


def normalise_tags(raw: Iterable[str]) -> tuple[str, ...]:
    """New tags: each through :func:`normalise_tag` (so a control character raises
    :class:`TagError`), then :func:`unique_tags`."""
    return unique_tags([normalise_tag(tag) for tag in raw])


def first_spellings(tag_lists: Iterable[Iterable[str]]) -> dict[str, str]:
    """``{tag_key: spelling}``: each tag as first spelled in ``tag_lists`` (e.g. the tags of
    every annotation of a store, in store order)."""
    spellings: dict[str, str] = {}
    for tags in tag_lists:
        for tag in tags:
            spellings.setdefault(tag_key(tag), tag)
    return spellings


def respell(tags: Iterable[str], spellings: Mapping[str, str]) -> tuple[str, ...]:
    """``tags`` spelled as in ``spellings`` (see :func:`first_spellings`), each once."""
    return unique_tags(spellings.get(tag_key(tag), tag) for tag in tags)


def tag_vocabulary(tag_lists: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Every tag in ``tag_lists`` once (case variants are one tag, spelled as first met), most
    used first, then by name."""
    lists = [unique_tags(tags) for tags in tag_lists]
    spellings = first_spellings(lists)
    counts = Counter(tag_key(tag) for tags in lists for tag in tags)
    return tuple(spellings[key] for key in sorted(counts, key=lambda key: (-counts[key], key, spellings[key])))
