"""``parallax annotations PATH``: list the annotations of a corpus, orphans marked and moved ones
shown at their new place; ``--restore-backup`` puts the last good backup back in place.

Also holds the helpers the ``annotate`` and ``export`` subcommands share (store location and
opening, errors as one line)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli import CommandError
from reader.core.annotate import Anchored, AnchorStatus, Annotation, anchor_all
from reader.core.export import annotation_records, json_text
from reader.core.models import Corpus
from reader.core.store import AnnotationStore, StoreError, default_store_path, restore_backup
from reader.core.text import printable


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--store`` option shared by the annotation subcommands."""
    parser.add_argument(
        "--store",
        metavar="P",
        help="the annotation store file (default: CORPUS/.parallax/annotations.json)",
    )


def store_path(args: argparse.Namespace) -> Path:
    """``--store`` if given, else the corpus's default store (next to the articles)."""
    if getattr(args, "store", None):
        return Path(args.store)
    corpus = Path(args.path)
    return default_store_path(corpus if corpus.is_dir() else corpus.parent)


def open_store(args: argparse.Namespace) -> AnnotationStore:
    """Open the store or fail with its one-line message."""
    try:
        return AnnotationStore.open(store_path(args))
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def load_anchored(args: argparse.Namespace) -> tuple[Corpus, tuple[Anchored, ...]]:
    """Load the corpus and the store, and place every annotation in the current texts."""
    from reader.cli.common import load_or_fail

    path = Path(args.path)
    if not path.exists():
        raise CommandError(f"{args.path}: no such file or folder")
    location = store_path(args)
    annotations: tuple[Annotation, ...] = ()
    if location.exists() or location.is_symlink():  # reading never creates a store
        store = open_store(args)
        try:
            annotations = store.all()
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        finally:
            store.close()
    corpus = load_or_fail([args.path])
    return corpus, anchor_all(annotations, corpus)


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
        path = store_path(args)
        try:
            used, kept = restore_backup(path, args.restore_backup or None)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        moved = f"; the file it replaced is kept as {kept}" if kept else ""
        print(f"restored {path} from {used}{moved}")
        return 0
    corpus, anchored = load_anchored(args)
    if args.format == "json":
        records = annotation_records(anchored, corpus)
        sys.stdout.write(json_text(records, indent=2) + "\n")
        return 0
    sys.stdout.write(_table(anchored, corpus))
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
