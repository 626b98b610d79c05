"""Fixtures shared by every ring of tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.constants

# Apps built by the tests draw in true colour whatever the terminal running pytest says
# (TERM=xterm alone would mean 16 colours); the tests of 256 and 16 colours set it themselves.
textual.constants.COLOR_SYSTEM = "truecolor"  # type: ignore[misc]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "sample_corpus"


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml once the core half of issue 8 is merged (declaring a marker
    # twice is harmless).
    config.addinivalue_line("markers", "slow: over ~3 s; `make check` leaves them out, `make test` runs them")


@pytest.fixture
def sample_corpus_path() -> Path:
    """The bundled sample corpus (read only: copy it before writing next to it)."""
    return SAMPLE_CORPUS
