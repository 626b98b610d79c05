"""Voices: who is quoted across the corpus, under one name however each article writes it.

Stages, each a plain function over plain data:

1. every article's quotations (:func:`reader.core.align.quotes.find_quotations`) with the
   speaker as the article names them (:func:`.attribution.attribute` adds subjects and
   pronouns the quotation finder leaves open);
2. the names resolved across the corpus (:func:`resolve_speakers`): one person however spelt
   (``Hossein Amir-Abdollahian`` / ``Amirabdollahian`` / ``Abdollahian``), a title used alone
   (``Iran's foreign minister``, ``the Iranian president``) given to the one person the corpus
   gives that title to, bodies (``Hamas``, ``Iran's UN mission``) kept as they are;
3. each speaker's quotations grouped when several articles carry the same one
   (:func:`find_voices`), with whether the wording differs and, given the aligner's groups, the
   group that holds it (for the variants view).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.align.quotes import find_quotations
from reader.core.models import Document, Group
from reader.core.voices.attribution import attribute
from reader.core.voices.names import clean, parse, role_key, same_person, surname_key, titled_names
from reader.core.voices.quotes import Said, VoiceQuote, group_of, group_quotes

__all__ = ["Said", "Speaker", "VoiceQuote", "find_voices", "link_groups", "resolve_speakers"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person (or body) quoted in the corpus."""

    id: str
    name: str
    """The fullest name the articles give (``Hossein Amir-Abdollahian``)."""
    names: tuple[str, ...]
    """Every way the articles name them, as written (``Amirabdollahian``, ``Iran's foreign
    minister``, ``he``)."""
    quotes: tuple[VoiceQuote, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The articles that quote them, each once."""
        return tuple(dict.fromkeys(s.doc for q in self.quotes for s in q.spans))


def find_voices(documents: Sequence[Document], groups: Sequence[Group] = (),
                progress: Callable[[int, int], None] | None = None) -> list[Speaker]:
    """Every speaker quoted in ``documents`` with their quotations, most quoted first.

    ``groups`` (the aligner's, optional) link a quotation carried by several articles to the
    group that holds it. ``progress(done, total)`` is called after each article."""
    said: list[Said] = []
    titled: list[tuple[str, str]] = []
    read: dict[str, tuple[list[tuple[int, int, str | None, str, str | None]], list[tuple[str, str]]]] = {}
    for done, document in enumerate(documents, 1):
        text = document.text
        found = read.get(text)  # an article whose text another one has is read once
        if found is None:
            found = read[text] = _quotations(text)
        for start, end, name, words, written in found[0]:
            said.append(Said(document.id, start, end, name, words, written))
        titled.extend(found[1])
        if progress is not None:
            progress(done, len(documents))
    people = resolve_speakers([s.name for s in said], titled)
    by_person: dict[str, list[Said]] = defaultdict(list)
    for item in said:
        key = people.get(item.name or "")
        if key is not None:
            by_person[key].append(item)
    speakers = []
    for key, items in by_person.items():
        names = tuple(dict.fromkeys(n for s in items for n in (s.name, s.said_as) if n))
        quotes = group_quotes(items, groups)
        speakers.append((key, names, quotes))
    speakers.sort(key=lambda s: (-len({x.doc for q in s[2] for x in q.spans}), -len(s[2]), s[0].lower()))
    return [
        Speaker(f"s{n}", key, names, tuple(VoiceQuote(f"s{n}q{m}", q.spans, q.same_wording, q.group)
                                         for m, q in enumerate(quotes, 1)))
        for n, (key, names, quotes) in enumerate(speakers, 1)
    ]


def _quotations(text: str) -> tuple[list[tuple[int, int, str | None, str, str | None]], list[tuple[str, str]]]:
    """One article's quotations as ``(start, end, speaker, words, speaker as written)`` and
    its "<title> <Name>" pairs."""
    quotes = find_quotations(text)
    if not quotes:
        return [], []
    said = [(q.start, q.end, clean(name), text[q.start : q.end], clean(written))
            for q, (written, name) in zip(quotes, attribute(text, quotes))]
    return said, titled_names(text)


def link_groups(speakers: Sequence[Speaker], groups: Sequence[Group]) -> list[Speaker]:
    """``speakers`` with each quotation carried by several articles tied to the aligner's group
    that holds it (for when the groups arrive after the voices, as in the app)."""
    spans_by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for group in groups:
        for span in group.spans:
            spans_by_doc.setdefault(span.doc, []).append((span.start, span.end, group.id))
    return [
        Speaker(s.id, s.name, s.names, tuple(
            VoiceQuote(q.id, q.spans, q.same_wording, group_of(q.spans, spans_by_doc) if len(q.doc_ids) > 1 else None)
            for q in s.quotes))
        for s in speakers
    ]


def resolve_speakers(names: Sequence[str | None], titled: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """Map each speaker name as written to the name of the person (or body) it stands for.

    ``titled`` are the "<title> <Name>" pairs the articles contain (``Iranian President`` /
    ``Ebrahim Raisi``): a title written alone goes to the one person the corpus gives it to
    (two people with one title, it stays as written). Names without a person or title in them
    (``Iran``, ``Hamas``) are bodies and stay as they are."""
    parsed = {n: parse(n) for n in dict.fromkeys(n for n in names if n)}
    persons: list[list[str]] = []  # clusters of person names (no titles)
    for name in sorted({p.name for p in parsed.values() if p.name and p.title} | {p.name for p in parsed.values() if p.name} | {n for _, n in titled},
                       key=lambda n: (-len(n.split()), -len(n), n)):
        for cluster in persons:
            if any(same_person(name, other) for other in cluster):
                cluster.append(name)
                break
        else:
            persons.append([name])
    canonical = {}
    for cluster in persons:
        full = max(cluster, key=lambda n: (len(n.split()), len(n)))
        for name in cluster:
            canonical[name] = full
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for title, name in dict.fromkeys([*titled, *((p.title, p.name) for p in parsed.values() if p.title and p.name)]):
        key = role_key(title)
        if key is not None and key[0]:
            roles[key].add(canonical.get(name, name))
    out = {}
    for written, p in parsed.items():
        if p.pronoun:
            continue  # an unresolved "he": nobody to give it to
        if p.name:
            out[written] = canonical.get(p.name, p.name) if p.title or _is_person_name(p.name, canonical) else p.name
            continue
        key = role_key(p.title)
        holders = roles.get(key, set()) if key else set()
        out[written] = next(iter(holders)) if len(holders) == 1 else p.title
    return out


def _is_person_name(name: str, canonical: dict[str, str]) -> bool:
    """Whether ``name`` was matched to a person (a body's name maps to itself)."""
    return name in canonical and surname_key(name) != ""
