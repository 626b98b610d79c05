"""The annotations panel, driven with Pilot: rows, order, marks, keys, clicks and messages."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message

from reader.core.annotate import Annotation, AnchorStatus, Anchored, anchor_all, new_annotation, with_id
from reader.core.corpus import documents_from_texts
from reader.core.models import Document
from reader.ui.widgets.annotations_panel import (
    AnnotationList,
    AnnotationsPanel,
    annotation_row,
    reading_order,
    shorten,
)

TEXTS = {
    "alpha": "Alpha Times\n\nThe minister said the talks were over. Nobody [b]believed[/b] him.\n",
    "beta": "Beta Post\n\nOfficials said \u201cthe talks were over\u201d late on Sunday.\n",
}
DOCS: dict[str, Document] = {d.id: d for d in documents_from_texts(TEXTS)}


def make(doc: str, phrase: str, ident: str, **kwargs: object) -> Annotation:
    document = DOCS[doc]
    start = document.text.index(phrase)
    return with_id(new_annotation(document, start, start + len(phrase), **kwargs), ident)  # type: ignore[arg-type]


def sample() -> tuple[Anchored, ...]:
    annotations = [
        make("beta", "the talks were over", "b1", tags=["quote"]),
        make("alpha", "Nobody [b]believed[/b] him.", "a2", tags=["doubt", "[red]x"], note="Who is nobody?\nCheck."),
        make("alpha", "The minister said", "a1"),
        # Its text is not in the article any more: an orphan.
        replace(make("alpha", "The minister said", "a3"), exact="The president declared", doc_hash="0"),
        # Its article is gone.
        replace(make("beta", "Officials said", "g1", tags=["gone"]), doc="gamma"),
    ]
    return anchor_all(annotations, DOCS.values())


class PanelApp(App[None]):
    """An app with just the panel; records the panel's messages."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield AnnotationsPanel(id="panel")

    def on_mount(self) -> None:
        panel = self.query_one(AnnotationsPanel)
        panel.set_annotations(sample(), DOCS)
        panel.focus()

    def _record(self, message: Message, kind: str) -> None:
        assert isinstance(message, AnnotationsPanel.AnnotationMessage)
        assert message.control is self.query_one(AnnotationsPanel)
        self.messages.append((kind, message.anchored.annotation.id))

    def on_annotations_panel_annotation_selected(self, message: AnnotationsPanel.AnnotationSelected) -> None:
        self._record(message, "selected")

    def on_annotations_panel_edit_requested(self, message: AnnotationsPanel.EditRequested) -> None:
        self._record(message, "edit")

    def on_annotations_panel_delete_requested(self, message: AnnotationsPanel.DeleteRequested) -> None:
        self._record(message, "delete")


def ids(panel: AnnotationsPanel) -> list[str]:
    return [item.annotation.id for item in panel.annotations]


def test_sample_has_each_kind_of_anchor() -> None:
    statuses = {item.annotation.id: item.status for item in sample()}
    assert statuses == {
        "b1": AnchorStatus.EXACT,
        "a2": AnchorStatus.EXACT,
        "a1": AnchorStatus.EXACT,
        "a3": AnchorStatus.ORPHAN,
        "g1": AnchorStatus.ORPHAN,
    }


def test_reading_order_is_article_then_position_then_orphans() -> None:
    ordered = reading_order(sample(), DOCS)
    assert [item.annotation.id for item in ordered] == ["a1", "a2", "a3", "b1", "g1"]


def test_shorten_makes_one_inert_line() -> None:
    assert shorten("a\n\n b\x1b[0m", 50) == "a b\u241b[0m"
    assert shorten("x" * 20, 10) == "x" * 9 + "\u2026"


def test_rows_show_title_tags_snippet_note_and_marks() -> None:
    by_id = {item.annotation.id: item for item in sample()}
    row = str(annotation_row(by_id["a2"], DOCS["alpha"]))
    assert row.splitlines() == [
        "Alpha Times  #doubt #[red]x",
        "\u201cNobody [b]believed[/b] him.\u201d",
        "\u270e Who is nobody? Check.",
    ]
    orphan = str(annotation_row(by_id["a3"], DOCS["alpha"])).splitlines()
    assert orphan == ["orphan Alpha Times", "\u201cThe president declared\u201d"]
    gone = str(annotation_row(by_id["g1"], None)).splitlines()
    assert gone == ["article gone \u00b7 orphan gamma  #gone", "\u201cOfficials said\u201d"]


def test_moved_annotation_is_marked_and_shows_its_current_text() -> None:
    old = make("alpha", "talks were over", "m1")
    edited = Document("alpha", "alpha", "Alpha Times", "Alpha Times\n\nBREAKING. " + DOCS["alpha"].text[13:])
    (item,) = anchor_all([old], [edited])
    assert item.status is AnchorStatus.MOVED
    row = str(annotation_row(item, edited)).splitlines()
    assert row == ["moved Alpha Times", "\u201ctalks were over\u201d"]


async def test_keys_post_messages_for_the_highlighted_annotation() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(AnnotationsPanel)
        assert ids(panel) == ["a1", "a2", "a3", "b1", "g1"]
        assert isinstance(app.focused, AnnotationList)
        assert panel.highlighted is not None and panel.highlighted.annotation.id == "a1"
        await pilot.press("down", "enter", "e", "d")
        await pilot.press("down", "down", "delete")
        await pilot.press("up", "enter")
        await pilot.pause()
    assert app.messages == [
        ("selected", "a2"),
        ("edit", "a2"),
        ("delete", "a2"),
        ("delete", "b1"),
        ("selected", "a3"),
    ]


async def test_orphans_can_be_selected_edited_and_deleted_too() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("end", "enter", "e", "d")
        await pilot.pause()
    assert app.messages == [("selected", "g1"), ("edit", "g1"), ("delete", "g1")]


async def test_click_selects_a_row() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        # Row a1 takes two lines, then a separator line, then a2 starts on the fourth line.
        await pilot.click(AnnotationList, offset=(5, 3))
        await pilot.pause()
    assert app.messages == [("selected", "a2")]


async def test_set_annotations_keeps_the_cursor_on_the_same_annotation() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(AnnotationsPanel)
        await pilot.press("down", "down", "down")
        assert panel.highlighted is not None and panel.highlighted.annotation.id == "b1"
        # a1 deleted, b1 retagged: the cursor follows b1.
        rest = [item for item in sample() if item.annotation.id != "a1"]
        rest = [
            replace(item, annotation=replace(item.annotation, tags=("quote", "new")))
            if item.annotation.id == "b1"
            else item
            for item in rest
        ]
        panel.set_annotations(rest, DOCS)
        await pilot.pause()
        assert ids(panel) == ["a2", "a3", "b1", "g1"]
        assert panel.highlighted is not None and panel.highlighted.annotation.tags == ("quote", "new")
        assert panel.highlight("a3") and not panel.highlight("nope")
        assert panel.highlighted is not None and panel.highlighted.annotation.id == "a3"


async def test_empty_panel_says_so_and_keys_do_nothing() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([], DOCS)
        await pilot.pause()
        assert panel.highlighted is None
        assert panel.query_one("#annotations-empty").display
        assert not panel.option_list.display
        assert panel.check_action("edit", ()) is False
        await pilot.press("e", "d", "enter")
        await pilot.pause()
        panel.set_annotations(sample(), DOCS)
        await pilot.pause()
        assert not panel.query_one("#annotations-empty").display
    assert app.messages == []


async def test_panel_actions_post_the_same_messages_as_the_keys() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.highlight("b1")
        await panel.option_list.run_action("select")  # what enter runs
        await pilot.pause()
        for action in ("edit", "delete"):
            assert panel.check_action(action, ()) is True
            await panel.run_action(action)
        await pilot.pause()
    assert app.messages == [("selected", "b1"), ("edit", "b1"), ("delete", "b1")]


def test_every_binding_has_a_description() -> None:
    bindings = [*AnnotationsPanel.BINDINGS, *AnnotationList.BINDINGS]
    assert len(bindings) == 21
    assert {b.key for b in AnnotationsPanel.BINDINGS} == {
        "e", "d,delete", *"123456789", "k", "K", "o", "slash", "O", "R", "D", "y", "escape",
    }
    assert {b.key for b in AnnotationList.BINDINGS} == {"enter"}
    for binding in bindings:
        assert isinstance(binding, Binding) and binding.description, binding
