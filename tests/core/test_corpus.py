"""reader.core.corpus: folders and files in, documents and one-line issues out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.corpus import CorpusError, documents_from_texts, load_corpus, load_file, safe_id
from reader.core.models import Document, LoadIssue, Severity


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_sample_corpus_loads_in_name_order(sample_corpus_path: Path) -> None:
    corpus = load_corpus([sample_corpus_path])
    names = sorted(p.name for p in sample_corpus_path.glob("*.txt"))
    assert [d.id for d in corpus.documents] == [n[:-4] for n in names]
    assert corpus.issues == ()
    first = corpus.documents[0]
    assert first.title == "Iran Calls For OIC Emergency Meeting Amid Hamas-Israeli Conflict"
    assert first.path == str(sample_corpus_path / names[0])
    assert first.text == (sample_corpus_path / names[0]).read_text(encoding="utf-8")


def test_ids_titles_and_text(tmp_path: Path) -> None:
    _write(tmp_path, "b.md", "\n\n  Second title \nbody\r\n")
    _write(tmp_path, "a.TXT", "First\nbody")
    corpus = load_corpus([tmp_path])
    assert [(d.id, d.title, d.text) for d in corpus.documents] == [
        ("a", "First", "First\nbody"),
        ("b", "Second title", "\n\n  Second title \nbody\n"),
    ]


def test_duplicate_ids_are_disambiguated(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    _write(one, "story.txt", "One")
    _write(one, "story.md", "One md")
    _write(two, "story.txt", "Two")
    _write(two, "story.md", "Two md")
    corpus = load_corpus([one, two])
    # story.md sorts first and takes the plain id; the others fall back to the full file name,
    # then to a numbered id.
    assert [d.id for d in corpus.documents] == ["story", "story.txt", "story.md", "story~2"]
    assert len({d.id for d in corpus.documents}) == 4


def test_explicit_files_load_whatever_their_suffix(tmp_path: Path) -> None:
    notes = _write(tmp_path, "notes.log", "Log article\ntext")
    plain = _write(tmp_path, "README", "Readme article")
    corpus = load_corpus([notes, plain])
    assert [(d.id, d.title) for d in corpus.documents] == [("notes", "Log article"), ("README", "Readme article")]


def test_folder_skips_other_suffixes_with_reason_and_ignores_dotfiles_and_subfolders(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "A")
    _write(tmp_path, "b.pdf", "%PDF")
    _write(tmp_path, ".hidden.txt", "hidden")
    (tmp_path / "sub").mkdir()
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["a"]
    assert corpus.issues == (LoadIssue(str(tmp_path / "b.pdf"), Severity.SKIPPED, "not a .txt or .md file"),)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    ],
)
def test_skip_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "x.txt", data)
    corpus = load_corpus([tmp_path])
    assert corpus.documents == ()
    (issue,) = corpus.issues
    assert issue.severity is Severity.SKIPPED and issue.path == str(path) and reason in issue.reason


def test_too_large_is_skipped_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(1000)
    (issue,) = load_corpus([tmp_path], max_bytes=999).issues
    assert issue.reason == "too large (1,000 bytes; the limit is 999)"
    assert load_corpus([tmp_path], max_bytes=1000).issues[0].reason == "binary file (contains NUL bytes)"


def test_cp1252_loads_with_warning_issue(tmp_path: Path) -> None:
    path = _write(tmp_path, "w.txt", "\u201cHi\u201d".encode("cp1252"))
    corpus = load_corpus([tmp_path])
    assert corpus.documents[0].text == "\u201cHi\u201d"
    assert corpus.documents[0].encoding == "cp1252"
    (issue,) = corpus.issues
    assert issue.severity is Severity.WARNING and issue.path == str(path) and "cp1252" in issue.reason


def test_special_files(tmp_path: Path) -> None:
    inside = tmp_path / "in"
    inside.mkdir()
    _write(inside, "real.txt", "Real")
    outside = _write(tmp_path, "secret.txt", "Secret")
    os.symlink("real.txt", inside / "good-link.txt")
    os.symlink("missing.txt", inside / "broken.txt")
    os.symlink("loop2.txt", inside / "loop1.txt")
    os.symlink("loop1.txt", inside / "loop2.txt")
    os.symlink(outside, inside / "escape.txt")
    os.mkfifo(inside / "pipe.txt")
    (inside / "dir.txt").mkdir()
    corpus = load_corpus([inside])
    assert [(d.id, d.text) for d in corpus.documents] == [("good-link", "Real"), ("real", "Real")]
    reasons = {Path(i.path).name: i.reason for i in corpus.issues}
    assert reasons == {
        "broken.txt": "broken symlink",
        "dir.txt": "is a folder, not a file",
        "escape.txt": "symlink to a file outside the folder (not followed)",
        "loop1.txt": "symlink loop",
        "loop2.txt": "symlink loop",
        "pipe.txt": "not a regular file (FIFO)",
    }
    # Named explicitly, a symlink is the user's choice and is followed.
    assert load_corpus([inside / "escape.txt"]).documents[0].text == "Secret"


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus([tmp_path / "nope"])


def test_load_file_returns_document_and_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", "T\n")
    document, warning = load_file(path)  # type: ignore[misc]
    assert document == Document(id="a", path=str(path), title="T", text="T\n", encoding="utf-8")
    assert warning is None


def test_hostile_file_names_give_safe_unique_ids(tmp_path: Path) -> None:
    _write(tmp_path, "a\nb.txt", "x")
    _write(tmp_path, "a\\nb.txt", "y")
    _write(tmp_path, "\x1b[31mred.txt", "z")
    _write(tmp_path, "[bold]m.txt", "w")
    corpus = load_corpus([tmp_path])
    ids = [d.id for d in corpus.documents]
    # "a\nb" escapes to the same id as the literal name "a\\nb", which then keeps its suffix.
    assert ids == ["\\x1b[31mred", "[bold]m", "a\\nb", "a\\nb.txt"]
    assert len(set(ids)) == len(ids)
    assert all(c.isprintable() for i in ids for c in i)


def test_safe_id() -> None:
    assert safe_id("plain name") == "plain name"
    assert safe_id("back\\slash") == "back\\slash"
    assert safe_id("new\nline\\") == "new\\nline\\\\"
    assert safe_id("bytes\udcff") == "bytes\\udcff"
    assert safe_id("\u202eevil") == "\\u202eevil"


def test_documents_from_texts_keeps_ids_and_texts() -> None:
    docs = documents_from_texts({"x": "Title x\nbody", "y\n": "  \n"})
    assert [(d.id, d.path, d.title, d.text) for d in docs] == [("x", "x", "Title x", "Title x\nbody"), ("y\n", "y\n", "", "  \n")]


def test_issue_line_is_one_safe_line(tmp_path: Path) -> None:
    issue = LoadIssue(str(tmp_path / "a\n\x1b]0;x\x07.txt"), Severity.SKIPPED, "empty file")
    line = issue.line()
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line.startswith("skipped ") and line.endswith(": empty file")


def test_corpus_by_id(sample_corpus_path: Path) -> None:
    corpus = load_corpus([sample_corpus_path])
    assert list(corpus.by_id) == [d.id for d in corpus.documents]
    assert all(corpus.by_id[d.id] is d for d in corpus.documents)


# -- Parallax's own files are never articles (issue 13, item 2) --------------------------------------


def _annotated_copy(sample_corpus_path: Path, folder: Path):  # type: ignore[no-untyped-def]
    import shutil

    from reader.workspace import Workspace

    shutil.copytree(sample_corpus_path, folder, ignore=shutil.ignore_patterns(".parallax"))
    workspace = Workspace.load(folder)
    document = workspace.corpus.documents[0]
    start = document.text.index("Organization of Islamic Cooperation")
    workspace.add_spans([(document.id, start, start + 35)], ["oic"], "a note")
    return workspace


def test_an_export_written_into_the_corpus_is_never_loaded_as_an_article(sample_corpus_path: Path, tmp_path: Path) -> None:
    """Issue 13: after "x, markdown, Export" into the corpus folder, reopening showed six
    articles, the export "matching" its own sources."""
    folder = tmp_path / "corpus"
    workspace = _annotated_copy(sample_corpus_path, folder)
    for fmt, name in (("markdown", "parallax-export.md"), ("csv", "export.csv.txt"), ("jsonl", "notes.txt"), ("w3c", "w3c.md")):
        workspace.export(fmt, folder / name)
    workspace.export("brat", folder / "brat")
    for name in ("000_fdbc479513e48bf7.txt", "000_fdbc479513e48bf7.ann"):  # a brat copy moved in
        (folder / "brat" / name).rename(folder / f"copy-{name}")
    (folder / "store-copy.txt").write_bytes(workspace.store_path.read_bytes())
    corpus = load_corpus([folder])
    assert [d.id for d in corpus.documents] == [d.id for d in workspace.corpus.documents]
    reasons = {Path(i.path).name: i.reason for i in corpus.issues}
    assert reasons["parallax-export.md"] == "a Parallax Markdown export, not an article"
    assert reasons["export.csv.txt"] == "a Parallax CSV export, not an article"
    assert reasons["notes.txt"] == "a Parallax JSON Lines export, not an article"
    assert reasons["w3c.md"] == "a Parallax W3C Web Annotation export, not an article"
    assert reasons["store-copy.txt"] == "a Parallax annotation store, not an article"
    assert reasons["copy-000_fdbc479513e48bf7.txt"] == "the text of a brat export (copy-000_fdbc479513e48bf7.ann beside it), not an article"
    assert all(i.severity is Severity.SKIPPED and "\n" not in i.line() for i in corpus.issues)
    named = load_corpus([folder / "notes.txt"])  # named on the command line: still not an article
    assert named.documents == () and named.issues[0].reason == "a Parallax JSON Lines export, not an article"


@pytest.mark.parametrize(
    "head",
    [
        "# Parallax annotations\n\n3 annotations on 2 articles, exported 2023-10-15 09:00 UTC.\n",
        "id,doc,title,file,start,end,status,exact,tags,note,group,created,updated\r\nx,y\r\n",
        '{"id": "a", "doc": "d", "title": null, "file": null, "start": 1, "end": 2, "status": "exact", "exact": "x", "tags": []}\n',
        '{"_default": {"1": {"doc": "d", "start": 0, "end": 4}}}',
    ],
)
def test_exports_and_stores_from_before_the_mark_are_recognised_too(tmp_path: Path, head: str) -> None:
    _write(tmp_path, "old.txt", head)
    issue = load_file(tmp_path / "old.txt")
    assert isinstance(issue, LoadIssue) and issue.reason.startswith("a Parallax ")


@pytest.mark.parametrize(
    "text",
    [
        "# Parallax annotations: a history\n\nThe app was written in 2023.\n",
        "id,name\r\n1,Iran\r\n",
        '{"statement": "Iran called for a meeting"}\nIt did.\n',
        "<!-- an HTML comment -->\nAn article.\n",
    ],
)
def test_articles_that_only_look_alike_load(tmp_path: Path, text: str) -> None:
    _write(tmp_path, "article.txt", text)
    loaded = load_file(tmp_path / "article.txt")
    assert not isinstance(loaded, LoadIssue)


def test_a_txt_beside_an_ann_that_is_not_brat_loads(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "An article about annotations.\n")
    _write(tmp_path, "a.ann", "My notes on this article, in prose.\n")
    assert not isinstance(load_file(tmp_path / "a.txt"), LoadIssue)
    _write(tmp_path, "a.ann", "T1\tclaim 0 10\tAn article\n#1\tAnnotatorNotes T1\tnote\n")
    assert isinstance(load_file(tmp_path / "a.txt"), LoadIssue)
