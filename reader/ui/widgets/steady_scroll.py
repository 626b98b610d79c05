"""A scroll view whose scrollbars are not redrawn by a layout that changed nothing of it.

Textual's ``ScrollView._size_updated`` compares the size of the view's container (what the
compositor passes) with the view's own size less its gutter, which never match: every layout of
the screen, even one that moved nothing of the view, updates its scrollbars and repaints them.
With the row of columns, every layout then repaints each pane's scrollbar, and the region a frame
paints spans the whole row. Here a layout that finds the view's size, virtual size and
container size as the last one did (and its scrollbar as it was) leaves it alone.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollView(ScrollView):
    """A :class:`ScrollView` that a layout leaves alone when it changed nothing of it."""

    _laid_out_as: tuple[object, ...] | None = None
    """The sizes (and the scrollbar shown) of the last layout that updated the view."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        sizes = self._layout_key(size, virtual_size, container_size)
        if sizes == self._laid_out_as and size == self._size:
            # What Textual's method returns then (whether the view is sent a Resize), without
            # its scrollbar update, which would change nothing but repaint them.
            return self._container_size != container_size
        updated = super()._size_updated(size, virtual_size, container_size, layout)
        self._laid_out_as = self._layout_key(size, virtual_size, container_size)
        return updated

    def _layout_key(self, size: Size, virtual_size: Size, container_size: Size) -> tuple[object, ...]:
        """All a layout gives the view and all that shapes its scrollbars (shown, their sizes,
        the gutter): a layout that finds them as they were changed nothing of it."""
        return (
            size, virtual_size, container_size, self.virtual_size,
            self.show_vertical_scrollbar, self.show_horizontal_scrollbar,
            self.scrollbar_size_vertical, self.scrollbar_size_horizontal, self.styles.gutter,
        )
