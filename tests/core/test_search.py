"""Fuzzy search across articles: exact and misspelt phrases, offsets into Document.text."""

from __future__ import annotations

from pathlib import Path

from reader.core.corpus import documents_from_texts, load_corpus
from reader.core.search import search, snippet


def test_exact_phrase_found_in_every_article_with_exact_offsets() -> None:
    docs = documents_from_texts(
        {
            "a": "Tehran called for an Emergency  Meeting of the OIC.",
            "b": "An emergency meeting was requested.",
            "c": "Nothing relevant here.",
        }
    )
    hits = search(docs, "emergency meeting")
    texts = {d.id: d.text for d in docs}
    assert {h.doc for h in hits} == {"a", "b"}
    for hit in hits:
        assert hit.score == 100.0
        assert texts[hit.doc][hit.start : hit.end].lower().split() == ["emergency", "meeting"]


def test_misspelt_name_is_found_fuzzily() -> None:
    docs = documents_from_texts({"a": 'spokesperson, Nasser Kanaani, stated on Monday'})
    (hit,) = search(docs, "Naser Kanani")
    assert docs[0].text[hit.start : hit.end] == "Nasser Kanaani"
    assert 75 <= hit.score < 100


def test_unrelated_query_and_blank_query_find_nothing() -> None:
    docs = documents_from_texts({"a": "Iran denied involvement in the attacks."})
    assert search(docs, "zebra crossing protocol") == ()
    assert search(docs, "   ") == ()


def test_hits_do_not_overlap_and_best_come_first(sample_corpus_path: Path) -> None:
    corpus = load_corpus([sample_corpus_path])
    hits = search(corpus.documents, "Amir-Abdollahian")
    assert len({h.doc for h in hits}) >= 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        for a, b in by_doc.get(hit.doc, []):
            assert hit.end <= a or b <= hit.start
        by_doc.setdefault(hit.doc, []).append((hit.start, hit.end))


def test_snippet_is_one_line_and_locates_the_hit() -> None:
    (doc,) = documents_from_texts({"a": "first line\nsecond line with the word here\nthird"})
    start = doc.text.index("word")
    text, a, b = snippet(doc, start, start + 4, context=10)
    assert "\n" not in text and text[a:b] == "word"


def test_snippet_is_cut_at_word_boundaries_with_an_ellipsis() -> None:
    (doc,) = documents_from_texts({"a": "Iranian foreign minister Hossein Amirabdollahian praised the rampage as a historic victory on Saturday."})
    start = doc.text.index("rampage")
    text, a, b = snippet(doc, start, start + len("rampage"), context=12)
    assert text == "\u2026praised the rampage as a\u2026"
    assert text[a:b] == "rampage"
    words = set(doc.text.split())
    assert all(word in words for word in text.strip("\u2026").split())
    # The whole article fits: no ellipsis at all.
    whole, a, b = snippet(doc, start, start + 7, context=500)
    assert whole == doc.text and whole[a:b] == "rampage"


def test_find_phrase_is_word_for_word_up_to_case_quotes_dashes_and_space() -> None:
    from reader.core.search import find_phrase

    text = "Iran\u2019s minister said\n  the talks would resume. Iranian talks \u2014 the  Talks would resume & more."
    assert [text[s:e] for s, e in find_phrase(text, "iran's minister")] == ["Iran\u2019s minister"]
    assert [text[s:e] for s, e in find_phrase(text, "the talks would resume")] == ["the talks would resume", "the  Talks would resume"]
    assert find_phrase(text, "Iran") == [(0, 4)]  # not inside "Iranian"
    assert [text[s:e] for s, e in find_phrase(text, "talks - the")] == ["talks \u2014 the"]
    assert [text[s:e] for s, e in find_phrase(text, "resume and more")] == ["resume & more"]
    assert find_phrase(text, "  ") == [] and find_phrase(text, "absent words") == []
    assert find_phrase("a a a", "a a") == [(0, 3), (2, 5)]
