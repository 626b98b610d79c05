"""Why each gold link of realnews-dev is missed: a diagnosis for tuning the claims stage.

Run by hand from a checkout::

    .venv/bin/python benchmarks/claim_misses.py [--data DIR] [--cluster NAME] [--quiet]

For every gold link the default output misses, one cause, checked in this order:

* ``hidden``: a hidden group (fragment or folded) finds it (``parallax align --all``);
* ``short``: a shown group has spans overlapping both sides, too little of them;
* ``span``: a claim of the claims stage holds both sentences, its spans miss the gold;
* ``cluster``: the pair of sentences is a candidate, the clustering left it out;
* ``mutual``: a candidate kept only as support (not each other's best partner);
* ``rejected``: the two sentences share indexed terms, the filters rejected the pair
  (its cosine and shared terms are printed);
* ``noindex``: the sentences share terms but not enough to be candidates;
* ``nothing``: the sentences share no term at all.

Prints each miss with its cause and sentence texts, then the counts per cause.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.shared_data import shared_data  # noqa: E402

DEFAULT_DATA = shared_data("realnews-dev", "PARALLAX_REALNEWS")


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def hit(span: dict, gold: dict) -> bool:
    return span["doc"] == gold["doc"] and span["end"] - span["start"] <= 1500 and overlap(
        span["start"], span["end"], gold["start"], gold["end"]
    ) >= max(5, 0.3 * (gold["end"] - gold["start"]))


def touches(span: dict, gold: dict) -> bool:
    return span["doc"] == gold["doc"] and overlap(span["start"], span["end"], gold["start"], gold["end"]) > 0


def found(groups: list[dict], a: dict, b: dict, test=hit) -> bool:
    return any(any(test(s, a) for s in g["spans"]) and any(test(s, b) for s in g["spans"]) for g in groups)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--cluster")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    from reader.core.align import AlignOptions, align
    from reader.core.align import claims as claims_mod
    from reader.core.align.anchors import conflict, figure_sets
    from reader.core.align.report import alignment_dict
    from reader.core.align.terms import sentence_units, term_weights, topic_terms
    from reader.core.corpus import load_corpus

    data = Path(args.data)
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))["facts"]
    causes: Counter[str] = Counter()
    facts_missed: Counter[str] = Counter()
    options = AlignOptions()
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        if args.cluster and args.cluster not in folder.name:
            continue
        corpus = load_corpus([folder])
        docs = list(corpus.documents)
        texts = [d.text for d in docs]
        ids = [d.id for d in docs]
        groups = align(docs, options)
        shown = alignment_dict(docs, groups)["groups"]
        every = alignment_dict(docs, groups, hidden=True)["groups"]
        units = [u for d, t in enumerate(texts) for u in sentence_units(d, t)]
        weights = term_weights(units)
        topic = topic_terms(units)
        pairs = claims_mod.candidate_pairs(units, weights, options, None, topic)
        score_of = {(p.i, p.j): p for p in pairs}
        steps = [
            ("mutual", dict(claim_mutual=False)),
            ("score", dict(claim_min_score=0.0, claim_support=0.0, claim_figure_score=0.0, claim_pair_score=0.0)),
            ("weight", dict(claim_min_weight=0.0)),
            ("terms", dict(claim_min_terms=1)),
            ("index", dict(claim_index_weight=0.0, claim_max_df=10**9)),
            ("evidence", dict(claim_evidence=-1.0)),
        ]
        admitted: list[tuple[str, dict]] = []
        changes: dict = {}
        for name, change in steps:
            changes.update(change)
            admitted.append((name, {(p.i, p.j): p for p in claims_mod.candidate_pairs(units, weights, replace(options, **changes), None, topic)}))
        clusters = claims_mod.claim_clusters(units, weights, pairs, options)
        together = set()
        for _, members in clusters:
            us = sorted(u for u, _ in members.values())
            together.update(itertools.combinations(us, 2))

        def unit_of(g: dict) -> int | None:
            d = ids.index(g["doc"])
            best, which = 0, None
            for k, u in enumerate(units):
                if u.doc == d:
                    o = overlap(u.start, u.end, g["start"], g["end"])
                    if o > best:
                        best, which = o, k
            return which

        for fact in gold:
            if fact["cluster"] != folder.name:
                continue
            for a, b in itertools.combinations(fact["spans"], 2):
                if found(shown, a, b):
                    continue
                facts_missed[f"{folder.name}:{fact['fact']}"] += 1
                ua, ub = unit_of(a), unit_of(b)
                key = (min(ua, ub), max(ua, ub)) if ua is not None and ub is not None else None
                extra = ""
                if found(every, a, b):
                    cause = "hidden"
                elif found(shown, a, b, touches):
                    cause = "short"
                elif key in together:
                    cause = "span"
                elif key in score_of:
                    p = score_of[key]
                    cause = "cluster" if p.score > 0 else "support"
                    extra = f" score {p.score:.2f}"
                else:
                    cause = "nothing"
                    for name, got in admitted:
                        if key in got:
                            p = got[key]
                            cause = name
                            extra = f" cos {p.score:.2f} shared {sorted(p.shared)}"
                            break
                    else:
                        if key is not None:
                            ui, uj = units[key[0]], units[key[1]]
                            if conflict(figure_sets(ui), figure_sets(uj)):
                                cause = "conflict"
                                extra = f" figures {sorted(figure_sets(ui)[0])} / {sorted(figure_sets(uj)[0])} beside {sorted(figure_sets(ui)[2] & figure_sets(uj)[2])}"
                            elif any(t[0] == "\u00ac" and (t[1:] in uj.bag or t[1:] in ui.bag) for t in ui.bag | uj.bag):
                                cause = "negation"
                            elif ui.bag & uj.bag:
                                cause = "names"  # shared terms are names or topic terms only
                            extra += f" shared {sorted(ui.bag & uj.bag)}"
                causes[cause] += 1
                if not args.quiet:
                    print(f"[{cause}] {folder.name} {fact['fact']}{' (disagree)' if fact.get('disagree') else ''}{extra}")
                    for g, u in ((a, ua), (b, ub)):
                        sent = " ".join(texts[units[u].doc][units[u].start : units[u].end].split()) if u is not None else "?"
                        print(f"   {g['doc']}: {g['text']!r}\n      in: {sent[:300]}")
    print("\ncauses:", ", ".join(f"{k} {v}" for k, v in causes.most_common()), f"(total {sum(causes.values())})")
    print("links missed per fact:", ", ".join(f"{k} {v}" for k, v in facts_missed.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
