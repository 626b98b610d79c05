"""Score Parallax's aligner on the PAN 2013 text-alignment training corpus with PAN's plagdet.

Run by hand from a checkout::

    .venv/bin/python benchmarks/pan13.py                 # 200-pair sample
    .venv/bin/python benchmarks/pan13.py --full --jobs 2 # all 5185 pairs
    .venv/bin/python benchmarks/pan13.py --kind random-obfuscation --worst 10
    .venv/bin/python benchmarks/pan13.py --opt min_score=80 --opt some_flag=true
    .venv/bin/python benchmarks/pan13.py --preset long      # the long-passage preset

Each pair is aligned with ``reader.align_texts({"a": a_text, "b": b_text}, **opts)``; every
(a-span, b-span) combination of a group is one detection. The same run scores the "PAN
exact-match baseline" (:mod:`benchmarks.exact_baseline`) so the figures come with a ratio
measured on the same machine, next to the published reference figures.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.exact_baseline import exact_passages  # noqa: E402
from benchmarks.plagdet import Passage, PairScore, Score, Tally, score_pair  # noqa: E402
from benchmarks.shared_data import shared_data  # noqa: E402

DEFAULT_DATA = shared_data("pan13-train", "PARALLAX_PAN13")
SAMPLE = "pan13_train_sample200.jsonl"
FULL = "pan13_train_full.jsonl.gz"

KINDS = (
    "no-plagiarism",
    "no-obfuscation",
    "random-obfuscation",
    "translation-obfuscation",
    "summary-obfuscation",
)
KIND_LABEL = {
    "no-plagiarism": "no plagiarism",
    "no-obfuscation": "verbatim",
    "random-obfuscation": "random",
    "translation-obfuscation": "translation",
    "summary-obfuscation": "summary",
}
PUBLISHED = {
    "overall": 0.878,
    "no-obfuscation": 0.900,
    "random-obfuscation": 0.884,
    "translation-obfuscation": 0.887,
    "summary-obfuscation": 0.561,
}
"""Sanchez-Perez et al. 2014 on the PAN 2013 test corpus (0.877 on this training corpus)."""
PUBLISHED_BASELINE = {"overall": 0.42, "no-obfuscation": 0.93}
"""PAN's exact n-gram baseline on the PAN 2013 test corpus."""


class BenchError(Exception):
    """A problem that ends the benchmark with one line."""


@dataclass(slots=True)
class PairResult:
    """What one pair produced, for one aligner."""

    score: PairScore
    detections: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    """A few detections that hit no case and cases no detection hit, quoted (for --worst)."""


EXAMPLES = 3
"""Examples kept per pair: false positives, then missed cases."""


def _quote(text: str, start: int, end: int, width: int = 70) -> str:
    piece = " ".join(text[start:end].split())
    return repr(piece if len(piece) <= width else piece[: width - 3] + "...")


def examples(
    cases: list[Passage], detections: list[Passage], score: PairScore, a_text: str, b_text: str
) -> list[str]:
    """Quoted detections that hit no case, and cases that no detection hit."""
    found = []
    for det, precision in zip(detections, score.detection_precisions):
        if precision == 0 and len(found) < EXAMPLES:
            found.append(
                f"false positive a[{det.a_start}:{det.a_end}] {_quote(a_text, det.a_start, det.a_end)}"
                f" ~ b[{det.b_start}:{det.b_end}] {_quote(b_text, det.b_start, det.b_end)}"
            )
    for case, recall in zip(cases, score.case_recalls):
        if recall == 0 and len(found) < 2 * EXAMPLES:
            found.append(
                f"missed case a[{case.a_start}:{case.a_end}] {_quote(a_text, case.a_start, case.a_end)}"
                f" ~ b[{case.b_start}:{case.b_end}] {_quote(b_text, case.b_start, case.b_end)}"
            )
    return found


@dataclass(slots=True)
class Row:
    """One pair's results for both aligners."""

    id: str
    kind: str
    cases: int
    engine: PairResult | None
    baseline: PairResult


# -- reading the data -----------------------------------------------------------------------


def data_file(folder: Path, full: bool) -> Path:
    """The data file to read, or a one-line :class:`BenchError` when it is missing."""
    if not folder.is_dir():
        raise BenchError(
            f"PAN13 data folder not found: {folder} (pass --data DIR or set PARALLAX_PAN13)"
        )
    path = folder / (FULL if full else SAMPLE)
    if not path.is_file():
        raise BenchError(f"PAN13 data file not found: {path}")
    return path


def read_pairs(
    path: Path, kind: str | None, limit: int | None, per_kind: int | None = None
) -> Iterator[dict[str, Any]]:
    """The pairs of the JSON-lines file (gzip'd or not), filtered by kind, at most ``limit``
    in all and ``per_kind`` of each kind."""
    opener = gzip.open if path.suffix == ".gz" else open
    count = 0
    kinds: dict[str, int] = defaultdict(int)
    with opener(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                pair = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BenchError(f"{path}:{line_no}: not JSON ({exc.msg})") from None
            if kind is not None and pair.get("kind") != kind:
                continue
            if per_kind is not None:
                if kinds[pair.get("kind", "")] >= per_kind:
                    continue
                kinds[pair.get("kind", "")] += 1
            count += 1
            yield pair


def gold_cases(pair: dict[str, Any]) -> list[Passage]:
    """The gold cases of a pair, from its ``spans`` ([a_start, a_len, b_start, b_len] each)."""
    return [Passage.from_lengths(*span) for span in pair["spans"]]


# -- the aligners -----------------------------------------------------------------------------

_ENGINE: Any = None
_OPTIONS: dict[str, Any] = {}


def load_engine() -> Any:
    """``reader.align_texts``, checked to be usable; a one-line error when it is not."""
    try:
        import reader.core.align  # noqa: F401
    except ImportError as exc:
        raise BenchError(
            f"the aligner cannot be imported ({exc}); run with --baseline-only to score the "
            "exact-match baseline alone"
        ) from None
    from reader import align_texts

    return align_texts


def engine_detections(
    result: dict[str, Any], texts: dict[str, str]
) -> tuple[list[Passage], list[str]]:
    """Every (a-span, b-span) pair of every group, and the problems met with the spans."""
    problems: list[str] = []
    detections: list[Passage] = []
    for group in result.get("groups", []):
        sides: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
        for span in group.get("spans", []):
            doc, start, end = span.get("doc"), span.get("start"), span.get("end")
            if doc not in texts:
                problems.append(f"group {group.get('id')}: span of unknown document {doc!r}")
                continue
            text = texts[doc]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
                problems.append(
                    f"group {group.get('id')}: span {doc}[{start}:{end}] outside the text "
                    f"(length {len(text)})"
                )
                continue
            if start == end:
                problems.append(f"group {group.get('id')}: empty span {doc}[{start}:{end}]")
                continue
            if "text" in span and span["text"] != text[start:end]:
                problems.append(
                    f"group {group.get('id')}: span {doc}[{start}:{end}] text does not match "
                    f"(says {span['text'][:40]!r}, text has {text[start:end][:40]!r})"
                )
            sides[doc].append((start, end))
        for a0, a1 in sides["a"]:
            for b0, b1 in sides["b"]:
                detections.append(Passage(a0, a1, b0, b1))
    return detections, problems


def _init_worker(use_engine: bool, options: dict[str, Any]) -> None:
    global _ENGINE, _OPTIONS
    _ENGINE = load_engine() if use_engine else None
    _OPTIONS = options


def run_pair(pair: dict[str, Any]) -> Row:
    """Align one pair with both aligners and score them."""
    a_text, b_text = pair["a_text"], pair["b_text"]
    cases = gold_cases(pair)
    engine = None
    if _ENGINE is not None:
        texts = {"a": a_text, "b": b_text}
        started = time.perf_counter()
        try:
            result = _ENGINE(texts, **_OPTIONS)
            seconds = time.perf_counter() - started
            detections, problems = engine_detections(result, texts)
        except Exception as exc:  # a crash is a finding, not the end of the benchmark
            seconds = time.perf_counter() - started
            detections, problems = [], [f"crashed: {type(exc).__name__}: {exc}"]
        scored = score_pair(cases, detections)
        engine = PairResult(
            scored, len(detections), seconds, problems,
            examples(cases, detections, scored, a_text, b_text),
        )
    started = time.perf_counter()
    found = exact_passages(a_text, b_text)
    seconds = time.perf_counter() - started
    base_dets = [Passage(*p) for p in found]
    scored = score_pair(cases, base_dets)
    baseline = PairResult(
        scored, len(base_dets), seconds, examples=examples(cases, base_dets, scored, a_text, b_text)
    )
    return Row(pair["id"], pair["kind"], len(cases), engine, baseline)


# -- reporting --------------------------------------------------------------------------------


def pair_score(result: PairResult) -> Score:
    """One pair's own figures (for --worst)."""
    tally = Tally()
    tally.add(result.score)
    return tally.score()


def fmt(value: float | None, digits: int = 3) -> str:
    """A figure, or a dash when there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(ours: float, theirs: float) -> str:
    """ours / theirs, printed as e.g. ``1.52x``."""
    if theirs == 0:
        return "-" if ours == 0 else "inf"
    return f"{ours / theirs:.2f}x"


def print_table(title: str, rows: list[Row], pick: str) -> dict[str, Score]:
    """Print the figures of one aligner overall and per kind; return the scores."""
    by_kind: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    seconds: dict[str, float] = defaultdict(float)
    pairs: dict[str, int] = defaultdict(int)
    fp_pairs: dict[str, int] = defaultdict(int)
    for row in rows:
        result: PairResult = getattr(row, pick)
        by_kind[row.kind].add(result.score)
        overall.add(result.score)
        seconds[row.kind] += result.seconds
        pairs[row.kind] += 1
        if row.cases == 0 and result.detections:
            fp_pairs[row.kind] += 1
    print(f"\n{title}")
    header = (
        f"  {'kind':<14}{'pairs':>6}{'cases':>6}{'dets':>6}  {'plagdet':>7}  {'recall':>6}  "
        f"{'prec':>6}  {'gran':>5}  {'align s':>8}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    scores: dict[str, Score] = {}
    for kind in [k for k in KINDS if k in by_kind] + sorted(set(by_kind) - set(KINDS)):
        score = by_kind[kind].score()
        scores[kind] = score
        if kind == "no-plagiarism":
            note = f"false positives: {score.detections} detections in {fp_pairs[kind]} of {pairs[kind]} pairs"
            print(
                f"  {KIND_LABEL.get(kind, kind):<14}{pairs[kind]:>6}{score.cases:>6}"
                f"{score.detections:>6}  {note}"
                f"{'':>3}{seconds[kind]:>8.2f}"
            )
            continue
        print(
            f"  {KIND_LABEL.get(kind, kind):<14}{pairs[kind]:>6}{score.cases:>6}{score.detections:>6}"
            f"  {score.plagdet:>7.3f}  {score.recall:>6.3f}  {score.precision:>6.3f}  "
            f"{score.granularity:>5.2f}  {seconds[kind]:>8.2f}"
        )
    total = overall.score()
    scores["overall"] = total
    print(
        f"  {'overall':<14}{len(rows):>6}{total.cases:>6}{total.detections:>6}  {total.plagdet:>7.3f}  "
        f"{total.recall:>6.3f}  {total.precision:>6.3f}  {total.granularity:>5.2f}  "
        f"{sum(seconds.values()):>8.2f}"
    )
    return scores


def print_comparison(ours: dict[str, Score], base: dict[str, Score], rows: list[Row]) -> None:
    """Parallax against the baseline of this run and the published figures."""
    print("\nplagdet: Parallax vs the exact-match baseline (same run) and published figures")
    print(f"  {'kind':<14}{'parallax':>9}{'baseline':>9}{'ratio':>8}{'published':>11}{'pub. base':>10}")
    for kind in [k for k in KINDS if k in ours and k != "no-plagiarism"] + ["overall"]:
        print(
            f"  {KIND_LABEL.get(kind, kind):<14}{ours[kind].plagdet:>9.3f}{base[kind].plagdet:>9.3f}"
            f"{ratio(ours[kind].plagdet, base[kind].plagdet):>8}"
            f"{fmt(PUBLISHED.get(kind)):>11}{fmt(PUBLISHED_BASELINE.get(kind)):>10}"
        )
    ours_s = sum(r.engine.seconds for r in rows if r.engine)
    base_s = sum(r.baseline.seconds for r in rows)
    print(
        f"  time: parallax {ours_s:.2f} s, baseline {base_s:.2f} s "
        f"(parallax takes {ratio(ours_s, base_s)} the baseline's time)"
    )
    print("  published: Sanchez-Perez et al. 2014 and PAN's baseline, on the PAN 2013 test corpus")
    print("  align s: time in the aligner summed over pairs (with --jobs N, up to N pairs at once)")


def print_worst(rows: list[Row], pick: str, count: int) -> None:
    """The ``count`` worst pairs of each kind, with their own figures."""
    print(f"\nworst {count} pairs per kind ({'Parallax' if pick == 'engine' else 'baseline'})")
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    for kind in [k for k in KINDS if k in by_kind]:
        entries = []
        for row in by_kind[kind]:
            result: PairResult = getattr(row, pick)
            score = pair_score(result)
            # Pairs without cases (all of no-plagiarism, half of summary) rank by their false
            # positives; pairs with cases by plagdet, bigger cases first among equals.
            if row.cases == 0:
                key: tuple[float, float] = (0.0 if result.detections else 2.0, -result.detections)
            else:
                key = (score.plagdet, -row.cases)
            entries.append((key, row, result, score))
        entries.sort(key=lambda e: (e[0], e[1].id))
        print(f"  {KIND_LABEL.get(kind, kind)}:")
        for _, row, result, score in entries[:count]:
            problems = f"  problems: {len(result.problems)}" if result.problems else ""
            print(
                f"    {row.id}  cases {row.cases} dets {result.detections}  plagdet "
                f"{score.plagdet:.3f} rec {score.recall:.3f} prec {score.precision:.3f} "
                f"gran {score.granularity:.2f}  {result.seconds * 1000:.0f} ms{problems}"
            )
            for example in result.examples:
                print(f"        {example}")


def print_problems(rows: list[Row], limit: int = 10) -> None:
    """Spans that do not map back to their text, crashes and the like."""
    found = [(row.id, p) for row in rows if row.engine for p in row.engine.problems]
    if not found:
        return
    pairs = len({pid for pid, _ in found})
    print(f"\nproblems with the aligner's output: {len(found)} in {pairs} pairs (first {limit}):")
    for pid, problem in found[:limit]:
        print(f"  {pid}: {problem}")


# -- command line -----------------------------------------------------------------------------


def parse_options(items: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values read as Python literals (numbers, True/False, ...) or text."""
    options: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise BenchError(f"--opt wants key=value, got {item!r}")
        lowered = raw.strip().lower()
        value: Any
        if lowered in ("true", "false"):
            value = lowered == "true"
        elif lowered in ("none", "null"):
            value = None
        else:
            try:
                value = ast.literal_eval(raw)
            except (ValueError, SyntaxError):
                value = raw
        options[key.strip()] = value
    return options


def resolve_options(preset: str | None, options: dict[str, Any]) -> dict[str, Any]:
    """Check ``options`` against ``AlignOptions``; with a preset (a classmethod of
    ``AlignOptions`` such as ``long_passages``), every field of the preset with ``options``
    applied on top. A one-line :class:`BenchError` when they do not fit."""
    import dataclasses

    from reader.core.align import AlignOptions

    if preset is not None:
        from reader.core.align.options import PRESETS

        factory = getattr(AlignOptions, PRESETS.get(preset, preset), None)
        if preset.startswith("_") or not callable(factory):
            raise BenchError(f"no AlignOptions preset called {preset!r} (known: {', '.join(PRESETS)})")
    else:
        factory = AlignOptions
    try:
        built = factory(**options)
    except (TypeError, ValueError) as exc:
        raise BenchError(f"bad --opt: {exc}") from None
    if not isinstance(built, AlignOptions):
        raise BenchError(f"AlignOptions.{preset} does not make AlignOptions")
    if preset is None:
        return options
    return {f.name: getattr(built, f.name) for f in dataclasses.fields(built)}


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the pan13-train folder")
    parser.add_argument("--full", action="store_true", help="all 5185 pairs (gzip'd file)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pairs (after --kind)")
    parser.add_argument("--kind", choices=KINDS, help="only pairs of this kind")
    parser.add_argument(
        "--per-kind", type=int, metavar="N", help="only the first N pairs of each kind (quick mixed runs)"
    )
    parser.add_argument(
        "--opt", action="append", default=[], metavar="KEY=VALUE",
        help="an AlignOptions field passed to the aligner (repeatable)",
    )
    parser.add_argument(
        "--preset", metavar="NAME",
        help="start from a preset of the aligner: news or long (or an AlignOptions class method such as long_passages; --opt fields apply on top)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst pairs per kind")
    parser.add_argument(
        "--baseline-only", action="store_true",
        help="score only the exact-match baseline (no Parallax aligner needed)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        path = data_file(args.data, args.full)
        options = parse_options(args.opt)
        use_engine = not args.baseline_only
        if use_engine:
            load_engine()
            options = resolve_options(args.preset, options)
        pairs = read_pairs(path, args.kind, args.limit, args.per_kind)
        started = time.perf_counter()
        if args.jobs > 1:
            with ProcessPoolExecutor(
                args.jobs, initializer=_init_worker, initargs=(use_engine, options)
            ) as pool:
                rows = list(pool.map(run_pair, pairs, chunksize=4))
        else:
            _init_worker(use_engine, options)
            rows = [run_pair(pair) for pair in pairs]
        wall = time.perf_counter() - started
    except BenchError as exc:
        print(f"pan13: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print("pan13: no pairs selected", file=sys.stderr)
        return 2
    cases = sum(r.cases for r in rows)
    print(
        f"PAN 2013 text alignment, training corpus: {path.name}, {len(rows)} pairs, {cases} cases"
        + (f", kind {args.kind}" if args.kind else "")
        + (f", preset {args.preset}" if args.preset else "")
        + (f", options {parse_options(args.opt)}" if args.opt else "")
        + f"; wall {wall:.1f} s with {args.jobs} job(s), load average {os.getloadavg()[0]:.2f}"
    )
    base = print_table("PAN exact-match baseline (word 8-grams, merged within 200 chars)", rows, "baseline")
    if use_engine:
        ours = print_table("Parallax (reader.align_texts)", rows, "engine")
        print_comparison(ours, base, rows)
        print_problems(rows)
    if args.worst:
        print_worst(rows, "engine" if use_engine else "baseline", args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
