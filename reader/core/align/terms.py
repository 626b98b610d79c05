"""What a sentence says, as terms: content words folded and stemmed, figures normalised.

:func:`sentence_units` splits a document into sentences (:mod:`reader.core.align.sentences`)
and gives each its TERMS, in text order, each with the characters it covers:

* content words (not the aligner's function words, nor a few more that carry no claim: "would",
  "including"...), lower-cased and stemmed with the Snowball English stemmer after British
  spellings are made American (``killed`` = ``killing``, ``colour`` = ``color``, ``centre`` =
  ``center``, ``organise`` = ``organize``, ``briefly`` = ``brief``);
* figures in their canonical forms (:func:`reader.core.numbers.number_terms`, the one
  definition Parallax has: ``1,300`` = ``1300``, ``December 31`` = ``31 December``, ``$100m``
  = ``100 million``; "one" and "first" left out, too often no figure), plus two coarse forms
  of each amount (:func:`about`) so that figures that disagree a little still meet ("$13.9
  billion" / "$13.2 billion" / "$ 12 billion to $ 13 billion").

:func:`term_weights` weighs each term by its inverse sentence frequency in the corpus: a name
that every article repeats weighs little, a rare word or a figure much.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import is_

from reader.core.align.compiled import UNITS
from reader.core.align.sentences import clause_breaks, sentence_spans
from reader.core.align.tokens import STOP_WORDS, Tokens, fold_case, split_words
from reader.core.numbers import number_terms

__all__ = ["Unit", "about", "figures", "rare_words", "sentence_counts", "sentence_units", "stem", "term_of", "term_weights", "topic_terms"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one document, with its terms."""

    doc: int
    """The document's index in the corpus."""
    start: int
    end: int
    """Character range of the sentence."""
    terms: tuple[tuple[str, int, int], ...]
    """``(term, start, end)`` in text order: each content word or figure, with its characters."""
    common: frozenset[str]
    """The terms written in lower case here at least once, and the figures: what a claim is
    made of besides names."""
    bag: frozenset[str]
    """Every term of the sentence, once."""
    clauses: tuple[int, ...] = ()
    """The clause of each term (as :attr:`terms`), counted from 0 at the sentence's start
    (:func:`~reader.core.align.sentences.clause_breaks`); empty for a sentence of one clause."""


EXTRA_STOP = frozenset(
    """would could should might must shall may can cannot also just even still yet ago
    however though although whether including among amid per via since upon onto within
    without around across along toward towards away back well much many several lot lots
    get got make made take took go went come came put set use used""".split()
)
"""Words beyond the aligner's function words that say nothing about a claim."""


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    """The Snowball English stemmer (PyStemmer, in C; imported on first use)."""
    import Stemmer

    return Stemmer.Stemmer("english")


def _spelled(word: str) -> str:
    """``word`` with British spellings made American (before stemming)."""
    if len(word) > 5 and word.endswith("our"):
        return word[:-3] + "or"  # colour, misdemeanour
    if len(word) > 4 and word.endswith(("tre", "tres")):
        return word.replace("tre", "ter")  # centre, kilometres
    return word


def _restem(word: str, found: str) -> str:
    """The stem of ``word`` as Snowball gave it (``found``), with two folds Snowball lacks."""
    if len(found) > 5 and found.endswith("is"):
        return found[:-2] + "iz"  # organis(e) = organiz(e)
    if found.endswith("li") and word.endswith("ly") and not word.endswith("ily") and len(word) >= 6:
        return found[:-2]  # briefly = brief
    return found


def stem(word: str) -> str:
    """``word`` (folded) with British spellings made American, stemmed."""
    return _restem(word, _stemmer().stemWord(_spelled(word)))


def about(form: str) -> tuple[str, ...]:
    """Coarse terms (``~``-prefixed) that a figure shares with figures near it: ``13.9
    billion``, ``13.2 billion`` and ``14 billion``; ``160,000`` and ``167,000``. Two buckets a
    tenth of a decade wide, offset by half a bucket, so figures within about 12% of each other
    always share one; a range has those of both its ends ("12 to 13 billion"). Years and
    numbers under 100 get none: 2001 is not 2002, a 33-year-old is not a 32-year-old."""
    if form.startswith("range:"):
        body = form[6:]
        kind = "%:" if body.startswith("%") else "n:"
        low, _, high = body.lstrip("%").partition("-")
        return (*about(kind + low), *about(kind + high))
    if not form.startswith(("n:", "%:")):
        return ()
    try:
        value = float(form[2:])
    except ValueError:
        return ()
    if value < 100 or (value == int(value) and 1900 <= value <= 2100):
        return ()
    scaled = 10 * math.log10(value)
    kind = form[:2]
    return (f"~{kind}{math.floor(scaled)}", f"~{kind}{math.floor(scaled + 0.5)}h")


NO_CLAIM_FIGURES = frozenset({"n:1", "ord:1"})
"""Figure forms that say nothing about a claim: "one of the", "the first time"."""


def figures(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of the figures of ``text`` a claim can rest on (see the module)."""
    return [term for term in number_terms(text) if term[2] not in NO_CLAIM_FIGURES]


_TERMS: dict[str, str] = {}
"""Folded word -> its term ("" for a word that is no term: function words, digits)."""


def _learn(words: Iterable[str]) -> None:
    """Put the terms of ``words`` not seen yet in :data:`_TERMS` (stemmed in one call)."""
    new = set(words).difference(_TERMS)
    if not new:
        return
    content = []
    for word in new:
        if word[0].isdigit() or word in STOP_WORDS or word in EXTRA_STOP or len(word) < 2:
            _TERMS[word] = ""
        else:
            content.append(word)
    if content:
        stems = _stemmer().stemWords([_spelled(w) for w in content])
        for word, found in zip(content, stems):
            _TERMS[word] = _restem(word, found)


def term_of(word: str) -> str:
    """The term :func:`sentence_units` gives the folded ``word`` (before negation): its stem,
    or "" when it is no term (a function word, a digit: "who", "now")."""
    _learn((word,))
    return _TERMS[word]


NEGATORS = frozenset("not no never without cannot nor neither deny denies denied denying".split())
"""Words that turn the meaning of the next content word around ("denied" too: "Iran denied
involvement" says what "Iran was not involved" says)."""
PASS_ON = frozenset("want wants wanted wish intend intends plan plans planned seek seeks try tries tried".split())
"""Verbs a negation holds for the verb after ("did not want to negotiate", "does not plan to
attend"): they are no terms of their own then, the next content word is negated."""
NEGATION_REACH = 4
"""A negation holds for the first content word at most this many words after it."""
NEGATED = "\u00ac"
"""Prefix of a negated term: ``\u00acinvolv`` ("not involved", "denied any involvement")."""


def _negate(words: Sequence[str], terms_of: list[str]) -> None:
    """Mark the content word a negation holds for (in ``terms_of``, in place): "cannot be
    justified" and "has justified" then share no term, while "denied involvement" and "was
    not involved" share ``\u00acinvolv``. The negating words are no terms themselves. Only the
    few words after each negating word are read (found through a set of the text's negating
    words, not word by word)."""
    negating = set(NEGATORS.intersection(words))
    joined = " ".join(words)
    at = joined.find("n't")
    while at >= 0:
        if joined.startswith(" ", at + 3) or at + 3 == len(joined):
            negating.add(joined[joined.rfind(" ", 0, at) + 1 : at + 3])  # "didn't", "won't"
        at = joined.find("n't", at + 3)
    count = len(words)
    for k in compress(range(count), map(negating.__contains__, words)):
        terms_of[k] = ""
        pending = NEGATION_REACH
        j = k + 1
        while pending and j < count:
            word = words[j]
            if word in negating:
                break  # the next negation holds from there
            if word in PASS_ON:
                terms_of[j] = ""  # "do not want to negotiate" denies "negotiate"
                pending = NEGATION_REACH
            elif terms_of[j]:
                terms_of[j] = NEGATED + terms_of[j]
                pending = 0
            else:
                pending -= 1
            j += 1


_WORDS: dict[int, str] = {}
"""The folded words seen, by their hash as the aligner's tokens hold it (:attr:`Tokens.words`)."""
_MASK = 0xFFFFFFFFFFFFFFFF


def _split(text: str, tokens: Tokens | None) -> tuple[list[str], array, array]:
    """The folded words of ``text`` and their offsets (``array('i')``), as :func:`split_words`
    gives them: from the aligner's ``tokens`` of the text (already split) when every word of
    them is known by its hash or read again from its characters, else split again."""
    if tokens is not None:
        words = list(map(_WORDS.get, tokens.words))
        if None not in words or _recall(text, tokens, words):
            return words, _ints(tokens.starts), _ints(tokens.ends)
    words, starts, ends, _ = split_words(text)
    for word in set(words):
        _WORDS[hash(word) & _MASK] = word
    return words, array("i", starts), array("i", ends)


def _ints(offsets: Sequence[int]) -> array:
    """``offsets`` as an ``array('i')`` (the tokens' own, not copied, when they are one)."""
    return offsets if isinstance(offsets, array) and offsets.typecode == "i" else array("i", offsets)


_SHARED_OFFSETS = 1 << 16
"""Offsets below this are given as int objects shared by every sentence: each term keeps two,
and one object per term would be 64 bytes a term (a tenth of the claims stage's memory)."""


@lru_cache(maxsize=1)
def _offset_table() -> list[int]:
    """The shared int objects of the terms' offsets (made on first use)."""
    return list(range(_SHARED_OFFSETS))


def _recall(text: str, tokens: Tokens, words: list[str | None]) -> bool:
    """Fill in the words of ``tokens`` not known yet from their characters (folded, or split
    alone when folding them is not the word: a number written with separators or a unit, "&"
    for "and"), if each one then hashes as the token does (else False, and the text is split
    again)."""
    hashes, starts, ends = tokens.words, tokens.starts, tokens.ends
    for k in [k for k, word in enumerate(words) if word is None]:
        piece = text[starts[k] : ends[k]]
        word = fold_case(piece)
        if hash(word) & _MASK != hashes[k]:
            alone = split_words(piece)[0]
            if len(alone) != 1 or hash(alone[0]) & _MASK != hashes[k]:
                return False
            word = alone[0]
        words[k] = _WORDS[hashes[k]] = word
    return True


def sentence_units(d: int, text: str, tokens: Tokens | None = None, sets: dict[frozenset[str], frozenset[str]] | None = None) -> list[Unit]:
    """The sentences of document number ``d`` (text ``text``) that have terms (``tokens``: the
    aligner's tokens of the text, if it has them: it is not split again). ``sets``: the sets
    of terms made so far (of a corpus), by themselves: a sentence's set equal to one of them
    is that one, kept once (wire copy repeats sentences: at 1,000 story articles, 21,209
    sentences hold 22,960 distinct sets of their 42,418)."""
    words, starts, ends = _split(text, tokens)
    found = figures(text)
    terms_of = list(map(_TERMS.get, words))
    if None in terms_of:
        _learn(compress(words, map(is_, terms_of, repeat(None))))  # the words not known yet
        terms_of = list(map(_TERMS.__getitem__, words))
    if NEGATORS.intersection(words) or "n't" in text or "n\u2019t" in text:
        _negate(words, terms_of)
    for a, b, _ in found:
        for k in range(bisect_left(starts, a), bisect_left(starts, b)):
            terms_of[k] = ""  # part of a figure ("seven", "December")
    loop = _units if UNITS is None else UNITS.units
    return loop(d, text, terms_of, starts, ends, sentence_spans(text), found, sets, _offset_table(), Unit, about)


def _by_start(term: tuple[str, int, int]) -> tuple[int, str]:
    """The order of a sentence's terms: by their start, then by themselves."""
    return term[1], term[0]


def _units(
    d: int,
    text: str,
    terms_of: list[str],
    starts: array,
    ends: array,
    spans: list[tuple[int, int]],
    found: list[tuple[int, int, str]],
    sets: dict[frozenset[str], frozenset[str]] | None,
    table: list[int],
    unit: type[Unit],
    near: Callable[[str], tuple[str, ...]],
) -> list[Unit]:
    """The units of :func:`sentence_units` (the loop over the sentences ``spans``; compiled:
    ``_unit_kernels.units``, same arguments, same result): each sentence's terms, the words'
    (``terms_of``, "" for none, at ``starts``/``ends``) and the figures' (``found``), with
    their clauses, the terms written in lower case and the bag. Offsets below the length of
    ``table`` are its int objects (one per offset, shared by every sentence)."""
    units: list[Unit] = []
    shared = len(table)
    f = 0
    for s0, s1 in spans:
        t0, t1 = bisect_left(starts, s0), bisect_left(starts, s1)
        terms = [
            (terms_of[k], table[starts[k]] if starts[k] < shared else starts[k], table[ends[k]] if ends[k] < shared else ends[k])
            for k in range(t0, t1)
            if terms_of[k]
        ]
        while f < len(found) and found[f][0] < s0:
            f += 1
        if f < len(found) and found[f][0] < s1:
            while f < len(found) and found[f][0] < s1:
                a, b, form = found[f]
                terms.append((form, a, b))
                terms.extend([(coarse, a, b) for coarse in near(form)])
                f += 1
            terms.sort(key=_by_start)
        if terms:
            breaks = clause_breaks(text, s0, s1)
            clauses = tuple([bisect_right(breaks, a) for _, a, _ in terms]) if breaks else ()
            common, bag = _common(text, terms), frozenset([t for t, _, _ in terms])
            if sets is not None:
                bag = sets.setdefault(bag, bag)
                common = sets.setdefault(common, common)
            units.append(unit(d, s0, s1, tuple(terms), common, bag, clauses))
    return units


def _common(text: str, terms: list[tuple[str, int, int]]) -> frozenset[str]:
    """The terms of a sentence written in lower case at least once, not as a title inside a
    name ("Hamas leader Ismail Haniyeh", "Iran's foreign minister Hossein"...), and the
    figures."""
    out = set()
    last = len(terms) - 1
    for k, (term, a, _) in enumerate(terms):
        if text[a].isupper():
            continue
        if 0 < k < last and a >= 1:
            before, after = terms[k - 1], terms[k + 1]
            if (
                text[before[1]].isupper() and text[after[1]].isupper()
                and a - before[2] <= 3 and after[1] - terms[k][2] <= 3
            ):
                continue  # a title between two names
        out.add(term)
    return frozenset(out)


def sentence_counts(units: Sequence[Unit]) -> Counter[str]:
    """How many of ``units`` hold each term (what :func:`term_weights` and :func:`topic_terms`
    count, counted once for both)."""
    return Counter(chain.from_iterable(unit.bag for unit in units))


def topic_terms(units: Sequence[Unit], counts: Counter[str] | None = None) -> frozenset[str]:
    """The terms of the story itself rather than of one claim: found in half the documents or
    more (three at least) and in twice as many sentences as documents on average. Every
    article of a story about a DUI arrest says "Jackson", "arrested" and "DUI" again and again;
    a claim ("on probation for a prior DUI") is stated about once per article. Two sentences
    that share only topic terms need not state the same claim. ``counts``: the units'
    :func:`sentence_counts`, if counted."""
    sentences = sentence_counts(units) if counts is None else counts
    by_doc: dict[int, set[str]] = {}
    for unit in units:
        by_doc.setdefault(unit.doc, set()).update(unit.bag)
    docs: Counter[str] = Counter()
    for terms in by_doc.values():
        docs.update(terms)
    floor = max(3, len(by_doc) / 2)
    return frozenset(t for t, d in docs.items() if d >= floor and sentences[t] >= TOPIC_REPEAT * d)


SOURCING = frozenset(
    stem(w)
    for w in """anonymity condition comment comments request requests respond responded statement spokesman
    spokeswoman spokesperson official officials told according reporters interview declined
    immediately""".split()
)
"""Words that say who told a fact, not what it is ("spoke on condition of anonymity", "did not
immediately respond to a request for comment"): two outlets sharing them share a formula."""


RARE_MIN_DOCS = 4
"""Rare words (:func:`rare_words`) are looked for only in a corpus of this many documents or
more: two other outlets at least must have told the story without them."""


def rare_words(units: Sequence[Unit]) -> frozenset[str]:
    """The words (not figures, not denials, not :data:`SOURCING`) that at most two documents of
    the corpus hold: two articles sharing several of them, written in lower case, share a
    wording no other outlet used. None in a corpus of fewer than :data:`RARE_MIN_DOCS`
    documents: with no other outlet to leave a word out, every word is rare."""
    if len({unit.doc for unit in units}) < RARE_MIN_DOCS:
        return frozenset()
    by_doc: dict[int, set[str]] = {}
    for unit in units:
        by_doc.setdefault(unit.doc, set()).update(unit.common)  # each document's terms once (in C)
    held = Counter(chain.from_iterable(by_doc.values()))
    return frozenset(
        t for t, count in held.items()
        if count <= 2 and t[0] != "~" and t[0] != NEGATED and ":" not in t and t not in SOURCING
    )


TOPIC_REPEAT = 2.0
"""A topic term is found in this many sentences per document holding it, on average."""


def term_weights(units: Sequence[Unit], counts: Counter[str] | None = None) -> dict[str, float]:
    """Each term's weight: ``log(N / df)`` with ``N`` sentences, ``df`` of them holding it (a
    coarse figure term weighs half). ``counts``: the units' :func:`sentence_counts`, if counted."""
    df = sentence_counts(units) if counts is None else counts
    total = max(2, len(units))
    return {term: math.log(total / count) * (0.5 if term[0] == "~" else 1.0) for term, count in df.items()}
