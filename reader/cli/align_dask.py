"""``parallax align PATH... --engine dask [--scheduler ADDRESS] [--out DIR] [--fresh]``: the
alignment on a Dask cluster (:mod:`reader.core.distributed`); the groups go to
``DIR/groups.jsonl``, standard output gets a summary, standard error the progress and one line
per skipped input."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli import CommandError
from reader.core.align.options import AlignOptions
from reader.core.corpus import CorpusError
from reader.core.distributed import MissingExtra, require
from reader.core.models import LoadIssue

DEFAULT_OUT = "parallax-align"


def run_dask(args: argparse.Namespace, options: AlignOptions) -> int:
    """Run the distributed pipeline and print its summary."""
    if args.partition_size < 1:
        raise CommandError(f"--partition-size must be at least 1 (got {args.partition_size})")
    try:
        pipeline = require()
    except MissingExtra as exc:
        raise CommandError(str(exc)) from None
    tty = sys.stderr.isatty()

    def issue(found: LoadIssue) -> None:
        print(f"parallax: {found.line()}", file=sys.stderr)

    def progress(stage: str, done: int, total: int) -> None:
        if tty:
            end = "\n" if done == total else ""
            print(f"\rparallax: {stage}: {done}/{total} partitions", end=end, file=sys.stderr, flush=True)
        elif done == total:
            print(f"parallax: {stage}: {done}/{total} partitions", file=sys.stderr, flush=True)

    try:
        result = pipeline.run(
            args.paths, args.out or DEFAULT_OUT, options, scheduler=args.scheduler, fresh=args.fresh,
            partition_size=args.partition_size, issue=issue, progress=progress,
        )
    except (CorpusError, pipeline.DistributedError) as exc:
        raise CommandError(str(exc)) from None
    if not result.documents:
        raise CommandError(f"no readable articles in {', '.join(args.paths)}")
    groups = result.counts.get("groups", {})
    summary = {
        "out": result.out,
        "groups_file": f"{result.out}/groups.jsonl",
        "documents": result.documents,
        "skipped_inputs": result.issues,
        "groups": groups.get("groups", 0),
        "shown": groups.get("shown", 0),
        "stages": {name: {**result.counts.get(name, {}), "seconds": round(result.seconds.get(name, 0.0), 3)} for name in result.counts},
        "reused": result.reused,
    }
    if args.format == "json":
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['shown']} shared passages ({summary['groups']} groups with the hidden ones) in {result.documents} articles")
        print(f"groups: {summary['groups_file']}")
        for name, info in summary["stages"].items():
            figures = ", ".join(f"{k} {v}" for k, v in info.items() if k != "seconds")
            reused = "reused" if name in result.reused else f"{info['seconds']:.1f} s"
            print(f"  {name:<10} {reused:>8}  {figures}")
    sys.stdout.flush()
    return 0
