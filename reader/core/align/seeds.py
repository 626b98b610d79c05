"""Steps 2 and 3 of the aligner (:mod:`reader.core.align`): seeds and chains.

Every document is tokenised once and its word n-grams hashed (:func:`prepare_docs`, which a
process pool can run on slices of the corpus); :func:`seed_pairs` keeps the n-grams two
documents or more share (not boilerplate, not made of function words only) and links each
occurrence to the latest one in an earlier document; :func:`chains` strings the seeds of one
pair of documents along the diagonal into candidate regions for verification.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress

from reader.core.align.compiled import SEEDS
from reader.core.align.options import AlignOptions, Cancelled
from reader.core.align.tokens import STOP_SIGNED_HASHES, Tokens, tokenize, tokenize_with_hashes
from reader.core.models import Document

__all__ = [
    "Chunk", "Prepared", "chains", "doc_limit", "grams_of", "link_occurrences", "pack", "packed", "prepare_docs", "seed_pairs", "unpack",
]


Gram = int
"""An n-gram, as the hash of its words' hashes."""
_NUMBER_TAG = -1  # hash() never returns -1, so number seeds never equal an n-gram's words


@dataclass(frozen=True, slots=True)
class Prepared:
    """One document ready for seeding."""

    tokens: Tokens
    grams: array
    """The n-gram starting at each token (``array('q')``)."""
    extra: list[tuple[int, Gram]]
    """Number seeds: (token index, seed)."""
    stop_grams: set[Gram]
    """The n-grams made of function words only (they never seed)."""


def _prepare(text: str, n: int) -> tuple[Prepared, set[Gram]]:
    """``text`` tokenised, with the ``n``-gram starting at each word and the number seeds; and
    the set of its n-grams and number seeds (made from the list: quicker than from the array)."""
    tokens, words = tokenize_with_hashes(text)
    grams, extra, stop_grams = grams_of(words, tokens.numbers, n, STOP_SIGNED_HASHES)
    here = set(grams)
    if extra:
        here.update(g for _, g in extra)
    return Prepared(tokens, array("q", grams), extra, stop_grams), here


def grams_of(
    words: list[int], numbers: list[int], n: int, stop_hashes: frozenset[int]
) -> tuple[list[Gram], list[tuple[int, Gram]], set[Gram]]:
    """The ``n``-gram starting at each of ``words`` (hashes of the folded words), the number
    seeds (``numbers``: the indices of the number tokens), and the n-grams made of function
    words only (``stop_hashes``: the hashes of the function words in the same hashing). The
    local engine hashes words with ``hash``; a distributed run with a hash every process
    agrees on."""
    if n == 1:
        grams = words
    else:
        grams = list(map(hash, zip(*(words[k:] for k in range(n)))))
    flags = list(map(stop_hashes.__contains__, words))
    stop_grams: set[Gram] = set()
    if n > 1 and any(flags):
        stop_grams.update(compress(grams, map(all, zip(*(flags[k:] for k in range(n))))))
    elif n == 1:
        stop_grams.update(compress(grams, flags))
    return grams, _number_grams(words, numbers, n, flags), stop_grams


def _number_grams(words: list[int], numbers: list[int], n: int, flags: list[bool]) -> list[tuple[int, Gram]]:
    """Extra seeds when ``n`` > 2: a number with the content word after it ("$100m
    annually"), which is rare enough to seed a match on its own."""
    if n <= 2 or not numbers:
        return []
    last = len(words) - 1
    return [(i, hash((_NUMBER_TAG, words[i], words[i + 1]))) for i in numbers if i < last and not flags[i + 1]]


@dataclass(slots=True)
class Chunk:
    """Documents prepared together, with the n-grams they hold and those two of them share."""

    prepared: list[Prepared]
    seen: set[Gram]
    shared: set[Gram]
    stop_grams: set[Gram]


_HASH_PROBES = ((1, 2, 3), (0,), (-1, -2, 2**61 - 1, 2**61), (2**63 - 1, -(2**63), 12345678901234567))


def hashes_agree(kernel: object) -> bool:
    """Whether ``kernel``'s copy of Python's hashes of ints and tuples (CPython 3.8 on) gives
    Python's own here: on a Python that hashes otherwise, documents are prepared in Python (the
    n-grams must be ``hash``'s, which the pure path and other processes use)."""
    return kernel is not None and all(kernel.tuple_hash(probe) == hash(probe) for probe in _HASH_PROBES)  # type: ignore[attr-defined]


_HASHES_IN_C = hashes_agree(SEEDS)


def prepare_docs(documents: Sequence[Document], indices: range, n: int, tick: Callable[[int], None] | None = None) -> Chunk:
    """The documents at ``indices`` prepared (:class:`Prepared`), with the n-grams they hold and
    those two of them share; ``tick(k)`` is called every 64 documents."""
    chunk = Chunk([], set(), set(), set())
    if SEEDS is not None and _HASHES_IN_C:
        _prepare_compiled(documents, indices, n, tick, chunk)
        return chunk
    seen, shared = chunk.seen, chunk.shared
    for k, i in enumerate(indices):
        if tick is not None and k % 64 == 63:
            tick(k)
        doc, here = _prepare(documents[i].text, n)
        chunk.prepared.append(doc)
        # Set operations keep this in C: an n-gram is shared once a document holds one
        # already seen.
        shared |= here & seen
        seen |= here
        chunk.stop_grams |= doc.stop_grams
    return chunk


def _prepare_compiled(
    documents: Sequence[Document], indices: range, n: int, tick: Callable[[int], None] | None, chunk: Chunk
) -> None:
    """:func:`prepare_docs` by the compiled kernels: each document's n-grams (:func:`grams_of`,
    Python's hashes worked out in C) and the n-grams seen and shared kept in a C hash table,
    made sets once at the end (``chunk`` filled in)."""
    assert SEEDS is not None
    seen = SEEDS.GramsSeen(STOP_SIGNED_HASHES)
    for k, i in enumerate(indices):
        if tick is not None and k % 64 == 63:
            tick(k)
        tokens = tokenize(documents[i].text)
        grams, extra, stop_grams = SEEDS.grams(tokens.words, tokens.numbers, n, seen)
        chunk.prepared.append(Prepared(tokens, grams, extra, stop_grams))
        chunk.stop_grams |= stop_grams
    chunk.seen, chunk.shared = seen.sets()


def seed_pairs(
    chunks: list[Chunk], n: int, options: AlignOptions, cancelled: Callable[[], bool] | None
) -> dict[tuple[int, int], array]:
    """Seed matches per pair of documents: ``{(a, b): seeds}`` with a <= b, the seeds
    ``(pos_a, pos_b)`` packed in an ``array('q')`` (:func:`pack`: 8 bytes a seed, not a tuple
    of two numbers; a big corpus has millions)."""
    # Candidate n-grams: in two documents or more (self matches only matter for n-grams that are
    # also elsewhere), not boilerplate, with at least one content word.
    shared: set[Gram] = set()
    seen: set[Gram] = set()
    for chunk in chunks:
        shared |= chunk.shared
        shared |= chunk.seen & seen if len(chunk.seen) < len(seen) else seen & chunk.seen
        seen |= chunk.seen
        chunk.seen = chunk.shared = set()
    del seen
    for chunk in chunks:
        shared -= chunk.stop_grams
    prepared = [doc for chunk in chunks for doc in chunk.prepared]
    limit = doc_limit(options, len(prepared))
    link = _link_seeds if SEEDS is None else SEEDS.link_seeds
    pairs = link(prepared, shared, limit, n, options.self_matches, cancelled)
    if pairs is None:
        raise Cancelled()
    return pairs


def _link_seeds(
    prepared: list[Prepared], shared: set[Gram], limit: int | None, n: int, self_matches: bool, cancelled: Callable[[], bool] | None
) -> dict[tuple[int, int], array] | None:
    """:func:`seed_pairs`'s seeds from the candidate n-grams ``shared`` (of which only those in
    at most ``limit`` documents count, when given), or None when ``cancelled``. The compiled
    kernel (:mod:`~reader.core.align.compiled`) does the same."""
    if limit is not None and shared:
        df: Counter[Gram] = Counter()
        for doc in prepared:
            df.update(shared.intersection(doc.grams))
        shared = {g for g, count in df.items() if count <= limit}
        del df
    if not shared:
        return {}
    pairs: dict[tuple[int, int], array] = {}
    # The latest occurrence of each n-gram, and the latest in an earlier document than that
    # one, packed as ``document << 32 | token`` (a number, not a tuple: there are millions).
    current: dict[Gram, int] = {}
    earlier: dict[Gram, int] = {}
    for d, doc in enumerate(prepared):
        if cancelled is not None and d % 64 == 0 and cancelled():
            return None
        common = shared.intersection(doc.grams)
        if doc.extra:
            common.update(g for _, g in doc.extra if g in shared)
        if not common:
            continue
        grams = doc.grams
        hits = [(i, grams[i]) for i in compress(range(len(grams)), map(common.__contains__, grams))]
        if doc.extra:
            hits.extend((i, g) for i, g in doc.extra if g in common)
        hits.sort()
        base = d << _SHIFT
        for i, g in hits:
            seen = current.get(g)
            current[g] = base | i
            if seen is None:
                continue
            if seen >> _SHIFT == d:
                if self_matches and i - (seen & _LOW) >= n:
                    _add(pairs, (d, d), (seen & _LOW) << _SHIFT | i)
                seen = earlier.get(g)
                if seen is None:
                    continue
            else:
                earlier[g] = seen
            key = (seen >> _SHIFT, d)
            found = pairs.get(key)
            if found is None:
                found = pairs[key] = array("q")
            found.append((seen & _LOW) << _SHIFT | i)
    return pairs


_SHIFT = 32
_LOW = (1 << _SHIFT) - 1


def pack(pos_a: int, pos_b: int) -> int:
    """One seed ``(pos_a, pos_b)`` as one number (token positions are under 2**31); packed
    seeds sort as the pairs do."""
    return pos_a << _SHIFT | pos_b


def unpack(seeds: Iterable[int]) -> list[tuple[int, int]]:
    """Packed seeds (:func:`pack`) as ``(pos_a, pos_b)`` pairs, in the same order."""
    return [(s >> _SHIFT, s & _LOW) for s in seeds]


def packed(seeds: Iterable[tuple[int, int]]) -> array:
    """Seeds ``(pos_a, pos_b)`` packed (:func:`pack`) in an ``array('q')``, as
    :func:`seed_pairs` gives them."""
    return array("q", [a << _SHIFT | b for a, b in seeds])


def _add(pairs: dict[tuple[int, int], array], key: tuple[int, int], seed: int) -> None:
    """Append packed ``seed`` to the seeds of pair of documents ``key``."""
    found = pairs.get(key)
    if found is None:
        found = pairs[key] = array("q")
    found.append(seed)


def doc_limit(options: AlignOptions, n_docs: int) -> int | None:
    """The most documents a seed may be in before it counts as boilerplate (``max_doc_fraction``,
    never under ``min_doc_limit``), or None when the corpus is too small for the filter. When
    it applies, only word n-grams are counted, so number seeds go too (as in :func:`seed_pairs`)."""
    limit = max(options.min_doc_limit, int(options.max_doc_fraction * n_docs))
    return limit if n_docs > limit else None


def link_occurrences(
    occurrences: Sequence[tuple[int, int]], n: int, self_matches: bool
) -> list[tuple[int, int, int, int]]:
    """The seeds one candidate n-gram gives, from its occurrences ``(document, token)`` in
    corpus order: ``(a, b, pos_a, pos_b)``, each occurrence linked to the latest one in an
    earlier document (and to the one before it in its own document when ``self_matches``).
    This is :func:`seed_pairs`'s rule for one n-gram (n-grams never interact there), for a
    backend that gathers the occurrences of each n-gram apart (a sharded join)."""
    out: list[tuple[int, int, int, int]] = []
    current: tuple[int, int] | None = None
    earlier: tuple[int, int] | None = None
    for d, i in occurrences:
        seen, current = current, (d, i)
        if seen is None:
            continue
        if seen[0] == d:
            if self_matches and i - seen[1] >= n:
                out.append((d, d, seen[1], i))
            seen = earlier
            if seen is None:
                continue
        else:
            earlier = seen
        out.append((seen[0], d, seen[1], i))
    return out


# ----------------------------------------------------------------------------------------------
# Step 3: chains


def chains(seeds: Iterable[int], n: int, gap: int) -> list[list[int]]:
    """Chain seeds (packed: :func:`pack`) along the diagonal into regions ``[a0, a1, b0, b1]``
    (token ranges); the compiled kernel (:mod:`~reader.core.align.compiled`) when there is one."""
    if SEEDS is not None:
        return SEEDS.chains(seeds, n, gap)
    reach = gap + n
    # A chain: [a0, a1, b0, b1, last seed's a, last seed's b]. Seeds come in order of a, so a
    # chain's a1 is always its last seed's a + n.
    open_chains: list[list[int]] = []
    done: list[list[int]] = []
    for seed in sorted(seeds):
        pa, pb = seed >> _SHIFT, seed & _LOW
        if len(open_chains) == 1:  # the usual case, said quickly: one passage at a time
            chain = open_chains[0]
            if pa - chain[4] > reach:
                done.append(chain)
                open_chains = [[pa, pa + n, pb, pb + n, pa, pb]]
            elif -reach <= pb - chain[5] <= reach:
                chain[1], chain[4] = pa + n, pa
                if pb < chain[2]:
                    chain[2] = pb
                if pb + n > chain[3]:
                    chain[3] = pb + n
                chain[5] = pb
            else:
                open_chains.append([pa, pa + n, pb, pb + n, pa, pb])
            continue
        attached = None
        keep: list[list[int]] = []
        for chain in open_chains:
            if pa - chain[4] > reach:
                done.append(chain)
                continue
            keep.append(chain)
            if attached is None and -reach <= pb - chain[5] <= reach:
                attached = chain
        open_chains = keep
        if attached is None:
            open_chains.append([pa, pa + n, pb, pb + n, pa, pb])
        else:
            attached[1], attached[4] = pa + n, pa
            attached[2] = min(attached[2], pb)
            attached[3] = max(attached[3], pb + n)
            attached[5] = pb
    done.extend(open_chains)
    return [c[:4] for c in done]
