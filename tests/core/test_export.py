"""Exports: every format parsed back (offsets, text, tags, notes), W3C against its schema,
CSV formula injection, and safe writing (no symlinks, no escaping the folder)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from reader.core.annotate import Anchored, AnchorStatus, anchor_all, new_annotation
from reader.core.corpus import load_corpus
from reader.core.export import (
    CSV_COLUMNS,
    EXPORTERS,
    ExportError,
    brat_fragments,
    csv_cell,
    export_annotations,
    export_files,
    write_export,
)
from reader.core.models import Corpus, Document

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"
SCHEMA = json.loads((Path(__file__).parent / "test_export_web_annotation.schema.json").read_text())


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".parallax"))
    return load_corpus([folder])


def _make(corpus: Corpus) -> tuple[Anchored, ...]:
    d0, d1, d2 = corpus.documents[:3]
    nl = d1.text.index("\n\n", 200)  # a span across a paragraph break
    specs = [
        (d0, 100, 160, ["=HYPERLINK(\"http://evil\")", "claim"], "first note\nsecond line\twith tab"),
        (d0, 300, 340, ["claim"], ""),
        (d1, nl - 20, nl + 25, ["two words"], "@SUM(1+1)"),
        (d1, 50, 90, [], "just a note, \"quoted\""),
        (d2, 10, 60, ["-minus", "+plus", "quote"], "*markdown* [link](x) <b>"),
        (d2, 200, 230, [], ""),
        (d2, 260, 300, ["'quoted"], "'=not a formula"),
    ]
    annotations = [
        replace(new_annotation(d, s, e, tags=tags, note=note), id=uuid.uuid4().hex) for d, s, e, tags, note in specs
    ]
    # an orphan: its article is not in the corpus
    orphan = replace(annotations[1], id=uuid.uuid4().hex, doc="deleted-article", tags=("claim",))
    return anchor_all(annotations + [orphan], corpus)


def _expected(anchored: tuple[Anchored, ...], corpus: Corpus) -> dict[str, tuple]:
    docs = {d.id: d for d in corpus.documents}
    out = {}
    for a in anchored:
        ann = a.annotation
        if a.status is AnchorStatus.ORPHAN:
            out[ann.id] = (ann.doc, None, None, ann.exact, ann.tags, ann.note)
        else:
            out[ann.id] = (ann.doc, a.start, a.end, docs[ann.doc].text[a.start : a.end], ann.tags, ann.note)
    return out


# -- JSON Lines -------------------------------------------------------------------------------------


def test_jsonl_round_trip(corpus: Corpus) -> None:
    anchored = _make(corpus)
    lines = export_annotations(anchored, corpus, "jsonl").splitlines()
    assert len(lines) == len(anchored)
    parsed = [json.loads(line) for line in lines]
    got = {r["id"]: (r["doc"], r["start"], r["end"], r["exact"], tuple(r["tags"]), r["note"]) for r in parsed}
    assert got == _expected(anchored, corpus)
    assert parsed[-1]["status"] == "orphan" and parsed[-1]["file"] is None
    docs = {d.id: d for d in corpus.documents}
    for r in parsed[:-1]:
        assert r["status"] == "exact" and r["file"] == docs[r["doc"]].path and r["title"] == docs[r["doc"]].title


# -- CSV --------------------------------------------------------------------------------------------


def _uncell(text: str) -> str:
    return text.removeprefix("'")


def test_csv_round_trip_and_formula_injection(corpus: Corpus) -> None:
    anchored = _make(corpus)
    content = export_annotations(anchored, corpus, "csv")
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    records = [dict(zip(CSV_COLUMNS, (_uncell(c) for c in row))) for row in rows[1:]]
    got = {
        r["id"]: (
            r["doc"],
            int(r["start"]) if r["start"] else None,
            int(r["end"]) if r["end"] else None,
            r["exact"],
            tuple(r["tags"].split("; ")) if r["tags"] else (),
            r["note"],
        )
        for r in records
    }
    assert got == _expected(anchored, corpus)
    assert "'=HYPERLINK" in content and "'@SUM" in content and "'-minus; +plus" in content
    assert "''quoted" in content and "''=not a formula" in content


@pytest.mark.parametrize("value,cell", [("=1+1", "'=1+1"), ("+3", "'+3"), ("-2", "'-2"), ("@a", "'@a"),
                                        ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=1", "''=1"), ("'a", "''a"),
                                        ("a=b", "a=b"), (" =1", " =1"), (None, ""), (12, "12")])
def test_csv_cell(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


# -- W3C ----------------------------------------------------------------------------------------------


def test_w3c_validates_against_the_schema_and_round_trips(corpus: Corpus) -> None:
    anchored = _make(corpus)
    collection = json.loads(export_annotations(anchored, corpus, "w3c"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(collection, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["first"]["type"] == "AnnotationPage"
    assert collection["total"] == len(anchored) == len(collection["first"]["items"])
    by_source = {Path(d.path).as_uri(): d for d in corpus.documents}
    stored = {a.annotation.id: a.annotation for a in anchored}
    got = {}
    for item in collection["first"]["items"]:
        ann_id = uuid.UUID(item["id"].removeprefix("urn:uuid:")).hex
        assert item["type"] == "Annotation" and item["target"]["type"] == "SpecificResource"
        assert (item["created"], item["modified"]) == (stored[ann_id].created, stored[ann_id].updated)
        selectors = item["target"]["selector"]
        quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
        position = next((s for s in selectors if s["type"] == "TextPositionSelector"), None)
        bodies = item.get("body", [])
        assert all(b["type"] == "TextualBody" and b["purpose"] in ("tagging", "commenting") for b in bodies)
        tags = tuple(b["value"] for b in bodies if b["purpose"] == "tagging")
        notes = [b["value"] for b in bodies if b["purpose"] == "commenting"]
        document = by_source.get(item["target"]["source"])
        if position is not None:
            assert document is not None and [s["type"] for s in selectors] == ["TextQuoteSelector", "TextPositionSelector"]
            text = document.text
            assert text[position["start"] : position["end"]] == quote["exact"]
            assert quote["prefix"] == text[max(0, position["start"] - 32) : position["start"]]
            assert quote["suffix"] == text[position["end"] : position["end"] + 32]
            got[ann_id] = (document.id, position["start"], position["end"], quote["exact"], tags, notes[0] if notes else "")
        else:
            assert item["target"]["source"] == "urn:parallax:doc:deleted-article"
            assert (quote["prefix"], quote["suffix"]) == (stored[ann_id].prefix, stored[ann_id].suffix)
            got[ann_id] = ("deleted-article", None, None, quote["exact"], tags, notes[0] if notes else "")
        assert item["motivation"] == ("tagging" if tags else "commenting" if notes else "highlighting")
    assert got == _expected(anchored, corpus)


def _set(path: tuple, value: object):  # type: ignore[no-untyped-def]
    """A change to one place of the export (``...`` as value deletes the key)."""

    def change(collection: dict) -> None:
        where = collection
        for key in path[:-1]:
            where = where[key]
        if value is ...:
            del where[path[-1]]
        else:
            where[path[-1]] = value

    return change


ITEM = ("first", "items", 0)
W3C_BREAKAGES = {
    "other @context": _set(("@context",), "http://schema.org/"),
    "collection type": _set(("type",), "Collection"),
    "no first page": _set(("first",), ...),
    "page type": _set(("first", "type"), "Page"),
    "annotation type": _set((*ITEM, "type"), "Note"),
    "annotation id not an IRI": _set((*ITEM, "id"), "no iri"),
    "unknown motivation": _set((*ITEM, "motivation"), "liking"),
    "no target": _set((*ITEM, "target"), ...),
    "target not a SpecificResource": _set((*ITEM, "target", "type"), "Text"),
    "target without source": _set((*ITEM, "target", "source"), ...),
    "no selector": _set((*ITEM, "target", "selector"), []),
    "position selector first": _set((*ITEM, "target", "selector", 0), {"type": "TextPositionSelector", "start": 1, "end": 2}),
    "quote without exact": _set((*ITEM, "target", "selector", 0, "exact"), ...),
    "negative start": _set((*ITEM, "target", "selector", 1, "start"), -1),
    "position without end": _set((*ITEM, "target", "selector", 1, "end"), ...),
    "offset as text": _set((*ITEM, "target", "selector", 1, "start"), "10"),
    "unknown selector": _set((*ITEM, "target", "selector", 1), {"type": "RegexSelector", "value": "x"}),
    "body not TextualBody": _set((*ITEM, "body", 0, "type"), "Text"),
    "body without value": _set((*ITEM, "body", 0, "value"), ...),
    "unknown purpose": _set((*ITEM, "body", 0, "purpose"), "liking"),
    "created not a date": _set((*ITEM, "created"), "yesterday"),
    "unknown property": _set((*ITEM, "tags"), ["claim"]),
}


@pytest.mark.parametrize("breakage", sorted(W3C_BREAKAGES))
def test_w3c_schema_rejects_what_the_model_does_not_allow(corpus: Corpus, breakage: str) -> None:
    collection = json.loads(export_annotations(_make(corpus), corpus, "w3c"))
    item = collection["first"]["items"][0]
    assert item["body"] and [s["type"] for s in item["target"]["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    jsonschema.validate(collection, SCHEMA, cls=jsonschema.Draft202012Validator)  # valid before the change
    W3C_BREAKAGES[breakage](collection)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(collection, SCHEMA, cls=jsonschema.Draft202012Validator)


# -- Markdown -------------------------------------------------------------------------------------------


def test_markdown_report_groups_by_tag_and_names_sources(corpus: Corpus) -> None:
    anchored = _make(corpus)
    report = export_annotations(anchored, corpus, "markdown")
    assert report.startswith("# Parallax annotations\n")
    assert "## claim (2)" in report and "## two words (1)" in report and "## Untagged (2)" in report
    assert "## Not placed (1)" in report and "`deleted-article` (article not loaded)" in report
    d0 = corpus.documents[0]
    assert f"*{d0.title}* (`{Path(d0.path).name}`), characters 100–160" in report
    quoted = d0.text[100:160].split("\n")[0]
    assert f"> {quoted}" in report
    assert r"\*markdown\* \[link\](x) \<b\>" in report  # the note cannot inject markup


def _read_markdown(report: str) -> set[tuple[str, str | None, int | None, int | None, str, str]]:
    """The report parsed back: ``(section, file, start, end, quoted text, note)`` per entry."""
    unescape = re.compile(r"\\(.)")
    entries = set()
    section = ""
    lines = report.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = unescape.sub(r"\1", line[3:].rsplit(" (", 1)[0])
        if line.startswith(">"):
            quoted = []
            while lines[i].startswith(">"):
                quoted.append(unescape.sub(r"\1", lines[i][2:]))
                i += 1
            where = lines[i + 1]
            assert where.startswith("— ")
            found = re.search(r"\(`([^`]+)`\), characters (\d+)–(\d+)", where)
            note_lines = []
            j = i + 2
            while j < len(lines) and lines[j] != "" or (j + 1 < len(lines) and lines[j + 1].startswith("  Note: ")):
                if lines[j].startswith("  Note: ") or (note_lines and lines[j].startswith("  ")):
                    note_lines.append(unescape.sub(r"\1", lines[j].removeprefix("  Note: ").removeprefix("  ")))
                j += 1
            file, start, end = (found.group(1), int(found.group(2)), int(found.group(3))) if found else (None, None, None)
            entries.add((section, file, start, end, "\n".join(quoted), "\n".join(note_lines)))
            i = j
        i += 1
    return entries


def test_markdown_round_trip(corpus: Corpus) -> None:
    anchored = _make(corpus)
    docs = {d.id: d for d in corpus.documents}
    expected = set()
    for a in anchored:
        ann = a.annotation
        placed = a.status is not AnchorStatus.ORPHAN
        text = docs[ann.doc].text[a.start : a.end] if placed else ann.exact
        text = "\n".join(line if line.strip() else "" for line in text.split("\n"))
        sections = (ann.tags or ("Untagged",)) if placed else ("Not placed",)
        file = Path(docs[ann.doc].path).name if placed else None
        for section in sections:
            expected.add((section, file, a.start if placed else None, a.end if placed else None, text, ann.note))
    assert _read_markdown(export_annotations(anchored, corpus, "markdown")) == expected


# -- brat ------------------------------------------------------------------------------------------------


def _parse_ann(content: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], dict[str, str]]:
    entities, notes = {}, {}
    for line in content.splitlines():
        key, middle, rest = line.split("\t", 2)
        if key.startswith("T"):
            kind, offsets = middle.split(" ", 1)
            fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            entities[key] = (kind, fragments, rest)  # type: ignore[assignment]
        elif key.startswith("#"):
            _, target = middle.split(" ")
            notes[target] = rest
    return entities, notes  # type: ignore[return-value]


# brat entity types cannot hold white space or punctuation other than - and .
BRAT_TYPES = {
    '=HYPERLINK("http://evil")': "_HYPERLINK__http___evil__",
    "claim": "claim",
    "two words": "two_words",
    "-minus": "-minus",
    "+plus": "_plus",
    "quote": "quote",
    "'quoted": "_quoted",
    "Annotation": "Annotation",
}


def test_brat_round_trip_with_exact_offsets(corpus: Corpus, tmp_path: Path) -> None:
    anchored = _make(corpus)
    written = write_export(anchored, corpus, "brat", tmp_path / "brat")
    names = sorted(p.name for p in written)
    docs = {d.id: d for d in corpus.documents[:3]}
    assert names == sorted([f"{i}.ann" for i in docs] + [f"{i}.txt" for i in docs])
    got = set()
    notes_found = {}
    for doc_id, document in docs.items():
        txt = (tmp_path / "brat" / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert txt == document.text
        entities, notes = _parse_ann((tmp_path / "brat" / f"{doc_id}.ann").read_text(encoding="utf-8"))
        for key, (kind, fragments, text) in entities.items():
            assert " ".join(txt[s:e] for s, e in fragments) == text
            start, end = fragments[0][0], fragments[-1][1]
            got.add((doc_id, start, end, kind))
            if key in notes:
                notes_found[(doc_id, start, end)] = notes[key]
    expected = set()
    expected_notes = {}
    for a in anchored:
        if a.status is AnchorStatus.ORPHAN:
            continue
        ann = a.annotation
        for tag in ann.tags or ("Annotation",):
            expected.add((ann.doc, a.start, a.end, BRAT_TYPES[tag]))
        if ann.note:
            expected_notes[(ann.doc, a.start, a.end)] = " ".join(ann.note.split())
    assert got == expected
    assert notes_found == expected_notes


def test_brat_span_across_a_line_break_is_discontinuous() -> None:
    text = "first line\nsecond line"
    assert brat_fragments(text, 6, 17) == [(6, 10), (11, 17)]
    assert brat_fragments(text, 10, 11) == []


def test_brat_file_names_never_leave_the_folder(tmp_path: Path) -> None:
    document = Document(id="../../escape", path="x", title="t", text="Some text to annotate here.")
    a = replace(new_annotation(document, 0, 4, tags=["x"]), id="a" * 32)
    files = export_files(anchor_all([a], [document]), [document], "brat")
    assert sorted(files) == ["_.._escape.ann", "_.._escape.txt"]
    written = write_export(anchor_all([a], [document]), [document], "brat", tmp_path / "out")
    assert all(p.parent == tmp_path / "out" for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# -- writing safely ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f.name for f in EXPORTERS.values() if not f.writes_folder])
def test_write_export_writes_the_same_as_the_string(corpus: Corpus, tmp_path: Path, fmt: str) -> None:
    anchored = _make(corpus)
    target = tmp_path / f"out.{fmt}"
    target.write_text("old content")
    assert write_export(anchored, corpus, fmt, target) == (target,)
    if fmt == "markdown":  # carries the export time
        assert target.read_text(encoding="utf-8").startswith("# Parallax annotations")
    else:
        assert target.read_bytes().decode("utf-8") == export_annotations(anchored, corpus, fmt)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "corpus") == [target.name]


def test_write_export_refuses_a_symlinked_file(corpus: Corpus, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = tmp_path / "out.jsonl"
    link.symlink_to(victim)
    with pytest.raises(ExportError, match="is a symlink"):
        write_export(_make(corpus), corpus, "jsonl", link)
    assert victim.read_text() == "precious" and link.is_symlink()


def test_write_export_refuses_a_symlinked_brat_folder_or_file(corpus: Corpus, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "brat").symlink_to(real)
    with pytest.raises(ExportError, match="symlink"):
        write_export(_make(corpus), corpus, "brat", tmp_path / "brat")
    assert list(real.iterdir()) == []
    folder = tmp_path / "brat2"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (folder / f"{corpus.documents[0].id}.ann").symlink_to(victim)
    with pytest.raises(ExportError, match="symlink"):
        write_export(_make(corpus), corpus, "brat", folder)
    assert victim.read_text() == "precious"
    # A symlink planted at any of the files stops the export before anything is written.
    (folder / f"{corpus.documents[0].id}.ann").unlink()
    (folder / f"{corpus.documents[2].id}.txt").symlink_to(victim)
    with pytest.raises(ExportError, match="symlink"):
        write_export(_make(corpus), corpus, "brat", folder)
    assert sorted(p.name for p in folder.iterdir()) == [f"{corpus.documents[2].id}.txt"]
    assert victim.read_text() == "precious"


def test_write_export_errors_are_one_line(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_export(_make(corpus), corpus, "csv", tmp_path / "missing" / "out.csv")
    assert "\n" not in str(caught.value) and "does not exist" in str(caught.value)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        write_export(_make(corpus), corpus, "brat", tmp_path / "file")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(_make(corpus), corpus, "csv", tmp_path)
    with pytest.raises(ValueError):
        export_annotations((), corpus, "xml")


# -- order -------------------------------------------------------------------------------------------


def test_rows_are_in_the_one_reading_order_shared_with_the_panel_and_the_cli(corpus: Corpus) -> None:
    """By article (corpus order, articles that are gone last), placed ones by position, then that
    article's orphans; case variants of a tag spelled as first given."""
    from reader.core.annotate import reading_order

    d0, d1 = corpus.documents[:2]
    made = [
        replace(new_annotation(d1, 40, 60, tags=["Claim"]), id="b-late"),
        replace(new_annotation(d0, 300, 340), id="a-late"),
        replace(new_annotation(d0, 100, 160), id="a-early"),
        replace(new_annotation(d1, 10, 30, tags=["claim"]), id="b-early"),
        # its text is no longer in its (present) article: an orphan of d0
        replace(new_annotation(d0, 50, 60), id="a-orphan", exact="words that are nowhere", doc_hash="0"),
        replace(new_annotation(d1, 5, 9), id="gone", doc="deleted-article"),
    ]
    anchored = anchor_all(made, corpus)
    order = ["a-early", "a-late", "a-orphan", "b-early", "b-late", "gone"]
    assert [a.annotation.id for a in reading_order(anchored, corpus)] == order
    lines = [json.loads(line) for line in export_annotations(anchored, corpus, "jsonl").splitlines()]
    assert [r["id"] for r in lines] == order
    assert [r["tags"] for r in lines if r["doc"] == d1.id] == [["Claim"], ["Claim"]]
