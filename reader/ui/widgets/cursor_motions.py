"""The reading cursor's motions of an :class:`~reader.ui.widgets.article_pane.ArticlePane`, as
its actions (the motions themselves are the pure functions of :mod:`reader.ui.motions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui import motions

if TYPE_CHECKING:
    from textual.geometry import Size

    from reader.core.models import Document
    from reader.ui.page import Page


class CursorMotions:
    """The cursor actions of a pane (mixed into it: it provides the attributes below)."""

    document: Document
    page: Page
    cursor: int
    _viewport: Size

    if TYPE_CHECKING:

        def move_cursor(self, offset: int, *, scroll: bool = True) -> None: ...

    def action_word_forward(self) -> None:
        self.move_cursor(motions.word_forward(self.document.text, self.cursor))

    def action_word_back(self) -> None:
        self.move_cursor(motions.word_back(self.document.text, self.cursor))

    def action_word_end(self) -> None:
        self.move_cursor(motions.word_end(self.document.text, self.cursor))

    def action_sentence_forward(self) -> None:
        self.move_cursor(motions.sentence_forward(self.document.text, self.cursor))

    def action_sentence_back(self) -> None:
        self.move_cursor(motions.sentence_back(self.document.text, self.cursor))

    def action_char_back(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_char_forward(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_line_up(self) -> None:
        self.move_cursor(motions.line_move(self.page.index, self.cursor, -1))

    def action_line_down(self) -> None:
        self.move_cursor(motions.line_move(self.page.index, self.cursor, 1))

    def action_page_up(self) -> None:
        self.move_cursor(motions.line_move(self.page.index, self.cursor, -max(1, self._viewport.height - 1)))

    def action_page_down(self) -> None:
        self.move_cursor(motions.line_move(self.page.index, self.cursor, max(1, self._viewport.height - 1)))

    def action_line_start(self) -> None:
        self.move_cursor(motions.line_start(self.page.index, self.cursor))

    def action_line_end(self) -> None:
        self.move_cursor(motions.line_end(self.page.index, self.cursor))

    def action_text_start(self) -> None:
        self.move_cursor(0)

    def action_text_end(self) -> None:
        self.move_cursor(len(self.document.text))
