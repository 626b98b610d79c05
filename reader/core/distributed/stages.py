"""The distributed stages' work on one partition, as plain functions over plain data (no Dask, no
pyarrow): each calls the local engine's own stage functions.

The local engine compares words by Python's ``hash``, which differs from one process to the next;
a distributed run joins the n-grams of partitions read in different processes, so its postings
hash the folded words with :func:`stable_hash` (blake2b) instead, and build the n-grams from
those with the engine's own :func:`~reader.core.align.seeds.grams_of`. Verification tokenises
again in the process that verifies (only token positions travel between stages).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from hashlib import blake2b
from itertools import groupby

from reader.core.align.context import Context, Link
from reader.core.align.options import AlignOptions
from reader.core.align.seeds import grams_of, link_occurrences, packed
from reader.core.align.tokens import STOP_WORDS, split_words, tokenize
from reader.core.align.verify import verify_pairs
from reader.core.models import Document

__all__ = ["STABLE_STOP_HASHES", "postings", "seeds", "stable_hash", "verify_bucket"]


def stable_hash(word: str) -> int:
    """A signed 64-bit hash of ``word`` that every process and machine agrees on."""
    return int.from_bytes(blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little", signed=True)


STABLE_STOP_HASHES = frozenset(map(stable_hash, STOP_WORDS))
"""The function words, hashed with :func:`stable_hash`."""

Postings = tuple[list[int], list[int], list[int], list[bool]]
"""Columns: n-gram, document, token position, whether it is a number seed."""


def postings(documents: Iterable[tuple[int, str]], n: int) -> Postings:
    """Every seed occurrence of ``documents`` (``(index, text)``): the word ``n``-grams that are
    not made of function words only, and the number seeds, as the local engine seeds them."""
    grams_col: list[int] = []
    docs_col: list[int] = []
    pos_col: list[int] = []
    extra_col: list[bool] = []
    cache: dict[str, int] = {}
    for d, text in documents:
        words, _, _, numbers = split_words(text)
        hashed = []
        for word in words:
            value = cache.get(word)
            if value is None:
                value = cache[word] = stable_hash(word)
            hashed.append(value)
        grams, extra, stop_grams = grams_of(hashed, numbers, n, STABLE_STOP_HASHES)
        kept = [(i, g) for i, g in enumerate(grams) if g not in stop_grams] if stop_grams else list(enumerate(grams))
        grams_col.extend(g for _, g in kept)
        pos_col.extend(i for i, _ in kept)
        grams_col.extend(g for _, g in extra)
        pos_col.extend(i for i, _ in extra)
        docs_col.extend([d] * (len(kept) + len(extra)))
        extra_col.extend([False] * len(kept))
        extra_col.extend([True] * len(extra))
    return grams_col, docs_col, pos_col, extra_col


def seeds(grams: Sequence[int], docs: Sequence[int], positions: Sequence[int], n: int, self_matches: bool) -> list[tuple[int, int, int, int]]:
    """The seeds ``(a, b, pos_a, pos_b)`` of the candidate n-grams' occurrences, sorted by
    (n-gram, document, position): :func:`~reader.core.align.seeds.link_occurrences` per n-gram."""
    out: list[tuple[int, int, int, int]] = []
    rows = zip(grams, docs, positions)
    for _, occurrences in groupby(rows, key=lambda row: row[0]):
        out.extend(link_occurrences([(d, i) for _, d, i in occurrences], n, self_matches))
    return out


def verify_bucket(
    texts: Mapping[int, str], pair_seeds: Iterable[tuple[int, int, int, int]], options: AlignOptions
) -> tuple[list[Link], list[tuple[int, int]]]:
    """The verified alignments of some pairs of documents (their seeds ``(a, b, pos_a, pos_b)``;
    ``texts``: every document they name), with :func:`~reader.core.align.verify.verify_pairs`,
    and the pairs of documents seen."""
    by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for a, b, pa, pb in pair_seeds:
        by_pair.setdefault((a, b), []).append((pa, pb))
    seeds = {pair: packed(found) for pair, found in by_pair.items()}  # as the local engine holds them
    documents = {d: Document(str(d), "", "", text) for d, text in texts.items()}
    tokens = {d: tokenize(text) for d, text in texts.items()}
    ctx = Context(documents, tokens, options)  # type: ignore[arg-type]  # indexed by corpus index
    items = sorted(seeds.items())
    return verify_pairs(items, ctx), [pair for pair, _ in items]
