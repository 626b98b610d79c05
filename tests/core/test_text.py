"""reader.core.text: decoding, folding with its offset map, and terminal-safe text."""

from __future__ import annotations

import codecs

import pytest

from reader.core.headline import title_of
from reader.core.text import DecodeError, decode, fold, printable, visible

# ---- decode ---------------------------------------------------------------------------------


def test_decode_plain_utf8() -> None:
    result = decode("caf\u00e9 \u201cok\u201d\n".encode())
    assert (result.text, result.encoding, result.warning) == ("caf\u00e9 \u201cok\u201d\n", "utf-8", None)


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_decode_strips_bom_and_uses_its_encoding(bom: bytes, codec: str, encoding: str) -> None:
    text = "\u00c9t\u00e9 \u00e0 T\u00e9h\u00e9ran \U0001f600\nline two\n"
    result = decode(bom + text.encode(codec))
    assert result.text == text
    assert result.encoding == encoding
    assert result.warning is None


def test_decode_cp1252_fallback_warns() -> None:
    result = decode("\u201cquoted\u201d \u2013 caf\u00e9".encode("cp1252"))
    assert result.text == "\u201cquoted\u201d \u2013 caf\u00e9"
    assert result.encoding == "cp1252"
    assert result.warning is not None and "cp1252" in result.warning and "byte 0" in result.warning


def test_decode_latin1_when_cp1252_has_a_hole() -> None:
    result = decode(b"na\xefve \x81")
    assert result.text == "na\u00efve \x81"
    assert result.encoding == "latin-1"
    assert result.warning is not None and "latin-1" in result.warning


def test_decode_mostly_utf8_keeps_utf8_and_replaces_the_stray_byte() -> None:
    data = "r\u00e9sum\u00e9 caf\u00e9 \u00fcber ".encode() + b"\xff" + b" end"
    result = decode(data)
    assert result.encoding == "utf-8"
    assert result.text == "r\u00e9sum\u00e9 caf\u00e9 \u00fcber \ufffd end"
    assert result.warning is not None and "U+FFFD" in result.warning and "1 bad byte" in result.warning


def test_decode_invalid_after_utf8_bom_is_replaced_with_warning() -> None:
    result = decode(codecs.BOM_UTF8 + b"abc\xffdef")
    assert result.text == "abc\ufffddef"
    assert result.warning is not None and "utf-8" in result.warning


def test_decode_utf16_lone_surrogate_is_replaced_with_warning() -> None:
    data = codecs.BOM_UTF16_LE + "a\ud800b".encode("utf-16-le", "surrogatepass")
    result = decode(data)
    assert result.text == "a\ufffdb"
    assert result.encoding == "utf-16-le"
    assert result.warning is not None and "1 replaced" in result.warning


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom_warns(codec: str) -> None:
    result = decode("Hello\r\nworld \u00e9t\u00e9\n".encode(codec))
    assert result.text == "Hello\nworld \u00e9t\u00e9\n"
    assert result.encoding == codec
    assert result.warning == f"no byte-order mark; decoded as {codec.upper()}"


@pytest.mark.parametrize(
    "data", [bytes(64), b"a\x00b\x00\x00\x00c\x00", "a\x01\x02\x03\x04b".encode("utf-16-le") * 4, b"ab\x00\x00cd"]
)
def test_decode_nul_bytes_that_are_not_utf16_are_binary(data: bytes) -> None:
    with pytest.raises(DecodeError, match="NUL"):
        decode(data)


def test_decode_garbage_after_utf16_bom_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + b"\x00\xd8" * 200
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode(data)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\rb\nc\r", "a\n\nb\nc\n"),
        (b"\r\r\n\n", "\n\n\n"),
    ],
)
def test_decode_line_endings_become_lf(data: bytes, text: str) -> None:
    assert decode(data).text == text


def test_decode_utf16_crlf_becomes_lf() -> None:
    assert decode(codecs.BOM_UTF16_BE + "x\r\ny\rz".encode("utf-16-be")).text == "x\ny\nz"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"text\x00more", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        (bytes(range(1, 9)) * 10 + b"abc", "control"),
        (codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "NUL"),
        (codecs.BOM_UTF8 + b"\x01\x02\x03\x04\x05\x06", "control"),
    ],
)
def test_decode_refuses_binary(data: bytes, why: str) -> None:
    with pytest.raises(DecodeError, match=why):
        decode(data)


def test_decode_keeps_escape_and_controls_of_a_text() -> None:
    data = b"Title \x1b[31mred\x1b[0m\x07 and \xc2\x9b C1\n" * 3
    result = decode(data)
    assert result.text == data.decode()
    assert result.warning is None


# ---- title_of -------------------------------------------------------------------------------


def test_title_is_first_non_empty_line_stripped() -> None:
    assert title_of("\n  \n\t Hello world  \nsecond") == "Hello world"
    assert title_of(" \n\t\n") == ""
    assert title_of(" " * 1000 + "x") == "x"


def test_title_is_cut_and_made_visible() -> None:
    assert title_of("a" * 500, limit=10) == "a" * 9 + "\u2026"
    assert title_of("\x1b]0;evil\x07 \u202eTitle") == "\u241b]0;evil\u2407 \ufffdTitle"


# ---- fold -----------------------------------------------------------------------------------


def _check_map(text: str) -> None:
    folded = fold(text)
    assert len(folded.origin) == len(folded.text) + 1
    assert folded.origin[-1] == len(text)
    assert all(a <= b for a, b in zip(folded.origin, folded.origin[1:]))
    assert all(0 <= o < len(text) for o in folded.origin[:-1])


def test_fold_case_quotes_dashes() -> None:
    text = "\u201cIt\u2019s\u201d \u2013 OK\u2014Fine \u2212 \u00abx\u00bb"
    folded = fold(text)
    assert folded.text == "\"it's\" - ok-fine - \"x\""
    assert list(folded.origin) == list(range(len(text) + 1))


def test_fold_ampersand_becomes_and_with_exact_map() -> None:
    folded = fold("A&B")
    assert folded.text == "aandb"
    assert list(folded.origin) == [0, 1, 1, 1, 2, 3]
    assert folded.span_to_original(1, 4) == (1, 2)


def test_fold_white_space_runs_collapse_with_exact_map() -> None:
    text = "a \t\n  b\u00a0\u2009c"
    folded = fold(text)
    assert folded.text == "a b c"
    assert list(folded.origin) == [0, 1, 6, 7, 9, 10]
    assert folded.span_to_original(2, 5) == (6, 10)
    assert text[slice(*folded.span_to_original(0, 3))] == "a \t\n  b"


def test_fold_span_maps_back_to_the_same_words() -> None:
    text = "Kanaani  said:\n\u201cAnyone who THREATENS Iran\u201d & more"
    folded = fold(text)
    start = folded.text.index("anyone who threatens iran")
    a, b = folded.span_to_original(start, start + len("anyone who threatens iran"))
    assert text[a:b] == "Anyone who THREATENS Iran"
    a, b = folded.span_to_original(folded.text.index("and"), folded.text.index("and") + 3)
    assert text[a:b] == "&"


def test_fold_empty_span_and_end() -> None:
    folded = fold("ab  c")
    assert folded.span_to_original(len(folded.text), len(folded.text)) == (5, 5)
    assert folded.span_to_original(1, 1) == (1, 1)


def test_fold_keeps_characters_whose_lower_case_is_longer() -> None:
    text = "\u0130stanbul \u0130"  # dotted capital I lowercases to two characters
    folded = fold(text)
    assert len(folded.text) == len(text)
    assert folded.text == "\u0130stanbul \u0130"
    _check_map(text)


@pytest.mark.parametrize("text", ["", " ", "&&&", "  a  ", "\u00ad\u2026&\u3000", "x\ud800y", "\n\n\n&\t"])
def test_fold_offset_map_is_monotone_and_complete(text: str) -> None:
    _check_map(text)


# ---- visible / printable --------------------------------------------------------------------


def test_visible_makes_controls_inert_one_for_one() -> None:
    text = "a\x1b[31mb\x07\x08\r\x7f\u009b\u202e\u2066\ud800\tc\n"
    shown = visible(text)
    assert shown == "a\u241b[31mb\u2407\u2408\u240d\u2421\ufffd\ufffd\ufffd\ufffd\tc\n"
    assert len(shown) == len(text)


def test_visible_leaves_ordinary_text_alone() -> None:
    text = "Caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u4f0a\u6717 \U0001f468\u200d\U0001f469 [bold]x[/]\ttab\n"
    assert visible(text) is text


def test_printable_escapes_for_one_line() -> None:
    assert printable("a\nb\x1b]0;t\x07\\c\u202e\u2028\udcff") == "a\\nb\\x1b]0;t\\x07\\\\c\\u202e\\u2028\\udcff"


def test_printable_shortens() -> None:
    out = printable("x" * 1000, limit=10)
    assert out.endswith("\u2026")
    assert len(out) <= 12
