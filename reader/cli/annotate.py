"""``parallax annotate PATH --doc NAME (--quote TEXT | --start S --end E)``: add one annotation
from a script.

The article is named by its id, its file name or the start of either; the span by its words
(``--quote``: found word for word, up to case, quotes, dashes and white space; not found or found
twice is an error) or by its offsets. Once the annotation is durably saved it prints one line: its
id, the article, the offsets and the text anchored, so a wrong span shows at once (exit 0). An
unknown or ambiguous article, a quotation not found once, bad offsets or a tag the tag rule
refuses is one line on stderr and exit 2."""

from __future__ import annotations

import argparse

from reader.cli import CommandError
from reader.cli.common import add_store_argument, one_line_errors, open_workspace
from reader.core.text import printable

SHOWN = 200
"""The most characters of the anchored text printed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``parallax annotate``."""
    parser.add_argument("path", metavar="PATH", help="the corpus folder (or one article file)")
    parser.add_argument(
        "--doc",
        required=True,
        metavar="NAME",
        help="the article: its id (the file name without .txt/.md), its file name, or the start of either",
    )
    parser.add_argument(
        "--quote",
        metavar="TEXT",
        help="the span by its words, as in the article (case, quotes, dashes and white space may differ); "
        "it must be there exactly once",
    )
    parser.add_argument(
        "--start",
        type=int,
        metavar="S",
        help="or the span by offsets: a character index into the article as Parallax loads it (decoded, line endings made LF)",
    )
    parser.add_argument("--end", type=int, metavar="E", help="end offset (exclusive, same counting)")
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
    """Add the annotation and print what was anchored."""
    from reader.core.annotate import TagError
    from reader.core.store import StoreError

    if args.quote is not None and (args.start is not None or args.end is not None):
        raise CommandError("give the span by --quote or by --start and --end, not both")
    if args.quote is None and (args.start is None or args.end is None):
        raise CommandError("give the span: --quote TEXT, or --start S and --end E")
    with open_workspace(args.path, args.store) as workspace:
        try:
            document = workspace.find_document(args.doc)
            start, end = (args.start, args.end) if args.quote is None else workspace.find_quote(document.id, args.quote)
        except ValueError as exc:
            raise CommandError(f"{args.path}: {exc}") from None
        with one_line_errors(StoreError):
            try:
                (saved,) = workspace.add_spans([(document.id, start, end)], args.tag, args.note)
            except TagError as exc:
                raise CommandError(f"--tag: {exc}") from None
            except ValueError as exc:
                raise CommandError(f"{printable(document.path)}: {exc}") from None
    print(f"{saved.id} {printable(saved.doc, 80)} {saved.start}-{saved.end} \u201c{printable(saved.exact, SHOWN)}\u201d")
    return 0
