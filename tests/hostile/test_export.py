"""Export with hostile names and hostile text: every format writes, only inside the chosen folder,
parses back to the same rows, and the human-readable report carries no terminal control."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotate import Anchored, anchor, new_annotation, with_id
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.export import EXPORTERS, write_export
from reader.core.models import Document
from tests.hostile.generate import BIDI_CODEPOINTS, OSC52, TITLE_BEL, build, find_leaks

HOSTILE_IDS = (
    "id\nwith newline",
    "id\x1b[31mred\x1b[0m",
    "id\x1b]0;PWNED-ID-TITLE\x07",
    "id \u202eevil\u2066",
    "[bold]id[@click=app.quit]",
    "../../escape",
    "id-\ud800-surrogate",
    ".hidden",
    'id,"quoted";=cmd',
)
TEXT = f"Title line\nThe minister said {OSC52} and {TITLE_BEL} \u009b31m then\tleft \u202eright.\n"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CODEPOINTS + "\ud800-\udfff]")
CC = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (C0 but newline and tab, DEL, C1): never raw in a JSON export."""


def _as_written(text: str) -> str:
    """How a text with lone surrogates (undecodable file-name bytes) reads back from a file."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _anchored(documents: list[Document]) -> list[Anchored]:
    out = []
    for n, doc in enumerate(documents):
        start = doc.text.index("said") if "said" in doc.text else 0
        end = min(len(doc.text), start + 40)
        note = f"note {n} \x1b[2J with\nnewline {OSC52}"
        # A tag with an escape in it can no longer be made, but a store written by an older
        # Parallax may hold one: it is kept, and must come out inert.
        annotation = replace(new_annotation(doc, start, end, note=note), id=f"a{n:03d}", tags=("tag\x1b[31m", "quotes"))
        out.append(anchor(annotation, doc))
    ghost = Document(id="gone\n\x1b]52;c;QQ==\x07", path="gone", title="", text=TEXT)
    out.append(anchor(with_id(new_annotation(ghost, 0, 10, tags=["orphan"]), "orphan1"), None))
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """Documents with hostile ids (in memory) and with hostile file names (loaded from disk)."""
    folder = tmp_path_factory.mktemp("export-src") / "hostile"
    build(folder, big=False)
    loaded = [d for d in load_corpus([folder]).documents if d.id.startswith(("name-", "text-"))]
    made = list(documents_from_texts({doc_id: TEXT for doc_id in HOSTILE_IDS}))
    return made + loaded


def _all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_export_hostile_names_and_text(tmp_path: Path, documents: list[Document], fmt: str) -> None:
    anchored = _anchored(documents)
    work = tmp_path / "work"
    work.mkdir()
    output = work / "out" if fmt == "brat" else work / f"export.{fmt}"
    before = _all_files(tmp_path)
    written = write_export(anchored, documents, fmt, output)
    # Only the export itself was created, inside the chosen place.
    created = _all_files(tmp_path) - before
    inside = {output} | {p for p in created if output in p.parents}
    assert created <= inside
    assert set(written) <= created
    for path in written:
        assert path.parent == (output if fmt == "brat" else work)
        assert path.resolve().is_relative_to(work.resolve())
    placed = [a for a in anchored if a.placed]
    if fmt == "brat":
        _check_brat(output, written, placed)
        return
    data = output.read_bytes()
    text = data.decode("utf-8")  # strict: no lone surrogate written raw
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.split("\n")[:-1]]
        assert len(records) == len(anchored)
        assert {r["doc"] for r in records} == {a.annotation.doc for a in anchored}
        assert not CC.search(text), "JSON escapes every control character"
    elif fmt == "w3c":
        assert json.loads(text)["total"] == len(anchored)
        assert not CC.search(text)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == 1 + len(anchored)
        docs = {row[rows[0].index("doc")].removeprefix("'") for row in rows[1:]}
        assert docs == {_as_written(a.annotation.doc) for a in anchored}
    elif fmt == "markdown":
        # A report is read in a terminal or a viewer: nothing in it may act on the terminal, and
        # no name or note may add a heading of its own.
        assert find_leaks(data) == []
        assert not CONTROLS.search(text.replace("\n", "").replace("\t", ""))
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert headings[0] == "# Parallax annotations"
        assert all(line.startswith("## ") for line in headings[1:])
        assert len(headings) == 1 + 3  # the two tags and "Not placed"


def _check_brat(output: Path, written: tuple[Path, ...], placed: list[Anchored]) -> None:
    names = sorted(p.name for p in written)
    assert names and all(re.fullmatch(r"[A-Za-z0-9_~\-][A-Za-z0-9._~\-]*\.(ann|txt)", n) for n in names), names
    assert len(names) == len(set(names))
    anns = [p for p in written if p.suffix == ".ann"]
    assert len(anns) == len({a.annotation.doc for a in placed})
    for ann in anns:
        text_file = ann.with_suffix(".txt")
        body = text_file.read_bytes().decode("utf-8")
        for line in ann.read_bytes().decode("utf-8").split("\n")[:-1]:
            fields = line.split("\t", 2)  # brat reads the text field up to the end of the line
            assert len(fields) == 3, line
            if fields[0].startswith("T"):
                kind, offsets = fields[1].split(" ", 1)
                assert re.fullmatch(r"[\w\-.]+", kind)
                pieces = [body[int(s) : int(e)] for s, e in (frag.split() for frag in offsets.split(";"))]
                assert " ".join(pieces) == fields[2]
            else:
                assert fields[0].startswith("#") and "\n" not in fields[2]


def test_export_refuses_symlinked_target(tmp_path: Path, documents: list[Document]) -> None:
    from reader.core.export import ExportError

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "export.csv"
    os.symlink(victim, link)
    with pytest.raises(ExportError, match="symlink"):
        write_export(_anchored(documents[:2]), documents[:2], "csv", link)
    assert victim.read_text() == "keep me"
    brat_link = tmp_path / "bratdir"
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", brat_link)
    with pytest.raises(ExportError, match="symlink"):
        write_export(_anchored(documents[:2]), documents[:2], "brat", brat_link)
    assert list((tmp_path / "real").iterdir()) == []
