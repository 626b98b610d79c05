"""The PAN13 harness's pure parts: reading the aligner's output, options, the baseline."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmarks.exact_baseline import ExactOptions, exact_passages
from benchmarks.pan13 import BenchError, data_file, engine_detections, parse_options, read_pairs
from benchmarks.plagdet import Passage


def span(doc: str, text: str, start: int, end: int) -> dict[str, object]:
    return {"doc": doc, "start": start, "end": end, "text": text[start:end]}


def test_every_a_span_pairs_with_every_b_span_of_a_group() -> None:
    texts = {"a": "one two three four", "b": "four three two one"}
    result = {
        "groups": [
            {
                "id": "g1",
                "spans": [
                    span("a", texts["a"], 0, 3),
                    span("a", texts["a"], 4, 7),
                    span("b", texts["b"], 15, 18),
                ],
            },
            {"id": "g2", "spans": [span("a", texts["a"], 8, 13)]},
        ]
    }
    detections, problems = engine_detections(result, texts)
    assert detections == [Passage(0, 3, 15, 18), Passage(4, 7, 15, 18)]
    assert problems == []


def test_spans_that_do_not_map_back_are_reported_not_scored() -> None:
    texts = {"a": "alpha beta", "b": "alpha beta"}
    result = {
        "groups": [
            {
                "id": "g1",
                "spans": [
                    {"doc": "a", "start": 0, "end": 5, "text": "ALPHA"},
                    {"doc": "b", "start": 6, "end": 99, "text": "beta"},
                    {"doc": "b", "start": 3, "end": 3, "text": ""},
                    {"doc": "c", "start": 0, "end": 1, "text": "a"},
                ],
            }
        ]
    }
    detections, problems = engine_detections(result, texts)
    assert detections == []
    assert len(problems) == 4
    assert "does not match" in problems[0]
    assert "outside the text" in problems[1]
    assert "empty span" in problems[2]
    assert "unknown document" in problems[3]


def test_options_are_read_as_literals() -> None:
    assert parse_options(["min_score=80", "ratio=0.5", "flag=true", "name=word", "x=None"]) == {
        "min_score": 80,
        "ratio": 0.5,
        "flag": True,
        "name": "word",
        "x": None,
    }
    with pytest.raises(BenchError):
        parse_options(["no_equals_sign"])


def test_missing_data_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match="data folder not found"):
        data_file(tmp_path / "absent", full=False)
    with pytest.raises(BenchError, match="data file not found"):
        data_file(tmp_path, full=True)


def test_read_pairs_filters_by_kind_and_limit(tmp_path: Path) -> None:
    rows = [{"id": str(i), "kind": "no-obfuscation" if i % 2 else "no-plagiarism"} for i in range(6)]
    path = tmp_path / "pairs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in rows) + "\n")
    assert [p["id"] for p in read_pairs(path, "no-obfuscation", 2)] == ["1", "3"]
    assert len(list(read_pairs(path, None, None))) == 6
    assert [p["id"] for p in read_pairs(path, None, None, per_kind=2)] == ["0", "1", "2", "3"]


def test_exact_baseline_finds_a_copied_passage_despite_white_space() -> None:
    shared = "the quick brown fox jumps over the lazy dog while the cat sleeps on the mat"
    a_text = "Unrelated opening words here. " + shared + " And a different ending."
    b_text = "Something else entirely first.\n" + shared.replace(" ", "\n  ", 3) + " Closing remarks."
    found = exact_passages(a_text, b_text, ExactOptions(n=8))
    assert len(found) == 1
    a0, a1, b0, b1 = found[0]
    assert a_text[a0:a1] == shared
    assert b_text[b0:b1].split() == shared.split()


def test_exact_baseline_finds_nothing_in_unrelated_texts() -> None:
    assert exact_passages("one two three four five six seven eight nine", "ten " * 20) == []


def test_examples_quote_false_positives_and_missed_cases() -> None:
    from benchmarks.pan13 import examples
    from benchmarks.plagdet import score_pair

    a_text = "alpha beta gamma delta epsilon zeta"
    b_text = "zeta epsilon delta gamma beta alpha"
    cases = [Passage(0, 10, 25, 35), Passage(11, 22, 13, 24)]
    detections = [Passage(0, 5, 30, 35), Passage(31, 35, 0, 4)]
    found = examples(cases, detections, score_pair(cases, detections), a_text, b_text)
    assert found == [
        "false positive a[31:35] 'zeta' ~ b[0:4] 'zeta'",
        "missed case a[11:22] 'gamma delta' ~ b[13:24] 'delta gamma'",
    ]


def test_options_are_checked_against_align_options() -> None:
    from benchmarks.pan13 import resolve_options

    assert resolve_options(None, {"min_score": 70}) == {"min_score": 70}
    with pytest.raises(BenchError, match="bad --opt"):
        resolve_options(None, {"no_such_field": 1})
    with pytest.raises(BenchError, match="no AlignOptions preset"):
        resolve_options("no_such_preset", {})
    with pytest.raises(BenchError, match="no AlignOptions preset"):
        resolve_options("__init__", {})
