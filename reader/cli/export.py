"""``parallax export PATH --format jsonl|csv|w3c|markdown|brat [-o FILE]``: export the tagged
spans (stdout without ``-o``; for brat ``-o`` names a folder)."""

from __future__ import annotations

import argparse
import sys

from reader.cli import CommandError
from reader.cli.annotations import add_store_argument, load_anchored
from reader.core.annotate import AnchorStatus
from reader.core.export import FORMATS, ExportError, export_annotations, write_export
from reader.core.text import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax export``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    add_store_argument(parser)
    parser.add_argument("--format", required=True, choices=FORMATS, help="the export format")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (replaced safely) instead of stdout; for brat, a folder that gets "
        "one .ann and a copy of the .txt per article",
    )


def run(args: argparse.Namespace) -> int:
    """Export the annotations."""
    if args.output == "":
        raise CommandError("-o: empty file name")
    if args.format == "brat" and args.output is None:
        raise CommandError("brat export writes several files: give a folder with -o FOLDER")
    corpus, anchored = load_anchored(args)
    if args.output is not None:
        try:
            written = write_export(anchored, corpus, args.format, args.output)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        orphans = sum(1 for a in anchored if a.status is AnchorStatus.ORPHAN)
        if args.format == "brat" and orphans:
            print(f"parallax: {orphans} orphaned annotation(s) left out of the brat export (no offsets)", file=sys.stderr)
        print(f"wrote {len(written)} file(s) to {args.output}", file=sys.stderr)
        return 0
    text = export_annotations(anchored, corpus, args.format)
    if sys.stdout.isatty():  # a terminal, not a file: article escapes must not act on it
        text = visible(text.replace("\r\n", "\n"))
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    return 0
