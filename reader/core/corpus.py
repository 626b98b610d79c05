"""Loading a corpus: a folder (or a list of files) of plain-text articles.

Nothing here raises for a bad file: each problem becomes a :class:`LoadIssue` with a one-line
reason and the rest of the corpus loads. Parallax's own files are never read as articles: its
exports and annotation store (recognised by their content, so renamed ones too) and the text
copies of a brat export (a ``.ann`` beside them) are skipped (:mod:`reader.core.marks`).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import replace
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.core.marks import KINDS, brat_annotations_beside, recognise
from reader.core.models import Corpus, Document, LoadIssue, Severity
from reader.core.headline import read_header
from reader.core.text import DecodeError, decode, printable

ARTICLE_SUFFIXES = (".txt", ".md")
"""The file endings read from a folder (any case). Files named explicitly load whatever theirs."""

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are skipped: a news article is a few kilobytes."""


class CorpusError(Exception):
    """A path given by the user cannot be read as a corpus at all (missing, empty...)."""


def load_corpus(paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load every article under ``paths`` (folders are read one level deep, sorted by name).

    Raises :class:`CorpusError` only when a given path does not exist; unreadable, binary,
    empty or oversized files are reported as issues in the result instead.
    """
    documents: list[Document] = []
    issues: list[LoadIssue] = []
    ids: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise CorpusError(f"{raw}: no such file or folder")
        if path.is_dir():
            candidates = _folder_candidates(path)
        else:
            candidates = [(path, None)]
        for file, root in candidates:
            if isinstance(root, LoadIssue):
                issues.append(root)
                continue
            result = load_file(file, root=root, max_bytes=max_bytes)
            if isinstance(result, LoadIssue):
                issues.append(result)
                continue
            document, warning = result
            doc_id = _unique_id(document.id, file.name, ids)
            ids.add(doc_id)
            if doc_id != document.id:
                document = replace(document, id=doc_id)
            documents.append(document)
            if warning:
                issues.append(LoadIssue(str(file), Severity.WARNING, warning))
    return Corpus(documents=tuple(documents), issues=tuple(issues))


def _folder_candidates(folder: Path) -> list[tuple[Path, Path | LoadIssue]]:
    """The entries of ``folder`` in name order, each with the folder (to load it) or with the
    issue that skips it."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        return [(folder, LoadIssue(str(folder), Severity.SKIPPED, _os_reason(exc)))]
    found: list[tuple[Path, Path | LoadIssue]] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                continue
            found.append((path, LoadIssue(str(path), Severity.SKIPPED, "not a .txt or .md file")))
            continue
        found.append((path, folder))
    return found


def load_file(
    path: Path, *, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document, str | None] | LoadIssue:
    """Load one article, or say in a :class:`LoadIssue` why it was skipped.

    ``root``: the folder it was found in; a symlink that leads outside it is not followed.
    Returns the document and a warning (or ``None``).
    """

    def skip(reason: str) -> LoadIssue:
        return LoadIssue(str(path), Severity.SKIPPED, reason)

    brat = brat_annotations_beside(path)
    if brat is not None:
        return skip(f"the text of a brat export ({printable(brat.name, 80)} beside it), not an article")
    try:
        target = path
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                return skip("symlink loop")
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return skip("symlink loop")
                return skip("broken symlink")
            if root is not None and not target.is_relative_to(root.resolve()):
                return skip("symlink to a file outside the folder (not followed)")
        info = os.stat(target, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            return skip("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return skip(f"not a regular file ({_file_type(info.st_mode)})")
        if info.st_size > max_bytes:
            return skip(f"too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")
        # Open what was checked, never a symlink swapped in since (O_NOFOLLOW), and never block
        # on a FIFO swapped in (O_NONBLOCK).
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(target, flags)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                return skip("not a regular file")
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                return skip("changed while being read")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return skip(_os_reason(exc))
    if len(data) > max_bytes:
        return skip(f"too large (over {max_bytes:,} bytes)")
    if not data:
        return skip("empty file")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return skip(str(exc))
    if not decoded.text.strip():
        return skip("only white space")
    own = recognise(decoded.text)
    if own is not None:  # one of Parallax's own files (an export, the store), renamed or not
        return skip(f"a Parallax {KINDS[own]}, not an article")
    stem = path.name
    for suffix in ARTICLE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        stem = path.stem or path.name
    document, ignored = _document(safe_id(stem or path.name), str(path.absolute()), decoded.text, decoded.encoding)
    warnings = [w for w in (decoded.warning, ignored) if w]
    return document, "; ".join(warnings) or None


def documents_from_texts(texts: dict[str, str]) -> tuple[Document, ...]:
    """In-memory documents (for :func:`reader.align_texts`, tests and benchmarks): ids are the
    keys, the texts are used as they are."""
    return tuple(_document(key, key, text)[0] for key, text in texts.items())


def _document(doc_id: str, path: str, text: str, encoding: str = "utf-8") -> tuple[Document, str | None]:
    """A document with its title, outlet, date and address read from the top of ``text``, and
    why its front matter was ignored (``None`` when it was not)."""
    header = read_header(text)
    document = Document(
        id=doc_id, path=path, title=header.title, text=text, encoding=encoding,
        outlet=header.outlet, date=header.date, url=header.url, front_matter_end=header.end,
    )
    return document, header.warning


def safe_id(name: str) -> str:
    """A document id made from a file name: the name itself, unless it holds control, bidi or
    line-break characters (or undecodable bytes), which are then escaped as :func:`printable`
    does, so an id never carries an escape sequence into a terminal, a CSV row or a JSON key."""
    escaped = printable(name, limit=len(name) + 1)
    return name if escaped == name.replace("\\", "\\\\") else escaped


def _unique_id(wanted: str, name: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if wanted not in taken:
        return wanted
    name = safe_id(name)
    if name not in taken:
        return name
    n = 2
    while f"{wanted}~{n}" in taken:
        n += 1
    return f"{wanted}~{n}"


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return (exc.strerror or str(exc)).lower()
