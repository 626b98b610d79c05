"""``parallax figures PATH... [--format table|json]``: the figures the articles give for the
same thing, disagreements first."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import load_or_fail
from reader.core.figures import FigureGroup, find_figures
from reader.core.figures.report import article_date, figures_dict, format_value
from reader.core.models import Document
from reader.core.text import printable

SNIPPET = 60
"""Characters of each mention's sentence shown in the table."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``parallax figures``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of them")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="a readable table (default) or one JSON object")


def run(args: argparse.Namespace) -> int:
    """Find the figures of the corpus and print them."""
    corpus = load_or_fail(args.paths)
    groups = find_figures(corpus.documents)
    if args.format == "json":
        print(json.dumps(figures_dict(corpus.documents, groups), ensure_ascii=True, indent=2))
    else:
        print(format_table(corpus.documents, groups))
    sys.stdout.flush()
    return 0


def format_table(documents: tuple[Document, ...], groups: list[FigureGroup]) -> str:
    """The groups for people: a header per group (DISAGREE marked in words), then one line per
    mention with its article, the article's date, the value and the words as written."""
    by_id = {doc.id: doc for doc in documents}
    dates = {doc.id: article_date(doc.text) for doc in documents}
    disagreeing = sum(not g.agree for g in groups)
    lines = [f"{len(groups)} figure{'s' if len(groups) != 1 else ''} given by several of {len(documents)} "
             f"article{'s' if len(documents) != 1 else ''}; {disagreeing} disagree{'s' if disagreeing == 1 else ''}"]
    width = max((len(printable(doc.id, 40)) for doc in documents), default=2)
    for group in groups:
        lines.append("")
        verdict = "agree" if group.agree else "DISAGREE"
        lines.append(f"{group.id:<5} {verdict:<9} {printable(group.what, 80)}")
        lines.append(f"      why: {printable(group.why, 200)}")
        for m in group.mentions:
            text = " ".join(by_id[m.doc].text[m.start : m.end].split())
            date = dates[m.doc]
            when = printable(date.text, 20) if date else "-"
            vague = " (vague)" if m.vague else ""
            lines.append(f"      {printable(m.doc, 40):<{width}}  {when:<16} {format_value(m):>14}  "
                         f"{printable(text, SNIPPET)}{vague}")
    return "\n".join(lines)
