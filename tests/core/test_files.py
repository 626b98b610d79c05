"""reader.core.files: atomic writes, no symlinks followed, special files refused, the lock."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

from reader.core import files


@pytest.fixture
def folder(tmp_path: Path):  # type: ignore[no-untyped-def]
    fd = files.open_folder(tmp_path)
    yield tmp_path, fd
    os.close(fd)


def test_write_atomic_replaces_the_file_and_keeps_its_mode(folder) -> None:  # type: ignore[no-untyped-def]
    path, fd = folder
    (path / "a.json").write_bytes(b"old")
    files.write_atomic(fd, "a.json", [b"new ", bytearray(b"content")], mode=0o640)
    assert (path / "a.json").read_bytes() == b"new content"
    assert (path / "a.json").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.iterdir()) == ["a.json"]


def test_write_atomic_failure_before_the_rename_leaves_the_old_file_and_no_temporary(folder) -> None:  # type: ignore[no-untyped-def]
    path, fd = folder
    (path / "a.json").write_bytes(b"old")

    def fail() -> None:
        raise OSError(errno.EIO, "injected")

    with pytest.raises(OSError, match="injected"):
        files.write_atomic(fd, "a.json", [b"new"], before_replace=fail)
    assert (path / "a.json").read_bytes() == b"old"
    assert sorted(p.name for p in path.iterdir()) == ["a.json"]


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_write_atomic_refuses_a_symlink_or_folder_at_the_target(folder, kind: str) -> None:  # type: ignore[no-untyped-def]
    path, fd = folder
    victim = path / "victim"
    victim.write_text("precious")
    if kind == "symlink":
        (path / "a.json").symlink_to(victim)
    else:
        (path / "a.json").mkdir()
    with pytest.raises(files.UnsafeFileError) as caught:
        files.write_atomic(fd, "a.json", [b"new"])
    assert files.reason(caught.value) == ("is a symlink; Parallax does not write through symlinks (refused)" if kind == "symlink" else "is not a regular file")
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in path.iterdir()) == ["a.json", "victim"]


def test_read_regular_never_follows_a_symlink_nor_waits_on_a_fifo(folder) -> None:  # type: ignore[no-untyped-def]
    path, fd = folder
    (path / "real").write_bytes(b"data")
    assert files.read_regular("real", dir_fd=fd)[0] == b"data"
    assert files.read_regular(path / "real")[0] == b"data"
    (path / "link").symlink_to(path / "real")
    with pytest.raises(OSError) as caught:
        files.read_regular("link", dir_fd=fd)
    assert caught.value.errno == errno.ELOOP and files.reason(caught.value) == "is a symlink (refused)"
    os.mkfifo(path / "fifo")
    with pytest.raises(files.UnsafeFileError):
        files.read_regular(path / "fifo")


def test_temporaries_are_recognised_by_their_target(folder) -> None:  # type: ignore[no-untyped-def]
    name = files.temporary_name("a.json")
    assert files.is_temporary_of(name, ["b.json", "a.json"])
    assert not files.is_temporary_of(name, ["a.json.bak1"]) and not files.is_temporary_of("a.json", ["a.json"])


def test_lock_waits_then_gives_up(tmp_path: Path) -> None:
    holder = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT)
    waiter = os.open(tmp_path / "lock", os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        assert files.lock(waiter, 0.05) is False
        fcntl.flock(holder, fcntl.LOCK_UN)
        assert files.lock(waiter, 0.05) is True
        files.unlock(waiter)
    finally:
        os.close(holder)
        os.close(waiter)


def test_reason_words_common_errors() -> None:
    assert files.reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert files.reason(OSError(errno.ENOSPC, "No space left on device")) == "no space left on the device"
    assert files.reason(OSError(errno.EIO, "Input/output error")) == "input/output error"
