"""What the pool process sends back to the aligning process (:func:`reader.core.align.pool.quick_dumps`):
the alignment's values pickled as calls of their class, which unpickle to equal values."""

from __future__ import annotations

import pickle
import pickletools

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align.claims import Claim
from reader.core.align.context import Link
from reader.core.align.pool import quick_dumps
from reader.core.models import Group, GroupKind, Span

offsets = st.integers(min_value=0, max_value=2**40)
texts = st.text(max_size=12)
spans = st.builds(Span, texts, offsets, offsets, st.booleans(), st.none() | texts)
groups = st.builds(
    Group, texts, st.sampled_from(GroupKind), st.floats(0, 100), st.lists(spans, max_size=4).map(tuple), st.none() | texts
)
links = st.builds(
    Link, offsets, offsets, offsets, offsets, offsets, offsets, st.floats(allow_nan=False), st.booleans(), offsets
)
claims = st.builds(
    Claim, st.floats(0, 100), st.lists(st.tuples(offsets, offsets, offsets), max_size=4).map(tuple), st.booleans()
)


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(
        st.lists(links, max_size=5),
        st.none() | st.lists(groups, max_size=4).map(tuple),
        st.none() | st.lists(claims, max_size=3),
        st.none() | st.lists(groups, max_size=3),
    )
)
def test_the_answer_unpickles_to_equal_values(answer) -> None:  # type: ignore[no-untyped-def]
    back = pickle.loads(quick_dumps((True, (1, 0.5, answer))))
    assert back == (True, (1, 0.5, answer))
    links_back, groups_back, _, _ = back[1][2]
    assert all(type(link) is Link for link in links_back)
    assert all(type(span) is Span for group in groups_back or () for span in group.spans)


def test_values_are_pickled_as_calls_of_their_class_not_set_field_by_field() -> None:
    """A frozen dataclass with slots otherwise pickles as an empty object and a list of values
    that a Python ``__setstate__`` sets one by one (BUILD): three times slower to unpickle."""
    group = Group("g1", GroupKind.QUOTE, 97.5, (Span("a", 1, 9, True, "Ms Lee"), Span("b", 4, 12)), "g0")
    values = [group, Link(0, 1, 2, 3, 4, 5, 99.0, True, 2), Claim(80.0, ((0, 1, 2), (3, 4, 5)), True)]
    data = quick_dumps(values)
    ops = {op.name for op, _, _ in pickletools.genops(data)}
    assert "BUILD" not in ops and "REDUCE" in ops
    assert pickle.loads(data) == values
