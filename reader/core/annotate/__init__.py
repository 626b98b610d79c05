"""Annotations: the model (:mod:`.model`), finding them again after an edit (:mod:`.anchoring`)
and undo (:mod:`.history`). Everything a caller needs is importable from here."""

from reader.core.annotate.anchoring import AnchorStatus, Anchored, anchor, anchor_all
from reader.core.annotate.model import CONTEXT_CHARS, Annotation, clean_tags, new_annotation, new_id, now_iso, with_id

__all__ = [
    "CONTEXT_CHARS",
    "AnchorStatus",
    "Anchored",
    "Annotation",
    "anchor",
    "anchor_all",
    "clean_tags",
    "new_annotation",
    "new_id",
    "now_iso",
    "with_id",
]
