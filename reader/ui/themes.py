"""Parallax's themes: ``themes/parallax-*.tcss`` files read into Textual :class:`Theme` objects.

A theme file holds only variable declarations (``$name: value;``). ``$name`` and ``$dark`` and the
core colours become :class:`Theme` fields; every other variable (the highlight colours
``$hl-*``, the diff colours ``$diff-*``) becomes one of the theme's ``variables``, which
``app.tcss`` uses. The stylesheet itself uses theme variables only.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from textual.theme import Theme

import reader

DEFAULT_THEME = "parallax-dark"
"""The theme used when none was chosen before."""

THEME_PREFIX = "parallax-"
"""Theme files are ``themes/parallax-<name>.tcss``; other ``.tcss`` files there are stylesheets."""

_CORE_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_DECLARATION = re.compile(r"^\s*\$([A-Za-z0-9_-]+)\s*:\s*([^;]+?)\s*;", re.MULTILINE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class ThemeFileError(ValueError):
    """A theme file is missing a field or has a bad value (the message names the file)."""


def themes_dir() -> Path:
    """The folder holding the ``.tcss`` files: the repository's ``themes/`` in a source checkout
    or editable install, the ``reader.themes`` package in a wheel."""
    checkout = Path(reader.__file__).resolve().parent.parent / "themes"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("reader.themes")))


def stylesheet_paths() -> list[Path]:
    """The app's stylesheets: ``app.tcss`` first, then every other ``.tcss`` in the folder that
    is not a theme (e.g. ``dialogs.tcss``), by name."""
    folder = themes_dir()
    others = sorted(
        path
        for path in folder.glob("*.tcss")
        if path.name != "app.tcss" and not path.name.startswith(THEME_PREFIX)
    )
    return [folder / "app.tcss", *others]


def parse_theme(source: str, origin: str = "<theme>") -> Theme:
    """Build a :class:`Theme` from the text of a theme file."""
    values = dict(_DECLARATION.findall(_COMMENT.sub("", source)))
    name = values.pop("name", "").strip()
    if not name:
        raise ThemeFileError(f"{origin}: no $name declared")
    if "primary" not in values:
        raise ThemeFileError(f"{origin}: no $primary colour declared")
    dark = values.pop("dark", "true").strip().lower()
    if dark not in ("true", "false"):
        raise ThemeFileError(f"{origin}: $dark must be true or false, not {dark!r}")
    fields = {key: values.pop(key) for key in _CORE_FIELDS if key in values}
    return Theme(name=name, dark=dark == "true", variables=values, **fields)


def load_themes(folder: Path | None = None) -> tuple[Theme, ...]:
    """Every theme in ``folder`` (default: :func:`themes_dir`), sorted by file name."""
    folder = folder or themes_dir()
    themes = []
    for path in sorted(folder.glob(f"{THEME_PREFIX}*.tcss")):
        themes.append(parse_theme(path.read_text(encoding="utf-8"), str(path)))
    return tuple(themes)
