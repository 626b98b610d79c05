"""Where a corpus keeps things: the one rule for a corpus's folder and its annotation store."""

from __future__ import annotations

import os
from pathlib import Path

STORE_FOLDER = ".parallax"
"""The folder, inside the corpus folder, that holds Parallax's files."""
STORE_NAME = "annotations.json"
"""The annotation store's file name in that folder."""


def corpus_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of a corpus given as a folder (itself) or as one article file (its folder)."""
    path = Path(path)
    return path if path.is_dir() else path.parent


def default_store_path(corpus_dir: str | os.PathLike[str]) -> Path:
    """Where a corpus keeps its annotations: ``<corpus>/.parallax/annotations.json``."""
    return Path(corpus_dir) / STORE_FOLDER / STORE_NAME


def store_path(corpus_dir: str | os.PathLike[str], store: str | os.PathLike[str] | None = None) -> Path:
    """The store a command line names: ``store`` (``--store``) when given, else the corpus's
    default store (:func:`default_store_path`)."""
    return Path(store) if store is not None else default_store_path(corpus_dir)


TAGSET_SUFFIX = ".tagset.json"
"""Ending of the tag set file kept beside a store (``annotations.json`` ->
``annotations.tagset.json``)."""


def tagset_path(store: str | os.PathLike[str]) -> Path:
    """The tag set file of a store: beside it, named after it
    (``<corpus>/.parallax/annotations.tagset.json`` for the default store)."""
    store = Path(store)
    stem = store.name[: -len(store.suffix)] if store.suffix else store.name
    return store.with_name(stem + TAGSET_SUFFIX)
