"""``parallax figures`` and ``parallax quotes`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def test_figures_table_puts_disagreements_first(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_corpus_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    headers = [line.split()[1] for line in out.splitlines() if line[:1] == "f" and line[1:2].isdigit()]
    assert headers and headers == sorted(headers, key=lambda v: v != "DISAGREE")
    assert "DISAGREE  Israelis killed" in out
    assert "October 09,2023" in out and "Oct 15" in out  # each article's date beside its value
    assert "at least 1,400 Israelis" in out and "\x1b" not in out


def test_figures_json_is_the_issue_shape(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_corpus_path), "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    assert out.isascii()
    result = json.loads(out)
    texts = {d["id"]: Path(d["path"]).read_text(encoding="utf-8") for d in result["documents"]}
    assert len(texts) == 5 and {d["date"] for d in result["documents"]} == {None, "2023-10-09", "10-15"}
    assert result["figures"]
    for figure in result["figures"]:
        assert {"id", "what", "agree", "mentions"} <= set(figure)
        for mention in figure["mentions"]:
            assert {"doc", "start", "end", "text", "value", "qualifier"} <= set(mention)
            assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
    money = [f for f in result["figures"] if f["what"].startswith("$")]
    assert [m["value"] for m in money[0]["mentions"]] == [100000000, 100000000] and money[0]["agree"] is True


def test_quotes_table_and_json(sample_corpus_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", str(sample_corpus_path)]) == 0
    out, _ = capsys.readouterr()
    assert "Hossein Amir-Abdollahian  (also: " in out and "Amirabdollahian" in out
    assert main(["quotes", str(sample_corpus_path), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr()[0])
    texts = {d["id"]: Path(d["path"]).read_text(encoding="utf-8") for d in result["documents"]}
    names = {s["name"] for s in result["speakers"]}
    assert {"Hossein Amir-Abdollahian", "Ebrahim Raisi", "Ali Khamenei"} <= names
    for speaker in result["speakers"]:
        for quote in speaker["quotes"]:
            assert quote["wording"] in ("same", "differs", "one article")
            for span in quote["spans"]:
                assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_a_shared_quote_names_its_aligner_group(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = "we will rebuild every bridge and every school in the valley before the winter comes"
    (tmp_path / "a.txt").write_text(f'Minister Ann Lee said: "{quote}."\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(f'Speaking on Monday, Lee said "{quote}."\n', encoding="utf-8")
    assert main(["quotes", str(tmp_path), "--format", "json"]) == 0
    (speaker,) = json.loads(capsys.readouterr()[0])["speakers"]
    (shared,) = speaker["quotes"]
    assert shared["wording"] == "same" and shared["group"] is not None


def test_control_characters_never_reach_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text('Officials said 1,300 people\x1b]52;c;aGk=\x07 were killed. "Run\x1b[31m," Lee\x1b said.', encoding="utf-8")
    (tmp_path / "b.txt").write_text("At least 1,400 people\x1b[2J were killed, officials said.", encoding="utf-8")
    for command in ("figures", "quotes"):
        for fmt in ("table", "json"):
            assert main([command, str(tmp_path), "--format", fmt]) == 0
            out, _ = capsys.readouterr()
            assert "\x1b" not in out and "\x07" not in out


def test_missing_path_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("figures", "quotes"):
        assert main([command, str(tmp_path / "nope")]) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1
