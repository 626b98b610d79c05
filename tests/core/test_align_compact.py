"""The aligner's compact structures hold what the plain ones held: seeds packed in arrays chain
as the pairs of positions did."""

from __future__ import annotations

from array import array
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align.claims import Claim
from reader.core.align.options import AlignOptions
from reader.core.align.seeds import chains, pack, packed, prepare_docs, seed_pairs, unpack
from reader.core.corpus import load_corpus
from tests.core import old_verify  # seeds.chains as it was, over pairs of positions

ROOT = Path(__file__).resolve().parents[2]


positions = st.integers(min_value=0, max_value=2**31 - 1) | st.integers(min_value=0, max_value=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(positions, positions), max_size=40), st.integers(1, 5), st.integers(0, 8))
def test_packed_seeds_chain_as_pairs_did(seeds, n, gap):
    assert unpack(packed(seeds)) == seeds
    assert sorted(pack(a, b) for a, b in seeds) == [pack(a, b) for a, b in sorted(seeds)]
    assert chains(packed(seeds), n, gap) == old_verify.chains(list(seeds), n, gap)


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


# ---- the tail: what finish_claims and fold_groups look up, against the scans they replace


def _old_meet_claims(documents, drafts, claims, quotation, within):
    """fold_groups's claim loop as it was: every span of every group of a document scanned."""
    from reader.core.align.fold import _Draft, _alike, _meet, _overlap, _span
    from reader.core.models import GroupKind

    by_doc = {}
    for k, draft in enumerate(drafts):
        for doc in {span.doc for span in draft.spans}:
            by_doc.setdefault(doc, []).append(k)
    for claim in sorted(claims, key=lambda c: (-c.score, c.spans)):
        spans = [_span(documents, d, s, e, quotation) for d, s, e in claim.spans]
        near = sorted({
            k
            for span in spans
            for k in by_doc.get(span.doc, ())
            if any(t.doc == span.doc and _overlap(t, span) > 0 for t in drafts[k].spans)
        })
        _meet(drafts, near, _Draft(GroupKind.REWORDED, _alike(documents, claim.spans), spans, figure=claim.figure), within)


_WORDS = "alpha beta gamma delta said the minister 1,300 people".split()
_TEXT = st.lists(st.sampled_from(_WORDS), min_size=30, max_size=60).map(lambda w: " ".join(w) + ".")


@st.composite
def _fold_inputs(draw):
    from reader.core.corpus import documents_from_texts
    from reader.core.models import GroupKind, Span

    texts = draw(st.lists(_TEXT, min_size=2, max_size=4))
    documents = documents_from_texts({f"d{k}": text for k, text in enumerate(texts)})

    def span(d):
        size = len(texts[d])
        start = draw(st.integers(0, size - 2))
        return d, start, draw(st.integers(start + 1, min(size, start + 80)))

    docs = st.integers(0, len(texts) - 1)
    groups = []
    for _ in range(draw(st.integers(0, 8))):
        spans = sorted({span(d) for d in draw(st.lists(docs, min_size=2, max_size=5))})
        kind = draw(st.sampled_from([GroupKind.VERBATIM, GroupKind.NEAR, GroupKind.QUOTE]))
        groups.append((kind, [Span(f"d{d}", s, e) for d, s, e in spans]))
    claims = []
    for _ in range(draw(st.integers(1, 8))):
        if groups and draw(st.booleans()):  # the stretches of a group, a little wider: it merges, and widens
            _, spans = draw(st.sampled_from(groups))
            chosen = {}
            for t in spans:
                d = int(t.doc[1:])
                chosen.setdefault(d, (d, max(0, t.start - draw(st.integers(0, 12))), min(len(texts[d]), t.end + draw(st.integers(0, 12)))))
            if draw(st.booleans()):
                d = draw(docs)
                chosen.setdefault(d, span(d))
            claims.append(Claim(draw(st.floats(0, 100)), tuple(chosen[d] for d in sorted(chosen))))
            continue
        chosen = sorted(set(draw(st.lists(docs, min_size=2, max_size=4))))
        if len(chosen) >= 2:
            claims.append(Claim(draw(st.floats(0, 100)), tuple(span(d) for d in chosen)))
    return documents, groups, [c for c in claims if len(c.spans) >= 2]


@settings(max_examples=300, deadline=None)
@given(_fold_inputs(), st.booleans())
def test_claims_meet_the_groups_the_old_scan_met(inputs, one_sentence):
    from reader.core.align.fold import _Draft, _meet_claims

    documents, groups, claims = inputs
    results = []
    for meet in (_meet_claims, _old_meet_claims):
        drafts = [_Draft(kind, 90.0, list(spans)) for kind, spans in groups]
        meet(documents, drafts, claims, lambda d, s, e: None, lambda span: one_sentence or span.end - span.start < 40)
        results.append([(d.kind, d.score, d.spans, d.figure) for d in drafts])
    assert results[0] == results[1]


def _old_tied(units, copied):
    """copies.tied as it was."""
    from bisect import bisect_right
    from collections import defaultdict

    starts, index = defaultdict(list), defaultdict(list)
    for k, unit in enumerate(units):
        starts[unit.doc].append(unit.start)
        index[unit.doc].append(k)

    def overlapping(doc, start, end):
        found = starts.get(doc, [])
        out = []
        k = max(0, bisect_right(found, start) - 1)
        while k < len(found) and found[k] < end:
            unit = units[index[doc][k]]
            over = min(end, unit.end) - max(start, unit.start)
            if over > 0:
                out.append((index[doc][k], over))
            k += 1
        return out

    cover = defaultdict(lambda: [0, 0])
    for a, sa, ea, b, sb, eb in copied:
        for i, over_i in overlapping(a, sa, ea):
            for j, over_j in overlapping(b, sb, eb):
                key = (i, j) if i < j else (j, i)
                first, second = (over_i, over_j) if i < j else (over_j, over_i)
                cover[key][0] += first
                cover[key][1] += second
    return {(i, j) for (i, j), (x, y) in cover.items() if 2 * x >= units[i].end - units[i].start and 2 * y >= units[j].end - units[j].start}


@st.composite
def _sentences(draw):
    from reader.core.align.terms import Unit

    units = []
    for d in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, 5))
        for _ in range(draw(st.integers(0, 6))):
            size = draw(st.integers(1, 30))
            units.append(Unit(d, at, at + size, (), frozenset(), frozenset()))
            at += size + draw(st.integers(0, 3))
    return units


@settings(max_examples=200, deadline=None)
@given(_sentences(), st.lists(st.tuples(*[st.integers(0, 4), st.integers(0, 120), st.integers(1, 60)] * 2), max_size=12))
def test_tied_finds_the_sentence_pairs_the_old_scan_found(units, raw):
    from reader.core.align.copies import tied

    copied = [(a, s, s + n, b, t, t + m) for a, s, n, b, t, m in raw]
    assert tied(units, copied) == _old_tied(units, copied)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.frozensets(st.sampled_from(["kill", "~n:3", "\u00acinvolv", "n:12", "comment", "vote", "tariff"]))), max_size=30))
def test_rare_words_are_the_words_two_documents_at_most_hold(rows):
    from reader.core.align.terms import NEGATED, SOURCING, Unit, rare_words

    units = [Unit(d, 0, 1, (), common, common) for d, common in rows]
    docs = {}
    for unit in units:
        for term in unit.common:
            if term[0] != "~" and term[0] != NEGATED and ":" not in term and term not in SOURCING:
                docs.setdefault(term, set()).add(unit.doc)
    want = frozenset(t for t, held in docs.items() if len(held) <= 2) if len({u.doc for u in units}) >= 4 else frozenset()
    assert rare_words(units) == want


def test_a_claim_meets_a_group_where_an_earlier_claim_widened_it():
    from reader.core.align.fold import _Draft, _meet_claims
    from reader.core.corpus import documents_from_texts
    from reader.core.models import GroupKind, Span

    documents = documents_from_texts({f"d{k}": "aaaa " * 10 for k in range(4)})
    group = _Draft(GroupKind.VERBATIM, 90.0, [Span("d0", 10, 14), Span("d1", 10, 14)])
    wide = Claim(90.0, ((0, 10, 39), (1, 10, 14)))  # merges, and widens the group's span in d0 to [10, 39)
    later = Claim(80.0, ((0, 20, 39), (3, 0, 9)))  # overlaps only the widened part
    drafts = [group]
    _meet_claims(documents, drafts, [later, wide], lambda d, s, e: None, lambda span: True)
    assert drafts == [group] and [(s.doc, s.start, s.end) for s in group.spans] == [("d0", 10, 39), ("d1", 10, 14), ("d3", 0, 9)]
