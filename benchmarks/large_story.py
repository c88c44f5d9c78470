"""Time the cross-article stages on one large story: reuse and quote groups (and, with
``--story``, the whole ``compare_story``) on N synthetic articles of one event.

Input: a folder of plain-text articles (default the five Kursk articles in
/work/shared/corpora/kursk-2025-03). Their body sentences (pysbd) form a pool; each synthetic
article draws 15-30 of them at random (fixed seed), shuffled, in paragraphs of 1-3 sentences,
as ``throughput.make_articles`` does. Every article thus copies the same few quotations and
shares sentences with hundreds of others: the worst case for any stage that compares
articles, or quotations, pair by pair.

Articles are annotated once and cached as pickles under /tmp (``--cache``), so the timed
stages can be re-run after a change without re-parsing. Each size runs in its own
subprocess, so the peak RSS (``ru_maxrss``) is that size's alone.

    PYTHONPATH=src python benchmarks/large_story.py --n 200 1000 [--data DIR] [--story]
    PYTHONPATH=src python benchmarks/large_story.py --n 200 --profile quotes   # cProfile
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpora/kursk-2025-03")
CACHE = Path(tempfile.gettempdir()) / "newsprism-large-story"
SEED = 20251123


def make_articles(data: Path, out_dir: Path, n: int, seed: int = SEED) -> list[Path]:
    """N one-story articles sampled from the sentences of the .txt files in ``data``."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    pool: list[str] = []
    for path in sorted(data.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if len(line.split()) >= 12:  # body paragraphs: header lines are short
                pool.extend(s.strip() for s in segmenter.segment(line) if len(s.split()) >= 4)
    if len(pool) < 30:
        sys.exit(f"{data}: {len(pool)} body sentences, 30 needed")
    rng = random.Random(seed)
    paths = []
    for index in range(n):
        sentences = rng.sample(pool, rng.randint(15, 30))
        paragraphs = []
        while sentences:
            take = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        path = out_dir / f"synthetic_{index:05d}.txt"
        path.write_text("\n".join(paragraphs) + "\n", "utf-8")
        paths.append(path)
    return paths


def annotated(data: Path, n: int, cache: Path, chunk: int = 200) -> list:
    """The N synthetic articles, annotated. Article k is the same whatever N (one seeded
    draw after another), so they are cached in chunks of ``chunk`` and a larger N parses
    only the articles a smaller one did not."""
    key = hashlib.sha1(f"{data.resolve()}|{SEED}".encode()).hexdigest()[:12]
    chunks = -(-n // chunk)
    files = [cache / f"articles-{key}-{c * chunk:05d}.pickle" for c in range(chunks)]
    missing = [c for c, f in enumerate(files) if not f.exists()]
    if missing:
        from newsprism.annotate import Annotator
        from newsprism.pipeline import read_articles

        annotator = Annotator.load()
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="newsprism-large-story-") as tmp:
            paths = make_articles(data, Path(tmp), chunks * chunk)
            for c in missing:
                articles, failures = read_articles(paths[c * chunk : (c + 1) * chunk], annotator=annotator)
                if failures:
                    print(f"{len(failures)} inputs failed", file=sys.stderr)
                files[c].write_bytes(pickle.dumps(articles))
                print(f"annotated articles {c * chunk}-{(c + 1) * chunk - 1}", file=sys.stderr)
    return [a for f in files for a in pickle.loads(f.read_bytes())][:n]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(data: Path, n: int, cache: Path, story_too: bool, profile: str | None) -> dict:
    from newsprism.compare import compare_story
    from newsprism.compare.quotes import canonical_speakers, group_quotes
    from newsprism.config import Settings
    from newsprism.embed import Embedder
    from newsprism.model import StoryBundle
    from newsprism.relate import find_reuse, one_story, people_named_in_story

    started = time.perf_counter()
    articles = annotated(data, n, cache)
    prepare_s = time.perf_counter() - started
    settings = Settings()
    embedder = Embedder.load()
    story = one_story(articles)
    result: dict = {"n": n, "articles": len(articles), "prepare_s": round(prepare_s, 1),
                    "quotes": sum(len(a.quotes) for a in articles)}
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()

    def timed(name: str, call):  # type: ignore[no-untyped-def]
        if profiler is not None and profile == name:
            profiler.enable()
        t0 = time.perf_counter()
        value = call()
        result[f"{name}_s"] = round(time.perf_counter() - t0, 2)
        if profiler is not None and profile == name:
            profiler.disable()
        return value

    from scipy import sparse  # noqa: F401  (an import is a cold-start cost, not the stage's)

    edges = timed("reuse", lambda: find_reuse(articles, embedder, [story], settings.reuse))
    result["edges"] = len(edges)
    result["edge_kinds"] = {k: sum(1 for e in edges if e.kind == k) for k in ("copy", "rewrite", "shared_source")}
    result["passages"] = sum(len(e.evidence) for e in edges)
    read = canonical_speakers(people_named_in_story(sorted(articles, key=lambda a: story.article_ids.index(a.id))))
    groups = timed("quotes", lambda: group_quotes(story, read, embedder))
    result["groups"] = len(groups)
    result["largest_group"] = max((len(g.members) for g in groups), default=0)
    result["members"] = sum(len(g.members) for g in groups)
    if story_too:
        bundle = StoryBundle(story, articles, edges)
        timed("story", lambda: compare_story(bundle, embedder, settings))
    result["peak_rss_mib"] = round(_peak_mib())
    if profiler is not None:
        import pstats

        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[200, 1000], help="story sizes")
    parser.add_argument("--data", type=Path, default=CORPUS, help="folder of .txt articles to sample")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where annotated articles are kept")
    parser.add_argument("--story", action="store_true", help="also time the whole compare_story")
    parser.add_argument("--profile", choices=["reuse", "quotes", "story"], help="cProfile one stage (stderr)")
    parser.add_argument("--prepare", action="store_true", help="only annotate and cache the articles")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        annotated(args.data, max(args.n), args.cache)
        return
    if args.worker is not None:
        print(json.dumps(worker(args.data, args.worker, args.cache, args.story, args.profile)))
        return

    rows = []
    for n in args.n:
        command = [sys.executable, __file__, "--worker", str(n), "--data", str(args.data), "--cache", str(args.cache)]
        command += ["--story"] * args.story + (["--profile", args.profile] if args.profile else [])
        out = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False,
                             env=dict(os.environ, PYTHONHASHSEED="0"))
        if out.returncode != 0:
            sys.exit(f"size {n} failed")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)

    print(f"\none story, {args.data.name}, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}\n")
    print("| articles | quotes | reuse s | edges | passages | quotes s | groups | largest group | story s "
          "| peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        story = f"{r['story_s']:.1f}" if "story_s" in r else ""
        print(f"| {r['n']:,} | {r['quotes']:,} | {r['reuse_s']:.1f} | {r['edges']:,} | {r['passages']:,} "
              f"| {r['quotes_s']:.1f} | {r['groups']:,} | {r['largest_group']:,} | {story} | {r['peak_rss_mib']:,} |")


if __name__ == "__main__":
    main()
