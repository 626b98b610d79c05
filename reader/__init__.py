"""Parallax: read several news articles about the same event side by side.

The public Python entry point is :func:`align_texts`; everything else lives in
:mod:`reader.core` (pure), :mod:`reader.workspace` (a corpus and its annotation store, as the
command line and the app use them), :mod:`reader.cli` and :mod:`reader.ui` (the Textual app).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["align_texts", "__version__"]


def align_texts(
    texts: dict[str, str], preset: str = "news", *, hidden: bool = False, **options: Any
) -> dict[str, Any]:
    """Align in-memory articles and return the same structure as ``parallax align --format json``.

    ``texts`` maps document ids to article texts (used exactly as given). ``preset`` is
    ``"news"`` (articles about one event) or ``"long"`` (reuse between long documents); an
    unknown name is a ``ValueError`` listing the known ones. ``options`` are fields of
    :class:`reader.core.align.AlignOptions` applied on top of the preset (``min_score`` and
    friends). Hidden groups (fragments, folded groups) are included when ``hidden`` is true,
    as ``parallax align --all`` does.
    """
    from reader.core.align import AlignOptions, align
    from reader.core.align.report import alignment_dict
    from reader.core.corpus import documents_from_texts

    settings = AlignOptions.preset(preset, **options)
    documents = documents_from_texts(texts)
    return alignment_dict(documents, align(documents, settings), hidden=hidden)
