"""CPU time of the claims stage's first half, step by step, as the engine's main process runs it
beside the verification (issue 11): :func:`reader.core.align.claim_stage.begin_claims` on the
story-clustered corpus (``benchmarks/corpus_gen.py``), this checkout against another.

    .venv/bin/python benchmarks/claims_begun.py [--sizes 300,1000] [--runs 2] [--rounds 3] [--baseline-tree DIR] [--no-numpy]

Each tree runs in a process of its own, in turns (``--rounds`` turns each; the best of all is
kept, so a busy moment of a shared machine does not count against one tree). As in the engine's two-process mode, what the
pool reads ahead of every text (:data:`reader.core.align.pool.READ_AHEAD`) is kept beforehand
and the garbage collector is paused; the claims stage's caches of words and terms are emptied
before each run (a fresh process has them empty). Steps: the sentences and their terms
(``sentence_units``), acronyms, term weights, topic terms, candidate pairs; then
``begin_claims`` whole (the engine's call). Best of ``--runs`` per process, CPU seconds. ``--no-numpy``:
the candidate pairs counted without numpy (the pure-Python path).
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("sentences", "acronyms", "weights", "topic", "pairs", "begin_claims")


def measure(size: int, runs: int, numpy: bool) -> dict[str, float]:
    """Best CPU seconds per step at ``size`` articles (in the tree first on ``sys.path``)."""
    sys.path.append(str(ROOT / "benchmarks"))
    from dense_quick import story_corpus

    from reader.core.align import AlignOptions, align, engine, terms
    from reader.core.align.acronyms import with_acronyms
    from reader.core.align.claim_stage import begin_claims
    from reader.core.align.claims import candidate_pairs
    from reader.core.align.pool import READ_AHEAD
    from reader.core.align.related import related_documents
    from reader.core.corpus import documents_from_texts
    from reader.core.once import keep, texts_read_once

    if not numpy:
        from reader.core.align import cooccur

        cooccur._numpy = lambda: None
    docs = documents_from_texts(story_corpus(size, None))
    options = AlignOptions(workers=1)
    align(docs[:5], options)  # warm-up: imports, the stemmer
    best: dict[str, float] = {}
    with texts_read_once():
        chunks, _ = engine.prepare(docs, options, 1, lambda fraction: None)
        pairs = engine.seed_pairs(chunks, options.ngram, options, None)
        tokens = engine.corpus_tokens(chunks)
        for doc in docs:
            for function in READ_AHEAD:
                keep(function, doc.text, function(doc.text))
        texts = [doc.text for doc in docs]
        related = related_documents({pair for pair in pairs if pair[0] != pair[1]})
        wanted = {d for pair in related for d in pair}
        for _ in range(runs):
            times: dict[str, float] = {}
            terms._WORDS.clear()
            terms._TERMS.clear()
            gc.disable()
            start = time.process_time()

            def lap(name: str) -> None:
                nonlocal start
                now = time.process_time()
                times[name] = now - start
                start = now

            units = [u for d, text in enumerate(texts) if d in wanted for u in terms.sentence_units(d, text, tokens[d])]
            lap("sentences")
            units = with_acronyms(texts, units)
            lap("acronyms")
            weights = terms.term_weights(units)
            lap("weights")
            topic = terms.topic_terms(units)
            lap("topic")
            candidate_pairs(units, weights, options, related, topic)
            lap("pairs")
            terms._WORDS.clear()
            terms._TERMS.clear()
            start = time.process_time()
            begin_claims(docs, tokens, pairs, options)
            lap("begin_claims")
            gc.enable()
            for name, value in times.items():
                best[name] = min(best.get(name, value), value)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,1000")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="turns of each tree")
    parser.add_argument("--baseline-tree", type=Path, help="another checkout, measured in turns with this one")
    parser.add_argument("--no-numpy", action="store_true", help="count candidate pairs without numpy (this tree)")
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)  # one measurement, as JSON (internal)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tree is not None:
        sys.path.insert(0, str(args.tree))
        print(json.dumps(measure(args.size, args.runs, not args.no_numpy)))
        return 0
    trees = [("this", ROOT)] + ([("baseline", args.baseline_tree.resolve())] if args.baseline_tree else [])
    for size in (int(s) for s in args.sizes.split(",") if s):
        found: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for name, tree in trees:
                command = [sys.executable, __file__, "--tree", str(tree), "--size", str(size), "--runs", str(args.runs)]
                if args.no_numpy and name == "this":
                    command.append("--no-numpy")
                measured = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                best = found.setdefault(name, measured)
                for step, value in measured.items():
                    best[step] = min(best[step], value)
        runs = args.runs * args.rounds
        print(f"{size} story articles, claims begun (CPU s, best of {runs} in {args.rounds} turns{', no numpy' if args.no_numpy else ''}):")
        print(f"  {'step':<14}" + "".join(f"{name:>10}" for name, _ in trees) + ("     ratio" if len(trees) > 1 else ""))
        for step in STEPS:
            row = "".join(f"{found[name][step]:10.3f}" for name, _ in trees)
            ratio = f"{found['this'][step] / found['baseline'][step]:9.2f}x" if len(trees) > 1 and found["baseline"][step] else ""
            print(f"  {step:<14}{row}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
