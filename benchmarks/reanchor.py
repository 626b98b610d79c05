"""The re-anchoring harness: random annotations, scripted edits with per-character ground truth.

Run by hand: ``.venv/bin/python benchmarks/reanchor.py [--realnews DIR] [--per-scenario N]``. It
prints, for the sample corpus and (when found) for realnews-dev, how many annotations were placed
correctly, orphaned and placed silently wrong under each kind of edit, for Parallax's anchoring
and for a naive baseline measured in the same run (the stored offsets when the text there is
unchanged, else the verbatim occurrence nearest to them: what an annotator without context
selectors does). ``tests/core/test_reanchoring.py`` runs the same harness on the sample corpus
with a fixed seed and asserts no silently wrong placement.

**Ground truth.** Every edit is made on a :class:`Draft` that remembers, for each character of
the edited text, which character of the original it is (:data:`NEW` for inserted text,
:data:`COPY` for a duplicated paragraph's copy). For an annotation on ``original[s:e]`` the
characters it covers after the edit are exactly those whose origin is in ``[s, e)``
(:func:`truth`). A placement is *correct* when it covers all of them, in order, and nothing else
but characters inserted among or right next to them (an insertion at the edge may be taken in or
left out). When none of them is left, the only correct placement is the text that replaced them
in place (a rewritten quotation); an annotation whose characters were deleted, or scrambled, has
no correct placement: it must be an orphan. Any other placement is *silently wrong*: shown in the
wrong place as if nothing happened. A quotation is *intact* when all its characters are there,
in order and with nothing inserted between them.

**Scenarios** (one edit per annotation, except ``random edits``): the quotation deleted, the
sentence holding it deleted, the quotation rewritten (other words in its place), an edit near it
(words inserted, deleted or replaced up to 40 characters away), an edit inside it (a word
inserted, deleted or replaced, or a letter changed in a short one), its paragraph moved, its
paragraph duplicated elsewhere, and 25 random edits over the whole article (words, a sentence
deleted, a paragraph moved).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.shared_data import shared_data  # noqa: E402
from reader.core.annotate import Annotation, Anchored, AnchorStatus, anchor, new_annotation  # noqa: E402
from reader.core.models import Document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"

NEW = -1
"""Origin of a character inserted by an edit."""
COPY = -2
"""Origin of a character of a duplicated paragraph's copy (the original stays where it was)."""

SCENARIOS = (
    "deleted quote",
    "deleted sentence",
    "rewritten quote",
    "edit near",
    "edit inside",
    "moved paragraph",
    "duplicated paragraph",
    "random edits",
)
RANDOM_EDITS = 25
"""Edits per article in the ``random edits`` scenario."""

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")


# --------------------------------------------------------------------------------------------
# Edits with per-character ground truth


class Draft:
    """An article being edited: its characters and, for each, its index in the original
    (:data:`NEW`, :data:`COPY` for characters that are not the original's)."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.origin = list(range(len(text)))
        self.length = len(text)
        """The original's length."""

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, lo: int, hi: int, new: str) -> None:
        """``text[lo:hi]`` becomes ``new`` (an insertion when ``lo == hi``, a deletion when
        ``new`` is empty)."""
        self.chars[lo:hi] = list(new)
        self.origin[lo:hi] = [NEW] * len(new)

    def move(self, lo: int, hi: int, to: int) -> None:
        """Cut ``text[lo:hi]`` and insert it at ``to`` (an index of the text before the cut)."""
        chars, origin = self.chars[lo:hi], self.origin[lo:hi]
        del self.chars[lo:hi], self.origin[lo:hi]
        if to > lo:
            to -= hi - lo
        self.chars[to:to] = chars
        self.origin[to:to] = origin

    def copy(self, lo: int, hi: int, to: int) -> None:
        """Insert a copy of ``text[lo:hi]`` at ``to``."""
        self.chars[to:to] = self.chars[lo:hi]
        self.origin[to:to] = [COPY] * (hi - lo)

    def where(self, original_index: int) -> int | None:
        """Where an original character is now (``None`` when deleted)."""
        try:
            return self.origin.index(original_index)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Truth:
    """What counts as a correct placement of one annotation after an edit."""

    core: tuple[int, int] | None
    """The stretch from the first to the last surviving character of the quotation."""
    outer: tuple[int, int] | None
    """How far a placement may reach past ``core`` over inserted characters."""
    replaced: tuple[int, int] | None = None
    """When nothing of the quotation survives: the text put in its place, if any."""
    intact: bool = False
    """Every character of the quotation survives, in order, nothing inserted between them."""
    context_intact: bool = False
    """Intact, and so is its stored context: the quotation with the 32 characters on each side
    survives as one unchanged stretch (it may have moved)."""
    undecidable: bool = False
    """Intact, but the quotation with its whole stored context is in the text twice or more
    (a duplicated paragraph): its selectors cannot tell which is the original, only its
    offsets can (the copy still at them, or pushed on by the copy pasted before it)."""

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a correct placement."""
        if self.core is not None and self.outer is not None:
            return self.outer[0] <= start <= self.core[0] and self.core[1] <= end <= self.outer[1]
        if self.replaced is not None:
            lo, hi = self.replaced
            return lo <= start < end <= hi and not text[lo:start].strip() and not text[end:hi].strip()
        return False


def truth(draft: Draft, start: int, end: int) -> Truth:
    """The ground truth for an annotation on ``original[start:end]`` after the edits of ``draft``."""
    origin = draft.origin
    kept = [p for p, o in enumerate(origin) if start <= o < end]
    if kept:
        lo, hi = kept[0], kept[-1] + 1
        in_order = all(origin[a] < origin[b] for a, b in zip(kept, kept[1:]))
        only_inserted_between = all(start <= origin[p] < end or origin[p] == NEW for p in range(lo, hi))
        if not (in_order and only_inserted_between):
            return Truth(None, None)  # scrambled: nothing is a right place
        intact = len(kept) == end - start and hi - lo == end - start
        text = draft.chars
        # The stretch that must be covered: from the first to the last of its characters that are
        # not white space. Around it a placement may take in inserted text and white space ("a" +
        # " new" + " b" reads the same as "a" + "new " + "b"), but no other character.
        solid = [p for p in kept if not text[p].isspace()]
        if not solid:
            return Truth(None, None)  # only white space of it is left
        lo, hi = solid[0], solid[-1] + 1
        left, right = lo, hi
        while left > 0 and (origin[left - 1] == NEW or text[left - 1].isspace()):
            left -= 1
        while right < len(origin) and (origin[right] == NEW or text[right].isspace()):
            right += 1
        return Truth((lo, hi), (left, right), intact=intact)
    before = draft.where(start - 1) if start > 0 else -1
    after = draft.where(end) if end < draft.length else len(origin)
    if before is None or after is None or after <= before + 1:
        return Truth(None, None)
    if all(o == NEW for o in origin[before + 1 : after]):
        return Truth(None, None, replaced=(before + 1, after))
    return Truth(None, None)


# --------------------------------------------------------------------------------------------
# The article's words, sentences and paragraphs


@dataclass(frozen=True)
class Layout:
    """Where the words, sentences and paragraphs of a text are."""

    text: str
    words: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    """Each from its first character to the start of the next sentence (spaces included)."""
    paragraphs: tuple[tuple[int, int], ...]
    """Each line with its line break(s)."""
    vocabulary: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, text: str) -> Layout:
        words = tuple(m.span() for m in _WORD.finditer(text))
        cuts = sorted({0, len(text)} | {m.end() for m in _SENTENCE_END.finditer(text)})
        sentences = []
        for a, b in zip(cuts, cuts[1:]):
            while b < len(text) and text[b].isspace():
                b += 1
            if text[a:b].strip() and (not sentences or a >= sentences[-1][1]):
                sentences.append((a, b))
        paragraphs = []
        for m in re.finditer(r"[^\n]+\n*", text):
            paragraphs.append(m.span())
        vocabulary = tuple(sorted({text[a:b] for a, b in words if text[a:b].isalpha()}))
        return cls(text, words, tuple(sentences), tuple(paragraphs), vocabulary)

    def covering(self, pieces: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
        """The smallest run of ``pieces`` covering ``[start, end)``."""
        inside = [p for p in pieces if p[0] < end and start < p[1]]
        return (inside[0][0], inside[-1][1]) if inside else None

    def words_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return [w for w in self.words if start <= w[0] and w[1] <= end]


# --------------------------------------------------------------------------------------------
# Random annotations


def random_span(rng: random.Random, layout: Layout) -> tuple[int, int]:
    """A span as a reader selects one: mostly whole words (one or two words, a phrase, a
    sentence or so), sometimes any run of characters."""
    text, words = layout.text, layout.words
    if rng.random() < 0.1:
        length = rng.randint(3, 60)
        start = rng.randrange(0, len(text) - length)
        return start, start + length
    roll = rng.random()
    count = rng.randint(1, 2) if roll < 0.35 else rng.randint(3, 8) if roll < 0.75 else rng.randint(9, 30)
    first = rng.randrange(0, len(words))
    last = min(len(words) - 1, first + count - 1)
    start, end = words[first][0], words[last][1]
    # Selections end on a word, not on the punctuation after it (as a drag snapped to words).
    while end - start > 1 and not text[end - 1].isalnum() and text[end - 1] not in "\"'”’)":
        end -= 1
    return start, end


# --------------------------------------------------------------------------------------------
# Scenarios: each edits a draft of the article around one annotation (or returns False when it
# does not apply to that span)


def _some_words(rng: random.Random, layout: Layout, n: int, avoid: Iterable[str] = ()) -> str:
    """``n`` words of the article's vocabulary, none of them one of ``avoid``."""
    avoid = set(avoid)
    choices = [w for w in layout.vocabulary if w not in avoid] or ["xyzzy"]
    return " ".join(rng.choice(choices) for _ in range(max(1, n)))


def _neighbours(layout: Layout, lo: int, hi: int) -> tuple[str, ...]:
    """The words just before ``lo``, just after ``hi`` and between: an inserted or replacing
    word must differ from them, or the edit could be read two ways ("a b" with "b" inserted
    after "a" is also "b" inserted after "b") and its ground truth would be ambiguous."""
    text = layout.text
    before = [text[a:b] for a, b in layout.words if b <= lo][-1:]
    after = [text[a:b] for a, b in layout.words if a >= hi][:1]
    inside = [text[a:b] for a, b in layout.words if lo <= a and b <= hi]
    return tuple(before + after + inside)


def _insert_words(rng: random.Random, layout: Layout, draft: Draft, at: int, n: int) -> None:
    """Insert ``n`` words (a space before them) at ``at``, the end of a word or a space."""
    draft.replace(at, at, " " + _some_words(rng, layout, n, _neighbours(layout, at, at)))


def _replace_word(rng: random.Random, layout: Layout, draft: Draft, word: tuple[int, int]) -> None:
    draft.replace(word[0], word[1], _some_words(rng, layout, 1, _neighbours(layout, *word)))


def _deleted_quote(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    text = layout.text
    if e < len(text) and text[e] == " ":
        e += 1
    elif s > 0 and text[s - 1] == " ":
        s -= 1
    draft.replace(s, e, "")
    return True


def _deleted_sentence(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    found = layout.covering(layout.sentences, s, e)
    if found is None:
        return False
    draft.replace(found[0], found[1], "")
    return True


def _rewritten_quote(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    n = len(layout.words_in(s, e)) or 1
    new = _some_words(rng, layout, n + rng.choice((-1, 0, 0, 1)), _neighbours(layout, s, e))
    if new == layout.text[s:e]:
        return False
    draft.replace(s, e, new)
    return True


def _edit_near(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    text = layout.text
    # A word boundary (a space) 1 to 40 characters outside the span, on either side.
    left = [m.start() for m in re.finditer(" ", text[max(0, s - 41) : max(0, s - 1)])]
    right = [m.start() for m in re.finditer(" ", text[e + 1 : e + 41])]
    spots = [max(0, s - 41) + p for p in left] + [e + 1 + p for p in right]
    spots = [p for p in spots if p < s - 1 or p > e]
    if not spots:
        return False
    at = rng.choice(spots)
    kind = rng.choice(("insert", "delete", "replace"))
    if kind == "insert":
        _insert_words(rng, layout, draft, at, rng.randint(1, 4))
        return True
    # the word after the space, if it does not reach the span
    word = next((w for w in layout.words if w[0] == at + 1), None)
    if word is None or (word[0] < e and s < word[1]) or word[1] == s or word[0] == e:
        _insert_words(rng, layout, draft, at, 1)
        return True
    if kind == "delete":
        draft.replace(at, word[1], "")
    else:
        _replace_word(rng, layout, draft, word)
    return True


def _edit_inside(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    text = layout.text
    words = layout.words_in(s, e)
    if len(words) >= 3:
        word = rng.choice(words[1:-1])
        kind = rng.choice(("insert", "delete", "replace"))
        if kind == "insert":
            _insert_words(rng, layout, draft, word[1], rng.randint(1, 3))
        elif kind == "delete":
            draft.replace(word[0], word[1] + 1, "")
        else:
            _replace_word(rng, layout, draft, word)
        return True
    letters = [i for i in range(s + 1, e - 1) if text[i].isalpha()]
    if not letters:
        return False
    at = rng.choice(letters)
    draft.replace(at, at + 1, "e" if text[at] != "e" else "a")
    return True


def _paragraph(layout: Layout, s: int, e: int) -> tuple[int, int] | None:
    found = layout.covering(layout.paragraphs, s, e)
    if found is None or sum(1 for p in layout.paragraphs if p[0] < e and s < p[1]) != 1:
        return None
    return found


def _moved_paragraph(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    found = _paragraph(layout, s, e)
    if found is None or not layout.text[found[0] : found[1]].endswith("\n"):
        return False
    spots = [p[0] for p in layout.paragraphs if p[0] not in found] + [len(layout.text)] * layout.text.endswith("\n")
    spots = [p for p in spots if p not in found]
    if not spots:
        return False
    draft.move(found[0], found[1], rng.choice(spots))
    return True


def _duplicated_paragraph(rng: random.Random, layout: Layout, draft: Draft, s: int, e: int) -> bool:
    found = _paragraph(layout, s, e)
    if found is None or not layout.text[found[0] : found[1]].endswith("\n"):
        return False
    # Not right before or after itself: "P P" reads the same whichever P is the copy.
    spots = [p[0] for p in layout.paragraphs if p[0] not in found] + [len(layout.text)] * layout.text.endswith("\n")
    spots = [p for p in spots if p not in found]
    if not spots:
        return False
    draft.copy(found[0], found[1], rng.choice(spots))
    return True


def random_edits(rng: random.Random, text: str, count: int = RANDOM_EDITS) -> Draft:
    """``count`` random edits over a whole article: words inserted, deleted or replaced (most), a
    sentence deleted or a paragraph moved (a few)."""
    draft = Draft(text)
    for _ in range(count):
        layout = Layout.of(draft.text)
        if not layout.words:
            break
        roll = rng.random()
        if roll < 0.05 and len(layout.sentences) > 2:
            a, b = rng.choice(layout.sentences)
            draft.replace(a, b, "")
        elif roll < 0.1 and len(layout.paragraphs) > 2:
            para = rng.choice(layout.paragraphs)
            if layout.text[para[0] : para[1]].endswith("\n"):
                spots = [p[0] for p in layout.paragraphs if p != para]
                draft.move(para[0], para[1], rng.choice(spots))
        else:
            word = rng.choice(layout.words)
            kind = rng.choice(("insert", "delete", "replace"))
            if kind == "insert":
                _insert_words(rng, layout, draft, word[1], rng.randint(1, 3))
            elif kind == "delete" and word[1] < len(layout.text):
                draft.replace(word[0], word[1] + 1, "")
            else:
                _replace_word(rng, layout, draft, word)
    return draft


EDITS: dict[str, Callable[[random.Random, Layout, Draft, int, int], bool]] = {
    "deleted quote": _deleted_quote,
    "deleted sentence": _deleted_sentence,
    "rewritten quote": _rewritten_quote,
    "edit near": _edit_near,
    "edit inside": _edit_inside,
    "moved paragraph": _moved_paragraph,
    "duplicated paragraph": _duplicated_paragraph,
}


# --------------------------------------------------------------------------------------------
# Running it


@dataclass(frozen=True, slots=True)
class Case:
    """One annotation, one edited text, and the truth about it."""

    scenario: str
    annotation: Annotation
    edited: Document
    truth: Truth
    ambiguous: bool = False
    """Ambiguous when made: the quotation with its stored context occurs twice or more in the
    original article, so its selectors never told the copies apart (only its offsets did)."""


@dataclass
class Tally:
    """Outcomes of one scenario."""

    correct: int = 0
    orphaned: int = 0
    wrong: int = 0
    """Placed silently wrong."""
    ambiguous: int = 0
    """Placed on another copy of a quotation that was ambiguous when made (its quotation and
    stored context occur twice in the original): not counted as wrong, reported apart."""
    intact: int = 0
    intact_orphaned: int = 0
    undecidable_orphaned: int = 0
    context_intact: int = 0
    context_intact_orphaned: int = 0
    """Orphaned although the quotation and its whole stored context survive (undecidable ones
    aside)."""
    examples: list[tuple[Case, Anchored]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.correct + self.orphaned + self.wrong + self.ambiguous

    @property
    def decidable_intact_orphaned(self) -> int:
        return self.intact_orphaned - self.undecidable_orphaned


def cases(documents: Iterable[Document], *, seed: int = 14, per_scenario: int = 50) -> list[Case]:
    """``per_scenario`` annotations per article and scenario, each with its edited article."""
    rng = random.Random(seed)
    out: list[Case] = []
    for document in documents:
        layout = Layout.of(document.text)
        if len(layout.words) < 20:
            continue
        for scenario in SCENARIOS:
            if scenario == "random edits":
                draft = random_edits(rng, document.text)
                edited = _edited(document, draft)
                for _ in range(per_scenario):
                    s, e = random_span(rng, layout)
                    out.append(_case(scenario, document, s, e, draft, edited))
                continue
            made = attempts = 0
            while made < per_scenario and attempts < per_scenario * 20:
                attempts += 1
                s, e = random_span(rng, layout)
                draft = Draft(document.text)
                if not EDITS[scenario](rng, layout, draft, s, e):
                    continue
                out.append(_case(scenario, document, s, e, draft))
                made += 1
    return out


def _case(scenario: str, document: Document, s: int, e: int, draft: Draft, edited: Document | None = None) -> Case:
    annotation = new_annotation(document, s, e)
    edited = edited or _edited(document, draft)
    found = truth(draft, s, e)
    window = annotation.prefix + annotation.exact + annotation.suffix
    if found.intact:
        lo, hi = s - len(annotation.prefix), e + len(annotation.suffix)
        survives = truth(draft, lo, hi)
        # A quotation that began (ended) the article keeps its context only if it still does.
        at_edges = (lo > 0 or draft.where(0) == 0) and (hi < draft.length or draft.where(hi - 1) == len(draft.origin) - 1)
        found = replace(found, context_intact=survives.intact and at_edges, undecidable=edited.text.count(window) > 1)
    return Case(scenario, annotation, edited, found, ambiguous=document.text.count(window) > 1)


def _edited(document: Document, draft: Draft) -> Document:
    return Document(document.id, document.path, document.title, draft.text, document.encoding)


Anchor = Callable[[Annotation, Document], Anchored]


def judge(case: Case, placed: Anchored) -> str:
    """``"correct"``, ``"orphaned"``, ``"wrong"`` or ``"ambiguous"`` (see :class:`Tally`)."""
    if not placed.placed:
        return "orphaned"
    assert placed.start is not None and placed.end is not None
    if case.truth.accepts(case.edited.text, placed.start, placed.end):
        return "correct"
    if case.ambiguous and case.edited.text[placed.start : placed.end] == case.annotation.exact:
        return "ambiguous"
    return "wrong"


def run(all_cases: Sequence[Case], anchor_one: Anchor = anchor, keep_examples: int = 5) -> dict[str, Tally]:
    """Anchor every case; the outcomes by scenario (plus ``"all"``)."""
    tallies: dict[str, Tally] = {name: Tally() for name in (*SCENARIOS, "all")}
    for case in all_cases:
        placed = anchor_one(case.annotation, case.edited)
        outcome = judge(case, placed)
        orphaned = outcome == "orphaned"
        for tally in (tallies[case.scenario], tallies["all"]):
            setattr(tally, outcome, getattr(tally, outcome) + 1)
            if case.truth.intact:
                tally.intact += 1
                tally.intact_orphaned += orphaned
                tally.undecidable_orphaned += orphaned and case.truth.undecidable
            if case.truth.context_intact and not case.truth.undecidable:
                tally.context_intact += 1
                tally.context_intact_orphaned += orphaned
            if outcome == "wrong" and len(tally.examples) < keep_examples:
                tally.examples.append((case, placed))
    return tallies


def naive_anchor(annotation: Annotation, document: Document) -> Anchored:
    """The baseline: the stored offsets if the text there is unchanged, else the verbatim
    occurrence of the quotation nearest to them, else an orphan."""
    text = document.text
    if text[annotation.start : annotation.end] == annotation.exact:
        return Anchored(annotation, annotation.start, annotation.end, AnchorStatus.EXACT)
    found = [m.start() for m in re.finditer(re.escape(annotation.exact), text)] if annotation.exact else []
    if not found:
        return Anchored(annotation, None, None, AnchorStatus.ORPHAN, 0.0)
    best = min(found, key=lambda p: abs(p - annotation.start))
    return Anchored(annotation, best, best + len(annotation.exact), AnchorStatus.MOVED)


def table(tallies: dict[str, Tally]) -> str:
    """The figures, one line per scenario: cases, placed correctly, orphaned, placed silently
    wrong, placed on a copy of an ambiguous quotation, intact quotations and how many of them
    were orphaned (of them undecidable: a duplicated paragraph; the rest decidable), and
    quotations whose context is intact too and how many of those were orphaned."""
    head = ("scenario", "cases", "correct", "orphaned", "wrong", "ambiguous", "intact", "orphaned", "undecidable", "decidable", "ctx intact", "orphaned")
    widths = (22, 6, 8, 9, 6, 10, 7, 9, 12, 10, 11, 9)
    lines = ["".join(f"{h:<{w}}" if i == 0 else f"{h:>{w}}" for i, (h, w) in enumerate(zip(head, widths)))]
    for name, t in tallies.items():
        row = (name, t.total, t.correct, t.orphaned, t.wrong, t.ambiguous, t.intact, t.intact_orphaned,
               t.undecidable_orphaned, t.decidable_intact_orphaned, t.context_intact, t.context_intact_orphaned)
        lines.append("".join(f"{v:<{w}}" if i == 0 else f"{v:>{w}}" for i, (v, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def load_anchor(path: Path) -> Anchor:
    """The ``anchor`` function of another version of the anchoring module (a file, e.g. from
    ``git show REV:reader/core/annotate/anchoring.py``), to measure before and after."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("anchoring_compared", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.anchor


def _realnews_default() -> Path:
    return shared_data("realnews-dev")


def main(argv: Sequence[str] | None = None) -> int:
    from reader.core.corpus import load_corpus

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--realnews", type=Path, default=_realnews_default(), help="the realnews-dev folder")
    parser.add_argument("--per-scenario", type=int, default=50, help="annotations per article and scenario")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--compare-with", type=Path, metavar="FILE", help="another anchoring.py to measure too")
    parser.add_argument("--examples", action="store_true", help="print the wrong placements")
    args = parser.parse_args(argv)
    corpora = {"sample corpus": [SAMPLE]}
    if args.realnews.is_dir():
        corpora["realnews-dev"] = sorted(p for p in args.realnews.iterdir() if p.is_dir())
    contenders: list[tuple[str, Anchor]] = [("parallax", anchor)]
    if args.compare_with:
        contenders.append((str(args.compare_with), load_anchor(args.compare_with)))
    contenders.append(("naive baseline", naive_anchor))
    for name, paths in corpora.items():
        documents = load_corpus(paths).documents
        all_cases = cases(documents, seed=args.seed, per_scenario=args.per_scenario)
        for label, fn in contenders:
            began = time.perf_counter()
            tallies = run(all_cases, fn)
            took = time.perf_counter() - began
            print(f"\n{name}: {len(documents)} articles, seed {args.seed}, {label} ({took:.1f} s)")
            print(table(tallies))
            if args.examples:
                for case, placed in tallies["all"].examples:
                    a = case.annotation
                    print(f"  {case.scenario}: {a.doc} {a.start}-{a.end} {a.exact!r} -> {placed.start}-{placed.end} "
                          f"{case.edited.text[placed.start:placed.end]!r} ({placed.status.value})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
