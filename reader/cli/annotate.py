"""``parallax annotate PATH --doc ID --start S --end E``: add one annotation from a script.

Prints the new annotation's id once it is durably saved (exit 0); a bad document id, bad offsets
or a tag the tag rule refuses is one line on stderr and exit 2."""

from __future__ import annotations

import argparse

from reader.cli import CommandError
from reader.cli.common import add_store_argument, one_line_errors, open_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax annotate``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    parser.add_argument("--doc", required=True, metavar="ID", help="the document id (file name without .txt/.md)")
    parser.add_argument(
        "--start",
        required=True,
        type=int,
        metavar="S",
        help="start offset: a character index into the article as Parallax loads it (decoded, line endings made LF)",
    )
    parser.add_argument("--end", required=True, type=int, metavar="E", help="end offset (exclusive, same counting)")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="a tag (repeat for several; trimmed, white space collapsed, compared without case)",
    )
    parser.add_argument("--note", default="", metavar="N", help="a note")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Add the annotation and print its id."""
    from reader.core.annotate import TagError
    from reader.core.store import StoreError

    with open_workspace(args.path, args.store) as workspace:
        try:
            document = workspace.document(args.doc)
        except ValueError as exc:
            raise CommandError(f"{args.path}: {exc}") from None
        with one_line_errors(StoreError):
            try:
                (saved,) = workspace.add_spans([(document.id, args.start, args.end)], args.tag, args.note)
            except TagError as exc:
                raise CommandError(f"--tag: {exc}") from None
            except ValueError as exc:
                raise CommandError(f"{document.path}: {exc}") from None
    print(saved.id)
    return 0
