"""Grouping figures that count the same thing across articles, and saying whether they agree.

Two mentions in different articles are compared on four kinds of evidence, each kept so that a
group can say why it was made:

* the same dimension (a count, money in one currency, a percentage, a score) — required;
* the counted noun: the same one, or one that names people generally (``people``) beside one that
  names them specifically (``Israelis``); two different specific nouns never match;
* the predicate: the same class (``killed`` / ``death of`` / ``lost their lives``); two different
  known classes (killed / injured) never match;
* the words around them, weighted by rarity (IDF over every mention's sentence) and nearness;
* values within a factor of ten of each other (outlets revise a toll; they do not misreport it
  a hundredfold).

Groups are grown by average linkage, best pairs first, under one constraint that carries most
of the weight: an article gives one figure for one quantity, so a group never holds two
different values from the same article. Candidate pairs come from an index on nouns,
predicates and rare context words, never from all pairs.

Agreement: the non-vague mentions of a group agree when one value is allowed by all of them
(``more than 400`` allows 400-500, so it agrees with 413); vague quantities (``dozens``) are
shown as vague and never make a disagreement on their own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from reader.core.figures.evidence import CONTEXT_GAIN, SLACK, SMALL, THRESHOLD, Evidence, Features, compare, features
from reader.core.figures.lexicon import GENERIC_STEMS, UNIT_STEMS, is_person, predicate_class, stem
from reader.core.figures.model import Mention
from reader.core.numbers import Kind

__all__ = ["FigureGroup", "agrees", "group_mentions", "same_figures"]

_SAME_ARTICLE = 0.6
"""The evidence two mentions of one article need to be in one group (a repeated lead)."""
_STATE_NOUNS = frozenset("dead deaths death toll injured wounded casualties fatalities injuries missing displaced".split())
"""Counted nouns that already say what happened to those counted."""
_SAMPLE = 12
"""Large groups are compared through their first members only (a group grown from one figure
said the same way everywhere has no more to say)."""
_BLOCK_CAP = 30
"""Index keys held by more mentions than this are too common to propose pairs on their own."""


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Mentions in two or more articles that count the same thing."""

    id: str
    what: str
    """What the figures count, in a few words (``Israelis killed``)."""
    agree: bool
    """Whether one value is allowed by every non-vague mention."""
    mentions: tuple[Mention, ...]
    why: str
    """Why these mentions were put together, for the reader."""

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The articles the group occurs in, each once, in mention order."""
        return tuple(dict.fromkeys(m.doc for m in self.mentions))


def group_mentions(mentions: Sequence[Mention], prefix: str = "f") -> list[FigureGroup]:
    """Group ``mentions`` (from every article) into :class:`FigureGroup` s, disagreements first,
    then by how many articles they span."""
    found, evidence = _clusters(mentions)
    groups = []
    for ordered in found:
        sample = ordered[:_SAMPLE]
        groups.append(_group([mentions[i] for i in ordered], [evidence(x, y) for x in sample for y in sample if x < y and mentions[x].doc != mentions[y].doc]))
    groups.sort(key=lambda g: (g.agree, -len(g.doc_ids), g.mentions[0].doc, g.mentions[0].start))
    return [FigureGroup(f"{prefix}{n}", g.what, g.agree, g.mentions, g.why) for n, g in enumerate(groups, 1)]


def same_figures(mentions: Sequence[Mention]) -> list[tuple[Mention, ...]]:
    """The mentions of each group :func:`group_mentions` makes of ``mentions``, in its order,
    without saying what they count or why (what the figure claims read)."""
    found, _ = _clusters(mentions)
    groups = [tuple(mentions[i] for i in ordered) for ordered in found]
    groups.sort(key=lambda g: (agrees(g), -len({m.doc for m in g}), g[0].doc, g[0].start))
    return groups


def _clusters(mentions: Sequence[Mention]) -> tuple[list[list[int]], Callable[[int, int], Evidence | None]]:
    """The groups of :func:`group_mentions` as indices of ``mentions``, each in article and
    offset order (in the order the groups were grown), with the evidence for two of them."""
    if not mentions:
        return [], lambda i, j: None
    kinds, examples = _kinds(mentions)
    idf = _idf(mentions, kinds, examples)
    each = [features(m, *_vector(m, idf)) for m in examples]
    described = [each[kind] for kind in kinds]
    exclusive = _exclusive_nouns(mentions)
    cache: dict[tuple[int, int], Evidence | None] = {}

    def evidence(i: int, j: int) -> Evidence | None:
        """The evidence for mentions ``i`` and ``j`` (of two articles), compared once for each
        pair of distinct mentions (copies of an article give the same)."""
        if i > j:
            i, j = j, i
        key = (kinds[i], kinds[j])
        if key not in cache:
            cache[key] = compare(described[i], described[j], exclusive=exclusive)
        return cache[key]

    cluster_of = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    units: dict[int, dict[str, float]] = {}  # each kind's context words as a unit vector, made when first asked for
    centroid: dict[int, dict[str, float]] = {}  # each group's own, made at its first merge (merges add to it)

    def centroid_of(c: int) -> dict[str, float]:
        """Group ``c``'s centroid (of a mention alone, its kind's unit vector: not to be changed)."""
        found = centroid.get(c)
        if found is None:
            found = units.get(kinds[c])
            if found is None:
                found = units[kinds[c]] = _unit(each[kinds[c]])
        return found

    def merge(a: int, b: int) -> None:
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for x in members[b]:
            cluster_of[x] = a
        members[a].extend(members.pop(b))
        merged = centroid.get(a)
        if merged is None:
            merged = centroid[a] = dict(centroid_of(a))
        for key, weight in centroid_of(b).items():
            merged[key] = merged.get(key, 0.0) + weight
        centroid.pop(b, None)

    # The same figure said the same way (same dimension, noun, predicate, value, qualifier and
    # time anchors), one article each: the evidence is already above the threshold without
    # the words around it, so those groups are made at once, by hashing.
    for bucket in _same_figure_buckets(mentions).values():
        head, seen = bucket[0], {mentions[bucket[0]].doc}
        for i in bucket[1:]:
            found = evidence(head, i) if mentions[i].doc not in seen else None
            if found is not None and found.score >= THRESHOLD:
                seen.add(mentions[i].doc)
                merge(cluster_of[head], cluster_of[i])
    leaders = sorted(members)
    pairs = []
    for i, j in _candidates([mentions[i] for i in leaders], [kinds[i] for i in leaders], idf):
        i, j = leaders[i], leaders[j]
        found = evidence(i, j)
        if found is not None and found.score >= THRESHOLD - SLACK:
            pairs.append((found.score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _ in range(2):  # a second pass takes the merges that groups made possible
        for _, i, j in pairs:
            a, b = cluster_of[i], cluster_of[j]
            if a == b or not _compatible(mentions, described, members[a], members[b]):
                continue
            if _linkage(members[a], members[b], centroid_of(a), centroid_of(b), mentions, evidence) < THRESHOLD:
                continue
            merge(a, b)
    found = []
    for indices in members.values():
        if len({mentions[i].doc for i in indices}) >= 2:
            found.append(sorted(indices, key=lambda i: (mentions[i].doc, mentions[i].start)))
    return found, evidence


def agrees(mentions: Sequence[Mention]) -> bool:
    """Whether one value is allowed by every non-vague mention (scores must be equal)."""
    exact = [m for m in mentions if not m.vague]
    if len(exact) < 2:
        return True
    if exact[0].number.kind is Kind.SCORE:
        return len({m.number.parts for m in exact}) == 1
    return max(m.low for m in exact) <= min(m.high for m in exact) + 1e-9


def _linkage(a: list[int], b: list[int], centroid_a: dict[str, float], centroid_b: dict[str, float],
             mentions: Sequence[Mention], evidence) -> float:
    """The evidence that two groups count the same thing: the pairs' noun, predicate and value
    evidence averaged, the words compared between the groups' centroids (so a group's words
    speak for all its members: "Gaza" in one mention, "Palestinians" in another). A pair that
    rules itself out (another noun, another predicate) rules out the merge."""
    if len(a) == 1 and len(b) == 1:
        found = evidence(a[0], b[0])
        return found.score if found is not None else 0.0
    found = []
    for x in a[:_SAMPLE]:
        for y in b[:_SAMPLE]:
            if mentions[x].doc == mentions[y].doc:
                continue
            pair = evidence(x, y)
            if pair is None:
                return 0.0
            found.append(pair)
    if not found:
        return 0.0
    context = _cosine(centroid_a, centroid_b)
    n = len(found)
    parts = sum([0.2 * e.noun_score + 0.2 * e.verb_score + 0.15 * e.value_score + e.anchor_score for e in found]) / n
    return 0.45 * min(1.0, context * CONTEXT_GAIN) + parts


def _unit(described: Features) -> dict[str, float]:
    norm = described.norm
    return {stem: weight / norm for stem, weight in described.vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum([w * b[s] for s, w in a.items() if s in b])
    norm = math.sqrt(sum([w * w for w in a.values()])) * math.sqrt(sum([w * w for w in b.values()]))
    return dot / norm if norm else 0.0


def _same_figure_buckets(mentions: Sequence[Mention]) -> dict[tuple, list[int]]:
    """Mentions that give the same figure the same way, by signature (small counts, and
    mentions saying neither what they count nor a known predicate, left out: they coincide by
    chance)."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        verb = predicate_class(m.verb_stem or "")[:1]
        if not (m.noun_words or verb) or (m.dimension == "count" and m.high < SMALL):
            continue
        times = tuple(a for a in m.anchors if a.startswith("time:"))
        head = m.noun_words[-1] if m.noun_words else None
        buckets[(m.dimension, head, verb or (m.verb_stem,), m.number.form, m.qualifier, m.owner, times)].append(i)
    return {k: v for k, v in buckets.items() if len(v) > 1}


def _compatible(mentions: Sequence[Mention], described: Sequence[Features], a: list[int], b: list[int]) -> bool:
    """Whether two groups may merge: no article would hold two different values, and two
    mentions of one article in a group must clearly say the same thing (a lead repeated
    further down), not merely give the same number."""
    held = defaultdict(list)
    for i in a:
        held[mentions[i].doc].append(i)
    if len(held) + len(b) > 2 * _SAMPLE and not any(mentions[j].doc in held for j in b):
        return True
    for j in b:
        for i in held.get(mentions[j].doc, ()):
            if mentions[i].number.form != mentions[j].number.form:
                return False
            again = compare(described[i], described[j])
            if again is None or again.score < _SAME_ARTICLE:
                return False
    return True


def _exclusive_nouns(mentions: Sequence[Mention]) -> frozenset[str]:
    """Counted nouns (neither generic nor units) that two or more articles use and every article
    uses for one figure only (vague ones aside): "files" in a story about seized files. Such a
    noun is good evidence that its figures count the same thing."""
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        if m.noun_words and not m.vague:
            head = m.noun_words[-1]
            if head not in GENERIC_STEMS and head not in UNIT_STEMS and not is_person(m.noun or ""):
                values[head][m.doc].add(m.number.form)
    return frozenset(head for head, docs in values.items() if len(docs) >= 2 and all(len(v) == 1 for v in docs.values()))


def _kinds(mentions: Sequence[Mention]) -> tuple[list[int], list[Mention]]:
    """Which kind of mention each is, and one mention of each kind: an article whose text
    another one has (a wire story carried verbatim) gives the same mentions, which share a kind
    and are described and compared once."""
    kinds: list[int] = []
    examples: list[Mention] = []
    found: dict[tuple, int] = {}
    for mention in mentions:
        kind = found.setdefault(mention.content, len(found))
        if kind == len(examples):
            examples.append(mention)
        kinds.append(kind)
    return kinds, examples


def _idf(mentions: Sequence[Mention], kinds: Sequence[int], examples: Sequence[Mention]) -> dict[str, float]:
    """Inverse frequency of every context stem over the mentions' sentences (a sentence's words
    are those around its first mention; ``kinds`` and ``examples`` as :func:`_kinds` gives them)."""
    sentences: dict[tuple[str, tuple[int, int]], int] = {}
    for m, kind in zip(mentions, kinds):
        sentences.setdefault((m.doc, m.sentence), kind)
    seen: dict[str, int] = {}
    for kind, count in Counter(sentences.values()).items():
        for key, _, _ in examples[kind].context:
            seen[key] = seen.get(key, 0) + count
    total = len(sentences)
    return {stem: max(0.05, math.log((total + 1) / (count + 0.5))) for stem, count in seen.items()}


def _vector(mention: Mention, idf: dict[str, float]) -> tuple[dict[str, float], float]:
    vector = {key: weight * idf.get(key, 1.0) for key, weight, _ in mention.context}
    return vector, math.sqrt(sum([v * v for v in vector.values()])) or 1.0


def _candidates(mentions: Sequence[Mention], kinds: Sequence[int], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Pairs of mentions in different articles that share an index key (dimension with the
    noun, the predicate class, or a rare context word); ``kinds`` as :func:`_kinds` gives
    them (the copies of a mention share their keys)."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys_of: dict[int, set[tuple[str, str]]] = {}
    for i, (m, kind) in enumerate(zip(mentions, kinds)):
        keys = keys_of.get(kind)
        if keys is None:
            keys = keys_of[kind] = _index_keys(m, idf)
        for key in keys:
            index[key].append(i)
    docs = [m.doc for m in mentions]
    pairs: set[tuple[int, int]] = set()
    for holders in index.values():
        if len(holders) <= _BLOCK_CAP:
            pairs.update((i, j) for i, j in combinations(holders, 2) if docs[i] != docs[j])
    return pairs


def _index_keys(m: Mention, idf: dict[str, float]) -> set[tuple[str, str]]:
    """The keys under which :func:`_candidates` indexes a mention."""
    keys = set()
    if m.noun_words:
        keys.add((m.dimension, "n:" + m.noun_words[-1]))
        keys.update((m.dimension, "v:" + name) for name in predicate_class(m.noun_words[-1]))
    for name in predicate_class(m.verb_stem or ""):
        keys.add((m.dimension, "v:" + name))
    rare = sorted([w for w, _, _ in m.context if idf.get(w, 0) > 1.0], key=lambda w: -idf[w])[:4]
    keys.update((m.dimension, "c:" + w) for w in rare)
    keys.add((m.dimension, "f:" + m.number.form))
    return keys


def _group(mentions: list[Mention], evidence: list[Evidence | None]) -> FigureGroup:
    """A group of ``mentions`` with what it counts and why."""
    found = [e for e in evidence if e is not None]
    nouns = Counter(m.noun for m in mentions if m.noun)
    specific = [n for n, _ in nouns.most_common() if not is_person(n) or n.lower().rstrip("s") not in ("people", "person", "other")]
    noun = (specific or [n for n, _ in nouns.most_common()] or [""])[0]
    known = Counter(predicate_class(m.verb_stem or "")[0] for m in mentions if predicate_class(m.verb_stem or ""))
    verb = known.most_common(1)[0][0] if known else ""
    if not verb and not noun:
        words = Counter(m.verb.lower() for m in mentions if m.verb)
        verb = words.most_common(1)[0][0] if words else ""
    dimension = mentions[0].dimension
    if noun and is_person(noun) and stem(noun) in GENERIC_STEMS:
        noun = "people"
    if noun and verb and stem(verb.split()[-1]) == stem(noun):
        noun, verb = " ".join([*verb.split()[:-1], noun]), ""  # "market share", not "share market share"
    elif noun and noun.lower() in _STATE_NOUNS:
        verb = ""  # "dead", not "dead killed"
    periods = Counter(m.period for m in mentions if m.period)
    period = periods.most_common(1)[0][0] if periods else ""
    if dimension == "score":
        what = f"{noun}'s record" if noun else "record"
    elif dimension == "magnitude":
        what = "magnitude" + (f" of the {noun.lower().rstrip('s')}" if noun and noun.lower() != "magnitude" else "")
    else:
        unit = "%" if dimension == "percent" else dimension.split(":", 1)[1] if dimension.startswith("money:") else ""
        what = " ".join(p for p in (unit, noun, verb, period) if p) or "figure"
    reasons = []
    if noun and any(e.noun for e in found):
        reasons.append(f"same noun ({noun})")
    if any(e.verb for e in found) and verb:
        reasons.append(f"same predicate ({verb})")
    shared = Counter(w for e in found for w in e.shared)
    surface = {key: word for m in mentions for key, _, word in m.context}
    if shared:
        reasons.append("shared words: " + ", ".join(surface.get(w, w).lower() for w, _ in shared.most_common(4)))
    exact = [m for m in mentions if not m.vague]
    if len(exact) >= 2 and exact[0].number.kind is not Kind.SCORE:
        lows = [max(m.number.low or 0.0, 1e-9) for m in exact]
        ratio = max(lows) / min(lows)
        reasons.append("values within " + (f"{ratio:.1f}x" if ratio > 1.05 else "5%"))
    if any(m.vague for m in mentions):
        reasons.append("vague figures shown as ranges")
    return FigureGroup("", what, agrees(mentions), tuple(mentions), "; ".join(reasons))
