"""Re-anchoring never places an annotation on a *twin*: another copy of a repeated sentence or
quotation, when its own text is gone (issue 14, item 1). A copy the article had all along is no
evidence (:mod:`reader.core.annotate.twins`); an edited quotation stays within its own sentences
(:mod:`reader.core.annotate.edited`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotate import Annotation, AnchorStatus, anchor, new_annotation
from reader.core.annotate.context import words_kept
from reader.core.annotate.edited import cut_short, sentences_alike
from reader.core.annotate.twins import in_repeated_sentence, paragraph_hash, twin_record
from reader.core.corpus import documents_from_texts
from reader.core.models import Document
from reader.core.store import AnnotationStore, default_store_path

TITLE = "Trump postpones steel, aluminum tariffs until June\n"
SOURCE = "A source familiar with the decision said there would be no further extensions.\n"
SHORT = "President Donald Trump has postponed the imposition of steel and aluminum tariffs on Canada.\n"
LONG = (
    "President Donald Trump has postponed the imposition of steel and aluminum tariffs on Canada "
    "and Mexico until June 1. The decisions came hours before the exemptions were to expire.\n"
)
LATER = "In a statement, the White House said the details of the deals would be finalized shortly.\n"
TARIFFS = TITLE + SOURCE + SHORT + LONG + LATER

LEAD = "Netanyahu disparages Iran nuclear agreement.\n"
SUMMARY = "\"Iran's leaders repeatedly deny ever pursuing nuclear weapons,\" said Netanyahu. \"Iran lied.\"\n"
DATELINE = "TEL AVIV (Reuters) - Israel presented what it said was evidence, calling on Washington to jettison the agreement.\n"
BODY = "\"Iran's leaders repeatedly deny ever pursuing nuclear weapons,\" Netanyahu said in a televised address.\n"
FILES = "The archive held some 100,000 secret files taken from a warehouse in Tehran, officials said.\n"
IRAN = LEAD + SUMMARY + DATELINE + BODY + FILES


def doc(text: str) -> Document:
    return documents_from_texts({"a": text})[0]


def at(text: str, phrase: str, *, after: str = "") -> Annotation:
    start = text.index(phrase, text.index(after) if after else 0)
    return new_annotation(doc(text), start, start + len(phrase))


def old_record(a: Annotation) -> Annotation:
    """The annotation as a record made before the twin fields existed reads."""
    record = a.to_record()
    for name in ("copies", "quote_copies", "paragraph"):
        record.pop(name, None)
    return Annotation.from_record(record)


# -- what is recorded ----------------------------------------------------------------------------


def test_only_a_repeated_quotation_records_its_twins() -> None:
    unique = at(TARIFFS, "details of the deals")
    assert (unique.copies, unique.quote_copies, unique.paragraph) == (None, None, None)
    assert not {"copies", "quote_copies", "paragraph"} & set(unique.to_record())
    donald = at(TARIFFS, "Donald", after=SHORT)
    assert donald.quote_copies == 2 and donald.copies == 2  # "President Donald Trump has postponed the imposit"
    assert donald.paragraph == paragraph_hash(TARIFFS, donald.start, donald.end)
    # The short paragraph's sentence stands again, longer, in the next one: a repeated sentence,
    # although the quotation is there only once.
    assert in_repeated_sentence(TARIFFS, TARIFFS.index(SHORT), TARIFFS.index(SHORT) + 20)
    source = TARIFFS.index("no further")
    assert twin_record(TARIFFS, source, source + 10, "", "") == (None, None, None)


# -- the twin of a deleted copy ------------------------------------------------------------------


def test_a_deleted_sentence_is_not_found_again_in_its_twin() -> None:
    a = at(TARIFFS, "Donald", after=SHORT)
    edited = TITLE + SOURCE + LONG + LATER
    # The twin slides into the very offsets, with the same 32 characters on each side.
    assert edited[a.start - len(a.prefix) : a.end + len(a.suffix)] == a.prefix + a.exact + a.suffix
    placed = anchor(a, doc(edited))
    assert placed.status is AnchorStatus.ORPHAN
    # Its twin's own annotation is still found where it is.
    twin = at(TARIFFS, "Donald", after=LONG)
    assert anchor(twin, doc(edited)).start == edited.index("Donald", edited.index(LONG))


def test_a_deleted_copy_is_not_found_again_in_a_twin_with_nearly_its_context() -> None:
    lead = "The tariffs have increased frictions with American trading partners worldwide and have prompted several challenges before the World Trade Organization.\n"
    body = "The tariffs, which have increased frictions with American trading partners worldwide and have prompted several challenges before the World Trade Organization, are aimed at the industry.\n"
    text = TITLE + lead + LATER + body
    a = at(text, "American trading partners worldwide and have prompted several")
    # The sentences differ (no repeated sentence), but its nearest context stands twice: close
    # twins, told apart only 30 characters away.
    assert (a.quote_copies, a.copies) == (2, 1) and a.paragraph is not None
    edited = TITLE + LATER + body
    assert anchor(a, doc(edited)).status is AnchorStatus.ORPHAN
    # With its copy still there, the annotation is found (an edit elsewhere).
    placed = anchor(a, doc(TITLE + lead + LATER.replace("shortly", "soon") + body))
    assert (placed.status, placed.start) == (AnchorStatus.EXACT, a.start)


def test_a_copy_lost_elsewhere_leaves_its_own_found_by_its_whole_unique_context() -> None:
    lead = "Tehran has called for an emergency meeting of the Organization of Islamic Cooperation, the agency said.\n"
    body = (
        "Kanaani stated on Monday that \"Tehran has called for an emergency meeting of the Organization of "
        "Islamic Cooperation (OIC) to discuss regional developments.\"\n"
    )
    text = lead + LATER + body
    a = at(text, "Organization of", after=body)
    assert a.paragraph is not None and a.copies == 1  # close twins, but its whole context stood once
    # The lead's copy deleted, its own paragraph edited away from it: its whole stored context
    # is still around it, which the twin's never was.
    edited = LATER + body.replace("Kanaani stated", "Nasser Kanaani, the spokesman, stated")
    placed = anchor(a, doc(edited))
    assert (placed.status, placed.start) == (AnchorStatus.MOVED, edited.index("Organization of"))


def test_a_passage_split_from_its_repeated_sentence_is_not_found_where_a_twin_joins_it() -> None:
    a = at(TARIFFS, "the decision said there would be no further extensions.\nPresident Donald Trump")
    assert a.paragraph is not None and a.quote_copies == 1  # the short paragraph's sentence is repeated
    # The short paragraph moved away: its twin now follows the first paragraph, the same words
    # with the same context on each side; edits before it shifted it.
    edited = "Breaking news from Washington this morning, officials said.\n" + TITLE + SOURCE + LONG + LATER + SHORT
    assert a.prefix + a.exact + a.suffix in edited
    assert anchor(a, doc(edited)).status is AnchorStatus.ORPHAN
    # Still where it was (an edit elsewhere), it is found.
    placed = anchor(a, doc(TARIFFS.replace("finalized shortly", "finalized soon")))
    assert (placed.status, placed.start) == (AnchorStatus.EXACT, a.start)


def test_a_repeated_quotation_follows_its_own_paragraph_not_the_twin_in_place() -> None:
    a = at(IRAN, "repeatedly", after=BODY)
    moved = LEAD + SUMMARY + DATELINE + FILES + BODY
    placed = anchor(a, doc(moved))
    assert placed.placed and placed.start == moved.index("repeatedly", moved.index(BODY))
    # Its paragraph deleted, the twin in the summary is not its place.
    assert anchor(a, doc(LEAD + SUMMARY + DATELINE + FILES)).status is AnchorStatus.ORPHAN


def test_a_repeated_sentence_in_its_unchanged_paragraph_is_still_placed() -> None:
    a = at(IRAN, "repeatedly deny", after=BODY)
    edited = LEAD.replace("disparages", "attacks") + SUMMARY + DATELINE + BODY + FILES
    placed = anchor(a, doc(edited))
    assert placed.placed and placed.start == edited.index("repeatedly deny", edited.index(BODY))
    summary = at(IRAN, "repeatedly deny")
    placed = anchor(summary, doc(edited))
    assert placed.placed and placed.start == edited.index("repeatedly deny")


def test_a_duplicated_paragraph_keeps_the_original() -> None:
    a = at(IRAN, "repeatedly deny", after=BODY)
    after = LEAD + SUMMARY + DATELINE + BODY + FILES + BODY
    placed = anchor(a, doc(after))
    assert (placed.status, placed.start) == (AnchorStatus.EXACT, a.start)
    before = LEAD + BODY + SUMMARY + DATELINE + BODY + FILES
    placed = anchor(a, doc(before))
    assert placed.placed and placed.start == a.start + len(BODY)


# -- an edited quotation stays within its own sentences ------------------------------------------


GAZA = (
    "According to the Israeli side, the attack killed at least 1,400 Israelis. At least 150 were taken "
    "hostages, many from various nationalities.\nMeanwhile, about 2,750 people were killed in the Gaza Strip "
    "and more than 9,700 were injured. In the West Bank, 58 people were killed and more than 1,250 were "
    "injured, the Palestinian Health Ministry said.\n"
)


def test_an_edited_quotation_is_not_stretched_into_the_next_sentence() -> None:
    a = at(GAZA, "least 150 were taken hostages, many from various nationalities.\nMeanwhile, about 2,750 people were killed in the Gaza Strip")
    deleted = "Meanwhile, about 2,750 people were killed in the Gaza Strip and more than 9,700 were injured. "
    edited = GAZA.replace(deleted, "")
    placed = anchor(a, doc(edited))
    assert not placed.placed or "West Bank" not in edited[placed.start : placed.end]
    assert not sentences_alike(a.exact, "least 150 were taken hostages, many from various nationalities.\nIn the West Bank, 58 people were killed")
    assert sentences_alike(a.exact, a.exact.replace("about", "some"))


def test_an_edited_quotation_is_not_cut_short_where_its_last_words_recur() -> None:
    text = (
        "NEW: US official confirms what Netanyahu said. Israel shared the Iranian files with the U.S. And the "
        "U.S. verified the material as authentic, I'm told.\nIt was unclear if U.S. intelligence had verified it.\n"
    )
    a = at(text, "shared the Iranian files with the U.S. And")
    edited = text.replace(" And the U.S. ", "")
    placed = anchor(a, doc(edited))
    assert not placed.placed or edited[placed.start : placed.end].endswith("U.S.")
    assert cut_short(a.exact, "Israel ", "shared the Iranian files with", " the U.S.verified the material")
    assert not cut_short(a.exact, "Israel ", "shared the Iranian files with the U.S. Then", " the U.S. verified")


def test_words_kept_counts_the_words_found_in_order() -> None:
    assert words_kept("about 2,750 people were killed", "about 2,750 people were killed") == 1.0
    assert words_kept("Meanwhile, about 2,750 people were killed in the Gaza Strip", "In the West Bank, 58 people were killed") < 0.5
    assert words_kept("...", "anything") == 1.0


# -- old records, the store ----------------------------------------------------------------------


def test_an_old_record_without_the_new_fields_still_reanchors() -> None:
    a = old_record(at(IRAN, "repeatedly deny", after=BODY))
    assert (a.copies, a.quote_copies, a.paragraph) == (None, None, None)
    edited = LEAD + SUMMARY + DATELINE + BODY.replace("televised", "live") + FILES
    placed = anchor(a, doc(edited))
    assert (placed.status, placed.start) == (AnchorStatus.EXACT, a.start)
    shifted = "Breaking. " + edited
    assert anchor(a, doc(shifted)).start == a.start + len("Breaking. ")


def test_the_new_fields_round_trip_through_the_store(tmp_path: Path) -> None:
    path = default_store_path(tmp_path)
    store = AnnotationStore.open(path)
    twin = store.add(at(TARIFFS, "Donald", after=SHORT))
    plain = store.add(at(TARIFFS, "details of the deals"))
    on_disk = {r["id"]: r for r in json.loads(path.read_text())["annotations"].values()}
    assert (on_disk[twin.id]["copies"], on_disk[twin.id]["quote_copies"]) == (2, 2)
    assert on_disk[twin.id]["paragraph"] == twin.paragraph
    assert not {"copies", "quote_copies", "paragraph"} & set(on_disk[plain.id])
    assert {a.id: a for a in AnnotationStore.open(path).all()} == {twin.id: twin, plain.id: plain}


@pytest.mark.parametrize("bad", [{"copies": "2"}, {"quote_copies": -1}, {"copies": True}, {"paragraph": 5}])
def test_a_bad_twin_field_is_refused_by_name(bad: dict[str, object]) -> None:
    record = {**at(TARIFFS, "Donald", after=SHORT).to_record(), **bad}
    with pytest.raises(ValueError, match=next(iter(bad))):
        Annotation.from_record(record)


def test_a_record_keeps_its_twin_fields_when_edited() -> None:
    a = at(TARIFFS, "Donald", after=SHORT)
    assert Annotation.from_record(replace(a, note="later").to_record()) == replace(a, note="later")
