"""reader.core.voices: speakers resolved across the sample corpus, names and titles, pronouns,
and quotations carried by several articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align.quotes import Quotation
from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.voices import find_voices, resolve_speakers
from reader.core.voices.attribution import attribute
from reader.core.voices.names import clean, parse, role_key, same_person, titled_names
from reader.core.voices.quotes import same_quote


@pytest.fixture(scope="module")
def speakers():
    corpus = load_corpus([Path(__file__).resolve().parents[2] / "sample_corpus"])
    return find_voices(corpus.documents)


def _speaker(speakers, name: str):
    found = [s for s in speakers if s.name == name]
    assert len(found) == 1, [s.name for s in speakers]
    return found[0]


def test_amir_abdollahian_is_one_speaker_under_three_spellings_and_his_titles(speakers) -> None:
    him = _speaker(speakers, "Hossein Amir-Abdollahian")
    written = " | ".join(him.names)
    for spelling in ("Amir-Abdollahian", "Amirabdollahian", "Iran's foreign minister", "The Iranian foreign minister", "he"):
        assert spelling in written
    assert {d[:3] for d in him.doc_ids} == {"001", "003", "004"}
    texts = {s.text for q in him.quotes for s in q.spans}
    assert "historic victory" in texts and "natural reaction" in texts
    assert any(t.startswith("If the Israeli regime") for t in texts)  # '..., he noted'


def test_raisi_likewise(speakers) -> None:
    raisi = _speaker(speakers, "Ebrahim Raisi")
    assert {"Raisi", "Iran's President Ebrahim Raisi", "Iranian President Ebrahim Raisi", "The Iranian president"} <= set(raisi.names)
    assert {d[:3] for d in raisi.doc_ids} == {"001", "002", "004"}
    assert "will not last." in {s.text for q in raisi.quotes for s in q.spans}  # "He called on ...": Raisi


def test_khamenei_and_the_iraqi_counterpart_stay_apart(speakers) -> None:
    khamenei = _speaker(speakers, "Ali Khamenei")
    assert set(khamenei.names) == {"Iran's Supreme Leader Ayatollah Ali Khamenei", "Khamenei"}
    for speaker in speakers:
        if speaker.name in ("Hossein Amir-Abdollahian", "Ebrahim Raisi"):
            assert not any("Khamenei" in n or "Hussein" in n or "counterpart" in n for n in speaker.names)


def test_names_titles_and_bodies() -> None:
    assert parse("Iran's Foreign Minister Hossein Amir-Abdollahian") == parse("Iran's Foreign Minister Hossein Amir-Abdollahian")
    parsed = parse("Iran's Foreign Minister Hossein Amir-Abdollahian")
    assert (parsed.title, parsed.name) == ("Iran's Foreign Minister", "Hossein Amir-Abdollahian")
    assert role_key("Iran's foreign minister") == role_key("the Iranian Foreign Minister") == ("iran", "foreign minister")
    assert parse("Hamas").name == "Hamas" and parse("he").pronoun
    assert same_person("Abdollahian", "Hossein Amir-Abdollahian")
    assert not same_person("Hossein Jalali", "Hossein Amir-Abdollahian")
    assert not same_person("Ali Khamenei", "Hassan Khamenei")
    assert clean("Netanyahu displayed what he") == "Netanyahu"
    assert clean("'' Smith has often") == "Smith"
    assert clean("while the government") is None


def test_a_title_held_by_two_people_stays_unresolved() -> None:
    titled = [("Iranian minister", "Ali Jones"), ("Iranian minister", "Bob Smith")]
    assert resolve_speakers(["the Iranian minister"], titled)["the Iranian minister"] == "Iranian minister"


def test_subject_and_pronoun_attribution() -> None:
    text = ('Iran\'s leader Ali Khamenei spoke on Sunday. Khamenei referred to the war as "one of the '
            'manifestations of power".\n'
            '"We will continue," he said.\nResidents said "the ground shook" all night.')
    quotes = [Quotation(text.index(q), text.index(q) + len(q)) for q in
              ("one of the manifestations of power", "We will continue,", "the ground shook")]
    assert [r for _, r in attribute(text, quotes)] == ["Khamenei", "Khamenei", None]


def test_a_quotation_carried_by_two_outlets_is_one_with_its_wording_compared() -> None:
    docs = documents_from_texts({
        "a": 'Minister Ann Lee said: "We will rebuild every bridge within a year."',
        "b": 'Lee told reporters: "We will rebuild every single bridge within a year."',
    })
    (lee,) = find_voices(docs)
    (quote,) = lee.quotes
    assert quote.doc_ids == ("a", "b") and quote.same_wording is False
    assert same_quote("war crimes & genocide", "war crimes and genocide")


def test_groups_arriving_later_are_linked() -> None:
    from reader.core.align import AlignOptions, align
    from reader.core.voices import link_groups

    quote = "we will rebuild every bridge and every school in the valley before the winter comes"
    docs = documents_from_texts({"a": f'Minister Ann Lee said: "{quote}."', "b": f'Lee said on Monday: "{quote}."'})
    (lee,) = find_voices(docs)
    assert lee.quotes[0].group is None
    groups = align(docs, AlignOptions())
    (linked,) = link_groups([lee], groups)
    assert linked.quotes[0].group in {g.id for g in groups}


def test_a_title_word_inside_a_longer_word_names_no_one() -> None:
    # "Presidentß" is not the title "president": a letter outside a-z still continues a word.
    text = "Iran\u2019s President Ebrahim Raisi spoke.\n\nNo one else had anything to say about it at all. Foreign Presidentß"
    assert titled_names(text) == [("Iran's President", "Ebrahim Raisi")]
