"""A second Parallax process for the store tests: adds N annotations one by one to a store.

Usage: ``python writer.py STORE N LABEL``. Waits for ``STORE.go`` to exist (so two writers
start together), then adds N annotations (one ``add()`` each) tagged LABEL, printing each id
as soon as ``add()`` returns. Exit status 0, or 1 with the error on stderr.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from reader.core.annotate import new_annotation  # noqa: E402
from reader.core.corpus import documents_from_texts  # noqa: E402
from reader.core.store import AnnotationStore  # noqa: E402

TEXT = "Tehran called for an emergency meeting of the Organization of Islamic Cooperation. " * 20


def main() -> int:
    store_path, count, label = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    document = documents_from_texts({"doc": TEXT})[0]
    go = store_path.with_name(store_path.name + ".go")
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            print("no go signal", file=sys.stderr)
            return 1
        time.sleep(0.005)
    store = AnnotationStore.open(store_path)
    out = sys.stdout
    for n in range(count):
        start = (n * 7) % (len(TEXT) - 40)
        saved = store.add(new_annotation(document, start, start + 30, tags=[label], note=f"{label} {n}"))
        out.write(saved.id + "\n")
        out.flush()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
