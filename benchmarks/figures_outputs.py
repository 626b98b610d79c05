"""Write, or compare, what the figures and voices extractions give, so a speed-up can be shown
not to change a byte of it.

    python benchmarks/figures_outputs.py write OUT [--realnews DIR] [--articles N]
    python benchmarks/figures_outputs.py compare DIR_A DIR_B      # byte for byte; exit 1 if not
    python benchmarks/figures_outputs.py check DIR                # write to a temporary folder, compare with DIR
    python benchmarks/figures_outputs.py speed OLD_CHECKOUT [--rounds N]   # CPU time, old code against this one

``write`` saves, for the sample corpus and every cluster of ``../shared/data/realnews-dev``:
``parallax figures`` and ``parallax quotes`` as JSON and as tables (run as commands, so the
command line is covered too, quotes with the aligner's groups); and, for those corpora and the
two 1,000-article corpora of ``benchmarks/figures.py`` (real articles replicated; the story
corpus of ``benchmarks/corpus_gen.py``), the core functions' results serialised: the JSON of
:func:`figures_dict` / :func:`voices_dict` and the full ``repr`` of every figure group and
speaker (every field of every mention: noun, predicate, context words and their weights,
anchors...), so a change inside the stages shows even when the printed output hides it.

Run ``write`` on the old code, then ``check`` (or ``write`` + ``compare``) on the new. ``speed``
times both extractions on the two 1,000-article corpora with the code of another checkout (e.g.
``git archive main | tar -x -C /tmp/old``) and with this one, in one process, alternating, and
prints the least CPU time of each over the rounds and the ratio: on a shared machine the times
vary from run to run, the ratio much less. The
sample corpus's article paths name the checkout they were read from, so ``compare`` reads
``".../sample_corpus/NAME"`` as ``"sample_corpus/NAME"`` (nothing else is changed).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.align_outputs import compare as compare_outputs  # noqa: E402
from benchmarks.align_outputs import corpora  # noqa: E402
from benchmarks.figures import DEFAULT_DATA, replicated  # noqa: E402
from reader.core.corpus import load_corpus  # noqa: E402
from reader.core.figures import find_figures  # noqa: E402
from reader.core.figures.report import figures_dict  # noqa: E402
from reader.core.models import Document  # noqa: E402
from reader.core.voices import find_voices  # noqa: E402
from reader.core.voices.report import voices_dict  # noqa: E402

CHECKOUT_PATH = re.compile(rb'"path": "[^"]*/sample_corpus/|path=\'[^\']*/sample_corpus/')


def benchmark_corpora(realnews: Path, n: int) -> dict[str, list[Document]]:
    """The two corpora ``benchmarks/figures.py`` times, built the same way."""
    from benchmarks.corpus_gen import generate_corpus, sample_sentences

    sample = ROOT / "sample_corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(realnews.glob("*/*.txt"))] if realnews.is_dir() else []
    texts += [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    paragraphs = sample_sentences(sample)
    if realnews.is_dir():
        for cluster in sorted(p for p in realnews.iterdir() if p.is_dir()):
            paragraphs += sample_sentences(cluster)
    generated = generate_corpus(n, seed=1, paragraphs=paragraphs)
    return {
        f"bench{n}_realdensity": replicated(texts, n),
        f"bench{n}_stories": [Document(i, f"{i}.txt", "", t) for i, t in generated.texts.items()],
    }


def write_core(out: Path, name: str, documents: list[Document]) -> None:
    """The core functions' results for ``documents``: JSON and full repr."""
    groups = find_figures(documents)
    speakers = find_voices(documents)
    (out / f"{name}.figures.core.json").write_text(json.dumps(figures_dict(documents, groups), ensure_ascii=True, indent=1))
    (out / f"{name}.voices.core.json").write_text(json.dumps(voices_dict(documents, speakers), ensure_ascii=True, indent=1))
    (out / f"{name}.figures.repr").write_text("\n".join(repr(g) for g in groups))
    (out / f"{name}.voices.repr").write_text("\n".join(repr(s) for s in speakers))
    print(f"{name}: {len(documents)} articles, {len(groups)} figure groups, {len(speakers)} speakers")


def write(out: Path, realnews: Path, n: int) -> int:
    if not realnews.is_dir():
        print(f"warning: {realnews} not found: only the sample corpus is written", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    for name, folder in corpora(realnews).items():
        for command in ("figures", "quotes"):
            for fmt in ("json", "table"):
                result = subprocess.run([sys.executable, "-m", "reader", command, str(folder), "--format", fmt],
                                        capture_output=True, check=False, cwd=ROOT)
                if result.returncode:
                    print(f"{name}: parallax {command} failed: {result.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                    return 2
                (out / f"{name}.{command}.{fmt}").write_bytes(result.stdout)
        write_core(out, name, list(load_corpus([folder]).documents))
    if n:
        for name, documents in benchmark_corpora(realnews, n).items():
            write_core(out, name, documents)
    return 0


def compare(a: Path, b: Path) -> int:
    return compare_outputs(a, b, "*", _comparable)


def _comparable(data: bytes) -> bytes:
    """The output with the checkout folder taken out of the sample corpus's article paths."""
    return CHECKOUT_PATH.sub(b"sample_corpus/", data)


def speed(old_root: Path, realnews: Path, n: int, rounds: int) -> int:
    """Both extractions timed with the code of ``old_root`` and with this checkout's, alternating."""
    import gc
    import time

    def load(root: Path):
        for name in [k for k in sys.modules if k.split(".")[0] == "reader"]:
            del sys.modules[name]
        sys.path.insert(0, str(root))
        try:
            import reader.core.figures as figures
            import reader.core.voices as voices
        finally:
            sys.path.remove(str(root))
        return figures.find_figures, voices.find_voices

    stages = {"old": load(old_root.resolve()), "new": load(ROOT)}
    best: dict[tuple[str, str, str], float] = {}
    documents = benchmark_corpora(realnews, n)
    for _ in range(rounds):
        for label, (find_figures_, find_voices_) in stages.items():
            for name, docs in documents.items():
                for what, work in (("figures", find_figures_), ("voices", find_voices_)):
                    gc.collect()
                    start = time.process_time()
                    work(docs)
                    spent = time.process_time() - start
                    best[(name, what, label)] = min(best.get((name, what, label), spent), spent)
    print(f"least CPU time of {rounds} rounds (old: {old_root}; new: {ROOT})")
    for name in documents:
        for what in ("figures", "voices", "both"):
            parts = ("figures", "voices") if what == "both" else (what,)
            old, new = (sum(best[(name, p, label)] for p in parts) for label in ("old", "new"))
            print(f"    {name:24} {what:8} old {old * 1000:7.1f} ms   new {new * 1000:7.1f} ms   new/old {new / old:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    k = sub.add_parser("check")
    k.add_argument("before", type=Path)
    v = sub.add_parser("speed")
    v.add_argument("old", type=Path, help="a checkout of the code to compare with")
    v.add_argument("--rounds", type=int, default=5)
    for p in (w, k, v):
        p.add_argument("--realnews", type=Path, default=DEFAULT_DATA)
        p.add_argument("--articles", type=int, default=1000, help="articles in each benchmark corpus (0: none)")
    args = parser.parse_args()
    if args.command == "write":
        return write(args.out, args.realnews, args.articles)
    if args.command == "speed":
        return speed(args.old, args.realnews, args.articles or 1000, args.rounds)
    if args.command == "check":
        with tempfile.TemporaryDirectory(prefix="figures-outputs-") as tmp:
            code = write(Path(tmp), args.realnews, args.articles)
            return code or compare(args.before, Path(tmp))
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
