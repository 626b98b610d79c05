"""``parallax annotate PATH --doc ID --start S --end E``: add one annotation from a script.

Prints the new annotation's id once it is durably saved (exit 0); a bad document id or bad
offsets is one line on stderr and exit 2."""

from __future__ import annotations

import argparse

from reader.cli import CommandError
from reader.cli.annotations import add_store_argument, open_store
from reader.core.annotate import new_annotation
from reader.core.store import StoreError
from reader.core.text import printable


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
    parser.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for several)")
    parser.add_argument("--note", default="", metavar="N", help="a note")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Add the annotation and print its id."""
    from reader.cli.common import load_or_fail

    corpus = load_or_fail([args.path])
    documents = {d.id: d for d in corpus.documents}
    document = documents.get(args.doc)
    if document is None:
        known = ", ".join(sorted(documents)[:5]) + (", ..." if len(documents) > 5 else "")
        raise CommandError(f"{args.path}: no document with id {printable(args.doc, 80)!r} (ids: {known})")
    try:
        annotation = new_annotation(document, args.start, args.end, tags=args.tag, note=args.note)
    except ValueError as exc:
        raise CommandError(f"{document.path}: {exc}") from None
    store = open_store(args)
    try:
        saved = store.add(annotation)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(saved.id)
    return 0
