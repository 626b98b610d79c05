"""An article's title, outlet, date and address: from its front matter when it has some, else
from the headline at its top, past the site's boilerplate.

Two kinds of front matter are read at the very top of a ``.md`` or ``.txt`` article:

* a block between two ``---`` lines (as Jekyll, Hugo and pandoc write it)::

      ---
      title: Iran calls for OIC meeting
      outlet: Anadolu Agency
      date: 2023-10-09
      url: https://example.org/iran-oic
      ---

* a plain block of ``Key: value`` lines starting with one of the keys above and ending at the
  first blank line.

The front matter stays part of the article text (every offset still indexes the file's text
exactly); :attr:`Header.end` says where it stops, so the reading room can show it dimmed. A
``---`` block that is not closed, holds a line that is not ``key: value``, or is too long, is
ignored with a one-line warning.

Without a title in front matter, the title is the headline: the first line near the top that is
not site boilerplate (navigation such as "Contact Us" or "Subscribe", breadcrumbs "Home » ...",
menus, bylines, datelines), preferring a line of four words or more to a shorter label before
the first paragraph of body text; an article that starts with its body is titled by its first
sentence. Titles are cut at a word boundary (:data:`TITLE_LIMIT`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.text import cut_words, visible

TITLE_LIMIT = 100
"""Characters a title is cut to (at a word boundary, with an ellipsis)."""

FIELDS = ("title", "outlet", "date", "url")
"""The front matter keys read into a :class:`~reader.core.models.Document`."""

MAX_FRONT_LINES = 40
"""A front matter block longer than this is ignored (with a warning)."""

MAX_FRONT_CHARS = 4096
"""Nor may it be longer than this many characters."""

_HEAD_LINES = 25
"""Non-empty lines looked at for a headline."""

_KEY_VALUE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}?)\s*:(?:\s+(.*?))?\s*$")
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of an article says about it."""

    title: str
    """The title (front matter's, else the headline); inert and at most :data:`TITLE_LIMIT`."""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    end: int = 0
    """Where the front matter ends in the text (0: there is none)."""
    warning: str | None = None
    """Why front matter that was found was ignored, in one line."""


def read_header(text: str, limit: int = TITLE_LIMIT) -> Header:
    """The :class:`Header` of an article's ``text``."""
    fields, end, warning = front_matter(text)
    title = _clean(fields.get("title", ""), limit) or _headline(text, end, limit)
    return Header(
        title=title,
        outlet=_clean(fields.get("outlet", ""), 200) or None,
        date=_clean(fields.get("date", ""), 80) or _dateline(text, end),
        url=_clean(fields.get("url", ""), 500) or None,
        end=min(end, len(text)),
        warning=warning,
    )


def title_of(text: str, limit: int = TITLE_LIMIT) -> str:
    """The title of an article's ``text`` (see :func:`read_header`)."""
    return read_header(text, limit).title


# --------------------------------------------------------------------------------------------
# Front matter


def front_matter(text: str) -> tuple[dict[str, str], int, str | None]:
    """The known fields of the front matter at the top of ``text``, where it ends (0 when there
    is none or it is ignored) and the warning when it is ignored."""
    head = text[: MAX_FRONT_CHARS + 200]
    lines = head.split("\n")
    if lines and _FENCE.match(lines[0]):
        return _fenced(text, lines)
    return _plain(lines)


def _fenced(text: str, lines: list[str]) -> tuple[dict[str, str], int, str | None]:
    fields: dict[str, str] = {}
    offset = len(lines[0]) + 1
    for number, line in enumerate(lines[1:], start=2):
        if offset + len(line) > MAX_FRONT_CHARS or number > MAX_FRONT_LINES:
            return {}, 0, (
                f"front matter ignored: no closing '---' within {MAX_FRONT_LINES} lines "
                f"or {MAX_FRONT_CHARS:,} characters"
            )
        if number == len(lines) and offset + len(line) >= len(text) and not _CLOSE.match(line):
            break  # the end of the text
        if _CLOSE.match(line):
            end = min(len(text), offset + len(line) + 1)
            return fields, end, None
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or line[:1] in (" ", "\t") or stripped.startswith("- "):
            continue  # blank, comment, or part of the value above (a YAML list or folded text)
        match = _KEY_VALUE.match(line)
        if match is None:
            return {}, 0, f"front matter ignored: line {number} is not 'key: value'"
        key, value = match.group(1).strip().lower(), _unquote(match.group(2) or "")
        if key in FIELDS and value:
            fields.setdefault(key, value)
    return {}, 0, "front matter ignored: no closing '---'"


def _plain(lines: list[str]) -> tuple[dict[str, str], int, str | None]:
    fields: dict[str, str] = {}
    offset = 0
    first = True
    for number, line in enumerate(lines, start=1):
        match = _KEY_VALUE.match(line)
        key = match.group(1).strip().lower() if match else ""
        if first and key not in FIELDS:
            return {}, 0, None  # no front matter
        if match is None or not match.group(2):
            break
        first = False
        if number > MAX_FRONT_LINES or offset + len(line) > MAX_FRONT_CHARS:
            return {}, 0, (
                f"front matter ignored: more than {MAX_FRONT_LINES} 'Key: value' lines "
                f"or {MAX_FRONT_CHARS:,} characters"
            )
        offset += len(line) + 1
        value = _unquote(match.group(2))
        if key in FIELDS and value:
            fields.setdefault(key, value)
    return fields, offset, None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()
    return value


def _clean(value: str, limit: int) -> str:
    """``value`` on one line, made inert and cut at a word boundary."""
    return cut_words(" ".join(visible(value).split()), limit)


# --------------------------------------------------------------------------------------------
# The headline

_NAVIGATION_PHRASES = frozenset(
    (
        "contact", "contact us", "about", "about us", "home", "menu", "main menu", "navigation",
        "search", "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "register",
        "newsletter", "advertisement", "advertisements", "sponsored", "skip to content",
        "skip to main content", "skip to navigation", "share", "share this", "share this article",
        "follow us", "print", "email", "comments", "close", "open menu", "read more",
        "breaking news", "latest news", "latest", "trending", "more", "most read", "live",
        "top stories", "facebook", "twitter", "whatsapp", "linkedin", "telegram", "accept cookies",
        "cookie policy", "privacy policy", "terms of use", "all rights reserved", "back to top",
        "listen to this article", "listen", "audio", "video", "watch", "photos", "gallery",
        "opinion", "world", "news", "world news",
    )
)
"""Whole lines that are a site's navigation, not an article's headline (compared by words)."""
_NAV_WORDS = frozenset(" ".join(_NAVIGATION_PHRASES).split())
_BREADCRUMB = re.compile(r"\s[»›>|/]\s|\s[»›]|[»›]\s")
_MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|reported by|words by|posted by|author|authors|story by)\b\s*:?\s+\S", re.I
)
_DATE_PREFIX = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|date)\b\s*(?:on|at)?\s*:?\s*", re.I
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORDS = frozenset(
    _MONTHS
    + "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
    + "am pm gmt utc bst cet cest est edt pst pdt et pt ist at on th st nd rd ago hour hours minute minutes".split()
    + "min mins day days week weeks yesterday today".split()
)
_TOKENS = re.compile(r"[^\W\d_]+|\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def _is_date_line(line: str) -> bool:
    tokens = _TOKENS.findall(line)
    if not tokens or len(tokens) > 10:
        return False
    return any(t.isdigit() for t in tokens) and all(t.isdigit() or t.lower() in _DATE_WORDS for t in tokens)


def _folded_words(line: str) -> str:
    return " ".join(_TOKENS.findall(line.lower()))


def _boilerplate(line: str) -> str | None:
    """What kind of site boilerplate ``line`` is (``"date"`` for a dateline), or ``None``."""
    words = _folded_words(line)
    if not words:
        return "rule"  # only punctuation: a rule, a stray fence
    if words in _NAVIGATION_PHRASES:
        return "navigation"
    parts = [p for p in _MENU_SEPARATORS.split(line.strip()) if p]
    if len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts):
        return "menu"
    if len(parts) >= 2 and all(set(_folded_words(p).split()) <= _NAV_WORDS for p in parts):
        return "menu"
    crumbs = [c for c in re.split(r"\s*[»›]\s*|\s+[>/|]\s+", line.strip()) if c]
    if _BREADCRUMB.search(line) and len(crumbs) >= 2 and (
        _folded_words(crumbs[0]) in ("home", "start", "news", "blog") or len(crumbs) >= 3
    ):
        return "breadcrumb"
    if _is_byline(line):
        return "byline"
    dated = _DATE_PREFIX.sub("", line, count=1)
    if (dated != line and len(dated.split()) <= 8 and any(c.isdigit() for c in dated)) or _is_date_line(line):
        return "date"
    return None


_BYLINE_WORDS = frozenset("and & in for of at the staff reporter reporters correspondent writer editor | - – — ,".split())


def _is_byline(line: str) -> bool:
    """"By Jane Doe and Omar Haddad", "Written by: AFP Staff": names after a byline word, not a
    headline that starts with "By" ("By the numbers: ...")."""
    found = _BYLINE.match(line)
    if found is None:
        return False
    words = line[found.end() - 1 :].split()
    return 0 < len(words) <= 8 and all(w[:1].isupper() or w.lower() in _BYLINE_WORDS for w in words)


def _is_body(line: str) -> bool:
    """A paragraph of body text rather than a headline: long, or a sentence ending in a full stop."""
    stripped = line.rstrip("\"'”’) ")
    return len(line) > 200 or len(line.split()) >= 30 or (stripped.endswith(".") and not stripped.endswith("..."))


def _lines(text: str, start: int):
    """The first non-empty lines from offset ``start``, stripped (each cut to 4000 characters)."""
    seen = 0
    position = start
    while position < len(text) and seen < _HEAD_LINES:
        end = text.find("\n", position)
        if end < 0:
            end = len(text)
        line = text[position : min(end, position + 4000)].strip()
        position = end + 1
        if line:
            seen += 1
            yield line


def _headline(text: str, start: int, limit: int) -> str:
    """The headline below offset ``start``."""
    label: str | None = None
    for line in _lines(text, start):
        if _boilerplate(line) is not None:
            continue
        if _is_body(line):
            if label is not None:
                break
            return _clean(_first_sentence(line), limit)
        if len(line.split()) >= 4:
            return _clean(line, limit)
        if label is None:
            label = line
    if label is not None:
        return _clean(label, limit)
    # Only boilerplate: the first non-empty line, as before.
    return next((_clean(line, limit) for line in _lines(text, start)), "")


def _dateline(text: str, start: int) -> str | None:
    """The date of a dateline ("Published October 9, 2023") above the first paragraph."""
    for line in _lines(text, start):
        if _boilerplate(line) == "date":
            return _clean(_DATE_PREFIX.sub("", line, count=1), 80) or None
        if _is_body(line):
            return None
    return None


def _first_sentence(paragraph: str) -> str:
    found = _SENTENCE_END.search(paragraph, 20)
    return paragraph[: found.start()] if found else paragraph
