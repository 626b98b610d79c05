"""One tag rule for the command line and the app: ``parallax annotate`` and the tag dialog give
the same tags, and a tag the rule refuses is said in the app, never saved and never dropped
silently."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Label

from reader.cli import main as cli_main
from reader.core.store import AnnotationStore
from reader.ui.dialogs.tag import TagDialog, clean_tag, unique_tags
from tests.ui.conftest import SIZE, Setup, ready, settle

RAW = ["Iran", "iran", " a  b "]
EXPECTED = ("Iran", "a b")


class DialogApp(App[None]):
    """Pushes one TagDialog on mount and keeps what it was saved with."""

    def __init__(self, **dialog_args: Any) -> None:
        super().__init__()
        self.dialog_args = dialog_args
        self.result: TagDialog.Result | None = None

    def compose(self) -> ComposeResult:
        yield Label("underneath")

    def on_mount(self) -> None:
        self.push_screen(TagDialog(**self.dialog_args), self.got)

    def got(self, result: TagDialog.Result | None) -> None:
        self.result = result


async def test_annotate_and_the_dialog_normalise_tags_the_same_way(setup: Setup, capsys) -> None:  # type: ignore[no-untyped-def]
    tag_args = [arg for tag in RAW for arg in ("--tag", tag)]
    status = cli_main(
        ["annotate", str(setup.corpus_dir), "--store", str(setup.store_path), "--doc", "alpha", "--start", "0", "--end", "5", *tag_args]
    )
    assert status == 0, capsys.readouterr().err
    with AnnotationStore.open(setup.store_path) as store:
        (stored,) = store.all()
    assert stored.tags == EXPECTED

    # The dialog, given the same tags (as when editing), and with the last one typed.
    app = DialogApp(known_tags=[], tags=RAW[:2])
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        dialog.tag_filter.value = RAW[2]
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    assert app.result is not None and app.result.tags == EXPECTED == stored.tags
    assert tuple(unique_tags(RAW)) == EXPECTED and clean_tag(RAW[2]) == "a b"


async def test_a_tag_the_rule_refuses_is_said_and_nothing_is_saved(setup: Setup) -> None:
    app = setup.app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        dialog.tag_filter.value = "bad\x1b[31m"  # as a paste would put it there
        await pilot.press("enter")
        assert dialog.chosen == ("bad\x1b[31m",)  # kept as typed (shown inert), not dropped
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("refused" in m and "U+001B" in m and "\x1b" not in m for m in messages), messages
    assert not setup.store_path.exists() or AnnotationStore.open(setup.store_path).all() == ()
