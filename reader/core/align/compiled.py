"""Which loops run compiled: the optional Cython kernels (``reader/core/align/_seed_kernels.pyx``
and ``_verify_kernels.pyx``), built by ``pip install`` when Cython and a C compiler are there.

:data:`SEEDS` and :data:`VERIFY` are the kernel modules of :mod:`~reader.core.align.seeds` and
:mod:`~reader.core.align.verify`, or None when they were not built or the environment sets
``PARALLAX_PURE`` (to any value but ``0`` or empty): then those modules' pure-Python loops run,
which give the same results (the tests run both on the same inputs). :func:`describe` says
which run (``python -c "from reader.core.align.compiled import describe; print(describe())"``).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

__all__ = ["SEEDS", "VERIFY", "describe", "load"]


def load(name: str) -> ModuleType | None:
    """The compiled kernels ``reader.core.align.<name>``, unless missing or turned off by
    ``PARALLAX_PURE``."""
    if os.environ.get("PARALLAX_PURE", "") not in ("", "0"):
        return None
    try:
        return importlib.import_module(f"reader.core.align.{name}")
    except ImportError:
        return None


SEEDS = load("_seed_kernels")
VERIFY = load("_verify_kernels")


def describe() -> str:
    """Which loops run: "compiled" (both kernel modules), "pure Python", or which is compiled."""
    if SEEDS is not None and VERIFY is not None:
        return "compiled"
    if SEEDS is None and VERIFY is None:
        return "pure Python"
    return "compiled seeds, pure-Python verification" if SEEDS is not None else "pure-Python seeds, compiled verification"
