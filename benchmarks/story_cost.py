"""Cost of story grouping alone: articles/s and peak memory at 1k, 10k and 100k articles.

Input: the annotated articles of the three story benchmarks (ECB+, BASIL, NeuS val; built
and cached by story_data.py, ~1,560 real articles), copied to the volume wanted: copy k of
an article gets a new id and its publish date moved k weeks later (undated articles get
one, 2015-01-01 + k weeks, so the date window is exercised). Copies keep their text, so
they are look-alikes of each other a week apart: a hard case for candidate search (many
stories share every key) and it lets stories grow, so it is a pessimistic load.

Each size runs in a fresh subprocess: ``group_stories(articles, None, Embedder.load())``
timed end to end (embedding the leads included; model load and annotation excluded).
Peak RSS is ru_maxrss of that subprocess (the input articles themselves included); the
"index" column is the pickled size of the StoryIndex state.

Run from the repository root:
  PYTHONPATH=src .venv/bin/python benchmarks/story_cost.py [--sizes 1000 10000 100000] [--data DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import story_data


def synthesise(n: int, cache: Path, data: Path | None = None) -> list:  # type: ignore[type-arg]
    base = []
    for name in story_data.LOADERS:
        articles, _ = story_data.load(name, data / name if data else None, cache)
        base.extend(articles)
    out = []
    for number in range(n):
        source = base[number % len(base)]
        week = number // len(base)
        article = copy.copy(source)
        article.id = f"{source.id}~{week}"
        start = date.fromisoformat(source.published[:10]) if source.published else date(2015, 1, 1)
        article.published = (start + timedelta(weeks=week)).isoformat()
        out.append(article)
    return out


def measure(n: int, cache: Path, data: Path | None = None) -> dict:
    from newsprism.config import StorySettings
    from newsprism.embed import Embedder
    from newsprism.relate.stories import canonical_order
    from newsprism.relate.storyfeatures import lead_text
    from newsprism.relate.storyindex import StoryIndex

    articles = synthesise(n, cache, data)
    encoder = Embedder.load()
    settings = StorySettings()
    start = time.perf_counter()
    ordered = canonical_order(articles)
    vectors = encoder.embed([lead_text(a, settings.lead_sentences) for a in ordered])
    embedded = time.perf_counter()
    index = StoryIndex(settings, encoder)  # what group_stories does, kept to size the index
    for article, vector in zip(ordered, vectors, strict=True):
        index.add(article, vector)
    stories = index.all_stories()
    seconds = time.perf_counter() - start
    return {
        "articles": n, "seconds": seconds, "embed_seconds": embedded - start,
        "articles_per_s": n / seconds, "stories": len(stories),
        "largest": max(len(s.article_ids) for s in stories),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_mib": len(pickle.dumps(index)) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cache", type=Path, default=story_data.DEFAULT_CACHE)
    parser.add_argument("--data", type=Path, help="folder holding ecbplus/, basil/ and neus_allsides/ "
                        "(default ../shared/datasets)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.cache, args.data)))
        return
    print("| articles | seconds (embedding) | articles/s | stories | largest | peak RSS MiB | index MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        command = [sys.executable, __file__, "--one", str(n), "--cache", str(args.cache)]
        command += ["--data", str(args.data)] if args.data else []
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} | {r['seconds']:.1f} ({r['embed_seconds']:.1f}) | {r['articles_per_s']:.0f} | "
              f"{r['stories']:,} | {r['largest']} | {r['peak_rss_mib']:.0f} | {r['index_mib']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
