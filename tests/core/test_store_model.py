"""The store's caches (record bytes and objects reused between writes) never change what is
stored: random sequences of operations through two store objects on one file are checked
against a plain model after every step, and against the file itself."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotate import new_annotation
from reader.core.corpus import documents_from_texts
from reader.core.store import TABLE, AnnotationStore

DOC = documents_from_texts({"d": "Officials in Tehran said the talks would resume on Monday in Geneva. " * 4})[0]
TAGS = st.lists(st.sampled_from(["a", "b", "c", "=x", "two words"]), max_size=3)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 1), st.integers(0, 200), TAGS),
        st.tuples(st.just("add_many"), st.integers(0, 1), st.integers(1, 4), TAGS),
        st.tuples(st.just("update"), st.integers(0, 1), st.integers(0, 50), TAGS),
        st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, 50), st.integers(1, 3)),
        st.tuples(st.just("undo"), st.integers(0, 1), st.just(0), st.just(0)),
        st.tuples(st.just("read"), st.integers(0, 1), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


def _state(annotations) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {a.id: (a.start, a.end, a.tags, a.note) for a in annotations}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_random_operations_match_a_plain_model(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annotations.json"
        stores = [AnnotationStore.open(path), AnnotationStore.open(path)]
        model: dict[str, tuple] = {}
        deleted: list = []
        for op, which, n, extra in ops:
            store = stores[which]
            ids = sorted(model)
            if op == "add":
                a = store.add(new_annotation(DOC, n, n + 10, tags=extra, note=f"n{n}"))
                model[a.id] = (a.start, a.end, a.tags, a.note)
            elif op == "add_many":
                for a in store.add_many([new_annotation(DOC, k, k + 5, tags=extra) for k in range(n)]):
                    model[a.id] = (a.start, a.end, a.tags, a.note)
            elif op == "update" and ids:
                target = ids[n % len(ids)]
                a = store.update(target, tags=extra, note=f"u{n}")
                model[target] = (a.start, a.end, a.tags, a.note)
            elif op == "delete" and ids:
                chosen = [ids[(n + k) % len(ids)] for k in range(extra)]
                gone = store.delete(chosen)
                assert {a.id for a in gone} == set(chosen)
                for a in gone:
                    del model[a.id]
                deleted.append(gone)
            elif op == "undo" and deleted:
                back = store.restore(deleted.pop())
                for a in back:
                    model[a.id] = (a.start, a.end, a.tags, a.note)
            for s in stores:
                assert _state(s.all()) == model
            on_disk = json.loads(path.read_text()) if path.exists() else {TABLE: {}}
            assert {r["id"]: (r["start"], r["end"], tuple(r["tags"]), r["note"]) for r in on_disk[TABLE].values()} == model
        for s in stores:
            s.close()
        assert _state(AnnotationStore.open(path).all()) == model
