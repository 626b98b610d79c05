"""What the figures of a sentence say about it, for the claims stage.

Two sentences that give the same figure of the same thing ("700 Israelis" / "700 Israelis
have been killed") very likely state one claim: :func:`counted` gives the ``(figure, word)``
pairs of a sentence. Two sentences that give different figures of the same thing ("75
kilometres west" / "135 kilometres from") tell different facts, or disagree more than Parallax
can tell: :func:`conflict` says so from :func:`figure_sets`.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.core.align.terms import Unit

__all__ = [
    "FIGURE", "Figures", "conflict", "counted", "figure_kind", "figure_sets", "same_counted", "small_figure", "telling_figure",
]

FIGURE = ("n:", "%:", "score:", "time:", "date:", "year:", "range:", "vague:")
"""Prefixes of the figure forms (:func:`reader.core.numbers.number_terms`) that count or date."""


class Figures(NamedTuple):
    """What the figures of a sentence say (:func:`figure_sets`), in the tables :func:`conflict`
    reads, built once per sentence."""

    exact: frozenset[str]
    """The figures, in their exact forms."""
    near: frozenset[str]
    """Their coarse forms (``~``-prefixed)."""
    beside: frozenset[str]
    """The content words next to a figure (two terms away at most): what each figure counts."""
    kinds: frozenset[tuple[str, str]]
    """``(kind, word)`` for each of those words (:func:`figure_kind` of the figure it is next to)."""
    by_kind: dict[str, frozenset[str]]
    """Each kind of the figures, with the words next to figures of that kind (maybe none)."""
    dates: tuple[str, ...]
    """The figures of kind ``date`` (dates and years alone)."""


def figure_sets(unit: Unit) -> Figures:
    """A sentence's figures, their coarse forms, the words next to them, and those by kind
    (:class:`Figures`)."""
    exact, near, beside, kinds = set(), set(), set(), set()
    plain = [t for t, _, _ in unit.terms if t[0] != "~"]
    for k, term in enumerate(plain):
        if ":" in term and term.startswith(FIGURE):  # every figure form holds a colon, no word does
            exact.add(term)
            words = [t for t in plain[max(0, k - 2) : k + 3] if ":" not in t or not t.startswith((*FIGURE, "ord:"))]
            beside.update(words)
            kinds.update((figure_kind(term), w) for w in words)
    near.update(t for t, _, _ in unit.terms if t[0] == "~")
    by_kind: dict[str, set[str]] = {figure_kind(f): set() for f in exact}
    for kind, word in kinds:
        by_kind[kind].add(word)
    dates = tuple(f for f in exact if figure_kind(f) == "date")
    return Figures(
        frozenset(exact), frozenset(near), frozenset(beside), frozenset(kinds), {k: frozenset(w) for k, w in by_kind.items()}, dates
    )


def figure_kind(form: str) -> str:
    """What a figure is: ``date`` (a date, or a year alone), ``time``, ``score``, ``%`` (a
    share, or a range of shares) or ``n`` (a count or an amount, a range or a vague one)."""
    head = form[: form.index(":")]
    if head == "year":
        return "date"
    if head == "range":
        return "%" if form.startswith("range:%") else "n"
    if head == "vague":
        return "n"
    return head


def _date_fields(form: str) -> tuple[int | None, int | None, int | None]:
    """``(year, month, day)`` of a date or year form (:func:`reader.core.numbers.number_terms`:
    ``year:2004``, ``date:2004-12`` for "December 2004", ``date:2004-12-10``, ``date:12-10``
    for "December 10"), None where it does not say."""
    body = form[form.index(":") + 1 :]
    try:
        parts = [int(p) for p in body.split("-")]
    except ValueError:
        return None, None, None
    if form.startswith("year:") and len(parts) == 1:
        return parts[0], None, None
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2 and len(body.partition("-")[0]) == 4:
        return parts[0], parts[1], None  # a month of a year
    if len(parts) == 2:
        return None, parts[0], parts[1]  # a day of a month
    return None, None, None


def _same_date(f: str, g: str) -> bool:
    """Whether two date forms can be one date: every field both give agrees ("2002" and "10
    October 2002"; "December 2004" and "10 December 2004"; "May 12" and "2018": nothing to
    compare), not "December 2004" and "10 November 2004"."""
    return all(x is None or y is None or x == y for x, y in zip(_date_fields(f), _date_fields(g)))


def small_figure(form: str) -> bool:
    """Whether a figure is a plain number under 100 (an age, a count, a score: common; "two
    countries" anchors a claim only when the story does not repeat "countries")."""
    try:
        return form.startswith("n:") and float(form[2:]) < 100
    except ValueError:
        return False


def telling_figure(form: str) -> bool:
    """Whether a figure (an exact form) tells one fact by itself, whatever words surround it:
    a date ("May 12"), a time, a score or record ("9-14"), a share, a range, a number of 100
    or more ("$2.8 billion", "168,000"). Not a year alone, nor a number under 100 (an age, a
    distance, a count: "Rahman, 36" / "36 KOs"; "50 miles" / "50 people"), nor a vague one
    ("dozens"): those are said of many things."""
    if form.startswith(("date:", "time:", "score:", "%:", "range:")):
        return True
    return form.startswith("n:") and not small_figure(form)


def counted(unit: Unit) -> frozenset[tuple[str, str]]:
    """``(figure, word)`` for each figure of a sentence and each content word next to it
    (two words on either side for the figure as written, one for a number under 100 and for
    coarse forms): what the figure counts ("700 Israelis", "1,098 yards"; "more than 413
    Palestinians" / "More than 400 Palestinians"; "36 KOs" but not "Rahman, 36")."""
    slots: list[tuple[list[str], str | None]] = []  # (figure forms, or [] with a word)
    for term, start, _ in unit.terms:
        is_figure = ":" in term and (term[0] == "~" or term.startswith(FIGURE) or term.startswith("ord:"))
        if is_figure and slots and slots[-1][1] is None and slots[-1][0] and slots[-1][2] == start:  # type: ignore[misc]
            slots[-1][0].append(term)
        elif is_figure:
            slots.append(([term], None, start))  # type: ignore[arg-type]
        else:
            slots.append(([], term, start))  # type: ignore[arg-type]
    out = set()
    for k, (forms, word, _) in enumerate(slots):  # type: ignore[misc]
        if not forms:
            continue
        exact = [f for f in forms if f[0] != "~" and not f.startswith("ord:")]
        small = all(small_figure(f) for f in exact)
        for reach, wanted in ((1 if small else 2, exact), (1, [f for f in forms if f[0] == "~"])):
            if not wanted:
                continue
            near = [w for _, w, _ in slots[max(0, k - reach) : k + reach + 1] if w is not None]  # type: ignore[misc]
            out.update((form, w) for form in wanted for w in near)
    return frozenset(out)


def conflict(a: Figures, b: Figures, kinds: bool = True) -> bool:
    """Whether two sentences give different figures for the same thing (:func:`figure_sets`):
    both have figures, none equal or close (nor one inside a range of the other), and a word
    counted by a figure in both ("75 kilometres" / "135 kilometres"; "magnitude 6.1" /
    "magnitude 7.6"). Such sentences tell different facts (or disagree so much that Parallax
    cannot tell).

    With ``kinds``, only figures of one kind (:func:`figure_kind`) are compared, each with the
    words next to figures of that kind: a year and a count ("in 2001" / "a 45-7-2 record with 36
    knockouts") never disagree, nor a year alone (or a month of a year: "December 2004") and
    a full date in it."""
    if not (a.exact and b.exact) or a.exact & b.exact or a.near & b.near or not (a.beside & b.beside) or _within(a.exact, b.exact):
        return False
    if not kinds:
        return True
    theirs = b.by_kind
    for kind, words in a.by_kind.items():
        if kind not in theirs or words.isdisjoint(theirs[kind]):
            continue
        if kind == "date" and any(_same_date(f, g) for f in a.dates for g in b.dates):
            continue
        return True
    return False


def same_counted(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> set[tuple[str, str]]:
    """The ``(figure, word)`` pairs (:func:`counted`) two sentences share, a number inside a
    range of the other counting as the same figure ("$ 24 to $ 26 per share" / "$ 25 per
    share")."""
    out = set(a & b)
    if any(f.startswith("range:") for f, _ in (*a, *b)):
        for f, w in a:
            for g, v in b:
                if w == v and f != g and _within(frozenset([f]), frozenset([g])):
                    out.add((f, w))
    return out


def _within(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether a number of one set lies in a range of the other ("$ 24 to $ 26 per share" /
    "the $ 25-per-share price"): the same figure, given loosely."""
    ranges, numbers = [], []
    for form in (*a, *b):
        body = form[6:] if form.startswith("range:") else None
        try:
            if body is not None and not body.startswith("%"):
                low, _, high = body.partition("-")
                ranges.append((form in a, float(low), float(high)))
            elif form.startswith("n:"):
                numbers.append((form in a, float(form[2:])))
        except ValueError:
            continue
    return any(side != other and low <= value <= high for side, low, high in ranges for other, value in numbers)
