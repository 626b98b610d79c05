"""``parallax align PATH... [--preset news|long] [--format table|json] [--min-score N] [--all]
[--engine local|dask [--scheduler ADDRESS] [--out DIR] [--fresh]]``: the shared passages."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli import CommandError
from reader.cli.common import load_or_fail
from reader.core.align import AlignOptions, align
from reader.core.align.options import PRESETS
from reader.core.models import Document, Group
from reader.core.align.report import alignment_dict
from reader.core.text import printable

SNIPPET = 70
"""Characters of each span shown in the table."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``parallax align``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of them")
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="a readable table (default) or one JSON object",
    )
    parser.add_argument(
        "--preset",
        default="news",
        metavar="NAME",
        help=f"what counts as shared: {' or '.join(PRESETS)} (default news: articles about one event; "
        "long: reuse between long documents)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list the hidden groups: fragments (names, titles, a few words) and groups folded into another",
    )
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="N",
        help=f"keep passages at least this alike, 0-100 (default: the preset's, {AlignOptions.min_score:g} for news; "
        "above that, reworded claims are left out)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default): this process; dask: a Dask cluster, stage by stage, for big corpora "
        "(needs the extra: pip install 'parallax-reader[dask]')",
    )
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: an existing Dask scheduler (tcp://host:8786); default: two local worker processes")
    parser.add_argument("--out", metavar="DIR", help="with --engine dask: where the stages and groups.jsonl go (default: parallax-align/); a run resumes there")
    parser.add_argument("--fresh", action="store_true", help="with --engine dask: start over, ignoring what --out holds")
    parser.add_argument("--partition-size", type=int, default=5000, metavar="N", help="with --engine dask: documents per partition (default 5000)")


def run(args: argparse.Namespace) -> int:
    """Align the corpus and print the groups."""
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise CommandError(f"--min-score must be between 0 and 100 (got {args.min_score:g})")
    if args.preset not in PRESETS:
        raise CommandError(f"unknown preset {args.preset!r}: choose {' or '.join(PRESETS)}")
    changes = {} if args.min_score is None else {"min_score": args.min_score}
    options = AlignOptions.preset(args.preset, **changes)
    if args.engine == "dask":
        from reader.cli.align_dask import run_dask

        return run_dask(args, options)
    if args.scheduler or args.out or args.fresh:
        raise CommandError("--scheduler, --out and --fresh go with --engine dask")
    corpus = load_or_fail(args.paths)
    groups = align(corpus.documents, options, notice=lambda line: print(line, file=sys.stderr))
    if args.format == "json":
        print(json.dumps(alignment_dict(corpus.documents, groups, hidden=args.all), ensure_ascii=True, indent=2))
    else:
        print(format_table(corpus.documents, groups if args.all else tuple(g for g in groups if not g.hidden)))
    sys.stdout.flush()
    return 0


def format_table(documents: tuple[Document, ...], groups: tuple[Group, ...]) -> str:
    """The groups for people: one header line per group, then one line per span."""
    by_id = {doc.id: doc for doc in documents}
    lines = [f"{len(groups)} shared passage{'s' if len(groups) != 1 else ''} in {len(documents)} article{'s' if len(documents) != 1 else ''}"]
    width = max((len(printable(doc.id, 40)) for doc in documents), default=2)
    for group in groups:
        n_docs = len(group.doc_ids)
        lines.append("")
        folded = f"  (folded into {group.folded_into})" if group.folded_into else ""
        lines.append(f"{group.id:<5} {group.kind.value:<8} score {group.score:5.1f}  {n_docs} articles{folded}")
        for span in group.spans:
            text = " ".join(by_id[span.doc].text[span.start : span.end].split())
            if len(text) > SNIPPET:
                text = text[: SNIPPET - 1] + "…"
            who = ""
            if span.quoted:
                who = f"  (quote, {printable(span.speaker, 60)})" if span.speaker else "  (quote)"
            doc_id = printable(span.doc, 40)
            lines.append(f"  {doc_id:<{width}} {span.start:>6}-{span.end:<6} {printable(text, SNIPPET + 10)}{who}")
    return "\n".join(lines)
