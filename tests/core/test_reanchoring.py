"""The re-anchoring harness (``benchmarks/reanchor.py``) in the test suite: 2,000 random
annotations on the sample articles under scripted edits with per-character ground truth, a fixed
seed. No annotation may be placed silently wrong, and none whose quotation and context both
survive may be orphaned (unless the same words with the same context are there twice).

The figures are printed (``pytest -s``); ``python benchmarks/reanchor.py`` prints them for the
sample corpus and realnews-dev, beside a naive baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.reanchor import (
    COPY,
    Case,
    NEW,
    SCENARIOS,
    Draft,
    cases,
    judge,
    run,
    table,
    truth,
)
from reader.core.annotate import Anchored, AnchorStatus, new_annotation
from reader.core.corpus import documents_from_texts, load_corpus

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"


@pytest.mark.slow
def test_no_annotation_is_placed_silently_wrong_under_scripted_edits() -> None:
    documents = load_corpus([SAMPLE]).documents
    all_cases = cases(documents, seed=14, per_scenario=50)
    assert len(all_cases) == len(documents) * len(SCENARIOS) * 50
    tallies = run(all_cases)
    print("\n" + table(tallies))
    for scenario in SCENARIOS:
        t = tallies[scenario]
        assert t.wrong == 0, (scenario, [(c.annotation.exact, p.start, p.end) for c, p in t.examples])
        assert t.context_intact_orphaned == 0, scenario
    whole = tallies["all"]
    assert whole.total == len(all_cases)
    # Found again where they must be: every edit that leaves the quotation and its context in
    # place is survived, and the quotation is found after most edits near or inside it.
    assert tallies["edit near"].correct / tallies["edit near"].total > 0.85
    assert tallies["edit inside"].correct / tallies["edit inside"].total > 0.75
    assert tallies["moved paragraph"].correct / tallies["moved paragraph"].total > 0.9
    assert whole.correct + whole.orphaned + whole.ambiguous == whole.total
    # Intact quotations orphaned although one copy could be told from the others: 7 at the
    # start of issue 14 (with 20 placed silently wrong), 139 under its first strict rule, 27 since
    # a moved paragraph's own text and one edit beside a quotation count as evidence.
    # 20 since that text is asked to be as long as its own commonness (not the quotation's alone) asks.
    assert whole.decidable_intact_orphaned <= 24
    # A duplicated paragraph's copies are told apart by position: the original is the one still
    # at its offsets, or the one pushed on by the copy pasted before it (84 orphaned before).
    assert tallies["duplicated paragraph"].correct == tallies["duplicated paragraph"].total
    assert whole.intact_orphaned <= 24


@pytest.mark.slow
def test_no_annotation_is_placed_silently_wrong_under_another_seed() -> None:
    # Seed 99 holds a quotation over two sentences whose second was deleted: it was stretched
    # over the next sentence (issue 14's last wrong placement on the sample corpus).
    documents = load_corpus([SAMPLE]).documents
    tallies = run(cases(documents, seed=99, per_scenario=50))
    print("\n" + table(tallies))
    for scenario in SCENARIOS:
        t = tallies[scenario]
        assert t.wrong == 0, (scenario, [(c.annotation.exact, p.start, p.end) for c, p in t.examples])
        assert t.context_intact_orphaned == 0, scenario
    assert tallies["all"].decidable_intact_orphaned <= 32


# -- the harness's own ground truth ------------------------------------------------------------


def test_draft_tracks_where_every_character_came_from() -> None:
    draft = Draft("abc def ghi\n")
    draft.replace(4, 7, "XY")  # "abc XY ghi\n"
    assert draft.text == "abc XY ghi\n"
    assert draft.origin[4:6] == [NEW, NEW] and draft.origin[6:] == [7, 8, 9, 10, 11]
    draft.copy(0, 4, 11)
    assert draft.text == "abc XY ghi\nabc " and draft.origin[-4:] == [COPY] * 4
    draft.move(0, 4, 11)
    assert draft.text == "XY ghi\nabc abc " and draft.origin[7:11] == [0, 1, 2, 3]
    assert draft.where(0) == 7 and draft.where(5) is None


def test_truth_of_a_deleted_quotation_accepts_no_place() -> None:
    text = "The envoy said the talks would resume. The envoy said the talks would resume.\n"
    draft = Draft(text)
    draft.replace(39, 78, "")  # the second sentence is gone; the first is a copy of it
    t = truth(draft, 58, 68)
    assert (t.core, t.replaced) == (None, None)
    assert not t.accepts(draft.text, 19, 29)


def test_truth_follows_a_moved_paragraph_and_takes_in_inserted_words_at_the_edges() -> None:
    text = "First paragraph here.\nSecond one with the quote inside.\nThird.\n"
    start = text.index("the quote")
    draft = Draft(text)
    draft.move(22, 56, 63)
    t = truth(draft, start, start + len("the quote"))
    new_start = draft.text.index("the quote")
    assert t.intact and t.accepts(draft.text, new_start, new_start + 9)
    assert not t.accepts(draft.text, new_start, new_start + 8)  # cut short
    edited = Draft(text)
    edited.replace(start, start, "all ")
    t = truth(edited, start, start + 9)
    assert t.accepts(edited.text, start, start + 13) and t.accepts(edited.text, start + 4, start + 13)
    assert not t.accepts(edited.text, start - 5, start + 13)  # takes in a word of the context


def test_a_rewritten_quotation_may_be_placed_on_its_rewrite_only() -> None:
    text = "He said the talks would resume on Monday, officials said.\n"
    draft = Draft(text)
    start = text.index("would resume")
    draft.replace(start, start + 12, "might restart")
    t = truth(draft, start, start + 12)
    assert t.replaced == (start, start + 13)
    assert t.accepts(draft.text, start, start + 13) and not t.accepts(draft.text, start, start + 5)


def test_judge_tells_a_wrong_place_from_a_copy_of_an_ambiguous_quotation() -> None:
    text = "Iran said the talks would resume. Later Iran said the talks would resume.\n"
    document = documents_from_texts({"d": text})[0]
    start = text.rindex("the talks")
    draft = Draft(text)
    draft.replace(start, start + 9, "")
    a = new_annotation(document, start, start + 9)
    edited = documents_from_texts({"d": draft.text})[0]
    first = text.index("the talks")
    elsewhere = Anchored(a, first, first + 9, AnchorStatus.MOVED, 0.9)
    plain = Case("deleted quote", a, edited, truth(draft, start, start + 9))
    assert judge(plain, elsewhere) == "wrong"
    assert judge(plain, Anchored(a, None, None, AnchorStatus.ORPHAN, 0.0)) == "orphaned"
    made_ambiguous = Case("deleted quote", a, edited, truth(draft, start, start + 9), ambiguous=True)
    assert judge(made_ambiguous, elsewhere) == "ambiguous"
