"""The words the figures stage reads around a number: stems, the classes of predicates that say
what a figure counts (killed, injured, seized, paid...), and the nouns that are people.

Everything here is about English news prose in general, never about one story: a small stemmer,
demonyms folded onto their country (``Israelis``, ``Israeli``, ``Israel`` -> ``israel``), and
classes of verbs and nouns that newsrooms use interchangeably for the same quantity ("killed",
"dead", "death toll", "lost their lives").
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.numbers import compiled_kernels

__all__ = [
    "AUXILIARIES", "GENERIC_PEOPLE", "QUALIFIERS", "STOP", "predicate_class", "is_person", "sentence_words", "stem",
]

STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    said says say told tells according reported reportedly per cent percent least almost nearly
    approximately around roughly estimated another among since ago last next this year years
    day days week weeks month months time times monday tuesday wednesday thursday friday saturday
    sunday today yesterday tonight mr mrs ms dr while many several much well still even yet
    however later earlier already""".split()
)
"""Words that never say what a figure counts."""

AUXILIARIES = frozenset(
    """have has had been be being were was are is will would could may might also reportedly now
    already so far thus nearly almost reported believed said thought feared confirmed estimated
    officially still""".split()
)
"""Words skipped between a counted noun and its verb (``700 Israelis have been killed``)."""

GENERIC_PEOPLE = frozenset({"people", "person", "persons", "other", "others", "individual", "individuals", "victim", "victims"})
"""Nouns that count people without saying which: compatible with any more specific one."""

_PEOPLE = frozenset(
    """civilian resident inhabitant citizen man men woman women child children kid baby babies
    soldier troop militant fighter gunman gunmen terrorist rebel insurgent hostage captive
    prisoner detainee refugee migrant worker employee staff member officer policeman police
    journalist student patient worshipper protester demonstrator voter fan player passenger
    tourist survivor casualty dead wounded injured missing displaced evacuee operative official
    minister lawmaker""".split()
)

QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at least"), ("no less than", "at least"), ("a minimum of", "at least"),
    ("at least", "at least"), ("more than", "more than"), ("more then", "more than"),
    ("well over", "more than"), ("just over", "more than"), ("upwards of", "more than"),
    ("in excess of", "more than"), ("over", "more than"), ("above", "more than"),
    ("approximately", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("roughly", "about"), ("around", "about"), ("about", "about"), ("some", "about"),
    ("close to", "nearly"), ("nearly", "nearly"), ("almost", "nearly"), ("just under", "nearly"),
    ("as many as", "up to"), ("as much as", "up to"), ("up to", "up to"), ("at most", "up to"),
    ("no more than", "up to"), ("fewer than", "less than"), ("less than", "less than"),
    ("under", "less than"), ("below", "less than"),
)
"""Words before a number that bound it, each with its normal form (longest first per start)."""

QUALIFIERS_AFTER: tuple[tuple[str, str], ...] = (("or more", "at least"), ("or so", "about"), ("-plus", "more than"), ("plus", "more than"))
"""Words after a number that bound it."""

# Predicates (verbs | the nouns made from them) that newsrooms use for the same quantity.
_CLASSES: dict[str, str] = {
    "killed": "kill killed kills killing died die dies perished slain murdered massacred executed drowned "
              "| dead death deaths toll fatal fatality fatalities lives",
    "injured": "injure injured injuring wound wounded wounding hurt hospitalised hospitalized maimed "
               "| injury injuries",
    "seized": "abduct abducted kidnap kidnapped seize seized seizing captured "
                     "| hostage hostages abduction captive captives",
    "fired": "fire fired firing launch launched launching shoot shooting | rocket rockets missile missiles barrage",
    "displaced": "flee fled fleeing evacuate evacuated displace displaced sheltering "
                 "| evacuation shelter refuge refugee refugees homeless",
    "damaged": "damage damaged destroy destroyed destroying collapse collapsed flatten flattened topple "
               "toppled demolish demolished razed | destruction",
    "paid": "buy bought buying acquire acquires acquired acquiring purchase purchased pay pays paid paying offered "
            "| acquisition purchase bid price deal takeover offer",
    "revenue": "earn earns earned | revenue revenues sales turnover earnings income profit",
    "worth": "valued | worth value valuation capitalisation capitalization",
    "funding": "fund funds funded funding finance finances financed financing allocate allocates allocated "
               "donate donated pledge pledged spend spends spent | donation aid grant budget",
    "population": "populated | population inhabitant inhabitants residents home",
    "arrested": "arrest arrested detain detained charged jailed convicted sentenced | arrest arrests",
    "employed": "employ employs employed hire hired | employee employees staff worker workers jobs workforce layoffs",
    "voted": "vote votes voted | voter voters ballot ballots turnout",
    "market share": "| share shares stake proportion market",
    "record": "win wins won | record records loss losses defeat defeats knockout knockouts ko kos bout",
    "magnitude": "measuring | magnitude quake quakes earthquake earthquakes tremor tremors temblor richter aftershock aftershocks",
}
_IRREGULAR = {
    "died": "die", "dies": "die", "dying": "die", "deaths": "death", "lives": "live", "men": "man",
    "women": "woman", "children": "child", "people": "people", "gunmen": "gunman", "fled": "flee",
    "bought": "buy", "paid": "pay", "sold": "sell", "won": "win", "taken": "take", "took": "take",
    "held": "hold", "shot": "shoot", "gave": "give", "spent": "spend", "hit": "hit", "lost": "lost",
    "news": "news", "series": "series", "species": "species", "others": "other", "ko's": "ko", "kos": "ko",
}
_BRITISH = re.compile(r"(?<=[a-z]{3})(?:tre|tres|our|ours|is(?=e|ed|es|ing|ation))$|(?<=[a-z]{3})is(?=e$|ed$|es$|ing$|ation$)")


def _american(match: re.Match[str]) -> str:
    """``kilometres`` -> ``kilometers``, ``labour`` -> ``labor``, ``hospitalised`` -> ``hospitalized``."""
    found = match.group()
    return {"tre": "ter", "tres": "ters", "our": "or", "ours": "ors"}.get(found, "iz")


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "e", "y")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
"""A word as the figures stage reads it (ASCII letters, inner apostrophes and hyphens)."""
_GAP_AND_WORD = re.compile(r"([^A-Za-z]*)(" + WORD.pattern + ")")
"""A word as :data:`WORD` reads it (from a letter), with the text before it."""
_CLAUSE_MARK = re.compile(r"[,;:()\u2013\u2014]| - ")


def sentence_words(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], list[int], list[int]]:
    """The words of ``text[start:end]`` (:data:`WORD`) as ``(start, end, word)``, their starts, and
    where its clause marks stand (a comma, a semicolon, a colon, a bracket, a dash): by a
    compiled kernel when the aligner's are loaded (:func:`reader.core.numbers.compiled_kernels`),
    which finds the same."""
    kernel = compiled_kernels()
    if kernel is not None:
        return kernel.sentence_words(text, start, end)
    words = []  # WORD's matches, each after the text before it (no anchors: as on text[start:end])
    at = start
    for gap, word in _GAP_AND_WORD.findall(text, start, end):
        first = at + len(gap)
        at = first + len(word)
        words.append((first, at, word))
    return words, [w[0] for w in words], [m.start() for m in _CLAUSE_MARK.finditer(text, start, end)]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude but stable stem: ``killed``/``killing``/``kills`` -> ``kill``; demonyms onto their
    country (``Israelis`` -> ``israel``, ``Palestinian`` and ``Palestine`` -> ``palestin``,
    ``Iranian`` -> ``iran``). Only for comparing words, never shown."""
    low = word.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    low = low.strip("'-")
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    low = _BRITISH.sub(_american, low)
    if word[:1].isupper() and len(low) > 4:
        for ending in ("ians", "ian", "is", "i", "ans", "an", "ia", "e", "a", "s"):
            if low.endswith(ending) and len(low) - len(ending) >= 4:
                return low[: -len(ending)]
        return low
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            low = low[: -len(suffix)]
            break
    if len(low) > 3 and low[-1] == low[-2] and low[-1] not in "ls":
        low = low[:-1]  # "stopped" -> "stopp" -> "stop"
    return low


def predicate_class(stemmed: str) -> tuple[str, ...]:
    """The predicate classes a stem belongs to (``kill`` -> ``("killed",)``), or ``()``."""
    return _CLASS_OF.get(stemmed, ())


_CLASS_OF: dict[str, tuple[str, ...]] = {}
for _name, _words in _CLASSES.items():
    for _word in _words.replace("|", " ").split():
        _key = stem(_word)
        if _name not in _CLASS_OF.get(_key, ()):
            _CLASS_OF[_key] = (*_CLASS_OF.get(_key, ()), _name)

_PEOPLE_STEMS = frozenset(stem(w) for w in _PEOPLE) | frozenset(stem(w) for w in GENERIC_PEOPLE)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_PEOPLE)
UNIT_STEMS = frozenset(stem(w) for w in (
    "kilometers kilometres km miles mile meters metres feet foot inches yards tonnes tons kilograms kg "
    "pounds degrees hectares acres liters litres gallons barrels centimeters centimetres"
).split())
"""Units of measure: the same unit says how something is measured, not what."""
"""The stems of :data:`GENERIC_PEOPLE`."""


_VERB_FORMS = frozenset(w for _words in _CLASSES.values() for w in _words.split("|")[0].split())


def is_verb(word: str) -> bool:
    """Whether ``word`` is a verb form of a known predicate (``funds``, ``killed``, ``seizing``),
    not a noun made from one (``death``, ``rockets``)."""
    return word.lower() in _VERB_FORMS


@lru_cache(maxsize=1 << 12)
def is_person(word: str) -> bool:
    """Whether ``word`` (as written) names people: a generic or role noun, or a capitalised plural
    demonym (``Israelis``, ``Palestinians``, ``Americans``)."""
    if stem(word) in _PEOPLE_STEMS:
        return True
    return word[:1].isupper() and word.endswith(("is", "ians", "ans", "ese", "ers")) and len(word) > 4


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the alphabetic words of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
