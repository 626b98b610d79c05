"""Summaries found sentence by sentence in the long preset (reader.core.align.summary_pairs and
the sentence-level join of reader.core.align.summaries)."""

from __future__ import annotations

from reader.core.align import AlignOptions
from reader.core.align.context import Link
from reader.core.align.summaries import summary_links
from reader.core.align.summary_pairs import restated_pairs
from reader.core.align.terms import sentence_units
from reader.core.align.tokens import tokenize

SOURCE = [
    "A powerful storm swept across the northern coast on Tuesday night, flooding hundreds of homes in three fishing villages.",
    "Emergency crews worked through the night to rescue families trapped on rooftops as the water kept rising.",
    "The regional governor declared a state of emergency early on Wednesday and asked the army for helicopters.",
    "Local officials said the river burst its banks shortly after midnight, sweeping away two bridges.",
    "Farmers in the valley lost most of their winter harvest, and many cattle drowned in the fields.",
    "The weather service had warned of heavy rain for several days, but few residents chose to leave.",
    "Schools across the province will stay closed until the end of the week while engineers inspect the buildings.",
    "Power was cut to more than forty thousand households.",
    "The electricity company said repairs could take days.",
    "Volunteers from neighbouring towns brought blankets, bottled water and hot meals to the shelters.",
    "Insurance companies expect claims to reach record levels, according to an industry association.",
    "Scientists say storms of this strength have become more frequent along the coast over the past twenty years.",
    "Residents who returned to their homes on Wednesday afternoon found thick mud covering floors and furniture.",
    "The national railway suspended trains along the coastal line after a landslide buried the tracks near the tunnel.",
]
SUMMARY = [
    "Hundreds of homes in three fishing villages were flooded when a powerful storm hit the northern coast.",
    "More than forty thousand households lost power, and the company said the repairs could take days.",
    "Trains on the coastal line were suspended because a landslide buried tracks near the tunnel.",
]
HOST = [
    "The city council met on Monday to discuss the budget for the coming year.",
    "Several members asked for more money for parks and public libraries.",
    "The mayor said the city could not raise taxes again without hurting small businesses.",
    "A decision on the new swimming pool was postponed until the spring.",
    "The council also approved a plan to repaint the old market hall.",
    "Residents complained about the noise from the construction site near the station.",
    "The police promised more patrols in the old town during the summer festival.",
    "A new bus line will connect the university with the hospital from next month.",
    "The library will open on Sundays once the new budget is approved.",
    "Two members voted against the plan, saying the hall should be sold instead.",
]
OPTIONS = AlignOptions.long_passages()


def corpus(summary: list[str]) -> list[str]:
    """A council report with ``summary`` planted in its middle, and the storm article."""
    return [" ".join(HOST[:5]) + "\n\n" + " ".join(summary) + "\n\n" + " ".join(HOST[5:]), " ".join(SOURCE)]


def test_a_summary_sentence_restates_one_source_sentence_or_two_neighbours() -> None:
    """Each summary sentence is paired with the source sentence it compresses, scored by how
    much of the SHORTER (summary) sentence the shared terms cover; the power sentence draws on
    two neighbouring source sentences (the cut and the repairs), neither enough alone."""
    summary_units = sentence_units(0, " ".join(SUMMARY))
    source_units = sentence_units(1, " ".join(SOURCE))
    units = [*summary_units, *source_units]
    n = len(summary_units)
    found = {i: (j - n, j1 - n) for i, j, j1, _ in restated_pairs(units, [(0, 1)], OPTIONS) if i < n}
    assert found == {0: (0, 0), 1: (7, 8), 2: (13, 13)}


def test_three_restated_sentences_from_all_over_a_source_are_one_passage() -> None:
    """Three summary sentences restating sentences from the start, middle and end of an article
    are one passage: the summary's stretch with the article's, although the claims alone (four
    needed) would not make it one."""
    texts = corpus(SUMMARY)
    tokens = [tokenize(text) for text in texts]
    joined = summary_links([], tokens, OPTIONS, texts, [(0, 1)])
    assert len(joined) == 1
    link = joined[0]
    a, b = texts
    assert a[tokens[0].starts[link.a0] : tokens[0].ends[link.a1 - 1]] == " ".join(SUMMARY)[:-1]
    assert tokens[1].starts[link.b0] == 0 and b[tokens[1].starts[link.b1 - 1] :].startswith("tunnel")
    # Without sentence-level pairs, no summary.
    off = AlignOptions.long_passages(summary_cover=0.0)
    assert summary_links([], tokens, off, texts, [(0, 1)]) == []


def test_a_copied_passage_with_stray_sentences_is_no_summary() -> None:
    """The same restated sentences are no summary when one alignment of the word aligner covers
    most of their stretch: that is an edited copy of one passage."""
    texts = corpus(SUMMARY)
    tokens = [tokenize(text) for text in texts]
    (joined,) = summary_links([], tokens, OPTIONS, texts, [(0, 1)])
    copy = Link(0, joined.a0, joined.a1 - 5, 1, 10, 60, 70.0, False, 40)
    assert summary_links([], tokens, OPTIONS, texts, [(0, 1)], [copy]) == []


def test_a_short_document_restating_scattered_sentences_is_no_summary() -> None:
    """A summary is a stretch of its document: the three sentences alone, as a whole document
    against the article, are two texts on one subject (the restating stretch may be at most
    0.3 of its document)."""
    texts = [" ".join(SUMMARY), " ".join(SOURCE)]
    tokens = [tokenize(text) for text in texts]
    assert summary_links([], tokens, OPTIONS, texts, [(0, 1)]) == []


def test_a_summary_draws_its_sentences_from_many_places() -> None:
    """Sentences aligned one after the other with one passage of the source (a copy) and two
    strays are three places for seven alignments: no summary. Three sentences from three
    places are one."""
    from reader.core.align.summaries import join_summaries

    def link(a0: int, b0: int) -> Link:
        return Link(0, a0, a0 + 15, 1, b0, b0 + 15, 70.0, False, 15)

    copy = [link(300 + 15 * k, 500 + 15 * k) for k in range(5)]
    strays = [link(375, 50), link(390, 900)]
    assert join_summaries([*copy, *strays], 150, 3.0, [2000, 1000], ("a",), 3) == []
    summary = [copy[0], link(315, 50), link(330, 900)]
    (joined,) = join_summaries(summary, 150, 3.0, [2000, 1000], ("a",), 3)
    assert (joined.a0, joined.a1, joined.b0, joined.b1) == (300, 345, 50, 915)


def test_the_summaries_read_the_sentences_the_claims_stage_split(monkeypatch) -> None:
    """The long preset splits each article into sentences once: the summaries' sentence pairs
    read the claims stage's (not split again), and find what sentences split anew give."""
    from reader.core.align import align, summaries, summary_pairs
    from reader.core.corpus import documents_from_texts

    texts = corpus(SUMMARY)
    documents = documents_from_texts({"report": texts[0], "storm": texts[1]})
    options = AlignOptions.long_passages(workers=1)
    real = summaries.sentence_links
    monkeypatch.setattr(summaries, "sentence_links", lambda *args: real(*args[:4]))  # split anew
    expected = align(documents, options)
    assert any(span.doc == "report" and span.start <= texts[0].index(SUMMARY[0]) and span.end >= texts[0].index(SUMMARY[-1])
               for group in expected for span in group.spans)  # the summary, one passage
    monkeypatch.setattr(summaries, "sentence_links", real)

    def split_again(*args: object) -> None:
        raise AssertionError("sentences split again")

    monkeypatch.setattr(summary_pairs, "sentence_units", split_again)
    assert align(documents, options) == expected
