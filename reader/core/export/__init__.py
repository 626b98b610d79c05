"""Export anchored annotations in the formats other tools read, one module per format behind a
small registry (:data:`EXPORTERS`): JSON Lines (:mod:`.jsonl`), CSV (:mod:`.csv`), W3C Web
Annotation (:mod:`.w3c`), a Markdown report (:mod:`.markdown`) and brat standoff (:mod:`.brat`).

Used by the ``parallax export`` command and the app's export action alike (both offer the
registry's formats). Every format renders the same rows (:mod:`.rows`): in reading order, tags
spelled as first met, offsets those of the *current* article text (``Anchored.start``/``end``).
An orphan (an annotation that could not be placed in the current text) is exported with
``status: orphan`` and no offsets where the format allows it (JSONL, CSV, W3C: quote selector
only, Markdown: its own section) and left out where it does not (brat: ``keeps_orphans`` false).
Files are written safely by :mod:`.writing`.

With the annotations go the verdicts on groups and the links between annotations
(:class:`~.rows.ExportData`), in the formats that can hold them: JSON Lines and W3C losslessly,
brat the links within one article (saying in one line how many it left out: :func:`export_notes`),
Markdown as sections of the report. CSV holds the annotations only.

Adding a format is a module with a ``render`` function and one :class:`ExportFormat` line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from reader.core.annotate.anchoring import Anchored
from reader.core.annotate.links import Link
from reader.core.annotate.verdicts import Verdict
from reader.core.export import brat, csv, jsonl, markdown, w3c
from reader.core.export.brat import BRAT_UNTAGGED, brat_fragments, brat_type, safe_file_stem
from reader.core.export.csv import CSV_COLUMNS, TAG_SEPARATOR, csv_cell
from reader.core.export.rows import (
    Documents,
    ExportData,
    Row,
    VerdictRow,
    annotation_records,
    export_data,
    export_rows,
    json_text,
)
from reader.core.export.w3c import W3C_CONTEXT, annotation_iri, document_iri
from reader.core.export.writing import ExportError, write_file, write_folder

__all__ = [
    "BRAT_UNTAGGED",
    "CSV_COLUMNS",
    "EXPORTERS",
    "TAG_SEPARATOR",
    "W3C_CONTEXT",
    "ExportData",
    "ExportError",
    "ExportFormat",
    "Row",
    "VerdictRow",
    "annotation_iri",
    "annotation_records",
    "brat_fragments",
    "brat_type",
    "csv_cell",
    "document_iri",
    "export_annotations",
    "export_data",
    "export_files",
    "export_notes",
    "export_rows",
    "exporter",
    "json_text",
    "safe_file_stem",
    "write_export",
]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format of the registry."""

    name: str
    """What the reader picks (``parallax export --format NAME``)."""
    suffix: str
    """The usual ending of its file (``""`` for a format that writes a folder)."""
    description: str
    """A few words for help texts."""
    render: Callable[[ExportData], str | Mapping[str, str]]
    """The export: the file's text, or for a format that writes a folder, its files
    (name -> text)."""
    writes_folder: bool = False
    """True when the export is several files in a folder the reader names."""
    keeps_orphans: bool = True
    """False when orphans (no offsets in the current text) are left out."""
    notes: Callable[[ExportData], Sequence[str]] = lambda _data: ()
    """One line for each thing the format leaves out (besides orphans), to tell the reader."""


EXPORTERS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        f.name: f
        for f in (
            ExportFormat(
                "jsonl",
                ".jsonl",
                "JSON Lines, one annotation, verdict or link per line (lossless)",
                lambda d: jsonl.render(d.rows, d.verdicts, d.links),
            ),
            ExportFormat("csv", ".csv", "CSV for spreadsheets (annotations only)", lambda d: csv.render(d.rows)),
            ExportFormat(
                "w3c", ".jsonld", "W3C Web Annotation (JSON-LD)", lambda d: w3c.render(d.rows, d.verdicts, d.links)
            ),
            ExportFormat(
                "markdown", ".md", "a Markdown report, by tag", lambda d: markdown.render(d.rows, d.verdicts, d.links)
            ),
            ExportFormat(
                "brat",
                "",
                "brat standoff: a folder with an .ann and a copy of the .txt per article",
                lambda d: brat.render(d.rows, d.links),
                writes_folder=True,
                keeps_orphans=False,
                notes=lambda d: [line for line in [brat.left_out(d.rows, d.links)] if line],
            ),
        )
    }
)
"""Every export format by name, in the order they are offered."""


def exporter(name: str) -> ExportFormat:
    """The format called ``name``; ``ValueError`` naming the known ones otherwise."""
    found = EXPORTERS.get(name)
    if found is None:
        raise ValueError(f"unknown export format {name!r} (known: {', '.join(EXPORTERS)})")
    return found


def export_files(
    anchored: Iterable[Anchored],
    documents: Documents,
    fmt: str,
    verdicts: Iterable[Verdict] = (),
    links: Iterable[Link] = (),
) -> str | Mapping[str, str]:
    """The export in ``fmt``: the text of its file, or the files of a format that writes a folder."""
    return exporter(fmt).render(export_data(anchored, documents, verdicts, links))


def export_annotations(
    anchored: Iterable[Anchored],
    documents: Documents,
    fmt: str,
    verdicts: Iterable[Verdict] = (),
    links: Iterable[Link] = (),
) -> str:
    """The export as one string (for a format that writes one file)."""
    spec = exporter(fmt)
    if spec.writes_folder:
        raise ValueError(f"{fmt} export is several files: use write_export() or export_files()")
    content = spec.render(export_data(anchored, documents, verdicts, links))
    assert isinstance(content, str)
    return content


def export_notes(
    anchored: Iterable[Anchored],
    documents: Documents,
    fmt: str,
    verdicts: Iterable[Verdict] = (),
    links: Iterable[Link] = (),
) -> tuple[str, ...]:
    """One line for each thing an export in ``fmt`` leaves out (orphans excepted), e.g. the links
    brat cannot hold."""
    return tuple(exporter(fmt).notes(export_data(anchored, documents, verdicts, links)))


def write_export(
    anchored: Iterable[Anchored],
    documents: Documents,
    fmt: str,
    output: Path | str,
    verdicts: Iterable[Verdict] = (),
    links: Iterable[Link] = (),
) -> tuple[Path, ...]:
    """Write an export to ``output`` (a file; a folder, created if missing, for a format that
    writes one) and return the paths written. Files are written atomically, in the folder
    ``output`` names and nowhere else; a symlink at the target (or the folder being one) is
    refused, and every target is checked before any is written. Raises :class:`ExportError`."""
    output = Path(output)
    spec = EXPORTERS.get(fmt)
    if spec is None:
        raise ExportError(f"{output}: unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
    content = spec.render(export_data(anchored, documents, verdicts, links))
    if spec.writes_folder:
        assert not isinstance(content, str)
        return write_folder(output, content, spec.name)
    assert isinstance(content, str)
    return write_file(output, content, [f.name for f in EXPORTERS.values() if f.writes_folder])
