"""The alignment engine: the passages and quotations several articles share.

The stages live in modules of their own (tokens, seeds, verify, groups, quotes, report) and
:mod:`.engine` runs them; ``align``, ``AlignOptions`` and ``Cancelled`` are importable from here.
"""

from reader.core.align.engine import align
from reader.core.align.options import AlignOptions, Cancelled

__all__ = ["AlignOptions", "Cancelled", "align"]
