"""Words for the aligner: one tokenisation per document, folded for matching, with offsets.

A document is split once, with one C-level ``re.split`` call, into word tokens and the text
between them; the offsets of every token come from running sums of the piece lengths (also in
C), so no per-character Python runs. Tokens are folded so that the variants news copy-editing
produces compare equal:

* case, curly and straight apostrophes (``Iran’s`` = ``Iran's``; a possessive ``'s`` is a
  word of its own, so ``group's`` and ``group`` share ``group``);
* ``&`` = ``and``;
* thousands separators in numbers (``1,300`` = ``1300``);
* money units glued to a number (``$100m`` = ``$100 million``, ``bn``, ``k``...).

White space and punctuation never take part in matching, so text that differs only in line
breaks or spacing is the same sequence of tokens.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import MutableSequence, Sequence
import unicodedata
from dataclasses import dataclass
from itertools import accumulate
from types import ModuleType


def _mark_ranges() -> list[tuple[int, int]]:
    """The combining marks of the scripts news is written in, as ranges of code points, so a
    word never ends between a letter and its accent (NFD text, Indic vowel signs, Hebrew and
    Arabic points, emoji variation selectors)."""
    ranges: list[tuple[int, int]] = []
    for lo, hi in ((0x300, 0x3100), (0xA600, 0xAC00), (0xFE00, 0xFE30)):
        start = None
        for cp in range(lo, hi):
            is_mark = unicodedata.category(chr(cp))[0] == "M"
            if is_mark and start is None:
                start = cp
            elif not is_mark and start is not None:
                ranges.append((start, cp - 1))
                start = None
        if start is not None:
            ranges.append((start, hi - 1))
    return ranges


_MARK_RANGES = _mark_ranges()
_MARKS = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in _MARK_RANGES)
"""The marks as a regex class body."""


def _mark_table() -> bytes:
    """:data:`_MARK_RANGES` as a table by code point (1: a mark), for the compiled tokeniser."""
    table = bytearray(_MARK_RANGES[-1][1] + 1)
    for a, b in _MARK_RANGES:
        table[a : b + 1] = b"\x01" * (b + 1 - a)
    return bytes(table)


_MARK_TABLE = _mark_table()
WORD_CHAR = re.compile(f"[\\w{_MARKS}]")
"""One character that belongs to a word (letters, digits, underscore, combining marks)."""

# A token is a run of word characters (with inner apostrophes: "don't"), a possessive "'s" on
# its own (so "the group's deadly attack" and "the group Hamas' deadly attack" share "group"),
# or an ampersand. Apostrophes are folded to ' before splitting.
# A number with thousands separators ("14,000") is one token, its commas dropped when folded.
# Every token starts with a word character, an apostrophe or "&": asked for first, the search
# skips the spaces and punctuation between tokens in C.
_TOKEN = re.compile(f"(?=[\\w'&])((?<!\\d)(?<!\\d,)\\d{{1,3}}(?:,\\d{{3}})+(?!\\w|,\\d)|\\w[\\w{_MARKS}]*(?:'(?!s\\b)[\\w{_MARKS}]+)*|(?<=\\w)'s\\b|&)")

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc\uff07"

# Money units: "$100m" is one token, "$100 million" two; both become "100m".
_UNIT_WORDS = {"million": "m", "billion": "bn", "trillion": "tn", "thousand": "k", "mn": "m", "bn": "bn", "tn": "tn"}
_DIGIT = re.compile(r"\d")
_SEPARATED = re.compile(r"\d,\d")
_NUMBER_START = re.compile(r"\d(?<!\w\d)")
_GLUED_UNIT = re.compile(r"(\d+)(m|mn|bn|b|tn|trn|k)")
_UNIT_CANON = {"mn": "m", "b": "bn", "trn": "tn"}

STOP_WORDS= frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tells according also 's
    s t mr mrs ms one two new""".split()
)
"""Function words (and reporting verbs) that carry too little information to seed a match
or to count towards a match's content."""


STOP_HASHES = frozenset(hash(word) & 0xFFFFFFFFFFFFFFFF for word in STOP_WORDS)
"""The hashes of :data:`STOP_WORDS` as in :attr:`Tokens.words` (the aligner compares words by
hash)."""
STOP_SIGNED_HASHES = frozenset(map(hash, STOP_WORDS))
"""The same, as plain (signed) ``hash`` values."""


@dataclass(frozen=True, slots=True)
class Tokens:
    """A document's folded word tokens, as hashes (compact, quick to compare and to send
    between processes), with where each one lies in the original text.

    Hashes come from Python's ``hash`` of the folded word, so they agree within one process
    and the processes it forks; only equality of hashes is ever used, never their order.
    """

    words: array
    """``hash`` of each folded word, as an unsigned 64-bit number (``array('Q')``)."""
    starts: array
    ends: array
    numbers: list[int]
    """Indices of the tokens that are numbers (they start with a digit), in order."""

    def __len__(self) -> int:
        """The number of tokens."""
        return len(self.words)

    def within(self, start: int, end: int) -> tuple[int, int]:
        """The range of the tokens that start inside characters ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)


def fold_case(text: str) -> str:
    """``text`` lower-cased and with apostrophes folded, one character for one character."""
    for char in _APOSTROPHES:
        if char in text:
            text = text.replace(char, "'")
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into folded word tokens (hashed) with their original offsets."""
    kernel = _kernel()
    if kernel is None:
        return tokenize_with_hashes(text)[0]
    words, starts, ends, numbers = _split_words(text, True)
    return Tokens(kernel.hashes(words), starts, ends, numbers)  # type: ignore[arg-type]


def tokenize_with_hashes(text: str) -> tuple[Tokens, list[int]]:
    """:func:`tokenize`, and the words' plain (signed) ``hash`` values as a list."""
    words, starts, ends, numbers = _split_words(text, True)
    signed = list(map(hash, words))
    hashes = array("Q")
    hashes.frombytes(array("q", signed).tobytes())  # unsigned, as rapidfuzz wants
    return Tokens(hashes, starts, ends, numbers), signed  # type: ignore[arg-type]


_PLAIN_GAPS = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
"""Every ASCII character that is not a word character, as a space."""


def folded_words(text: str) -> str:
    """The folded words of ``text`` joined by single spaces (for scoring; units unfolded)."""
    if text.isascii():
        low = text.lower()
        if "'" not in low and "`" not in low and "&" not in low and ("," not in low or _SEPARATED.search(low) is None):
            # Plain ASCII (no apostrophe, nor "`" which folds to one, no "&" and no thousands
            # separator: three stretches in four that a news article's alignments are scored
            # on): the tokens are the runs of word characters, split in C.
            return " ".join(low.translate(_PLAIN_GAPS).split())
    return _folded_words(text)


def _folded_words(text: str) -> str:
    """:func:`folded_words` by the tokeniser's expression, whatever the text."""
    folded = fold_case(text)
    words = _TOKEN.findall(folded)
    if "&" not in folded and ("," not in folded or not _SEPARATED.search(folded)):
        return " ".join(words)  # nothing to unfold: no "&", no number with a thousands separator
    return " ".join("and" if w == "&" else w.replace(",", "") if w[0].isdigit() else w for w in words)


def joined_words(text: str, tk: Tokens) -> tuple[str, array] | None:
    """The folded words of ``text``'s tokens ``tk`` (:func:`folded_words`: units unfolded),
    and where each token's word starts in them (and one more: their length plus one), so that
    the words of tokens ``[t0, t1)`` are ``joined[at[t0] : at[t1] - 1]``: :func:`folded_words`
    of their text, except where the expression reads past the text's ends
    (:func:`words_cut_here`). Joined by the compiled kernels off the tokens' offsets
    (``_verify_kernels.joined_words``); None without them (in Python, folding a whole document
    costs as much as folding the stretches verification reads of it: 0.18 against 0.17 s at
    1,000 story articles) or if ``text`` holds a capital sigma (lower-cased by its neighbours:
    ``ς`` at a word's end, ``σ`` elsewhere): then read each stretch's text."""
    from reader.core.align.compiled import VERIFY  # here: the kernels import this module

    if VERIFY is None or "\u03a3" in text:
        return None
    return VERIFY.joined_words(fold_case(text), tk.starts, tk.ends)


def words_cut_here(text: str, start: int, end: int) -> bool:
    """Whether :func:`folded_words` of ``text[start:end]`` (``start`` a token's start, ``end``
    a token's end) may differ from the words of the same tokens read in all of ``text``: a
    possessive ``'s`` at the start (read as ``s`` on its own), or a comma against either end (a
    number cut off its thousands, ``12,345|,678``, reads as one)."""
    return text[start] in _APOSTROPHE_SET or (start > 0 and text[start - 1] == ",") or (end < len(text) and text[end] == ",")


_APOSTROPHE_SET = frozenset(_APOSTROPHES + "'")


def split_words(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """The folded words of ``text``, their start and end offsets, and which are numbers."""
    return _split_words(text, False)  # type: ignore[return-value]


def _split_words(text: str, arrays: bool) -> tuple[list[str], Sequence[int], Sequence[int], list[int]]:
    """:func:`split_words`, the offsets as lists or (``arrays``) as ``array('i')``."""
    folded = fold_case(text)
    kernel = _kernel()
    if kernel is not None and len(folded) < _KERNEL_LIMIT:
        words, starts, ends, numbers = kernel.split_words(folded, _MARK_TABLE, arrays)
    else:
        words, starts, ends, numbers = _split(folded)
        if arrays:
            starts, ends = array("i", starts), array("i", ends)
    if numbers:
        if "," in folded:
            for i in numbers:
                if "," in words[i]:
                    words[i] = words[i].replace(",", "")  # 1,300 = 1300
        _fold_units(folded, words, starts, ends, numbers)
    return words, starts, ends, numbers


def _split(folded: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """The tokens of ``folded`` (``&`` as ``and``), their offsets, and which are numbers, by
    the expression; the compiled kernel (``_token_kernels.split_words``) reads the same
    character by character."""
    parts = _TOKEN.split(folded)
    # parts = [sep, token, sep, token, ..., sep]: running sums give every boundary.
    bounds = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2]
    starts = bounds[1:-1:2]
    ends = bounds[2:-1:2]
    if "&" in folded:
        words = ["and" if w == "&" else w for w in words]
    numbers: list[int] = []
    if _DIGIT.search(folded):
        numbers = [bisect_left(starts, m.start()) for m in _NUMBER_START.finditer(folded)]
        numbers = [i for i in numbers if i < len(starts) and words[i][0].isdigit()]
    return words, starts, ends, numbers


_KERNEL: ModuleType | None | bool = False
"""The compiled tokeniser (:data:`reader.core.align.compiled.TOKENS`), looked up on first use
(the compiled verify kernels import this module), or None: the expression runs."""


_KERNEL_LIMIT = 2**31 - 1
"""The kernel keeps offsets as C ints: a longer text (over 2 GB) is split by the expression."""


def _kernel() -> ModuleType | None:
    """:data:`_KERNEL`, looked up once."""
    global _KERNEL
    if _KERNEL is False:
        from reader.core.align.compiled import TOKENS

        _KERNEL = TOKENS
    return _KERNEL  # type: ignore[return-value]


def _fold_units(folded: str, words: list[str], starts: MutableSequence[int], ends: MutableSequence[int], numbers: list[int]) -> None:
    """``100m`` and ``100 million`` both become the one token ``100m`` (lists edited in place,
    ``numbers`` kept up to date)."""
    drop = []
    for i in numbers:
        word = words[i]
        if not word.isdigit():
            match = _GLUED_UNIT.fullmatch(word)
            if match is not None:
                words[i] = match.group(1) + _UNIT_CANON.get(match.group(2), match.group(2))
            continue
        if i + 1 < len(words) and words[i + 1] in _UNIT_WORDS and folded[ends[i] : starts[i + 1]].isspace():
            words[i] = word + _UNIT_WORDS[words[i + 1]]
            ends[i] = ends[i + 1]
            drop.append(i + 1)
    if drop:
        for i in reversed(drop):
            del words[i], starts[i], ends[i]
        numbers[:] = [i for i, w in enumerate(words) if w[0].isdigit()]
