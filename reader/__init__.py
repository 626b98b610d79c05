"""Parallax: read several news articles about the same event side by side.

The public Python entry point is :func:`align_texts`; everything else lives in
:mod:`reader.core` (pure), :mod:`reader.workspace` (a corpus and its annotation store, as the
command line and the app use them), :mod:`reader.cli` and :mod:`reader.ui` (the Textual app).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["align_texts", "__version__"]


def align_texts(texts: dict[str, str], **options: Any) -> dict[str, Any]:
    """Align in-memory articles and return the same structure as ``parallax align --format json``.

    ``texts`` maps document ids to article texts (used exactly as given). ``options`` are the
    fields of :class:`reader.core.align.AlignOptions` (``min_score`` and friends).
    """
    from reader.core.align import AlignOptions, align
    from reader.core.align.report import alignment_dict
    from reader.core.corpus import documents_from_texts

    documents = documents_from_texts(texts)
    return alignment_dict(documents, align(documents, AlignOptions(**options)))
