"""Many articles: only the columns that fit the terminal are mounted with the screen; the others
are mounted when they come into view (or, for the next passage, just before), with what they were
given meanwhile (groups, the focused group, a scroll) shown at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.models import Group, GroupKind, Span
from reader.ui.app import make_app
from reader.ui.widgets.article_column import ArticleColumn
from reader.ui.widgets.article_columns import ArticleColumns
from reader.ui.widgets.article_pane import ArticlePane
from tests.ui.conftest import drawn_background, filler, ready, until

ARTICLES = 12
SIZE = (100, 40)
PHRASE = "Anyone who threatens the Islamic Republic should know the response will be devastating"
FAR = "The envoy said the talks would resume in Geneva after the holiday"


async def to_the_group_before(pilot, screen, group_id: str) -> None:  # type: ignore[no-untyped-def]
    """Press ``n`` until the next jump would go to the group ``group_id``."""
    await pilot.press("n")
    while screen.groups[(screen.group_index + 1) % len(screen.groups)].id != group_id:
        await pilot.press("n")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(ARTICLES):
        far = f"\n{FAR}.\n" if n >= ARTICLES - 2 else "\n"
        text = f"Article {n}\n" + filler(f"A{n}", 4 + 3 * n) + f"\n{PHRASE}.\n" + filler(f"B{n}", 20) + far + filler(f"C{n}", 5)
        (folder / f"art{n:02}.txt").write_text(text, encoding="utf-8")
    return folder


def aligner(documents, *, progress, cancelled):  # type: ignore[no-untyped-def]
    """Every article shares PHRASE; the last two also share FAR."""

    def spans(phrase: str) -> tuple[Span, ...]:
        return tuple(Span(d.id, d.text.index(phrase), d.text.index(phrase) + len(phrase)) for d in documents if phrase in d.text)

    return (Group("g-all", GroupKind.QUOTE, 95.0, spans(PHRASE)), Group("g-far", GroupKind.QUOTE, 95.0, spans(FAR)))


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return make_app(corpus(tmp_path), tmp_path / "store.json", aligner=aligner)


def mounted_order(columns: ArticleColumns) -> list[str]:
    return [child.document.id for child in columns.children if isinstance(child, ArticleColumn)]


async def test_off_screen_columns_are_mounted_when_shown_with_their_highlights(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        assert len(columns.panes) == ARTICLES
        # Only the columns that fit are widgets of the screen; the last one is not.
        assert len(screen.query(ArticlePane)) < ARTICLES
        last = columns.panes[-1]
        assert not last.is_mounted and not columns.columns[-1].display
        # It was given the groups all the same.
        group = screen.groups[0] if screen.groups[0].id == "g-all" else screen.groups[1]
        span = next(s for s in group.spans if s.doc == last.document.id)
        assert (span.start, span.end) in [(m.start, m.end) for m in last.marks("groups")]
        first = columns.panes[0]
        span0 = next(s for s in group.spans if s.doc == first.document.id)
        first.scroll_to_span(span0.start, span0.end)
        await until(pilot, lambda: first.offset_visible(span0.start))
        highlight = drawn_background(first, span0.start)
        assert highlight is not None and highlight != drawn_background(first, span0.start - 2)
        # Walk to the last article: its column is mounted, in view, and draws the same highlight.
        for _ in range(ARTICLES - 1):
            await pilot.press("l")
        await until(pilot, lambda: last.is_mounted and screen.focused_pane is last)
        assert columns.in_view(last.document.id)
        last.scroll_to_span(span.start, span.end)
        await until(pilot, lambda: last.offset_visible(span.start))
        assert drawn_background(last, span.start) == highlight
        # Columns mounted later sit in corpus order in the row.
        assert mounted_order(columns) == sorted(mounted_order(columns))
        assert len(mounted_order(columns)) == ARTICLES


async def test_n_to_a_passage_in_off_screen_columns_shows_it_focused(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        target = columns.panes[ARTICLES - 2]
        assert not target.is_mounted
        for _ in range(2):
            if screen.focused_group is None or screen.focused_group.id != "g-far":
                await pilot.press("n")
                await pilot.pause()
        await pilot.pause()
        group = screen.focused_group
        assert group is not None and group.id == "g-far"
        span = group.spans[0]
        assert span.doc == target.document.id
        # The row scrolled to the passage's first article, whose pane took the focus, mounted.
        await until(pilot, lambda: target.is_mounted and screen.focused_pane is target and target.offset_visible(span.start))
        assert columns.in_view(target.document.id) and target.cursor == span.start
        assert drawn_background(target, span.start + 1) == target.palette.styles_by_name["pane--focus"].bgcolor  # (the cursor is on its first character)
        # The first column, out of view now, is no longer displayed; the row keeps corpus order
        # although the columns after the first ones were mounted before those in between.
        assert not columns.columns[0].display
        assert mounted_order(columns) == sorted(mounted_order(columns))
        for _ in range(5):
            await pilot.press("h")
        await until(pilot, lambda: screen.focused_pane is columns.panes[ARTICLES - 7])
        assert mounted_order(columns) == sorted(mounted_order(columns))
        shown = [c for c in columns.columns if c.display]
        assert [c.region.x for c in shown] == sorted(c.region.x for c in shown)


async def test_a_column_scrolled_into_view_is_wrapped_before_it_is_laid_out(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from reader.ui import page

    wraps: list[int] = []
    real_wrap = page.wrap_offsets
    monkeypatch.setattr(page, "wrap_offsets", lambda text, width: wraps.append(width) or real_wrap(text, width))
    at_mount: dict[str, int] = {}
    real_on_mount = ArticlePane.on_mount

    def noted(pane: ArticlePane) -> None:
        at_mount[pane.document.id] = pane.page.width
        real_on_mount(pane)

    monkeypatch.setattr(ArticlePane, "on_mount", noted)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        last = columns.panes[-1]
        assert not last.is_mounted
        wraps.clear()
        before = set(at_mount)
        for _ in range(ARTICLES - 1):
            await pilot.press("l")
        await until(pilot, lambda: last.is_mounted and screen.focused_pane is last)
        await pilot.pause()
        # Every column mounted on the way had its text wrapped, at the width it then got, before
        # its first layout; and none was wrapped twice.
        late = [pane for pane in columns.panes if pane.document.id in set(at_mount) - before]
        assert last in late
        for pane in late:
            assert at_mount[pane.document.id] == pane.text_width == pane.page.width
        assert len(wraps) == len(late)


async def test_a_jump_to_off_screen_columns_scrolls_the_row_once_to_the_passage(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        scrolls: list[float] = []
        columns.watch(columns, "scroll_x", lambda x: scrolls.append(x), init=False)
        while screen.focused_group is None or screen.focused_group.id != "g-far":
            scrolls.clear()
            await pilot.press("n")
            await pilot.pause()
        target = columns.panes[ARTICLES - 2]
        await until(pilot, lambda: screen.focused_pane is target and target.offset_visible(target.cursor))
        await pilot.pause(0.3)
        # One scroll, straight to where the row stays (no animation through the columns between,
        # each step of which laid the row out again), the focused column in the middle.
        assert len(scrolls) == 1 and scrolls[0] == columns.scroll_x
        assert columns.in_view(target.document.id)
        middle = target.region.x + target.region.width / 2
        assert abs(middle - (columns.region.x + columns.region.width / 2)) <= 1


async def test_the_columns_of_the_next_passage_are_mounted_before_the_jump(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.query_one(ArticleColumns)
        target = columns.panes[ARTICLES - 2]
        await pilot.press("n")
        while screen.groups[(screen.group_index + 1) % len(screen.groups)].id != "g-far":
            await pilot.press("n")
        # While the reader reads, the columns the next jump shows are mounted and laid out out of
        # view, their text wrapped at the width they will have.
        await until(pilot, lambda: target.is_mounted and target.size.width > 0)
        await pilot.pause()
        assert not columns.in_view(target.document.id)
        assert not target.region.overlaps(columns.scrollable_content_region)
        assert target.page.width == target.text_width > 0
        size = target.size
        mounted = set(mounted_order(columns))
        await pilot.press("n")
        await until(pilot, lambda: screen.focused_pane is target and target.offset_visible(target.cursor))
        # The jump displayed them: it mounted nothing.
        assert set(mounted_order(columns)) == mounted
        assert columns.in_view(target.document.id) and target.size == size
