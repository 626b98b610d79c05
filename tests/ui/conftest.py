"""Fixtures for the Pilot tests: a small corpus in tmp_path with hand-built groups, the store
and the settings in tmp_path, animations off."""

from __future__ import annotations

import os
import shutil

os.environ["TEXTUAL_ANIMATIONS"] = "none"

from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from rich.color import Color  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from reader.core.corpus import load_corpus  # noqa: E402
from reader.core.models import Corpus, Document, Group, GroupKind, Span  # noqa: E402
from reader.ui.app import ParallaxApp, make_app  # noqa: E402
from reader.ui.render import GUTTER_WIDTH  # noqa: E402
from reader.ui.screens.reading import ReadingScreen  # noqa: E402
from reader.ui.widgets.article_pane import ArticlePane  # noqa: E402

SIZE = (160, 45)
"""The terminal size of every Pilot test."""


async def ready(pilot) -> ReadingScreen:  # type: ignore[no-untyped-def]
    """The reading screen once the alignment and the store load are done and shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    return screen


async def until(pilot, condition: Callable[[], bool], pauses: int = 500) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (a state, never a time: on a busy machine a
    worker's result can arrive after the workers are seen complete, through the message queue)."""
    for _ in range(pauses):
        if condition():
            return
        await pilot.pause(0.01)
    assert condition(), "the app never reached the state waited for"


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until what the last keys started (workers included) has finished and is shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def drawn_background(pane: ArticlePane, offset: int) -> Color | None:
    """The background colour the pane draws the character at ``offset`` with (it must be on
    screen; ASCII text before it on its line)."""
    line = pane.line_of(offset)
    assert line in pane.visible_lines, (offset, line)
    strip = pane.render_line(line - round(pane.scroll_offset.y))
    cell = GUTTER_WIDTH + offset - pane.screen_lines[line][0]
    (segment,) = list(strip.crop(cell, cell + 1))
    assert segment.text == pane.shown_text[offset], (segment.text, offset)
    return segment.style.bgcolor if segment.style else None


def filler(label: str, count: int) -> str:
    """Paragraphs of unshared text, so the shared passages sit far apart and panes scroll."""
    return "\n".join(
        f"{label} paragraph {n} describes local reactions in some detail, quoting nobody and repeating nothing."
        for n in range(count)
    )


ARTICLES = {
    "alpha.txt": (
        "Alpha reports Tehran's call\n"
        + filler("Alpha", 3)
        + '\nThe spokesman said "Tehran has called for an emergency meeting of the Organization of Islamic Cooperation" on Monday.\n'
        + filler("Alpha-mid", 25)
        + "\nAnyone who threatens the Islamic Republic of Iran should know that any foolish action will be met with a devastating response.\n"
        + filler("Alpha-end", 10)
    ),
    "bravo.txt": (
        "Bravo on the ministers\n"
        + filler("Bravo", 30)
        + '\nOfficials said Tehran had called for a special meeting of the Organization of Islamic Cooperation this week.\n'
        + filler("Bravo-mid", 6)
        + "\nAnyone who threatens the Islamic Republic of Iran should know that any foolish action will be met with a devastating response.\n"
        + filler("Bravo-end", 3)
    ),
    "charlie.txt": (
        "Charlie: regional reaction\n"
        + filler("Charlie", 12)
        + "\nAnyone who threatens the Islamic Republic should know that foolish action will be met with a crushing response.\n"
        + filler("Charlie-end", 20)
    ),
}

PHRASES = {
    "g-meeting": (
        GroupKind.NEAR,
        82.0,
        {
            "alpha": "Tehran has called for an emergency meeting of the Organization of Islamic Cooperation",
            "bravo": "Tehran had called for a special meeting of the Organization of Islamic Cooperation",
        },
    ),
    "g-threat": (
        GroupKind.QUOTE,
        91.0,
        {
            "alpha": "Anyone who threatens the Islamic Republic of Iran should know that any foolish action will be met with a devastating response",
            "bravo": "Anyone who threatens the Islamic Republic of Iran should know that any foolish action will be met with a devastating response",
            "charlie": "Anyone who threatens the Islamic Republic should know that foolish action will be met with a crushing response",
        },
    ),
}


def build_groups(documents: Sequence[Document]) -> tuple[Group, ...]:
    """The hand-built groups, located in the documents as loaded."""
    by_id = {d.id: d for d in documents}
    groups = []
    for group_id, (kind, score, phrases) in PHRASES.items():
        spans = []
        for doc_id, phrase in phrases.items():
            if doc_id in by_id:
                start = by_id[doc_id].text.index(phrase)
                spans.append(Span(doc_id, start, start + len(phrase)))
        if len(spans) > 1:
            groups.append(Group(group_id, kind, score, tuple(spans)))
    return tuple(groups)


def hand_aligner(documents: Sequence[Document], *, progress: Callable[[float], None], cancelled: Callable[[], bool]) -> tuple[Group, ...]:
    """Stands in for the aligner in tests: reports progress, returns the hand-built groups."""
    progress(0.5)
    progress(1.0)
    return build_groups(documents)


@dataclass
class Setup:
    """What a test needs to build and inspect the app."""

    corpus_dir: Path
    store_path: Path
    config_dir: Path

    def corpus(self) -> Corpus:
        return load_corpus([self.corpus_dir])

    def app(self) -> ParallaxApp:
        app = make_app(self.corpus_dir, self.store_path, aligner=hand_aligner)
        app.animation_level = "none"
        return app


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    for name, text in ARTICLES.items():
        (corpus_dir / name).write_text(text, encoding="utf-8")
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return Setup(corpus_dir, tmp_path / "store" / "annotations.json", config)


@pytest.fixture
def sample_app(tmp_path: Path, sample_corpus_path: Path, monkeypatch: pytest.MonkeyPatch) -> ParallaxApp:
    """The app on a copy of the sample corpus (the real aligner), its store in tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus_path, corpus)
    app = make_app(corpus, tmp_path / "store" / "annotations.json")
    app.animation_level = "none"
    return app
