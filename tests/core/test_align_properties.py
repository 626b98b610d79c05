"""Property tests: whatever the text, spans map back exactly and the output is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import AlignOptions, align
from reader.core.align.tokens import WORD_CHAR
from reader.core.corpus import documents_from_texts

WORDS = (
    "the of and minister said war crimes genocide Hamas leader Ismail Haniyeh Iran’s Iran's "
    "foreign \u201cquote\u201d 'single' & 1,300 $100m million attack Gaza café cafe\u0301 שלום "
    "مرحبا 😀 naïve Straße İstanbul ΣΊΣΥΦΟΣ \u202e \x1b \t"
).split(" ")

SEPARATORS = st.sampled_from([" ", " ", " ", "\n", ", ", ". ", "  ", "\u00a0", " - ", "\u2014"])
ODD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x1FFFF), max_size=6
)


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, str]:
    """A few documents from a small word pool (so n-grams repeat), with a passage copied into
    several of them, some copies edited, and odd Unicode sprinkled in."""
    def words(lo: int, hi: int) -> list[str]:
        return draw(st.lists(st.one_of(st.sampled_from(WORDS), ODD), min_size=lo, max_size=hi))

    def join(items: list[str]) -> str:
        out = []
        for item in items:
            out.append(item)
            out.append(draw(SEPARATORS))
        return "".join(out)

    passage = words(0, 25)
    count = draw(st.integers(1, 4))
    texts = {}
    for k in range(count):
        copy = list(passage)
        if copy and draw(st.booleans()):
            at = draw(st.integers(0, len(copy) - 1))
            copy[at] = draw(st.sampled_from(WORDS))
        texts[f"d{k}"] = join(words(0, 12) + copy + words(0, 12))
    return texts


def check(texts: dict[str, str], options: AlignOptions) -> None:
    documents = documents_from_texts(texts)
    groups = align(documents, options)
    by_id = {doc.id: doc.text for doc in documents}
    for group in groups:
        assert len(group.doc_ids) >= 2
        assert 0 <= group.score <= 100
        for span in group.spans:
            text = by_id[span.doc]
            assert 0 <= span.start < span.end <= len(text)
            piece = text[span.start : span.end]
            assert piece == piece.strip()
            if span.start > 0:
                assert not (WORD_CHAR.match(text, span.start - 1) and WORD_CHAR.match(text, span.start))
            if span.end < len(text):
                assert not (WORD_CHAR.match(text, span.end - 1) and WORD_CHAR.match(text, span.end))
    assert [g.id for g in groups] == [f"g{k}" for k in range(1, len(groups) + 1)]
    assert align(documents, options) == groups


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_spans_map_back_with_default_options(texts: dict[str, str]) -> None:
    check(texts, AlignOptions())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.integers(1, 4), st.integers(1, 6), st.integers(0, 20))
def test_spans_map_back_with_other_options(texts: dict[str, str], ngram: int, min_words: int, gap: int) -> None:
    check(
        texts,
        AlignOptions(
            ngram=ngram, min_words=min_words, merge_gap=gap, min_score=0, self_matches=gap % 2 == 0,
            sentence_reach=gap % 4, link_gap=gap % 3 * 5,
        ),
    )


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("abc"), st.text(max_size=80), max_size=3))
def test_arbitrary_text_never_crashes(texts: dict[str, str]) -> None:
    check(texts, AlignOptions(min_words=1, min_content_words=0, min_content_chars=0, ngram=1, min_score=0))
