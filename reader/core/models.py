"""Domain values shared by every layer: frozen dataclasses, never raw storage documents.

Offsets are the contract between core, UI, store and export: every ``start``/``end`` is a pair
of Python ``str`` indices into :attr:`Document.text`, the article text exactly as loaded and as
shown, so ``document.text[span.start:span.end]`` is always the span's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Document:
    """One article as loaded: decoded, line endings made LF, nothing else changed."""

    id: str
    """Unique within a corpus: the file name without its extension (disambiguated if needed)."""
    path: str
    """Where it was read from (as given, resolved to an absolute path when read from disk)."""
    title: str
    """The title: front matter's, else the headline (:mod:`reader.core.headline`)."""
    text: str
    """The article text; every offset in Parallax indexes this string."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with."""
    outlet: str | None = None
    """Who published it, when its front matter says."""
    date: str | None = None
    """When, as its front matter (or a dateline at its top) writes it."""
    url: str | None = None
    """Where it was published, when its front matter says."""
    front_matter_end: int = 0
    """Where the front matter at the top of :attr:`text` ends (0: none). It stays part of the
    text, so offsets keep meaning the file's text exactly."""

    @property
    def sha256(self) -> str:
        """Hash of the text, so an annotation can tell whether its article changed."""
        return text_hash(self.text)


@lru_cache(maxsize=4096)
def text_hash(text: str) -> str:
    """The hash Parallax stores with annotations: sha256 of the UTF-8 text, surrogates escaped.
    Remembered per text (the app places every annotation again after each change, hashing every
    article that has one: a lookup costs far less than hashing the text again)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Severity(str, Enum):
    """How bad a problem met while loading is."""

    WARNING = "warning"
    """The file loaded, but not as plainly as hoped (e.g. a legacy 8-bit encoding)."""
    SKIPPED = "skipped"
    """The file was not loaded."""


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """A problem with one input file, reported in one line and never raised."""

    path: str
    severity: Severity
    reason: str

    def line(self) -> str:
        """The one-line message shown to the user, e.g. ``skipped x.bin: binary file``."""
        from reader.core.text import printable

        return f"{self.severity.value} {printable(self.path)}: {printable(self.reason)}"


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles that loaded and the problems met on the way."""

    documents: tuple[Document, ...]
    issues: tuple[LoadIssue, ...] = ()

    @property
    def by_id(self) -> dict[str, Document]:
        """Documents keyed by id."""
        return {doc.id: doc for doc in self.documents}


class GroupKind(str, Enum):
    """What kind of reuse a group of spans is."""

    VERBATIM = "verbatim"
    """The same words in every span, up to case, punctuation variants and white space."""
    NEAR = "near"
    """Reuse with edits: words added, dropped or changed."""
    QUOTE = "quote"
    """The same quotation (inside quotation marks) reported in more than one article."""
    REWORDED = "reworded"
    """The same claim in other words: clauses that share its rare words and figures rather
    than a run of words."""
    FRAGMENT = "fragment"
    """Only a name or title, or a fragment of one to three words without a figure: hidden by
    default (``parallax align --all`` and the match list's filter show it)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text."""

    doc: str
    start: int
    end: int
    quoted: bool = False
    """True when the span lies inside quotation marks in its article."""
    speaker: str | None = None
    """Who the article says spoke the quotation, where it says so."""

    def text(self, document: Document) -> str:
        """The span's text in ``document``."""
        return document.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Group:
    """One passage shared by two or more articles: one span per occurrence."""

    id: str
    kind: GroupKind
    score: float
    """0 to 100: how alike the spans are (100 = the same words)."""
    spans: tuple[Span, ...] = field(default_factory=tuple)
    folded_into: str | None = None
    """The id of the group this one repeats or sits inside (it is hidden by default and shown
    as part of that one), if any."""

    @property
    def hidden(self) -> bool:
        """Whether the group is left out of the default view: a fragment, or folded into
        another group."""
        return self.kind is GroupKind.FRAGMENT or self.folded_into is not None

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The documents the group occurs in, each once, in span order."""
        return tuple(dict.fromkeys(span.doc for span in self.spans))
