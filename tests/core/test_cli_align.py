"""``parallax align`` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main


def test_table(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(sample_corpus_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].endswith("in 5 articles") and "shared passage" in lines[0]
    assert any(line.startswith("g1 ") for line in lines)
    assert "(quote, Iran\u2019s UN mission)" in out
    assert " reworded " in out
    # Names and titles are hidden by default...
    assert " fragment " not in out and "Iranian Foreign Ministry" not in out
    assert "\x1b" not in out
    # ...and listed with --all, as are the groups folded into a bigger one.
    assert main(["align", str(sample_corpus_path), "--all"]) == 0
    everything, _ = capsys.readouterr()
    assert int(everything.split()[0]) > int(out.split()[0])
    assert "fragment" in everything and "Hamas leader Ismail Haniyeh" in everything
    assert "killing 1,300 people and seizing scores" in everything


def test_presets(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(sample_corpus_path), "--preset", "long", "--format", "json"]) == 0
    long_groups = json.loads(capsys.readouterr()[0])["groups"]
    assert main(["align", str(sample_corpus_path), "--preset", "news", "--format", "json"]) == 0
    news_groups = json.loads(capsys.readouterr()[0])["groups"]
    assert len(long_groups) < len(news_groups)
    assert main(["align", str(sample_corpus_path), "--preset", "short"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == ["parallax: unknown preset 'short': choose news or long"]


def test_json_spans_are_slices(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(sample_corpus_path), "--format", "json", "--min-score", "90"]) == 0
    out, _ = capsys.readouterr()
    assert out.isascii()
    result = json.loads(out)
    texts = {d["id"]: Path(d["path"]).read_text(encoding="utf-8") for d in result["documents"]}
    assert len(texts) == 5
    assert result["groups"]
    for group in result["groups"]:
        assert group["score"] >= 90
        for span in group["spans"]:
            assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_control_characters_never_reach_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    passage = "the \x1b]52;c;aGk=\x07 council approved the emergency budget for flooded northern villages"
    (tmp_path / "a.txt").write_text(f"First. {passage} today.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second. {passage} again.", encoding="utf-8")
    for fmt in ("table", "json"):
        assert main(["align", str(tmp_path), "--format", fmt]) == 0
        out, _ = capsys.readouterr()
        assert "\x1b" not in out and "\x07" not in out
        assert "emergency budget" in out


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(tmp_path / "nope")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "no such file" in err


def test_empty_folder_and_bad_score(tmp_path: Path, sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(tmp_path)]) == 2
    _, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "no readable articles" in err
    assert main(["align", str(sample_corpus_path), "--min-score", "101"]) == 2
    _, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "--min-score" in err


def test_unreadable_file_is_reported_and_the_rest_aligns(
    tmp_path: Path, sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in sorted(sample_corpus_path.glob("*.txt"))[:2]:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    assert main(["align", str(tmp_path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "bad.txt" in err and len(err.strip().splitlines()) == 1
    assert len(json.loads(out)["documents"]) == 2
