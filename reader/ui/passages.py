"""Which shared passages the reading room shows: every group of the alignment, less the hidden
ones unless the reader asks for them (``H``). A group is hidden when a verdict of the reader's is
attached to it ("not a match", "boilerplate": :mod:`reader.core.annotate.verdicts`) or when the
engine hides it (a group with a true ``hidden`` attribute: fragments, groups folded into a
bigger one). Plain data, no widget: the reading screen holds one :class:`Passages`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reader.core.models import Document, Group

if TYPE_CHECKING:  # the verdicts module (the anchoring, rapidfuzz) is imported when first needed
    from reader.core.annotate.verdicts import Placement, Verdict


@dataclass(frozen=True, slots=True)
class Passages:
    """The groups, the verdicts attached to them, and whether hidden groups are shown."""

    all: tuple[Group, ...] = ()
    """Every group of the alignment, in reading order."""
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)
    """The verdict attached to each group that has one (by group id)."""
    orphans: tuple[Verdict, ...] = ()
    """Verdicts no group covers any more (listed, never applied)."""
    group_of: Mapping[str, str | None] = field(default_factory=dict)
    """Each verdict's group id (``None``: an orphan)."""
    show_hidden: bool = False
    """True when hidden groups are shown too."""

    def is_hidden(self, group: Group) -> bool:
        """Whether ``group`` is hidden (a verdict, or the engine hid it)."""
        return group.id in self.verdicts or bool(getattr(group, "hidden", False))

    @property
    def hidden(self) -> tuple[Group, ...]:
        """The hidden groups, in reading order."""
        return tuple(g for g in self.all if self.is_hidden(g))

    @property
    def shown(self) -> tuple[Group, ...]:
        """The groups highlighted and navigated: all with :attr:`show_hidden`, else the others."""
        return self.all if self.show_hidden else tuple(g for g in self.all if not self.is_hidden(g))

    def verdict_of(self, group: Group | None) -> Verdict | None:
        """The verdict attached to ``group``, if any."""
        return None if group is None else self.verdicts.get(group.id)

    def with_verdicts(self, verdicts: Iterable[Verdict], documents: Mapping[str, Document]) -> Passages:
        """These passages with ``verdicts`` attached anew (:func:`attach_verdicts`)."""
        from reader.core.annotate.verdicts import attach_verdicts

        verdicts = tuple(verdicts)
        if not verdicts:
            return replace(self, verdicts={}, orphans=(), group_of={})
        placement: Placement = attach_verdicts(verdicts, self.all, documents)
        orphans = tuple(v for v in verdicts if placement.group_of.get(v.id) is None)
        return replace(self, verdicts=dict(placement.by_group), orphans=orphans, group_of=dict(placement.group_of))


def follow_focus(old: Sequence[Group], index: int | None, new: Sequence[Group]) -> int | None:
    """Where the focus goes when the groups shown change from ``old`` to ``new``: the same group
    if it is still shown, else the first group after it that is (``None`` when there is none)."""
    if index is None or not 0 <= index < len(old):
        return None
    positions = {g.id: n for n, g in enumerate(new)}
    for group in old[index:]:
        if group.id in positions:
            return positions[group.id]
    return None
