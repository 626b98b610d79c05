"""Names written both ways: "North American Free Trade Agreement" and "NAFTA" (or "Nafta").

Outlets spell a name out or abbreviate it as they please, and a claim's sentences then share
no term for it. :func:`with_acronyms` finds, across a corpus, the names of capitalised words
whose initials are a word written elsewhere in it (in capitals, or capitalised: "Nafta"), and
gives each such name one term, the abbreviation's, over the characters of the whole name: for
the claims stage, "Electronic Data Systems" and "EDS" are then the same term, weighed once.
Only names found both ways in the corpus change; the rest of each sentence keeps its terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.align.terms import Unit, term_of
from reader.core.once import per_text

__all__ = ["name_runs", "with_acronyms"]

CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&"})
"""Lower-case words a name may hold ("Organization of Islamic Cooperation"); their initials
count only when the abbreviation has them ("Driving Under the Influence")."""

_RUN = re.compile(r"[A-Z][a-z]+(?:[ \t]+(?:(?:%s)[ \t]+)?[A-Z][a-z]+)+" % "|".join(sorted(CONNECTORS)))
"""Two capitalised words or more, maybe with connectors between them."""
_SHORT = re.compile(r"(?=[A-Z])\b(?:[A-Z]{3,6}|[A-Z][a-z]{2,5})\b")
"""A word that may be an abbreviation: in capitals ("NAFTA") or capitalised ("Nafta"). Its
capital asked for first: the search skips the rest of the text in C."""
_WORD_CHAR = re.compile(r"\w")

MIN_LETTERS = 3
"""Abbreviations of fewer letters ("US", "EU") are left alone: too many names share them."""


_WORD = re.compile(r"\S+")


@per_text
def name_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, set[str]]]:
    """``(start, end, abbreviations)`` of each stretch of a name in ``text[start:end]`` (every
    stretch of a run of capitalised words starting and ending with one: "The North American
    Free Trade Agreement" holds "North American Free Trade Agreement"; of a whole text: read
    once inside :func:`reader.core.once.texts_read_once`). The abbreviations a stretch can
    give: the initials of its capitalised words, and of all its words (of :data:`MIN_LETTERS`
    letters or more), built word by word as the stretch grows."""
    out = []
    for run in _RUN.finditer(text, start, len(text) if end is None else end):
        found = run.group()
        if found.count(" ") + found.count("\t") < MIN_LETTERS - 1:
            continue  # two words: no abbreviation of three letters (most runs: "Prime Minister")
        at = run.start()
        words = [(m.start() + at, m.end() + at) for m in _WORD.finditer(found)]
        # Each word is capitalised or a connector (:data:`_RUN`): its first letter says which.
        firsts = [text[a] for a, _ in words]
        for a, head in enumerate(firsts):
            if not head.isupper():
                continue
            begin = words[a][0]
            caps = every = head
            for k in range(a + 1, len(words)):
                first = firsts[k]
                if first.isupper():
                    caps += first
                    every += first
                    # Two words or more; every has as many letters as caps or more.
                    if len(every) >= MIN_LETTERS:
                        out.append((begin, words[k][1], {caps, every} if len(caps) >= MIN_LETTERS else {every}))
                elif first != "&":
                    every += first.upper()
    return out


def _written_lower(word: str, texts: Sequence[str]) -> bool:
    """Whether one of ``texts`` writes ``word`` (in lower case) as a word of its own. The word
    itself is searched for (quickly, in C: it starts the pattern), then what comes before it."""
    pattern = re.compile(re.escape(word) + r"\b")
    for text in texts:
        for match in pattern.finditer(text):
            at = match.start()
            if at == 0 or _WORD_CHAR.match(text, at - 1) is None:
                return True
    return False


def with_acronyms(texts: Sequence[str], units: Sequence[Unit]) -> list[Unit]:
    """``units`` (sentences of ``texts``), each name written both ways in the corpus (see the
    module) made one term, the abbreviation's; the longest such name where names overlap."""
    runs = [name_runs(text) for text in texts]
    wanted = {a for found in runs for _, _, abbreviations in found for a in abbreviations}
    if not wanted:
        return list(units)
    short = {w for text in texts for w in _SHORT.findall(text)}
    if not short:
        return list(units)
    # A capitalised word is an abbreviation only if the corpus never writes it in lower case:
    # "Nafta", but not "The" (a run such as "Trade Hub Europe" must not become "the"). Asked
    # only of the few words whose abbreviation a name gives.
    used = {w.upper() for w in short if w.upper() in wanted and (w.isupper() or not _written_lower(w.lower(), texts))}
    # The abbreviation's term, as the sentences that write it have it: none for "WHO" or "NOW"
    # (function words), whose names keep their words.
    used = {w for w in used if term_of(w.lower())}
    if not used:
        return list(units)
    names: dict[int, list[tuple[int, int, str]]] = {}
    for d, found in enumerate(runs):
        chosen: list[tuple[int, int, str]] = []
        for start, end, abbreviations in sorted(found, key=lambda r: (r[0] - r[1], r[0])):
            hits = sorted(abbreviations & used)
            if hits and all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, term_of(hits[0].lower())))
        if chosen:
            names[d] = sorted(chosen)
    if not names:
        return list(units)
    return [_renamed(unit, names[unit.doc]) if unit.doc in names else unit for unit in units]


def _renamed(unit: Unit, names: list[tuple[int, int, str]]) -> Unit:
    """``unit`` with the terms inside each of ``names`` (``(start, end, term)``) replaced by
    that one term."""
    inside = [(s, e, t) for s, e, t in names if unit.start <= s and e <= unit.end]
    if not inside:
        return unit
    terms: list[tuple[str, int, int]] = []
    clauses: list[int] = []
    placed: set[int] = set()
    for k, (term, a, b) in enumerate(unit.terms):
        name = next((n for n, (s, e, _) in enumerate(inside) if s <= a and b <= e), None)
        if name is None:
            terms.append((term, a, b))
        elif name not in placed:
            placed.add(name)
            s, e, t = inside[name]
            terms.append((t, s, e))
        else:
            continue
        if unit.clauses:
            clauses.append(unit.clauses[k])
    bag = frozenset(t for t, _, _ in terms)
    return Unit(unit.doc, unit.start, unit.end, tuple(terms), unit.common & bag, bag, tuple(clauses))
