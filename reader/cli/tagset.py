"""``parallax tagset PATH [TAG...] [--clear]``: show or set the corpus's tag set, the tags the
keys ``1``-``9`` apply in the app.

``TAG`` is a tag or ``TAG=DESCRIPTION`` (the first ``=`` separates them); the tags replace the
set, in the order given (case variants are one tag, the first spelling kept). No tag: print the
set. ``--clear``: empty it. Tags follow the one tag rule: a control character is one line on
stderr and exit 2, and nothing is written. A damaged tag set file is reported in one line and
kept as it is (setting a new set moves it aside first, byte for byte).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli import CommandError
from reader.cli.common import add_store_argument, one_line_errors
from reader.core.models import Corpus
from reader.core.paths import corpus_folder
from reader.core.text import printable
from reader.workspace import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax tagset``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    parser.add_argument(
        "tags",
        nargs="*",
        metavar="TAG",
        help="the tags, in key order (1-9; a tenth and beyond have no key); TAG=DESCRIPTION adds a description",
    )
    parser.add_argument("--clear", action="store_true", help="empty the tag set")
    add_store_argument(parser)


def describe(workspace: Workspace) -> str:
    """The tag set as printed: one tag per line with its key and description."""
    read = workspace.tagset()
    if not read.tagset:
        return f"no tag set (set one with: parallax tagset {printable(str(workspace.corpus_dir), 200)} TAG...)\n"
    width = max(len(printable(entry.tag, 60)) for entry in read.tagset.entries)
    lines = []
    for key, entry in read.tagset.keyed():
        tag = printable(entry.tag, 60)
        line = f"{key if key is not None else '-'}  {tag.ljust(width)}"
        if entry.description:
            line += f"  {printable(entry.description, 200)}"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Show, set or clear the tag set."""
    from reader.core.annotate.tagset import TagSet, TagSetError, make_tagset
    from reader.core.store import StoreError

    if args.clear and args.tags:
        raise CommandError("--clear takes no tags")
    path = Path(args.path)
    if not path.exists():
        raise CommandError(f"{args.path}: no such file or folder")
    # The tag set lives beside the store: the articles need not be loaded.
    with Workspace(Corpus(()), corpus_folder(path), args.store) as workspace, one_line_errors(StoreError):
        read = workspace.tagset()
        if read.problem is not None:
            print(f"parallax: {printable(read.problem, 1000)}", file=sys.stderr)
        if not args.tags and not args.clear:
            sys.stdout.write(describe(workspace))
            return 0 if read.problem is None else 1
        try:
            tagset = TagSet() if args.clear else make_tagset(args.tags)
        except TagSetError as exc:
            raise CommandError(f"{args.path}: {exc}") from None
        kept = workspace.set_tagset(tagset)
        if kept is not None:
            print(f"parallax: the damaged tag set was kept as {kept}", file=sys.stderr)
        sys.stdout.write(describe(workspace))
    return 0
