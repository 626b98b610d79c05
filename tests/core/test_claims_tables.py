"""The claims stage's tables of a corpus are built from the few terms they can hold: the
telling figures are looked for among the figure forms only, not among every indexed word."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align import AlignOptions, claims
from reader.core.align.anchors import FIGURE, telling_figure
from reader.core.align.claims import candidate_pairs
from reader.core.align.terms import sentence_units, term_weights, topic_terms
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def _units():  # type: ignore[no-untyped-def]
    texts = [doc.text for doc in load_corpus([ROOT / "sample_corpus"]).documents]
    return [u for d, text in enumerate(texts) for u in sentence_units(d, text)]


def test_telling_figures_are_asked_of_figure_forms_only(monkeypatch: pytest.MonkeyPatch) -> None:
    units = _units()
    weights = term_weights(units)
    options = AlignOptions()
    expected = candidate_pairs(units, weights, options, None, topic_terms(units))
    asked: list[str] = []

    def spy(form: str) -> bool:
        asked.append(form)
        return telling_figure(form)

    monkeypatch.setattr(claims, "telling_figure", spy)
    assert candidate_pairs(units, weights, options, None, topic_terms(units)) == expected
    assert asked and all(form.startswith(FIGURE) or form[0] == "~" for form in asked)  # exact or coarse
    assert any(telling_figure(form) for form in asked)
    assert len(asked) < len(weights) / 5  # words are not asked
