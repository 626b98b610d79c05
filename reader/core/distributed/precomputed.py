"""A precomputed alignment read back (``parallax CORPUS --alignment DIR``): the groups a
distributed run wrote to ``DIR/groups.jsonl``, kept for the articles of a corpus (a subset of the
one aligned). A group keeps its spans in those articles and needs two of them; a span whose text
no longer matches its article (the article changed since) drops its group, reported in one line
per article. The same module writes that file (:func:`write_groups`). Neither Dask nor pyarrow
is needed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reader.core.models import Document, Group, GroupKind, Span
from reader.core.text import printable

__all__ = ["AlignmentError", "group_line", "load_alignment", "write_groups"]

GROUPS_FILE = "groups.jsonl"


class AlignmentError(Exception):
    """The alignment cannot be read at all (one line naming the file)."""


def load_alignment(folder: str | os.PathLike[str], documents: Sequence[Document]) -> tuple[tuple[Group, ...], list[str]]:
    """The groups of ``folder``'s alignment among ``documents``, and one line per problem."""
    path = Path(folder) / GROUPS_FILE if Path(folder).is_dir() else Path(folder)
    by_id = {doc.id: doc for doc in documents}
    groups: list[Group] = []
    problems: list[str] = []
    stale: Counter[str] = Counter()
    try:
        stream = open(path, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise AlignmentError(f"{path}: {exc.strerror or type(exc).__name__}") from None
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                spans = [(s["doc"], int(s["start"]), int(s["end"]), s["text"], bool(s.get("quoted")), s.get("speaker")) for s in item["spans"]]
                kind = GroupKind(item["kind"])
                group_id, score, folded = str(item["id"]), float(item["score"]), item.get("folded_into")
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"skipped {printable(str(path))} line {number}: not a group ({printable(str(exc), 80)})")
                continue
            here = [s for s in spans if s[0] in by_id]
            if len({s[0] for s in here}) < 2:
                continue
            changed = {doc for doc, start, end, text, _, _ in here if by_id[doc].text[start:end] != text}
            if changed:
                stale.update(changed)
                continue
            groups.append(Group(group_id, kind, score, tuple(Span(d, s, e, q, w) for d, s, e, _, q, w in here), folded))
    known = {group.id for group in groups}
    groups = [g if g.folded_into is None or g.folded_into in known else Group(g.id, g.kind, g.score, g.spans, None) for g in groups]
    for doc_id, count in sorted(stale.items()):
        problems.append(
            f"skipped {count} precomputed group{'s' if count != 1 else ''} of {printable(doc_id)}: its text no longer matches {printable(str(path))}"
        )
    return tuple(groups), problems


def group_line(group: Group, texts: dict[str, str]) -> str:
    """One group as a line of ``groups.jsonl`` (as in ``parallax align --format json``)."""
    item: dict[str, Any] = {"id": group.id, "kind": group.kind.value, "score": group.score, "folded_into": group.folded_into}
    item["spans"] = [{**asdict(span), "text": texts[span.doc][span.start : span.end]} for span in group.spans]
    return json.dumps(item, ensure_ascii=False)


def write_groups(path: Path, documents: list[Document], groups: tuple[Group, ...]) -> None:
    """The groups as JSON Lines, through a temporary name."""
    texts = {doc.id: doc.text for doc in documents}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8", errors="surrogatepass") as stream:
        for group in groups:
            stream.write(group_line(group, texts) + "\n")
    tmp.replace(path)
