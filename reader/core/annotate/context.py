"""The evidence for a place in an edited article: how much of an annotation's stored context is
found next to it (:func:`side_support`), how much it needs (:func:`needed_support`), and the
confidence of a placement (:func:`confidence`). Pure functions over strings, used by
:mod:`reader.core.annotate.anchoring`."""

from __future__ import annotations

import re

from rapidfuzz.distance import LCSseq

from reader.core.annotate.model import CONTEXT_CHARS

LONG_QUOTE = 40
"""A quotation at least this long (a clause or more) found where it was needs less context
(:func:`needed_support`)."""

SLACK = 32
"""Characters beyond the stored context's length looked at beside a candidate, so that words
inserted next to the quotation do not hide the context behind them."""


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(text: str, *, cut_first: bool, cut_last: bool) -> list[str]:
    """The words and punctuation marks of ``text``, without a first (last) word that may have
    been cut where the context or window begins (ends)."""
    found = _TOKEN.findall(text)
    if found and cut_first and text[:1].isalnum():
        found = found[1:]
    if found and cut_last and text[-1:].isalnum():
        found = found[:-1]
    return found


def _matched_weight(stored: list[str], here: list[str], *, outer_cut: str = "") -> int:
    """The characters of ``stored`` tokens found in ``here`` in the same order (a longest
    common subsequence of tokens, weighted by their length). ``outer_cut``: ``"start"`` or
    ``"end"`` when the last of ``stored`` is a word cut at its start (end), which matches a word
    ending (beginning) with it."""
    if not stored or not here:
        return 0
    previous = [0] * (len(here) + 1)  # previous[j]: the weight matched within here[:j]
    last = len(stored) - 1
    for i, token in enumerate(stored):
        row = [0]
        for j, other in enumerate(here):
            if token == other or (
                i == last and outer_cut and (other.endswith(token) if outer_cut == "start" else other.startswith(token))
            ):
                row.append(previous[j] + len(token))
            else:
                row.append(max(previous[j + 1], row[j]))
        previous = row
    return previous[-1]


_BREAK = re.compile(r"\n+")


def _split(text: str, left: bool) -> tuple[str, str | None]:
    """A side's text up to its nearest line break (reading outward from the span), and the rest
    beyond the break (``None`` when there is no break)."""
    found = list(_BREAK.finditer(text))
    if not found:
        return text, None
    if left:
        return text[found[-1].end() :], text[: found[-1].start()]
    return text[: found[0].start()], text[found[0].end() :]


def _as_many_paragraphs(stored: str, beside: str, left: bool) -> tuple[str, bool]:
    """``beside`` cut where it reaches into more paragraphs than ``stored`` does (reading
    outward), and whether its outer end may be a cut word (it was not cut at a break)."""
    breaks = len(_BREAK.findall(stored))
    found = list(_BREAK.finditer(beside))
    if len(found) <= breaks:
        return beside, True
    if left:
        return beside[found[len(found) - breaks - 1].end() :], False
    return beside[: found[breaks].start()], False


def _has_word(text: str, *, left: bool, cut: bool) -> bool:
    """Whether ``text`` holds a whole word (not only punctuation, or a word that may be cut)."""
    return any(t[0].isalnum() for t in _tokens(text, cut_first=left and cut, cut_last=not left and cut))


def _share(stored: str, beside: str, *, left: bool, cut_stored: bool, cut_beside: bool) -> tuple[int, int]:
    """``(matched, total)``: the characters of ``stored``'s tokens found in ``beside`` in order
    (read outward from the span), and of all of ``stored``'s tokens."""
    words, here, outer_cut = _outward(stored, beside, left=left, cut_stored=cut_stored, cut_beside=cut_beside)
    return _matched_weight(words, here, outer_cut=outer_cut), sum(map(len, words))


def _outward(stored: str, beside: str, *, left: bool, cut_stored: bool, cut_beside: bool) -> tuple[list[str], list[str], str]:
    """The tokens of the stored context and of the text beside a candidate, both read outward
    from the span, and which end of the stored context's outermost word may be cut (``"start"``,
    ``"end"`` or ``""``). That word is kept and matches a word it is the end (start) of; the
    window's own outermost word is cut off (it lies beyond the compared span)."""
    words = _tokens(stored, cut_first=False, cut_last=False)
    outer_cut = ""
    if cut_stored and words and (stored[:1].isalnum() if left else stored[-1:].isalnum()):
        outer_cut = "start" if left else "end"
    here = _tokens(beside, cut_first=left and cut_beside, cut_last=not left and cut_beside)
    if left:
        words, here = words[::-1], here[::-1]
    return words, here, outer_cut


def realigns(stored: str, beside: str, *, left: bool, cut: bool, beside_cut: bool = True, next_to: bool = False) -> bool:
    """Whether one side's stored context reads like the text beside a candidate after *one
    edit*: read outward from the span, its first word or mark agrees (the difference is not
    right at the quotation), and past the first one that differs, at least half of the rest
    (by length) is found again in order. Another passage sharing a phrase with the quotation's
    own agrees for a few words, then goes its own way; an edited passage picks up again.
    ``next_to``: the difference may be right at the quotation (its position agrees: it is
    still where it was). Other arguments as for :func:`side_support`."""
    words, here, outer_cut = _outward(stored, beside, left=left, cut_stored=cut, cut_beside=beside_cut)
    same = 0
    while same < len(words) and same < len(here) and words[same] == here[same]:
        same += 1
    if same == len(words):
        return True
    if same == len(words) - 1 and outer_cut and same < len(here):
        word = here[same]
        return word.endswith(words[same]) if outer_cut == "start" else word.startswith(words[same])
    rest = words[same + 1 :]
    # Nothing past the difference is no evidence that the passage picks up again.
    total = sum(map(len, rest))
    return (same > 0 or next_to) and total > 0 and 2 * _matched_weight(rest, here[same:], outer_cut=outer_cut) >= total


def side_support(stored: str, beside: str, *, left: bool, cut: bool, beside_cut: bool = True) -> float:
    """How much of one side's stored context (``stored``) is found next to a candidate
    (``beside``: the text on that side, :data:`SLACK` characters longer), from 0 to 1: the share of
    its words and punctuation, by length, found in the same order, read outward from the span.
    ``cut``: ``stored`` is a full-length context, so its outermost word may be cut;
    ``beside_cut``: likewise for ``beside`` (false where it reaches the article's edge).

    Line breaks are context too. A candidate whose paragraph ends (begins) within the reach of a
    stored context that has no line break is not supported on that side. Where the stored
    context reaches across a line break into the neighbouring paragraph, the candidate must have
    a line break there as well, and if a whole
    word of that neighbour was stored, at least half of what was stored of it, or the side gives
    no support: a quotation near a paragraph's edge is known by its neighbour (a
    copy of a repeated headline has other neighbours). Context found beyond a line break the
    stored context does not have is another paragraph's and does not count."""
    near, far = _split(stored, left)
    here_near, here_far = _split(beside, left)
    if far is None:
        if here_far is not None and len(here_near) < len(stored.strip()):
            return 0.0  # the candidate's paragraph ends within the reach of the stored context
        matched, total = _share(near, here_near, left=left, cut_stored=cut, cut_beside=beside_cut and here_far is None)
        if not total:  # only white space (or one cut word) was stored: compare it as it is
            return 1.0 if (beside.endswith(stored) if left else beside.startswith(stored)) else 0.0
        return matched / total
    if here_far is None:
        return 0.0  # the stored context has a paragraph edge here, the candidate has none
    matched, total = _share(near, here_near, left=left, cut_stored=False, cut_beside=False)
    here_far, cut_far = _as_many_paragraphs(far, here_far, left)
    far_matched, far_total = _share(far, here_far, left=left, cut_stored=cut, cut_beside=beside_cut and cut_far)
    if _has_word(far, left=left, cut=cut) and 2 * far_matched < far_total:
        return 0.0
    if not total + far_total:
        return 1.0 if not here_near.strip() else 0.0
    return (matched + far_matched) / (total + far_total)


def paragraph_side(stored: str, beside: str, *, left: bool, beside_cut: bool = True) -> int | None:
    """How many characters of one side's stored context (``stored``) are next to a candidate
    (``beside``: the text on that side, read outward from the span) *up to its paragraph's
    edge*, or ``None`` if they are not all there. A side is intact up to the edge when the
    stored context's part within the quotation's paragraph is there verbatim, and then the same
    line break (every line break character of it the stored context holds): what lies beyond
    belongs to the neighbouring paragraph, which changes when a paragraph is moved (or its
    neighbour edited), not when the quotation's own paragraph is. The whole stored context
    verbatim counts too (all its characters), and the article's start (end) is a paragraph's
    edge where ``beside`` reaches it (``beside_cut`` false). An empty ``stored`` (the quotation
    began or ended the article) is matched by a paragraph's edge. Returns the characters
    found: the paragraph's own part (the break not counted), or the whole stored context."""
    if not stored:
        edge = beside[-1:] if left else beside[:1]
        return 0 if edge == "\n" or not beside else None
    if beside.endswith(stored) if left else beside.startswith(stored):
        return len(stored)
    found = list(_BREAK.finditer(stored))
    if not found:
        return None
    edge = found[-1] if left else found[0]
    near = stored[edge.end() :] if left else stored[: edge.start()]
    line_break = edge.group()
    whole_break = edge.start() > 0 if left else edge.end() < len(stored)
    if left:
        rest = beside[: len(beside) - len(near)] if near else beside
        if not beside.endswith(near) or not (rest.endswith(line_break) or (rest == "" and not beside_cut)):
            return None
        ahead = rest[: len(rest) - len(line_break)]
        return None if whole_break and ahead.endswith("\n") else len(near)
    rest = beside[len(near) :]
    if not beside.startswith(near) or not (rest.startswith(line_break) or (rest == "" and not beside_cut)):
        return None
    ahead = rest[len(line_break) :]
    return None if whole_break and ahead.startswith("\n") else len(near)


PARAGRAPH_EVIDENCE = 32
"""Characters of quotation and context (up to the paragraph's edges) a verbatim quotation
whose paragraph's own text is intact needs when they stand once in the new text."""

OCCURRENCE_EVIDENCE = 24
"""And this many more for every other place it occurs..."""

MOST_PARAGRAPH_EVIDENCE = 64
"""... up to this many: two sides of stored context, as much as a quotation can bring."""


def split_at_break(stored: str, *, left: bool) -> tuple[str, str] | None:
    """A side's stored context split at its line break nearest the quotation: the part beyond
    (the neighbouring paragraph's, with the break) and the quotation's own paragraph's part;
    ``None`` when it has no line break."""
    found = list(_BREAK.finditer(stored))
    if not found:
        return None
    if left:
        return stored[: found[-1].end()], stored[found[-1].end() :]
    return stored[found[0].start() :], stored[: found[0].start()]


def paragraph_evidence_needed(occurrences: int) -> int:
    """The characters of quotation and paragraph-bounded context a placement by
    :func:`paragraph_side` needs: :data:`PARAGRAPH_EVIDENCE`, and :data:`OCCURRENCE_EVIDENCE`
    more for every other place that quotation with that context stands (``occurrences``), at most :data:`MOST_PARAGRAPH_EVIDENCE`
    (a common word needs nearly all its stored context)."""
    return min(PARAGRAPH_EVIDENCE + OCCURRENCE_EVIDENCE * max(0, occurrences - 1), MOST_PARAGRAPH_EVIDENCE)


def needed_support(quote_length: int, occurrences: int, *, in_place: bool = False) -> float:
    """The support each side of a candidate needs (0-1), in proportion to how common the
    quotation is and how little it proves by itself. A quotation still within
    :data:`CONTEXT_CHARS` of its stored offsets (``in_place``: its position agrees, as after an
    edit next to it) needs half its context on each side, 0.3 when long (:data:`LONG_QUOTE`
    characters or more). One found elsewhere must bring nearly all of it (0.9): what moves is a
    whole paragraph, context and all, while a phrase repeated in the article comes with
    another context. Every other place the quotation occurs in the new text adds 0.15; at most
    0.95."""
    base = (0.3 if quote_length >= LONG_QUOTE else 0.5) if in_place else 0.9
    return min(0.95, base + 0.15 * max(0, occurrences - 1))


def confidence(quote: float, left: float, right: float) -> float:
    """A placement's confidence from the quotation's similarity (``quote``, 0-1) and the support
    of its context on each side (0-1): the quotation carries half the evidence, each side a
    quarter, and an edited quotation scales the whole."""
    return round(max(0.0, min(1.0, quote * (0.5 + 0.25 * left + 0.25 * right))), 3)


def words_kept(stored: str, here: str) -> float:
    """The share of ``stored``'s words found in ``here`` in the same order, from 0 to 1 (1 when
    ``stored`` has no word)."""
    words = [t for t in _TOKEN.findall(stored) if t[0].isalnum()]
    if not words:
        return 1.0
    here_words = [t for t in _TOKEN.findall(here) if t[0].isalnum()]
    return LCSseq.similarity(words, here_words) / len(words)  # kept in order: a longest common subsequence


def word_boundary(text: str, i: int) -> bool:
    """Whether ``i`` is not inside a word of ``text`` (between two letters or digits)."""
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())
