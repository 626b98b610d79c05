"""The reading room on the hostile folder, run for real in a pseudo-terminal: it starts, shows every
article that loads, and no planted escape sequence, C1 control or bidi control reaches the terminal."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from tests.hostile.generate import LEAK_MARKERS, OSC52, Planted, build, find_leaks
from tests.hostile.pty_harness import Step, run_in_pty

ROOT = Path(__file__).resolve().parents[2]


def test_harness_captures_raw_bytes_and_finds_leaks() -> None:
    """The harness itself: a program that writes planted sequences raw is caught."""
    script = textwrap.dedent(
        f"""
        import sys, tty
        tty.setraw(0)
        sys.stdout.write("READY " + {OSC52!r} + "\\u202e\\u009b")
        sys.stdout.flush()
        key = sys.stdin.read(1)
        sys.stdout.write("got " + key)
        sys.stdout.flush()
        """
    )
    run = run_in_pty([sys.executable, "-c", script], wait_for=[b"READY"], settle=0.2, timeout=10)
    assert run.ready and run.alive_before_keys
    assert "READY" in run.screens[0]
    assert run.exit_code == 0
    assert run.output.endswith(b"got q")
    leaks = find_leaks(run.output)
    assert repr(LEAK_MARKERS[0]) in leaks and "bidi U+202E" in leaks and "C1 U+009B" in leaks


def test_harness_reports_a_program_that_ignores_keys() -> None:
    script = "import time, sys; print('READY', flush=True); time.sleep(60)"
    run = run_in_pty([sys.executable, "-c", script], wait_for=[b"READY"], settle=0.1, quit_timeout=0.5)
    assert run.ready and run.alive_before_keys and run.exit_code is None
    assert find_leaks(run.output) == []


def _marker(item: Planted) -> str:
    """What shows on screen when the article is in view: its title word (the symlink repeats its
    target's title, so its file name)."""
    return "link-inside.txt" if item.name == "link-inside.txt" else item.title


def _hostile_annotations(folder: Path, store_path: Path) -> None:
    """Annotations whose notes and tags carry escape sequences, bidi controls and markup."""
    from dataclasses import replace

    from reader.core.annotate import new_annotation
    from reader.core.corpus import load_corpus
    from reader.core.store import AnnotationStore

    documents = [d for d in load_corpus([folder]).documents if d.id.startswith("text-")][:3]
    store = AnnotationStore.open(store_path)
    try:
        for n, doc in enumerate(documents):
            note = f"HOSTILENOTE {n} {OSC52} \x1b]0;PWNED-NOTE\x07 \u202e[@click=app.quit]x[/]\nline two"
            tags = [f"\x1b[41mPWNED-TAG{n}", "[bold]markup[/bold]", "\u009b31m"]
            # Tags like these can no longer be made, but a store written by an older Parallax
            # may hold them: they are kept and shown, inert.
            store.add(replace(new_annotation(doc, 0, min(30, len(doc.text)), note=note), tags=tuple(tags)))
    finally:
        store.close()


VARIANTS = "Compared with the first article"
"""On screen while the variants view is open (its legend)."""
SEARCH = "Search every article"
"""The search dialog's empty input."""
SEARCH_COUNT = " hits in "
"""The search dialog's count of hits, shown while it is open."""
HELP = "Parallax — keys"
"""The help screen's title."""
PALETTE = "\U0001f50e"
"""The command palette's search icon, on screen while it is open."""
PALETTE_EMPTY = "Search for commands"
"""The command palette's empty input."""
FIGURES = "figures given by several articles"
"""The figures panel's header, once the figures are read."""
VOICES = "quotations   enter: show"
"""The voices panel's header, once the voices are read."""


@pytest.mark.slow
def test_reading_room_on_the_hostile_folder(tmp_path: Path, hostile_folder: Path, planted: list[Planted]) -> None:
    loadable = sorted(
        (p for p in planted if p.loads or (p.expect == "either" and os.geteuid() == 0)),
        key=lambda p: p.name,
    )
    count = f"{len(loadable)} articles"
    store = tmp_path / "store.json"
    _hostile_annotations(hostile_folder, store)
    steps = [Step(until=lambda screen: count in screen, seconds=30)]
    # Walk the focus across the articles ("l", again every 0.3 s) until each one is drawn. Four
    # columns fit, so a press or two of lag never skips one.
    steps += [
        Step(keys=b"l", until=lambda screen, m=_marker(p): m in screen, seconds=15, every=0.3) for p in loadable
    ]
    # Then the other views that show article text: match list, next groups, variants, search
    # (its hits show the planted sequences, made visible), notes, help, command palette. Every
    # view is waited for, and so is its closing: a terminal cannot tell Escape from the start of
    # an escape sequence, so an Escape followed closely by the next key (a busy machine delays
    # reading them) arrives as alt+key and the view stays open.
    searched = "\u241b[38;2;1;2;3mPWNED-COLOUR"
    first_view = len(steps)
    steps += [
        Step(keys=b"m", seconds=0.7),
        Step(keys=b"n", seconds=0.5),
        Step(keys=b"n", seconds=0.5),
        Step(keys=b"n", seconds=0.5),
        Step(keys=b"c", until=lambda screen: VARIANTS in screen, seconds=10),
        Step(keys=b"\x1b", until=lambda screen: VARIANTS not in screen, seconds=10),
        Step(keys=b"/", until=lambda screen: SEARCH in screen, seconds=10),
        # The hits are listed before their count: wait for both, so that the count's going away
        # below means the dialog closed (not that it had not been counted yet).
        Step(keys=b"PWNED", until=lambda screen: searched in screen and SEARCH_COUNT in screen, seconds=15),
        Step(keys=b"\x1b", until=lambda screen: SEARCH_COUNT not in screen, seconds=10),
        Step(keys=b"a", until=lambda screen: "HOSTILENOTE" in screen, seconds=10),
        Step(keys=b"?", until=lambda screen: HELP in screen, seconds=10),
        Step(keys=b"\x1b", until=lambda screen: HELP not in screen, seconds=10),
        Step(keys=b"\x10", until=lambda screen: PALETTE in screen, seconds=10),  # ctrl+p
        Step(keys=b"PWNED", until=lambda screen: PALETTE_EMPTY not in screen, seconds=10),
        Step(keys=b"\x1b", until=lambda screen: PALETTE not in screen, seconds=10),
        # The figures and voices panels: their rows name hostile files and quote hostile text.
        Step(keys=b"f", until=lambda screen: FIGURES in screen, seconds=30),
        Step(keys=b"\r", seconds=0.7),
        Step(keys=b"f", until=lambda screen: FIGURES not in screen, seconds=10),
        Step(keys=b"s", until=lambda screen: VOICES in screen, seconds=30),
        Step(keys=b"\r", seconds=0.7),
    ]
    run = run_in_pty(
        [sys.executable, "-m", "reader", str(hostile_folder), "--store", str(store)],
        settle=0.5,
        script=steps,
        cwd=str(tmp_path),
    )
    shown = "\n".join(run.screens)
    assert run.steps_met[0], run.screens[-1]
    missing = [p.name for p, met in zip(loadable, run.steps_met[1:]) if not met and _marker(p) not in shown]
    assert missing == [], run.screens[-1]
    unmet = [i - first_view for i, met in enumerate(run.steps_met) if i >= first_view and not met]
    assert unmet == [], (unmet, run.screens[-1])
    assert searched in shown
    assert "HOSTILENOTE" in shown  # the annotations panel showed the hostile notes and tags
    # Markup is text: shown as written, and the planted [@click=app.quit] did not quit the app.
    assert "[bold]bold[/bold]" in shown and "[@click=app.quit]" in shown
    assert run.alive_before_keys
    assert run.exit_code == 0
    # Nothing planted reached the terminal: no OSC 52/8, no title, no planted CSI, no raw C1, no
    # bidi control. Their visible stand-ins did.
    assert find_leaks(run.output) == []
    assert "\u241b]52;c;" in shown or "\u241b]52;c" in run.output.decode("utf-8", "replace")


@pytest.mark.slow
def test_two_megabyte_line_does_not_freeze_the_reading_room(tmp_path: Path) -> None:
    """A 2 MB article on one line: it loads, is drawn, answers G and g, and quits on q (figures
    in benchmarks/longline.py)."""
    folder = tmp_path / "long"
    build(folder, big=False, long_line=True)
    for path in folder.iterdir():  # keep only the long article and two ordinary ones
        if path.name not in ("long-line.txt", "text-ansi.txt", "enc-utf8.txt"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    def drawn(screen: str) -> bool:
        # Aligned too (groups listed in the status line, n offered in the Footer), so nothing
        # arriving later passes for the effect of G or g below.
        return all(text in screen for text in ("LONGLINE", "3 articles", "shared passage", "n Next", "? Help"))

    def long_article_top(screen: str) -> bool:
        """The long article's first line is on its pane's first text row (below title and file)."""
        rows = screen.splitlines()
        return len(rows) > 2 and "LONGLINE article" in rows[2]

    run = run_in_pty(
        [sys.executable, "-m", "reader", str(folder), "--store", str(tmp_path / "store.json")],
        settle=0.2,
        script=[
            Step(until=drawn, seconds=60),
            # The articles are enc-utf8, long-line, text-ansi: one l focuses the long one (its
            # title gets the focused column's mark).
            Step(keys=b"l", until=lambda screen: "\u25ba LONGLINE" in screen, seconds=30),
            Step(keys=b"G", until=lambda screen: not long_article_top(screen), seconds=30),
            Step(keys=b"g", until=long_article_top, seconds=30),
        ],
        quit_timeout=30,
    )
    assert run.steps_met == (True, True, True, True), run.screens[-1]
    assert run.alive_before_keys and run.exit_code == 0
    assert find_leaks(run.output) == []
