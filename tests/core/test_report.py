"""The alignment as plain data."""

from __future__ import annotations

import json

from reader.core.models import Document, Group, GroupKind, Span
from reader.core.align.report import alignment_dict


def test_alignment_dict_shape_and_text_slices() -> None:
    docs = (
        Document(id="a", path="/x/a.txt", title="A title", text="A title\nThey said \u201cno deal\u201d today."),
        Document(id="b", path="/x/b.txt", title="B", text="B\nno deal"),
    )
    groups = (
        Group(
            id="g1",
            kind=GroupKind.QUOTE,
            score=97.5,
            spans=(Span("a", 19, 26, quoted=True, speaker="They"), Span("b", 2, 9)),
        ),
    )
    result = alignment_dict(docs, groups)
    assert result["documents"] == [
        {"id": "a", "path": "/x/a.txt", "title": "A title", "chars": len(docs[0].text)},
        {"id": "b", "path": "/x/b.txt", "title": "B", "chars": 9},
    ]
    (group,) = result["groups"]
    assert (group["id"], group["kind"], group["score"]) == ("g1", "quote", 97.5)
    assert group["spans"] == [
        {"doc": "a", "start": 19, "end": 26, "text": "no deal", "quoted": True, "speaker": "They"},
        {"doc": "b", "start": 2, "end": 9, "text": "no deal", "quoted": False, "speaker": None},
    ]
    assert json.loads(json.dumps(result)) == result


def test_no_groups() -> None:
    docs = (Document(id="a", path="a", title="", text=""),)
    assert alignment_dict(docs, ()) == {
        "documents": [{"id": "a", "path": "a", "title": "", "chars": 0}],
        "groups": [],
    }
