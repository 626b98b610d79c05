"""Claim recall: a claim stated in one clause of a long sentence, figures given loosely,
negations through "want to", claims merged by most of their sentences, short spans widened to
their clause. Sentences from the sample corpus or written like news copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, align
from reader.core.align import claims as claims_module
from reader.core.align import pair_scores
from reader.core.align import terms as terms_module
from reader.core.align.acronyms import with_acronyms
from reader.core.align.anchors import conflict, counted, figure_sets, same_counted, telling_figure
from reader.core.align.claims import claims_of
from reader.core.align.clauses import clause_mass
from reader.core.align.quotes import Quotation
from reader.core.align.sentences import clause_spans
from reader.core.align.terms import rare_words, sentence_units, stem, term_weights
from reader.core.align.widen import widen_short_spans
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.models import Group, GroupKind, Span

ROOT = Path(__file__).resolve().parents[2]

GAZA = (
    "Israel has retaliated with artillery and airstrikes, and officials from the Hamas-controlled "
    "health ministry estimate more than 1,100 Palestinians have been killed."
)
"""A sentence of the sample corpus (002) with two clauses."""


def test_a_sentence_is_split_into_its_clauses() -> None:
    pieces = [GAZA[a:b] for a, b in clause_spans(GAZA, 0, len(GAZA))]
    assert pieces == [
        "Israel has retaliated with artillery and airstrikes",
        "and officials from the Hamas-controlled health ministry estimate more than 1,100 Palestinians have been killed.",
    ]
    one = "Iran denied involvement in the attacks."
    assert clause_spans(one, 0, len(one)) == [(0, len(one))]
    times = "Jackson was pulled over just past 2:30 a.m.; he was released by 6 a.m."
    assert [times[a:b] for a, b in clause_spans(times, 0, len(times))] == [
        "Jackson was pulled over just past 2:30 a.m.", "he was released by 6 a.m.",
    ]


def test_a_claim_weighs_against_its_own_clauses_only() -> None:
    (unit,) = sentence_units(0, GAZA)
    assert unit.clauses and unit.clauses[0] == 0 and unit.clauses[-1] == 1
    weights = {t: 1.0 for t in unit.bag}
    whole = float(len(unit.bag))
    second = frozenset({"estim", "kill", "ministri"})
    assert clause_mass(unit, second, weights, whole) < whole
    assert clause_mass(unit, second | {"artilleri"}, weights, whole) == whole  # both clauses
    (single,) = sentence_units(0, "Iran denied involvement in the attacks.")
    assert single.clauses == () and clause_mass(single, frozenset({"attack"}), weights, 3.0) == 3.0


DAM = [
    "Rescue crews worked through the night in the flooded valley, pumping water from cellars and "
    "carrying elderly residents to higher ground in boats, while engineers warned that the old dam "
    "could soon collapse. Schools stayed shut across the region.",
    "The dam may collapse soon, engineers warned on Tuesday, as thousands of families boarded "
    "buses for shelters in the hills. Shops closed early.",
    "Rain is expected to ease by the weekend. The regional governor visited a shelter in the "
    "afternoon. Power lines were cut in three districts.",
]


def test_a_claim_in_one_clause_of_a_long_sentence_is_found(monkeypatch) -> None:
    """"engineers warned the dam could soon collapse" is one clause of a long sentence: scored
    clause with clause it is a claim; sentence with sentence it was diluted below the limit."""
    (claim,) = claims_of(DAM, AlignOptions())
    assert [DAM[d][s:e] for d, s, e in claim.spans] == [
        "engineers warned that the old dam could soon collapse",
        "The dam may collapse soon, engineers warned on Tuesday",
    ]
    monkeypatch.setattr(pair_scores, "CLAUSE_MIN_TERMS", 10**6)
    assert claims_of(DAM, AlignOptions()) == []


def test_two_words_in_two_short_clauses_are_no_claim() -> None:
    """Clause with clause only with a few words of a claim in common (not names): "at this
    time" / "one year at a time" stay apart."""
    texts = [
        "The Chargers will not discipline Jackson at this time, the team said on Tuesday.",
        "You're a Charger one year at a time, the coach said after practice.",
        "The game kicks off at Pittsburgh on Sunday afternoon in the cold.",
    ]
    assert claims_of(texts, AlignOptions()) == []


def test_a_number_inside_a_range_is_the_same_figure() -> None:
    """"$ 24 to $ 26 per share" and "$ 25-per-share" give one price loosely: no conflict, and
    the same figure of the same thing; "$ 30 per share" is another price."""
    (ranged,) = sentence_units(0, "The Journal said the price translates to $ 24 to $ 26 per share.")
    (inside,) = sentence_units(1, "The $ 25 per share price is a nice payoff for stockholders.")
    (outside,) = sentence_units(2, "The $ 30 per share price is a nice payoff for stockholders.")
    assert not conflict(figure_sets(ranged), figure_sets(inside))
    assert conflict(figure_sets(ranged), figure_sets(outside))
    assert any(word == "share" for _, word in same_counted(counted(ranged), counted(inside)))
    assert not same_counted(counted(ranged), counted(outside))


def test_a_negation_holds_through_want_to() -> None:
    """"do not want to negotiate" denies negotiating, as "will not negotiate" does."""
    (wants,) = sentence_units(0, "EU leaders do not want to negotiate under threat.")
    (will,) = sentence_units(1, "The EU has insisted it will not negotiate without an exemption.")
    terms = {t for t, _, _ in wants.terms}
    assert "\u00acnegoti" in terms and "negoti" not in terms and "want" not in terms
    assert "\u00acnegoti" in {t for t, _, _ in will.terms}
    (plain,) = sentence_units(2, "EU leaders want to negotiate a deal.")
    assert {"want", "negoti"} <= {t for t, _, _ in plain.terms}


def test_claims_that_give_different_figures_are_not_merged() -> None:
    """Two claims (sentences 0+1 and 2+3) alike across in three pairs of four are one claim,
    unless the fourth pair gives different figures of one thing (magnitude 6.1 / 7.6): then
    they tell different facts and stay apart."""
    texts = [
        "A magnitude 6.1 earthquake hit the province today, the latest powerful tremor to shake the region.",
        "The quake was the latest powerful tremor to hit the region, officials said.",
        "The latest powerful quake to hit the region, of magnitude 7.6, struck the coast.",
        "The latest powerful tremor to hit the region came at dawn, officials said.",
    ]
    units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]
    weights = term_weights(units)
    shared = frozenset({"latest", "power", "region"})
    alike = [(0, 1, 0.6), (2, 3, 0.6), (1, 2, 0.4), (0, 3, 0.4), (1, 3, 0.4)]
    pairs = [claims_module.Pair(score, i, j, shared) for i, j, score in alike]
    clusters = claims_module.claim_clusters(units, weights, pairs, AlignOptions())
    assert sorted(sorted(members) for _, members in clusters) == [[0, 1], [2, 3]]
    texts[0] = texts[0].replace("6.1", "7.6")  # the same figure: one claim
    units = [unit for d, text in enumerate(texts) for unit in sentence_units(d, text)]
    clusters = claims_module.claim_clusters(units, term_weights(units), pairs, AlignOptions())
    assert sorted(sorted(members) for _, members in clusters) == [[0, 1, 2, 3]]


def _quotation(doc: int, start: int, end: int) -> Quotation | None:
    return None


def test_a_short_span_is_widened_to_its_clause() -> None:
    """A figure alone ("230,000 people") in a group whose spans are all a few words is shown
    as the clause that states it; a span as long as the others stays as it is."""
    a = "In December 2004, a giant tsunami left at least 230,000 people dead in a dozen countries."
    b = "The catastrophe four years ago killed more than 230,000 people, officials said."
    documents = documents_from_texts({"a": a, "b": b})
    short = Group(
        "g1", GroupKind.VERBATIM, 100.0,
        (Span("a", a.index("230,000"), a.index(" dead")), Span("b", b.index("230,000"), b.index(", officials"))),
    )
    (group,) = widen_short_spans(documents, [short], _quotation)
    assert [s.text(d) for s, d in zip(group.spans, documents)] == [
        "In December 2004, a giant tsunami left at least 230,000 people dead in a dozen countries",
        "The catastrophe four years ago killed more than 230,000 people, officials said",
    ]
    even = Group("g2", GroupKind.REWORDED, 40.0, (Span("a", 0, 16), Span("b", 0, 29)))
    assert widen_short_spans(documents, [even], _quotation) == (even,)
    hidden = Group("g3", GroupKind.FRAGMENT, 40.0, short.spans)
    assert widen_short_spans(documents, [hidden], _quotation) == (hidden,)
    year = Group("g4", GroupKind.VERBATIM, 100.0, (Span("a", 3, 16), Span("b", 0, 15)))  # no count
    assert widen_short_spans(documents, [year], _quotation) == (year,)


@pytest.fixture(scope="module")
def sample():
    documents = load_corpus([ROOT / "sample_corpus"]).documents
    return documents, align(documents)


def test_the_sample_tolls_show_their_clause(sample) -> None:
    """"killing 1,300 people" (003), short beside "resulted in the death of over 700 Israelis",
    is shown as the clause that says who killed them; the long sentence's mention, whose
    clause runs on, keeps its words."""
    documents, groups = sample
    by_id = {doc.id: doc for doc in documents}
    (group,) = [
        g for g in groups
        if not g.hidden and "resulted in the death of over 700 Israelis" in [s.text(by_id[s.doc]) for s in g.spans]
    ]
    texts = [s.text(by_id[s.doc]) for s in group.spans]
    assert "Hamas stormed Israeli towns, killing 1,300 people and seizing scores of hostages" in texts
    assert all(t.count(". ") == 0 for t in texts)


POVETKIN = [
    "Rahman, world champion in 2001 and a title holder again later, replaced Alexander Povetkin, "
    "who withdrew with an injury. The crowd in Mannheim booed.",
    "Rahman (45-7-2, 36 KOs) got the title shot when Alexander Povetkin withdrew with an ankle "
    "injury. Klitschko was never troubled.",
    "The fight was stopped in the seventh round. Promoters said a rematch was unlikely.",
]


def test_figures_of_different_kinds_do_not_disagree() -> None:
    """A year and a record ("in 2001" / "45-7-2, 36 KOs") next to the same word give no
    different figures of one thing: the claim (Povetkin withdrew injured, Rahman replaced him)
    stands. Compared whatever their kind, the two sentences disagreed and no claim was found."""
    (claim,) = claims_of(POVETKIN, AlignOptions())
    assert [d for d, _, _ in claim.spans] == [0, 1]
    assert "Povetkin withdrew with an ankle injury" in POVETKIN[1][claim.spans[1][1] : claim.spans[1][2]]
    assert claims_of(POVETKIN, AlignOptions(claim_figure_kinds=False)) == []


def test_a_year_alone_and_a_date_in_that_year_do_not_disagree() -> None:
    (year,) = sentence_units(0, "Memories of 2002 came back, when quakes killed people in Manokwari.")
    (date,) = sentence_units(1, "On 10 October 2002, a quake killed people in Manokwari.")
    (other,) = sentence_units(2, "On 10 October 2004, a quake killed people in Manokwari.")
    assert not conflict(figure_sets(year), figure_sets(date))
    assert conflict(figure_sets(year), figure_sets(date), kinds=False)
    assert conflict(figure_sets(year), figure_sets(other))


DEADLINE = [
    "Mr. Trump has threatened to scrap the deal as soon as May 12, if Britain, France and Germany do "
    "not agree to wholesale changes. Netanyahu spoke in Tel Aviv on Monday evening. Iran called him "
    "a liar. Oil prices rose in Asian trading.",
    "The president faces a May 12 deadline to decide whether to re-ratify it. Netanyahu showed files "
    "on a large screen. Tehran rejected the claims as propaganda. European diplomats urged calm.",
    "Netanyahu's presentation came just days before a self-imposed May 12 deadline for the "
    "administration to withdraw from the nuclear deal. The files were seized in January. Analysts "
    "said little was new. The speech was broadcast live.",
]


def test_a_date_shared_by_a_claim_brings_a_third_wording_in() -> None:
    """"as soon as May 12" shares no word of a claim with "a May 12 deadline", only the date:
    a date tells one fact by itself, so the third outlet joins the claim the other two state.
    Without it, the claim had two members."""
    (claim,) = claims_of(DEADLINE, AlignOptions())
    spans = [DEADLINE[d][s:e] for d, s, e in claim.spans]
    assert [d for d, _, _ in claim.spans] == [0, 1, 2] and "May 12" in spans[0]
    (two,) = claims_of(DEADLINE, AlignOptions(claim_shared_figure=0.0))
    assert [d for d, _, _ in two.spans] == [1, 2]


def test_which_figures_tell_a_fact_by_themselves() -> None:
    assert all(map(telling_figure, ["date:5-12", "time:2:30", "score:9-14", "%:25", "n:14000", "range:24-26"]))
    assert not any(map(telling_figure, ["year:2001", "n:36", "n:50", "vague:24-99"]))


NAFTA = [
    "An extension of the tariff deadline was more widely expected for Canada and Mexico, which are "
    "still in negotiations with the United States over Nafta. The European Union said it would "
    "respond. Steel shares rose in New York.",
    "Extensions for Canada and Mexico had been expected, as Washington, Mexico City and Ottawa work "
    "on revamping the North American Free Trade Agreement. Brussels wants a permanent exemption. "
    "Aluminium prices fell on Monday.",
    "The White House announced the delay late on Monday. South Korea agreed to a quota on its steel "
    "shipments. Officials declined to comment.",
]


def test_a_name_spelled_out_and_abbreviated_is_one_term() -> None:
    """"Nafta" / "the North American Free Trade Agreement": one term, and the claim (extensions
    for Canada and Mexico were expected, tied to the trade talks) is found; with the name's five
    words against "Nafta", the pair was too weak."""
    units = with_acronyms(NAFTA, [u for d, text in enumerate(NAFTA) for u in sentence_units(d, text)])
    (spelled,) = [u for u in units if "North American" in NAFTA[u.doc][u.start : u.end]]
    (name,) = [(t, a, b) for t, a, b in spelled.terms if t == "nafta"]
    assert NAFTA[1][name[1] : name[2]] == "North American Free Trade Agreement"
    assert not {"north", "american", "free", "trade", "agreement"} & spelled.bag
    (claim,) = claims_of(NAFTA, AlignOptions())
    assert [d for d, _, _ in claim.spans] == [0, 1] and NAFTA[0][claim.spans[0][1] : claim.spans[0][2]].endswith("over Nafta")
    assert claims_of(NAFTA, AlignOptions(claim_acronyms=False)) == []


def test_names_not_written_both_ways_keep_their_words() -> None:
    texts = ["Officials in Mexico City met the Free Trade Commission on Monday.", "The talks went on."]
    units = [u for d, text in enumerate(texts) for u in sentence_units(d, text)]
    assert with_acronyms(texts, units) == units


RETALIATION = [
    "The EU has drawn up a list of US goods for retaliation, including orange juice, cranberries and "
    "motorcycles. Britain welcomed the delay. Markets were calm.",
    "Brussels has threatened duties on U.S.-made motorcycles and orange juice. The decision came late "
    "on Monday. Canada said it would wait.",
    "Mexico said talks would go on. The White House gave no details. South Korea agreed to quotas.",
    "Ottawa is still weighing its response. The steel industry praised the move. Prices held steady.",
]


def test_two_outlets_sharing_rare_words_state_one_claim() -> None:
    """"orange juice, cranberries and motorcycles" / "motorcycles and orange juice": a claim of
    two articles only, whose pair scores below ``claim_pair_score``, but the words they share
    (not names) are found in no third article."""
    (claim,) = claims_of(RETALIATION, AlignOptions())
    assert [RETALIATION[d][s:e] for d, s, e in claim.spans] == [
        "including orange juice, cranberries and motorcycles", "duties on U.S.-made motorcycles and orange juice",
    ]
    assert claims_of(RETALIATION, AlignOptions(claim_rare_words=0)) == []
    assert claims_of(RETALIATION[:3], AlignOptions()) == []  # two other articles at least


def test_no_word_is_rare_in_a_corpus_of_few_documents() -> None:
    units = [u for d, text in enumerate(RETALIATION) for u in sentence_units(d, text)]
    assert "juic" in rare_words(units)
    assert rare_words([u for u in units if u.doc < 3]) == frozenset()


def test_words_that_say_who_told_are_no_rare_claim(monkeypatch) -> None:
    """"spoke on condition of anonymity" in two outlets is a formula of sourcing, not a claim."""
    texts = [
        "The officials spoke on condition of anonymity to describe internal deliberations. Britain "
        "welcomed the delay. Markets were calm.",
        "The US official, speaking to the Journal on condition of anonymity, also said that a deal "
        "with South Korea would be announced. The decision came late on Monday. Canada said it would wait.",
        "Mexico said talks would go on. The White House gave no details. Seoul agreed to quotas.",
        "Ottawa is still weighing its response. The steel industry praised the move. Prices held steady.",
    ]
    assert claims_of(texts, AlignOptions()) == []
    monkeypatch.setattr(terms_module, "SOURCING", frozenset())
    assert len(claims_of(texts, AlignOptions())) == 1


_PIECES = [
    "the North American Free Trade Agreement", "Nafta", "NAFTA", "the World Boxing Council", "WBC",
    "talks", "went on", "in Mexico City", "and", "Canada,", "said.", "The", "Free Trade", "of the",
    "Organization of Islamic Cooperation", "OIC", "(OIC)", "\n", "2018", "officials",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14), min_size=2, max_size=3))
def test_names_made_one_term_keep_the_units_whole(docs) -> None:
    """Whatever the text: each sentence keeps its range, its terms stay in text order inside it
    without overlapping, its bag is its terms, one clause per term; a name made one term
    covers a stretch whose capitalised initials are the abbreviation."""
    texts = [" ".join(words) + "." for words in docs]
    units = [u for d, text in enumerate(texts) for u in sentence_units(d, text)]
    renamed = with_acronyms(texts, units)
    assert [(u.doc, u.start, u.end) for u in renamed] == [(u.doc, u.start, u.end) for u in units]
    for unit in renamed:
        spans = [(a, b) for _, a, b in unit.terms]
        assert spans == sorted(spans) and all(unit.start <= a < b <= unit.end for a, b in spans)
        words = [(t, a, b) for t, a, b in unit.terms if ":" not in t and t[0] != "~"]
        assert all(b1 <= a2 for (_, _, b1), (_, a2, _) in zip(words, words[1:]))
        assert unit.bag == frozenset(t for t, _, _ in unit.terms) and unit.common <= unit.bag
        assert not unit.clauses or len(unit.clauses) == len(unit.terms)
        for term, a, b in unit.terms:
            stretch = texts[unit.doc][a:b]
            if " " in stretch and ":" not in term:
                initials = "".join(w[0] for w in stretch.split() if w[0].isupper())
                assert term in {stem(initials.lower()), stem("".join(w[0] for w in stretch.split()).lower())}


def test_a_word_written_in_lower_case_is_no_abbreviation() -> None:
    """"The" is the initials of "Trade Hub Europe", but the corpus writes "the": no abbreviation."""
    texts = ["The Trade Hub Europe opened on Monday.", "The port is the busiest in the region."]
    units = [u for d, text in enumerate(texts) for u in sentence_units(d, text)]
    assert with_acronyms(texts, units) == units
