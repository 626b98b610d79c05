"""A quick story-dense corpus and a CPU-time profile of the aligner on it (issue 11, verification).

    .venv/bin/python benchmarks/dense_quick.py [--sizes 100,300] [--profile 300] [--dump DIR]
    .venv/bin/python benchmarks/dense_quick.py --tree OTHER_CHECKOUT ...   # the same, other code

Stories of about ten articles: each story has a pool of 30 sentences; each article keeps about
60% of them (in order), lightly edited (a word replaced, dropped, re-cased or two swapped), plus
filler sentences and a few sentences of other stories. Sentences come from the sample corpus and
from ``../shared/data/realnews-dev`` when it is there (a benchmark may read it; tests may not).
Everything depends only on the seed.

Each size is aligned once with default options and one process (``workers=1``), timed with
``time.process_time`` (CPU time, not wall time: the machine is shared); ``--stages`` also times
each stage of :func:`reader.core.align.align` apart (best of ``--runs``, CPU), the stages run one
by one as ``align`` runs them; ``--profile N`` prints the top of a cProfile of the run at N
articles (by own time and by cumulative time); ``--dump DIR`` writes the groups as JSON
(``DIR/dense_N.txt``, one ``repr`` per group) so two checkouts' outputs can be compared byte for byte.
(``benchmarks/corpus_gen.py`` and ``benchmarks/scale.py --density story`` are the full
benchmark; this script only exists to measure the verification stage quickly.)
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after the tree whose engine is measured (see main)

from benchmarks.shared_data import shared_data  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”’])\s+")
_WORD = re.compile(r"\S+")
CORPUS_GEN = ROOT / "benchmarks" / "corpus_gen.py"


def source_sentences() -> list[str]:
    """Sentences of at least six words from the sample corpus and realnews-dev."""
    folders = [ROOT / "sample_corpus"]
    rn = shared_data("realnews-dev")
    if rn.is_dir():
        folders.extend(sorted(p for p in rn.iterdir() if p.is_dir()))
    out: list[str] = []
    seen: set[str] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            for line in lines[1:]:
                for s in _SENTENCE.split(line):
                    s = s.strip()
                    if len(s.split()) >= 6 and s not in seen:
                        seen.add(s)
                        out.append(s)
    return out


def _edit(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    """A light edit half of the time: one word replaced, dropped, re-cased or two swapped."""
    if rng.random() < 0.5:
        return sentence
    words = _WORD.findall(sentence)
    if len(words) < 4:
        return sentence
    k = rng.randrange(1, len(words) - 1)
    op = rng.choice(("replace", "drop", "case", "swap"))
    if op == "replace":
        words[k] = rng.choice(vocabulary)
    elif op == "drop":
        del words[k]
    elif op == "case":
        words[k] = words[k].lower() if words[k][:1].isupper() else words[k].capitalize()
    else:
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def _filler(rng: random.Random, vocabulary: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 16))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def dense_corpus(n_docs: int, seed: int = 0) -> dict[str, str]:
    """``n_docs`` articles (id -> text) in stories of about ten."""
    rng = random.Random(seed)
    sentences = source_sentences()
    vocabulary = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(20000)]
    texts: dict[str, str] = {}
    story_pools: list[list[str]] = []
    i = 0
    while i < n_docs:
        size = min(n_docs - i, rng.randint(8, 12))
        pool = rng.sample(sentences, 30)
        story_pools.append(pool)
        for _ in range(size):
            kept = [s for s in pool if rng.random() < 0.6]
            body = [_edit(s, rng, vocabulary) for s in kept]
            for _ in range(rng.randint(4, 10)):
                body.insert(rng.randint(0, len(body)), _filler(rng, vocabulary))
            if len(story_pools) > 1:
                for _ in range(rng.randint(0, 3)):
                    other = rng.choice(story_pools[:-1])
                    body.insert(rng.randint(0, len(body)), rng.choice(other))
            paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
            title = " ".join(rng.choice(vocabulary) for _ in range(5)).capitalize()
            texts[f"d{i:05d}"] = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
            i += 1
    return texts


def story_corpus(size: int, generator: Path | None) -> dict[str, str]:
    """:func:`benchmarks.corpus_gen.generate_story_corpus` when it is there (or in the file
    ``generator``), else :func:`dense_corpus`."""
    import importlib.util

    path = generator or CORPUS_GEN
    spec = importlib.util.spec_from_file_location("_corpus_gen", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["_corpus_gen"] = module
    spec.loader.exec_module(module)
    if hasattr(module, "generate_story_corpus"):
        return module.generate_story_corpus(size).texts
    return dense_corpus(size)


def run(size: int, profile: bool, dump: Path | None, top: int, corpus: str, generator: Path | None) -> None:
    from reader.core.align import AlignOptions, align
    from reader.core.corpus import documents_from_texts

    texts = story_corpus(size, generator) if corpus == "story" else dense_corpus(size)
    docs = documents_from_texts(texts)
    options = AlignOptions(workers=1)
    align(docs[:5], options)  # warm-up (imports, the claims model)
    prof = cProfile.Profile() if profile else None
    start = time.process_time()
    if prof is not None:
        prof.enable()
    groups = align(docs, options)
    if prof is not None:
        prof.disable()
    cpu = time.process_time() - start
    spans = sum(len(g.spans) for g in groups)
    print(f"{size} {corpus} articles: {cpu:.3f} s CPU{' (profiled)' if profile else ''}, {len(groups)} groups, {spans} spans")
    if prof is not None:
        pstats.Stats(prof).sort_stats("tottime").print_stats(top)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{corpus}_{size}.txt").write_text("\n".join(map(repr, groups)) + "\n")


def stages(size: int, corpus: str, generator: Path | None, runs: int) -> None:
    """CPU time of each stage of ``align`` (one process, default options), best of ``runs``."""
    from reader.core.align import AlignOptions, align
    from reader.core.align import engine
    try:
        from reader.core.align.claim_stage import find_claims
    except ImportError:  # a checkout before claim_stage.py (--tree)
        from reader.core.align.claims import find_claims
    from reader.core.align.context import Context
    from reader.core.align.figure_claims import figure_claims
    from reader.core.align.fold import fold_groups
    from reader.core.align.groups import make_groups, tidy_links
    from reader.core.align.shared_quotes import shared_quotations
    from reader.core.align.widen import widen_short_spans
    from reader.core.corpus import documents_from_texts
    try:
        from reader.core.once import texts_read_once as kept
    except ImportError:  # a checkout without it (--tree)
        kept = contextlib.nullcontext
    texts = story_corpus(size, generator) if corpus == "story" else dense_corpus(size)
    docs = documents_from_texts(texts)
    options = AlignOptions(workers=1)
    align(docs[:5], options)  # warm-up (imports, the claims model)
    times: dict[str, list[float]] = {}

    def timed(name, f, *args):
        start = time.process_time()
        out = f(*args)
        times.setdefault(name, []).append(time.process_time() - start)
        return out

    for _ in range(runs):
        chunks, _ = timed("prepare", engine.prepare, docs, options, 1, lambda fraction: None)
        pairs = timed("seeds", engine.seed_pairs, chunks, options.ngram, options, None)
        tokens = engine.corpus_tokens(chunks)
        ctx = Context(docs, tokens, options)
        links = timed("verify", engine.verify_pairs, list(pairs.items()), ctx)
        reading = kept()  # as shown_groups runs the stages below (when the checkout has it)
        reading.__enter__()
        paused = getattr(engine, "collector_paused", contextlib.nullcontext)()
        paused.__enter__()
        claims = timed("claims", find_claims, docs, tokens, pairs, links, options)
        if options.figure_claims and options.claims:
            claims = [*claims, *timed("figure claims", figure_claims, docs, options.claim_reach)]
        tidy = timed("tidy links", tidy_links, links, ctx)
        groups = timed("make groups", make_groups, docs, tokens, tidy, ctx.quotation)
        if options.quote_seeds:
            groups = (*groups, *timed("shared quotes", shared_quotations, docs))
        shown = timed("fold", fold_groups, docs, groups, claims, ctx.quotation)
        if options.claims and not options.claims_as_links:
            shown = timed("widen", widen_short_spans, docs, shown, ctx.quotation)
        paused.__exit__(None, None, None)
        reading.__exit__(None, None, None)
    best = {name: min(values) for name, values in times.items()}
    total = sum(best.values())
    print(f"{size} {corpus} articles, stages (CPU, best of {runs}): {total:.2f} s, {len(shown)} groups")
    for name, value in sorted(best.items(), key=lambda item: -item[1]):
        print(f"  {name:<14} {value:6.3f} s  {100 * value / total:4.1f}%")


def sample(runs: int) -> None:
    from reader.core.align import AlignOptions, align
    from reader.core.corpus import load_corpus

    docs = load_corpus([ROOT / "sample_corpus"]).documents
    align(docs, AlignOptions())
    times = []
    for _ in range(runs):
        start = time.process_time()
        align(docs, AlignOptions())
        times.append(time.process_time() - start)
    times.sort()
    print(f"sample ({len(docs)} articles): median {1000 * times[len(times) // 2]:.1f} ms CPU, min {1000 * times[0]:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300")
    parser.add_argument("--profile", type=int, default=0, help="profile the run at this size")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--tree", type=Path, help="run another checkout's reader package")
    parser.add_argument("--corpus", choices=("dense", "story"), default="dense",
                        help="dense: this script's corpus; story: corpus_gen.generate_story_corpus")
    parser.add_argument("--generator", type=Path, help="a corpus_gen.py file with generate_story_corpus")
    parser.add_argument("--sample", type=int, default=0, help="time the sample corpus this many times")
    parser.add_argument("--stages", action="store_true", help="time each stage of align apart")
    parser.add_argument("--runs", type=int, default=1, help="with --stages: best of this many runs")
    args = parser.parse_args()
    tree = (args.tree or ROOT).resolve()
    sys.path.insert(0, str(tree))
    import reader

    if Path(reader.__file__).resolve().parent.parent != tree:
        print(f"warning: reader imported from {reader.__file__}, not {tree}", file=sys.stderr)
    if args.sample:
        sample(args.sample)
    for size in (int(s) for s in args.sizes.split(",") if s):
        if args.stages:
            stages(size, args.corpus, args.generator, args.runs)
            continue
        run(size, size == args.profile, args.dump, args.top, args.corpus, args.generator)
    return 0


if __name__ == "__main__":
    sys.exit(main())
