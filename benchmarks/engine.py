"""Speed-up of the Dask engine: ``analyze`` on the local engine, on Dask with 1 worker and
on Dask with 2 workers (local clusters, one thread per worker process), same input, and
whether the three reports are identical (report_dict without generated_at).

Input (default): N synthetic articles (``--n``, default 240) in one JSONL file, several
distinct stories. The real texts of the shared Kursk articles
(../shared/corpora/kursk-2025-03) and of the bundled example (examples/harbor-fire: its
.txt files and the JSONL feed) give one sentence pool per source article (body paragraphs
of 12+ words, split with pysbd). A story is one source article's pool with a date of its
own (60 days apart, so the date penalty keeps stories apart); each of its articles draws
8-16 of the pool's sentences at random (fixed seed), plus one from another pool of the
same corpus, in paragraphs of 1-3 sentences, with a title, an outlet and the story's date.
``--data DIR`` analyses DIR instead.

What is timed: ``analyze`` alone, with the models already loaded (local: passed in; Dask:
a warm-up run of the bundled example loads them on every worker), so the figures are the
steady state of a long-running engine. Cluster start and warm-up are printed apart.

Run from the repository root:
  PYTHONPATH=src .venv/bin/python benchmarks/engine.py [--n 240] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KURSK = ROOT.parent / "shared" / "corpora" / "kursk-2025-03"
EXAMPLE = ROOT / "examples" / "harbor-fire"
OUTLETS = ["Harbor Times", "Daily Ledger", "North Wire", "Coast Post", "Evening Star", "Metro Herald"]
SEED = 20261130


def source_texts() -> list[tuple[str, str]]:
    """(corpus, text) of every source article."""
    texts = [("kursk", p.read_text("utf-8")) for p in sorted(KURSK.glob("*.txt"))]
    texts += [("harbor", p.read_text("utf-8")) for p in sorted(EXAMPLE.glob("*.txt"))]
    for line in (EXAMPLE / "005_outlets_feed.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            texts.append(("harbor", json.loads(line)["text"]))
    return texts


def make_articles(path: Path, n: int, seed: int = SEED) -> int:
    """Write ``n`` articles to ``path`` (JSONL); the number of source stories."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    pools: list[tuple[str, list[str]]] = []
    for corpus, text in source_texts():
        sentences = [s.strip() for line in text.splitlines() if len(line.split()) >= 12
                     for s in segmenter.segment(line) if len(s.split()) >= 4]
        if len(sentences) >= 8:
            pools.append((corpus, sentences))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(n):
            story = index % len(pools)
            corpus, pool = pools[story]
            others = [p for c, p in pools if c == corpus and p is not pool]
            sentences = rng.sample(pool, min(len(pool), rng.randint(8, 16)))
            if others:
                sentences.insert(rng.randrange(1, len(sentences)), rng.choice(rng.choice(others)))
            paragraphs = []
            while sentences:
                take = rng.randint(1, 3)
                paragraphs.append(" ".join(sentences[:take]))
                sentences = sentences[take:]
            day = date(2025, 1, 1) + timedelta(days=60 * story + rng.randint(0, 1))
            record = {"id": f"synthetic-{index:05d}", "title": " ".join(paragraphs[0].split()[:12]),
                      "outlet": rng.choice(OUTLETS), "published": day.isoformat(), "text": "\n\n".join(paragraphs)}
            out.write(json.dumps(record) + "\n")
    return len(pools)


def comparable(report) -> dict:  # type: ignore[no-untyped-def]
    from newsprism import report_dict

    data = report_dict(report)
    data.pop("generated_at")
    return data


def run_local(paths: list[Path]) -> tuple[dict, float, float]:
    from newsprism import Settings, analyze
    from newsprism.annotate import Annotator
    from newsprism.embed import Embedder, load_encoder

    start = time.perf_counter()
    models = {"annotator": Annotator.load(), "embedder": Embedder.load(),
              "encoder": load_encoder(Settings().claims.encoder)}
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    report = analyze(paths, **models)  # type: ignore[arg-type]
    return comparable(report), loaded, time.perf_counter() - start


def run_dask(paths: list[Path], workers: int) -> tuple[dict, float, float]:
    from newsprism import analyze
    from newsprism.engine import DaskEngine

    start = time.perf_counter()
    with DaskEngine(workers=workers) as engine:
        engine.client.wait_for_workers(workers)
        analyze([EXAMPLE], engine=engine)  # warm-up: every worker loads its models
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        report = analyze(paths, engine=engine)
        seconds = time.perf_counter() - start
    return comparable(report), loaded, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=240, help="synthetic articles (without --data)")
    parser.add_argument("--data", type=Path, help="analyse this folder instead of synthetic articles")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory() as tmp:
        if args.data:
            paths, label = [args.data], str(args.data)
        else:
            feed = Path(tmp) / "synthetic.jsonl"
            pools = make_articles(feed, args.n)
            paths, label = [feed], f"{args.n} synthetic articles from {pools} source stories"
        print(f"input: {label}", flush=True)
        rows = []
        for name, run in [("local", lambda: run_local(paths)), ("dask, 1 worker", lambda: run_dask(paths, 1)),
                          ("dask, 2 workers", lambda: run_dask(paths, 2))]:
            data, loaded, seconds = run()
            rows.append((name, data, loaded, seconds))
            print(f"{name}: {seconds:.1f} s (start and model load {loaded:.1f} s)", flush=True)

    reference = rows[0][1]
    print(f"\n{len(reference['articles'])} articles, {len(reference['inputs_failed'])} failed, "
          f"{len(reference['stories'])} stories, {len(reference['claims'])} claims\n")
    print("| engine | start + model load (s) | analyze (s) | articles/s | identical to local |")
    print("|---|---:|---:|---:|---|")
    for name, data, loaded, seconds in rows:
        rate = len(data["articles"]) / seconds if seconds else 0
        print(f"| {name} | {loaded:.1f} | {seconds:.1f} | {rate:.1f} | {'yes' if data == reference else 'NO'} |")
    print(f"\nspeed-up, 2 workers over 1: {rows[1][3] / rows[2][3]:.2f}x (goal >= 1.7x); "
          f"2 workers over local: {rows[0][3] / rows[2][3]:.2f}x")


if __name__ == "__main__":
    main()
