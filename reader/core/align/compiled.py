"""Which loops run compiled: the optional Cython kernels (``reader/core/align/<name>.pyx`` for each
name of :data:`~reader.core.align.kernel_source.KERNELS`), built by ``pip install`` when Cython
and a C compiler are there.

Each constant is a kernel module, or None when it was not built or the environment sets
``PARALLAX_PURE`` (to any value but ``0`` or empty): :data:`SEEDS` (:mod:`.seeds`' linking and
chains, the documents' n-grams and the table of those seen and shared), :data:`TOKENS` (the
tokeniser, the words' hashes and the sentence breaks: :mod:`.tokens`, :mod:`.sentences`),
:data:`VERIFY` (:mod:`.verify`'s loop over a pair's regions, its blocks, values, stretches and
cuts at quotations, the documents' folded words, running sums and sentence breaks), :data:`UNITS` (the claims
stage's per-sentence loop, :mod:`.terms`), :data:`PAIRS` (the claims' meetings, scores and best
pairs: :mod:`.cooccur`, :mod:`.pair_scores`) and :data:`FIGURES` (where numbers start and
figure sentences' words: :mod:`reader.core.numbers`, :mod:`reader.core.figures`). Without one,
its module's pure-Python loops run, which give the same results (the tests run both on the same
inputs). A kernel module built from another version of its ``.pyx`` than the one beside it
(edited since, and not rebuilt, or a rebuild that failed and left the old module) is not
loaded: a warning says so once, and the pure-Python loops run. :func:`describe` says which run
(``python -c "from reader.core.align.compiled import describe; print(describe())"``).
"""

from __future__ import annotations

import importlib
import os
import warnings
from pathlib import Path
from types import ModuleType

from reader.core.align.kernel_source import KERNELS, source_digest

__all__ = ["FIGURES", "KERNELS", "PAIRS", "SEEDS", "TOKENS", "UNITS", "VERIFY", "describe", "load", "source_digest"]


def load(name: str) -> ModuleType | None:
    """The compiled kernels ``reader.core.align.<name>``, unless missing or turned off by
    ``PARALLAX_PURE``."""
    if os.environ.get("PARALLAX_PURE", "") not in ("", "0"):
        return None
    try:
        module = importlib.import_module(f"reader.core.align.{name}")
    except ImportError:
        return None
    source = Path(module.__file__ or "").with_name(f"{name}.pyx")
    if source.is_file() and getattr(module, "SOURCE", None) != source_digest(source):
        warnings.warn(
            f"{Path(module.__file__ or name).name} was built from another version of {source.name}: "
            "not used (the pure-Python loops run); reinstall to rebuild it (make, or pip install -e .)",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return module


SEEDS = load("_seed_kernels")
VERIFY = load("_verify_kernels")
UNITS = load("_unit_kernels")
FIGURES = load("_figure_kernels")
PAIRS = load("_pair_kernels")
TOKENS = load("_token_kernels")


def describe() -> str:
    """Which loops run: "compiled" (every kernel module), "pure Python" (none), or which are compiled."""
    loaded = [name for name in KERNELS if load(name) is not None]
    if len(loaded) == len(KERNELS):
        return "compiled"
    if not loaded:
        return "pure Python"
    return "compiled: " + ", ".join(loaded) + "; pure Python: " + ", ".join(name for name in KERNELS if name not in loaded)
