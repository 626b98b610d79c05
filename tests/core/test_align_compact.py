"""The aligner's compact structures hold what the plain ones held: seeds packed in arrays chain
as the pairs of positions did."""

from __future__ import annotations

from array import array
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align.options import AlignOptions
from reader.core.align.seeds import chains, pack, packed, prepare_docs, seed_pairs, unpack
from reader.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def _old_chains(seeds: list[tuple[int, int]], n: int, gap: int) -> list[list[int]]:
    """seeds.chains as it was, over a list of ``(pos_a, pos_b)`` pairs."""
    seeds.sort()
    reach = gap + n
    open_chains: list[list[int]] = []
    done: list[list[int]] = []
    for pa, pb in seeds:
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
            attached[1] = max(attached[1], pa + n)
            attached[2] = min(attached[2], pb)
            attached[3] = max(attached[3], pb + n)
            attached[4] = pa
            attached[5] = pb
    done.extend(open_chains)
    return [c[:4] for c in done]


positions = st.integers(min_value=0, max_value=2**31 - 1) | st.integers(min_value=0, max_value=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(positions, positions), max_size=40), st.integers(1, 5), st.integers(0, 8))
def test_packed_seeds_chain_as_pairs_did(seeds, n, gap):
    assert unpack(packed(seeds)) == seeds
    assert sorted(pack(a, b) for a, b in seeds) == [pack(a, b) for a, b in sorted(seeds)]
    assert chains(packed(seeds), n, gap) == _old_chains(list(seeds), n, gap)


def test_seed_pairs_hold_their_seeds_packed():
    documents = load_corpus([ROOT / "sample_corpus"]).documents
    documents = (*documents, documents[0])  # a repeat: seeds in many pairs
    pairs = seed_pairs([prepare_docs(documents, range(len(documents)), 3)], 3, AlignOptions(), None)
    assert pairs and all(isinstance(seeds, array) and seeds.typecode == "q" for seeds in pairs.values())
    a, b = len(documents) - 1, 0
    copied = unpack(pairs[(b, a)])
    assert len(copied) > 100 and sum(pa == pb for pa, pb in copied) > 0.9 * len(copied)  # the repeat: word for word


def test_terms_share_their_offsets_across_documents():
    from reader.core.align.terms import sentence_units
    from reader.core.align.tokens import tokenize

    text = "The minister resigned on Tuesday after protesters marched. " * 20
    one, two = (sentence_units(d, text, tokenize(text)) for d in (0, 1))
    offsets = [(a, b) for unit in one for _, a, b in unit.terms]
    again = [(a, b) for unit in two for _, a, b in unit.terms]
    assert offsets == again and max(b for _, b in offsets) > 1000
    assert all(a is x and b is y for (a, b), (x, y) in zip(offsets, again))  # one int object per offset, not per term
