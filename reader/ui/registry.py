"""The action registry: every action of the app declared once, and everything generated from it.

An :class:`Action` says which keys run it, where (its :class:`Scope`: the one screen or widget
class whose ``BINDINGS`` hold it), what the Footer calls it, one sentence of help, when it is
available (a predicate on the screen or widget that owns it), and whether the Footer and the
command palette show it. From the registry come:

- each owner's ``BINDINGS`` (:meth:`ActionRegistry.bindings`; the Footer shows those with
  ``footer=True``, their tooltip is the help sentence);
- each owner's ``check_action`` (:meth:`ActionRegistry.check`: an unavailable action is hidden
  from the Footer and its keys do nothing);
- the help screen's rows (:meth:`ActionRegistry.help_rows`);
- the command palette's commands (``reader.ui.commands``, from :meth:`ActionRegistry.palette`).

The declarations themselves are in :mod:`reader.ui.actions`. Harlequin's ``actions.py`` is the
model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from textual.actions import parse
from textual.binding import Binding

KEY_LABELS = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "escape": "Esc",
    "full_stop": ".",
    "exclamation_mark": "!",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}
"""How a Textual key name is written for people (help screen, palette)."""

FORBIDDEN_KEYS = ("ctrl+m", "ctrl+i", "ctrl+h")
"""Keys a terminal sends as enter, tab and backspace: never bound."""


def key_label(key: str) -> str:
    """``key`` as written for people: ``question_mark`` is ``?``."""
    return KEY_LABELS.get(key, key)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where actions are bound: one screen or widget class (its ``BINDINGS`` and
    ``check_action`` come from the registry), and the help screen section listing them."""

    name: str
    """Short name, used in messages about the registry."""
    section: str | None = None
    """Title of the help screen section (several scopes may share one); ``None``: not listed."""


@dataclass(frozen=True, slots=True)
class Action:
    """One action of the app, declared once."""

    id: str
    """Unique in the registry (also the binding id, so a keymap can rebind it)."""
    scope: Scope
    """Where its keys are bound."""
    keys: str
    """Textual key names, comma separated (``"n,right_square_bracket"``)."""
    description: str
    """What the Footer and the help screen call it (a word or two)."""
    help: str
    """One sentence: the Footer tooltip, the help screen, the palette."""
    run: str = ""
    """The Textual action run (``"focus_article(1)"``, ``"app.bell"``); default: the last part
    of :attr:`id`, which names the owner's ``action_*`` method."""
    available: Callable[[Any], bool] | None = None
    """``available(owner)``: whether it can run now (``None``: always). Unavailable actions are
    hidden from the Footer, their keys do nothing, and the palette says why when chosen."""
    footer: bool = True
    """Shown in the Footer (when available)."""
    footer_priority: int = 5
    """Which keys a Footer short of room keeps: the lower, the longer kept; 0: always (quit and
    help). Every action stays in the help screen and (with ``palette``) the palette."""
    palette: bool = False
    """Offered in the command palette (listed even when unavailable: choosing it then says why)."""
    title: str = ""
    """Its name in the palette (default: :attr:`description`)."""
    palette_hint: str = ""
    """What choosing it in the palette says when it is unavailable (default: a sentence made
    from its help)."""
    priority: bool = False
    """Checked before the focused widget sees the key."""
    in_help: bool = True
    """Listed in the help screen (the keys ``1``-``9`` are not: the help lists the tag set with
    its keys instead)."""
    parsed: tuple[str, str, tuple[object, ...]] = field(init=False, repr=False, compare=False)
    """``(namespace, name, parameters)`` of :attr:`action`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "parsed", parse(self.action))

    @property
    def action(self) -> str:
        """The Textual action string its keys run."""
        return self.run or self.id.rpartition(".")[2]

    @property
    def palette_title(self) -> str:
        """Its name in the palette."""
        return self.title or self.description

    @property
    def key_list(self) -> list[str]:
        """Its keys, one by one."""
        return [key.strip() for key in self.keys.split(",") if key.strip()]

    @property
    def keys_label(self) -> str:
        """Its keys as written for people (``"n, ]"``)."""
        return ", ".join(key_label(key) for key in self.key_list)

    def binding(self) -> Binding:
        """The Textual binding of its keys."""
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.footer,
            tooltip=self.help,
            priority=self.priority,
            id=self.id,
        )

    def is_available(self, owner: object) -> bool:
        """Whether it can run now on ``owner`` (an instance of its scope's class)."""
        return self.available is None or bool(self.available(owner))


class HelpRow(NamedTuple):
    """One line of the help screen."""

    section: str
    keys: str
    description: str
    help: str


class ActionRegistry:
    """The actions of the app, in declaration order (which is the Footer's and the help's)."""

    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}
        self._by_name: dict[tuple[Scope, str], list[Action]] = {}
        """The actions of a scope by the name of the method they run (``check_action`` is
        asked about every binding each time the Footer is worked out: it must be quick)."""
        self._guarded: dict[Scope, list[Action]] = {}
        """The actions of a scope that have a predicate."""

    def add(self, *actions: Action) -> None:
        """Declare ``actions``. Raises :class:`ValueError` on a repeated id, a key bound twice in
        one scope, a palette title used twice, or a key terminals cannot send apart."""
        for action in actions:
            if action.id in self._actions:
                raise ValueError(f"action {action.id!r} is declared twice")
            for key in action.key_list:
                if key in FORBIDDEN_KEYS:
                    raise ValueError(f"action {action.id!r}: {key} arrives as another key in a terminal")
                clash = next((a for a in self.in_scope(action.scope) if key in a.key_list), None)
                if clash is not None:
                    raise ValueError(f"{key} is bound twice in {action.scope.name}: {clash.id} and {action.id}")
            if action.palette and any(a.palette and a.palette_title == action.palette_title for a in self):
                raise ValueError(f"palette title {action.palette_title!r} is used twice")
            self._actions[action.id] = action
        self._index()

    def remove(self, action_id: str) -> None:
        """Forget one action."""
        del self._actions[action_id]
        self._index()

    def _index(self) -> None:
        self._by_name = {}
        self._guarded = {}
        for action in self._actions.values():
            namespace, name, _ = action.parsed
            if not namespace:
                self._by_name.setdefault((action.scope, name), []).append(action)
            if action.available is not None:
                self._guarded.setdefault(action.scope, []).append(action)

    def __iter__(self) -> Iterator[Action]:
        return iter(list(self._actions.values()))

    def __len__(self) -> int:
        return len(self._actions)

    def __getitem__(self, action_id: str) -> Action:
        return self._actions[action_id]

    def in_scope(self, scope: Scope) -> list[Action]:
        """The actions bound in ``scope``, in declaration order."""
        return [action for action in self._actions.values() if action.scope == scope]

    def bindings(self, scope: Scope) -> list[Binding]:
        """The ``BINDINGS`` of the class that owns ``scope``."""
        return [action.binding() for action in self.in_scope(scope) if action.keys]

    def find(self, scope: Scope, name: str, parameters: Sequence[object] = ()) -> Action | None:
        """The action of ``scope`` that runs ``name`` with ``parameters`` (the first one running
        ``name`` if none has exactly those parameters), or ``None``."""
        candidates = self._by_name.get((scope, name))
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        parameters = tuple(parameters)
        return next((a for a in candidates if a.parsed[2] == parameters), candidates[0])

    def check(self, scope: Scope, owner: object, name: str, parameters: Sequence[object]) -> bool:
        """``owner.check_action``: False when the action is declared in ``scope`` and not
        available now; True for everything else (the owner's inherited actions)."""
        action = self.find(scope, name, parameters)
        return action is None or action.is_available(owner)

    def availability(self, scope: Scope, owner: object) -> tuple[bool, ...]:
        """Which of ``scope``'s actions are available now (compare two to know whether the
        Footer must be refreshed)."""
        return tuple(action.is_available(owner) for action in self._guarded.get(scope, ()))

    def palette(self) -> list[Action]:
        """The actions the command palette offers, in declaration order."""
        return [action for action in self._actions.values() if action.palette]

    def help_rows(self) -> list[HelpRow]:
        """Every action of every scope listed in help (keyed, or offered in the palette),
        grouped by section (sections in the order they are first declared)."""
        sections: dict[str, list[HelpRow]] = {}
        for action in self._actions.values():
            section = action.scope.section
            if section is None or not action.in_help or not (action.keys or action.palette):
                continue
            keys = action.keys_label or "ctrl+p"  # an action without keys: from the palette
            sections.setdefault(section, []).append(HelpRow(section, keys, action.description, action.help))
        return [row for rows in sections.values() for row in rows]
