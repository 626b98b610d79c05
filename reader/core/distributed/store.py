"""The ``--out`` folder of a distributed run: one folder per stage, Parquet parts written under a
temporary name and renamed when complete, a ``_SUCCESS`` mark when a stage is done, the manifest
(corpus fingerprint, options, Parallax version) and a log of what each run computed or reused.

A half-written part is never taken for a finished one: parts appear only by rename, and a stage
counts as done only once its mark is there. Imports pyarrow (the ``dask`` extra).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["STAGES", "Out"]

STAGES = ("documents", "postings", "frequency", "pairs", "verify", "groups")
"""The stages, in order; each has a folder of that name under ``--out``."""
GROUPS_FILE = "groups.jsonl"
MANIFEST = "manifest.json"
LOG = "stages.log"
DONE = "_SUCCESS"


class Out:
    """The ``--out`` folder."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """``path`` need not exist yet."""
        self.path = Path(path)

    def stage(self, name: str) -> Path:
        """The folder of stage ``name``."""
        return self.path / name

    def part(self, stage: str, name: str) -> Path:
        """Part ``name`` of ``stage``."""
        return self.path / stage / name

    def done(self, stage: str) -> dict[str, Any] | None:
        """What stage ``stage`` recorded when it finished, or None if it has not."""
        try:
            return json.loads((self.stage(stage) / DONE).read_text())
        except (OSError, ValueError):
            return None

    def finish(self, stage: str, info: dict[str, Any]) -> None:
        """Mark stage ``stage`` finished (last, after every part)."""
        write_atomic(self.stage(stage) / DONE, json.dumps(info).encode())

    def manifest(self) -> dict[str, Any] | None:
        """The manifest, if the folder has one."""
        try:
            return json.loads((self.path / MANIFEST).read_text())
        except (OSError, ValueError):
            return None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Record what this folder was made from."""
        self.path.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())

    def clear(self) -> None:
        """Remove what a run left here (the stages, the groups, the manifest, the log); nothing else."""
        for name in STAGES:
            shutil.rmtree(self.stage(name), ignore_errors=True)
        for name in (GROUPS_FILE, MANIFEST, LOG):
            try:
                (self.path / name).unlink()
            except FileNotFoundError:
                pass

    def log(self, line: str) -> None:
        """Append ``line`` to the stage log (what was computed, what reused)."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOG, "a", encoding="utf-8") as stream:
            stream.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")

    @property
    def groups_file(self) -> Path:
        """The final groups, as JSON Lines."""
        return self.path / GROUPS_FILE


def temporary(path: Path) -> Path:
    """A temporary name beside ``path`` (hidden, unique): what is written there is renamed to
    ``path`` once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:12]}")


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` written to ``path`` through a temporary name."""
    tmp = temporary(path)
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_table(path: Path, columns: dict[str, Any], schema: pa.Schema) -> int:
    """A Parquet part with ``columns`` (lists or arrays, by name), written through a temporary
    name; returns its rows."""
    table = pa.table(columns, schema=schema)
    tmp = temporary(path)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return table.num_rows


def read_tables(paths: list[Path], schema: pa.Schema, columns: list[str] | None = None, filters: Any = None) -> pa.Table:
    """The parts at ``paths`` as one table (empty, with ``schema``, when there are none)."""
    tables = [pq.read_table(path, columns=columns, filters=filters) for path in paths]
    if not tables:
        fields = [schema.field(name) for name in columns] if columns else list(schema)
        return pa.schema(fields).empty_table()
    return pa.concat_tables(tables)
