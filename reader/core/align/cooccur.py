"""Which sentences meet in an inverted index: the pairs the claims stage scores.

The claims stage (:func:`~reader.core.align.claims.candidate_pairs`) indexes each sentence
under its heaviest terms; two sentences of different, related documents that meet under
enough of them are a candidate pair. :func:`meeting` counts the meetings and scores the
pairs, once per pair of contents (sentences the scoring reads alike): with numpy (the optional
``fast`` extra) as arrays, every pair of a posting list coded as one integer, the codes counted
by sorting them, and the pairs of contents found by sorting too; without it, one
:class:`~collections.Counter` per sentence over the later sentences of its postings, and a
dictionary of the pairs of contents scored. Both give the same pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from itertools import chain
from types import ModuleType
from typing import Any, TypeVar

from reader.core.align.compiled import PAIRS

__all__ = ["meeting"]

R = TypeVar("R")

NUMPY_FROM = 40_000
"""Places in the postings (sentence numbers in all) from which :func:`meeting` counts with
numpy: about 150 story-clustered articles (at 1,000, 300,000 places: 0.18 s with numpy, 0.6 s
without; importing numpy takes about 0.1 s)."""


@lru_cache(maxsize=1)
def _numpy() -> ModuleType | None:
    """numpy, when it is installed (the ``fast`` extra); else None (imported on first use)."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def meeting(
    postings: Sequence[Sequence[int]],
    counts: Sequence[int],
    doc_of: Sequence[int],
    related: Collection[tuple[int, int]] | None,
    min_terms: int,
    content: Sequence[int],
    score: Callable[[int, int], R | None],
) -> list[tuple[int, int, R]]:
    """``(i, j, score(content[i], content[j]))`` for the pairs of sentences ``i < j`` that meet
    in ``postings`` (lists of sentence numbers, ascending) counting ``min_terms`` or more, each
    posting list counting ``counts`` of it (a term that counts twice), of different documents
    (``doc_of``) and of related ones (``related``: pairs of documents, ``a < b``; None: any
    two), whose score is not None; in no particular order. ``score`` is called once per pair
    of contents (``content``: a number per sentence). numpy is used from :data:`NUMPY_FROM`
    places in the postings up (below, importing it costs more than it saves). The compiled
    kernel (:data:`~reader.core.align.compiled.PAIRS`), when built, counts the meetings as the
    Counters do, in C, and scores the pairs as they come; else these loops run."""
    if PAIRS is not None:
        return PAIRS.meeting(postings, counts, doc_of, related, min_terms, content, score)  # type: ignore[no-any-return]
    np = _numpy() if sum(map(len, postings)) >= NUMPY_FROM else None
    if np is None:
        known: dict[int, R | None] = {}
        width = max(content, default=0) + 1
        out = []
        for i, j in _meeting_counted(postings, counts, doc_of, related, min_terms):
            a, b = content[i], content[j]
            key = a * width + b
            result = known[key] if key in known else known.setdefault(key, score(a, b))
            if result is not None:
                out.append((i, j, result))
        return out
    i, j = _meeting_sorted(np, postings, counts, doc_of, related, min_terms)
    if not len(i):
        return []
    alike = np.asarray(content, dtype=np.int64)
    width = int(alike.max()) + 1
    keys, inverse = np.unique(alike[i] * width + alike[j], return_inverse=True)
    results = list(map(score, (keys // width).tolist(), (keys % width).tolist()))
    kept = np.fromiter((result is not None for result in results), bool, len(results))[inverse]
    return list(zip(i[kept].tolist(), j[kept].tolist(), map(results.__getitem__, inverse[kept].tolist())))


def _meeting_counted(
    postings: Sequence[Sequence[int]],
    counts: Sequence[int],
    doc_of: Sequence[int],
    related: Collection[tuple[int, int]] | None,
    min_terms: int,
) -> list[tuple[int, int]]:
    """The pairs of :func:`meeting` without numpy, in order: each sentence meets the later sentences of its postings
    (their tails), counted in C by a Counter."""
    allowed: dict[int, set[int]] | None = None
    if related is not None:
        allowed = defaultdict(set)
        for a, b in related:
            allowed[a].add(b)
            allowed[b].add(a)
    held: list[list[tuple[int, int]]] = [[] for _ in doc_of]  # (posting, place in it) per sentence
    for p, others in enumerate(postings):
        for at in range(1, len(others)):  # the last sentence of a list meets none after it
            held[others[at - 1]].append((p, at))
    out: list[tuple[int, int]] = []
    for i, places in enumerate(held):
        pool: list[int] = []
        for p, after in places:
            later = postings[p][after:]
            for _ in range(counts[p]):
                pool.extend(later)
        if len(pool) < min_terms:
            continue
        doc = doc_of[i]
        others_ok = allowed.get(doc, set()) if allowed is not None else None
        for j in [j for j, count in Counter(pool).items() if count >= min_terms]:
            other = doc_of[j]
            if other != doc and (others_ok is None or other in others_ok):
                out.append((i, j))
    out.sort()
    return out


BLOCK = 1 << 19
"""The codes :func:`_meeting_sorted` sorts at once, about (4 MB): the sentences are taken in
blocks that meet about this many times, so memory stays bounded on a big corpus (at 1,000
story articles, 2^19 codes a block took the same CPU as 2^22, and its peak of memory was
32 MB, not 86)."""


def _meeting_sorted(
    np: ModuleType,
    postings: Sequence[Sequence[int]],
    counts: Sequence[int],
    doc_of: Sequence[int],
    related: Collection[tuple[int, int]] | None,
    min_terms: int,
) -> tuple[Any, Any]:
    """The pairs of :func:`meeting` with numpy, as two arrays (``i`` and ``j``, in order): each
    pair of sentences of two documents in a posting list coded as ``i * n + j`` (as many times
    as the list counts), the codes sorted and the runs of ``min_terms`` or more kept, block by
    block of ``i`` (:data:`BLOCK`); then the pairs of related documents."""
    none = np.zeros(0, dtype=np.int64)
    lists = [k for k, p in enumerate(postings) if len(p) > 1]
    if not lists:
        return none, none
    n = len(doc_of)
    lengths = np.fromiter((len(postings[k]) for k in lists), np.int64, len(lists))
    flat = np.fromiter(chain.from_iterable(postings[k] for k in lists), np.int64, int(lengths.sum()))
    times = np.repeat(np.fromiter((counts[k] for k in lists), np.int64, len(lists)), lengths)
    end = np.repeat(np.cumsum(lengths), lengths)  # where the list of each place ends
    docs = np.asarray(doc_of, dtype=np.int64)
    doc = docs[flat]
    # Blocks of sentences i that meet later sentences about BLOCK times each.
    later = np.cumsum(np.bincount(flat, weights=(end - np.arange(len(flat)) - 1) * times, minlength=n))
    bounds = np.unique(np.searchsorted(later, np.arange(1, int(later[-1]) // BLOCK + 1) * BLOCK))
    # The places of each block's sentences, in order of block (each block a slice, not a scan
    # of every place; a stable sort of small integers is a radix sort in numpy).
    block = np.searchsorted(bounds, flat, side="right").astype(np.uint16 if len(bounds) < 1 << 16 else np.int64)
    by_block = np.argsort(block, kind="stable")
    cuts = np.searchsorted(block[by_block], np.arange(len(bounds) + 2))
    found = []
    for c0, c1 in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        places = by_block[c0:c1]
        parts = []
        for k in range(1, int(lengths.max())):
            places = places[places + k < end[places]]  # a k-th later sentence in the same list
            if not len(places):
                break
            at = places[doc[places] != doc[places + k]]  # of two documents
            parts.append(np.repeat(flat[at] * n + flat[at + k], times[at]))
        codes = np.sort(np.concatenate(parts)) if parts else none
        if len(codes):
            starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
            runs = np.diff(np.append(starts, len(codes)))
            found.append(codes[starts[runs >= min_terms]])
    met = np.concatenate(found) if found else none
    i, j = met // n, met % n
    if related is not None:
        if not related:
            return none, none
        ends = np.array(list(related), dtype=np.int64)
        width = 1 + max(int(docs.max()), int(ends.max()))
        allowed = np.unique(ends.min(axis=1) * width + ends.max(axis=1))
        a, b = docs[i], docs[j]
        pair = np.minimum(a, b) * width + np.maximum(a, b)
        keep = allowed[np.minimum(np.searchsorted(allowed, pair), len(allowed) - 1)] == pair
        i, j = i[keep], j[keep]
    return i, j
