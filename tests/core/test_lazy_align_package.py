"""Importing one stage of the engine loads that stage, not the whole engine (issue 11: the
first call's cost): ``reader.core.align`` gives ``align``, ``AlignOptions`` and ``Cancelled``
on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))\n"
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.parametrize(
    "statement",
    [
        "import reader.core.align.options",
        "from reader.core.align.report import alignment_dict",
        "import reader.core.diff",
        "import reader.core.voices",
    ],
)
def test_one_stage_imported_alone_leaves_the_engine_unloaded(statement: str) -> None:
    loaded = _loaded(statement)
    assert "reader.core.align" in loaded
    assert {"reader.core.align.engine", "reader.core.align.claims", "reader.core.align.pool", "multiprocessing"} & loaded == set()


def test_the_package_still_gives_align_and_its_options() -> None:
    import reader.core.align as package
    from reader.core.align import AlignOptions, Cancelled, align
    from reader.core.align.engine import align as engine_align
    from reader.core.align.options import AlignOptions as Options, Cancelled as Stop

    assert (align, AlignOptions, Cancelled) == (engine_align, Options, Stop)
    assert sorted(package.__all__) == ["AlignOptions", "Cancelled", "align"]
    assert all(getattr(package, name) is not None for name in package.__all__)
    with pytest.raises(AttributeError, match="no attribute 'aligned'"):
        package.aligned  # noqa: B018
    with pytest.raises(ImportError):
        exec("from reader.core.align import aligned", {})
