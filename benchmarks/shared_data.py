"""Where the benchmarks find the project's shared data sets (``../shared/data/<name>``), one
rule for every script: the environment variable when it is set, else ``shared/data/<name>`` in
the checkout's parent or any folder above it (a worktree nested deeper finds it too), else the
parent's path (which the scripts report as missing)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_data(name: str, env: str | None = None) -> Path:
    """The folder of the shared data set ``name`` (``realnews-dev``, ``pan13-train``)."""
    if env and os.environ.get(env):
        return Path(os.environ[env])
    for parent in ROOT.parents:
        if (parent / "shared" / "data" / name).is_dir():
            return parent / "shared" / "data" / name
    return ROOT.parent / "shared" / "data" / name
