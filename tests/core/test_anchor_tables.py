"""The tables :func:`reader.core.align.anchors.conflict` reads (the figures of a sentence by
kind) are built once per sentence, with its figure sets, not at every pair of sentences; the
answers are those of the tables built at each call."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from reader.core.align import anchors
from reader.core.align.anchors import _same_date, _within, conflict, figure_kind, figure_sets
from reader.core.align.terms import sentence_units
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def _conflict_per_call(a, b, kinds: bool = True) -> bool:  # type: ignore[no-untyped-def]
    """:func:`conflict` with its tables built at each call (as it was)."""
    if not (a[0] and b[0]) or a[0] & b[0] or a[1] & b[1] or not (a[2] & b[2]) or _within(a[0], b[0]):
        return False
    if not kinds:
        return True
    for kind in {figure_kind(f) for f in a[0]} & {figure_kind(f) for f in b[0]}:
        words = {w for k, w in a[3] if k == kind} & {w for k, w in b[3] if k == kind}
        if not words:
            continue
        if kind == "date" and any(_same_date(f, g) for f in a[0] for g in b[0] if figure_kind(f) == figure_kind(g) == "date"):
            continue
        return True
    return False


def test_a_sentences_figures_are_read_by_kind_once() -> None:
    (unit,) = sentence_units(0, "On 10 December 2004 the quake killed 230 people and hurt 41 more in 2 towns.")
    figures = figure_sets(unit)
    assert figures.by_kind == {"date": frozenset({"quak", "kill"}), "n": frozenset({"quak", "kill", "peopl", "hurt", "town"})}
    assert figures.dates == ("date:2004-12-10",)


def test_conflict_reads_the_tables_of_each_sentence(monkeypatch) -> None:
    """Over every pair of sentences with figures in the sample corpus, the same answers as
    tables built at each call, without reading a figure's kind again."""
    units = [u for k, doc in enumerate(load_corpus([ROOT / "sample_corpus"]).documents) for u in sentence_units(k, doc.text)]
    sets = [figure_sets(u) for u in units]
    sets = [s for s in sets if s.exact]
    pairs = [(a, b) for a, b in combinations(sets, 2) if a.beside & b.beside]
    expected = [(_conflict_per_call(a, b), _conflict_per_call(a, b, False)) for a, b in pairs]
    assert any(x for x, _ in expected) and not all(x for x, _ in expected)

    def no_kind(form: str) -> str:
        raise AssertionError("a figure's kind read again")

    monkeypatch.setattr(anchors, "figure_kind", no_kind)
    assert [(conflict(a, b), conflict(a, b, False)) for a, b in pairs] == expected
