"""Articles whose text another article already has (a wire story carried verbatim by several
outlets) are read once by both extractions, and give what reading them again would give."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import reader.core.figures as figures
import reader.core.voices as voices
from reader.core.corpus import load_corpus
from reader.core.figures import extract, find_figures
from reader.core.models import Document
from reader.core.voices import find_voices

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"


def _copies() -> list[Document]:
    """The sample corpus with every article carried twice more under other ids."""
    documents = list(load_corpus([SAMPLE]).documents)
    return documents + [Document(f"{d.id}-copy{n}", f"{d.id}-copy{n}.txt", "", d.text) for n in (1, 2) for d in documents]


def test_a_copied_article_is_read_once_for_its_figures(monkeypatch) -> None:
    documents = _copies()
    calls: list[str] = []

    def counted(doc: str, text: str, *read):
        calls.append(doc)
        return extract(doc, text, *read)

    monkeypatch.setattr(figures, "extract", counted)
    groups = find_figures(documents)
    assert len(calls) == len({d.text for d in documents}) == len(documents) // 3
    copy = next(d for d in documents if d.id.endswith("-copy2"))
    mine = sorted((m for g in groups for m in g.mentions if m.doc == copy.id), key=lambda m: m.start)
    original = copy.id.removesuffix("-copy2")
    theirs = sorted((m for g in groups for m in g.mentions if m.doc == original), key=lambda m: m.start)
    assert mine and mine == [replace(m, doc=copy.id) for m in theirs]


def test_copies_give_what_reading_each_article_gives() -> None:
    documents = _copies()
    fast = find_figures(documents)
    every = [m for d in documents for m in extract(d.id, d.text)]
    assert fast == figures.group_mentions(every)


def test_a_copied_article_is_read_once_for_its_quotations(monkeypatch) -> None:
    documents = _copies()
    calls: list[str] = []
    original = voices.find_quotations

    def counted(text: str):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(voices, "find_quotations", counted)
    speakers = find_voices(documents)
    assert len(calls) == len({d.text for d in documents})
    copy = next(d for d in documents if d.id.endswith("-copy1"))
    original_id = copy.id.removesuffix("-copy1")
    spans = [(s.start, s.end, s.name, s.text) for sp in speakers for q in sp.quotes for s in q.spans if s.doc == copy.id]
    theirs = [(s.start, s.end, s.name, s.text) for sp in speakers for q in sp.quotes for s in q.spans if s.doc == original_id]
    assert spans and sorted(spans) == sorted(theirs)
    assert all(copy.text[s.start : s.end] == s.text for sp in speakers for q in sp.quotes for s in q.spans if s.doc == copy.id)


def test_copies_of_a_mention_are_compared_once(monkeypatch) -> None:
    from reader.core.figures import grouping

    calls: list[tuple[tuple, tuple]] = []
    original = grouping.compare

    def counted(a, b, *args, **kwargs):
        calls.append((a.mention.content, b.mention.content))
        return original(a, b, *args, **kwargs)

    monkeypatch.setattr(grouping, "compare", counted)
    documents = _copies()
    groups = figures.group_mentions([m for d in documents for m in extract(d.id, d.text)])
    assert any(len(g.doc_ids) > 5 for g in groups)  # copies were grouped with their originals
    assert calls and len(calls) == len(set(calls))


def test_copies_of_a_quotation_are_compared_once(monkeypatch) -> None:
    from reader.core.voices import quotes

    calls: list[tuple[str, str]] = []
    original = quotes._same_folded

    def counted(a: str, b: str) -> bool:
        calls.append((a, b))
        return original(a, b)

    monkeypatch.setattr(quotes, "_same_folded", counted)
    speakers = find_voices(_copies())
    assert any(len(q.doc_ids) >= 3 for s in speakers for q in s.quotes)  # copies joined their originals
    assert calls and len(calls) == len(set(calls))
