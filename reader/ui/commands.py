"""The command palette provider: every palette action of the registry, every tag of the tag set
(the tenth and beyond too, which have no key), plus Parallax's themes. It is the palette's only
provider (Textual's own commands are not offered: its theme picker lists themes without the
highlight colours, its Quit and Screenshot repeat ours), so every action appears once by
construction.

Each action is offered once, under its palette title, with its help sentence and its keys; it
runs on the screen or widget that owns its scope (the reading screen, the focused article pane,
the annotations panel, the app). An action that cannot run now is still listed, its help saying
so; choosing it says why (its ``palette_hint``, or where it works).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from reader.ui.actions import ACTIONS, ANNOTATIONS, APP, PANE, READING
from reader.ui.registry import Action, Scope
from reader.ui.themes import THEME_PREFIX


class Command(NamedTuple):
    """One entry of the palette."""

    title: str
    help: str
    callback: Callable[[], object]


def palette_help(action: Action) -> str:
    """The palette's help line for ``action``: its help sentence and its keys."""
    return f"{action.help} ({action.keys_label})" if action.keys else action.help


class ParallaxCommands(Provider):
    """Offers every palette action of the registry and every Parallax theme."""

    def _owners(self) -> dict[Scope, DOMNode]:
        """The node each palette scope's actions run on, when there is one."""
        from reader.ui.screens.reading import ReadingScreen

        owners: dict[Scope, DOMNode] = {APP: self.app}
        reading = next((s for s in self.app.screen_stack if isinstance(s, ReadingScreen)), None)
        if reading is not None:
            owners[READING] = reading
            if reading.focused_pane is not None:
                owners[PANE] = reading.focused_pane
            panel = reading.dock.mounted_panel
            if panel is not None and reading.show_annotations:
                owners[ANNOTATIONS] = panel
        return owners

    def commands(self) -> list[Command]:
        """What the palette offers now, actions first (in declaration order), then the tags of
        the tag set (when there is something to tag), then themes."""
        owners = self._owners()
        commands: list[Command] = []
        for action in ACTIONS.palette():
            owner = owners.get(action.scope)
            if owner is not None and action.is_available(owner):
                callback: Callable[[], object] = partial(owner.call_next, owner.run_action, action.action)
                commands.append(Command(action.palette_title, palette_help(action), callback))
                continue
            why = action.palette_hint if owner is not None else f"Open the {action.scope.name} first."
            why = why or "Not available now."
            callback = partial(self.app.notify, why, markup=False)
            commands.append(Command(action.palette_title, f"Not available now: {why} {palette_help(action)}", callback))
        reading = owners.get(READING)
        tagset = getattr(reading, "tagset", None)
        if reading is not None and tagset and reading.store_error is None and reading.target() is not None:  # type: ignore[attr-defined]
            for key, entry in tagset.keyed():
                keyed = f" ({key})" if key is not None else ""
                commands.append(
                    Command(
                        f"Tag: {entry.tag}{keyed}",
                        entry.description or "Apply this tag to the selection or the focused passage, then go on",
                        partial(reading.call_next, reading.apply_tag, entry.tag),  # type: ignore[attr-defined]
                    )
                )
        for name in sorted(self.app.available_themes):
            if name.startswith(THEME_PREFIX):
                label = name.removeprefix(THEME_PREFIX).replace("-", " ")
                commands.append(
                    Command(f"Theme: {label}", f"Switch to the {label} theme (remembered)", partial(setattr, self.app, "theme", name))
                )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self.commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
