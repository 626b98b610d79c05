"""Figures as plain data and as text: what ``parallax figures`` prints, and an article's date.

:func:`figures_dict` is the JSON of ``parallax figures --format json``; :func:`format_value`
is how a mention's value is shown (``> 400``, ``~2,750``, ``$100m``, ``52-3``, ``dozens``)
everywhere, table and app alike; :func:`article_date` finds the date an article carries near
its top (a "Published" line, a dateline), so each figure can be shown beside the day it was
given on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.figures.grouping import FigureGroup
from reader.core.figures.model import Mention
from reader.core.models import Document, Group, GroupKind, Span
from reader.core.numbers import Kind, scan

__all__ = ["ArticleDate", "article_date", "as_group", "figures_dict", "format_value"]

_HEAD = 600
"""How far into an article its date is looked for."""
_DATE_CUES = re.compile(r"(?:published|updated|posted|date|dated)\s*(?:on|:)?\s*$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"\s*(?:[:\-\u2013\u2014(]|\(?\s*(?:Reuters|AP|AFP|UPI)\b)")
_QUALIFIER_SIGN = {"at least": "\u2265 ", "more than": "> ", "about": "~", "nearly": "<~", "up to": "\u2264 ", "less than": "< "}


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The date an article gives itself."""

    form: str
    """``2023-10-09``, or ``10-15`` (month-day) when no year is written."""
    text: str
    """As written (``Published October 09,2023`` gives ``October 09,2023``)."""


def article_date(text: str) -> ArticleDate | None:
    """The date near the top of ``text``: after "Published", "Updated" or "Posted", at the start
    of a line as a dateline (``Oct 15: ...``, ``WASHINGTON, April 30 (Reuters) -``), or alone on
    a line; ``None`` when there is none (a date in the story itself is not the article's)."""
    head = text[:_HEAD]
    for number in scan(head):
        if number.kind is not Kind.DATE:
            continue
        line_start = head.rfind("\n", 0, number.start) + 1
        line_end = head.find("\n", number.end)
        line_end = len(head) if line_end < 0 else line_end
        before = head[line_start : number.start]
        after = head[number.end : line_end]
        cue = _DATE_CUES.search(before) is not None
        dateline = (not before.strip() or re.fullmatch(r"\s*[A-Z][A-Z .'-]+,\s*", before) is not None) and (
            not after.strip() or _DATELINE_AFTER.match(after) is not None
        )
        if cue or dateline:
            return ArticleDate(number.form.removeprefix("date:"), head[number.start : number.end])
    return None


def as_group(figure: FigureGroup) -> Group:
    """A figure's mentions as a :class:`~reader.core.models.Group` of spans (one per mention),
    so the app scrolls to them, marks them as the focused passage and tags them like any other
    group's spans. The kind is ``near``: the same figure in different words."""
    return Group(figure.id, GroupKind.NEAR, 100.0 if figure.agree else 0.0,
                 tuple(Span(m.doc, m.start, m.end) for m in figure.mentions))


def format_value(mention: Mention) -> str:
    """The value of a mention for people: its qualifier as a sign, the number with separators,
    money with its currency and scale (``> 400``, ``~$100m``, ``52-3``, ``dozens (24-99)``)."""
    number = mention.number
    if number.kind is Kind.VAGUE:
        return f"vague ({_short(number.low or 0)}-{_short(number.high or 0)})"
    if number.kind is Kind.SCORE:
        return "-".join(str(int(p)) for p in number.parts)
    prefix = "%" if mention.dimension == "percent" else ""
    currency = number.currency if mention.dimension.startswith("money:") else ""
    if number.kind is Kind.RANGE:
        body = f"{_money(currency, number.low or 0)}-{_money(currency, number.high or 0)}"
    else:
        body = _money(currency, number.low or 0)
    if prefix:
        body += "%"
    return _QUALIFIER_SIGN.get(mention.qualifier or "", "") + body


def _money(currency: str | None, value: float) -> str:
    if not currency:
        return _short(value)
    sign = currency if len(currency) == 1 else ""
    words = "" if sign else f" {currency}"
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{sign}{_short(value / scale)}{suffix}{words}"
    return f"{sign}{_short(value)}{words}"


def _short(value: float) -> str:
    """``1300`` -> ``1,300``; ``13.2`` -> ``13.2``; ``2300000`` -> ``2,300,000``."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def figures_dict(documents: Sequence[Document], groups: Sequence[FigureGroup]) -> dict[str, Any]:
    """``{"documents": [...], "figures": [...]}`` with every mention's text sliced from its
    article.

    Each document is ``{"id", "path", "title", "chars", "date"}`` (``date`` as in
    :class:`ArticleDate` ``.form``, or ``null``); each figure ``{"id", "what", "agree", "why",
    "mentions"}``; each mention ``{"doc", "start", "end", "text", "value", "qualifier",
    "vague"}`` where ``text == article_text[start:end]`` and ``value`` is a number, or ``[low,
    high]`` for a range or a vague quantity, or the parts of a score."""
    by_id = {doc.id: doc for doc in documents}
    dates = {doc.id: article_date(doc.text) for doc in documents}
    return {
        "documents": [
            {"id": doc.id, "path": doc.path, "title": doc.title, "chars": len(doc.text),
             "date": dates[doc.id].form if dates[doc.id] else None}
            for doc in documents
        ],
        "figures": [
            {
                "id": group.id,
                "what": group.what,
                "agree": group.agree,
                "why": group.why,
                "mentions": [
                    {
                        "doc": m.doc,
                        "start": m.start,
                        "end": m.end,
                        "text": by_id[m.doc].text[m.start : m.end],
                        "value": m.value,
                        "qualifier": m.qualifier,
                        "vague": m.vague,
                    }
                    for m in group.mentions
                ],
            }
            for group in groups
        ],
    }
