"""Helpers shared by the subcommands."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reader.cli import CommandError
from reader.core.corpus import CorpusError, load_corpus
from reader.core.models import Corpus


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
