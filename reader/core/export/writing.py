"""Writing an export safely: atomically (:func:`reader.core.files.write_atomic`), in the folder
the output names and nowhere else, never through a symlink, every target checked before any is
written. Every failure is one :class:`ExportError` line naming the file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from reader.core import files


class ExportError(Exception):
    """An export cannot be written: the message is one line naming the file and the problem."""


def write_file(output: Path, content: str, folder_formats: Sequence[str] = ()) -> tuple[Path, ...]:
    """Write ``content`` to the file ``output`` (replaced if it exists); ``folder_formats`` are
    named when ``output`` is a folder."""
    _refuse_symlink(output)
    if output.name in ("", ".", ".."):
        raise ExportError(f"{output}: not a file name")
    folder = output.parent
    if not folder.is_dir():
        raise ExportError(f"{output}: folder {folder} does not exist")
    if output.is_dir():
        only = f"; only {' and '.join(folder_formats)} writes a folder" if folder_formats else ""
        raise ExportError(f"{output}: is a folder (give a file name{only})")
    return _write_into(folder, {output.name: content}, target_is_folder=False)


def write_folder(output: Path, contents: Mapping[str, str], name: str) -> tuple[Path, ...]:
    """Write ``contents`` (file name -> text) into the folder ``output`` (created if missing) for
    the export format ``name``."""
    _refuse_symlink(output)
    if output.exists() and not output.is_dir():
        raise ExportError(f"{output}: exists and is not a folder ({name} export writes a folder)")
    try:
        output.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{output}: cannot create the folder: {files.reason(exc)}") from None
    return _write_into(output, contents, target_is_folder=True)


def _write_into(folder: Path, contents: Mapping[str, str], *, target_is_folder: bool) -> tuple[Path, ...]:
    try:
        dir_fd = files.open_folder(folder, follow=not target_is_folder)  # a folder target is not followed
    except OSError as exc:
        raise ExportError(f"{folder}: cannot open the folder: {files.reason(exc)}") from None
    try:
        for name in contents:  # every target checked before anything is written
            if "/" in name or name in (".", "..") or (target_is_folder and name.startswith(".")):
                raise ExportError(f"{folder / name}: refused (would leave the folder)")
            _call(folder / name, files.check_target, dir_fd, name)
        for name, content in contents.items():
            _call(folder / name, files.write_atomic, dir_fd, name, [content.encode("utf-8", "backslashreplace")])
    finally:
        os.close(dir_fd)
    return tuple(folder / name for name in contents)


def _refuse_symlink(path: Path) -> None:
    if path.is_symlink():
        raise ExportError(f"{path}: is a symlink; export does not write through symlinks (refused)")


def _call(target: Path, function: Callable[..., object], *args: object) -> None:
    """Run a file operation on ``target``; an ``OSError`` becomes a one-line :class:`ExportError`."""
    try:
        function(*args)
    except files.UnsafeFileError as exc:
        raise ExportError(f"{target}: {files.reason(exc)}") from None
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {files.reason(exc)}") from None
