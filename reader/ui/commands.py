"""The command palette provider: every action of the reading room, plus the themes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.themes import THEME_PREFIX

# (title, help, action on the reading screen; "app." for the app's own)
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Next shared passage", "Jump to the next group in every article (n, ])", "next_group"),
    ("Previous shared passage", "Jump to the previous group (p, [)", "previous_group"),
    ("Variants of the focused passage", "Compare each article's wording, differences marked (c)", "variants"),
    ("Tag selection or passage", "Tag the selection, or every span of the focused group (t)", "tag"),
    ("Undo", "Undo the last annotation change (u)", "undo"),
    ("Search articles", "Fuzzy search across every article (/)", "search"),
    ("Clear search marks", "Remove the highlights of the last search", "clear_search"),
    ("Zoom the focused article", "Show it at full width, or all articles again (z)", "zoom"),
    ("Toggle match list", "Show or hide the list of shared passages (m)", "toggle_matches"),
    ("Toggle annotations panel", "Show or hide the tagged spans (a)", "toggle_annotations"),
    ("Export tagged spans", "Write jsonl, csv, W3C, Markdown or brat (x)", "export"),
    ("Next article", "Focus the article to the right (l)", "focus_article(1)"),
    ("Previous article", "Focus the article to the left (h)", "focus_article(-1)"),
    ("Help", "Every key and what it does (?)", "app.help"),
    ("Quit", "Leave Parallax (q)", "app.quit"),
)


class ParallaxCommands(Provider):
    """Offers every action of the reading room and every Parallax theme."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from reader.ui.screens.reading import ReadingScreen

        commands: list[tuple[str, str, Callable[[], object]]] = []
        reading = next((s for s in self.app.screen_stack if isinstance(s, ReadingScreen)), None)
        for title, help_text, action in ACTIONS:
            if action.startswith("app."):
                commands.append((title, help_text, partial(self.app.call_next, self.app.run_action, action[4:])))
            elif reading is not None:
                name = action.split("(")[0]
                if name == "clear_search":
                    commands.append((title, help_text, reading.clear_search))
                    continue
                if reading.check_action(name, ()) is False:
                    if name == "export":
                        # Listed even with nothing tagged, so the reader learns where it is.
                        why = "Nothing to export yet: tag a passage or a selection first (t)."
                        commands.append((title, help_text, partial(reading.notify, why, markup=False)))
                    continue
                commands.append((title, help_text, partial(reading.call_next, reading.run_action, action)))
        for name in sorted(self.app.available_themes):
            if name.startswith(THEME_PREFIX):
                label = name.removeprefix(THEME_PREFIX).replace("-", " ")
                commands.append(
                    (f"Theme: {label}", f"Switch to the {label} theme (remembered)", partial(setattr, self.app, "theme", name))
                )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
