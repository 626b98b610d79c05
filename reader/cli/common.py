"""Helpers shared by the subcommands: loading the corpus (every skipped file reported on
stderr), opening the workspace, the ``--store`` option, failures as one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from reader.cli import CommandError
from reader.core.corpus import CorpusError, load_corpus
from reader.core.models import Corpus
from reader.core.paths import corpus_folder
from reader.workspace import Workspace


def load_or_fail(paths: Sequence[str]) -> Corpus:
    """Load the corpus, report every skipped file on stderr (one line each), and fail with a
    :class:`CommandError` when a path is missing or nothing loads."""
    try:
        corpus = load_corpus(paths)
    except CorpusError as exc:
        raise CommandError(str(exc)) from None
    for issue in corpus.issues:
        print(f"parallax: {issue.line()}", file=sys.stderr)
    if not corpus.documents:
        raise CommandError(f"no readable articles in {', '.join(paths)}")
    return corpus


def open_workspace(path: str, store: str | None) -> Workspace:
    """The workspace of the corpus at ``path`` (loaded by :func:`load_or_fail`) and its store
    (``--store``, else the corpus's default store)."""
    return Workspace(load_or_fail([path]), corpus_folder(path), store)


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--store`` option of the annotation subcommands."""
    parser.add_argument(
        "--store",
        metavar="P",
        help="the annotation store file (default: CORPUS/.parallax/annotations.json)",
    )


@contextmanager
def one_line_errors(*kinds: type[Exception]) -> Iterator[None]:
    """Errors of ``kinds`` (whose message is already one line naming the file) fail the command
    with that line."""
    try:
        yield
    except kinds as exc:
        raise CommandError(str(exc)) from None
