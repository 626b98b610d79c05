"""The core never loads a UI library: each core module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.core

CORE_MODULES = sorted(f"reader.core.{m.name}" for m in pkgutil.iter_modules(reader.core.__path__))


def test_core_has_modules() -> None:
    assert {"reader.core.text", "reader.core.corpus", "reader.core.models"} <= set(CORE_MODULES)


def test_core_modules_do_not_load_textual_or_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_only_store_imports_tinydb() -> None:
    offenders = []
    for name in CORE_MODULES:
        path = reader.core.__path__[0] + "/" + name.rsplit(".", 1)[1] + ".py"
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        if ("import tinydb" in source or "from tinydb" in source) and not name.endswith(".store"):
            offenders.append(name)
    assert offenders == []
