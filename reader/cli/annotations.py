"""``parallax annotations PATH``: list the annotations of a corpus, orphans marked and moved ones
shown at their new place with the confidence of that placement, in reading order;
``--delete ID`` deletes one, ``--edit ID --tag T --note N`` changes its tags and/or note (an ID
may be given by its first characters, as the list shows them); ``--restore-backup`` puts the
last good backup back in place."""

from __future__ import annotations

import argparse
import sys

from reader.cli import CommandError
from reader.cli.common import add_store_argument, one_line_errors, open_workspace
from reader.core.annotate import Anchored, Annotation, AnchorStatus
from reader.core.export import annotation_records, json_text
from reader.core.models import Corpus
from reader.core.paths import corpus_folder, store_path
from reader.core.store import StoreError, restore_backup
from reader.core.text import printable
from reader.workspace import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax annotations``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    add_store_argument(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.add_argument(
        "--delete",
        action="append",
        metavar="ID",
        help="delete the annotation with this id (its first characters are enough; repeat for several)",
    )
    parser.add_argument("--edit", metavar="ID", help="change the tags and/or note of the annotation with this id")
    parser.add_argument(
        "--tag",
        action="append",
        metavar="T",
        help="with --edit: the annotation's tags (repeat for several; they replace its tags; --tag '' removes them)",
    )
    parser.add_argument("--note", metavar="N", help="with --edit: its note (replaces it; --note '' removes it)")
    parser.add_argument(
        "--restore-backup",
        nargs="?",
        const="",
        metavar="BACKUP",
        help="replace a broken store by its newest good backup (or BACKUP); the broken file is kept "
        "as <store>.broken-<time>",
    )


def run(args: argparse.Namespace) -> int:
    """List the annotations (or delete, edit one, restore a backup)."""
    chosen = [name for name in ("delete", "edit", "restore_backup") if getattr(args, name) is not None]
    if len(chosen) > 1:
        raise CommandError(f"--{chosen[0].replace('_', '-')} and --{chosen[1].replace('_', '-')} cannot be given together")
    if (args.tag is not None or args.note is not None) and args.edit is None:
        raise CommandError("--tag and --note change an annotation: give --edit ID")
    if args.delete is not None or args.edit is not None:
        with open_workspace(args.path, args.store) as workspace:
            _change(workspace, args)
        return 0
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
                _status(r),
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


def _status(record: dict[str, object]) -> str:
    """``ORPHAN``, ``exact``, or ``moved 87%`` (the confidence shown unless it is 100% at the
    stored offsets)."""
    if record["status"] == AnchorStatus.ORPHAN.value:
        return "ORPHAN"
    confidence = record["confidence"]
    assert isinstance(confidence, float)
    if record["status"] == AnchorStatus.EXACT.value and confidence == 1.0:
        return "exact"
    return f"{record['status']} {round(confidence * 100)}%"


def _change(workspace: Workspace, args: argparse.Namespace) -> None:
    """``--delete`` or ``--edit``, through the workspace; one line per annotation changed."""
    from reader.core.annotate import TagError

    with one_line_errors(StoreError):
        try:
            if args.edit is not None:
                if args.tag is None and args.note is None:
                    raise CommandError("--edit changes tags or a note: give --tag and/or --note")
                target = workspace.find_annotation(args.edit)
                tags = None if args.tag is None else [t for t in args.tag if t.strip()]
                try:
                    after = workspace.edit(target.id, tags, args.note)
                except TagError as exc:
                    raise CommandError(f"--tag: {exc}") from None
                tag_list = ", ".join(printable(t, 40) for t in after.tags) or "no tags"
                note = printable(after.note, 80) if after.note else "no note"
                print(f"edited {after.id} {_where(after)}: {tag_list}; {note}")
                return
            targets = {a.id: a for a in (workspace.find_annotation(i) for i in args.delete)}
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for gone in workspace.delete(targets):
            print(f"deleted {gone.id} {_where(gone)}")


def _where(annotation: Annotation) -> str:
    return f"{printable(annotation.doc, 80)} {annotation.start}-{annotation.end} \u201c{printable(annotation.exact, 80)}\u201d"
