"""The Footer of every Parallax screen: Textual's, rebuilt only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` recomposes itself (a dozen new widgets, each styled)
after every change of the screen's bindings: a focus change, every ``refresh_bindings``. At
startup that happened several times before the first frame, and again on each jump. This one
coalesces the changes signalled before the next refresh into one check and recomposes only when
what it would show (keys, descriptions, enabled or not) differs from what it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ParallaxFooter(Footer):
    """A :class:`Footer` that skips rebuilds which would show the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None
        self._check_pending = False

    def _signature(self) -> tuple[object, ...]:
        """What :meth:`compose` would show, as a comparable value."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.description, binding.action, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette_key
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
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
