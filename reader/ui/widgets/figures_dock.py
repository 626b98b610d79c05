"""The figures and voices side of the reading room, under the articles: the figures panel and
the voices panel (each mounted when first shown) and the hidden
:class:`~reader.ui.widgets.extractor.Extractor` that reads them.

The first screen does without the panels and the core modules they show (the figures and
voices stages), so each panel is imported and mounted on the first :meth:`FiguresDock.panel`
call; their messages are therefore handled by name here, not with ``@on``. The dock keeps the
panels in step with the extractor (progress, results, failure) and turns what the reader picks
in a panel into a :class:`~reader.core.models.Group` of spans for the screen:
:class:`FiguresDock.PassagePicked` (``enter``: scroll every article to it and mark it) and
:class:`FiguresDock.TagAsked` (``t``: tag its spans like any other passage's). A quotation
that the aligner also found is picked as the aligner's group, so the variants view (``c``)
shows how each outlet worded it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget

from reader.core.models import Document, Group
from reader.ui.widgets.extractor import Extractor

if TYPE_CHECKING:
    from reader.ui.widgets.figures_panel import FiguresPanel
    from reader.ui.widgets.voices_panel import VoicesPanel

PanelName = Literal["figures", "voices"]


class FiguresDock(Widget):
    """Holds the figures and voices panels (hidden until shown) and the extractor."""

    DEFAULT_CSS = """
    FiguresDock {
        height: auto;
        display: none;
    }
    FiguresDock > FiguresPanel, FiguresDock > VoicesPanel {
        display: none;
    }
    """

    @dataclass
    class PassagePicked(Message):
        """The reader picked a figure or a quotation: show its spans in every article."""

        group: Group

    @dataclass
    class TagAsked(Message):
        """The reader asked to tag the spans of a figure or a quotation."""

        group: Group

    def __init__(self, documents: Mapping[str, Document], ready: threading.Event, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents = documents
        """The articles by id, in corpus order."""
        self.extractor = Extractor(tuple(documents.values()), ready)
        """Reads the figures and voices in a thread worker."""
        self.groups: tuple[Group, ...] = ()
        """The aligner's groups (a quotation it found is picked as its group)."""
        self.figures: tuple | None = None
        """The figure groups, once read."""
        self.voices: tuple | None = None
        """The speakers, once read."""
        self.progress = 0.0
        """How far the reading got, 0 to 1."""
        self.error: str | None = None
        """Why the reading failed, if it did."""
        self._mounted: dict[str, asyncio.Task[Widget]] = {}

    def compose(self) -> ComposeResult:
        yield self.extractor

    def start(self, groups: Sequence[Group] = ()) -> None:
        """Read the figures and voices (once), quotations tied to the aligner's ``groups``."""
        self.groups = tuple(groups)
        self.extractor.start(self.groups)

    async def panel(self, name: PanelName) -> FiguresPanel | VoicesPanel:
        """The figures or the voices panel, imported and mounted on the first call."""
        if name not in self._mounted:
            self._mounted[name] = asyncio.ensure_future(self._mount_panel(name))
        return await self._mounted[name]  # type: ignore[return-value]

    async def _mount_panel(self, name: PanelName) -> Widget:
        if name == "figures":
            from reader.core.figures.report import article_date
            from reader.ui.widgets.figures_panel import FiguresPanel

            dates = {doc_id: article_date(doc.text) for doc_id, doc in self.documents.items()}
            panel: Widget = FiguresPanel(self.documents, dates, id="figures")
        else:
            from reader.ui.widgets.voices_panel import VoicesPanel

            panel = VoicesPanel(id="voices")
        await self.mount(panel)
        self.display = True
        self._fill(panel)
        return panel

    def _panels(self) -> list[Widget]:
        return [task.result() for task in self._mounted.values() if task.done() and not task.cancelled()]

    def _fill(self, panel: Widget) -> None:
        """Show in ``panel`` what is known so far: the results, the failure, or the progress."""
        from reader.ui.widgets.figures_panel import FiguresPanel

        results = self.figures if isinstance(panel, FiguresPanel) else self.voices
        if self.error is not None:
            panel.show_failure(self.error)  # type: ignore[attr-defined]
        elif results is None:
            panel.show_progress(self.progress)  # type: ignore[attr-defined]
        elif isinstance(panel, FiguresPanel):
            panel.set_groups(results)
        else:
            panel.set_speakers(results)  # type: ignore[attr-defined]

    @on(Extractor.Progressed)
    def _progressed(self, event: Extractor.Progressed) -> None:
        event.stop()
        self.progress = event.fraction
        for panel in self._panels():
            panel.show_progress(event.fraction)  # type: ignore[attr-defined]

    @on(Extractor.Finished)
    def _finished(self, event: Extractor.Finished) -> None:
        event.stop()
        self.figures, self.voices = event.figures, event.voices
        for panel in self._panels():
            self._fill(panel)

    @on(Extractor.Failed)
    def _failed(self, event: Extractor.Failed) -> None:
        event.stop()
        self.error = event.error
        for panel in self._panels():
            self._fill(panel)
        self.notify(f"Figures and voices failed: {event.error}", severity="error", markup=False)

    # The panels are imported when first shown, so their messages are handled by name.

    def on_figures_panel_figure_chosen(self, event: FiguresPanel.FigureChosen) -> None:
        event.stop()
        if (group := self._figure(event.group_id)) is not None:
            self.post_message(self.PassagePicked(group))

    def on_figures_panel_tag_requested(self, event: FiguresPanel.TagRequested) -> None:
        event.stop()
        if (group := self._figure(event.group_id)) is not None:
            self.post_message(self.TagAsked(group))

    def on_voices_panel_quote_chosen(self, event: VoicesPanel.QuoteChosen) -> None:
        event.stop()
        if (group := self._quote(event.speaker_id, event.quote_id)) is not None:
            self.post_message(self.PassagePicked(group))

    def on_voices_panel_tag_requested(self, event: VoicesPanel.TagRequested) -> None:
        event.stop()
        if (group := self._quote(event.speaker_id, event.quote_id, own_spans=True)) is not None:
            self.post_message(self.TagAsked(group))

    def _figure(self, group_id: str) -> Group | None:
        from reader.core.figures.report import as_group

        found = next((f for f in self.figures or () if f.id == group_id), None)
        return as_group(found) if found is not None else None

    def _quote(self, speaker_id: str, quote_id: str, own_spans: bool = False) -> Group | None:
        """The quotation as a group: the aligner's when it holds it (unless ``own_spans``: to tag,
        the quotation's own spans), else its spans."""
        from reader.core.voices.report import quote_as_group

        for speaker in self.voices or ():
            if speaker.id == speaker_id:
                quote = next((q for q in speaker.quotes if q.id == quote_id), None)
                if quote is None:
                    return None
                aligned = next((g for g in self.groups if g.id == quote.group), None) if quote.group else None
                return aligned if aligned is not None and not own_spans else quote_as_group(quote)
        return None
