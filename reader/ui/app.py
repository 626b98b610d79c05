"""The Parallax app: themes, settings and the reading screen; :func:`make_app` builds it with its
:class:`~reader.workspace.Workspace` (the corpus and its store), held as ``app.workspace``."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.theme import Theme

from reader.core.models import Corpus
from reader.core.paths import corpus_folder
from reader.ui.actions import ACTIONS, APP
from reader.ui.commands import ParallaxCommands
from reader.ui.frame_hold import paint_pending
from reader.ui.heap import IdleCollector
from reader.ui.screens.reading import ReadingScreen
from reader.ui.settings import Settings, load_settings, save_settings
from reader.ui.themes import DEFAULT_THEME, load_themes, stylesheet_paths
from reader.workspace import Workspace
from reader.ui.widgets.aligner import AlignFunction


def screenshot_folder() -> Path:
    """Where screenshots go: ``~/Downloads`` when it is a folder, else the current folder."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.cwd()


class ParallaxApp(App[None]):
    """Several articles side by side, their shared passages aligned."""

    TITLE = "Parallax"
    CSS_PATH = stylesheet_paths()
    COMMANDS = {ParallaxCommands}
    """The palette's one provider: the registry's actions, the tag set, Parallax's themes."""
    BINDINGS = ACTIONS.bindings(APP)

    def __init__(self, workspace: Workspace, aligner: AlignFunction | None = None) -> None:
        themes = load_themes()
        default = next((t for t in themes if t.name == DEFAULT_THEME), themes[0])
        self._variable_defaults = dict(default.variables)
        super().__init__()
        self.workspace = workspace
        """The corpus being read and its annotation store (its store calls block: run them in
        workers)."""
        self._aligner = aligner
        self.collector = IdleCollector()
        """Runs Python's full garbage collections when no key is arriving (see
        :mod:`reader.ui.heap`)."""
        for theme in themes:
            self.register_theme(theme)
        self.settings: Settings = load_settings()
        """Remembered between runs (the theme)."""
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else DEFAULT_THEME

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Parallax's highlight colours for themes that do not declare them (Textual's own)."""
        return self._variable_defaults

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(self.collector.idle / 3, self.collector.tick, name="idle collector")
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(ReadingScreen(self._aligner))

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input()
        if isinstance(event, events.Key) and self.collector.running:
            # No garbage collection in the key's handling and paint: they run once it is
            # painted (see reader.ui.heap).
            self.collector.hold()
            self.call_after_refresh(self._release_collections)
        await super().on_event(event)

    def _release_collections(self) -> None:
        """Called after a refresh once a key was handled: the collections held for it may run once
        the screen has painted what it changed (the updates not held, nothing left to paint),
        else a frame later (the collector's tick ends a hold that lasts too long)."""
        if not self.collector.holding:
            return  # (released already: by an earlier key's call, or by the collector's tick)
        if paint_pending(self.screen):
            self.set_timer(1 / 60, self._release_collections, name="collections held")
        else:
            self.collector.release()

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings = self.settings.with_theme(theme.name)
            error = save_settings(self.settings)
            if error:
                self.notify(error, severity="warning", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return ACTIONS.check(APP, self, action, parameters)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen in :func:`screenshot_folder` (or ``path``), and say
        where."""
        folder = Path(path) if path else screenshot_folder()
        try:
            saved = self.save_screenshot(filename, str(folder))
        except OSError as error:
            self.notify(f"Screenshot not saved in {folder}: {error.strerror or error}", severity="error", markup=False)
        else:
            self.notify(saved, title="Screenshot saved", markup=False)

    def action_help(self) -> None:
        """Show every key."""
        from reader.ui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            reading = next((s for s in self.screen_stack if isinstance(s, ReadingScreen)), None)
            self.push_screen(HelpScreen(tagset=reading.tagset if reading is not None else None))


def make_app(
    corpus_path: Path | str,
    store_path: Path | str | None = None,
    *,
    corpus: Corpus | None = None,
    aligner: AlignFunction | None = None,
) -> ParallaxApp:
    """The app for the corpus at ``corpus_path`` (a folder or one file) and its workspace;
    ``corpus`` when it is already loaded; ``store_path`` defaults to the corpus's store
    (``<corpus folder>/.parallax/annotations.json``, the folder resolved); ``aligner`` replaces
    :func:`reader.core.align.align` (tests use hand-built groups)."""
    corpus_path = Path(corpus_path)
    if corpus is None:
        from reader.core.corpus import load_corpus

        corpus = load_corpus([corpus_path])
    return ParallaxApp(Workspace(corpus, corpus_folder(corpus_path).resolve(), store_path), aligner)
