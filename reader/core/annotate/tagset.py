"""A corpus's tag set: the tags an annotator applies from the keyboard, in order, each with an
optional description. The first nine have keys (``1``-``9``); a tenth tag and beyond stay in the
set without one (the palette still offers them).

Every tag follows the one tag rule (:mod:`reader.core.annotate.tags`): normalised once, a control
character refused, case variants one tag (the first spelling kept, the first position too).
On disk (beside the annotation store, see :mod:`reader.core.store.tagset`) a tag set is::

    {"parallax": "tagset", "version": 1,
     "tags": [{"tag": "claim", "description": "a checkable statement"}, ...]}

Pure: no file access here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reader.core.annotate.tags import TagError, normalise_tag, tag_key
from reader.core.text import first_control, printable

__all__ = [
    "KEYED",
    "TAGSET_VERSION",
    "TagSet",
    "TagSetEntry",
    "TagSetError",
    "make_tagset",
    "parse_entry",
    "tagset_from_json",
    "tagset_to_json",
]

KEYED = 9
"""How many tags of a set have a key (``1`` to ``9``)."""
TAGSET_VERSION = 1
"""The tag set file layout this Parallax writes (and the newest it reads)."""
DESCRIPTION_LIMIT = 300
"""The longest description kept (characters)."""


class TagSetError(ValueError):
    """A tag set cannot be made or read: ``str()`` is one line saying why."""


@dataclass(frozen=True, slots=True)
class TagSetEntry:
    """One tag of a set."""

    tag: str
    """Normalised by the tag rule."""
    description: str = ""
    """What the tag is for, in a few words (one line; may be empty)."""

    def spec(self) -> str:
        """The entry as typed on the command line or in the editor: ``tag`` or ``tag=description``."""
        return f"{self.tag}={self.description}" if self.description else self.tag


@dataclass(frozen=True, slots=True)
class TagSet:
    """Ordered tags, each once (see the module docstring)."""

    entries: tuple[TagSetEntry, ...] = ()

    @property
    def id(self) -> str:
        """A corpus has one tag set: its id in an undoable change (see
        :mod:`reader.core.annotate.history`)."""
        return "tagset"

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags, in order."""
        return tuple(entry.tag for entry in self.entries)

    def at_key(self, key: int) -> TagSetEntry | None:
        """The entry key ``key`` (1 to 9) applies, if the set has one there."""
        if 1 <= key <= KEYED and key <= len(self.entries):
            return self.entries[key - 1]
        return None

    def key_of(self, tag: str) -> int | None:
        """The key (1 to 9) of ``tag`` (compared without case), or ``None``."""
        wanted = tag_key(tag)
        for n, entry in enumerate(self.entries[:KEYED], start=1):
            if tag_key(entry.tag) == wanted:
                return n
        return None

    def keyed(self) -> tuple[tuple[int | None, TagSetEntry], ...]:
        """Every entry with its key (``None`` from the tenth on)."""
        return tuple((n if n <= KEYED else None, entry) for n, entry in enumerate(self.entries, start=1))


def _description(raw: str) -> str:
    text = " ".join(str(raw).split())
    at = first_control(text)
    if at is not None:
        raise TagSetError(f"description '{printable(text, 60)}' refused: it holds the control character U+{ord(text[at]):04X}")
    if len(text) > DESCRIPTION_LIMIT:
        raise TagSetError(f"description of more than {DESCRIPTION_LIMIT} characters: '{printable(text, 60)}'")
    return text


def parse_entry(spec: str) -> TagSetEntry | None:
    """``tag`` or ``tag=description`` (as typed after ``parallax tagset CORPUS``, one per line in
    the editor) as an entry; ``None`` for a blank spec. The first ``=`` separates the
    description. Raises :class:`TagSetError` (one line) for a tag the tag rule refuses."""
    tag, _, description = spec.partition("=")
    try:
        tag = normalise_tag(tag)
    except TagError as exc:
        raise TagSetError(str(exc)) from None
    if not tag:
        if description.strip():
            raise TagSetError(f"'{printable(spec, 60)}': a description without a tag")
        return None
    return TagSetEntry(tag, _description(description))


def make_tagset(entries: Iterable[TagSetEntry | str]) -> TagSet:
    """A set from entries or specs (see :func:`parse_entry`), in order; case variants are one tag
    (the first spelling and position kept; a later description fills an empty one)."""
    kept: dict[str, TagSetEntry] = {}
    for item in entries:
        entry = parse_entry(item) if isinstance(item, str) else _checked(item)
        if entry is None:
            continue
        key = tag_key(entry.tag)
        if key in kept:
            if not kept[key].description and entry.description:
                kept[key] = TagSetEntry(kept[key].tag, entry.description)
            continue
        kept[key] = entry
    return TagSet(tuple(kept.values()))


def _checked(entry: TagSetEntry) -> TagSetEntry | None:
    try:
        tag = normalise_tag(entry.tag)
    except TagError as exc:
        raise TagSetError(str(exc)) from None
    return TagSetEntry(tag, _description(entry.description)) if tag else None


def tagset_to_json(tagset: TagSet) -> bytes:
    """The file's content (indented JSON, UTF-8, a final newline)."""
    content = {
        "parallax": "tagset",
        "version": TAGSET_VERSION,
        "tags": [{"tag": e.tag, "description": e.description} for e in tagset.entries],
    }
    return (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def tagset_from_json(data: bytes) -> TagSet:
    """The set in a file's bytes; :class:`TagSetError` (one line, the problem only) when they
    are not a tag set this Parallax reads."""
    try:
        content = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TagSetError(f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise TagSetError(f"not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise TagSetError("not valid JSON (nested too deeply)") from None
    if not isinstance(content, Mapping) or content.get("parallax") != "tagset":
        raise TagSetError("not a Parallax tag set")
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TagSetError("no valid version")
    if version > TAGSET_VERSION:
        raise TagSetError(f"written by a newer Parallax (tag set version {version}; this one reads {TAGSET_VERSION})")
    tags = content.get("tags")
    if not isinstance(tags, list):
        raise TagSetError("'tags' is not a list")
    entries = []
    for n, item in enumerate(tags, start=1):
        if not isinstance(item, Mapping) or not isinstance(item.get("tag"), str):
            raise TagSetError(f"entry {n} has no tag")
        description = item.get("description", "")
        if not isinstance(description, str):
            raise TagSetError(f"entry {n}: the description is not a string")
        entries.append(TagSetEntry(item["tag"], description))
    return make_tagset(entries)
