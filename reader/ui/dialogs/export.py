"""The export dialog: pick a format and where to write (default: inside the corpus folder)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from reader.ui.actions import ACTIONS, EXPORT
from reader.ui.render import safe_text

EXPORT_STEM = "parallax-export"
"""The default file name, without suffix."""


def default_output(folder: Path, fmt: str, suffixes: Mapping[str, str]) -> Path:
    """Where an export in ``fmt`` goes by default: ``<folder>/parallax-export<suffix>`` (a
    folder named ``parallax-export-brat`` for formats that write several files)."""
    suffix = suffixes.get(fmt, "")
    return folder / (f"{EXPORT_STEM}{suffix}" if suffix else f"{EXPORT_STEM}-{fmt}")


class ExportDialog(ModalScreen["ExportDialog.Result | None"]):
    """Choose the export format and the output path."""

    BINDINGS = ACTIONS.bindings(EXPORT)

    @dataclass(frozen=True, slots=True)
    class Result:
        """What to write, and where."""

        fmt: str
        path: Path

    def __init__(self, formats: Sequence[str], suffixes: Mapping[str, str], folder: Path, count: int) -> None:
        super().__init__()
        self.formats = tuple(formats)
        """The formats offered."""
        self.suffixes = dict(suffixes)
        self.folder = folder
        """Where exports go by default."""
        self.count = count

    def compose(self) -> ComposeResult:
        first = self.formats[0]
        with Vertical(id="export-box"):
            yield Static(safe_text(f"Export {self.count} annotation{'s' if self.count != 1 else ''}"), id="export-title")
            yield Label("Format")
            yield Select([(fmt, fmt) for fmt in self.formats], value=first, allow_blank=False, id="export-format")
            yield Label("Write to (a folder for brat)")
            yield Input(str(default_output(self.folder, first, self.suffixes)), id="export-path")
            yield Static(id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")
        yield Footer()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        defaults = {str(default_output(self.folder, fmt, self.suffixes)) for fmt in self.formats}
        if path_input.value in defaults or not path_input.value.strip():
            path_input.value = str(default_output(self.folder, str(event.value), self.suffixes))

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Static).update("Give a file name.")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        self.dismiss(self.Result(str(self.query_one("#export-format", Select).value), path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
