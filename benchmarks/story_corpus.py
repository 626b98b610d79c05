"""Story-clustered synthetic corpora for the distributed engine (tests/distributed and
benchmarks/dask_scale.py): articles come in stories of about ``per_story`` articles; each story
has a pool of sentences and each of its articles takes about ``shared`` of its sentences from the
pool (lightly edited now and then), the rest made up. Articles of one story are spread over the
whole corpus (article ``k`` belongs to story ``k % stories``), so shared passages straddle
partition boundaries. With ``boilerplate``, most articles end with the same wire-service line,
which the frequency filter (``max_doc_fraction``) must drop. Depends only on the seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

__all__ = ["BOILERPLATE", "story_articles", "write_jsonl"]

BOILERPLATE = "Distributed by the Continental Wire Syndicate under licence agreement."
_SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gi ho ju ly mo pa qui re su ta ve wi xo ya zu".split()
_COMMON = "the of and to in a is that for on with as was at by from has said will have".split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    """``size`` made-up words (two to four syllables), so word runs do not repeat by chance."""
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    """One made-up sentence of 9 to 20 words, a few of them function words."""
    words = [rng.choice(_COMMON) if rng.random() < 0.25 else rng.choice(vocab) for _ in range(rng.randint(9, 20))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 990)}")
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def story_articles(
    n: int, *, per_story: int = 10, shared: float = 0.6, sentences: int = 12, boilerplate: bool = True, seed: int = 1
) -> Iterator[tuple[str, str]]:
    """``n`` articles as ``(id, text)``, in corpus order."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30000)
    stories = max(1, n // per_story)
    pools: dict[int, list[str]] = {}
    for k in range(n):
        story = k % stories
        pool = pools.get(story)
        if pool is None:
            story_rng = random.Random(seed * 1_000_003 + story)
            pool = pools[story] = [_sentence(story_rng, vocab) for _ in range(sentences)]
        if k + stories >= n:
            pools.pop(story, None)  # the story's last article: its pool is not needed again
        lines = []
        for _ in range(sentences):
            if rng.random() < shared:
                text = rng.choice(pool)
                if rng.random() < 0.2:
                    words = text.split()
                    words[rng.randrange(1, len(words))] = rng.choice(vocab)
                    text = " ".join(words)
            else:
                text = _sentence(rng, vocab)
            lines.append(text)
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        if boilerplate and rng.random() < 0.9:
            paragraphs.append(BOILERPLATE)
        yield f"a{k:07d}", f"Story {story} report {k}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_jsonl(path: str, articles: Iterator[tuple[str, str]]) -> int:
    """Write ``articles`` as JSON Lines (gzipped when ``path`` ends in .gz); returns how many."""
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    count = 0
    with opener(path, "wt", encoding="utf-8") as stream:
        for doc_id, text in articles:
            stream.write(json.dumps({"id": doc_id, "text": text}) + "\n")
            count += 1
    return count
