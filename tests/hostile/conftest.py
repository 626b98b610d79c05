"""The hostile folder, built once per test session (per xdist worker) and shared read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.generate import Planted, build


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Planted]]:
    """The hostile folder (with the sparse 50 MB file, without the 2 MB line) and its entries."""
    folder = tmp_path_factory.mktemp("hostile-root") / "hostile"
    return folder, build(folder)


@pytest.fixture(scope="session")
def hostile_folder(hostile: tuple[Path, list[Planted]]) -> Path:
    """Just the folder."""
    return hostile[0]


@pytest.fixture(scope="session")
def planted(hostile: tuple[Path, list[Planted]]) -> list[Planted]:
    """Just the entries."""
    return hostile[1]
