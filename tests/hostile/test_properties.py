"""Property-based: random Unicode and random bytes through loading, normalisation and display."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.core.corpus import load_file
from reader.core.models import Document, LoadIssue, Severity
from reader.core.text import DecodeError, decode, fold, printable, visible
from tests.hostile.generate import BIDI_CODEPOINTS

# Text with the characters that matter over-represented: controls, bidi, surrogates, line
# breaks, quotes, dashes, "&", white space, combining marks, wide and astral characters.
SPECIALS = (
    "\x00\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b\x9d\u00a0\u00ad\u2026\u2028\u2029\u200b\u200d\ufeff"
    "\u2018\u2019\u201c\u201d\u2013\u2014&  \u3000\u0301\u0130\u00df\u03a3\ufb01\ud800\udfff\U0001f600"
    + BIDI_CODEPOINTS
)
texts = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SPECIALS)), max_size=200)
binaries = st.one_of(
    st.binary(max_size=300),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: b"\xff\xfe" + t.encode("utf-16-le", "surrogatepass")),
    texts.map(lambda t: b"\xfe\xff" + t.encode("utf-16-be", "surrogatepass")),
    texts.map(lambda t: t.encode("cp1252", "replace")),
)
SAFE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udfff"


@SAFE
@given(binaries)
@example(b"\xed\xa0\x80")
@example(b"\xff\xfe\x00\xd8")
@example(b"\xef\xbb\xbf\r\r\n")
def test_decode_never_raises_anything_else(data: bytes) -> None:
    try:
        result = decode(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert "\r" not in result.text and "\x00" not in result.text
    assert not any(_is_surrogate(c) for c in result.text)
    assert result.encoding in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1")


@settings(max_examples=150, deadline=None)
@given(binaries, st.sampled_from(["a.txt", "b\n\x1b[31m.txt", "[@click=app.quit].md", "x"]))
def test_load_file_returns_document_or_issue(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        result = load_file(path, root=Path(tmp))
    if isinstance(result, LoadIssue):
        assert result.severity is Severity.SKIPPED and result.reason
        assert "\n" not in result.line() and "\x1b" not in result.line()
        return
    document, warning = result
    assert isinstance(document, Document)
    assert document.text.strip()
    assert all(c.isprintable() or c == "\t" for c in document.id)
    assert "\n" not in document.title and visible(document.title) == document.title
    assert warning is None or "\n" not in warning


@SAFE
@given(texts)
@example("\u0130&\u03a3  \t\u2026")
def test_fold_offsets_map_back_and_are_monotone(text: str) -> None:
    folded = fold(text)
    origin = list(folded.origin)
    assert len(origin) == len(folded.text) + 1
    assert origin[-1] == len(text)
    assert all(a <= b for a, b in zip(origin, origin[1:]))
    assert all(0 <= o < len(text) for o in origin[:-1])
    # Every original character is represented unless it is white space folded into a run.
    kept = set(origin[:-1])
    for i, char in enumerate(text):
        if i not in kept:
            assert folded.text[len([o for o in origin[:-1] if o < i]) - 1] == " "
    # A folded span maps back to an original span whose own fold is the same text, as long as
    # the span does not cut an "&" expansion (case folding of a final sigma depends on context).
    if "\u03a3" not in text:
        bounds = [i for i in range(len(folded.text) + 1) if i in (0, len(folded.text)) or origin[i - 1] != origin[i]]
        for a in bounds[:: max(1, len(bounds) // 8)]:
            for b in bounds[:: max(1, len(bounds) // 8)]:
                if a < b:
                    s, e = folded.span_to_original(a, b)
                    assert 0 <= s < e <= len(text)
                    assert fold(text[s:e]).text == folded.text[a:b]


@SAFE
@given(texts)
def test_visible_same_length_no_controls_left(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    for before, after in zip(text, shown):
        if before in "\t\n":
            assert after == before
        assert unicodedata.category(after) not in ("Cc", "Cs") or after in "\t\n"
        assert after not in BIDI_CODEPOINTS
    shown.encode("utf-8")  # encodable: no lone surrogate left


@SAFE
@given(texts, st.integers(min_value=1, max_value=400))
def test_printable_is_one_safe_line(text: str, limit: int) -> None:
    line = printable(text, limit)
    assert all(unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp") for c in line)
    assert not set(line) & set(BIDI_CODEPOINTS)
    line.encode("utf-8")
