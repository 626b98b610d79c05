"""How Parallax copes with a 2 MB article on one single line (run by hand: python benchmarks/longline.py).

Each figure is set against a baseline measured in the same run on the bundled sample corpus:

* load: ``load_corpus`` of sample + the long article, against the sample alone;
* align: ``align`` of the same two corpora;
* app, first screen: the real ``parallax`` in a 160x45 pseudo-terminal, from start until the
  first article's title is drawn; aligned: from there until the status line reports the shared
  passages (alignment runs in a worker while the articles are already shown);
* app, long article drawn: from there, focus moves right ("l", pressed once a second) until the
  long article's title is on screen;
* app, keys: ``G`` (to the end of the focused article) and ``g`` (back to the top) until the
  screen changes; then ``q`` until the program has exited.

Prints seconds and ratios; no pass/fail. The size cap that bounds all of this is
``reader.core.corpus.DEFAULT_MAX_BYTES`` (8 MiB per file; larger files are skipped with a message).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.align import align  # noqa: E402
from reader.core.corpus import DEFAULT_MAX_BYTES, load_corpus  # noqa: E402
from tests.hostile.generate import LONG_LINE_BYTES, long_line_text  # noqa: E402
from tests.hostile.pty_harness import Step, run_in_pty  # noqa: E402


def _best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _app(folder: Path, store: Path, title: str) -> dict[str, float]:
    """Seconds for: first screen, the article titled ``title`` drawn, ``G``, ``g``, quit."""
    last: list[str] = [""]

    def seen(screen: str, text: str) -> bool:
        if text in screen:
            last[0] = screen
            return True
        return False

    def snapshot(screen: str) -> bool:
        last[0] = screen
        return False

    def changed(screen: str) -> bool:
        if screen != last[0]:
            last[0] = screen
            return True
        return False

    steps = [
        Step(until=lambda s: seen(s, "Iran Calls For OIC"), seconds=300),
        Step(until=lambda s: seen(s, "shared passage"), seconds=300),
        Step(keys=b"l", until=lambda s: seen(s, title), seconds=300, every=1.0),
        Step(until=snapshot, seconds=1.5),
        Step(keys=b"G", until=changed, seconds=300),
        Step(until=snapshot, seconds=1.5),
        Step(keys=b"g", until=changed, seconds=300),
    ]
    started = time.monotonic()
    run = run_in_pty(
        [sys.executable, "-m", "reader", str(folder), "--store", str(store)],
        settle=0.0,
        script=steps,
        quit_timeout=300,
    )
    total = time.monotonic() - started
    names = ("first screen", "aligned", "article drawn", "", "G answered", "", "g answered")
    out = {name: (s if ok else float("nan")) for name, s, ok in zip(names, run.step_seconds, run.steps_met) if name}
    out["quit"] = total - sum(run.step_seconds) if run.exit_code == 0 else float("nan")
    out["alive"] = float(run.alive_before_keys)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=LONG_LINE_BYTES, help="characters on the line (default 2 MiB)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the in-process timings (best kept)")
    parser.add_argument("--no-app", action="store_true", help="skip the pseudo-terminal timings")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="parallax-longline-"))
    try:
        base = tmp / "base"
        shutil.copytree(ROOT / "sample_corpus", base, ignore=shutil.ignore_patterns(".*"))
        long_dir = tmp / "long"
        shutil.copytree(ROOT / "sample_corpus", long_dir, ignore=shutil.ignore_patterns(".*"))
        (long_dir / "zz-long-line.txt").write_text(long_line_text(args.size), encoding="utf-8")
        n = len(list(base.glob("*.txt")))
        print(f"long article: {args.size:,} characters on one line; baseline: the {n} sample articles")
        print(f"size cap: {DEFAULT_MAX_BYTES:,} bytes per file (larger files are skipped with a message)")
        print(f"load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")

        load_base = _best(args.runs, lambda: load_corpus([base]))
        load_long = _best(args.runs, lambda: load_corpus([long_dir]))
        print(f"load        sample {load_base:9.4f} s   +long {load_long:9.4f} s   ratio {load_long / load_base:7.1f}x")

        docs_base = load_corpus([base]).documents
        docs_long = load_corpus([long_dir]).documents
        align_base = _best(args.runs, lambda: align(docs_base))
        start = time.perf_counter()
        groups = align(docs_long)
        align_long = time.perf_counter() - start
        long_id = docs_long[-1].id
        spans = sum(1 for g in groups for s in g.spans if s.doc == long_id)
        print(
            f"align       sample {align_base:9.4f} s   +long {align_long:9.4f} s   ratio {align_long / align_base:7.1f}x"
            f"   ({spans} span(s) found in the long article)"
        )
        if not args.no_app:
            app_base = _app(base, tmp / "s1.json", "Iran Calls For OIC")
            app_long = _app(long_dir, tmp / "s2.json", "LONGLINE")
            for name in ("first screen", "aligned", "article drawn", "G answered", "g answered", "quit"):
                a, b = app_base[name], app_long[name]
                ratio = b / a if a > 0 else float("nan")
                print(f"app {name:13} sample {a:7.2f} s   +long {b:7.2f} s   ratio {ratio:7.1f}x")
            print(f"app alive after rendering: sample {bool(app_base['alive'])}, +long {bool(app_long['alive'])}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
