"""``parallax quotes PATH... [--format table|json]``: who is quoted, under one name however
each article writes it, with each quotation and the articles that carry it."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import load_or_fail
from reader.core.align import AlignOptions, align
from reader.core.models import Document
from reader.core.text import printable
from reader.core.voices import Speaker, find_voices
from reader.core.voices.report import voices_dict, wording

SNIPPET = 70
"""Characters of each quotation shown in the table."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``parallax quotes``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of them")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="a readable table (default) or one JSON object")


def run(args: argparse.Namespace) -> int:
    """Find the speakers of the corpus and print them with their quotations."""
    corpus = load_or_fail(args.paths)
    groups = align(corpus.documents, AlignOptions()) if len(corpus.documents) > 1 else ()
    speakers = find_voices(corpus.documents, groups)
    if args.format == "json":
        print(json.dumps(voices_dict(corpus.documents, speakers), ensure_ascii=True, indent=2))
    else:
        print(format_table(corpus.documents, speakers))
    sys.stdout.flush()
    return 0


def format_table(documents: tuple[Document, ...], speakers: list[Speaker]) -> str:
    """One block per speaker: the name, the other ways the articles name them, then each
    quotation with the articles that carry it and whether their wording differs."""
    by_id = {doc.id: doc for doc in documents}
    quotes = sum(len(s.quotes) for s in speakers)
    lines = [f"{len(speakers)} speaker{'s' if len(speakers) != 1 else ''}, {quotes} quotation{'s' if quotes != 1 else ''} "
             f"in {len(documents)} article{'s' if len(documents) != 1 else ''}"]
    for speaker in speakers:
        lines.append("")
        others = [n for n in speaker.names if n != speaker.name]
        also = f"  (also: {printable('; '.join(others), 300)})" if others else ""
        lines.append(f"{speaker.id:<5} {printable(speaker.name, 80)}{also}")
        for quote in speaker.quotes:
            first = quote.spans[0]
            text = " ".join(by_id[first.doc].text[first.start : first.end].split())
            if len(text) > SNIPPET:
                text = text[: SNIPPET - 1] + "\u2026"
            where = ", ".join(printable(d, 40) for d in quote.doc_ids)
            group = f", group {quote.group}" if quote.group else ""
            lines.append(f"      \u201c{printable(text, SNIPPET + 10)}\u201d")
            lines.append(f"          in {where} ({wording(quote.same_wording, len(quote.doc_ids))}{group})")
    return "\n".join(lines)
