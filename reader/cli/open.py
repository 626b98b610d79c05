"""``parallax [CORPUS]``: open the reading room (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path

import reader
from reader.cli import CommandError


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


def run(args: argparse.Namespace) -> int:
    """Load the corpus (skipped files reported on stderr), then run the app."""
    from reader.cli.common import load_or_fail

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    corpus = load_or_fail([str(corpus_path)])
    if args.store is not None and Path(args.store).is_dir():
        raise CommandError(f"{args.store}: is a folder; --store wants the store file")
    from reader.ui.app import make_app

    app = make_app(corpus_path, args.store, corpus=corpus)
    app.run()
    return app.return_code or 0
