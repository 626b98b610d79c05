"""Figures and voices on real clusters: what ``parallax figures`` and ``parallax quotes`` find.

    python benchmarks/figures.py [--data DIR] [--groups] [--speakers] [--articles N]

On ``../shared/data/realnews-dev`` (six real clusters; its gold marks 19 facts whose figures
disagree) it reports:

* how many of the 19 "disagree" facts come out as a figure group with ``agree`` false whose
  mentions overlap the fact's spans in at least two articles (and disagree among themselves);
* every figure group, for reading (``--groups``), so the wrong ones can be counted by hand;
* the speakers that ``parallax quotes`` merges across articles (``--speakers``): each person
  with the names the articles use for them;
* the time of both extractions on 1,000 articles (``--articles``) made by replicating the real
  articles of the dev set and the sample corpus (so their density of figures and quotes is
  real; a copy's text is read once), on the same made distinct (every article read), and on
  1,000 story articles of ``benchmarks/corpus_gen.py``, against a baseline measured in the same
  run: one regular-expression pass that finds the digits in the same texts (the least any
  extraction must do).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shared_data import shared_data  # noqa: E402
from reader.core.corpus import load_corpus  # noqa: E402
from reader.core.figures import FigureGroup, agrees, find_figures  # noqa: E402
from reader.core.models import Document  # noqa: E402

DEFAULT_DATA = shared_data("realnews-dev")


def overlaps(mention, span: dict) -> bool:
    """Whether a figure mention overlaps a gold span (same article)."""
    return mention.doc == span["doc"] and mention.start < span["end"] and span["start"] < mention.end


def disagree_hits(groups: list[FigureGroup], facts: list[dict]) -> list[tuple[dict, FigureGroup | None]]:
    """For each gold fact, the figure group with ``agree`` false that reports it (its mentions
    overlap the fact's spans in two or more articles and do not agree among themselves)."""
    out = []
    for fact in facts:
        best = None
        for group in groups:
            if group.agree:
                continue
            inside = [m for m in group.mentions if any(overlaps(m, s) for s in fact["spans"])]
            if len({m.doc for m in inside}) >= 2 and not agrees(inside):
                best = group
                break
        out.append((fact, best))
    return out


def show_group(group: FigureGroup, by_id: dict[str, Document]) -> list[str]:
    """A group as lines for reading: header, then each mention in its sentence."""
    lines = [f"  {group.id} {'agree' if group.agree else 'DISAGREE'} [{group.what}] ({group.why})"]
    for m in group.mentions:
        text = by_id[m.doc].text
        s0, s1 = m.sentence
        left = " ".join(text[max(s0, m.start - 70) : m.start].split())
        right = " ".join(text[m.end : min(s1, m.end + 50)].split())
        lines.append(f"      {m.doc:9} …{left} [{text[m.start:m.end]}] {right}…")
    return lines


def figures_report(data: Path, show: bool) -> None:
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    clusters = sorted(p for p in data.iterdir() if p.is_dir())
    total_groups = total_hits = total_facts = 0
    for cluster in clusters:
        corpus = load_corpus([cluster])
        groups = find_figures(corpus.documents)
        facts = [f for f in gold["facts"] if f["cluster"] == cluster.name and f.get("disagree")]
        hits = disagree_hits(groups, facts)
        found = sum(1 for _, g in hits if g is not None)
        total_groups += len(groups)
        total_hits += found
        total_facts += len(facts)
        print(f"{cluster.name}: {len(groups)} figure groups ({sum(not g.agree for g in groups)} disagreeing); "
              f"disagree facts grouped with agree false: {found}/{len(facts)}")
        for fact, group in hits:
            print(f"    {'+' if group else '-'} {fact['fact']}" + (f" -> {group.id} [{group.what}]" if group else ""))
        if show:
            by_id = corpus.by_id
            for group in groups:
                print("\n".join(show_group(group, by_id)))
    print(f"\nall clusters: {total_groups} figure groups; disagree facts grouped with agree false: "
          f"{total_hits}/{total_facts}")


def speakers_report(data: Path, sample: Path) -> None:
    from reader.core.voices import find_voices

    for folder in [sample, *sorted(p for p in data.iterdir() if p.is_dir())]:
        corpus = load_corpus([folder])
        voices = find_voices(corpus.documents)
        merged = [s for s in voices if len({q.doc for quote in s.quotes for q in quote.spans}) >= 2 or len(s.names) >= 2]
        print(f"{folder.name}: {len(voices)} speakers, {len(merged)} named in more than one way or article")
        for speaker in merged:
            docs = sorted({q.doc for quote in speaker.quotes for q in quote.spans})
            print(f"    {speaker.name}: names {sorted(speaker.names)}; {len(speaker.quotes)} quotes in {len(docs)} articles")


def replicated(texts: list[str], n: int) -> list[Document]:
    """``n`` articles made of the given texts in turn, each with its own id."""
    return [Document(f"a{i:04d}", f"a{i:04d}.txt", "", texts[i % len(texts)]) for i in range(n)]


def distinct(texts: list[str], n: int) -> list[Document]:
    """As :func:`replicated`, each copy ending in blank lines of its own, so that no two
    texts are the same and every article is read (none is a copy read once)."""
    return [Document(d.id, d.path, "", d.text + "\n" * (1 + i // len(texts))) for i, d in enumerate(replicated(texts, n))]


def timing(data: Path, sample: Path, n: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.glob("*/*.txt"))] if data.is_dir() else []
    texts += [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    time_both(f"replicated from {len(texts)} real ones: every figure and quote {n // len(texts)} times over", replicated(texts, n))
    time_both("the same, each copy made distinct by blank lines of its own: every article read", distinct(texts, n))
    from benchmarks.corpus_gen import generate_corpus, sample_sentences

    paragraphs = sample_sentences(sample)
    if data.is_dir():
        for cluster in sorted(p for p in data.iterdir() if p.is_dir()):
            paragraphs += sample_sentences(cluster)
    generated = generate_corpus(n, seed=1, paragraphs=paragraphs)
    documents = [Document(i, f"{i}.txt", "", t) for i, t in generated.texts.items()]
    time_both("benchmarks/corpus_gen.py: stories of 3-7 articles, real sentences planted in filler", documents)


def time_both(label: str, documents: list[Document]) -> None:
    """Time both extractions on ``documents`` against the digits-regex baseline."""
    from reader.core.voices import find_voices

    n = len(documents)
    chars = sum(len(d.text) for d in documents)
    digits = re.compile(r"\d[\d,.]*")
    (found, baseline), (groups, figures_time), (voices, voices_time) = (
        _timed(lambda: sum(len(digits.findall(d.text)) for d in documents)),
        _timed(lambda: find_figures(documents)),
        _timed(lambda: find_voices(documents)),
    )
    print(f"\n{n} articles ({chars / 1e6:.1f} M characters; {label}):")
    print("    (wall / CPU time of this process; the CPU time holds when other work shares the machine)")
    print(f"    baseline (digits regex, {found} hits): {_ms(baseline)}")
    print(f"    figures: {_ms(figures_time)} ({figures_time[1] / baseline[1]:.0f}x baseline), {len(groups)} groups")
    print(f"    voices:  {_ms(voices_time)} ({voices_time[1] / baseline[1]:.0f}x baseline), {len(voices)} speakers")
    both = (figures_time[0] + voices_time[0], figures_time[1] + voices_time[1])
    print(f"    both:    {_ms(both)} (goal: under 1,000 ms)")


def _timed(work):
    """``(result, (wall seconds, CPU seconds))`` of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def _ms(seconds: tuple[float, float]) -> str:
    return f"{seconds[0] * 1000:7.1f} ms / {seconds[1] * 1000:7.1f} ms CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--groups", action="store_true", help="print every figure group")
    parser.add_argument("--speakers", action="store_true", help="print the speakers merged")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the timing run (0: none)")
    args = parser.parse_args()
    if not (args.data / "gold.json").exists():
        print(f"no realnews-dev data at {args.data}", file=sys.stderr)
        return 2
    figures_report(args.data, args.groups)
    if args.speakers:
        speakers_report(args.data, ROOT / "sample_corpus")
    if args.articles:
        timing(args.data, ROOT / "sample_corpus", args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
