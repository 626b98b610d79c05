"""The reader's settings (the theme), remembered in ``$XDG_CONFIG_HOME/parallax/settings.json``.

A missing, unreadable or malformed file gives the defaults; nothing here raises on bad input.
Writes go through a temporary file and ``os.replace`` so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from reader.ui.themes import DEFAULT_THEME


@dataclass(frozen=True, slots=True)
class Settings:
    """What Parallax remembers between runs."""

    theme: str = DEFAULT_THEME
    """The name of the theme last chosen."""

    def with_theme(self, theme: str) -> Settings:
        """A copy with another theme."""
        return replace(self, theme=theme)


def settings_path() -> Path:
    """``$XDG_CONFIG_HOME/parallax/settings.json`` (``~/.config`` when the variable is unset)."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "parallax" / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none (or they cannot be read)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) and theme else DEFAULT_THEME)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write ``settings``; returns a one-line error instead of raising when it cannot."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(settings), handle, indent=2)
                handle.write("\n")
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError as exc:
        return f"could not save settings to {path}: {exc.strerror or exc}"
    return None
