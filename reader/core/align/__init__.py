"""The alignment engine: the passages and quotations several articles share.

The stages are plain functions in modules of their own (tokens, seeds, verify, groups, quotes,
report) over plain data (:mod:`.context`: ``Context``, ``Link``); :mod:`.engine` runs them as a
pipeline, on a process pool (:mod:`.pool`) for big corpora. ``align``, ``AlignOptions`` and
``Cancelled`` are importable from here.

They are imported on first use (:func:`__getattr__`): a module that needs one stage
(``reader.core.align.sentences``, ``.options``, ``.report``) loads that stage, not the whole
engine (the claims stage, the process pool: about a hundred modules).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.align.engine import align
    from reader.core.align.options import AlignOptions, Cancelled

__all__ = ["AlignOptions", "Cancelled", "align"]

_HOME = {"align": "reader.core.align.engine", "AlignOptions": "reader.core.align.options", "Cancelled": "reader.core.align.options"}
"""Where each name of :data:`__all__` is defined."""


def __getattr__(name: str) -> Any:
    """``align``, ``AlignOptions`` or ``Cancelled``, imported from its module on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
