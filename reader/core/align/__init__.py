"""The alignment engine: the passages and quotations several articles share.

The stages are plain functions in modules of their own (tokens, seeds, verify, groups, quotes,
report) over plain data (:mod:`.context`: ``Context``, ``Link``); :mod:`.engine` runs them as a
pipeline, on a process pool (:mod:`.pool`) for big corpora. ``align``, ``AlignOptions`` and
``Cancelled`` are importable from here.
"""

from reader.core.align.engine import align
from reader.core.align.options import AlignOptions, Cancelled

__all__ = ["AlignOptions", "Cancelled", "align"]
