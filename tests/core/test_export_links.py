"""Verdicts and links in every export that can hold them: JSON Lines and W3C losslessly (the W3C
output against the JSON Schema), brat the links within one article (and one line for the rest),
Markdown as sections; CSV holds annotations only."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import jsonschema
import pytest

from reader.core.annotate import new_id
from reader.core.annotate.links import Link, new_link
from reader.core.annotate.verdicts import Verdict, VerdictKind, new_verdict
from reader.core.export import export_annotations, export_notes, write_export
from reader.core.models import Corpus, Group, GroupKind, Span
from tests.core.test_export import SCHEMA, _make, corpus  # noqa: F401  (the fixture)


def _extras(corpus: Corpus, anchored) -> tuple[list[Verdict], list[Link]]:  # type: ignore[no-untyped-def]
    d0, d1 = corpus.documents[:2]
    group = Group("g-boiler", GroupKind.VERBATIM, 100.0, (Span(d0.id, 10, 50), Span(d1.id, 20, 60)))
    verdict = new_verdict(group, {d.id: d for d in corpus.documents}, VerdictKind.BOILERPLATE, new_id())
    placed = [a.annotation for a in anchored if a.placed]
    same_doc = [a for a in placed if a.doc == placed[0].doc]
    links = [
        new_link(same_doc[0].id, same_doc[1].id, "contradicts", new_id()),  # within one article
        new_link(placed[0].id, next(a for a in placed if a.doc != placed[0].doc).id, "same claim", new_id()),
        new_link(placed[-1].id, placed[0].id, "my own relation", new_id()),
    ]
    return [verdict], links


def test_jsonl_holds_verdicts_and_links_losslessly(corpus: Corpus) -> None:  # noqa: F811
    anchored = _make(corpus)
    verdicts, links = _extras(corpus, anchored)
    lines = [json.loads(line) for line in export_annotations(anchored, corpus, "jsonl", verdicts, links).splitlines()]
    kinds = [line["kind"] for line in lines]
    assert kinds == ["annotation"] * len(anchored) + ["verdict", "link", "link", "link"]
    (verdict_line,) = [line for line in lines if line["kind"] == "verdict"]
    verdict = verdicts[0]
    assert (verdict_line["id"], verdict_line["verdict"], verdict_line["group"], verdict_line["created"]) == (
        verdict.id, "boilerplate", "g-boiler", verdict.created,
    )
    docs = {d.id: d for d in corpus.documents}
    for got, span in zip(verdict_line["spans"], verdict.spans):
        assert (got["doc"], got["start"], got["end"], got["status"]) == (span.doc, span.start, span.end, "exact")
        assert got["exact"] == docs[span.doc].text[span.start : span.end]
    got_links = [Link.from_record(line) for line in lines if line["kind"] == "link"]
    assert got_links == links


def test_w3c_has_assessing_and_linking_annotations_that_pass_the_schema(corpus: Corpus) -> None:  # noqa: F811
    anchored = _make(corpus)
    verdicts, links = _extras(corpus, anchored)
    collection = json.loads(export_annotations(anchored, corpus, "w3c", verdicts, links))
    jsonschema.validate(collection, SCHEMA, cls=jsonschema.Draft202012Validator)
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(anchored) + 1 + len(links)
    (assessing,) = [i for i in items if i["motivation"] == "assessing"]
    assert assessing["body"] == [{"type": "TextualBody", "purpose": "assessing", "value": "boilerplate"}]
    assert [t["selector"][1] for t in assessing["target"]] == [
        {"type": "TextPositionSelector", "start": s.start, "end": s.end} for s in verdicts[0].spans
    ]
    linking = [i for i in items if i["motivation"] == "linking"]
    annotation_ids = {i["id"] for i in items if i["motivation"] not in ("assessing", "linking")}
    back = []
    for item, link in zip(linking, links):
        source, target = (uuid.UUID(t["id"].removeprefix("urn:uuid:")).hex for t in item["target"])
        assert {t["id"] for t in item["target"]} <= annotation_ids  # both ends are annotations of the page
        (body,) = item["body"]
        back.append(Link(uuid.UUID(item["id"].removeprefix("urn:uuid:")).hex, source, target, body["value"], item["created"]))
    assert back == links
    # The schema still refuses a linking annotation that targets a text span.
    broken = json.loads(json.dumps(collection))
    next(i for i in broken["first"]["items"] if i["motivation"] == "linking")["target"] = assessing["target"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_brat_holds_links_within_one_article_and_says_how_many_it_left_out(corpus: Corpus, tmp_path: Path) -> None:  # noqa: F811
    anchored = _make(corpus)
    verdicts, links = _extras(corpus, anchored)
    write_export(anchored, corpus, "brat", tmp_path / "brat", verdicts, links)
    source = next(a.annotation for a in anchored if a.annotation.id == links[0].source)
    content = (tmp_path / "brat" / f"{source.doc}.ann").read_text()
    entities = {}
    relations = []
    for line in content.splitlines():
        key, rest = line.split("\t", 1)
        if key.startswith("T"):
            kind_offsets, text = rest.split("\t")
            start = int(kind_offsets.split(" ")[1])
            entities.setdefault(start, key)
        elif key.startswith("R"):
            relations.append(rest)
    target = next(a for a in anchored if a.annotation.id == links[0].target)
    source_item = next(a for a in anchored if a.annotation.id == links[0].source)
    assert relations == [f"contradicts Arg1:{entities[source_item.start]} Arg2:{entities[target.start]}"]
    notes = export_notes(anchored, corpus, "brat", verdicts, links)
    assert notes == ("2 links left out of the brat export (brat holds links within one article only)",)
    assert export_notes(anchored, corpus, "jsonl", verdicts, links) == ()


def test_markdown_lists_links_and_verdicts(corpus: Corpus) -> None:  # noqa: F811
    anchored = _make(corpus)
    verdicts, links = _extras(corpus, anchored)
    report = export_annotations(anchored, corpus, "markdown", verdicts, links)
    assert "## Links (3)" in report and "**contradicts**" in report and "**my own relation**" in report
    assert "## Verdicts on shared passages (1)" in report and "**boilerplate**" in report
    assert "## Links" not in export_annotations(anchored, corpus, "markdown")
