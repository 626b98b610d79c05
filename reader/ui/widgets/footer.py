"""The Footer of every Parallax screen: Textual's, showing the keys that fit, rebuilt only when
what it shows changes.

Textual's :class:`~textual.widgets.Footer` lists every key and cuts what does not fit: at 80
columns, ``q Quit`` and ``? Help`` fell off the end. This one shows the keys that fit, chosen by
each action's ``footer_priority`` in the registry (quit and help always), in declaration order;
every action stays in the help screen and the palette.

Textual's Footer also recomposes itself (a dozen new widgets, each styled) after every change of
the screen's bindings: a focus change, every ``refresh_bindings``. This one coalesces the changes
signalled before the next refresh into one check and recomposes only when what it would show
(keys, descriptions, enabled or not, the room it has) differs from what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.actions import ACTIONS

DEFAULT_PRIORITY = 5
"""The footer priority of a binding the registry does not declare."""


def priority_of(binding: Binding) -> int:
    """The registry's footer priority of ``binding``'s action."""
    try:
        return ACTIONS[binding.id].footer_priority if binding.id else DEFAULT_PRIORITY
    except KeyError:
        return DEFAULT_PRIORITY


def fitting(widths: Sequence[int], priorities: Sequence[int], room: int) -> list[int]:
    """The indices of the keys shown in ``room`` cells, in their order: the most important first
    (lowest priority, then earliest) while they fit; priority 0 always."""
    chosen: set[int] = set()
    used = 0
    for index in sorted(range(len(widths)), key=lambda i: (priorities[i], i)):
        if priorities[index] == 0 or used + widths[index] <= room:
            chosen.add(index)
            used += widths[index]
    return sorted(chosen)


class ParallaxFooter(Footer):
    """A :class:`Footer` that shows the keys that fit, and skips rebuilds that would show the
    same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None
        self._check_pending = False

    def _keys(self) -> list[tuple[Binding, bool, str]]:
        """The keys to show, one per action, in declaration order."""
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((binding, enabled, tooltip))
        return keys

    def _width(self, binding: Binding) -> int:
        """Cells one key takes (``" k "`` and ``"Description "``)."""
        return cell_len(self.app.get_key_display(binding)) + 2 + cell_len(binding.description) + 1

    def shown_keys(self) -> list[tuple[Binding, bool, str]]:
        """The keys that fit the Footer's width (all of them before it is laid out)."""
        keys = self._keys()
        width = self.size.width
        if not width:
            return keys
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        room = width - (self._width(palette[1]) + 2 if palette is not None and self.show_command_palette else 0)
        widths = [self._width(binding) for binding, _enabled, _tooltip in keys]
        return [keys[i] for i in fitting(widths, [priority_of(b) for b, _e, _t in keys], room)]

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        for binding, enabled, tooltip in self.shown_keys():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _signature(self) -> tuple[object, ...]:
        """What :meth:`compose` would show, as a comparable value."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        return (self.size.width,) + tuple(
            (key, binding.description, binding.action, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette_key
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self._check_soon()

    def on_resize(self) -> None:
        if self._bindings_ready and self.is_attached:
            self._check_soon()

    def _check_soon(self) -> None:
        if not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if not self.is_attached:
            return
        signature = self._signature()
        if signature != self._shown:
            self._shown = signature
            await self.recompose()
