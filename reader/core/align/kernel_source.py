"""The digest of a compiled kernel's source: setup.py builds it into each kernel (``SOURCE``) and
:func:`reader.core.align.compiled.load` compares it with the ``.pyx`` beside the kernel. Only the
standard library, no import of the package: setup.py runs this file while building, before
anything is installed."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["KERNELS", "source_digest"]

# The kernel modules, each built from reader/core/align/<name>.pyx (setup.py) and loaded by
# reader.core.align.compiled.
KERNELS = ("_seed_kernels", "_verify_kernels", "_unit_kernels", "_figure_kernels", "_pair_kernels", "_token_kernels")


def source_digest(path: Path) -> str:
    """The digest a kernel carries of its source file ``path``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
