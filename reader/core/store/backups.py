"""Backups of the store: finding the newest good one, offering it in an error, putting it back.

Every write keeps the store's previous state as ``.bak1`` (older ones rotate to ``.bak2`` and
``.bak3``: :class:`~reader.core.store.file.StoreFile`). A store that cannot be read is refused
with a hint naming its newest good backup and the command that restores it
(:func:`with_backup_hint`); :func:`restore_backup` copies a backup back, keeping the file it
replaces.
"""

from __future__ import annotations

import os
import shlex
import uuid
from datetime import datetime, timezone
from pathlib import Path

from reader.core import files
from reader.core.paths import default_store_path
from reader.core.store.file import LOCK_TIMEOUT, StoreFile, as_store_error, backup_paths
from reader.core.store.format import TABLE, StoreError, parse

__all__ = ["newest_good_backup", "restore_backup", "with_backup_hint"]


def newest_good_backup(path: Path) -> tuple[Path, int] | None:
    """The newest backup of ``path`` that is a valid store: ``(backup path, annotation count)``."""
    for backup in backup_paths(Path(path)):
        count = _count_if_valid(backup)
        if count is not None:
            return backup, count
    return None


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, never through a symlink; :class:`StoreError` otherwise."""
    try:
        return files.read_regular(path)[0]
    except OSError as exc:
        raise as_store_error(path, exc, "cannot read") from None


def _count_if_valid(path: Path) -> int | None:
    try:
        version, tables = parse(path, _read_file(path))
    except StoreError:
        return None
    return len(tables.get(TABLE if version else "_default", {}))


def with_backup_hint(exc: StoreError, file: StoreFile) -> StoreError:
    found = newest_good_backup(file.path)
    if found is None:
        hint = "the file is kept unchanged; no good backup was found"
    else:
        backup, count = found
        path = file.path
        if path == default_store_path(path.parent.parent):
            command = f"parallax annotations {shlex.quote(str(path.parent.parent))} --restore-backup"
        else:
            command = f"parallax annotations CORPUS --store {shlex.quote(str(path))} --restore-backup"
        hint = (
            f"the file is kept unchanged; the last good backup is {backup} "
            f"({count} annotation{'' if count == 1 else 's'}); to put it back run: {command}; "
            f"to read it as it is: --store {shlex.quote(str(backup))}"
        )
    return type(exc)(exc.path, f"{exc.problem}; {hint}")


def restore_backup(path: Path | str, backup: Path | str | None = None) -> tuple[Path, Path | None]:
    """Put a backup back in place of a store (normally a broken one). The file it replaces is
    kept, renamed ``<name>.broken-<UTC time>`` (or ``.replaced-<UTC time>`` if it was a valid
    store); the backup is copied, never moved. Returns ``(backup used, where the replaced file
    went, or None if there was none)``."""
    path = Path(path)
    if backup is None:
        found = newest_good_backup(path)
        if found is None:
            raise StoreError(path, "no good backup to restore (looked for " + ", ".join(p.name for p in backup_paths(path)) + ")")
        backup = found[0]
    backup = Path(backup)
    data = _read_file(backup)
    parse(backup, data)
    file = StoreFile(path, lock_timeout=LOCK_TIMEOUT)
    try:
        with file.locked():
            kept: Path | None = None
            if file.stat() is not None:
                try:
                    current, _info = file.read_bytes()
                    parse(path, current)
                    what = "replaced"
                except StoreError:
                    what = "broken"
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
                kept = path.with_name(f"{path.name}.{what}-{stamp}")
                try:
                    os.link(path.name, kept.name, src_dir_fd=file.dir_fd, dst_dir_fd=file.dir_fd, follow_symlinks=False)
                except OSError:
                    file.write_copy(kept.name, file.read_bytes()[0])
            file.write_copy(path.name, data)
            try:
                os.pwrite(file.open_lock(), uuid.uuid4().hex.encode("ascii"), 0)
            except OSError:
                pass
    finally:
        file.close()
    return backup, kept
