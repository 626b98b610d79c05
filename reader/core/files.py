"""Reading and writing Parallax's own files (the annotation store, exports) safely.

* **Atomic, durable writes** (:func:`write_atomic`): the content goes to a fresh temporary file
  in the target's folder (``O_CREAT | O_EXCL | O_NOFOLLOW``), is fsynced, ``os.replace``d over
  the target, and the folder is fsynced. A crash at any moment leaves the old file or the new one.
* **No symlinks**: a name Parallax writes or reads is never followed when it is a symlink
  (``O_NOFOLLOW``, and :func:`check_target` before a replace), and only regular files are read.
* **Errors** are ``OSError``; :func:`reason` words one for a one-line message.

Everything works relative to an open folder descriptor (``dir_fd``), so a folder swapped for a
symlink after it was opened is not followed either.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterable

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
TMP_MARK = ".tmp-"
"""Temporary files are named ``.<target name>.tmp-<random>``."""


class UnsafeFileError(OSError):
    """A name that must be a regular file (or nothing) is a symlink or a special file."""


def reason(exc: OSError) -> str:
    """What went wrong, in a few words (``permission denied``, ``no space left on the device``)."""
    if isinstance(exc, UnsafeFileError):
        return exc.strerror or "not a regular file"
    return {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "read-only file system",
        errno.EDQUOT: "disk quota exceeded",
        errno.ELOOP: "is a symlink (refused)",
        errno.ENOTDIR: "not a folder",
    }.get(exc.errno or 0, (exc.strerror or str(exc)).lower())


def open_folder(folder: os.PathLike[str] | str, *, follow: bool = True) -> int:
    """A descriptor of ``folder`` (``follow=False``: refused with ``ELOOP`` if it is a symlink)."""
    return os.open(folder, os.O_RDONLY | O_DIRECTORY | O_CLOEXEC | (0 if follow else O_NOFOLLOW))


def temporary_name(name: str) -> str:
    """A fresh temporary file name for writing ``name``."""
    return f".{name}{TMP_MARK}{uuid.uuid4().hex[:12]}"


def is_temporary_of(name: str, targets: Iterable[str]) -> bool:
    """Whether ``name`` is a temporary file left while writing one of ``targets``."""
    return name.startswith(tuple(f".{t}{TMP_MARK}" for t in targets))


def kind(dir_fd: int, name: str) -> os.stat_result | None:
    """``lstat`` of ``name`` in the folder, or ``None`` when there is nothing there."""
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def check_target(dir_fd: int, name: str) -> os.stat_result | None:
    """Raise :class:`UnsafeFileError` if ``name`` is a symlink or not a regular file; its
    ``lstat`` (``None`` if absent) otherwise."""
    info = kind(dir_fd, name)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise UnsafeFileError(errno.ELOOP, "is a symlink; Parallax does not write through symlinks (refused)")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(errno.EINVAL, "is not a regular file")
    return info


def write_all(fd: int, chunks: Iterable[bytes | bytearray]) -> None:
    """Write every chunk to ``fd`` (short writes continued)."""
    for chunk in chunks:
        with memoryview(chunk) as view:
            done = 0
            while done < len(view):
                with view[done:] as rest:  # released at once: a bytearray chunk may grow later
                    done += os.write(fd, rest)


def write_atomic(
    dir_fd: int,
    name: str,
    chunks: Iterable[bytes | bytearray],
    *,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``name`` in the folder by ``chunks``, atomically and durably (see the module
    docstring). ``mode``: the new file's permissions (default: 0o666 less the umask);
    ``before_replace`` runs once the new content is on disk, just before the rename (e.g. to
    keep a backup of the old file). The temporary file never survives an exception."""
    tmp = temporary_name(name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666, dir_fd=dir_fd)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            write_all(fd, chunks)
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        check_target(dir_fd, name)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise
    os.fsync(dir_fd)


def read_regular(name: os.PathLike[str] | str, *, dir_fd: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, never through a symlink (``ELOOP``), and its ``fstat``;
    :class:`UnsafeFileError` for a special file (a FIFO is not waited on)."""
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, dir_fd=dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(errno.EINVAL, "is not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def lock(fd: int, timeout: float) -> bool:
    """Take an exclusive ``flock`` on ``fd``, waiting up to ``timeout`` seconds; whether it
    was taken."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.005)


def unlock(fd: int) -> None:
    """Release a lock taken by :func:`lock`."""
    fcntl.flock(fd, fcntl.LOCK_UN)
