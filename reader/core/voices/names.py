"""Names of speakers: a person's name apart from their title, keys that match the ways news
copy spells one person, and titles ("Iran's foreign minister") tied to the person who holds
them in the corpus.

* :func:`parse` splits what an article calls a speaker into a title (``Iran's Foreign
  Minister``) and a name (``Hossein Amir-Abdollahian``); either may be missing.
* :func:`surname_key` folds a surname for matching: case, hyphens, apostrophes and spaces go,
  so ``Amir-Abdollahian`` and ``Amirabdollahian`` are one key, and ``Abdollahian`` matches it as
  the last part of a compound (:func:`same_person`).
* :func:`role_key` reads a title as (country, office): ``Iran's foreign minister``, ``the
  Iranian Foreign Minister`` and ``Iranian foreign minister`` are all ``("iran", "foreign
  minister")``; :func:`titled_names` finds "<title> <Name>" in an article, so a title used alone
  elsewhere can be resolved to the one person the corpus gives it to.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reader.core.alternation import WholeWords, word_alternation
from reader.core.figures.lexicon import stem

__all__ = ["Parsed", "clean", "parse", "role_key", "same_person", "surname_key", "titled_names", "PRONOUNS"]

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
"""Words that name a speaker only through an earlier one."""

TITLES = frozenset(
    """minister president spokesman spokeswoman spokesperson leader secretary premier prime
    foreign interior defence defense finance supreme ayatollah chief head governor general gen
    commander envoy ambassador official officials director chairman chairwoman chair ceo cfo
    analyst mp senator sen rep representative congressman congresswoman mr mrs ms dr king queen
    emir crown prince princess deputy mayor judge coach manager captain lt col maj sgt colonel
    major lieutenant sergeant admiral counterpart founder president-elect chancellor pope
    cardinal bishop rabbi imam sheikh professor prof spokesmen mission ministry agency office
    state states house council department representative representatives former acting vice
    executive senior top national presidency government administration army military embassy
    media press staff team""".split()
)
"""Words of a title or office (lower case), never part of a person's name."""

_HEAD_TITLES = frozenset(
    """minister president spokesman spokeswoman spokesperson leader secretary premier ayatollah chief
    governor commander envoy ambassador director chairman chairwoman ceo analyst mp senator king
    queen emir prince princess mayor judge coach manager captain counterpart chancellor pope""".split()
)
"""The words a title ends on: where "<title> <Name>" is looked for."""
_HEAD = WholeWords(_HEAD_TITLES)
_ARTICLES = ("the ", "a ", "an ", "his ", "her ", "their ", "its ")
_TITLE_RE = word_alternation(TITLES)
_NAME_WORD = r"[A-Z](?:\.|[\w'\u2019-]*)"
_TITLED = re.compile(
    rf"\b((?:(?:the|his|her|their)[ \t]+)?(?:{_NAME_WORD}(?:'s|\u2019s)?[ \t]+){{0,2}}(?:\b(?i:{_TITLE_RE})[ \t]+){{1,3}})"
    rf"((?:{_NAME_WORD}[ \t]+){{0,2}}{_NAME_WORD})\b"
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A speaker as an article names them."""

    title: str
    """The title or office (``Iran's Foreign Minister``), or ``""``."""
    name: str
    """The person's (or body's) name (``Hossein Amir-Abdollahian``), or ``""``."""
    pronoun: bool = False


_CONNECTORS = frozenset("of the to for from in at and on de al bin von van der la le".split())
_TRAILING = frozenset("also later then again too himself herself statement website post report tweet".split())
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019` "


@lru_cache(maxsize=1 << 12)
def clean(said: str | None) -> str | None:
    """A speaker string as the quotation finder or a sentence gave it, trimmed to the name it
    holds: quotation marks and trailing adverbs off (``'' Smith`` -> ``Smith``, ``Dermer also``
    -> ``Dermer``), cut before the first word that is neither a name, a title nor a connector
    (``Netanyahu displayed what he`` -> ``Netanyahu``, ``Merkel's statement`` -> ``Merkel``);
    ``None`` when nothing of a name is left (``while the government``, ``The statement``)."""
    if said is None:
        return None
    words = " ".join(said.split()).strip(_QUOTE_MARKS).split()
    while words and words[0].lower() in ("but", "and", "so", "yet", "as", "meanwhile", "however"):
        words = words[1:]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return words[0].lower()
    kept: list[str] = []
    for word in words:
        bare = word.lower().strip(",.;:").removesuffix("'s").removesuffix("\u2019s")
        if word[:1].isupper() or bare in TITLES or (kept and bare in _CONNECTORS) or (not kept and bare in ("the", "a", "an")):
            kept.append(word.strip(",;:"))
            continue
        break
    while kept and (kept[-1].lower().strip(".") in _TRAILING or kept[-1].lower() in _CONNECTORS or kept[-1].lower() in ("the", "a", "an")):
        kept.pop()
    if kept and kept[-1].endswith(("'s", "\u2019s")) and len(kept) < len(words):
        kept[-1] = kept[-1][:-2]  # "Merkel's statement" -> "Merkel"
    if not any(w[:1].isupper() and w.lower() not in ("the", "a", "an") or w.lower() in TITLES for w in kept):
        return None
    return " ".join(kept)


@lru_cache(maxsize=1 << 12)
def parse(said: str) -> Parsed:
    """Split ``said`` (``Iran's Foreign Minister Hossein Amir-Abdollahian``) into title and name.

    The name is the run of capitalised words at the end that are not title words; a body that
    speaks (``Hamas``, ``Iran's UN mission``) keeps its whole text as its name when no person is
    named in it."""
    text = " ".join(said.replace("\u2019", "'").split()).strip(" ,.;:")
    if text.lower() in PRONOUNS:
        return Parsed("", "", True)
    for article in _ARTICLES:
        if text.lower().startswith(article):
            text = text[len(article) :]
            break
    words = text.split()
    for i, word in enumerate(words[1:], 1):
        if word in ("of", "in", "from", "at", "for", "to"):
            words = words[:i]  # "Prime Minister Justin Trudeau of Canada", "a spokeswoman in Washington"
            break
    text = " ".join(words)
    cut = len(words)
    while cut > 0:
        word = words[cut - 1]
        bare = word.rstrip(",.").lower().removesuffix("'s")
        if not word[:1].isupper() or bare in TITLES:
            break
        cut -= 1
    name_words = words[cut:]
    title = " ".join(words[:cut])
    if not name_words:
        if any(w.lower() in TITLES for w in words):
            return Parsed(title, "")
        return Parsed("", text)  # a body: "Iran", "Hamas"
    if title and not any(w.lower().removesuffix("'s") in TITLES for w in title.split()):
        # "Iran's UN mission" ends in a title word and was cut above; "Hamas leader Ismail
        # Haniyeh" has one. A title without a title word ("Israeli Prime" aside) is a body's name.
        return Parsed("", text)
    return Parsed(title, " ".join(name_words))


def surname_key(name: str) -> str:
    """The folded last word of a person's name: ``Amir-Abdollahian`` -> ``amirabdollahian``."""
    words = name.split()
    if not words:
        return ""
    return _fold(words[-1])


@lru_cache(maxsize=1 << 12)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if c.isalnum())


def given_key(name: str) -> str:
    """The folded first word of a name with two or more words, else ``""``."""
    words = name.split()
    return _fold(words[0]) if len(words) > 1 else ""


def same_person(a: str, b: str, compounds: frozenset[str] = frozenset()) -> bool:
    """Whether two person names (no titles) name one person: the same folded surname, or one
    the last part of the other's compound (``Abdollahian`` / ``Amir-Abdollahian``, the compound
    being in ``compounds`` or written with a hyphen in ``a`` or ``b``), and given names, when
    both are written, that agree (``Ali`` / ``A.``)."""
    sa, sb = surname_key(a), surname_key(b)
    if not sa or not sb:
        return False
    if sa != sb:
        long, short = (a, b) if len(sa) > len(sb) else (b, a)
        long_key, short_key = max(sa, sb, key=len), min(sa, sb, key=len)
        parts = re.split(r"[-\s]", long.split()[-1])
        if len(short_key) < 5 or not long_key.endswith(short_key):
            return False
        if not (len(parts) > 1 and _fold(parts[-1]) == short_key) and long_key not in compounds:
            return False
    ga, gb = given_key(a), given_key(b)
    if ga and gb and ga != gb and not (ga[0] == gb[0] and (len(ga) == 1 or len(gb) == 1)):
        return False
    return True


def role_key(title: str) -> tuple[str, str] | None:
    """``Iran's foreign minister`` -> ``("iran", "foreign minister")``; ``None`` when ``title``
    holds no office word."""
    words = title.replace("\u2019", "'").split()
    country = ""
    office = []
    for word in words:
        bare = word.lower().removesuffix("'s").strip(",.")
        if bare in ("the", "his", "her", "their", "its", "a", "an"):
            continue
        if bare in TITLES:
            office.append(bare)
        elif word[:1].isupper() and not office and not country:
            country = stem(word.removesuffix("'s"))
    if not office:
        return None
    return country, " ".join(office)


def titled_names(text: str) -> list[tuple[str, str]]:
    """Every "<title> <Name>" in ``text`` (``Iranian President Ebrahim Raisi``, ``his Iraqi
    counterpart Fuad Hussein``) as ``(title, name)``. The pattern is only tried around the title
    words the text holds (found in one pass), not at every character."""
    lower = text.lower()
    if len(lower) != len(text):
        return [pair for _, pair in _titled_in(text, 0, len(text))]
    # One pass over the text: the pattern looks for a-z only (all there is in ASCII); beside
    # another letter ("éminister") a title word is inside a longer word.
    other_letters = not lower.isascii()
    windows = [(max(0, at - 50), min(len(text), after + 50)) for at, after in _HEAD.spans(lower)
               if not (other_letters and ((at > 0 and lower[at - 1].isalpha()) or (after < len(lower) and lower[after].isalpha())))]
    found: dict[int, tuple[str, str]] = {}
    for lo, hi in _merged(windows):
        for start, pair in _titled_in(text, lo, hi):
            found.setdefault(start, pair)
    return [found[k] for k in sorted(found)]


def _titled_in(text: str, lo: int, hi: int) -> list[tuple[int, tuple[str, str]]]:
    out = []
    for match in _TITLED.finditer(text, lo, hi):
        parsed = parse(match.group(1) + match.group(2))
        if parsed.title and parsed.name:
            out.append((match.start(), (parsed.title, parsed.name)))
    return out


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping windows joined, in order."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
