"""Fixtures of the core tests."""

from __future__ import annotations

import pytest

from reader.core.align import quotes as quotes_module


@pytest.fixture
def speakers_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The start of each quotation whose speaker is looked for (``quotes._speaker`` called), in
    order, from now on in the test."""
    asked: list[int] = []
    real = quotes_module._speaker

    def spy(text, start, end, earlier):  # type: ignore[no-untyped-def]
        asked.append(start)
        return real(text, start, end, earlier)

    monkeypatch.setattr(quotes_module, "_speaker", spy)
    return asked
