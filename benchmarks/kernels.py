"""The compiled kernels (:mod:`reader.core.align.compiled`) against the pure-Python loops they
replace, function by function, on the inputs of one run over a story corpus (issue 11).

    .venv/bin/python benchmarks/kernels.py [--size 1000] [--runs 3]

The corpus is ``benchmarks/corpus_gen.py``'s story corpus (as ``dense_quick.py --corpus story``).
One pure-Python run of the seeds and verification stages records the arguments of every call
of each loop; each loop is then timed on those calls, pure-Python and compiled (best of
``--runs``, CPU time), and the results are checked equal. The prepare stage, ``seed_pairs`` and
``verify_pairs`` are timed whole, both ways, the same way; and the tokeniser (``split_words``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dense_quick import story_corpus  # noqa: E402
from reader.core.align import AlignOptions, compiled, engine, seeds, tokens, verify  # noqa: E402
from reader.core.align.context import Context  # noqa: E402
from reader.core.corpus import documents_from_texts  # noqa: E402


def best(runs: int, call) -> tuple[float, object]:
    """The least CPU time of ``runs`` calls of ``call()``, and what it returned."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        out = call()
        times.append(time.process_time() - start)
    return min(times), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if compiled.SEEDS is None or compiled.VERIFY is None or compiled.TOKENS is None:
        print(f"the compiled kernels are not here ({compiled.describe()}): nothing to compare")
        return 1
    documents = documents_from_texts(story_corpus(args.size, None))
    options = AlignOptions(workers=1)
    kernels = (compiled.SEEDS, compiled.VERIFY, compiled.TOKENS)

    def stages(loops):
        seeds.SEEDS, verify.VERIFY, tokens._KERNEL = loops
        start = time.process_time()
        chunks, _ = engine.prepare(documents, options, 1, lambda fraction: None)
        t_prepare = time.process_time() - start
        start = time.process_time()
        pairs = seeds.seed_pairs(chunks, options.ngram, options, None)
        t_seeds = time.process_time() - start
        ctx = Context(documents, engine.corpus_tokens(chunks), options)
        for a, b in pairs:  # what verification reads of each document, gathered before timing
            ctx.side(a), ctx.side(b)
        items = list(pairs.items())
        start = time.process_time()
        links = verify.verify_pairs(items, ctx)
        return (t_prepare, t_seeds, time.process_time() - start), items, ctx, [repr(link) for link in links]

    rows = []
    (pure_prepare, pure_seeds, pure_verify), items, ctx, pure_links = stages((None, None, None))
    (fast_prepare, fast_seeds, fast_verify), fast_items, _, fast_links = stages(kernels)
    assert [(key, found.tolist()) for key, found in items] == [(key, found.tolist()) for key, found in fast_items]
    assert pure_links == fast_links
    rows.append(("prepare", len(documents), pure_prepare, fast_prepare))
    rows.append(("seed_pairs", 1, pure_seeds, fast_seeds))
    rows.append(("verify_pairs", len(items), pure_verify, fast_verify))

    calls: dict[str, list[tuple]] = {name: [] for name in ("blocks", "values", "best_stretches", "link")}
    loops = dict(zip(calls, verify._LOOPS))

    def recording(name):
        def call(*a):
            calls[name].append(a)
            return loops[name](*a)
        return call

    seeds.SEEDS = verify.VERIFY = tokens._KERNEL = None
    verify._LOOPS = tuple(recording(name) for name in calls)
    try:
        verify.verify_pairs(items, ctx)
    finally:
        verify._LOOPS = tuple(loops.values())
    for name, recorded in calls.items():
        kernel = getattr(compiled.VERIFY, name)
        t_pure, pure = best(args.runs, lambda: [loops[name](*a) for a in recorded])
        t_fast, fast = best(args.runs, lambda: [kernel(*a) for a in recorded])
        assert [repr(x) for x in pure] == [repr(x) for x in fast], name
        rows.append((name, len(recorded), t_pure, t_fast))
    seeded = [found for _, found in items]
    t_pure, pure = best(args.runs, lambda: [seeds.chains(found, options.ngram, options.merge_gap) for found in seeded])
    seeds.SEEDS = compiled.SEEDS
    t_fast, fast = best(args.runs, lambda: [seeds.chains(found, options.ngram, options.merge_gap) for found in seeded])
    assert pure == fast
    rows.append(("chains", len(seeded), t_pure, t_fast))
    texts = [document.text for document in documents]
    t_pure, pure = best(args.runs, lambda: [tokens.split_words(text) for text in texts])
    tokens._KERNEL = compiled.TOKENS
    t_fast, fast = best(args.runs, lambda: [tokens.split_words(text) for text in texts])
    assert pure == fast
    rows.append(("split_words", len(texts), t_pure, t_fast))
    seeds.SEEDS, verify.VERIFY, tokens._KERNEL = kernels

    print(f"{args.size} story articles: the pure-Python loops against the compiled kernels (CPU, same results)")
    for name, count, t_pure, t_fast in rows:
        print(f"  {name:<15} {count:7,} calls  {t_pure:6.3f} s -> {t_fast:6.3f} s  {t_pure / max(t_fast, 1e-9):5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
