"""Every action of Parallax, declared once: its keys, its Footer label, its help, when it works.

The bindings, the ``check_action`` of each screen and widget, the Footer, the help screen and the
command palette are generated from this list (see :mod:`reader.ui.registry`). To add an action,
declare it here and write its ``action_*`` method on the class that owns the scope::

    ACTIONS.add(
        Action("copy_passage", READING, "y", "Copy", "Copy the focused passage to the clipboard",
               available=lambda screen: screen.focused_group is not None,
               palette=True, title="Copy the focused passage"),
    )

The order of declaration is the Footer's and the help screen's. Predicates receive the owner
(the reading screen for ``READING``, the pane for ``PANE``...) and stay one expression: the
state they read is the owner's public state.
"""

from __future__ import annotations

from textual.widgets import Input

from reader.ui.registry import Action, ActionRegistry, Scope

# Scopes, in the order of the help screen's sections.
READING = Scope("reading screen", "Passages")
"""The reading room (``ReadingScreen``)."""
PANE = Scope("article pane", "Reading")
"""An article's text (``ArticlePane``)."""
ANNOTATION_LIST = Scope("annotation list", "Annotations")
"""The list inside the annotations panel (``AnnotationList``)."""
ANNOTATIONS = Scope("annotations panel", "Annotations")
"""The annotations panel (``AnnotationsPanel``)."""
FIGURES = Scope("figures panel", "Figures and voices")
"""The figures panel (``FiguresPanel``)."""
FIGURE_TABLE = Scope("figures table", "Figures and voices")
"""The table inside the figures panel (``FiguresTable``)."""
VOICES = Scope("voices panel", "Figures and voices")
"""The voices panel (``VoicesPanel``)."""
VOICE_TREE = Scope("voices tree", "Figures and voices")
"""The tree inside the voices panel (``VoicesTree``)."""
APP = Scope("app", "App")
"""Everywhere (``ParallaxApp``)."""
TAG_DIALOG = Scope("tag dialog")
TAG_OPTIONS = Scope("known tags")
TAG_CHOSEN = Scope("chosen tags")
SEARCH = Scope("search dialog")
EXPORT = Scope("export dialog")
TAGSET = Scope("tag set editor")
CHOICE = Scope("choice dialog")
HELP = Scope("help screen")
VARIANTS = Scope("variants view")

ACTIONS = ActionRegistry()
"""The one registry."""

ACTIONS.add(
    # -- the reading room ------------------------------------------------------------------
    Action("next_group", READING, "n,right_square_bracket", "Next", "Jump to the next shared passage in every article",
           available=lambda s: bool(s.groups) or not s.aligned, palette=True, title="Next shared passage", footer_priority=1,
           palette_hint="No shared passages were found."),
    Action("previous_group", READING, "p,left_square_bracket", "Prev", "Jump to the previous shared passage in every article",
           available=lambda s: bool(s.groups) or not s.aligned, palette=True, title="Previous shared passage", footer_priority=1,
           palette_hint="No shared passages were found."),
    Action("variants", READING, "c", "Variants", "Compare the wording of the focused passage across articles, differences marked",
           available=lambda s: s.focused_group is not None, palette=True, title="Variants of the focused passage", footer_priority=2,
           palette_hint="Go to a shared passage first (n)."),
    Action("tag", READING, "t", "Tag", "Tag the selection, or every span of the focused passage",
           available=lambda s: s.store_error is None and (s.focused_group is not None or s.selection is not None),
           palette=True, title="Tag selection or passage", footer_priority=1,
           palette_hint="Select some text (v) or go to a shared passage (n) first."),
    Action("undo", READING, "u", "Undo", "Undo the last annotation change",
           available=lambda s: s.can_undo and s.store_error is None, palette=True, footer_priority=3,
           palette_hint="Nothing to undo yet."),
    Action("redo", READING, "ctrl+r", "Redo", "Make the last undone annotation change again",
           available=lambda s: s.can_redo and s.store_error is None, palette=True,
           palette_hint="Nothing undone to redo."),
    *(
        Action(f"apply_tag_{n}", READING, str(n), f"Tag {n}",
               f"Apply tag {n} of the tag set to the selection, or to every span of the focused passage; then go on",
               run=f"apply_tag({n})", available=lambda s, n=n: s.can_apply(n), footer=False, in_help=False)
        for n in range(1, 10)
    ),
    Action("toggle_advance", READING, "full_stop", "Advance",
           "Whether a number key goes on to the next passage after tagging (on at start; the status line says which)",
           footer=False, palette=True, title="Toggle going on after a number key"),
    Action("verdict", READING, "exclamation_mark", "Verdict",
           "Mark the focused passage as not a match or as boilerplate: it is hidden from then on",
           available=lambda s: s.verdict_group is not None and s.store_error is None,
           palette=True, title="Verdict on the focused passage",
           palette_hint="Go to a shared passage first (n)."),
    Action("toggle_hidden", READING, "H", "Hidden",
           "Show or hide the hidden groups: those with a verdict, and those the engine folds or hides as noise",
           available=lambda s: bool(s.passages.hidden) or s.passages.show_hidden, palette=True,
           title="Show hidden groups",
           palette_hint="No group is hidden."),
    Action("copy_quote", READING, "y", "Copy",
           "Copy the selection, or the focused passage in this article, with its citation (title, outlet, date)",
           available=lambda s: s.selection is not None or s.focused_group is not None, palette=True,
           title="Copy quote with citation", footer_priority=2,
           palette_hint="Select some text (v) or go to a shared passage (n) first."),
    Action("edit_tagset", READING, "T", "Tag set", "Edit the tag set: the tags the keys 1-9 apply, in order",
           available=lambda s: s.store_error is None, footer=False, palette=True, title="Edit the tag set",
           palette_hint="The annotation store cannot be used."),
    Action("search", READING, "slash", "Search", "Search every article (fuzzy)", palette=True, title="Search articles", footer_priority=2),
    Action("zoom", READING, "z", "Zoom", "Show the focused article at full width (again: all articles)",
           palette=True, title="Zoom the focused article"),
    Action("toggle_matches", READING, "m", "Matches", "Show or hide the list of shared passages",
           palette=True, title="Toggle match list", footer_priority=3),
    Action("toggle_annotations", READING, "a", "Notes", "Show or hide the annotations panel",
           palette=True, title="Toggle annotations panel", footer_priority=3),
    Action("toggle_figures", READING, "f", "Figures", "Show or hide the figures several articles give, disagreements first",
           palette=True, title="Toggle figures panel"),
    Action("toggle_voices", READING, "s", "Voices", "Show or hide who is quoted, with the articles that carry each quotation",
           palette=True, title="Toggle voices panel"),
    Action("export", READING, "x", "Export", "Export the tagged spans (jsonl, csv, W3C, Markdown or brat)",
           available=lambda s: bool(s.anchored), palette=True, title="Export tagged spans",
           palette_hint="Nothing to export yet: tag a passage or a selection first (t)."),
    Action("next_article", READING, "l", "Next article", "Focus the article to the right", run="focus_article(1)",
           available=lambda s: len(s.documents) > 1, footer=False, palette=True,
           palette_hint="There is only one article."),
    Action("previous_article", READING, "h", "Previous article", "Focus the article to the left", run="focus_article(-1)",
           available=lambda s: len(s.documents) > 1, footer=False, palette=True,
           palette_hint="There is only one article."),
    Action("clear_search", READING, "escape", "Clear search", "Remove the highlights of the last search",
           available=lambda s: s.search_result is not None, footer=False, palette=True, title="Clear search marks",
           palette_hint="There is no search to clear."),
    # -- an article's text -----------------------------------------------------------------
    Action("pane.word_forward", PANE, "w", "Next word", "Cursor to the start of the next word", footer=False),
    Action("pane.word_back", PANE, "b", "Previous word", "Cursor to the start of this or the previous word", footer=False),
    Action("pane.word_end", PANE, "e", "Word end", "Cursor to the end of the word (a selection ends there)", footer=False),
    Action("pane.sentence_forward", PANE, "right_parenthesis", "Next sentence", "Cursor to the start of the next sentence",
           footer=False),
    Action("pane.sentence_back", PANE, "left_parenthesis", "Previous sentence",
           "Cursor to the start of this or the previous sentence", footer=False),
    Action("pane.char_back", PANE, "left", "Left", "Cursor one character left", footer=False),
    Action("pane.char_forward", PANE, "right", "Right", "Cursor one character right", footer=False),
    Action("pane.line_up", PANE, "up", "Up", "Cursor one screen line up", footer=False),
    Action("pane.line_down", PANE, "down", "Down", "Cursor one screen line down", footer=False),
    Action("pane.page_up", PANE, "pageup", "Page up", "Cursor one screen up", footer=False),
    Action("pane.page_down", PANE, "pagedown,space", "Page down", "Cursor one screen down", footer=False),
    Action("pane.line_start", PANE, "home", "Line start", "Cursor to the start of the screen line", footer=False),
    Action("pane.line_end", PANE, "end", "Line end", "Cursor to the end of the screen line", footer=False),
    Action("pane.text_start", PANE, "g", "Top", "Cursor to the start of the article", footer=False),
    Action("pane.text_end", PANE, "G", "Bottom", "Cursor to the end of the article", footer=False),
    Action("pane.toggle_selection", PANE, "v", "Select",
           "Start a selection at the cursor; again: end it (it stays until tagged, copied or cleared with Esc)",
           palette=True, title="Select: start or end a selection", footer_priority=1),
    Action("pane.clear_selection", PANE, "escape", "Clear selection", "Drop the selection (being made or ended)",
           available=lambda pane: pane.anchor is not None, footer=False),
    # -- the annotations panel -------------------------------------------------------------
    Action("annotations.go_to", ANNOTATION_LIST, "enter", "Go to", "Show the highlighted annotation in its article",
           run="select"),
    Action("annotations.edit", ANNOTATIONS, "e", "Edit", "Edit the tags and note of the highlighted annotation",
           available=lambda panel: panel.highlighted is not None),
    Action("annotations.delete", ANNOTATIONS, "d,delete", "Delete",
           "Delete the highlighted annotation (with its links), or the highlighted verdict",
           available=lambda panel: panel.highlighted is not None or panel.highlighted_verdict is not None),
    *(
        Action(f"annotations.apply_tag_{n}", ANNOTATIONS, str(n), f"Tag {n}",
               f"Add (or remove) tag {n} of the tag set on the highlighted annotation; then go on",
               run=f"apply_tag({n})", available=lambda p, n=n: p.highlighted_annotation is not None and p.tag_at(n) is not None,
               footer=False, in_help=False)
        for n in range(1, 10)
    ),
    Action("annotations.link", ANNOTATIONS, "k", "Link",
           "Link the highlighted annotation to another: pick the other end (enter), then the relation",
           available=lambda panel: panel.highlighted_annotation is not None and not panel.linking,
           palette=True, title="Link the highlighted annotation"),
    Action("annotations.unlink", ANNOTATIONS, "K", "Unlink", "Remove a link of the highlighted annotation",
           available=lambda panel: bool(panel.links_here), palette=True, title="Remove a link"),
    Action("annotations.follow_link", ANNOTATIONS, "o", "Follow",
           "Go to the annotation at the other end of a link (again: the next link)",
           available=lambda panel: bool(panel.links_here), palette=True, title="Follow a link"),
    Action("annotations.filter", ANNOTATIONS, "slash", "Filter",
           "Filter by tag:, article:, rel: (a link's relation) or words; enter or escape goes back to the list",
           palette=True, title="Filter the annotations"),
    Action("annotations.sort", ANNOTATIONS, "O", "Order", "List by reading order, article, tag or date (in turn)",
           palette=True, title="Sort the annotations"),
    Action("annotations.retag_all", ANNOTATIONS, "R", "Retag",
           "Add or remove tags on every annotation listed (the filtered set), in one undoable step",
           available=lambda panel: bool(panel.listed), footer=False, palette=True, title="Retag every annotation listed"),
    Action("annotations.delete_all", ANNOTATIONS, "D", "Del all",
           "Delete every annotation listed (the filtered set), after asking; undo brings them back",
           available=lambda panel: bool(panel.listed), footer=False, palette=True, title="Delete every annotation listed"),
    Action("annotations.copy", ANNOTATIONS, "y", "Copy", "Copy the highlighted annotation's text with its citation",
           available=lambda panel: panel.highlighted_annotation is not None, footer=False, palette=True,
           title="Copy the highlighted annotation with its citation"),
    Action("annotations.back", ANNOTATIONS, "escape", "Back", "Stop linking, or leave the filter for the list",
           available=lambda panel: panel.linking or panel.filter_focused),
    # -- the figures and voices panels ------------------------------------------------------
    Action("figures.show", FIGURE_TABLE, "enter", "Show", "Scroll every article to the mentions of the highlighted figure and mark them",
           run="select_cursor"),
    Action("figures.tag", FIGURES, "t", "Tag", "Tag every mention of the highlighted figure",
           available=lambda panel: panel.current is not None),
    Action("voices.show", VOICE_TREE, "enter", "Show", "Scroll every article to the highlighted quotation and mark it (on a speaker: open or close)",
           run="select_cursor"),
    Action("voices.tag", VOICES, "t", "Tag", "Tag the highlighted quotation in every article that carries it",
           available=lambda panel: panel.current is not None),
    # -- everywhere ------------------------------------------------------------------------
    Action("quit", APP, "q", "Quit", "Leave Parallax (annotations are already saved)", palette=True, footer_priority=0),
    Action("help", APP, "question_mark", "Help", "Every key and what it does", palette=True, footer_priority=0),
    Action("screenshot", APP, "", "Screenshot",
           "Save an SVG picture of the screen in ~/Downloads, or in the current folder when there is none",
           footer=False, palette=True),
    Action("command_palette", APP, "ctrl+p", "palette", "Every action and every theme, by name", footer=False,
           priority=True),
    # -- dialogs (their keys are in their own Footer, not in the help screen) ---------------
    Action("tag.save", TAG_DIALOG, "ctrl+s", "Save", "Save the tags and note"),
    Action("tag.edit_tagset", TAG_DIALOG, "ctrl+t", "Tag set", "Edit the tag set (the chosen tags are offered first)",
           available=lambda d: d.tagset_editable),
    Action("tag.cancel", TAG_DIALOG, "escape", "Cancel", "Close without changing anything"),
    Action("tag.next_tag", TAG_DIALOG, "down", "Next tag", "Highlight the next known tag while typing",
           run="move_highlight(1)", available=lambda d: d.focused is d.tag_filter, footer=False),
    Action("tag.previous_tag", TAG_DIALOG, "up", "Previous tag", "Highlight the previous known tag while typing",
           run="move_highlight(-1)", available=lambda d: d.focused is d.tag_filter, footer=False),
    Action("tag_options.toggle", TAG_OPTIONS, "space", "Toggle tag", "Add or remove the highlighted tag", run="select"),
    Action("tag_chosen.remove", TAG_CHOSEN, "delete,backspace,space", "Remove tag", "Remove the highlighted tag",
           run="select"),
    Action("search.cancel", SEARCH, "escape", "Cancel", "Close without jumping"),
    Action("search.next_hit", SEARCH, "down", "Next hit", "Highlight the next hit", run="move(1)", footer=False),
    Action("search.previous_hit", SEARCH, "up", "Previous hit", "Highlight the previous hit", run="move(-1)", footer=False),
    Action("export.export", EXPORT, "ctrl+s", "Export", "Write the export"),
    Action("tagset.save", TAGSET, "ctrl+s", "Save", "Save the tag set"),
    Action("tagset.cancel", TAGSET, "escape", "Cancel", "Close without changing the tag set"),
    Action("choice.cancel", CHOICE, "escape", "Cancel", "Close without choosing"),
    Action("choice.to_list", CHOICE, "down", "To the list", "From the typed line down to the choices",
           available=lambda d: isinstance(d.focused, Input), footer=False),
    Action("export.cancel", EXPORT, "escape", "Cancel", "Close without writing"),
    Action("help.close", HELP, "escape,question_mark,q", "Close", "Back to the articles", run="dismiss"),
    Action("variants.close", VARIANTS, "escape,c,q", "Close", "Back to the articles", run="dismiss"),
)
