"""The tag set file, beside the annotation store (:func:`reader.core.paths.tagset_path`), written
as the store is: atomically (temporary file, fsync, rename, folder fsync), under the store's lock,
never through a symlink.

A tag set file that cannot be read (damaged, foreign, from a newer Parallax, a tag the tag rule
refuses) is **kept byte for byte**: reading reports it in one line and gives an empty set, so
everything else works without it; saving a new set first moves the damaged file aside (renamed
``<name>.damaged-<UTC time>``, its bytes untouched) and says where.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader.core import files
from reader.core.annotate.tagset import TagSet, TagSetError, tagset_from_json, tagset_to_json
from reader.core.store.file import StoreFile, as_store_error
from reader.core.store.format import StoreError

__all__ = ["TagSetRead", "read_tagset", "write_tagset"]


@dataclass(frozen=True, slots=True)
class TagSetRead:
    """A tag set as read from its file."""

    tagset: TagSet
    """The set (empty when there is no file or it cannot be read)."""
    problem: str | None = None
    """One line naming the file and why it cannot be read (it is kept as it is), or ``None``."""


def read_tagset(file: StoreFile, name: str) -> TagSetRead:
    """The tag set in the file ``name`` of the store's folder (see the module docstring). Never
    raises for the file's content; a file that cannot be opened is a problem line too."""
    path = file.path.with_name(name)
    if not file.folder_exists():
        return TagSetRead(TagSet())
    try:
        if files.kind(file.dir_fd, name) is None:
            return TagSetRead(TagSet())
        data, _info = files.read_regular(name, dir_fd=file.dir_fd)
    except OSError as exc:
        return TagSetRead(TagSet(), f"{path}: cannot read the tag set: {files.reason(exc)}; working without it")
    except StoreError as exc:
        return TagSetRead(TagSet(), f"{exc}; working without the tag set")
    if not data.strip():
        return TagSetRead(TagSet(), f"{path}: damaged tag set (empty file); kept as it is, working without it")
    try:
        return TagSetRead(tagset_from_json(data))
    except TagSetError as exc:
        return TagSetRead(TagSet(), f"{path}: damaged tag set ({exc}); kept as it is, working without it")


def write_tagset(file: StoreFile, name: str, tagset: TagSet) -> Path | None:
    """Replace the tag set file ``name`` by ``tagset``, under the store's lock; a file there that
    cannot be read is first moved aside, byte for byte. Returns where it went (``None`` when
    nothing was moved). Raises :class:`~reader.core.store.format.StoreError`."""
    payload = tagset_to_json(tagset)
    with file.locked():
        kept: Path | None = None
        if read_tagset(file, name).problem is not None and files.kind(file.dir_fd, name) is not None:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            kept = file.path.with_name(f"{name}.damaged-{stamp}")
            try:
                files.check_target(file.dir_fd, name)
                os.rename(name, kept.name, src_dir_fd=file.dir_fd, dst_dir_fd=file.dir_fd)
            except OSError as exc:
                raise as_store_error(file.path.with_name(name), exc, "cannot move the damaged tag set aside") from None
        file.write_copy(name, payload)
        return kept
