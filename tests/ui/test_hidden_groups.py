"""``H``: the hidden groups (fragments, groups folded into another) shown on demand."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets import Static

from reader.core.models import Document, Group, GroupKind, Span
from reader.ui.app import make_app
from reader.ui.widgets.match_list import MatchList
from tests.ui.conftest import SIZE, Setup, build_groups, ready


def with_hidden(documents: Sequence[Document], *, progress: Callable[[float], None], cancelled: Callable[[], bool]) -> tuple[Group, ...]:
    """The hand-built groups, a fragment ("Islamic Republic") and a group folded into the
    quotation that holds it."""
    groups = list(build_groups(documents))
    by_id = {d.id: d for d in documents}

    def span(doc: str, phrase: str) -> Span:
        start = by_id[doc].text.index(phrase)
        return Span(doc, start, start + len(phrase))

    groups.append(Group("g-name", GroupKind.FRAGMENT, 100.0, (span("alpha", "Islamic Republic"), span("charlie", "Islamic Republic"))))
    groups.append(
        Group(
            "g-inside", GroupKind.VERBATIM, 100.0,
            (span("alpha", "foolish action will be met"), span("bravo", "foolish action will be met")),
            folded_into="g-threat",
        )
    )
    progress(1.0)
    return tuple(groups)


async def test_h_shows_and_hides_the_hidden_groups(setup: Setup) -> None:
    app = make_app(setup.corpus_dir, setup.store_path, aligner=with_hidden)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        status = screen.query_one("#status", Static)
        assert {g.id for g in screen.groups} == {"g-meeting", "g-threat"}
        assert "2 shared passages (2 hidden: H)" in str(status.render())
        alpha = next(p for p in screen.panes if p.document.id == "alpha")
        assert len(alpha.group_spans) == 2

        await pilot.press("n", "n")
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"
        await pilot.press("H")
        await pilot.pause()
        assert {g.id for g in screen.groups} == {"g-meeting", "g-threat", "g-name", "g-inside"}
        assert "2 hidden shown: H" in str(status.render())
        assert len(alpha.group_spans) == 4
        assert screen.query_one(MatchList).option_count == 4
        # The focus stays on the group it was on, and n now visits the hidden ones too.
        assert screen.focused_group is not None and screen.focused_group.id == "g-threat"
        visited = set()
        for _ in range(4):
            await pilot.press("n")
            visited.add(screen.focused_group.id)
        assert visited == {"g-meeting", "g-threat", "g-name", "g-inside"}

        await pilot.press("H")
        await pilot.pause()
        assert {g.id for g in screen.groups} == {"g-meeting", "g-threat"}
        assert "2 hidden: H" in str(status.render())
        assert len(alpha.group_spans) == 2


async def test_h_is_offered_only_when_something_is_hidden(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("toggle_hidden", ()) is False
        await pilot.press("H")
        await pilot.pause()
        assert not screen.passages.show_hidden
        assert "hidden" not in str(screen.query_one("#status", Static).render())
