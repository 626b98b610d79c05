"""Text in, text out: decoding bytes once, folding for matching, and making text safe to show.

Three different jobs, kept apart so offsets never drift:

* :func:`decode` turns a file's bytes into the article text (BOM-aware, LF line endings). That
  string is the one every offset in Parallax refers to.
* :func:`fold` builds a matching form of a text (case, quotes, dashes, ``&``, white space folded)
  together with a map back to the original offsets. Matching happens on the folded form; spans are
  mapped back before anyone else sees them.
* :func:`visible` and :func:`printable` make text safe for a terminal: the first one character for
  one character (so offsets still hold on screen), the second for one-line messages.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from array import array
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Decoding


class DecodeError(ValueError):
    """The bytes are not an article: the message says why, in a few words."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of :func:`decode`."""

    text: str
    encoding: str
    warning: str | None = None
    """Set when the text decoded, but only through a fallback the user should know about."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that plain text never has; \t \n \r \f and ESC are left out (ESC is hostile but
# textual, and is made visible at display time).
_BINARY_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))
_BINARY_CHARS = re.compile("[" + re.escape(_BINARY_CONTROLS.decode("ascii")) + "]")
_LINE_BREAKS = re.compile(r"\r\n?")


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes into article text, or raise :class:`DecodeError`.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM are decoded as such; a few invalid
    sequences in such a text (an unpaired surrogate, a stray byte) become U+FFFD, with a warning.
    Other bytes that are not valid UTF-8 fall back to cp1252 (then latin-1), with a warning. NUL
    bytes or many control bytes mean a binary file. CRLF and lone CR become LF. Nothing else
    changes.
    """
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    warning = None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            text = data.decode(encoding, "replace")
            warning, bad = _replaced_warning(encoding, exc.start, text, data)
            if bad > max(2, len(text) // 100):
                raise DecodeError(f"not {encoding} despite its byte-order mark (byte {exc.start})") from None
        if "\x00" in text:
            raise DecodeError("binary file (contains NUL characters)")
        sample_text = text[:65536]
        if sample_text and len(_BINARY_CHARS.findall(sample_text)) > len(sample_text) // 20:
            raise DecodeError("binary file (too many control characters)")
        if encoding.startswith("utf-8"):
            encoding = "utf-8-sig"
    else:
        if b"\x00" in data:
            guessed = _utf16_without_bom(data)
            if guessed is None:
                raise DecodeError("binary file (contains NUL bytes)")
            text, encoding = guessed
            return Decoded(
                text=_LINE_BREAKS.sub("\n", text),
                encoding=encoding,
                warning=f"no byte-order mark; decoded as {encoding.upper()}",
            )
        sample = data[:65536]
        if sample and sum(sample.count(bytes([c])) for c in _BINARY_CONTROLS) > len(sample) // 20:
            raise DecodeError("binary file (too many control bytes)")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding, warning = _decode_not_utf8(data, exc.start)
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    return Decoded(text=text, encoding=encoding, warning=warning)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: one byte of every pair is NUL for Latin text.
    Accepted only when that pattern is near perfect and the text decodes cleanly, without NUL or
    binary control characters."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 8:
        return None
    pairs = len(sample) // 2
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) < pairs * 0.9:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        head = text[:32768]
        if "\x00" in text or len(_BINARY_CHARS.findall(head)) > len(head) // 100:
            return None
        return text, encoding
    return None


def _replaced_warning(encoding: str, where: int, text: str, data: bytes) -> tuple[str, int]:
    count = max(text.count("\ufffd") - data.count("\ufffd".encode(encoding)), 1)
    return f"invalid {encoding} (first at byte {where}); {count} replaced with U+FFFD", count


def _decode_not_utf8(data: bytes, where: int) -> tuple[str, str, str]:
    """Bytes that are not valid UTF-8: mostly UTF-8 with a few bad bytes stays UTF-8 (bad bytes
    become U+FFFD); anything else is read as cp1252, or latin-1 where cp1252 has holes."""
    replaced = data.decode("utf-8", "replace")
    bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(replaced) - len(replaced.encode("ascii", "ignore")) - replaced.count("\ufffd")
    if good > 0 and bad <= max(2, good // 20):
        return replaced, "utf-8", (
            f"not valid UTF-8 (first at byte {where}); {bad} bad byte(s) replaced with U+FFFD"
        )
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return text, encoding, f"not valid UTF-8 (byte {where}); decoded as {encoding}"


def cut_words(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis (cut
    inside the word when a single word is longer than most of ``limit``)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: drop that word
        space = max(cut.rfind(" "), cut.rfind("\n"))
        if space >= limit // 2:
            cut = cut[:space]
    return cut.rstrip(" \n,;:-–—") + "…"


# --------------------------------------------------------------------------------------------
# Folding for matching

# One character for one character: quotes, dashes and spaces to one canonical form each.
_ONE_TO_ONE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys(
            "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
            "\u202f\u205f\u3000\t\n\v\f\r\u0085\u2028\u2029",
            " ",
        ),
        "\u00ad": " ",  # soft hyphen
        "\u2026": ".",  # ellipsis (one dot: length must stay the same)
    }
)
_SPECIAL = re.compile(r" {2,}|&")


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for matching, with the way back to the original offsets."""

    text: str
    """The folded text: lower case, straight quotes, ``-`` for dashes, ``and`` for ``&``, one
    space for any run of white space."""
    origin: array
    """``origin[i]`` is the index in the original text of folded character ``i``; one extra
    entry at the end holds the original length."""

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span ``[start, end)`` to the original text (covering whole characters)."""
        if end <= start:
            at = self.origin[start]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; see :class:`Folded`. Linear time, mostly in C."""
    low = _lower_same_length(text.translate(_ONE_TO_ONE))
    pieces: list[str] = []
    origin = array("l")
    pos = 0
    for match in _SPECIAL.finditer(low):
        a, b = match.span()
        pieces.append(low[pos:a])
        origin.extend(range(pos, a))
        if low[a] == "&":
            pieces.append("and")
            origin.extend((a, a, a))
        else:
            pieces.append(" ")
            origin.append(a)
        pos = b
    pieces.append(low[pos:])
    origin.extend(range(pos, len(low)))
    origin.append(len(text))
    return Folded(text="".join(pieces), origin=origin)


# --------------------------------------------------------------------------------------------
# Making text safe for a terminal

# Formatting characters that change how a terminal lays text out (bidi embeddings, overrides and
# isolates) and must never reach it as themselves.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _visible_table() -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
    table[0x7F] = "\u2421"  # ␡
    table.update({c: "\ufffd" for c in range(0x80, 0xA0)})
    table.update({ord(c): "\ufffd" for c in _BIDI_CONTROLS})
    table.update({c: "\ufffd" for c in range(0xD800, 0xE000)})  # lone surrogates
    return table


_VISIBLE = _visible_table()
_NEEDS_VISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "\ud800-\udfff]"
)


def visible(text: str) -> str:
    """``text`` with every terminal control made an inert visible symbol, one for one.

    C0 controls become their Unicode "control picture" (ESC shows as ␛), C1 controls, bidi
    controls and lone surrogates become U+FFFD. Newline and tab are kept. The result has the same
    length as ``text``, so offsets into the article stay valid on screen.
    """
    if _NEEDS_VISIBLE.search(text) is None:
        return text
    return text.translate(_VISIBLE)


def first_control(text: str) -> int | None:
    """The index of the first character of ``text`` that :func:`visible` would replace (a C0
    control other than tab and newline, DEL, a C1 control, a bidi control, a lone surrogate),
    or ``None`` when there is none."""
    found = _NEEDS_VISIBLE.search(text)
    return None if found is None else found.start()


def printable(text: str, limit: int = 300) -> str:
    """``text`` made safe for a one-line message: controls, line breaks and bidi characters are
    escaped (``\\n``, ``\\x1b``, ``\\u202e``) and very long text is shortened."""
    out: list[str] = []
    for char in text:
        cat = unicodedata.category(char)
        if char == "\\":
            out.append("\\\\")
        elif cat in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
            code = ord(char)
            out.append(repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
        if len(out) > limit:
            out.append("…")
            break
    return "".join(out)
