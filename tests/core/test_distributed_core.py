"""The parts of ``--engine dask`` that need neither Dask nor pyarrow: the missing extra as one
line, JSON Lines input with one line per bad line or file, the per-n-gram seed rule against the
local engine's, and a precomputed alignment read back for a corpus (``--alignment``)."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import defaultdict

import pytest

import reader.core.distributed as distributed
from reader.cli import main
from reader.cli.open import precomputed_aligner
from reader.core.align import AlignOptions, align
from reader.core.align.seeds import prepare_docs, seed_pairs, unpack
from reader.core.corpus import load_corpus
from reader.core.distributed.inputs import read_documents
from reader.core.distributed.precomputed import load_alignment, write_groups
from reader.core.distributed.stages import postings, seeds
from reader.core.models import Document, LoadIssue


@pytest.mark.parametrize(
    ("hidden", "named"),
    [(("dask", "distributed", "pyarrow"), "dask, distributed and pyarrow"), (("pyarrow",), "pyarrow")],
)
def test_the_missing_extra_is_one_line(monkeypatch, capsys, sample_corpus_path, tmp_path, hidden, named):
    """Whether or not the extra is installed here, the modules hidden are the ones named."""
    real = distributed.importlib.util.find_spec
    monkeypatch.setattr(distributed.importlib.util, "find_spec", lambda name: None if name in hidden else real(name) or object())
    assert main(["align", str(sample_corpus_path), "--engine", "dask", "--out", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"parallax: --engine dask needs {named}: pip install 'parallax-reader[dask]'\n"
    assert not (tmp_path / "out").exists()


def test_dask_options_without_the_dask_engine_are_refused(capsys, sample_corpus_path):
    assert main(["align", str(sample_corpus_path), "--fresh"]) == 2
    assert capsys.readouterr().err == "parallax: --scheduler, --out and --fresh go with --engine dask\n"


def split(items):
    return [i for i in items if isinstance(i, Document)], [i.line() for i in items if isinstance(i, LoadIssue)]


def test_json_lines_bad_lines_and_files_are_one_line_each(tmp_path):
    good = tmp_path / "a.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "one", "text": "First line\r\nbody"}) + "\n\n")
        stream.write(json.dumps({"id": 2, "text": "Two"}) + "\n")
        stream.write("[1, 2]\n" + json.dumps({"id": "three", "text": 3}) + "\n" + json.dumps({"id": "four", "text": "  "}) + "\n")
    corrupt = tmp_path / "b.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"id": f"b{k}", "text": "x " * 2000 + str(k)}) for k in range(50)) + "\n").encode())
    corrupt.write_bytes(data[: len(data) // 2])
    (tmp_path / "c.jsonl").symlink_to(tmp_path / "gone.jsonl")  # unreadable
    (tmp_path / "d.jsonl").write_bytes(json.dumps({"id": "one", "text": "again"}).encode() + b"\n\xff\xfe\n")
    documents, issues = split(list(read_documents([good, corrupt, tmp_path / "c.jsonl", tmp_path / "d.jsonl"])))
    assert [d.id for d in documents][:3] == ["one", "2", "b0"]
    assert documents[0].text == "First line\nbody" and documents[0].title == "First line"
    assert 0 < len(documents) - 2 < 50  # the lines before the gzip broke off
    assert issues[:3] == [
        f'skipped {good} line 4: not a JSON object {{"id", "text"}}',
        f'skipped {good} line 5: no "text" (a string)',
        f"skipped {good} line 6: empty text",
    ]
    assert issues[3].startswith(f"skipped {corrupt}: corrupt gzip after line ")
    assert issues[4:] == [
        f"skipped {tmp_path / 'c.jsonl'}: No such file or directory",
        f"skipped {tmp_path / 'd.jsonl'} line 1: duplicate id 'one' (first in {good} line 1)",
        f"skipped {tmp_path / 'd.jsonl'} line 2: not UTF-8",
    ]


def test_a_folder_of_articles_reads_as_the_app_reads_it(sample_corpus_path):
    documents, issues = split(list(read_documents([sample_corpus_path])))
    assert tuple(documents) == load_corpus([sample_corpus_path]).documents and issues == []


@pytest.mark.parametrize("self_matches", [False, True])
def test_seeds_per_ngram_are_the_local_engines_seeds(sample_corpus_path, self_matches):
    documents = load_corpus([sample_corpus_path]).documents
    documents = (*documents, documents[0])  # a repeat: every kind of link
    options = AlignOptions(self_matches=self_matches)
    want = seed_pairs([prepare_docs(documents, range(len(documents)), 3)], 3, options, None)
    grams, docs, positions, _ = postings(enumerate(doc.text for doc in documents), 3)
    holders = defaultdict(set)
    for g, d in zip(grams, docs):
        holders[g].add(d)
    rows = sorted((g, d, i) for g, d, i in zip(grams, docs, positions) if len(holders[g]) > 1)
    got = defaultdict(list)
    for a, b, pa, pb in seeds(*zip(*rows), 3, self_matches):
        got[(a, b)].append((pa, pb))
    assert want and {k: sorted(v) for k, v in got.items()} == {k: sorted(unpack(v)) for k, v in want.items()}


def test_a_precomputed_alignment_skips_the_groups_of_changed_articles(sample_corpus_path, tmp_path, capsys):
    documents = load_corpus([sample_corpus_path]).documents
    groups = align(documents)
    write_groups(tmp_path / "out" / "groups.jsonl", list(documents), groups)
    corpus = tmp_path / "subset"
    corpus.mkdir()
    files = sorted(p for p in sample_corpus_path.iterdir() if p.suffix in (".txt", ".md"))
    for file in files[:3]:
        shutil.copy(file, corpus / file.name)
    stale = load_corpus([corpus]).documents[0]
    ids = {path.stem for path in files[:3]}
    expected = [g for g in groups if len({s.doc for s in g.spans if s.doc in ids}) > 1]
    hit = next(s for g in expected for s in g.spans if s.doc == stale.id)
    changed = stale.text[: hit.start] + "X" + stale.text[hit.start + 1 :]  # one letter, same length
    (corpus / files[0].name).write_text(changed, encoding="utf-8")
    subset = load_corpus([corpus]).documents
    found, problems = load_alignment(tmp_path / "out", subset)
    kept = [g for g in expected if not any(s.doc == stale.id and s.start <= hit.start < s.end for s in g.spans)]
    assert 0 < len(kept) < len(expected)
    assert [g.id for g in found] == [g.id for g in kept] and found
    assert all(span.doc in ids for g in found for span in g.spans)
    assert len(problems) == 1 and problems[0].startswith("skipped ") and f"of {stale.id}: its text no longer matches" in problems[0]
    aligner = precomputed_aligner(str(tmp_path / "out"), subset)
    assert aligner(subset, progress=None, cancelled=None) == found
    assert capsys.readouterr().err == f"parallax: {problems[0]}\n"
