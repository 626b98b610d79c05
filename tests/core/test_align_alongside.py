"""Both cores on the later stages: the pool processes read every text ahead (sentences,
figures, names, quotations) with the preparation, and one pool process runs the claims stage
(begun, then finished with the alignments sent to it) while the aligning process verifies and
groups the alignments and finds the figure claims and the shared quotations, each having found
the seeds of half the n-grams first (without claims: the pool process verifies and groups). The
groups are those of one process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.corpus_gen import generate_story_corpus
from reader.core import once
from reader.core.align import AlignOptions, align, engine
from reader.core.align import pool as pool_module
from reader.core.align.acronyms import name_runs
from reader.core.corpus import documents_from_texts
from reader.core.once import keep, per_text, texts_read_once

POOLED = AlignOptions(workers=2, parallel_min_docs=2)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork")


@pytest.fixture(scope="module")
def documents():
    return documents_from_texts(generate_story_corpus(24, seed=7).texts)


def _spy_on(monkeypatch, name: str, called: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """The engine's stage ``name`` calling ``called()`` (in whichever process runs it) first."""
    real = getattr(engine, name)

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        called()
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, name, spy)


def _stages_run(documents, monkeypatch, tmp_path: Path, options: AlignOptions) -> dict[str, set[int]]:  # type: ignore[no-untyped-def]
    """The processes that ran each stage while ``documents`` were aligned with ``options`` (the
    groups checked equal to one process's, and no notice)."""
    single = align(documents, replace(options, workers=1))
    log = tmp_path / "pids"

    def logged(name: str) -> None:
        with log.open("a") as out:  # written by whichever process runs the stage
            out.write(f"{name} {os.getpid()}\n")

    for name in (
        "seed_pairs", "verify_pairs", "make_groups", "figure_claims", "shared_quotations", "begin_claims", "finish_claims",
        "summary_links",
    ):
        _spy_on(monkeypatch, name, lambda name=name: logged(name))
    notices: list[str] = []
    assert align(documents, options, notice=notices.append) == single
    assert notices == []
    ran: dict[str, set[int]] = {}
    for line in log.read_text().splitlines():
        name, pid = line.split()
        ran.setdefault(name, set()).add(int(pid))
    return ran


@linux_only
def test_the_pool_process_runs_the_claims_stage_while_this_one_verifies_groups_and_finds_figures_and_quotations(
    documents, monkeypatch, tmp_path: Path
) -> None:
    ran = _stages_run(documents, monkeypatch, tmp_path, POOLED)
    here = os.getpid()
    (other,) = ran["begin_claims"]
    assert other != here
    assert ran["finish_claims"] == {other}  # the alignments were sent to it
    assert ran["seed_pairs"] == {here, other}  # each finds the seeds of half the n-grams
    assert ran["verify_pairs"] == ran["make_groups"] == ran["figure_claims"] == ran["shared_quotations"] == {here}


@linux_only
def test_without_claims_the_pool_process_verifies_and_groups(documents, monkeypatch, tmp_path: Path) -> None:
    ran = _stages_run(documents, monkeypatch, tmp_path, replace(POOLED, claims=False))
    here = os.getpid()
    (other,) = ran["verify_pairs"]
    assert other != here
    assert ran["make_groups"] == {other}
    assert ran["shared_quotations"] == {here}
    assert "figure_claims" not in ran


@linux_only
def test_claims_joining_the_alignments_leave_the_groups_to_this_process(documents, monkeypatch, tmp_path: Path) -> None:
    ran = _stages_run(documents, monkeypatch, tmp_path, replace(POOLED, claims_as_links=True))
    here = os.getpid()
    (other,) = ran["summary_links"]  # made with the claims, in the pool process
    assert other != here and ran["begin_claims"] == {other}
    assert ran["make_groups"] == {here}  # once the summary links came back


@linux_only
def test_the_preparing_processes_read_every_text_ahead_for_this_one(documents) -> None:
    with texts_read_once():
        pool_module.prepare_in_processes(documents, 5, 2, lambda fraction: None)
        kept = once._KEPT.get()
        assert kept is not None
        for function in pool_module.READ_AHEAD:
            for document in documents:
                assert kept[(function.kept_as, document.text)] == function.__wrapped__(document.text, 0, None)


def test_what_was_read_elsewhere_is_kept_inside_texts_read_once_only() -> None:
    calls: list[str] = []

    @per_text
    def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
        calls.append(text)
        return text[start:end].split()

    keep(words, "a b", ["read", "elsewhere"])  # outside: nothing kept
    assert words("a b") == ["a", "b"] and calls == ["a b"]
    with texts_read_once():
        keep(words, "a b", ["read", "elsewhere"])
        assert words("a b") == ["read", "elsewhere"]
        assert calls == ["a b"]  # not read again
        keep(words, "a b", ["later"])  # what is kept first stays
        assert words("a b") == ["read", "elsewhere"]
    assert words("a b") == ["a", "b"]


def test_names_are_read_once_per_text() -> None:
    text = "The North American Free Trade Agreement (Nafta) and the World Trade Organization."
    with texts_read_once():
        first = name_runs(text)
        assert name_runs(text) == first
        assert once._KEPT.get()[(name_runs.kept_as, text)] == first  # type: ignore[index]
    assert first and all(text[a].isupper() for a, _, _ in first)


@linux_only
def test_cancelling_while_the_pool_process_works_ends_it(documents, monkeypatch) -> None:
    import multiprocessing

    from reader.core.align import Cancelled

    begun: list[bool] = []  # this process's seeds found: it waits for the pool process's
    real = engine.seed_pairs

    def seeded(*args):  # type: ignore[no-untyped-def]
        found = real(*args)
        begun.append(True)
        return found

    monkeypatch.setattr(engine, "seed_pairs", seeded)
    monkeypatch.setattr(engine, "_claims_stage", _sleeping)
    with pytest.raises(Cancelled):
        align(documents, POOLED, cancelled=lambda: bool(begun))
    assert begun == [True]
    assert multiprocessing.active_children() == []


@linux_only
def test_a_pool_process_that_dies_leaves_the_work_to_this_one(documents, monkeypatch) -> None:
    import multiprocessing

    single = align(documents, AlignOptions(workers=1))
    monkeypatch.setattr(engine, "_claims_stage", _dying)
    notices: list[str] = []
    assert align(documents, POOLED, notice=notices.append) == single
    (notice,) = notices
    assert "ended without an answer (exit code 9)" in notice and "aligning in one process" in notice
    assert multiprocessing.active_children() == []


@linux_only
def test_a_pool_process_that_dies_once_sent_the_alignments_leaves_them_verified(documents, monkeypatch) -> None:
    """The alignments this process verified before the pool process died are kept (its seeds
    let go of once verified): the work goes on from there, nothing verified twice."""
    single = align(documents, AlignOptions(workers=1))
    verified: list[int] = []  # in this process
    _spy_on(monkeypatch, "verify_pairs", lambda: verified.append(os.getpid()))
    monkeypatch.setattr(engine, "_claims_stage", _dying_once_verified)
    notices: list[str] = []
    assert align(documents, POOLED, notice=notices.append) == single
    assert verified == [os.getpid()]
    (notice,) = notices
    assert "ended without an answer (exit code 9)" in notice


@linux_only
def test_an_error_in_the_pool_process_reaches_the_caller(documents, monkeypatch) -> None:
    import multiprocessing

    monkeypatch.setattr(engine, "_claims_stage", _failing)
    with pytest.raises(ValueError, match="broken in the pool"):
        align(documents, POOLED)
    assert multiprocessing.active_children() == []


def _dying(shared, line):  # type: ignore[no-untyped-def]
    """A pool process killed while it works (the out-of-memory killer, say)."""
    os._exit(9)


def _dying_once_verified(shared, line):  # type: ignore[no-untyped-def]
    """A pool process killed once it has the verified alignments."""
    from reader.core.align.seed_halves import half_chunks

    ctx, chunks = shared
    line.send(engine.seed_pairs(half_chunks(chunks, 1), ctx.options.ngram, ctx.options, None))
    line.receive()  # the pairs of documents
    line.receive()  # the alignments
    os._exit(9)


def _failing(shared, line):  # type: ignore[no-untyped-def]
    raise ValueError("broken in the pool")


def _sleeping(shared, line):  # type: ignore[no-untyped-def]
    """A pool process's task still working when the aligning process has verified the alignments."""
    import time

    time.sleep(30)


@linux_only
@pytest.mark.parametrize(
    ("options", "wanted"),
    [
        (AlignOptions(), ("sentence_spans", "scan", "name_runs", "quotation_bounds")),
        (AlignOptions(claim_acronyms=False), ("sentence_spans", "scan", "quotation_bounds")),
        (AlignOptions(claims=False), ("sentence_spans", "quotation_bounds")),
        (AlignOptions(min_score=80.0), ("sentence_spans", "quotation_bounds")),
    ],
)
def test_the_preparing_processes_read_only_what_the_options_need(documents, options, wanted) -> None:
    """With claims off (or ``min_score`` above its default: no claims either), no text's
    figures nor names are read ahead (no stage reads them); its sentences and quotations are
    (the groups are folded sentence by sentence and told their quotations)."""
    with texts_read_once():
        engine.prepare(documents, options, 2, lambda fraction: None)
        kept = once._KEPT.get()
        assert kept is not None
        read = {name for name, _ in kept}
    assert read == {function.kept_as for function in pool_module.READ_AHEAD if function.__name__ in wanted}


@linux_only
def test_the_pool_process_answer_is_received_with_the_collector_paused(documents, monkeypatch) -> None:
    """The answer (hundreds of thousands of objects at 1,000 articles) is unpickled while the
    claims stage's millions are alive: a collection then would walk them all."""
    import gc

    real = pool_module._results
    enabled: list[bool] = []

    def spy(results):  # type: ignore[no-untyped-def]
        enabled.append(gc.isenabled())
        return real(results)

    monkeypatch.setattr(pool_module, "_results", spy)
    assert gc.isenabled()
    assert align(documents, POOLED) == align(documents, AlignOptions(workers=1))
    assert enabled[-1] is False  # the last: alongside's answer (the first ones: the preparation's)
    assert gc.isenabled()


def _echo(shared, line):  # type: ignore[no-untyped-def]
    """A task that talks: sends ``shared`` doubled (more than a pipe holds, before it reads
    anything), then answers with what it received twice."""
    line.send(shared * 2)
    first = line.receive()
    return first, line.receive()


def _sends_then_fails(shared, line):  # type: ignore[no-untyped-def]
    line.send("half")
    raise ValueError("broken after talking")


@linux_only
def test_the_two_processes_talk_midway_both_ways() -> None:
    """Values go both ways while both work: this process's sends never wait for the task to
    read them (else both would wait here, each sending more than a pipe holds first)."""
    big = list(range(200_000))

    def work(line):  # type: ignore[no-untyped-def]
        line.send(big)  # the task has not read yet: it sends first
        heard = line.receive()
        line.send("second")
        return heard

    heard, answer = pool_module.alongside(big, _echo, (), work, lambda: None, talk=True)
    assert heard == big * 2
    assert answer == (big, "second")


@linux_only
def test_an_error_after_talking_reaches_the_caller() -> None:
    import multiprocessing

    def work(line):  # type: ignore[no-untyped-def]
        assert line.receive() == "half"
        return line.receive()  # the task failed instead of sending more

    with pytest.raises(ValueError, match="broken after talking"):
        pool_module.alongside(None, _sends_then_fails, (), work, lambda: None, talk=True)
    assert multiprocessing.active_children() == []


@linux_only
def test_progress_never_goes_back_while_this_process_waits_for_the_pool_process(documents, monkeypatch) -> None:
    import time

    here = os.getpid()
    real = engine.seed_pairs

    def slow_there(*args):  # type: ignore[no-untyped-def]
        if os.getpid() != here:
            time.sleep(0.3)  # this process waits for the pool process's seeds
        return real(*args)

    monkeypatch.setattr(engine, "seed_pairs", slow_there)
    seen: list[float] = []
    align(documents, POOLED, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
