"""The variants view: each article's wording of one group, one above the other, with the
word-level differences from the first article marked (added, dropped, changed)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.core.diff import ChangeTag, Variant, variants
from reader.core.models import Document, Group
from reader.ui.actions import ACTIONS, VARIANTS
from reader.ui.render import display_text, safe_text


CONTEXT_STYLE = "dim"
"""The rest of the sentence around the shared words."""


def variant_text(variant: Variant, reference: str, styles: Mapping[ChangeTag, str]) -> Text:
    """The whole sentence the variant's wording sits in: the rest of the sentence dimmed, the
    wording itself with its changes styled; dropped words of the reference are shown struck
    through where they were left out (they are not part of the article's text)."""
    text = display_text(variant.text).replace("\n", " ")
    shown = Text(end="")
    shown.append(display_text(variant.before).replace("\n", " "), CONTEXT_STYLE)
    if variant.is_reference or not variant.changes:
        shown.append(text)
    else:
        position = 0
        for change in variant.changes:
            if change.start > position:
                shown.append(text[position : change.start])
            if change.tag is ChangeTag.DROPPED:
                dropped = display_text(reference[change.ref_start : change.ref_end]).replace("\n", " ")
                shown.append(dropped, styles[ChangeTag.DROPPED])
                shown.append(" ")
            elif change.tag is ChangeTag.EQUAL:
                shown.append(text[change.start : change.end])
            else:
                shown.append(text[change.start : change.end], styles[change.tag])
            position = max(position, change.end)
        shown.append(text[position:])
    shown.append(display_text(variant.after).replace("\n", " "), CONTEXT_STYLE)
    return shown


def legend(styles: Mapping[ChangeTag, str]) -> Text:
    """The key to the marks."""
    key = Text("Compared with the first article, each in its whole sentence:  ", end="")
    key.append("added", styles[ChangeTag.ADDED])
    key.append("  ")
    key.append("dropped", styles[ChangeTag.DROPPED])
    key.append("  ")
    key.append("changed", styles[ChangeTag.CHANGED])
    return key


class VariantsScreen(ModalScreen[None]):
    """How each article words one group."""

    COMPONENT_CLASSES = {"variants--added", "variants--dropped", "variants--changed"}

    BINDINGS = ACTIONS.bindings(VARIANTS)

    def __init__(self, group: Group, documents: Mapping[str, Document]) -> None:
        super().__init__()
        self.group = group
        """The group shown."""
        self.variants = variants(group, documents)
        """Each span with its changes from the first."""
        self._documents = documents

    def compose(self) -> ComposeResult:
        with Vertical(id="variants-box"):
            yield Static(
                safe_text(f"{self.group.kind.value} · {len(self.group.doc_ids)} articles · score {self.group.score:.0f}"),
                id="variants-heading",
            )
            yield Static(id="variants-legend")
            with VerticalScroll(id="variants-list"):
                for variant in self.variants:
                    document = self._documents[variant.span.doc]
                    heading = safe_text(f"{document.title or document.id}  ({Path(document.path).name})")
                    if variant.span.quoted:
                        speaker = f", {variant.span.speaker}" if variant.span.speaker else ""
                        heading.append_text(safe_text(f" · quoted{speaker}", "italic"))
                    if variant.is_reference:
                        heading.append(" · the wording the others are compared with", "dim")
                    yield Static(heading, classes="variant-title")
                    yield Static(classes="variant-text")
        yield Footer()

    def on_mount(self) -> None:
        styles = {
            ChangeTag.ADDED: self.get_component_rich_style("variants--added", partial=True),
            ChangeTag.DROPPED: self.get_component_rich_style("variants--dropped", partial=True),
            ChangeTag.CHANGED: self.get_component_rich_style("variants--changed", partial=True),
        }
        self.query_one("#variants-legend", Static).update(legend(styles))
        reference = self.variants[0].text if self.variants else ""
        for widget, variant in zip(self.query(".variant-text").results(Static), self.variants):
            widget.update(variant_text(variant, reference, styles))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
