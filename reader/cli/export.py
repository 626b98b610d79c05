"""``parallax export PATH --format FORMAT [-o OUTPUT]``: export the tagged spans in one of the
export registry's formats (stdout without ``-o``; a format that writes a folder needs
``-o FOLDER``)."""

from __future__ import annotations

import argparse
import sys

from reader.cli import CommandError
from reader.cli.common import add_store_argument, one_line_errors, open_workspace
from reader.core.annotate import AnchorStatus
from reader.core.export import EXPORTERS, ExportError
from reader.core.store import StoreError
from reader.core.text import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax export``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    add_store_argument(parser)
    parser.add_argument(
        "--format",
        required=True,
        choices=tuple(EXPORTERS),
        help="the export format: " + "; ".join(f"{f.name}: {f.description}" for f in EXPORTERS.values()),
    )
    folders = " or ".join(f.name for f in EXPORTERS.values() if f.writes_folder)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"write to FILE (replaced safely) instead of stdout; for {folders}, the folder to write",
    )


def run(args: argparse.Namespace) -> int:
    """Export the annotations."""
    spec = EXPORTERS[args.format]
    if args.output == "":
        raise CommandError("-o: empty file name")
    if spec.writes_folder and args.output is None:
        raise CommandError(f"{spec.name} export writes several files: give a folder with -o FOLDER")
    with open_workspace(args.path, args.store) as workspace, one_line_errors(StoreError, ExportError):
        if args.output is not None:
            written = workspace.export(spec.name, args.output)
            if not spec.keeps_orphans:
                orphans = sum(1 for a in workspace.anchored() if a.status is AnchorStatus.ORPHAN)
                if orphans:
                    print(
                        f"parallax: {orphans} orphaned annotation(s) left out of the {spec.name} export (no offsets)",
                        file=sys.stderr,
                    )
            for note in workspace.export_notes(spec.name):
                print(f"parallax: {note}", file=sys.stderr)
            print(f"wrote {len(written)} file(s) to {args.output}", file=sys.stderr)
            return 0
        text = workspace.export_text(spec.name)
    if sys.stdout.isatty():  # a terminal, not a file: article escapes must not act on it
        text = visible(text.replace("\r\n", "\n"))
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    return 0
