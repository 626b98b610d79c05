"""The alignment engine on a Dask cluster, for corpora past one machine (``parallax align
--engine dask``): the local engine's stages run over partitions, shaped like passim's pipeline,
with the same groups as :func:`reader.core.align.align`.

Dask and pyarrow are an optional extra (``pip install 'parallax-reader[dask]'``): this package
imports them only in :mod:`.pipeline`, :mod:`.tasks` and :mod:`.store`, which :func:`require`
loads after checking they are there. :mod:`.inputs` (JSON Lines and folders), :mod:`.stages`
(the per-partition work) and :mod:`.precomputed` (reading a run's groups back) need neither.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

__all__ = ["MissingExtra", "require"]

EXTRA_MODULES = ("dask", "distributed", "pyarrow")


class MissingExtra(Exception):
    """The ``dask`` extra is not installed (the message is one line saying how to install it)."""


def require() -> ModuleType:
    """The pipeline module (:mod:`.pipeline`), or :class:`MissingExtra` when Dask or pyarrow is
    missing."""
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtra(
            f"--engine dask needs {_listed(missing)}: pip install 'parallax-reader[dask]'"
        )
    return importlib.import_module("reader.core.distributed.pipeline")


def _listed(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
