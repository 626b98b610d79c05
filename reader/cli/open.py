"""``parallax [CORPUS] [--store PATH] [--alignment DIR]``: open the reading room (the default
command)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import reader
from reader.cli import CommandError
from reader.core.models import Document, Group


def default_corpus() -> Path:
    """The bundled ``sample_corpus/`` when it is there, else the current folder."""
    sample = Path(reader.__file__).resolve().parent.parent / "sample_corpus"
    return sample if sample.is_dir() else Path.cwd()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """CORPUS and --store."""
    parser.add_argument(
        "corpus",
        nargs="?",
        metavar="CORPUS",
        help="a folder of .txt/.md articles, or one file (default: the bundled sample corpus)",
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the annotation store (default: CORPUS/.parallax/annotations.json)",
    )
    parser.add_argument(
        "--alignment",
        metavar="DIR",
        help="read the groups of a precomputed alignment (parallax align --engine dask --out DIR) instead of aligning",
    )


def precomputed_aligner(folder: str, documents: tuple[Document, ...]) -> Callable[..., tuple[Group, ...]]:
    """The app's aligner for ``--alignment DIR``: the precomputed groups of the corpus's articles
    (each problem reported on stderr, one line per article)."""
    from reader.core.distributed.precomputed import AlignmentError, load_alignment

    try:
        groups, problems = load_alignment(folder, documents)
    except AlignmentError as exc:
        raise CommandError(str(exc)) from None
    for line in problems:
        print(f"parallax: {line}", file=sys.stderr)
    return lambda documents, **_: groups


def run(args: argparse.Namespace) -> int:
    """Load the corpus (skipped files reported on stderr), then run the app."""
    from reader.cli.common import load_or_fail

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    corpus = load_or_fail([str(corpus_path)])
    if args.store is not None and Path(args.store).is_dir():
        raise CommandError(f"{args.store}: is a folder; --store wants the store file")
    aligner = None
    if args.alignment is not None:
        aligner = precomputed_aligner(args.alignment, corpus.documents)
    from reader.ui.app import make_app

    app = make_app(corpus_path, args.store, corpus=corpus, aligner=aligner)
    app.run()
    return app.return_code or 0
