"""Score Parallax's aligner on realnews-dev: real multi-outlet news clusters with a hand-made gold.

Run by hand from a checkout::

    .venv/bin/python benchmarks/realnews.py                    # every cluster, default preset
    .venv/bin/python benchmarks/realnews.py --dump 10          # + 10 random groups per cluster
    .venv/bin/python benchmarks/realnews.py --misses           # + every gold link missed
    .venv/bin/python benchmarks/realnews.py --baseline DIR     # + the same figures for DIR's JSON

Each cluster folder of the data set (default ``../shared/data/realnews-dev`` from the repository
root, ``--data`` or ``PARALLAX_REALNEWS`` to change it) is loaded and aligned in this process, exactly as ``parallax align
CLUSTER --format json`` would; the JSON is written to a temporary folder (``--out`` to keep it)
and scored with the data set's own ``score.py`` (imported from the data folder). Printed: gold
links found out of 403, facts with a link found out of 82, "disagree" links found, groups per
cluster against the engine before the claims issue (its figures, or ``--baseline DIR`` scored
the same way), and the share of TRIVIAL groups, by the claims issue's definition: a group none of
whose spans is longer than three words, or whose spans are all at most five words, hold no
digit, and have every word of four letters or more capitalised (a name or title). Words are
whitespace-separated, as in the data set's README; a word's letters are counted without its
punctuation.

``--dump N`` prints N groups per cluster drawn at random with a fixed seed (``--seed``), every
span's text in full, for reading: do the spans of a group state the same claim?
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.shared_data import shared_data  # noqa: E402

DEFAULT_DATA = shared_data("realnews-dev", "PARALLAX_REALNEWS")

BEFORE = {
    "found": 116,
    "links": 403,
    "facts_hit": 39,
    "groups": {
        "ecb07_klitschko_beats_rahman": 20,
        "ecb35_jackson_dui_arrest": 26,
        "ecb37_papua_earthquake": 32,
        "ecb44_hp_buys_eds": 5,
        "wcl7_steel_tariff_delay": 37,
        "wcl9_netanyahu_iran_files": 18,
    },
}
"""The engine before the claims issue (issue 9's figures), for comparison without --baseline."""

GOALS = {"links": 0.65, "facts": 70, "groups_ratio": 1.2, "trivial": 0.10}


class BenchError(Exception):
    """A problem that ends the benchmark with one line."""


def load_scorer(data: Path) -> ModuleType:
    """The data set's ``score.py`` as a module."""
    path = data / "score.py"
    if not path.is_file():
        raise BenchError(f"{path}: no scorer there (is --data the realnews-dev folder?)")
    spec = importlib.util.spec_from_file_location("realnews_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clusters(data: Path) -> list[Path]:
    """The cluster folders of the data set, by name."""
    found = sorted(p for p in data.iterdir() if p.is_dir() and any(p.glob("*.txt")))
    if not found:
        raise BenchError(f"{data}: no cluster folders with .txt articles")
    return found


def parse_options(items: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs as a dict (values read as Python literals where they parse)."""
    import ast

    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise BenchError(f"--opt wants KEY=VALUE, got {item!r}")
        try:
            out[key.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            out[key.strip()] = {"true": True, "false": False}.get(value.strip().lower(), value.strip())
    return out


def align_cluster(folder: Path, preset: str | None, options: dict[str, Any], show_all: bool) -> dict[str, Any]:
    """``parallax align FOLDER --format json`` (with ``--preset``/``--all``), in this process."""
    import reader

    from reader.core.corpus import load_corpus

    corpus = load_corpus([folder])
    texts = {doc.id: doc.text for doc in corpus.documents}
    kwargs: dict[str, Any] = dict(options)
    if preset is not None:
        kwargs["preset"] = preset
    if show_all:
        kwargs["hidden"] = True
    return reader.align_texts(texts, **kwargs)


def words(text: str) -> list[str]:
    """Whitespace-separated words."""
    return text.split()


def is_trivial(span_texts: list[str]) -> bool:
    """The claims issue's definition of a trivial group (see the module docstring)."""
    lengths = [len(words(t)) for t in span_texts]
    if max(lengths, default=0) <= 3:
        return True
    if max(lengths) > 5 or any(ch.isdigit() for t in span_texts for ch in t):
        return False
    for text in span_texts:
        for word in words(text):
            letters = [ch for ch in word if ch.isalpha()]
            if len(letters) >= 4 and not letters[0].isupper():
                return False
    return True


def group_texts(group: dict[str, Any]) -> list[str]:
    """The text of each span of a JSON group."""
    return [span["text"] for span in group["spans"]]


def run(args: argparse.Namespace) -> int:
    """Align, score and print."""
    data = Path(args.data)
    if not data.is_dir():
        raise BenchError(f"{data}: no such folder (realnews-dev; --data to point at it)")
    scorer = load_scorer(data)
    options = parse_options(args.opt)
    folders = clusters(data)
    keep = Path(args.out) if args.out else None
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        results: dict[str, dict[str, Any]] = {}
        seconds: dict[str, float] = {}
        for folder in folders:
            started = time.perf_counter()
            try:
                result = align_cluster(folder, args.preset, options, args.all)
            except (TypeError, ValueError) as exc:
                raise BenchError(f"{folder.name}: the aligner refused the options: {exc}") from None
            seconds[folder.name] = time.perf_counter() - started
            results[folder.name] = result
            (out / f"{folder.name}.json").write_text(json.dumps(result, ensure_ascii=True, indent=1), encoding="utf-8")
        names, _, per, missed = scorer.score(str(out))
        report(names, results, per, seconds, args)
        if args.baseline:
            print()
            base_names, base_groups, base_per, _ = scorer.score(args.baseline)
            base_results = {n: {"groups": base_groups[n] or []} for n in base_names}
            print(f"baseline {args.baseline}:")
            report(base_names, base_results, base_per, None, args)
        if args.misses:
            print("\nmissed gold links:")
            for cluster, fact, a, b in missed:
                print(f"MISS {cluster} {fact}\n  {a['doc']} {a['text']!r}\n  {b['doc']} {b['text']!r}")
        if args.dump:
            dump(results, args.dump, args.seed)
        if keep:
            print(f"\nJSON kept in {keep}")
    return 0


def report(
    names: list[str],
    results: dict[str, dict[str, Any]],
    per: dict[str, dict[str, int]],
    seconds: dict[str, float] | None,
    args: argparse.Namespace,
) -> None:
    """The figures, per cluster and in total, with the goals."""
    total = {k: sum(p[k] for p in per.values()) for k in next(iter(per.values()))}
    n_groups = {n: len(results[n]["groups"]) for n in names}
    trivial = {n: sum(is_trivial(group_texts(g)) for g in results[n]["groups"]) for n in names}
    kinds: dict[str, int] = {}
    for n in names:
        for g in results[n]["groups"]:
            kinds[g.get("kind", "?")] = kinds.get(g.get("kind", "?"), 0) + 1
    width = max(map(len, names))
    print(
        f"{'cluster':<{width}}  {'links found':>13}  {'facts':>6}  {'groups':>6}  {'before':>6}  "
        f"{'trivial':>7}  {'disagree':>8}" + ("  seconds" if seconds else "")
    )
    for n in names:
        p = per[n]
        line = (
            f"{n:<{width}}  {p['found']:>4}/{p['links']:<3} {100 * p['found'] / max(1, p['links']):>3.0f}%  "
            f"{p['facts_hit']:>2}/{p['facts']:<3}  {n_groups[n]:>6}  {BEFORE['groups'].get(n, 0):>6}  "
            f"{trivial[n]:>7}  {p['dis_found']:>3}/{p['dis_links']:<4}"
        )
        if seconds:
            line += f"  {seconds[n]:7.3f}"
        print(line)
    groups = sum(n_groups.values())
    before = sum(BEFORE["groups"].get(n, 0) for n in names)
    share = sum(trivial.values()) / max(1, groups)
    link_share = total["found"] / max(1, total["links"])
    ratio = groups / max(1, before)
    print(
        f"{'total':<{width}}  {total['found']:>4}/{total['links']:<3} {100 * link_share:>3.0f}%  "
        f"{total['facts_hit']:>2}/{total['facts']:<3}  {groups:>6}  {before:>6}  {sum(trivial.values()):>7}  "
        f"{total['dis_found']:>3}/{total['dis_links']:<4}" + (f"  {sum(seconds.values()):7.3f}" if seconds else "")
    )
    print(
        f"\nlinks found {total['found']}/{total['links']} = {100 * link_share:.1f}% "
        f"(before {BEFORE['found']}, goal >= {100 * GOALS['links']:.0f}%: {ok(link_share >= GOALS['links'])}); "
        f"facts {total['facts_hit']}/{total['facts']} (before {BEFORE['facts_hit']}, goal >= {GOALS['facts']}: "
        f"{ok(total['facts_hit'] >= GOALS['facts'])})"
    )
    print(
        f"groups {groups} = {groups / max(1, len(names)):.1f} per cluster, {ratio:.2f}x before "
        f"({before / max(1, len(names)):.1f}; goal <= {GOALS['groups_ratio']}x: {ok(ratio <= GOALS['groups_ratio'])}); "
        f"trivial {sum(trivial.values())} = {100 * share:.1f}% (goal <= {100 * GOALS['trivial']:.0f}%: "
        f"{ok(share <= GOALS['trivial'])}); kinds: "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )


def ok(flag: bool) -> str:
    """``ok`` or ``MISSED``."""
    return "ok" if flag else "MISSED"


def dump(results: dict[str, dict[str, Any]], count: int, seed: int) -> None:
    """``count`` groups per cluster drawn at random (seeded), each span's text in full."""
    rng = random.Random(seed)
    for name, result in results.items():
        groups = result["groups"]
        picked = sorted(rng.sample(range(len(groups)), min(count, len(groups))))
        print(f"\n=== {name}: {len(picked)} of {len(groups)} groups (seed {seed})")
        for k in picked:
            group = groups[k]
            print(f"-- {name} {group['id']} {group.get('kind', '?')} score {group.get('score', 0):g}")
            for span in group["spans"]:
                text = " ".join(span["text"].split())
                print(f"   {span['doc']:>8} [{span['start']}:{span['end']}] {text}")


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the realnews-dev folder")
    parser.add_argument("--preset", help="the aligner's preset (news, long)")
    parser.add_argument("--opt", action="append", default=[], metavar="KEY=VALUE", help="an AlignOptions field (repeatable)")
    parser.add_argument("--all", action="store_true", help="score every group, the hidden kinds too")
    parser.add_argument("--out", help="keep the JSON written for the scorer in this folder")
    parser.add_argument("--baseline", metavar="DIR", help="also score the JSON files in DIR (another engine's output)")
    parser.add_argument("--misses", action="store_true", help="list every gold link missed")
    parser.add_argument("--dump", type=int, default=0, metavar="N", help="print N random groups per cluster")
    parser.add_argument("--seed", type=int, default=9, help="seed for --dump (default 9)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except BenchError as exc:
        print(f"realnews.py: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(0)
