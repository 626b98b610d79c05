"""The core never loads a UI library: every module of every core subpackage is imported in a
fresh interpreter; only the store's database module imports tinydb."""

from __future__ import annotations

import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader.core

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(reader.core.__path__, prefix="reader.core.") if not m.ispkg
) + sorted(m.name for m in pkgutil.walk_packages(reader.core.__path__, prefix="reader.core.") if m.ispkg)
CORE_ROOT = Path(reader.core.__path__[0])
DASK_MODULES = {f"reader.core.distributed.{name}" for name in ("pipeline", "tasks", "store")}
"""The only modules that import the optional ``dask`` extra (Dask, pyarrow)."""
HAVE_DASK = all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed", "pyarrow"))


def _source(name: str) -> str:
    relative = name.removeprefix("reader.core.").replace(".", "/")
    path = CORE_ROOT / relative / "__init__.py" if (CORE_ROOT / relative).is_dir() else CORE_ROOT / f"{relative}.py"
    if not path.exists():  # a compiled kernel (reader.core.align.compiled): its Cython source
        path = path.with_suffix(".pyx")
    return path.read_text(encoding="utf-8")


def test_core_is_made_of_subpackages() -> None:
    packages = {m.name for m in pkgutil.iter_modules(reader.core.__path__) if m.ispkg}
    assert {"align", "annotate", "store", "export"} <= packages
    assert {"reader.core.text", "reader.core.corpus", "reader.core.models", "reader.core.align.engine"} <= set(CORE_MODULES)


def test_core_modules_do_not_load_textual_or_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {[m for m in CORE_MODULES if HAVE_DASK or m not in DASK_MODULES]!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_only_the_store_database_imports_tinydb() -> None:
    offenders = []
    for name in CORE_MODULES:
        source = _source(name)
        if ("import tinydb" in source or "from tinydb" in source) and name != "reader.core.store.database":
            offenders.append(name)
    assert offenders == []
    assert "from tinydb" in _source("reader.core.store.database")


def test_only_the_distributed_pipeline_imports_the_dask_extra() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {[m for m in CORE_MODULES if m not in DASK_MODULES]!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert all(("import pyarrow" in _source(name)) or ("from distributed" in _source(name)) for name in DASK_MODULES)


def test_no_source_file_is_longer_than_450_lines() -> None:
    """Files that grow past 450 lines are doing several jobs: split them (issue 8's rule)."""
    package = Path(reader.core.__path__[0]).parent
    long = {
        str(path.relative_to(package.parent)): n
        for path in package.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}
