"""A hostile corpus: every kind of file a scraped folder can hold, and what Parallax must make of it.

Used as a library by the hostile tests (:func:`build`, :data:`LEAK_MARKERS`) and as a script::

    python tests/hostile/generate.py OUT_FOLDER [--no-big] [--long-line]

Each file is described by a :class:`Planted`: its name, the bytes written (or the special thing
made: FIFO, symlink, folder, sparse file...) and what loading it must give: ``load``, ``warn``
(loads, with a one-line warning), ``skip`` (refused with a one-line reason containing
``reason``) or ``either`` (the unreadable file: running as root it loads, otherwise it is
skipped). Real passages of the sample corpus are copied into the hostile articles so alignment
has something to find among them.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import stat
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Real quotes from sample_corpus/ (Iran's reaction to the Hamas attack, October 2023).
QUOTE_A = (
    "Anyone who threatens the Islamic Republic of Iran should know that any foolish action will "
    "be met with a devastating response"
)
QUOTE_B = (
    "Tehran has called for an emergency meeting of the Organization of Islamic Cooperation (OIC) "
    "to discuss regional developments."
)
QUOTE_C = "While we cannot physically participate in the conflict with Israel, we lend our support to Hamas."
SHARED = (
    f'The Iranian Foreign Ministry spokesperson, Nasser Kanaani, said "{QUOTE_B}" '
    f'He added: "{QUOTE_A}". A senior official told reporters: "{QUOTE_C}"'
)
QUOTES = (
    QUOTE_A,
    QUOTE_B,
    QUOTE_C,
    "Our battle against Israel is waged through the resistance forces and their ideology.",
    "the war crimes and genocide machine of this regime to be stopped",
    "revenge against defenceless people for its humiliating and historic defeat",
    "steely resolve of the Palestinian nation promises its final victory",
    "the Al-Aqsa operation was the Palestinian nation's natural reaction to the relentless crimes "
    "and provocative moves by the extremist government of Netanyahu",
    "If the Israeli regime's crimes in Gaza continue, any possibility in the region is likely, and the "
    "Islamic Republic of Iran will continue its attempts to halt Israeli war crimes,",
)
"""Real quotes from the sample corpus; each hostile article carries two of them, so each quote is
shared by a handful of articles (a passage in most articles of a corpus is boilerplate to the
aligner, rightly)."""
_SPEAKERS = ("Nasser Kanaani said", "The ministry said", "A senior official told reporters:", "Raisi said")

# ------------------------------------------------------------------------------------------
# What must never reach a terminal. Each planted sequence carries a unique token so that the
# application's own escape sequences can never be mistaken for a leak: a leak is the planted
# bytes, whole, in the program's output.

OSC52 = "\x1b]52;c;" + base64.b64encode(b"rm -rf ~ # PWNED-CLIPBOARD").decode() + "\x07"
OSC8 = "\x1b]8;;https://evil.example/PWNED-LINK\x1b\\click me\x1b]8;;\x1b\\"
TITLE_BEL = "\x1b]0;PWNED-TITLE-ZERO\x07"
TITLE_ST = "\x1b]2;PWNED-TITLE-TWO\x1b\\"
CSI_COLOUR = "\x1b[38;2;1;2;3mPWNED-COLOUR\x1b[0m"
CSI_CLEAR = "\x1b[2J\x1b[3JPWNED-CLEAR"
CSI_MOVE = "\x1b[1337;4242HPWNED-MOVE"
CSI_ALT_EXIT = "\x1b[?1049lPWNED-ALTSCREEN"
C1_CSI = "\u009b31mPWNED-C1-CSI"
FIGURE_CSI = "\x1b[41mPWNED-FIGURE\x1b[0m"
C1_OSC = "\u009d52;c;UFdORUQ=\u0007"
C1_DCS = "\u0090PWNED-C1-DCS\u009c"
BIDI = "\u202eDESREVER\u202c \u2066isolated\u2069 \u2067rtl\u2069 \u2068first\u2069 \u202dforced\u202c \u200f"
NAME_TITLE = "\x1b]0;PWNED-NAME-TITLE\x07"
NAME_CSI = "\x1b[41mPWNED-NAME-RED\x1b[0m"

LEAK_MARKERS: tuple[bytes, ...] = tuple(
    s.encode("utf-8")
    for s in (
        "\x1b]52;c;",
        "\x1b]8;;https://evil",
        "\x1b]0;PWNED",
        "\x1b]2;PWNED",
        "\x1b[38;2;1;2;3mPWNED",
        "\x1b[3JPWNED",
        "\x1b[1337;4242H",
        "\x1b[?1049lPWNED",
        "\x1b[41mPWNED",
        "\u009b",
        "\u009d",
        "\u0090",
        "\u009c",
    )
)
"""Byte strings that must never appear in anything Parallax writes to a terminal."""

BIDI_CODEPOINTS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidi controls: none may reach the terminal as themselves."""


def find_leaks(output: bytes) -> list[str]:
    """What of the planted sequences reached ``output`` (bytes written to a terminal or a
    file): each planted escape sequence, raw C1 controls (as UTF-8) and bidi controls."""
    found = [repr(marker) for marker in LEAK_MARKERS if marker in output]
    text = output.decode("utf-8", "replace")
    found += [f"C1 U+{ord(c):04X}" for c in sorted(set(text)) if 0x80 <= ord(c) < 0xA0]
    found += [f"bidi U+{ord(c):04X}" for c in sorted(set(text) & set(BIDI_CODEPOINTS))]
    return found


@dataclass(frozen=True)
class Planted:
    """One entry of the hostile folder and the outcome loading it must have."""

    name: str
    """The file name (``str``; undecodable bytes as surrogate escapes, like ``os.listdir``)."""
    expect: str
    """``load``, ``warn``, ``skip`` or ``either``."""
    reason: str = ""
    """For ``skip``: a few words the one-line reason must contain."""
    title: str = ""
    """For articles: a plain ASCII word that is in the article's title (to look for on screen)."""
    make: Callable[[Path], None] | None = field(default=None, repr=False, compare=False)
    """Builds the entry at the given path."""

    @property
    def loads(self) -> bool:
        """True when the file must load (with or without a warning)."""
        return self.expect in ("load", "warn")


_counter = [0]


def _article(title: str, body: str) -> str:
    """An article: ``title``, ``body`` and a paragraph quoting two of :data:`QUOTES` (the next
    two in turn, so articles made in a row share one quote with their neighbours)."""
    n = _counter[0]
    _counter[0] += 1
    first, second = QUOTES[n % len(QUOTES)], QUOTES[(n + 1) % len(QUOTES)]
    quoting = f'{_SPEAKERS[n % len(_SPEAKERS)]} "{first}" Later: "{second}"'
    # A figure the articles give differently (so the figures panel shows a disagreement), with a
    # planted sequence next to it.
    toll = f"Officials said at least {1300 + 100 * (n % 3):,} people{FIGURE_CSI} were killed in the attack."
    return "\n".join([title, "", body, "", quoting, "", toll, "Officials gave no further details on Monday.", ""])


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _text(text: str, encoding: str = "utf-8", errors: str = "strict") -> Callable[[Path], None]:
    return _bytes(text.encode(encoding, errors))


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (4).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    raw = b"".join(b"\x00" + bytes(range(16)) for _ in range(4))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write(b"Huge article\n")
            handle.truncate(size)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("A file inside a folder named like an article.\n")


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        os.symlink(target, path)

    return make


def _outside_link(path: Path) -> None:
    outside = path.parent.parent / "outside-secret.txt"
    outside.write_text("A secret outside the corpus folder.\n" + SHARED + "\n")
    os.symlink(outside, path)


def _unreadable(path: Path) -> None:
    path.write_text(_article("Unreadable article UNREADABLE", "Permissions say no."))
    os.chmod(path, 0)


LONG_LINE_BYTES = 2 * 1024 * 1024


def long_line_text(size: int = LONG_LINE_BYTES) -> str:
    """One line of ``size`` characters (ASCII words), starting with a title-like phrase and with
    a shared quote in its middle."""
    rng = random.Random(7)
    words = ["iran", "israel", "gaza", "ministry", "said", "the", "of", "statement", "talks", "and"]
    head = "LONGLINE article on one line. "
    middle = f' "{QUOTE_A}" '
    chunks: list[str] = [head]
    length = len(head)
    half = size // 2
    placed = False
    while length < size:
        word = rng.choice(words) + " "
        chunks.append(word)
        length += len(word)
        if not placed and length >= half:
            chunks.append(middle)
            length += len(middle)
            placed = True
    return "".join(chunks)[:size]


def entries(*, big: bool = True, long_line: bool = False) -> list[Planted]:
    """The hostile folder's entries. ``big``: include the sparse 50 MB file; ``long_line``:
    include the 2 MB single-line article (it loads, so it costs alignment time)."""
    rng = random.Random(1)
    _counter[0] = 0
    art = _article
    items = [
        # ---- encodings --------------------------------------------------------------------
        Planted("enc-utf8.txt", "load", title="UTFEIGHT",
                make=_text(art("Plain UTF8 UTFEIGHT \u2014 caf\u00e9 \u201cquotes\u201d", "Body text."))),
        Planted("enc-utf8-bom.txt", "load", title="UTFBOM",
                make=_bytes(b"\xef\xbb\xbf" + art("UTF8 with BOM UTFBOM", "Body.").encode())),
        Planted("enc-utf16le.txt", "load", title="SIXTEENLE",
                make=_bytes(b"\xff\xfe" + art("UTF16 LE SIXTEENLE \u00e9t\u00e9", "Body.").encode("utf-16-le"))),
        Planted("enc-utf16be.txt", "load", title="SIXTEENBE",
                make=_bytes(b"\xfe\xff" + art("UTF16 BE SIXTEENBE \u00e9t\u00e9", "Body.").encode("utf-16-be"))),
        Planted("enc-utf16le-nobom.txt", "warn", title="NOBOMLE",
                make=_bytes(art("UTF16 LE without BOM NOBOMLE", "Body.").encode("utf-16-le"))),
        Planted("enc-cp1252.txt", "warn", title="WINDOWS",
                make=_text(art("cp1252 WINDOWS \u201ccurly\u201d \u2013 caf\u00e9 \u20ac5", "Body \u2019s."), "cp1252")),
        Planted("enc-latin1.txt", "warn", title="LATINONE",
                make=_bytes(art("latin1 LATINONE caf\u00e9 na\u00efve", "Body.").encode("latin-1") + b"\x81\x8d\n")),
        Planted("enc-invalid-utf8.txt", "warn", title="BADBYTES",
                make=_bytes(art("Invalid UTF8 BADBYTES caf\u00e9 r\u00e9sum\u00e9 \u00fcber", "Stray \xff byte.").encode("utf-8", "surrogateescape")
                            .replace(b"\xc3\xbf", b"\xff"))),
        Planted("enc-surrogate-utf8.txt", "warn", title="SURROGATE",
                make=_bytes(art("Encoded surrogate SURROGATE", "Here: X.").encode().replace(b"X.", b"\xed\xa0\x80."))),
        Planted("enc-utf16-lone-surrogate.txt", "warn", title="LONESURR",
                make=_bytes(b"\xff\xfe" + art("UTF16 lone surrogate LONESURR", "Here: \ud800.").encode("utf-16-le", "surrogatepass"))),
        Planted("eol-crlf.txt", "load", title="CRLF",
                make=_bytes(art("Line endings CRLF", "one\ntwo\nthree").replace("\n", "\r\n").encode())),
        Planted("eol-cr.txt", "load", title="CRONLY",
                make=_bytes(art("Line endings CRONLY", "one\ntwo\nthree").replace("\n", "\r").encode())),
        Planted("eol-mixed.txt", "load", title="MIXEDEOL",
                make=_bytes(b"Line endings MIXEDEOL\r\n\rone\rtwo\nthree\r\n\n" + SHARED.encode() + b"\r")),  # noqa: E501
        # ---- not text ---------------------------------------------------------------------
        Planted("bin-nul.txt", "skip", "binary", make=_bytes(b"Looks like text\x00but has NUL\x00 bytes\n" * 20)),
        Planted("bin-random.txt", "skip", "binary", make=_bytes(bytes(rng.getrandbits(8) for _ in range(4096)))),
        Planted("bin-image.txt", "skip", "binary", make=_bytes(_png())),
        Planted("empty.txt", "skip", "empty", make=_bytes(b"")),
        Planted("only-space.txt", "skip", "white space", make=_bytes(b" \t\n\r\n   \n\f\n" * 50)),
        Planted("fifo.txt", "skip", "FIFO", make=_fifo),
        Planted("link-broken.txt", "skip", "broken symlink", make=_symlink("does-not-exist.txt")),
        Planted("link-loop-a.txt", "skip", "symlink loop", make=_symlink("link-loop-b.txt")),
        Planted("link-loop-b.txt", "skip", "symlink loop", make=_symlink("link-loop-a.txt")),
        Planted("link-outside.txt", "skip", "outside the folder", make=_outside_link),
        Planted("link-inside.txt", "load", title="UTFEIGHT", make=_symlink("enc-utf8.txt")),
        Planted("unreadable.txt", "either", "permission denied", title="UNREADABLE", make=_unreadable),
        Planted("x.txt", "skip", "folder", make=_folder),
        Planted("report.pdf", "skip", "not a .txt or .md", make=_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")),
        # ---- hostile text -----------------------------------------------------------------
        Planted("text-ansi.txt", "load", title="ANSIART",
                make=_text(art(f"ANSI ANSIART {CSI_COLOUR}", f"Moves {CSI_MOVE} clears {CSI_CLEAR} exits {CSI_ALT_EXIT}\a\b done."))),
        Planted("text-osc52.txt", "load", title="CLIPBOARD",
                make=_text(art("OSC52 CLIPBOARD article", f"Copy this: {OSC52} thanks."))),
        Planted("text-osc8.txt", "load", title="HYPERLINK",
                make=_text(art(f"OSC8 HYPERLINK {OSC8}", "A link above."))),
        Planted("text-title.txt", "load", title="WINTITLE",
                make=_text(art(f"Window WINTITLE {TITLE_BEL}", f"And {TITLE_ST} again."))),
        Planted("text-c1.md", "load", title="CONEART",
                make=_text(art(f"C1 CONEART {C1_CSI}", f"OSC {C1_OSC} and DCS {C1_DCS} and NEL \u0085 here."))),
        Planted("text-bidi.txt", "load", title="BIDIART",
                make=_text(art(f"Bidi BIDIART {BIDI}", f"Body {BIDI} end."))),
        Planted("text-zero-width.txt", "load", title="ZEROWIDTH",
                make=_text(art("Zero ZEROWIDTH wi\u200bdth\u200c\u200d\u2060\ufeff", "Jo\u200bin\u00aded \u2028 sep \u2029 para."))),
        Planted("text-combining.txt", "load", title="COMBINING",
                make=_text(art("Combining COMBINING Z\u0351\u0308\u0334a\u0300\u0301\u0302\u0303\u0304\u0305l\u0489go", "e\u0301 n\u0303 " + "a" + "\u0300" * 60))),
        Planted("text-rtl.txt", "load", title="RIGHTLEFT",
                make=_text(art("RTL RIGHTLEFT \u0625\u064a\u0631\u0627\u0646 \u05d9\u05e9\u05e8\u05d0\u05dc",
                               "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd 123."))),
        Planted("text-emoji-cjk.txt", "load", title="WIDECHARS",
                make=_text(art("Wide WIDECHARS \U0001f1ee\U0001f1f7 \U0001f468\u200d\U0001f469\u200d\U0001f467 \u4f0a\u6717\u5916\u4ea4\u90e8",
                               "\uff34\uff45\uff48\uff52\uff41\uff4e \u4f0a\u6717 \U0001f4a5\U0001f525 \u2764\ufe0f."))),
        Planted("text-markup.txt", "load", title="MARKUPART",
                make=_text(art("Markup MARKUPART [bold]bold[/bold] [/] [red]red",
                               "[link=https://evil.example]link[/link] [@click=app.quit]quit[/] [@click=app.bell]x[/] "
                               "[b]unclosed \\[escaped] [/nonexistent] [on red] ]]][[[ $variable {braces}"))),
        Planted("text-c0-mix.txt", "load", title="CZEROMIX",
                make=_text(art("C0 CZEROMIX bell\a back\b tab\t form\f vt\v del\x7f", "Body."))),
        # ---- hostile names ----------------------------------------------------------------
        Planted("name-new\nline.txt", "load", title="NEWLINENAME", make=_text(art("Name with NEWLINENAME", "Body."))),
        Planted(f"name-{NAME_CSI}.txt", "load", title="ESCNAME", make=_text(art("Name with ESCNAME", "Body."))),
        Planted(f"name-{NAME_TITLE}.txt", "load", title="OSCNAME", make=_text(art("Name with OSCNAME", "Body."))),
        Planted("name-[bold]markup[@click=app.quit]x.txt", "load", title="MARKUPNAME",
                make=_text(art("Name with MARKUPNAME", "Body."))),
        Planted("name-\u202eevil\u202c-\u009b31m.txt", "load", title="BIDINAME", make=_text(art("Name with BIDINAME", "Body."))),
        Planted("name-bad-" + os.fsdecode(b"\xff\xfe") + ".txt", "load", title="BYTESNAME",
                make=_text(art("Name with BYTESNAME", "Body."))),
        Planted("name-long-" + "L" * (255 - len("name-long-") - len(".txt")) + ".txt", "load", title="LONGNAME",
                make=_text(art("Name with LONGNAME", "Body."))),
        Planted("name-long-utf8-" + "\u00e9" * ((255 - len("name-long-utf8-") - len(".txt")) // 2) + ".txt", "load",
                title="LONGUTFNAME", make=_text(art("Name with LONGUTFNAME", "Body."))),
    ]
    if big:
        items.append(Planted("huge-50mb.txt", "skip", "too large", make=_sparse(50 * 1024 * 1024)))
    if long_line:
        items.append(Planted("long-line.txt", "load", title="LONGLINE", make=_text(long_line_text())))
    return items


def build(folder: Path, *, big: bool = True, long_line: bool = False) -> list[Planted]:
    """Create the hostile corpus in ``folder`` (created if needed; its parent also receives the
    target of the outside-pointing symlink) and return the entries made. Entries the platform
    cannot make (e.g. a FIFO on a file system without them) are left out of the result."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for item in entries(big=big, long_line=long_line):
        path = folder / item.name
        assert item.make is not None
        try:
            item.make(path)
        except (OSError, NotImplementedError) as exc:  # pragma: no cover - platform dependent
            print(f"generate: could not make {item.name!r}: {exc}", file=sys.stderr)
            continue
        made.append(item)
    return made


def cleanup(folder: Path) -> None:
    """Give back permissions taken away by :func:`build` (so the folder can be deleted)."""
    for path in folder.iterdir():
        if not path.is_symlink() and path.is_file() and not os.access(path, os.R_OK):
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    unreadable = folder / "unreadable.txt"
    if unreadable.exists() and not unreadable.is_symlink():
        os.chmod(unreadable, stat.S_IRUSR | stat.S_IWUSR)


def main(argv: list[str] | None = None) -> int:
    """Script entry: build the hostile folder and print one line per entry."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--no-big", action="store_true", help="leave out the sparse 50 MB file")
    parser.add_argument("--long-line", action="store_true", help="add the 2 MB single-line article")
    args = parser.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty")
    made = build(args.folder, big=not args.no_big, long_line=args.long_line)
    for item in made:
        print(f"{item.expect:6} {ascii(item.name)[1:-1][:100]}")
    print(f"{len(made)} entries, {sum(i.loads for i in made)} must load", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
