"""Deterministic synthetic corpora for the scale benchmark, with ground truth.

:func:`generate_corpus` builds ``n`` articles from the sentences of the bundled sample articles:
articles come in small *stories* (clusters of 3 to 7 articles about the same event); each story
plants a few passages (one or two consecutive sentences of a sample article, so a story mixes
sentences from different sample articles) into two to four of its articles, each copy with at
most one light word edit (inside the quotation when the passage has one). Around them, most of
each article is unrelated filler generated from a word list (a few hundred everyday words and
20,000 made-up ones, so three-word runs do not repeat by chance), and paragraph order is
shuffled.

The generator records where every copy went (:class:`Planted`), so a benchmark can measure how
many of the planted *links* (two copies of one passage in two articles) an aligner finds:
:func:`found_links`. Everything depends only on the seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GeneratedCorpus",
    "Planted",
    "PlantedSpan",
    "found_links",
    "generate_corpus",
    "link_count",
    "sample_sentences",
    "SAMPLE_CORPUS",
]

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "sample_corpus"

FILLER_WORDS = tuple(
    """
    garden river window market bakery harbor lantern meadow violin pencil ladder orchard
    blanket kettle canyon pebble saddle tunnel quilt marble compass anchor barrel cabin
    cactus candle carpet cellar chimney cliff cottage crayon desert dolphin drawer engine
    feather fountain glacier hammer helmet island jacket jungle kitten lemon library lobster
    magnet mirror mountain needle noodle ocean oven paddle parrot peanut pepper piano pillow
    planet pocket puzzle rabbit radio ribbon rocket sandal scarf shovel spoon squirrel stable
    statue stove sugar teapot tiger tomato tractor trumpet tulip umbrella valley velvet wagon
    walnut whistle willow wizard yogurt zebra acorn apron basket beacon biscuit bucket button
    carrot castle cherry clover copper cotton cushion daisy donkey forest gravel honey ivory
    ladle maple mitten nectar olive paper pearl pumpkin raisin saucer shell silver sponge
    thimble thunder timber turnip walrus wheat yarn bright quiet gentle rapid golden hollow
    narrow ancient curious hungry sleepy wooden frozen dusty silky noisy tidy humble merry
    polite rusty sandy shiny smooth sturdy sunny tiny wild brave calm eager fuzzy jolly lucky
    plain proud swift warm bake borrow carry climb collect dance drift fold gather hum juggle
    knit mend paint plant polish row sail sew sketch skip sweep swim toss wander wash weave
    whisper wrap often rarely slowly softly gladly nearly later early always seldom
    """.split()
)
"""Everyday words for the filler, unrelated to the sample's subject, so filler never looks like
the planted news passages."""

FUNCTION_WORDS = ("the", "a", "of", "and", "in", "to", "with", "on", "by", "near", "for", "from")

PSEUDO_WORDS = 20_000
"""Made-up words (from syllables) in each corpus's filler vocabulary: with only a few hundred
real words, random three-word runs would repeat by chance across thousands of articles, and the
filler would no longer be unique text."""

_ONSETS = "b c d f g h j k l m n p r s t v w z br cl dr fl gr pl st tr sh ch".split()
_VOWELS = "a e i o u ai ea ou".split()
_CODAS = ("", "", "", "n", "r", "s", "l", "m", "t")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”’])\s+")
_WORD = re.compile(r"\S+")
_QUOTE = re.compile(r"[\"“][^\"“”]{3,}[\"”]")


@dataclass(frozen=True, slots=True)
class PlantedSpan:
    """One copy of a planted passage: ``texts[doc][start:end]``."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Planted:
    """A passage copied into two or more articles (one copy per article)."""

    id: int
    source: str
    """The passage as it stands in the sample article (copies may carry one edit)."""
    copies: tuple[PlantedSpan, ...]


@dataclass(frozen=True, slots=True)
class GeneratedCorpus:
    """Articles (id -> text) and the ground truth of what was planted where."""

    texts: dict[str, str]
    planted: tuple[Planted, ...]
    seed: int


def sample_sentences(folder: Path = SAMPLE_CORPUS) -> list[list[str]]:
    """The paragraphs of the sample articles (titles left out) as lists of sentences.

    Only sentences of at least six words are kept; paragraphs left empty are dropped.
    """
    paragraphs: list[list[str]] = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        for line in lines[1:]:
            sentences = [s.strip() for s in _SENTENCE_END.split(line)]
            sentences = [s for s in sentences if len(s.split()) >= 6]
            if sentences:
                paragraphs.append(sentences)
    if not paragraphs:
        raise ValueError(f"no usable sentences in {folder}")
    return paragraphs


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct made-up words of two or three syllables."""
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        words.add("".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(_CODAS))
    return sorted(words)


def _filler_sentence(rng: random.Random, vocabulary: Sequence[str]) -> str:
    """8 to 18 words: a fifth function words, a tenth everyday words, the rest made up."""
    words = []
    for _ in range(rng.randint(8, 18)):
        roll = rng.random()
        if roll < 0.2:
            words.append(rng.choice(FUNCTION_WORDS))
        elif roll < 0.3:
            words.append(rng.choice(FILLER_WORDS))
        else:
            words.append(rng.choice(vocabulary))
    if len(words) > 6 and rng.random() < 0.4:
        words[rng.randint(2, len(words) - 3)] += ","
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice(".....?!")


def _filler_paragraph(rng: random.Random, vocabulary: Sequence[str]) -> str:
    return " ".join(_filler_sentence(rng, vocabulary) for _ in range(rng.randint(2, 5)))


def _edit(passage: str, rng: random.Random) -> str:
    """At most one light word edit: inside the quotation when there is one."""
    if rng.random() < 0.4:
        return passage
    quote = _QUOTE.search(passage)
    lo, hi = (quote.start() + 1, quote.end() - 1) if quote else (0, len(passage))
    words = [m for m in _WORD.finditer(passage, lo, hi)]
    if len(words) < 3:
        return passage
    target = words[rng.randrange(1, len(words) - 1)]
    start, end = target.span()
    operation = rng.choice(("replace", "drop", "case", "swap"))
    if operation == "replace":
        return passage[:start] + rng.choice(FILLER_WORDS) + passage[end:]
    if operation == "drop":
        return passage[:start] + passage[end:].lstrip(" ")
    if operation == "case":
        word = passage[start:end]
        return passage[:start] + (word.lower() if word[:1].isupper() else word.capitalize()) + passage[end:]
    following = _WORD.search(passage, end, hi)
    if following is None:
        return passage
    return (
        passage[:start] + following.group() + passage[end : following.start()] + target.group()
        + passage[following.end() :]
    )


def generate_corpus(
    n_docs: int,
    seed: int = 0,
    *,
    passages_per_doc: float = 1.2,
    filler_paragraphs: tuple[int, int] = (6, 10),
    paragraphs: Sequence[Sequence[str]] | None = None,
) -> GeneratedCorpus:
    """``n_docs`` articles (ids ``art00000``...) with planted shared passages; see the module.

    ``passages_per_doc``: planted passages per article of a story (each copied into 2 to 4 of
    its articles). ``paragraphs``: the source sentences (default: :func:`sample_sentences`).
    """
    if n_docs < 2:
        raise ValueError("a corpus needs at least two articles to share passages")
    rng = random.Random(seed)
    source = [list(p) for p in (paragraphs if paragraphs is not None else sample_sentences())]
    ids = [f"art{i:05d}" for i in range(n_docs)]
    vocabulary = _pseudo_words(rng, PSEUDO_WORDS)

    stories: list[list[str]] = []
    position = 0
    while position < n_docs:
        size = rng.randint(3, 7)
        if n_docs - position - size < 2:
            size = n_docs - position
        stories.append(ids[position : position + size])
        position += size

    planted_into: dict[str, list[tuple[int, str]]] = defaultdict(list)
    sources: list[tuple[str, list[str]]] = []
    for story in stories:
        count = max(1, round(len(story) * passages_per_doc / 2))
        used: set[str] = set()
        for _ in range(count):
            # No sentence twice in one story: two planted passages with the same text would make
            # the ground truth ambiguous (a link between them would count for neither).
            for _attempt in range(20):
                p = rng.randrange(len(source))
                paragraph = source[p]
                first = rng.randrange(len(paragraph))
                take = 2 if first + 1 < len(paragraph) and rng.random() < 0.3 else 1
                keys = set(paragraph[first : first + take])
                if not keys & used:
                    break
            used |= keys
            passage = " ".join(paragraph[first : first + take])
            copies = rng.sample(story, rng.randint(2, min(4, len(story))))
            planted_id = len(sources)
            sources.append((passage, copies))
            for doc in copies:
                planted_into[doc].append((planted_id, _edit(passage, rng)))

    texts: dict[str, str] = {}
    spans: dict[int, list[PlantedSpan]] = defaultdict(list)
    for doc in ids:
        blocks: list[list[tuple[int | None, str]]] = [
            [(None, _filler_paragraph(rng, vocabulary))] for _ in range(rng.randint(*filler_paragraphs))
        ]
        for planted_id, passage in planted_into[doc]:
            block = rng.choice(blocks)
            block.insert(rng.randint(0, len(block)), (planted_id, passage))
        rng.shuffle(blocks)
        title = " ".join(rng.choice(FILLER_WORDS) for _ in range(rng.randint(4, 8))).capitalize()
        parts = [title, "\n"]
        offset = len(title) + 1
        for b, block in enumerate(blocks):
            for i, (planted_id, piece) in enumerate(block):
                if i:
                    parts.append(" ")
                    offset += 1
                if planted_id is not None:
                    spans[planted_id].append(PlantedSpan(doc, offset, offset + len(piece)))
                parts.append(piece)
                offset += len(piece)
            if b + 1 < len(blocks):
                parts.append("\n")
                offset += 1
        parts.append("\n")
        texts[doc] = "".join(parts)

    planted = tuple(
        Planted(planted_id, passage, tuple(sorted(spans[planted_id], key=lambda s: s.doc)))
        for planted_id, (passage, _) in enumerate(sources)
    )
    return GeneratedCorpus(texts=texts, planted=planted, seed=seed)


def link_count(planted: Iterable[Planted]) -> int:
    """How many planted links there are: pairs of copies of one passage."""
    return sum(len(p.copies) * (len(p.copies) - 1) // 2 for p in planted)


def found_links(
    planted: Sequence[Planted], groups: Iterable[Sequence[tuple[str, int, int]]]
) -> set[tuple[int, int, int]]:
    """The planted links an aligner found, as ``(planted id, copy i, copy j)`` with i < j.

    ``groups``: the aligner's matches, each a sequence of ``(doc, start, end)`` spans said to be
    the same passage. A link is found when one group has a span overlapping each of its two
    copies (by at least one character).
    """
    by_doc: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for p in planted:
        for index, copy in enumerate(p.copies):
            by_doc[copy.doc].append((copy.start, copy.end, p.id, index))
    found: set[tuple[int, int, int]] = set()
    for group in groups:
        touched: dict[int, set[int]] = defaultdict(set)
        for doc, start, end in group:
            for c_start, c_end, planted_id, index in by_doc.get(doc, ()):
                if max(start, c_start) < min(end, c_end):
                    touched[planted_id].add(index)
        for planted_id, copies in touched.items():
            ordered = sorted(copies)
            for x, i in enumerate(ordered):
                for j in ordered[x + 1 :]:
                    found.add((planted_id, i, j))
    return found
