"""Which loops run compiled: the optional Cython kernels (``reader/core/align/_kernels.pyx``),
built by ``pip install`` when Cython and a C compiler are there, or None.

:data:`KERNELS` is the kernels module, or None when it was not built or the environment sets
``PARALLAX_PURE`` (to any value but ``0`` or empty): then the pure-Python loops of
:mod:`~reader.core.align.seeds` and :mod:`~reader.core.align.verify` run, which give the
same results (the tests run both on the same inputs). :func:`describe` says which runs
(``python -c "from reader.core.align.compiled import describe; print(describe())"``).
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["KERNELS", "describe", "load"]


def load() -> ModuleType | None:
    """The compiled kernels, unless missing or turned off by ``PARALLAX_PURE``."""
    if os.environ.get("PARALLAX_PURE", "") not in ("", "0"):
        return None
    try:
        from reader.core.align import _kernels
    except ImportError:
        return None
    return _kernels


KERNELS = load()


def describe() -> str:
    """Which loops run: "compiled" or "pure Python"."""
    return "compiled" if KERNELS is not None else "pure Python"
