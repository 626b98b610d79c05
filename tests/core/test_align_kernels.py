"""The compiled kernels (``reader/core/align/_seed_kernels.pyx``, ``_verify_kernels.pyx``) give
what the pure-Python loops give, on the same inputs; and without them (not built, or
``PARALLAX_PURE``) the pure-Python loops run."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from array import array
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, compiled, seeds, tokens, verify
from reader.core.align.context import Context
from reader.core.align.options import Cancelled
from reader.core.align.seeds import packed, prepare_docs, seed_pairs
from reader.core.corpus import documents_from_texts

ROOT = Path(__file__).resolve().parents[2]

built = pytest.mark.skipif(
    compiled.SEEDS is None or compiled.VERIFY is None or compiled.TOKENS is None, reason="the compiled kernels are not built here (pure Python runs)"
)

# A small vocabulary (n-grams repeat), with function words, numbers, quotation marks and
# sentence ends, so every branch of the loops is taken: trimmed ends, number seeds, gaps across
# a sentence end, alignments cut at a quotation's closing mark.
VOCABULARY = (
    "the of and a to minister said war crimes Gaza talks on Tuesday 2024 $100m 1,300 "
    "ceasefire Hamas leader Israel's army aid trucks border “we will not stop” “never” again"
).split(" ")
SEPARATORS = st.sampled_from([" ", " ", " ", " ", ". ", "\n", ", ", " “", "” ", ".” "])


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, str]:
    """Two to six documents sharing passages (some edited, some twice in one document)."""

    def words(lo: int, hi: int) -> list[str]:
        return draw(st.lists(st.sampled_from(VOCABULARY), min_size=lo, max_size=hi))

    passages = [words(4, 30) for _ in range(draw(st.integers(1, 3)))]
    texts = {}
    for k in range(draw(st.integers(2, 6))):
        items = words(0, 10)
        for passage in draw(st.lists(st.sampled_from(passages), max_size=4)):
            copy = list(passage)
            for _ in range(draw(st.integers(0, 2))):
                copy[draw(st.integers(0, len(copy) - 1))] = draw(st.sampled_from(VOCABULARY))
            items += copy + words(0, 6)
        texts[f"d{k}"] = "".join(word + draw(SEPARATORS) for word in items)
    return texts


@contextmanager
def pure_loops():
    """The pure-Python loops, whatever is built."""
    kept = seeds.SEEDS, verify.VERIFY, tokens._KERNEL
    seeds.SEEDS = verify.VERIFY = tokens._KERNEL = None
    try:
        yield
    finally:
        seeds.SEEDS, verify.VERIFY, tokens._KERNEL = kept


def both(run):
    """``run()`` with the pure-Python loops, then with the compiled kernels."""
    with pure_loops():
        pure = run()
    return pure, run()


options_drawn = st.builds(
    AlignOptions,
    ngram=st.integers(1, 4),
    self_matches=st.booleans(),
    min_doc_limit=st.integers(1, 3),
    max_doc_fraction=st.sampled_from([0.2, 0.5, 1.0]),
    margin=st.integers(0, 8),
    merge_gap=st.integers(0, 6),
    gap_penalty=st.sampled_from([0.5, 0.25, 1]),
    inner_gap_penalty=st.sampled_from([0.5, 0.15]),
    break_penalty=st.sampled_from([1.0, 0.0, 2]),
    stop_weight=st.sampled_from([0.5, 0.0, 1.0]),
    quote_bounds=st.booleans(),
    min_words=st.integers(1, 5),
    link_gap=st.sampled_from([0, 10]),
)


def _seed_run(texts: dict[str, str], options: AlignOptions):
    documents = documents_from_texts(texts)
    half = len(documents) // 2  # two chunks, as a pool prepares them
    chunks = [prepare_docs(documents, range(half), options.ngram), prepare_docs(documents, range(half, len(documents)), options.ngram)]
    pairs = seed_pairs(chunks, options.ngram, options, None)
    assert all(isinstance(found, array) and found.typecode == "q" for found in pairs.values())
    return documents, chunks, [(key, found.tolist()) for key, found in pairs.items()]


@built
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), options_drawn)
def test_seeds_and_links_are_the_pure_pythons(texts, options):
    def run():
        documents, chunks, pairs = _seed_run(texts, options)
        ctx = Context(documents, [doc.tokens for chunk in chunks for doc in chunk.prepared], options)
        items = [(key, array("q", found)) for key, found in pairs]
        regions = [seeds.chains(found, options.ngram, options.merge_gap) for _, found in items]
        return pairs, regions, [repr(link) for link in verify.verify_pairs(items, ctx)]

    pure, fast = both(run)
    assert fast == pure  # the pairs in the same order, each one's seeds in the same order


@built
def test_the_sample_corpus_aligns_the_same():
    from reader.core.align import align
    from reader.core.corpus import load_corpus

    documents = load_corpus([ROOT / "sample_corpus"]).documents
    documents = (*documents, documents[0])  # a repeat: self matches and long regions
    pure, fast = both(lambda: align(documents, AlignOptions(workers=1)))
    assert fast == pure and len(pure) > 10


positions = st.integers(min_value=0, max_value=2**31 - 1) | st.integers(min_value=0, max_value=60)


@built
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(positions, positions), max_size=60), st.integers(1, 5), st.integers(0, 8), st.booleans())
def test_chains_are_the_pure_pythons(seed_list, n, gap, as_list):
    found = packed(seed_list)
    given_seeds = found.tolist() if as_list else found
    fast = compiled.SEEDS.chains(given_seeds, n, gap)
    seeds_before = found.tolist()
    with pure_loops():
        pure = seeds.chains(given_seeds, n, gap)
    assert fast == pure
    assert found.tolist() == seeds_before  # the seeds given are left as they were


@st.composite
def word_pairs(draw: st.DrawFn) -> tuple[array, array]:
    """Two runs of word hashes, the second the first with words dropped and put in (repeated
    words: gaps that the slide moves)."""
    wa = draw(st.lists(st.integers(0, 4), max_size=40))
    wb = list(wa)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(wb)))
        if wb and draw(st.booleans()):
            del wb[min(at, len(wb) - 1)]
        else:
            wb[at:at] = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    return array("Q", wa), array("Q", wb)


@built
@settings(max_examples=500, deadline=None)
@given(word_pairs(), st.booleans())
def test_blocks_are_the_pure_pythons(words, swap):
    wa, wb = words[::-1] if swap else words
    assert compiled.VERIFY.blocks(wa, wb) == verify._blocks(wa, wb)


@built
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([-2.5, -1, -0.5, 0, 0.0, 0.5, 1, 2.0, 3.25]), max_size=40))
def test_best_stretches_are_the_pure_pythons(values):
    assert compiled.VERIFY.best_stretches(values) == verify._best_stretches(values)


@built
def test_a_cancelled_run_stops_in_both():
    texts = {f"d{k}": "the minister said the talks on Tuesday would go on. " * 5 for k in range(3)}
    documents = documents_from_texts(texts)
    for loops in (pure_loops, nullcontext):
        with loops(), pytest.raises(Cancelled):
            seed_pairs([prepare_docs(documents, range(3), 3)], 3, AlignOptions(), lambda: True)


def test_pure_python_runs_without_the_kernels(monkeypatch):
    calls = []
    pure_link = seeds._link_seeds
    monkeypatch.setattr(seeds, "_link_seeds", lambda *args: calls.append(1) or pure_link(*args))
    monkeypatch.setattr(seeds, "SEEDS", None)
    texts = {f"d{k}": "the minister said the talks on Tuesday would go on. " * 3 for k in range(2)}
    _seed_run(texts, AlignOptions())
    assert calls == [1]


def test_a_kernel_that_cannot_be_imported_is_none(monkeypatch):
    monkeypatch.setitem(sys.modules, "reader.core.align._seed_kernels", None)  # import fails
    assert compiled.load("_seed_kernels") is None
    monkeypatch.delitem(sys.modules, "reader.core.align._seed_kernels")
    monkeypatch.setenv("PARALLAX_PURE", "1")
    assert compiled.load("_seed_kernels") is None and compiled.load("_verify_kernels") is None


@pytest.mark.parametrize("how", ["missing", "PARALLAX_PURE"])
def test_the_engine_picks_the_pure_loops_without_the_kernels(how):
    block = (  # every kernel module missing
        "import sys; " + "".join(f"sys.modules['reader.core.align.{name}'] = None; " for name in compiled.KERNELS)
        if how == "missing"
        else ""
    )
    code = (
        block + "from reader.core.align import compiled, seeds, tokens, verify, align, AlignOptions; "
        "from reader.core.corpus import documents_from_texts; "
        "assert seeds.SEEDS is None and verify.VERIFY is None and tokens._kernel() is None, compiled.describe(); "
        "docs = documents_from_texts({'a': 'the minister said the talks would go on. ' * 3, "
        "'b': 'yes, the minister said the talks would go on. ' * 2}); "
        "print(compiled.describe(), len(align(docs, AlignOptions(workers=1))))"
    )
    env = {**os.environ, "PARALLAX_PURE": "1" if how == "PARALLAX_PURE" else ""}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == ["pure", "Python"] and int(done.stdout.split()[-1]) >= 1


@built
@pytest.mark.parametrize("name", ["_seed_kernels", "_verify_kernels", "_token_kernels"])
def test_a_built_kernel_carries_the_digest_of_its_source(name: str) -> None:
    module = {"_seed_kernels": compiled.SEEDS, "_verify_kernels": compiled.VERIFY, "_token_kernels": compiled.TOKENS}[name]
    assert module.SOURCE == compiled.source_digest(ROOT / "reader" / "core" / "align" / f"{name}.pyx")


def test_a_kernel_built_from_other_source_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    # An edited .pyx not rebuilt, or a failed rebuild that left the old module: its loops may no
    # longer be the Python ones (or read their data as it was), so the pure-Python loops run.
    folder = ROOT / "reader" / "core" / "align"
    monkeypatch.delenv("PARALLAX_PURE", raising=False)
    digest = compiled.source_digest(folder / "_seed_kernels.pyx")
    for source, loaded in ((digest, True), ("0" * 16, False), (None, False)):
        module = SimpleNamespace(__file__=str(folder / "_seed_kernels.cpython-311-x86_64-linux-gnu.so"), SOURCE=source)
        monkeypatch.setattr(compiled.importlib, "import_module", lambda name, module=module: module)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert (compiled.load("_seed_kernels") is module) is loaded
        assert bool(caught) is not loaded


@built
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.integers(0, 8))
def test_cuts_at_quotation_marks_are_the_pure_pythons(texts, margin):
    # Every stretch of every region, cut at the quotations it runs across, both ways.
    options = AlignOptions(margin=margin, quote_bounds=True)
    documents, chunks, pairs = _seed_run(texts, options)
    ctx = Context(documents, [doc.tokens for chunk in chunks for doc in chunk.prepared], options)
    for (a, b), found in pairs:
        sa, sb = ctx.side(a), ctx.side(b)
        for a0, a1, b0, b1 in seeds.chains(array("q", found), options.ngram, options.merge_gap):
            wa0, wb0 = max(0, a0 - margin), max(0, b0 - margin)
            wa, wb = sa.words[wa0 : a1 + margin], sb.words[wb0 : b1 + margin]
            blocks = verify._blocks(wa, wb)
            inner = (a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0)
            for first, last in verify._best_stretches(verify._values(ctx, sa, sb, wa0, wb0, blocks, inner)):
                piece = blocks[first : last + 1]
                assert compiled.VERIFY.cut_at_quotes(ctx, sa, sb, wa0, wb0, piece) == verify._cut_at_quotes(ctx, sa, sb, wa0, wb0, piece)
