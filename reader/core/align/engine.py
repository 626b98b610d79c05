"""Finding the passages several articles share: a pipeline of stages, each a plain function over
plain data (documents, tokens, links, options in; plain data out), so that another backend
(e.g. a distributed one) can run the same stages on partitions of a corpus.

:func:`align` runs the stages in five steps (each mostly in C: ``re``, ``str``, ``set``/
``dict``, ``array``, rapidfuzz), never comparing all pairs of sentences:

1. **Tokens.** Every document is split once into folded word tokens with offsets
   (:mod:`reader.core.align.tokens`): case, apostrophes, ``&``, money units, white space and
   punctuation stop mattering. Words are kept as 64-bit hashes in arrays (compact, quick).
2. **Seeds** (:mod:`reader.core.align.seeds`). Word n-grams (``ngram`` words, not all of them
   function words; plus "number + word" pairs such as ``$100m annually``) are hashed. Set
   operations find the n-grams that two documents or more hold; n-grams in more than
   ``max_doc_fraction`` of a big corpus are boilerplate and dropped. Each occurrence is linked
   to the latest occurrence of its n-gram in an earlier document (and to an earlier one in its
   own document when ``self_matches``), so links grow with the number of occurrences, not with
   its square: a passage in 400 articles gives 399 links, not 79,800, and grouping (step 5)
   still puts all 400 together.
3. **Chains** (same module). The seeds of each pair of documents are chained along the
   diagonal, bridging up to ``merge_gap`` unmatched words, into candidate regions.
4. **Verification** (:mod:`reader.core.align.verify`). Each region, widened by ``margin``
   words, is aligned word by word (rapidfuzz Indel opcodes on the hash arrays) and trimmed to
   its best-scoring stretches (a matched content word gains 1, a function word
   ``stop_weight``; unmatched words cost ``gap_penalty`` each, ``inner_gap_penalty`` between
   seeds, and ``break_penalty`` more when the gap crosses a sentence end), so a span starts and
   ends on matched content words. With ``quote_bounds``, a stretch that starts inside a
   quotation and runs past its closing mark (or runs into one) is cut there. Stretches too
   short (``min_words``) or too uninformative (``min_content_words``, ``min_content_chars``;
   lower for a quotation matched word for word) are dropped; the rest are scored with
   ``fuzz.ratio`` on the folded words (0-100) and kept from ``min_score`` up.
5. **Groups** (:mod:`reader.core.align.groups`). With ``link_gap``, alignments that follow each
   other in both documents are joined first; with ``sentence_reach``, they are widened to
   whole sentences nearby. Alignments whose two spans each lie inside a longer alignment's
   span (less than half of it) are dropped, unless they sit at the same place in two longer
   spans of about the same length (then they tie two copies of one passage); without
   ``self_matches``, each stretch keeps its best alignment per pair of documents. Spans linked
   by an alignment, and spans of one document that are one occurrence, are joined with
   union-find. Two spans of a document are one occurrence when they overlap by half the
   shorter one, unless one is a short phrase (fewer than eight matched words): then it must be
   more than half of the other (or they must overlap by two thirds of the longer), so a phrase
   met again inside a longer passage stays a group of its own instead of chaining unrelated
   mentions together. A group keeps one span per occurrence (overlapping spans
   merged) and needs two documents. Spans inside quotation marks are marked
   (:mod:`reader.core.align.quotes`) with their speaker; a group is a ``quote`` when two documents
   quote it and one span is all or most of its quotation, ``verbatim`` when every alignment
   matched word for word, else ``near``; its score is its weakest alignment's.
6. **Claims** (:mod:`reader.core.align.claims`, with ``claims``). Sentences of related
   articles that state the same claim in other words, found through an inverted index of their
   stemmed terms and normalised figures (never all pairs of sentences), as ``reworded``
   groups; with ``claims_as_links`` (the long preset), claims that restate a source in a
   summary join the alignments of step 5 instead. With ``quote_seeds``, quotations quoted word
   for word in two articles are ``quote`` groups of their own
   (:mod:`reader.core.align.shared_quotes`).
7. **The groups shown** (:mod:`reader.core.align.fold`). Claims meet the word groups that state
   the same stretches, lists are joined, names, titles and short fragments become
   ``fragment`` groups and groups inside a bigger one are folded into it: both hidden by
   default. Groups are numbered ``g1``, ``g2``... in order of first occurrence (document order,
   then offset), the shown ones first. With ``claims``, a span of a few words in a shown group
   whose other spans say more is widened to its clause (:mod:`reader.core.align.widen`).

What the stages share about the corpus (tokens, quotations, sentence ends) is a
:class:`~reader.core.align.context.Context`, alignments between stages are
:class:`~reader.core.align.context.Link` values. Corpora of ``parallel_min_docs`` documents or
more use both cores, unless other threads run (the app aligns in a subprocess instead:
:mod:`reader.core.align.remote`): two fork processes prepare the documents and read what the
later stages read of every text (its sentences and quotations, and its figures and names
when the options find claims: :func:`~reader.core.align.pool.read_ahead`); then this process
and one pool process each find the seeds of half the n-grams and swap them
(:mod:`reader.core.align.seed_halves`), and the pool process runs the claims stage, which it
begins with no alignment and finishes with the alignments this process sends it once verified,
while this process verifies the alignments, groups them and finds the figure claims and the
shared quotations (:func:`claims_alongside`; the two take about as long). Without claims, the
pool process verifies and groups while this process finds the shared quotations
(:func:`verify_alongside`). When the pool cannot start, the work is done in one process and
``notice`` is told why in one line.
The output depends only on the documents (in order) and the options, never on hash seeds.

Spans always start at the start of a word and end at the end of one (a currency sign before a
number and a bracket the span opened are kept), and index the document text exactly:
``document.text[span.start:span.end]`` is the span's text.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from reader.core.align.claim_stage import begin_claims, finish_claims, wants_claims
from reader.core.align.claims import Begun, Claim
from reader.core.align.context import Context, Link
from reader.core.align.figure_claims import figure_claims
from reader.core.align.fold import fold_groups
from reader.core.align.fragments import SpanTexts
from reader.core.align.groups import make_groups, tidy_links
from reader.core.align.options import AlignOptions, Cancelled
from reader.core.align.pool import (
    Line, Pairs, PoolUnavailable, alongside, collector_paused, prepare_in_processes, read_ahead, workers_for,
)
from reader.core.align.seed_halves import Split, half_chunks, merged_pairs, whole_chunks
from reader.core.align.seeds import Chunk, prepare_docs, seed_pairs
from reader.core.align.shared_quotes import shared_quotations
from reader.core.align.summaries import summary_links
from reader.core.align.tokens import Tokens
from reader.core.align.verify import verify_pairs
from reader.core.align.widen import widen_short_spans
from reader.core.models import Document, Group
from reader.core.once import texts_read_once

__all__ = ["AlignOptions", "Cancelled", "align", "shown_groups"]


def align(
    documents: Sequence[Document],
    options: AlignOptions = AlignOptions(),
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    notice: Callable[[str], None] | None = None,
) -> tuple[Group, ...]:
    """The passages shared by two or more of ``documents``, as groups of spans.

    ``progress(fraction)`` is called now and then (0 to 1); when ``cancelled()`` returns true
    the work stops and :class:`Cancelled` is raised; ``notice(line)`` is told when the process
    pool could not start and the work goes on in one process. The result depends only on the
    documents (in order) and the options.
    """

    def report(fraction: float) -> None:
        """Pass ``fraction`` on to ``progress``; raise :class:`Cancelled` when asked to stop."""
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction)

    report(0.0)
    if len(documents) < 2 and not options.self_matches:
        report(1.0)
        return ()
    told: list[str] = []

    def fall_back(exc: PoolUnavailable) -> None:
        """Say once that the pool could not start."""
        if not told and notice is not None:
            notice(f"alignment: no process pool ({exc}); aligning in one process")
        told.append(str(exc))

    with texts_read_once():  # each article split and scanned once, from here to the end
        return _align(documents, options, report, cancelled, fall_back)


def _align(
    documents: Sequence[Document],
    options: AlignOptions,
    report: Callable[[float], None],
    cancelled: Callable[[], bool] | None,
    fall_back: Callable[[PoolUnavailable], None],
) -> tuple[Group, ...]:
    """:func:`align`'s stages, from two documents up."""
    workers = workers_for(options, len(documents))
    chunks, workers = prepare(documents, options, workers, report, fall_back)  # 1. tokens and n-grams
    report(0.3)
    tokens = corpus_tokens(chunks)
    ctx = Context(documents, tokens, options)
    # The collector paused from the seeds to the groups shown (see :func:`collector_paused`):
    # the pool process's answer arrives (unpickled: hundreds of thousands of objects) while the
    # claims stage's millions are alive, and each collection of the young objects then walks
    # them all (measured at 1,000 story articles: 0.5 of 0.57 s of CPU in receiving the
    # answer, with the collector on).
    with collector_paused():
        found: dict[tuple[int, int], array | None] | None = None
        verified: list[Link] | None = None
        if workers > 1 and wants_claims(options):
            done = Done()
            try:  # 2-4. seeds, chains, verified alignments; in a pool process meanwhile: 6.
                links, ahead = claims_alongside(chunks, ctx, report, cancelled, done)
            except PoolUnavailable as exc:
                fall_back(exc)
                found, verified = done.pairs, done.links
            else:
                groups = shown_groups(documents, tokens, done.pairs or {}, links, options, report, ctx, ahead)  # 5-7.
                report(1.0)
                return groups
        pairs = found if found is not None else seed_pairs(whole_chunks(chunks), options.ngram, options, cancelled)  # 2. seeds
        del chunks
        report(0.4)
        if workers > 1 and len(pairs) > 1 and not wants_claims(options):
            try:  # 3-4. chains, verified alignments, their groups
                links, ahead = verify_alongside(list(pairs.items()), ctx, report)
            except PoolUnavailable as exc:
                fall_back(exc)
            else:
                groups = shown_groups(documents, tokens, pairs, links, options, report, ctx, ahead)  # 5-7.
                report(1.0)
                return groups
    links = verify(list(pairs.items()), ctx, report) if verified is None else verified  # 3-4. chains, verified alignments
    groups = shown_groups(documents, tokens, pairs, links, options, report, ctx)  # 5-7.
    report(1.0)
    return groups


@dataclass
class Done:
    """What :func:`claims_alongside` finished in this process, kept when the pool process fails
    later (the work then goes on in one process from there)."""

    pairs: dict[tuple[int, int], array | None] | None = None
    """The pairs of documents that share a seed, once merged (their seeds let go of, None,
    once verified)."""
    links: list[Link] | None = None
    """The verified alignments."""


@dataclass(frozen=True)
class Ahead:
    """What the later stages need that was found alongside the verification
    (:func:`claims_alongside`, :func:`verify_alongside`); None: to be found."""

    claims: list[Claim] | None = None
    """The claims stage's claims (:func:`claims_stage`; not the figure claims)."""
    summary: list[Link] | None = None
    """With ``claims_as_links``: the claims' alignments (:func:`claims_stage`)."""
    groups: tuple[Group, ...] | None = None
    """The alignments' groups (step 5)."""
    figures: list[Claim] | None = None
    quotes: list[Group] | None = None
    texts: SpanTexts | None = None
    """The word groups' spans read for the fold, while this process waited for the claims."""


def verify_alongside(items: Pairs, ctx: Context, report: Callable[[float], None]) -> tuple[list[Link], Ahead]:
    """Without claims: steps 3 to 5 in a pool process while this process finds the shared
    quotations: the alignments, and what was found ahead (progress 0.4, then 0.65; cancelling
    ends the pool process). :class:`PoolUnavailable` when the pool process cannot start or ends
    without an answer (the caller then aligns in one process)."""

    def work() -> list[Group] | None:
        with collector_paused():  # paused by the caller too; here when called alone
            quotes = shared_quotations(ctx.documents, ctx.tokens) if ctx.options.quote_seeds else None
        report(0.65)
        return quotes

    quotes, (links, groups) = alongside(ctx, _later_stages, (items,), work, lambda: report(0.65))
    return links, Ahead(groups=groups, quotes=quotes)


def _later_stages(ctx: Context, items: Pairs) -> tuple[list[Link], tuple[Group, ...] | None]:
    """The pool process's part of :func:`verify_alongside`: the alignments verified and their
    groups."""
    links = verify_pairs(items, ctx)
    with texts_read_once(), collector_paused():
        return links, word_groups(links, ctx)


def word_groups(links: Sequence[Link], ctx: Context) -> tuple[Group, ...]:
    """Step 5: the alignments joined, widened, de-duplicated (:func:`tidy_links`) and grouped."""
    return make_groups(ctx.documents, ctx.tokens, tidy_links(links, ctx), ctx.quotation)


def claims_alongside(
    chunks: list[Chunk | Split],
    ctx: Context,
    report: Callable[[float], None],
    cancelled: Callable[[], bool] | None,
    done: Done,
) -> tuple[list[Link], Ahead]:
    """Steps 2 to 6 on both cores: each process finds the seeds of half the n-grams
    (:mod:`reader.core.align.seed_halves`) and they swap them (this process merges them, the
    pool process needs only the pairs of documents); then the pool process runs the claims
    stage (:func:`_claims_stage`: it begins the claims, which needs no alignment, and finishes
    them with the alignments this process sends it) while this process verifies the alignments,
    groups them, and finds the figure claims and the shared quotations. The two take about as
    long (measured at 1,000 story articles: 2.6 and 2.7 s of CPU), and the pool process's
    objects (millions: the claims stage's sentences, terms and pairs) are never freed one by
    one: it ends. The alignments and what was found ahead; in ``done``, the pairs of documents
    (their seeds let go of once verified) and the alignments (kept when the pool process fails
    later), and ``chunks`` emptied (in both processes, once seeded). Progress 0.4
    once the seeds are merged, 0.6 once verified, 0.65 once this process's part is done (and
    told again while it waits: cancelling ends the pool process; while it waits, it reads the word
    groups' spans for the fold: :class:`~reader.core.align.fragments.SpanTexts`)."""
    options, documents = ctx.options, ctx.documents
    at = [0.3]
    found: list[tuple[Group, ...]] = []  # the word groups, once made
    texts: list[SpanTexts] = []

    def tell(fraction: float) -> None:
        at[0] = fraction
        report(fraction)

    def waiting() -> None:  # this process's part done, its answer not come: the fold's reading done meanwhile
        if found and not texts:
            texts.append(SpanTexts(documents).read_groups(found[0]))
        report(at[0])

    def work(line: Line) -> tuple[list[Link], Ahead]:
        with collector_paused():  # paused by the caller too; here when called alone
            mine = seed_pairs(half_chunks(chunks, 0), options.ngram, options, cancelled)
            line.send(list(mine))
            pairs = merged_pairs(mine, line.receive())
            del mine
            done.pairs = pairs
            chunks.clear()  # their n-grams let go of, as by one process's seeding
            tell(0.4)
            links = verify(list(pairs.items()), ctx, lambda fraction: tell(0.4 + (fraction - 0.4) * 0.4))
            done.pairs, done.links = dict.fromkeys(pairs), links  # the seeds let go of: only the pairs are read now
            del pairs
            line.send(links)
            groups = None if options.claims_as_links else word_groups(links, ctx)
            found.extend(() if groups is None else (groups,))
            figures = figure_claims(documents, options.claim_reach) if wants_figure_claims(options) else None
            quotes = shared_quotations(documents, ctx.tokens) if options.quote_seeds else None
        tell(0.65)
        return links, Ahead(groups=groups, figures=figures, quotes=quotes)

    (links, ahead), (claims, summary) = alongside((ctx, chunks), _claims_stage, (), work, waiting, talk=True)
    return links, replace(ahead, claims=claims, summary=summary, texts=texts[0] if texts else None)


def _claims_stage(shared: tuple[Context, list[Chunk | Split]], line: Line) -> tuple[list[Claim], list[Link] | None]:
    """The pool process's part of :func:`claims_alongside`: the seeds of the other half of the
    n-grams sent, then :func:`claims_stage`, begun once the other process's pairs of documents
    came, finished once its alignments came."""
    ctx, chunks = shared
    options = ctx.options
    with texts_read_once(), collector_paused():
        theirs = seed_pairs(half_chunks(chunks, 1), options.ngram, options, None)
        chunks.clear()  # their n-grams let go of here too
        line.send(theirs)
        pairs = dict.fromkeys(theirs)  # only the pairs of documents are read: the seeds let go of
        del theirs
        pairs.update(dict.fromkeys(line.receive()))
        begun = begin_claims(ctx.documents, ctx.tokens, pairs, options)
        return claims_stage(ctx.documents, ctx.tokens, pairs, line.receive(), options, begun)


def claims_stage(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    pairs: Mapping[tuple[int, int], object],
    links: Sequence[Link],
    options: AlignOptions,
    begun: Begun,
) -> tuple[list[Claim], list[Link] | None]:
    """Step 6 finished (``begun``: :func:`~reader.core.align.claim_stage.begin_claims`'s
    result): the claims, but for the figure claims; with ``claims_as_links``, none, and the
    alignments they make instead (else None)."""
    claims = finish_claims(documents, tokens, begun, links, options)
    if not options.claims_as_links:
        return claims, None
    related = sorted(pair for pair in pairs if pair[0] != pair[1])
    split = begun[3] if begun is not None else None  # the sentences the claims stage split
    return [], summary_links(claims, tokens, options, [doc.text for doc in documents], related, links, split)


def wants_figure_claims(options: AlignOptions) -> bool:
    """Whether the figures stage's groups become claims (step 6)."""
    return options.figure_claims and wants_claims(options) and not options.claims_as_links


def shown_groups(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    pairs: Mapping[tuple[int, int], object],
    links: Sequence[Link],
    options: AlignOptions,
    report: Callable[[float], None] | None = None,
    ctx: Context | None = None,
    ahead: Ahead | None = None,
) -> tuple[Group, ...]:
    """Steps 5 to 7 over the whole corpus: from the verified alignments ``links`` (in any order)
    and the pairs of documents that share a seed (``pairs``: only its keys are read) to the
    groups shown. The local pipeline and the distributed one (:mod:`reader.core.distributed`)
    both end here. ``ctx``: the verification's context, when there is one (its caches are kept);
    ``ahead``: what was found alongside the verification."""
    ctx = ctx if ctx is not None else Context(documents, tokens, options)
    with texts_read_once(), collector_paused():  # each article split and scanned once; see below
        return _shown_groups(documents, tokens, pairs, links, options, report, ctx, ahead or Ahead())


def _shown_groups(
    documents: Sequence[Document],
    tokens: Sequence[Tokens],
    pairs: Mapping[tuple[int, int], object],
    links: Sequence[Link],
    options: AlignOptions,
    report: Callable[[float], None] | None,
    ctx: Context,
    ahead: Ahead,
) -> tuple[Group, ...]:
    """:func:`shown_groups`, its context made."""
    if ahead.claims is None:  # 6. claims in other words
        begun = begin_claims(documents, tokens, pairs, options)
        claims, summary = claims_stage(documents, tokens, pairs, links, options, begun)
    else:
        claims, summary = ahead.claims, ahead.summary
    if wants_figure_claims(options):
        claims = [*claims, *(ahead.figures if ahead.figures is not None else figure_claims(documents, options.claim_reach))]
    if summary is not None:
        links = [*links, *summary]
    groups = word_groups(links, ctx) if ahead.groups is None else ahead.groups  # 5.
    if report is not None:
        report(0.9)
    if options.quote_seeds:
        groups = (*groups, *(ahead.quotes if ahead.quotes is not None else shared_quotations(documents, tokens)))
    shown = fold_groups(documents, groups, claims, ctx.quotation, ahead.texts)  # 7. the groups shown...
    return widen_short_spans(documents, shown, ctx.quotation) if options.claims and not options.claims_as_links else shown


def prepare(
    documents: Sequence[Document],
    options: AlignOptions,
    workers: int,
    report: Callable[[float], None],
    fall_back: Callable[[PoolUnavailable], None] = lambda exc: None,
) -> tuple[list[Chunk | Split], int]:
    """Step 1: every document tokenised and its n-grams hashed, in slices on the process pool
    when ``workers`` > 1 (progress 0 to 0.3); the processes used (1 when the pool could not
    start: ``fall_back`` is told why)."""
    if workers > 1:
        try:
            # The collector paused while the slices arrive (unpickled: their tokens, n-grams and
            # readings): at 1,000 story articles 0.28 -> 0.19 s of this process's CPU.
            with collector_paused():
                return prepare_in_processes(documents, options.ngram, workers, report, read_ahead(options)), workers
        except PoolUnavailable as exc:
            fall_back(exc)
    total = max(1, len(documents))
    return [prepare_docs(documents, range(len(documents)), options.ngram, lambda k: report(0.3 * k / total))], 1


def corpus_tokens(chunks: Sequence[Chunk | Split]) -> list[Tokens]:
    """The tokens of every document, in corpus order."""
    return [doc.tokens for chunk in chunks for doc in chunk.prepared]


def verify(items: Pairs, ctx: Context, report: Callable[[float], None]) -> list[Link]:
    """Steps 3 and 4 in this process: the seeds of each pair of documents chained into regions
    and verified (progress 0.4 to 0.9; with a pool: :func:`verify_alongside`)."""
    total = max(1, len(items))
    return verify_pairs(items, ctx, tick=lambda k: report(0.4 + 0.5 * k / total))
