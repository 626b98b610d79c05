"""Reading each article once per alignment: what a pure function finds in a whole text, kept
while :func:`texts_read_once` lasts.

Several stages of one alignment read the same articles in the same way (the claims stage's
terms and the figures stage scan every figure; the claims, fold and widening stages split every
article into sentences). A function decorated with :func:`per_text` runs once per text inside
:func:`texts_read_once` and as usual outside it; its results must depend on the text alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

__all__ = ["keep", "per_text", "reading_once", "texts_read_once"]

T = TypeVar("T")

_KEPT: ContextVar[dict[tuple[str, str], list[object]] | None] = ContextVar("texts_read_once", default=None)
"""``(function name, text)`` -> what the function gave for the whole text, inside
:func:`texts_read_once`."""


@contextmanager
def texts_read_once() -> Iterator[None]:
    """Inside it, each :func:`per_text` function reads each whole text once; what was kept is
    let go on leaving (nested uses share the outer one)."""
    if _KEPT.get() is not None:
        yield
        return
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def reading_once() -> bool:
    """Whether :func:`texts_read_once` lasts (a whole text read by a :func:`per_text` function
    is then read once for every stage)."""
    return _KEPT.get() is not None


def per_text(function: Callable[..., list[T]]) -> Callable[..., list[T]]:
    """``function(text, start=0, end=None) -> list``, kept per whole text (called with the
    text alone) inside :func:`texts_read_once`; callers get a fresh list each time."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def read(text: str, start: int = 0, end: int | None = None) -> list[T]:
        kept = _KEPT.get()
        if kept is None or start != 0 or end is not None:
            return function(text, start, end)
        key = (name, text)
        found = kept.get(key)
        if found is None:
            found = kept[key] = function(text, start, end)
        return list(found)  # type: ignore[arg-type]

    read.kept_as = name  # type: ignore[attr-defined]
    return read


def keep(function: Callable[..., list[T]], text: str, found: list[T]) -> None:
    """Keep ``found`` as what the :func:`per_text` ``function`` gives for the whole ``text``
    (read elsewhere: in a pool process), inside :func:`texts_read_once`; nothing outside it."""
    kept = _KEPT.get()
    if kept is not None:
        kept.setdefault((function.kept_as, text), found)  # type: ignore[attr-defined]
