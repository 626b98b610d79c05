"""``--engine dask`` on a local cluster of two worker processes: the same groups as the local
engine (sample corpus; a generated corpus whose stories straddle partitions, with boilerplate the
frequency filter drops), resuming after a kill without recomputing finished stages, refusing to
resume on other inputs. Skipped without the ``dask`` extra."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

from benchmarks.story_corpus import BOILERPLATE, story_articles, write_jsonl  # noqa: E402
from reader.core.align import AlignOptions, align  # noqa: E402
from reader.core.corpus import load_corpus  # noqa: E402
from reader.core.distributed import require  # noqa: E402
from reader.core.distributed.inputs import read_documents  # noqa: E402
from reader.core.distributed.stages import stable_hash  # noqa: E402
from reader.core.distributed.precomputed import group_line  # noqa: E402
from reader.core.models import Document  # noqa: E402

pipeline = require()


@pytest.fixture(scope="module")
def client():
    """One local cluster of two worker processes for the module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as c:
            yield c


def local_lines(documents) -> list[str]:
    """The local engine's groups, as lines of groups.jsonl."""
    texts = {doc.id: doc.text for doc in documents}
    return [group_line(group, texts) for group in align(documents)]


def dask_lines(out: Path) -> list[str]:
    return (out / "groups.jsonl").read_text(encoding="utf-8").splitlines()


def test_sample_corpus_gives_the_local_groups(client, sample_corpus_path, tmp_path):
    out = tmp_path / "out"
    result = pipeline.run([str(sample_corpus_path)], str(out), partition_size=2, client=client)
    want = local_lines(load_corpus([sample_corpus_path]).documents)
    assert want and dask_lines(out) == want
    assert result.counts["groups"]["groups"] == len(want)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"] == json.loads(json.dumps(AlignOptions().__dict__))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, tuple[Document, ...]]:
    """300 story-clustered articles (stories of 6, spread over the corpus) as gzipped JSON Lines."""
    folder = tmp_path_factory.mktemp("gen")
    path = folder / "corpus.jsonl.gz"
    write_jsonl(str(path), story_articles(300, per_story=6, sentences=8, seed=7))
    documents = tuple(item for item in read_documents([str(path)]) if isinstance(item, Document))
    return path, documents


@pytest.mark.slow
def test_generated_corpus_across_partitions_gives_the_local_groups(client, generated, tmp_path):
    path, documents = generated
    assert sum(BOILERPLATE in doc.text for doc in documents) > len(documents) // 2
    out = tmp_path / "out"
    result = pipeline.run([str(path)], str(out), partition_size=37, client=client)
    want = local_lines(documents)
    got = dask_lines(out)
    assert len(got) == len(want) > 100
    assert got == want
    assert result.counts["frequency"]["boilerplate"] > 0
    # The wire line's n-grams are postings, but not candidates.
    wire = hash(tuple(map(stable_hash, ("continental", "wire", "syndicate"))))
    postings = pq.read_table(out / "postings").column("gram").to_pylist()
    candidates = pq.read_table(out / "frequency").column("gram").to_pylist()
    assert postings.count(wire) > 150 and wire not in candidates
    # Stories straddle partitions: some group joins documents of different partitions.
    index = {doc.id: k for k, doc in enumerate(documents)}
    assert any(len({index[s["doc"]] // 37 for s in json.loads(line)["spans"]}) > 1 for line in got)


@pytest.mark.slow
def test_a_killed_run_resumes_without_recomputing_finished_stages(client, generated, tmp_path):
    path, documents = generated
    out = tmp_path / "out"
    with pytest.raises(pipeline.Interrupted):
        pipeline.run([str(path)], str(out), partition_size=60, client=client, stop_after="pairs")
    assert not (out / "groups.jsonl").exists()
    finished = {p: p.stat().st_mtime_ns for stage in ("documents", "postings", "frequency", "pairs") for p in (out / stage).iterdir()}
    # A verify part half written when the run was killed: never taken for a finished one.
    (out / "verify").mkdir()
    (out / "verify" / ".links-k00000.parquet.tmp-deadbeef0000").write_bytes(b"PAR1 half")
    result = pipeline.run([str(path)], str(out), partition_size=60, client=client)
    assert result.reused == ["documents", "postings", "frequency", "pairs"]
    assert {p: p.stat().st_mtime_ns for p in finished} == finished
    log = (out / "stages.log").read_text()
    assert "computed pairs" in log and "reused pairs" in log and "computed verify 5/5 parts" in log
    assert dask_lines(out) == local_lines(documents)


def test_other_inputs_refuse_to_resume_until_fresh(client, sample_corpus_path, tmp_path):
    out = tmp_path / "out"
    pipeline.run([str(sample_corpus_path)], str(out), partition_size=3, client=client)
    with pytest.raises(pipeline.DistributedError, match=r"options changed\); use --fresh"):
        pipeline.run([str(sample_corpus_path)], str(out), AlignOptions(min_score=70), partition_size=3, client=client)
    fewer = tmp_path / "fewer"
    fewer.mkdir()
    for file in sorted(sample_corpus_path.iterdir())[:3]:
        (fewer / file.name).write_bytes(file.read_bytes())
    with pytest.raises(pipeline.DistributedError, match="corpus changed"):
        pipeline.run([str(fewer)], str(out), partition_size=3, client=client)
    result = pipeline.run([str(fewer)], str(out), partition_size=3, client=client, fresh=True)
    assert result.reused == [] and dask_lines(out) == local_lines(load_corpus([fewer]).documents)


def test_bad_lines_are_reported_and_the_rest_aligned(client, sample_corpus_path, tmp_path):
    documents = load_corpus([sample_corpus_path]).documents
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": doc.id, "text": doc.text}) for doc in documents]
    lines[1:1] = ["{not json", json.dumps({"id": documents[0].id, "text": "again"}), json.dumps({"text": "no id"})]
    path.write_text("\n".join(lines) + "\n")
    issues = []
    out = tmp_path / "out"
    result = pipeline.run([str(path)], str(out), partition_size=2, client=client, issue=issues.append)
    assert [i.line() for i in issues] == [
        f"skipped {path} line 2: not JSON (Expecting property name enclosed in double quotes)",
        f"skipped {path} line 3: duplicate id {documents[0].id!r} (first in {path} line 1)",
        f'skipped {path} line 4: no "id" (a string)',
    ]
    assert result.documents == len(documents)
    assert dask_lines(out) == [line for line in local_lines(documents)]


def test_the_command_line_on_an_existing_scheduler_resumes(client, sample_corpus_path, tmp_path, capsys):
    from reader.cli import main

    out = tmp_path / "out"
    argv = ["align", str(sample_corpus_path), "--engine", "dask", "--scheduler", client.scheduler.address,
            "--out", str(out), "--format", "json", "--partition-size", "2"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    want = local_lines(load_corpus([sample_corpus_path]).documents)
    assert summary["documents"] == 5 and summary["groups"] == len(want) and summary["reused"] == []
    assert dask_lines(out) == want
    assert "parallax: verify: 3/3 partitions" in captured.err.splitlines()
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["reused"] == ["documents", "postings", "frequency", "pairs", "verify", "groups"]
    assert dask_lines(out) == want


KILLER = """
import os, signal, sys
from reader.core.distributed import require

def progress(stage, done, total):
    if stage == "verify":  # the candidate pairs are written: kill the run and its cluster
        os.killpg(0, signal.SIGKILL)

if __name__ == "__main__":
    require().run([sys.argv[1]], sys.argv[2], partition_size=2, progress=progress)
"""


@pytest.mark.slow
def test_a_run_killed_by_a_signal_after_the_pairs_resumes(client, sample_corpus_path, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, str(script), str(sample_corpus_path), str(out)], env=env,
                          start_new_session=True, capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL
    assert (out / "pairs" / "_SUCCESS").exists() and not (out / "verify" / "_SUCCESS").exists()
    result = pipeline.run([str(sample_corpus_path)], str(out), partition_size=2, client=client)
    assert result.reused == ["documents", "postings", "frequency", "pairs"]
    assert dask_lines(out) == local_lines(load_corpus([sample_corpus_path]).documents)
