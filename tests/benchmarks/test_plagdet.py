"""PAN's plagdet on hand-made cases; every expected figure is worked out in the comments."""

from __future__ import annotations

import math

import pytest

from benchmarks.plagdet import Passage, Tally, covered, evaluate, plagdet_score, score_pair


def P(a0: int, a1: int, b0: int, b1: int) -> Passage:
    return Passage(a0, a1, b0, b1)


CASE = P(0, 100, 0, 100)


def test_perfect_detection_scores_one() -> None:
    score = evaluate([([CASE], [CASE])])
    assert (score.recall, score.precision, score.granularity, score.plagdet) == (1, 1, 1, 1)


def test_half_coverage() -> None:
    # The detection covers 50 + 50 of the case's 200 chars: recall 0.5. All of it lies in the
    # case: precision 1. F1 = 2 * 0.5 * 1 / 1.5 = 2/3; granularity 1, log2(2) = 1.
    score = evaluate([([CASE], [P(0, 50, 0, 50)])])
    assert score.recall == 0.5
    assert score.precision == 1
    assert score.granularity == 1
    assert score.plagdet == pytest.approx(2 / 3)


def test_split_detection_has_granularity_two() -> None:
    # Two halves: full recall and precision, but two detections for one case.
    score = evaluate([([CASE], [P(0, 50, 0, 50), P(50, 100, 50, 100)])])
    assert score.recall == 1
    assert score.precision == 1
    assert score.granularity == 2
    assert score.plagdet == pytest.approx(1 / math.log2(3))


def test_detection_hitting_nothing_hurts_precision() -> None:
    # Precision is the mean over detections: (1 + 0) / 2. F1 = 2 * 1 * 0.5 / 1.5 = 2/3.
    score = evaluate([([CASE], [CASE, P(200, 300, 200, 300)])])
    assert score.recall == 1
    assert score.precision == 0.5
    assert score.granularity == 1
    assert score.plagdet == pytest.approx(2 / 3)


def test_overlap_on_one_side_only_is_no_hit() -> None:
    detection = P(0, 100, 500, 600)
    assert not CASE.hits(detection)
    score = evaluate([([CASE], [detection])])
    assert (score.recall, score.precision, score.plagdet) == (0, 0, 0)
    assert score.granularity == 1
    assert score.detected_cases == 0


def test_touching_ranges_do_not_overlap() -> None:
    assert not CASE.hits(P(100, 200, 0, 100))
    assert CASE.hits(P(99, 200, 99, 200))


def test_sides_of_different_lengths_count_every_char() -> None:
    # Case: 100 chars in a, 300 in b. The detection covers 100 + 100 of those 400: recall 0.5.
    score = evaluate([([P(0, 100, 0, 300)], [P(0, 100, 0, 100)])])
    assert score.recall == 0.5
    assert score.precision == 1


def test_overlapping_detections_are_counted_once() -> None:
    # [0, 60) and [40, 100) cover the case once, not 120 chars per side.
    score = evaluate([([CASE], [P(0, 60, 0, 60), P(40, 100, 40, 100)])])
    assert score.recall == 1
    assert score.precision == 1
    assert score.granularity == 2


def test_detection_spanning_two_cases() -> None:
    # The detection covers both cases (recall 1 each) but 100 chars per side in the gap are in
    # no case: precision (200 + 200) / 600 = 2/3. F1 = 2 * 2/3 / (5/3) = 0.8.
    cases = [P(0, 100, 0, 100), P(200, 300, 200, 300)]
    score = evaluate([(cases, [P(0, 300, 0, 300)])])
    assert score.recall == 1
    assert score.precision == pytest.approx(2 / 3)
    assert score.granularity == 1
    assert score.plagdet == pytest.approx(0.8)


def test_case_recall_matches_pan_reference_examples() -> None:
    # From the unit tests of PAN's evaluator: ann7 vs ann9 -> 0.5, ann7 vs ann10 -> 0.75.
    assert score_pair([CASE], [P(50, 150, 50, 150)]).case_recalls == (0.5,)
    assert score_pair([CASE], [P(25, 100, 25, 100)]).case_recalls == (0.75,)
    assert score_pair([CASE], [P(100, 200, 100, 200)]).case_recalls == (0.0,)


def test_pooled_over_cases_not_averaged_per_pair() -> None:
    # Pair 1: three cases, all found. Pair 2: one case, missed. Pooled recall 3/4 (a mean of
    # the per-pair recalls would give 0.5). The missed case does not change granularity.
    found = [P(0, 10, 0, 10), P(20, 30, 20, 30), P(40, 50, 40, 50)]
    score = evaluate([(found, list(found)), ([CASE], [])])
    assert score.recall == 0.75
    assert score.precision == 1
    assert score.granularity == 1
    assert score.cases == 4
    assert score.detected_cases == 3


def test_detection_cannot_hit_a_case_of_another_pair() -> None:
    score = evaluate([([CASE], []), ([], [CASE])])
    assert (score.recall, score.precision, score.plagdet) == (0, 0, 0)


def test_no_cases_and_no_detections_is_perfect() -> None:
    score = evaluate([([], []), ([], [])])
    assert (score.recall, score.precision, score.granularity, score.plagdet) == (1, 1, 1, 1)


def test_cases_without_detections_score_zero() -> None:
    score = evaluate([([CASE], [])])
    assert (score.recall, score.precision, score.granularity, score.plagdet) == (0, 0, 1, 0)


def test_detections_without_cases_score_zero() -> None:
    score = evaluate([([], [CASE])])
    assert (score.recall, score.precision, score.granularity, score.plagdet) == (0, 0, 1, 0)
    assert score.detections == 1


def test_tally_merge_equals_adding_everything_to_one() -> None:
    first, second, whole = Tally(), Tally(), Tally()
    a = score_pair([CASE], [P(0, 50, 0, 50), P(50, 100, 50, 100)])
    b = score_pair([CASE, P(200, 300, 200, 300)], [P(0, 100, 0, 40)])
    first.add(a)
    second.add(b)
    whole.add(a)
    whole.add(b)
    first.merge(second)
    assert first.score() == whole.score()
    # Recall: (1 + (100 + 40) / 200 + 0) / 3; granularity (2 + 1) / 2.
    assert whole.score().recall == pytest.approx((1 + 0.7) / 3)
    assert whole.score().granularity == 1.5


def test_plagdet_score_formula() -> None:
    assert plagdet_score(0, 0, 1) == 0
    assert plagdet_score(1, 1, 1) == 1
    assert plagdet_score(0.5, 1, 3) == pytest.approx((2 / 3) / 2)


def test_passage_from_lengths_and_size() -> None:
    passage = Passage.from_lengths(10, 5, 100, 20)
    assert passage == P(10, 15, 100, 120)
    assert passage.size == 25


@pytest.mark.parametrize("bad", [(0, 0, 0, 10), (0, 10, 5, 5), (5, 4, 0, 1), (-1, 3, 0, 1)])
def test_passage_rejects_empty_or_reversed_ranges(bad: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError):
        Passage(*bad)


def test_covered_counts_the_union_inside_the_window() -> None:
    assert covered(0, 100, [(10, 20), (15, 30), (90, 150), (-5, 2)]) == 2 + 20 + 10
    assert covered(0, 100, []) == 0
    assert covered(0, 100, [(100, 200)]) == 0
