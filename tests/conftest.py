"""Fixtures shared by every ring of tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "sample_corpus"


@pytest.fixture
def sample_corpus_path() -> Path:
    """The bundled sample corpus (read only: copy it before writing next to it)."""
    return SAMPLE_CORPUS
