"""The voices panel: every speaker, under one name, with their quotations and the articles that
carry each one (and whether the wording differs there).

A tree: a speaker per branch (the other names the articles use beside it), a quotation per
leaf. ``enter`` on a quotation posts :class:`VoicesPanel.QuoteChosen` (the screen scrolls every
column to it); on a speaker it opens or closes the branch. All text from the articles is drawn
as inert :class:`~rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree

from reader.core.voices import Speaker, VoiceQuote
from reader.core.voices.report import wording
from reader.ui.actions import ACTIONS, VOICE_TREE, VOICES
from reader.ui.render import safe_text

QUOTE_WIDTH = 70
"""Characters of a quotation shown in its row."""


def speaker_label(speaker: Speaker) -> Text:
    """``Hossein Amir-Abdollahian  8 quotes, 3 articles  (also: Amirabdollahian; he)``."""
    label = safe_text(speaker.name, "bold")
    quotes, articles = len(speaker.quotes), len(speaker.doc_ids)
    label.append(f"  {quotes} quote{'s' if quotes != 1 else ''}, {articles} article{'s' if articles != 1 else ''}", "dim")
    others = [n for n in speaker.names if n != speaker.name]
    if others:
        label.append("  (also: ", "dim")
        label.append_text(safe_text("; ".join(others), "dim"))
        label.append(")", "dim")
    return label


def quote_label(quote: VoiceQuote) -> Text:
    """``“natural reaction”  004_422b… (one article)``; shared quotes name their passage."""
    text = " ".join(quote.spans[0].text.split())
    if len(text) > QUOTE_WIDTH:
        text = text[: QUOTE_WIDTH - 1] + "\u2026"
    label = Text("\u201c", end="")
    label.append_text(safe_text(text))
    label.append("\u201d  ")
    label.append_text(safe_text(", ".join(quote.doc_ids), "dim"))
    how = wording(quote.same_wording, len(quote.doc_ids))
    label.append(f" ({how}{', passage ' + quote.group if quote.group else ''})", "bold" if how == "differs" else "dim")
    return label


class VoicesTree(Tree[tuple[str, "str | None"]]):
    """Speakers and their quotations (``enter`` shows a quotation, opens or closes a speaker)."""

    BINDINGS = ACTIONS.bindings(VOICE_TREE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(VOICE_TREE, self, action, parameters)


class VoicesPanel(Vertical):
    """The speakers of the corpus in a tree; progress while they are read."""

    BINDINGS = ACTIONS.bindings(VOICES)

    DEFAULT_CSS = """
    VoicesPanel {
        height: 14;
        border-top: solid $primary 50%;
    }
    VoicesPanel > #voices-header {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    VoicesPanel > Tree {
        height: 1fr;
    }
    """

    @dataclass
    class QuoteChosen(Message):
        """The reader chose a quotation (``enter``)."""

        speaker_id: str
        quote_id: str

    @dataclass
    class TagRequested(Message):
        """The reader asked to tag a quotation in every article that carries it (``t``)."""

        speaker_id: str
        quote_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: tuple[Speaker, ...] = ()
        """The speakers shown, most quoted first."""

    def compose(self) -> ComposeResult:
        yield Static("Reading the voices\u2026", id="voices-header", markup=False)
        tree = VoicesTree("speakers")
        tree.show_root = False
        tree.auto_expand = False
        yield tree

    @property
    def tree(self) -> VoicesTree:
        """The tree of speakers and quotations."""
        return self.query_one(VoicesTree)

    @property
    def header(self) -> Static:
        """The line above the tree."""
        return self.query_one("#voices-header", Static)

    def show_progress(self, fraction: float) -> None:
        """Say how far the reading got."""
        self.header.update(f"Reading the voices\u2026 {fraction:.0%}")

    def show_failure(self, error: str) -> None:
        """Say, in one line, why there are no voices."""
        self.header.update(safe_text(f"No voices: {error}"))

    def set_speakers(self, speakers: Sequence[Speaker]) -> None:
        """Show ``speakers`` (in the order given), the first one opened."""
        self.speakers = tuple(speakers)
        quotes = sum(len(s.quotes) for s in speakers)
        self.header.update(
            f"{len(speakers)} speaker{'s' if len(speakers) != 1 else ''}, {quotes} quotation{'s' if quotes != 1 else ''}"
            "   enter: show  t: tag" if speakers else "Nobody is quoted."
        )
        tree = self.tree
        tree.clear()
        for n, speaker in enumerate(speakers):
            branch = tree.root.add(speaker_label(speaker), data=(speaker.id, None), expand=n == 0)
            for quote in speaker.quotes:
                branch.add_leaf(quote_label(quote), data=(speaker.id, quote.id))
        if speakers:
            tree.move_cursor(tree.root.children[0])

    def quote(self, speaker_id: str, quote_id: str) -> VoiceQuote | None:
        """The quotation ``quote_id`` of ``speaker_id``, or ``None``."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return next((q for q in speaker.quotes if q.id == quote_id), None)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(VOICES, self, action, parameters)

    def action_tag(self) -> None:
        """Ask the screen to tag the quotation under the cursor (a speaker's first on a speaker)."""
        node = self.tree.cursor_node
        if (quote := self.current) is not None and node is not None and node.data is not None:
            self.post_message(self.TagRequested(node.data[0], quote.id))

    @property
    def current(self) -> VoiceQuote | None:
        """The quotation under the cursor (a speaker's first when the cursor is on them)."""
        node = self.tree.cursor_node
        if node is None or node.data is None:
            return None
        speaker_id, quote_id = node.data
        if quote_id is None:
            speaker = next((s for s in self.speakers if s.id == speaker_id), None)
            return speaker.quotes[0] if speaker and speaker.quotes else None
        return self.quote(speaker_id, quote_id)

    @on(Tree.NodeSelected)
    def _post_chosen(self, event: Tree.NodeSelected[tuple[str, str | None]]) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        speaker_id, quote_id = data
        if quote_id is None:
            event.node.toggle()
            return
        self.post_message(self.QuoteChosen(speaker_id, quote_id))
