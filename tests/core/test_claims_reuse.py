"""The claims stage's shortcuts give what the long way gives: copies of a sentence scored once
per pair of contents, clause breaks searched from the first mark a break holds, each article's
figures and sentences read once per alignment. Sentences from the sample corpus or written like
news copy."""

from __future__ import annotations

from pathlib import Path

from reader.core import numbers
from reader.core.align import AlignOptions, align
from reader.core.align import claims as claims_module
from reader.core.align import pair_scores
from reader.core.align.claims import candidate_pairs, claims_of
from reader.core.align.contents import contents
from reader.core.align.sentences import _CLAUSE, clause_breaks, sentence_spans
from reader.core.align.terms import sentence_units, term_weights, topic_terms
from reader.core.corpus import load_corpus
from reader.core.once import per_text, texts_read_once

ROOT = Path(__file__).resolve().parents[2]

STORY = [
    "Engineers warned that the old dam could soon collapse. Rescue crews carried 300 residents to "
    "higher ground, while the governor did not deny the evacuation was late.",
    "The dam may collapse soon, engineers warned on Tuesday. Rescue crews carried 300 residents to "
    "higher ground, while the governor did not deny the evacuation was late.",
    "Engineers warned that the old dam could soon collapse. Crews moved about 300 residents to the "
    "hills; the governor denied the evacuation was late.",
    "Engineers warned that the old dam could soon collapse. Rescue crews carried 300 residents to "
    "higher ground, while the governor did not deny the evacuation was late.",
]
"""Copies of one story: sentences repeated word for word in several articles."""


def _sample() -> list[str]:
    return [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]


def test_copies_of_a_sentence_share_a_content_and_other_sentences_do_not() -> None:
    units = [unit for d, text in enumerate(STORY) for unit in sentence_units(d, text)]
    content = contents(units, [False] * len(units))
    texts = [STORY[u.doc][u.start : u.end] for u in units]
    for a in range(len(units)):
        for b in range(len(units)):
            assert (content[a] == content[b]) == (texts[a] == texts[b]), (texts[a], texts[b])
    # The same words, one of them a name here and a word there: not one content.
    cased = [sentence_units(0, "The Rescue crews left."), sentence_units(1, "The rescue crews left.")]
    assert cased[0][0].bag == cased[1][0].bag
    one, other = contents([cased[0][0], cased[1][0]], [False, False])
    assert one != other


def test_pairs_scored_once_per_pair_of_contents_are_the_pairs_scored_one_by_one(monkeypatch) -> None:
    options = AlignOptions()
    for texts in (STORY, _sample(), STORY + _sample()):
        units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]
        weights = term_weights(units)
        topic = topic_terms(units)
        shared = candidate_pairs(units, weights, options, None, topic)
        monkeypatch.setattr(claims_module, "contents", lambda units, has: list(range(len(units))))
        alone = candidate_pairs(units, weights, options, None, topic)
        monkeypatch.undo()
        assert shared == alone
        assert [sorted(p.shared) for p in shared] == [sorted(p.shared) for p in alone]
    assert any(p.score > 0 for p in shared)


def test_copies_are_scored_once(monkeypatch) -> None:
    """Three articles carry the same two sentences: each pair of their contents is scored once
    (the figures of a sentence are read once per content and pair)."""
    units = [unit for d, text in enumerate(STORY) for unit in sentence_units(d, text)]
    weights = term_weights(units)
    calls = []
    real = pair_scores.conflict

    def counting(a, b, *rest):  # type: ignore[no-untyped-def]
        calls.append((a, b))
        return real(a, b, *rest)

    monkeypatch.setattr(pair_scores, "conflict", counting)
    pairs = candidate_pairs(units, weights, AlignOptions(), None, topic_terms(units))
    figured = [p for p in pairs if "n:300" in units[p.i].bag and "n:300" in units[p.j].bag]
    assert len(figured) == 6  # four articles give the figure, three in the same sentence
    assert len(calls) == 3  # the copies with each other, with the other sentence, and it with them


def test_claims_are_the_same_with_and_without_scoring_copies_once(monkeypatch) -> None:
    texts = STORY + _sample()
    once = claims_of(texts, AlignOptions())
    monkeypatch.setattr(claims_module, "contents", lambda units, has: list(range(len(units))))
    assert claims_of(texts, AlignOptions()) == once


def test_clause_breaks_are_searched_at_the_marks() -> None:
    text = "He left \u2014 and she stayed ; then , and so on -- she said: yes. No marks here at all"
    assert clause_breaks(text, 0, len(text)) == [m.start() for m in _CLAUSE.finditer(text) if m.start() > 0]
    tail = text.index("No marks")
    assert clause_breaks(text, tail, len(text)) == []
    samples = [*STORY, *_sample(), text]
    for doc in samples:
        for start, end in sentence_spans(doc):
            plain = [m.start() for m in _CLAUSE.finditer(doc, start, end) if start < m.start() < end]
            assert clause_breaks(doc, start, end) == plain


def test_a_text_is_read_once_while_an_alignment_runs() -> None:
    calls: list[str] = []

    @per_text
    def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
        calls.append(text)
        return text[start:end].split()

    assert words("a b") == ["a", "b"] and words("a b") == ["a", "b"]
    assert len(calls) == 2  # outside: read each time
    with texts_read_once():
        first = words("a b c")
        first.append("changed")
        assert words("a b c") == ["a", "b", "c"]  # a fresh list each time
        assert words("a b c", 2) == ["b", "c"]  # a part of a text is never kept
        with texts_read_once():
            assert words("a b c") == ["a", "b", "c"]
    assert calls == ["a b", "a b", "a b c", "a b c"]
    with texts_read_once():
        words("a b c")
    assert len(calls) == 5  # let go on leaving


def test_an_alignment_scans_each_article_once(monkeypatch) -> None:
    documents = load_corpus([ROOT / "sample_corpus"]).documents
    scanned: list[str] = []
    real = numbers._candidates

    def counting(text, start, end):  # type: ignore[no-untyped-def]
        if start == 0 and end == len(text):
            scanned.append(text)
        return real(text, start, end)

    expected = align(documents, AlignOptions(workers=1))
    monkeypatch.setattr(numbers, "_candidates", counting)
    assert align(documents, AlignOptions(workers=1)) == expected
    whole = [text for text in scanned if any(text == doc.text for doc in documents)]
    assert sorted(whole) == sorted(doc.text for doc in documents)  # the claims' terms and the figures: one scan


ODD = [
    "Smith & Wesson paid $100 million, or 1,300 shares; Iran\u2019s envoy didn't deny it. \u0130stanbul \u039f\u0394\u039f\u03a3 stayed.",
    "The ministry said it would not negotiate. It denied any involvement in the attack on 3,400 homes.",
    "\u0130NG\u0130L\u0130Z cannot say. \u03a3\u039f\u03a6\u0399\u0391 spent $ 12 billion to $ 13 billion -- and 25 per cent more.",
]
"""Words the aligner's tokens fold (a thousands separator, a unit, "&", curly apostrophes) and
letters whose lower case is longer or depends on the word's end."""


def test_the_aligners_tokens_give_the_sentences_splitting_the_text_gives(monkeypatch) -> None:
    from reader.core.align import terms
    from reader.core.align.tokens import tokenize

    for texts in (ODD, _sample(), STORY):
        monkeypatch.setattr(terms, "_WORDS", {})  # nothing known: every word read from its characters
        cold = [sentence_units(d, text, tokenize(text)) for d, text in enumerate(texts)]
        warm = [sentence_units(d, text, tokenize(text)) for d, text in enumerate(texts)]
        assert cold == warm == [sentence_units(d, text) for d, text in enumerate(texts)]


def test_a_text_whose_words_are_known_is_not_split_again(monkeypatch) -> None:
    from reader.core.align import terms
    from reader.core.align.tokens import tokenize

    splits: list[str] = []
    real = terms.split_words

    def counting(text: str):  # type: ignore[no-untyped-def]
        splits.append(text)
        return real(text)

    monkeypatch.setattr(terms, "split_words", counting)
    monkeypatch.setattr(terms, "_WORDS", {})
    plain = "Engineers warned that the old dam could soon collapse."
    sentence_units(0, plain, tokenize(plain))
    assert splits == []  # each word read from its characters
    sentence_units(0, ODD[0], tokenize(ODD[0]))
    # "&", "$100 million" and "1,300" are folded: each split alone; "ΟΔΟΣ" is not lower-cased
    # alone as in the text ("İ" there: letter by letter, so its "Σ" is no final "ς"): the text
    # is split again.
    assert splits == ["&", "100 million", "1,300", "\u039f\u0394\u039f\u03a3", ODD[0]]
    sentence_units(0, ODD[0], tokenize(ODD[0]))
    assert splits[4:] == [ODD[0]]  # ...once: their words are known now


def test_the_collector_is_paused_while_claims_are_found_and_turned_back_on(monkeypatch) -> None:
    import gc

    import pytest

    from reader.core.align import engine

    documents = load_corpus([ROOT / "sample_corpus"]).documents
    states: list[bool] = []
    real = engine.begin_claims

    def spy(*args):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(engine, "begin_claims", spy)
    assert gc.isenabled()
    expected = align(documents, AlignOptions(workers=1))
    assert states == [False] and gc.isenabled()
    gc.disable()
    try:
        assert align(documents, AlignOptions(workers=1)) == expected
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()

    def failing(*args):  # type: ignore[no-untyped-def]
        raise RuntimeError("stage failed")

    monkeypatch.setattr(engine, "begin_claims", failing)
    with pytest.raises(RuntimeError):
        align(documents, AlignOptions(workers=1))
    assert gc.isenabled()


def _name_runs_one_by_one(text: str) -> list[tuple[int, int, set[str]]]:
    """The stretches of names and their abbreviations, each stretch's initials read anew."""
    import re

    from reader.core.align.acronyms import _RUN, MIN_LETTERS

    out = []
    for run in _RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in re.finditer(r"\S+", run.group())]
        for a in range(len(words)):
            for b in range(a + 2, len(words) + 1):
                if words[a][2][0].isupper() and words[b - 1][2][0].isupper():
                    stretch = [w for _, _, w in words[a:b]]
                    caps = "".join(w[0] for w in stretch if w[0].isupper())
                    every = "".join(w[0] for w in stretch if w != "&").upper()
                    found = {x for x in (caps, every) if len(x) >= MIN_LETTERS}
                    if found:
                        out.append((words[a][0], words[b - 1][1], found))
    return out


def test_the_initials_of_names_built_word_by_word_are_those_read_one_by_one() -> None:
    from reader.core.align.acronyms import name_runs

    texts = [
        *_sample(),
        *STORY,
        "The North American Free Trade Agreement and the Organization of Islamic Cooperation met Smith & Wesson.",
        "Driving Under the Influence of Alcohol; the Department Of Justice and Trade Hub Europe for the Union.",
    ]
    assert sum(len(name_runs(text)) for text in texts) > 50
    for text in texts:
        assert name_runs(text) == _name_runs_one_by_one(text)
