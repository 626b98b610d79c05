"""``parallax annotations PATH``: list the annotations of a corpus, orphans marked and moved ones
shown at their new place, in reading order; ``--restore-backup`` puts the last good backup back
in place."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_store_argument, one_line_errors, open_workspace
from reader.core.annotate import Anchored, AnchorStatus
from reader.core.export import annotation_records, json_text
from reader.core.models import Corpus
from reader.core.paths import corpus_folder, store_path
from reader.core.store import StoreError, restore_backup
from reader.core.text import printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax annotations``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    add_store_argument(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.add_argument(
        "--restore-backup",
        nargs="?",
        const="",
        metavar="BACKUP",
        help="replace a broken store by its newest good backup (or BACKUP); the broken file is kept "
        "as <store>.broken-<time>",
    )


def run(args: argparse.Namespace) -> int:
    """List the annotations (or restore a backup)."""
    if args.restore_backup is not None:
        path = store_path(corpus_folder(args.path), args.store)
        with one_line_errors(StoreError):
            used, kept = restore_backup(path, args.restore_backup or None)
        moved = f"; the file it replaced is kept as {kept}" if kept else ""
        print(f"restored {path} from {used}{moved}")
        return 0
    with open_workspace(args.path, args.store) as workspace, one_line_errors(StoreError):
        anchored = workspace.anchored()
    if args.format == "json":
        records = annotation_records(anchored, workspace.corpus)
        sys.stdout.write(json_text(records, indent=2) + "\n")
        return 0
    sys.stdout.write(_table(anchored, workspace.corpus))
    return 0


def _table(anchored: tuple[Anchored, ...], corpus: Corpus) -> str:
    records = annotation_records(anchored, corpus)
    if not records:
        return "no annotations\n"
    rows = [("ID", "STATUS", "DOC", "SPAN", "TAGS", "NOTE", "TEXT")]
    for r in records:
        span = f"{r['start']}-{r['end']}" if r["start"] is not None else "-"
        rows.append(
            (
                r["id"][:8],
                r["status"].upper() if r["status"] == AnchorStatus.ORPHAN.value else r["status"],
                printable(r["doc"], 30),
                span,
                printable(", ".join(r["tags"]), 30),
                printable(r["note"], 30),
                printable(r["exact"], 50),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths)) + "  " + row[-1] for row in rows]
    orphans = sum(1 for a in anchored if a.status is AnchorStatus.ORPHAN)
    moved = sum(1 for a in anchored if a.status is AnchorStatus.MOVED)
    lines.append(f"{len(records)} annotations ({moved} moved, {orphans} orphaned)")
    return "\n".join(line.rstrip() for line in lines) + "\n"
