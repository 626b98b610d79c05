"""Write, or compare, ``parallax align --format json`` for the sample corpus and every cluster of
``../shared/data/realnews-dev`` (a refactoring or a speed-up must not change a byte of it).

    python benchmarks/align_outputs.py write [--realnews DIR] OUT [-- ALIGN OPTIONS]
    python benchmarks/align_outputs.py compare DIR_A DIR_B        # byte for byte; exit 1 if not

Run ``write`` on the old code and on the new (e.g. in two checkouts), then ``compare``. The
sample corpus's article paths name the checkout they were read from, so ``compare`` reads
``".../sample_corpus/NAME"`` as ``"sample_corpus/NAME"`` in both files (nothing else is changed).
realnews-dev is looked for in ``shared/data/`` beside the checkout or any folder above it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shared_data import shared_data  # noqa: E402

REALNEWS = shared_data("realnews-dev")
CHECKOUT_PATH = re.compile(rb'"path": "[^"]*/sample_corpus/')


def corpora(realnews: Path) -> dict[str, Path]:
    """Name -> folder of every corpus compared."""
    found = {"sample_corpus": ROOT / "sample_corpus"}
    if realnews.is_dir():
        found.update({p.name: p for p in sorted(realnews.iterdir()) if p.is_dir()})
    return found


def write(out: Path, realnews: Path, extra: list[str]) -> int:
    if not realnews.is_dir():
        print(f"warning: {realnews} not found: only the sample corpus is written", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    for name, folder in corpora(realnews).items():
        result = subprocess.run(
            [sys.executable, "-m", "reader", "align", str(folder), "--format", "json", *extra],
            capture_output=True,
            check=False,
        )
        if result.returncode:
            print(f"{name}: parallax align failed: {result.stderr.decode(errors='replace').strip()}", file=sys.stderr)
            return 2
        (out / f"{name}.json").write_bytes(result.stdout)
        print(f"wrote {out / name}.json ({len(result.stdout):,} bytes)")
    return 0


def compare(a: Path, b: Path, pattern: str = "*.json", comparable: Callable[[bytes], bytes] | None = None) -> int:
    """Compare the files matching ``pattern`` in ``a`` and ``b`` byte for byte (after
    ``comparable``, by default the sample corpus's checkout path taken out); 1 if any differs."""
    comparable = comparable or _comparable
    names = sorted({p.name for p in a.glob(pattern)} | {p.name for p in b.glob(pattern)})
    differ = 0
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            print(f"{name}: only in {a if pa.exists() else b}")
            differ += 1
        elif comparable(pa.read_bytes()) != comparable(pb.read_bytes()):
            print(f"{name}: DIFFERENT")
            differ += 1
        else:
            print(f"{name}: identical ({pa.stat().st_size:,} bytes)")
    print(f"{len(names) - differ} of {len(names)} identical")
    return 1 if differ else 0


def _comparable(data: bytes) -> bytes:
    """The output with the checkout folder taken out of the sample corpus's article paths."""
    return CHECKOUT_PATH.sub(b'"path": "sample_corpus/', data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--realnews", type=Path, default=REALNEWS)
    w.add_argument("extra", nargs=argparse.REMAINDER, help="more options for parallax align")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        return write(args.out, args.realnews, [x for x in args.extra if x != "--"])
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
