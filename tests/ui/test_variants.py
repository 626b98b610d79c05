"""The variants view: each article's wording of the focused group, differences marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.core.diff import ChangeTag
from reader.ui.screens.reading import ReadingScreen
from reader.ui.dialogs.variants import VariantsScreen
from tests.ui.conftest import SIZE, Setup


def _styled(text: Text, style) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


async def test_variants_show_each_wording_with_changes_marked(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("n", "n", "c")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, VariantsScreen)
        assert view.group.id == "g-threat"
        titles = [str(w.render()) for w in view.query(".variant-title").results(Static)]
        assert [t.split("  (")[0] for t in titles] == [
            "Alpha reports Tehran's call",
            "Bravo on the ministers",
            "Charlie: regional reaction",
        ]
        assert titles[2].endswith("(charlie.txt)")
        assert titles[0].endswith("the wording the others are compared with")
        rendered = [w.render() for w in view.query(".variant-text").results(Static)]
        plain = [str(r) for r in rendered]
        # Each outlet's whole sentence: the shared words and the rest of their sentence.
        assert plain[0] == "Anyone who threatens the Islamic Republic of Iran should know that any foolish action will be met with a devastating response."
        # Bravo says the same: nothing marked.
        assert plain[1] == plain[0]
        charlie = view.variants[2]
        assert charlie.changed
        tags = {change.tag for change in charlie.changes}
        assert {ChangeTag.DROPPED, ChangeTag.CHANGED} <= tags
        # Dropped words are shown (struck through) where Charlie left them out; the changed word
        # is marked in Charlie's wording.
        assert "of Iran" in plain[2] and "crushing" in plain[2]
        await pilot.press("escape")
        assert app.screen is screen


async def test_variants_marks_use_the_dropped_and_changed_styles(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", "c")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, VariantsScreen) and view.group.id == "g-meeting"
        changed_style = view.get_component_rich_style("variants--changed", partial=True)
        from reader.ui.dialogs.variants import variant_text

        styles = {
            ChangeTag.ADDED: view.get_component_rich_style("variants--added", partial=True),
            ChangeTag.DROPPED: view.get_component_rich_style("variants--dropped", partial=True),
            ChangeTag.CHANGED: changed_style,
        }
        text = variant_text(view.variants[1], view.variants[0].text, styles)
        assert _styled(text, changed_style) == ["had", "a special"]
        # The whole sentence, the words around the shared ones dimmed (context, not a change).
        assert text.plain == "Officials said Tehran had called for a special meeting of the Organization of Islamic Cooperation this week."
        assert _styled(text, "dim") == ["Officials said ", " this week."]
        reference = variant_text(view.variants[0], view.variants[0].text, styles)
        assert reference.plain == 'The spokesman said "Tehran has called for an emergency meeting of the Organization of Islamic Cooperation" on Monday.'
        assert _styled(reference, "dim") == ['The spokesman said "', '" on Monday.']


async def test_variants_say_who_is_quoted(setup: Setup) -> None:
    from dataclasses import replace

    from reader.ui.app import make_app
    from tests.ui.conftest import build_groups

    def quoting_aligner(documents, *, progress, cancelled):  # type: ignore[no-untyped-def]
        groups = build_groups(documents)
        return tuple(
            replace(g, spans=tuple(replace(s, quoted=True, speaker="Nasser Kanaani" if s.doc == "alpha" else None) for s in g.spans))
            for g in groups
        )

    app = make_app(setup.corpus_dir, setup.store_path, aligner=quoting_aligner)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", "c")
        await pilot.pause()
        titles = [str(w.render()) for w in app.screen.query(".variant-title").results(Static)]
        assert "quoted, Nasser Kanaani" in titles[0]
        assert titles[1].endswith("(bravo.txt) · quoted")
