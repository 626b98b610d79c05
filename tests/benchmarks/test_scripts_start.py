"""Every benchmark script starts: its imports still resolve after the code it measures moved
(a benchmark is run by hand, so nothing else would notice), and it answers ``--help``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
LIBRARIES = {"__init__.py", "corpus_gen.py", "story_corpus.py", "plagdet.py", "exact_baseline.py", "shared_data.py"}
"""Modules the scripts import, not scripts themselves."""

SCRIPTS = sorted(p.name for p in BENCHMARKS.glob("*.py") if p.name not in LIBRARIES)


def test_every_script_is_listed() -> None:
    assert "scale.py" in SCRIPTS and "keyboard_loop.py" in SCRIPTS and len(SCRIPTS) >= 10


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_script_answers_help(name: str) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage" in result.stdout.lower(), result.stdout[:2000]
