"""Step 2 (:func:`~reader.core.align.seeds.seed_pairs`) shared by two processes: each finds the
seeds of half the n-grams, and the halves are merged into what one process finds.

:func:`~reader.core.align.seeds.seed_pairs` links each occurrence of a candidate n-gram to an
earlier one of the same n-gram (n-grams never interact there: see
:func:`~reader.core.align.seeds.link_occurrences`), so the seeds of a corpus are the union of
those its n-grams give, split any way. :func:`half_chunks` keeps, of the prepared chunks, the
n-grams of one half (by the hash's lowest bit); :func:`merged_pairs` joins two halves' seeds,
each pair of documents in the order one process finds it (by its later document, then the
earliest token of that document its seeds hold; two pairs first found at one token, by two
n-grams there, come in the order of the halves, not always one process's: nothing after
depends on the pairs' order, the alignments are grouped in any order). The seeds of a pair are
kept in no particular order: the chains sort them (:func:`~reader.core.align.seeds.chains`).

The preparing processes send their chunks already split (:class:`Split`: each half of the
n-grams packed in an array, which pickles as bytes, where a set pickles number by number), so
neither process splits sets of n-grams, and the process that receives them unpickles no set.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.core.align.seeds import Chunk, Gram, Prepared

__all__ = ["HALVES", "Split", "half_chunks", "merged_pairs", "split", "whole_chunks"]

HALVES = 2
"""Into how many parts the n-grams are split."""

_LOW = (1 << 32) - 1


@dataclass(frozen=True, slots=True)
class Split:
    """A :class:`~reader.core.align.seeds.Chunk` with its n-grams seen and shared each in two
    halves (by the hash's lowest bit), packed in ``array('q')``: as a preparing process sends it."""

    prepared: list[Prepared]
    seen: tuple[array, array]
    shared: tuple[array, array]
    stop_grams: set[Gram]


def split(chunk: Chunk) -> Split:
    """``chunk`` split (:class:`Split`)."""
    return Split(chunk.prepared, _halves(chunk.seen), _halves(chunk.shared), chunk.stop_grams)


def _halves(grams: set[Gram]) -> tuple[array, array]:
    return array("q", [g for g in grams if not g & 1]), array("q", [g for g in grams if g & 1])


def half_chunks(chunks: Sequence[Chunk | Split], half: int) -> list[Chunk]:
    """``chunks`` as :func:`~reader.core.align.seeds.seed_pairs` reads them, holding only the
    n-grams of ``half`` (0 or 1: their hash's lowest bit) among those seen and shared (new
    chunks: ``chunks`` are left as they are)."""
    return [
        Chunk(chunk.prepared, set(chunk.seen[half]), set(chunk.shared[half]), chunk.stop_grams)
        if isinstance(chunk, Split)
        else Chunk(chunk.prepared, {g for g in chunk.seen if g & 1 == half}, {g for g in chunk.shared if g & 1 == half}, chunk.stop_grams)
        for chunk in chunks
    ]


def whole_chunks(chunks: Sequence[Chunk | Split]) -> list[Chunk]:
    """``chunks`` with all their n-grams, as :func:`~reader.core.align.seeds.prepare_docs` makes
    them (new chunks for those split; the others as they are)."""
    return [
        Chunk(chunk.prepared, {*chunk.seen[0], *chunk.seen[1]}, {*chunk.shared[0], *chunk.shared[1]}, chunk.stop_grams)
        if isinstance(chunk, Split)
        else chunk
        for chunk in chunks
    ]


def merged_pairs(
    first: Mapping[tuple[int, int], array], second: Mapping[tuple[int, int], array]
) -> dict[tuple[int, int], array]:
    """The seeds of two halves (:func:`half_chunks`) per pair of documents, as
    :func:`~reader.core.align.seeds.seed_pairs` finds them for the whole: the pairs in the order
    it finds them (see the module), each pair's seeds those of both halves."""
    merged: dict[tuple[int, int], array] = {}
    for pairs in (first, second):
        for key, seeds in pairs.items():
            found = merged.get(key)
            merged[key] = seeds if found is None else found + seeds
    order = sorted(merged, key=lambda key: (key[1], min(seeds[0] & _LOW for seeds in _both(key, first, second))))
    return {key: merged[key] for key in order}


def _both(
    key: tuple[int, int], first: Mapping[tuple[int, int], array], second: Mapping[tuple[int, int], array]
) -> list[array]:
    return [pairs[key] for pairs in (first, second) if key in pairs]
