"""Finding the passages several articles share: seed, extend, verify, group.

The engine, in five steps (each mostly in C: ``re``, ``str``, ``set``/``dict``, ``array``,
rapidfuzz), never comparing all pairs of sentences:

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
   matched word for word, else ``near``; its score is its weakest alignment's. Groups are
   numbered ``g1``, ``g2``... in order of first occurrence (document order, then offset).

Corpora of ``parallel_min_docs`` documents or more are prepared and verified in a fork
process pool (two processes), unless other threads run (the app's workers) or fork is missing.
The output depends only on the documents (in order) and the options, never on hash seeds.

Spans always start at the start of a word and end at the end of one (a currency sign before a
number and a bracket the span opened are kept), and index the document text exactly:
``document.text[span.start:span.end]`` is the span's text.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence

from reader.core.align.claims import claim_links, find_claims, join_summaries
from reader.core.align.fold import fold_groups
from reader.core.align.shared_quotes import shared_quotations
from reader.core.align.groups import drop_nested, make_groups, merge_links, one_to_one, to_sentences
from reader.core.align.options import AlignOptions, Cancelled
from reader.core.align.seeds import Chunk, prepare_docs, seed_pairs
from reader.core.align.verify import Context, Link, verify_pairs
from reader.core.models import Document, Group

__all__ = ["AlignOptions", "Cancelled", "align"]


def align(
    documents: Sequence[Document],
    options: AlignOptions = AlignOptions(),
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Group, ...]:
    """The passages shared by two or more of ``documents``, as groups of spans.

    ``progress(fraction)`` is called now and then (0 to 1); when ``cancelled()`` returns true
    the work stops and :class:`Cancelled` is raised. The result depends only on the documents
    (in order) and the options.
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
    n = options.ngram
    workers = _workers(options, len(documents))
    if workers > 1:
        chunks = _prepare_parallel(documents, n, workers, report)
    else:
        total_docs = max(1, len(documents))
        chunks = [prepare_docs(documents, range(len(documents)), n, lambda k: report(0.3 * k / total_docs))]
    report(0.3)
    pairs = seed_pairs(chunks, n, options, cancelled)
    tokens = [doc.tokens for chunk in chunks for doc in chunk.prepared]
    del chunks
    report(0.4)

    ctx = Context(documents, tokens, options)
    items = list(pairs.items())
    total = max(1, len(items))
    if workers > 1 and len(items) > 1:
        links = _verify_parallel(items, ctx, workers, report)
    else:
        links = verify_pairs(items, ctx, tick=lambda k: report(0.4 + 0.5 * k / total))
    claims = []
    if options.claims and options.min_score <= AlignOptions.min_score:
        related = {pair for pair in pairs if pair[0] != pair[1]} if options.claim_related else None
        copied = [
            (l.a, tokens[l.a].starts[l.a0], tokens[l.a].ends[l.a1 - 1], l.b, tokens[l.b].starts[l.b0], tokens[l.b].ends[l.b1 - 1])
            for l in links
            if l.a != l.b
        ]
        claims = find_claims([doc.text for doc in documents], options, related, copied)
    links.sort(key=lambda link: (link.a, link.b, link.a0, link.b0, link.a1, link.b1))
    if options.link_gap:
        links = merge_links(links, options.link_gap)
    if options.claims_as_links:
        # Claims join the alignments where they restate a summary's source (one passage).
        # Copies (claims stated in nearly the same words) are the word aligner's business.
        restated = [link for link in claim_links(claims, tokens) if link.score < options.summary_copy]
        sizes = [len(tk) for tk in tokens]
        summaries = join_summaries(restated, options.link_gap, options.summary_ratio, sizes)
        links = sorted(links + summaries, key=lambda link: (link.a, link.b, link.a0, link.b0, link.a1, link.b1))
        claims = []
    if options.link_gap:
        links = [link for link in links if link.count >= options.min_words]
    if options.sentence_reach:
        links = [to_sentences(ctx, link, options.sentence_reach) for link in links]
    links = drop_nested(links)
    if not options.self_matches:
        links = one_to_one(links)
    report(0.9)
    groups = make_groups(documents, tokens, links, ctx.quotation)
    if options.quote_seeds:
        groups = (*groups, *shared_quotations(documents))
    groups = fold_groups(documents, groups, claims, ctx.quotation)
    report(1.0)
    return groups


def _prepare_parallel(
    documents: Sequence[Document], n: int, workers: int, report: Callable[[float], None]
) -> list[Chunk]:
    """Steps 1 and 2's preparation in ``workers`` processes, a slice of the corpus each."""
    global _DOCS
    count = workers * 3
    size = -(-len(documents) // count)
    ranges = [range(k, min(k + size, len(documents))) for k in range(0, len(documents), size)]
    chunks: list[Chunk] = []
    _DOCS = (documents, n)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for k, chunk in enumerate(pool.imap(_prepare_chunk, ranges)):
                chunks.append(chunk)
                report(0.3 * (k + 1) / len(ranges))
    finally:
        _DOCS = None
    return chunks


def _verify_parallel(
    items: list[tuple[tuple[int, int], list[tuple[int, int]]]],
    ctx: Context,
    workers: int,
    report: Callable[[float], None],
) -> list[Link]:
    """Step 4 in ``workers`` processes, the pairs of documents dealt out in turn."""
    global _JOB
    # Interleave the pairs so each chunk gets a fair share of the work.
    chunk_count = workers * 8
    chunks = [items[k::chunk_count] for k in range(chunk_count)]
    _JOB = ctx
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            results = []
            for k, result in enumerate(pool.imap(_verify_chunk, chunks)):
                results.append(result)
                report(0.4 + 0.5 * (k + 1) / chunk_count)
    finally:
        _JOB = None
    return [link for result in results for link in result]


# ----------------------------------------------------------------------------------------------
# The process pool


def _prepare_chunk(indices: range) -> Chunk:
    """Prepare one slice of the corpus (in a pool process; the documents come by fork)."""
    assert _DOCS is not None
    documents, n = _DOCS
    return prepare_docs(documents, indices, n)


_DOCS: tuple[Sequence[Document], int] | None = None
"""Worker state for preparing documents in a process pool (inherited by fork)."""


# Worker state for the process pool (inherited by fork, never pickled).
_JOB: Context | None = None


def _verify_chunk(items: list[tuple[tuple[int, int], list[tuple[int, int]]]]) -> list[Link]:
    """Verify some pairs of documents (in a pool process; the context comes by fork)."""
    assert _JOB is not None
    return verify_pairs(items, _JOB)


def _workers(options: AlignOptions, n_docs: int) -> int:
    """How many processes to align ``n_docs`` documents with (1: no pool)."""
    if options.workers == 1 or n_docs < options.parallel_min_docs:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1
    if threading.active_count() > 1:
        # Forking a process that runs other threads (the app's workers) is not safe.
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if options.workers:
        return max(1, min(cores, options.workers))
    # Automatic: a second process only pays for itself when a core is idle (measured: on a
    # busy two-core machine the pool's copying makes the whole run slower).
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:
        idle = 0.0
    return 2 if cores >= 2 and idle >= 1.0 else 1
