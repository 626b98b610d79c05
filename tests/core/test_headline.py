"""Titles from headlines past site boilerplate, and front matter read into Document fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.corpus import documents_from_texts, load_corpus, load_file
from reader.core.headline import TITLE_LIMIT, read_header, title_of
from reader.core.text import cut_words
from reader.core.models import LoadIssue, Severity

SAMPLE_TITLES = {
    "000_fdbc479513e48bf7": "Iran Calls For OIC Emergency Meeting Amid Hamas-Israeli Conflict",
    "001_c938040f0618f396": "Iran and Iraq\u2019s foreign ministers call for special OIC session on Palestine",
    "002_bb5c3c6f4d1732f7": "Iran Calls on Islamic, Arab Countries to Confront Israel Over Its War on Hamas",
    "003_824c59cc385230f4": "Hamas, Iran leaders agree to 'continue cooperation' after attack on Israel",
    "004_422bb6ef6b69d9a6": "Iran's Foreign Minister Hossein Amir-Abdollahian has defended the Hamas militant group's attack as\u2026",
}


def test_sample_corpus_titles_are_the_headlines(sample_corpus_path: Path) -> None:
    corpus = load_corpus([sample_corpus_path])
    assert {d.id: d.title for d in corpus.documents} == SAMPLE_TITLES
    by_id = corpus.by_id
    # 001's dateline sits under its headline: it is the article's date.
    assert by_id["001_c938040f0618f396"].date == "October 09,2023"
    assert all(d.front_matter_end == 0 for d in corpus.documents)


WIRE_PAGE = """Skip to main content
Menu
World | Business | Markets | Sustainability | Legal
Home » World » Middle East
Middle East
Gaza hospital strike: what we know about the blast

By Jane Doe and Omar Haddad
Updated 3 hours ago
October 18, 2023 10:15 AM GMT
Share
A blast at a hospital in Gaza City killed hundreds of people on Tuesday, Palestinian officials said.
"""


def test_headline_skips_navigation_menus_breadcrumbs_labels_bylines_and_dates() -> None:
    header = read_header(WIRE_PAGE)
    assert header.title == "Gaza hospital strike: what we know about the blast"
    assert header.date == "3 hours ago"


def test_breadcrumb_ending_in_the_headline_is_not_the_title() -> None:
    text = "Home \u203a News \u203a Qatar talks resume as mediators press for a truce\n\nQatar talks resume as mediators press for a truce\n\nBody text here.\n"
    assert title_of(text) == "Qatar talks resume as mediators press for a truce"


def test_a_headline_starting_with_by_is_not_a_byline() -> None:
    text = "By Reuters Staff\nBy the numbers: Gaza's toll after ten days\n\nThe figures come from the ministry.\n"
    assert title_of(text) == "By the numbers: Gaza's toll after ten days"


def test_contact_us_and_subscribe_are_never_titles() -> None:
    text = "Contact Us\nSubscribe\n\nFour ministers meet in Doha\n\nThey met on Sunday.\n"
    assert title_of(text) == "Four ministers meet in Doha"


def test_a_short_headline_wins_over_the_body_below_it() -> None:
    text = "Ceasefire collapses\n\nFighting resumed along the border on Friday morning, hours after a truce.\n"
    assert title_of(text) == "Ceasefire collapses"


def test_an_article_that_starts_with_its_body_is_titled_by_its_first_sentence() -> None:
    text = (
        "The minister met the group's leaders in Doha on Saturday. They discussed the war, "
        "the hostages and the crossings, officials said.\n"
    )
    assert title_of(text) == "The minister met the group's leaders in Doha on Saturday."


def test_titles_are_cut_at_a_word_boundary() -> None:
    long = "Officials " + " ".join(f"word{i}" for i in range(60))
    title = title_of(long)
    assert len(title) <= TITLE_LIMIT and title.endswith("\u2026")
    assert long.startswith(title[:-1]) and long[len(title) - 1] == " "
    assert cut_words("a" * 50, 10) == "a" * 9 + "\u2026"


FENCED = """---
title: "Iran calls for emergency OIC meeting"
outlet: Iran International
date: 2023-10-09
url: https://www.iranintl.com/en/202310091234
tags:
  - iran
  - oic
---
Iran Calls For OIC Emergency Meeting Amid Hamas-Israeli Conflict
Iran has requested an emergency meeting.
"""


def test_fenced_front_matter_fills_the_document_and_stays_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "iran-oic.md"
    path.write_text(FENCED, encoding="utf-8")
    result = load_file(path)
    assert not isinstance(result, LoadIssue)
    document, warning = result
    assert warning is None
    assert document.text == FENCED  # nothing removed: offsets still mean the file's text
    assert (document.title, document.outlet, document.date, document.url) == (
        "Iran calls for emergency OIC meeting",
        "Iran International",
        "2023-10-09",
        "https://www.iranintl.com/en/202310091234",
    )
    assert document.text[: document.front_matter_end].endswith("oic\n---\n")
    assert document.text[document.front_matter_end :].startswith("Iran Calls For OIC")


def test_plain_key_value_block_is_front_matter_too() -> None:
    text = "Title: Ministers call for special OIC session\nOutlet: Anadolu Agency\nDate: 9 October 2023\n\nThe foreign ministers of Iran and Iraq spoke.\n"
    (document,) = documents_from_texts({"a": text})
    assert (document.title, document.outlet, document.date, document.url) == (
        "Ministers call for special OIC session", "Anadolu Agency", "9 October 2023", None,
    )
    assert text[: document.front_matter_end] == "Title: Ministers call for special OIC session\nOutlet: Anadolu Agency\nDate: 9 October 2023\n"


def test_a_body_line_with_a_colon_is_not_front_matter() -> None:
    text = "Oct 15: Hamas leader Ismail Haniyeh met with Iran's foreign minister in Qatar.\n"
    header = read_header(text)
    assert header.end == 0 and header.warning is None and header.outlet is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("---\ntitle: Never closed\noutlet: Nowhere\n", "no closing '---'"),
        ("---\ntitle: Never closed\n\nBody of the article goes on.\n", "line 4 is not 'key: value'"),
        ("---\ntitle: A\nthis line is prose, not a key\n---\nHeadline of the article here\n", "line 3 is not 'key: value'"),
        ("---\n" + "".join(f"k{i}: v\n" for i in range(60)) + "---\nHeadline of the article here\n", "no closing '---' within 40 lines"),
        ("---\nnote: " + "x" * 5000 + "\n---\nHeadline of the article here\n", "4,096 characters"),
    ],
)
def test_malformed_or_oversized_front_matter_is_ignored_with_one_line(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    corpus = load_corpus([tmp_path])
    (document,) = corpus.documents
    assert document.front_matter_end == 0 and document.outlet is None and document.text == text
    assert document.title != "A" and not document.title.startswith("---")
    (issue,) = corpus.issues
    assert issue.severity is Severity.WARNING and why in issue.reason
    assert "\n" not in issue.line() and "bad.txt" in issue.line()


def test_front_matter_values_are_made_inert() -> None:
    header = read_header("---\ntitle: Evil \x1b]0;x\x07 title\noutlet: \u202eOutlet\n---\nBody.\n")
    assert "\x1b" not in header.title and "\u202e" not in (header.outlet or "")


def test_the_citation_gives_the_front_matter_outlet_and_date() -> None:
    from reader.core.citation import quote_with_citation

    (document,) = documents_from_texts({"a": FENCED})
    assert quote_with_citation("an emergency meeting", document) == (
        "\u201can emergency meeting\u201d \u2014 Iran calls for emergency OIC meeting, Iran International, 2023-10-09"
    )


LINES = st.sampled_from(["---", "...", "title: T", "Title: Headline words here", "outlet: O", "k: v", "  - x", "",
                         "Contact Us", "Home » News » Something happened today", "By Jane Doe", "Published 9 Oct 2023",
                         "Body text ends here.", "x" * 300, "\x1b[2J evil \u202e", "Oct 15: Hamas said"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=12), st.booleans())
def test_any_top_gives_a_one_line_title_and_a_front_matter_inside_the_text(lines: list[str], newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline else "")
    header = read_header(text)
    assert "\n" not in header.title and len(header.title) <= TITLE_LIMIT
    assert not any(ord(c) < 32 or c == "\u202e" for c in header.title)
    assert 0 <= header.end <= len(text)
    assert header.end == 0 or header.warning is None
