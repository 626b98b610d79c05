"""Telling an annotated passage from a copy of it pasted into the article before it.

When a paragraph is duplicated, its quotation and stored context are there twice, word for
word: the selectors cannot tell the copies apart, only the stored offsets can. A copy pasted
*after* the original leaves the original at its offsets (the anchoring's "still at its offsets"
rule). A copy pasted *before* it shifts the original by exactly the copy's length, while the
copy itself stands at or before the stored offset. :func:`after_its_copy` recognises that one
edit: the later copy's shift from the stored offset is no more than the stretch the two copies
share, and the earlier copy stands at or before the offset. The other reading (the earlier
copy is the original) needs two edits: text deleted before it *and* a copy pasted after it.
Pure functions over strings, used by :mod:`reader.core.annotate.anchoring`.
"""

from __future__ import annotations

POSITION_CONFIDENCE = 0.8
"""A place told from an identical copy by its position alone is this much as sure as its words
and context would make it (they support both copies equally)."""


def shared_stretch(text: str, first: int, second: int, *, width: int, limit: int) -> int:
    """The length of the stretch ``text`` has identically around ``first`` and ``second``
    (``first < second``; ``width`` characters from each are the same by assumption: the
    quotation), the earlier copy never reaching into the later one; counted up to ``limit``."""
    left = 0
    while left < limit and first - left > 0 and text[first - left - 1] == text[second - left - 1]:
        left += 1
    right = 0
    room = second - left - first - width  # the earlier copy ends before the later begins
    while left + width + right < limit and right < room and second + width + right < len(text):
        if text[first + width + right] != text[second + width + right]:
            break
        right += 1
    return left + width + right


def after_its_copy(text: str, stored_start: int, start: int, others: list[int], width: int) -> bool:
    """Whether the copy at ``start`` is the original, pushed on by a copy of it (at one of
    ``others``) pasted before it: ``start`` lies past the stored offset by no more than the
    stretch the two copies share, and the copy stands at or before the stored offset."""
    shift = start - stored_start
    if shift <= 0:
        return False
    return any(
        other <= stored_start and shared_stretch(text, other, start, width=width, limit=shift) >= shift for other in others if other < start
    )
