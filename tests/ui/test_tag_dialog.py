"""The tagging dialog, driven with Pilot: filtering, toggling, creating, saving, cancelling."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList, TextArea

from reader.ui.dialogs.tag import ChosenTags, TagDialog, TagOptions, clean_tag, rank_tags, unique_tags

KNOWN = ["iran", "genocide", "hamas", "general strike", "regional", "agency"]
UNSET = object()


class DialogApp(App[None]):
    """Pushes one TagDialog on mount and keeps what it was dismissed with."""

    BINDINGS = [Binding("q", "quit", "Quit"), Binding("t", "bell", "Tag"), Binding("n", "bell", "Next")]

    def __init__(self, **dialog_args: Any) -> None:
        super().__init__()
        self.dialog_args = dialog_args
        self.result: Any = UNSET

    def compose(self) -> ComposeResult:
        yield Label("underneath")

    def on_mount(self) -> None:
        self.push_screen(TagDialog(**self.dialog_args), self.got)

    def got(self, result: TagDialog.Result | None) -> None:
        self.result = result


def option_texts(dialog: TagDialog, selector: str) -> list[str]:
    options = dialog.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def highlighted_text(dialog: TagDialog) -> str | None:
    option = dialog.tag_options.highlighted_option
    return None if option is None else str(option.prompt)


# -- pure helpers -------------------------------------------------------------------------------


def test_clean_tag_trims_and_collapses_and_keeps_controls_for_the_rule_to_refuse() -> None:
    assert clean_tag("  war   crimes \n") == "war crimes"
    assert clean_tag("a\x1b[31mb\x07") == "a\x1b[31mb\x07"  # never dropped silently
    assert clean_tag(" \t ") == ""


def test_unique_tags_keeps_first_spelling_and_ignores_case() -> None:
    assert unique_tags(["Iran", "iran", " IRAN ", "", "hamas"]) == ["Iran", "hamas"]


def test_rank_tags_puts_prefix_matches_first_then_fuzzy() -> None:
    ranked = rank_tags("gen", KNOWN)
    assert ranked[:2] == ["genocide", "general strike"]  # prefix matches, shortest first
    assert "agency" in ranked[2:]  # 'gen' inside the word, found fuzzily
    assert "hamas" not in ranked
    assert rank_tags("", KNOWN) == KNOWN
    assert rank_tags("GENO", KNOWN)[0] == "genocide"


def test_rank_tags_tolerates_a_typo() -> None:
    assert rank_tags("genocdie", KNOWN)[0] == "genocide"


# -- the dialog ---------------------------------------------------------------------------------


async def test_typing_filters_and_enter_toggles_the_prefix_match() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        assert dialog.focused is dialog.tag_filter
        await pilot.press(*"geno")
        texts = option_texts(dialog, "#tag-options")
        assert texts[0] == "+ new tag geno"
        assert "\u2610 genocide" in texts and "\u2610 hamas" not in texts
        assert highlighted_text(dialog) == "\u2610 genocide"
        await pilot.press("enter")
        assert dialog.chosen == ("genocide",)
        assert dialog.tag_filter.value == ""
        assert option_texts(dialog, "#tag-chosen") == ["\u2715 genocide"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == TagDialog.Result(tags=("genocide",), note="")


async def test_enter_on_unknown_text_creates_a_new_tag() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        await pilot.press(*"propaganda", "enter")
        assert dialog.chosen == ("propaganda",)
        # The new tag is now offered like the known ones, checked.
        assert "\u2611 propaganda" in option_texts(dialog, "#tag-options")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == TagDialog.Result(tags=("propaganda",), note="")


async def test_app_keys_do_not_fire_while_the_dialog_is_open() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        await pilot.press(*"quint", "enter")
        dialog.tag_options.focus()
        await pilot.press("q", "n", "t")
        await pilot.pause()
        assert app.is_running and app.screen is dialog
        assert dialog.chosen == ("quint",)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == TagDialog.Result(tags=("quint",), note="")


async def test_known_tag_typed_in_another_case_is_the_same_tag() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        await pilot.press(*"IRAN")
        assert not any(t.startswith("+ new tag") for t in option_texts(dialog, "#tag-options"))
        await pilot.press("enter")
        assert dialog.chosen == ("iran",)
        await pilot.press(*"Iran", "enter")  # typed again: toggled off
        assert dialog.chosen == ()


async def test_arrows_in_the_filter_move_the_highlight_and_enter_toggles_it() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        assert highlighted_text(dialog) == "\u2610 iran"
        await pilot.press("down", "down", "enter")
        assert dialog.chosen == ("hamas",)
        await pilot.press("up", "enter")
        assert dialog.chosen == ("hamas", "genocide")
        assert dialog.focused is dialog.tag_filter


async def test_space_in_the_list_toggles_and_enter_on_a_chip_removes() -> None:
    app = DialogApp(known_tags=KNOWN, tags=["hamas"])
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        assert "\u2611 hamas" in option_texts(dialog, "#tag-options")
        dialog.tag_options.focus()
        await pilot.press("space")  # iran is highlighted first
        assert dialog.chosen == ("hamas", "iran")
        await pilot.press("space")
        assert dialog.chosen == ("hamas",)
        dialog.chosen_list.focus()
        await pilot.press("enter")
        assert dialog.chosen == ()
        assert option_texts(dialog, "#tag-chosen") == []


async def test_clicking_a_tag_toggles_it() -> None:
    app = DialogApp(known_tags=["alpha", "beta"])
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        await pilot.click("#tag-options", offset=(4, 2))  # the second row, inside the border
        assert dialog.chosen == ("beta",)


async def test_note_and_existing_tags_are_saved() -> None:
    app = DialogApp(known_tags=KNOWN, tags=["iran", "Iran", " "], note="old note")
    async with app.run_test(size=(100, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        assert dialog.chosen == ("iran",)
        note = dialog.query_one("#tag-note", TextArea)
        assert note.text == "old note"
        note.focus()
        await pilot.press("end", *" and more")
        await pilot.click("#tag-save")
        await pilot.pause()
    assert app.result == TagDialog.Result(tags=("iran",), note="old note and more")


async def test_text_left_in_the_filter_is_added_on_save() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press(*"  Hamas  ")
        await pilot.press("ctrl+s")
        await pilot.pause()
    # Spelled as the known tag, since tags compare without case.
    assert app.result == TagDialog.Result(tags=("hamas",), note="")


async def test_escape_cancels_with_none() -> None:
    app = DialogApp(known_tags=KNOWN, tags=["iran"])
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press(*"new", "enter", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, TagDialog)
    assert app.result is None


async def test_cancel_button_cancels() -> None:
    app = DialogApp(known_tags=KNOWN)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.click("#tag-cancel")
        await pilot.pause()
    assert app.result is None


async def test_target_is_shown_as_inert_text_not_markup() -> None:
    hostile = "[b]bold[/b] [@click=app.quit]x[/] \x1b]52;c;aGk=\x07 \u202eevil"
    app = DialogApp(known_tags=["[red]tag[/red]"], target=hostile)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        shown = str(dialog.query_one("#tag-target", Label).render())
        assert "[b]bold[/b]" in shown and "[@click=app.quit]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "\u241b" in shown  # ESC shown as its control picture
        assert option_texts(dialog, "#tag-options") == ["\u2610 [red]tag[/red]"]
        await pilot.press("escape")


def test_every_binding_has_a_description() -> None:
    bindings = [*TagDialog.BINDINGS, *TagOptions.BINDINGS, *ChosenTags.BINDINGS]
    assert len(bindings) == 7
    for binding in bindings:
        assert isinstance(binding, Binding) and binding.description, binding
