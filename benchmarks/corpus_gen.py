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

:func:`generate_story_corpus` builds the *dense* kind instead (``scale.py --density story``):
real news at real reuse density, where a story is carried by about ten outlets sharing wire
copy. See its docstring.
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
    "generate_story_corpus",
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


# -- story-clustered corpora at real reuse density ---------------------------------------------

STOP_WORDS = frozenset(
    """
    a an the of and or but in on at to for from by with as into over after before than that this
    these those it its is are was were be been has have had will would could should can may not
    no he she they we his her their our who which what when where while also said says more most
    all any some there about against between during under up out so if then
    """.split()
)
"""Words a story sentence keeps from its template (the skeleton of an English sentence); every
other word is replaced, so stories share no wording but their function words."""

_STORY_WORD = re.compile(r"\w[\w'’-]*")


@dataclass(frozen=True, slots=True)
class StoryLayout:
    """Who carries what in a story-clustered corpus (for tests and reports)."""

    stories: tuple[tuple[str, ...], ...]
    """The articles of each story, in corpus order."""
    story_sentences: tuple[tuple[str, ...], ...]
    """Each story's sentences as written by its wire (before the light edits)."""
    kept: dict[str, tuple[int, ...]]
    """Article -> the indices of its own story's sentences it carries, in order."""
    foreign: dict[str, tuple[tuple[int, int], ...]]
    """Article -> the ``(story, sentence)`` pairs it took from other stories."""
    filler: dict[str, int]
    """Article -> how many sentences of its own (unique filler) it has."""


@dataclass(frozen=True, slots=True)
class StoryCorpus(GeneratedCorpus):
    """A :class:`GeneratedCorpus` with its :class:`StoryLayout`."""

    layout: StoryLayout | None = None


def _story_sentence(template: str, rng: random.Random, lexicon: Sequence[str], vocabulary: Sequence[str]) -> str:
    """``template`` with every word but the stop words replaced (half from the story's own
    ``lexicon``, so names and subjects recur in a story) and numbers redrawn; punctuation and
    quotation marks stay, so the sentence reads like news and keeps its quotations."""

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in STOP_WORDS:
            return word
        if word[:1].isdigit():
            return str(rng.randint(2, 10 ** min(len(word), 4) - 1))
        new = rng.choice(lexicon) if rng.random() < 0.5 else rng.choice(vocabulary)
        return new.capitalize() if word[:1].isupper() else new

    return _STORY_WORD.sub(replace, template)


def generate_story_corpus(
    n_docs: int,
    seed: int = 0,
    *,
    story_size: tuple[int, int] = (8, 12),
    story_sentences: tuple[int, int] = (20, 30),
    keep: float = 0.6,
    filler_sentences: tuple[int, int] = (3, 6),
    foreign_sentences: tuple[int, int] = (0, 2),
    paragraphs: Sequence[Sequence[str]] | None = None,
) -> StoryCorpus:
    """``n_docs`` articles in stories of ``story_size`` articles (about ten), as news wires make.

    Each story has ``story_sentences`` sentences of its own, written from the sample's sentences
    as templates (their stop words, punctuation and quotation marks kept, every other word
    replaced, numbers redrawn), so no two stories share wording. Each article of a story keeps
    each of them with probability ``keep`` (at least three), in the story's order, each copy
    with at most one light word edit; adds ``filler_sentences`` of unique filler and
    ``foreign_sentences`` sentences of other stories (also lightly edited); and is cut into
    paragraphs of one to three sentences.

    The ground truth (:attr:`GeneratedCorpus.planted`) is one :class:`Planted` per sentence
    carried by two articles or more, with every copy; :attr:`StoryCorpus.layout` says who
    carries what. Everything depends only on the seed.
    """
    if n_docs < 2:
        raise ValueError("a corpus needs at least two articles to share passages")
    rng = random.Random(seed)
    templates = [s for p in (paragraphs if paragraphs is not None else sample_sentences()) for s in p]
    vocabulary = _pseudo_words(rng, PSEUDO_WORDS)
    ids = [f"art{i:05d}" for i in range(n_docs)]

    stories: list[list[str]] = []
    position = 0
    while position < n_docs:
        size = rng.randint(*story_size)
        if n_docs - position - size < 2:
            size = n_docs - position
        stories.append(ids[position : position + size])
        position += size

    sentences: list[list[str]] = []
    for _story in stories:
        lexicon = [rng.choice(vocabulary) for _ in range(40)]
        count = min(len(templates), rng.randint(*story_sentences))
        sentences.append([_story_sentence(t, rng, lexicon, vocabulary) for t in rng.sample(templates, count)])

    kept: dict[str, tuple[int, ...]] = {}
    foreign: dict[str, tuple[tuple[int, int], ...]] = {}
    filler: dict[str, int] = {}
    bodies: dict[str, list[tuple[tuple[int, int] | None, str]]] = {}
    for s, story in enumerate(stories):
        for doc in story:
            own = [i for i in range(len(sentences[s])) if rng.random() < keep]
            if len(own) < 3:
                own = sorted(rng.sample(range(len(sentences[s])), min(3, len(sentences[s]))))
            body: list[tuple[tuple[int, int] | None, str]] = [((s, i), _edit(sentences[s][i], rng)) for i in own]
            taken: set[tuple[int, int]] = set()
            if len(stories) > 1:
                for _ in range(rng.randint(*foreign_sentences)):
                    other = rng.choice([o for o in (rng.randrange(len(stories)) for _ in range(5)) if o != s] or [(s + 1) % len(stories)])
                    key = (other, rng.randrange(len(sentences[other])))
                    if key not in taken:
                        taken.add(key)
                        body.insert(rng.randint(0, len(body)), (key, _edit(sentences[key[0]][key[1]], rng)))
            count = rng.randint(*filler_sentences)
            for _ in range(count):
                body.insert(rng.randint(0, len(body)), (None, _filler_sentence(rng, vocabulary)))
            kept[doc], foreign[doc], filler[doc] = tuple(own), tuple(sorted(taken)), count
            bodies[doc] = body

    texts: dict[str, str] = {}
    copies: dict[tuple[int, int], list[PlantedSpan]] = defaultdict(list)
    for doc in ids:
        title = " ".join(rng.choice(FILLER_WORDS) for _ in range(rng.randint(4, 8))).capitalize()
        parts, offset = [title, "\n"], len(title) + 1
        left = 0
        for k, (key, piece) in enumerate(bodies[doc]):
            if k:
                separator = "\n" if left == 0 else " "
                parts.append(separator)
                offset += 1
            if left == 0:
                left = rng.randint(1, 3)
            left -= 1
            if key is not None:
                copies[key].append(PlantedSpan(doc, offset, offset + len(piece)))
            parts.append(piece)
            offset += len(piece)
        parts.append("\n")
        texts[doc] = "".join(parts)

    planted = tuple(
        Planted(n, sentences[key[0]][key[1]], tuple(sorted(spans, key=lambda c: c.doc)))
        for n, (key, spans) in enumerate(sorted((k, v) for k, v in copies.items() if len(v) >= 2))
    )
    layout = StoryLayout(
        stories=tuple(tuple(story) for story in stories),
        story_sentences=tuple(tuple(x) for x in sentences),
        kept=kept,
        foreign=foreign,
        filler=filler,
    )
    return StoryCorpus(texts=texts, planted=planted, seed=seed, layout=layout)
