"""Annotations: the model (:mod:`.model`), the tag rule (:mod:`.tags`), finding them again after
an edit (:mod:`.anchoring`), their reading order (:mod:`.order`) and undo (:mod:`.history`).
Everything a caller needs is importable from here."""

from reader.core.annotate.anchoring import AnchorStatus, Anchored, anchor, anchor_all
from reader.core.annotate.model import (
    CONTEXT_CHARS,
    Annotation,
    in_first_spellings,
    new_annotation,
    new_id,
    now_iso,
    with_id,
)
from reader.core.annotate.order import reading_order
from reader.core.annotate.tags import (
    TagError,
    normalise_tag,
    normalise_tags,
    tag_key,
    tag_vocabulary,
    unique_tags,
)

__all__ = [
    "CONTEXT_CHARS",
    "AnchorStatus",
    "Anchored",
    "Annotation",
    "TagError",
    "anchor",
    "anchor_all",
    "in_first_spellings",
    "new_annotation",
    "new_id",
    "normalise_tag",
    "normalise_tags",
    "now_iso",
    "reading_order",
    "tag_key",
    "tag_vocabulary",
    "unique_tags",
    "with_id",
]
