"""The aligner's per-document lookups give what the per-region ones gave: where quotations are
(located once per document), the quotation a span lies in, where a region is cut at a quotation
mark, and which groups fold into which (met only with the groups holding their first span)."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align.context import Context
from reader.core.align.fold import _Draft, _fold_nested, _overlap
from reader.core.align.options import AlignOptions
from reader.core.align.quotes import find_quotations, quotation_at, quotation_bounds
from reader.core.align.tokens import STOP_HASHES, tokenize
from reader.core.corpus import documents_from_texts
from reader.core.models import GroupKind, Span

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_corpus").glob("*.txt"))]

quoted_text = st.lists(st.sampled_from(list("ab ,.\n\"'\u201c\u201d\u2018\u2019") + [" said ", "Raisi", " he ", "war"]), max_size=60).map(
    "".join
)


def _old_quote_cut(ctx: Context, d: int, t0: int, t1: int) -> int | None:
    """Context.quote_cut as it was: the quotations of the paragraphs around, read per region."""
    tk = ctx.tokens[d]
    while t1 - t0 > 1 and tk.words[t0] in STOP_HASHES:
        t0 += 1
    while t1 - t0 > 1 and tk.words[t1 - 1] in STOP_HASHES:
        t1 -= 1
    start, end = tk.starts[t0], tk.ends[t1 - 1]
    for quote in ctx.quotations(d, start, end):
        if quote.start <= start < quote.end < end:
            mark = quote.end
        elif start < quote.start < end <= quote.end:
            mark = quote.start
        else:
            continue
        cut = bisect_left(tk.starts, mark, t0, t1)
        if t0 < cut < t1:
            return cut
    return None


def _check_lookups(texts: list[str], step: int) -> int:
    docs = documents_from_texts({f"d{k}": t for k, t in enumerate(texts)})
    ctx = Context(docs, [tokenize(t) for t in texts], AlignOptions())
    checked = 0
    for d, text in enumerate(texts):
        n = len(ctx.tokens[d])
        for t0 in range(0, n, step):
            for t1 in range(t0 + 1, min(n, t0 + 60) + 1, step):
                assert ctx.quote_cut(d, t0, t1) == _old_quote_cut(ctx, d, t0, t1)
                start, end = ctx.tokens[d].starts[t0], ctx.tokens[d].ends[t1 - 1]
                assert ctx.quotation(d, start, end) == quotation_at(ctx.quotations(d, start, end), start, end)
                checked += 1
    return checked


def test_quotation_bounds_are_where_find_quotations_finds_them() -> None:
    for text in SAMPLE:
        found = find_quotations(text)
        assert found
        assert quotation_bounds(text) == [(q.start, q.end) for q in found]


@settings(max_examples=200, deadline=None)
@given(quoted_text)
def test_quotation_bounds_on_any_text(text: str) -> None:
    assert quotation_bounds(text) == [(q.start, q.end) for q in find_quotations(text)]


def test_quote_cuts_and_lookups_match_the_per_region_ones_on_the_sample() -> None:
    assert _check_lookups(SAMPLE, 7) > 1000


@settings(max_examples=100, deadline=None)
@given(st.lists(quoted_text, min_size=1, max_size=3))
def test_quote_cuts_and_lookups_match_the_per_region_ones(texts: list[str]) -> None:
    _check_lookups(texts, 1)


def _old_fold_nested(drafts: list[_Draft]) -> None:
    """_fold_nested as it was: every group met with every other."""
    size = [sum(s.end - s.start for s in d.spans) for d in drafts]
    order = sorted(range(len(drafts)), key=lambda k: (-len({s.doc for s in drafts[k].spans}), -size[k], k))
    for k in range(len(drafts)):
        inner = drafts[k]
        for j in order:
            if j == k or drafts[j].folded_into is not None or drafts[j].kind is GroupKind.FRAGMENT:
                continue
            outer = drafts[j]
            if size[j] < size[k] and len({s.doc for s in outer.spans}) <= len({s.doc for s in inner.spans}):
                continue
            if all(any(s.doc == t.doc and 2 * _overlap(s, t) >= s.end - s.start for t in outer.spans) for s in inner.spans):
                inner.folded_into = j
                break


span = st.builds(
    lambda doc, start, length: Span(doc=f"d{doc}", start=start, end=start + length),
    st.integers(0, 2), st.integers(0, 40), st.integers(0, 15),
)
draft = st.tuples(st.sampled_from([GroupKind.NEAR, GroupKind.FRAGMENT, GroupKind.REWORDED]), st.lists(span, max_size=4))


@settings(max_examples=150, deadline=None)
@given(st.lists(draft, max_size=12))
def test_nested_groups_fold_as_when_every_group_met_every_other(raw: list[tuple[GroupKind, list[Span]]]) -> None:
    new = [_Draft(kind, 50.0, list(spans)) for kind, spans in raw]
    old = [_Draft(kind, 50.0, list(spans)) for kind, spans in raw]
    _fold_nested(new)
    _old_fold_nested(old)
    assert [d.folded_into for d in new] == [d.folded_into for d in old]


def test_a_group_inside_a_bigger_one_folds_into_it() -> None:
    big = _Draft(GroupKind.NEAR, 80.0, [Span(doc="a", start=0, end=100), Span(doc="b", start=0, end=100)])
    small = _Draft(GroupKind.NEAR, 90.0, [Span(doc="a", start=10, end=30), Span(doc="b", start=20, end=40)])
    apart = _Draft(GroupKind.NEAR, 90.0, [Span(doc="a", start=150, end=170), Span(doc="b", start=20, end=40)])
    drafts = [small, big, apart]
    _fold_nested(drafts)
    assert [d.folded_into for d in drafts] == [1, None, None]
