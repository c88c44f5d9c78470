"""Ingest into the store: throughput, peak memory, and the cost of adding a few articles to a
store that already holds the rest (issue 13).

Input (``--set``): the NeuS train part (real articles of thousands of events, three outlets
each: many stories, not one; the default) or the ECB+ documents (40 look-alike events),
written as a JSONL feed, the first ``--n`` of them. When ``--n`` exceeds the corpus, the texts
are used again as other stories of the same shape: copy k of a story renames its names (every
capitalised word inside a sentence gets a suffix of copy k's own: "Kursk" -> "Kurskvela") and
is dated k x 400 days later, so each copy is another event with other participants, not a
re-run of the first. Each phase runs in its own process on a fresh SQLite store; peak memory
is the largest sum of the resident sets of the process and its children (Dask's workers),
sampled every half second (and so are the CPU seconds of the children: the driver's own are
exact, the workers' miss at most their last half second), and with ``--checkpoint N`` the rate
and memory so far are printed every N stored articles (the growth of one long run):

  1. ingest all but the last ``--add`` articles;
  2. ingest the last ``--add`` into that store (the incremental case: a new hour of news).

With ``--into STORE`` (a store an earlier run kept with ``--keep``, holding the first ``--n``
articles), only phase 2 runs: the ``--add`` articles after the first ``--n`` go into a copy of
STORE (the original is not touched). Stories the earlier run left marked dirty (analysis
stopped) are marked clean in the copy first, and their number printed, so that the phase
measures the new articles alone, not a backlog. ``--backlog K`` (with ``--into``, ``--add 0``)
instead keeps K of those stories dirty, chosen at random (fixed seed), and times their
analysis: the rate at which a store works off what an ingest left to compare.

    PYTHONPATH=src:benchmarks python benchmarks/ingest.py [--set neus|ecbplus] [--n 300] [--add 20]
        [--engine local|dask] [--workers 2] [--data DIR]

The time of a phase includes the engine's model loading (and, for Dask, the cluster's start
and each worker loading its models): what a user waits for.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import story_data

PHASE = """
import json, sys, threading, time
import psutil
from newsprism.engine import DaskEngine, LocalEngine
from newsprism.pipeline import COMPARE, STORE
from newsprism.store import Store

peak = 0
cpu = {}  # pid of a child (a Dask worker) -> its CPU seconds when last sampled
def tree_rss():
    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
            if p.pid != me.pid:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
    return total
def sample():
    global peak
    while True:
        peak = max(peak, tree_rss())
        time.sleep(0.5)
threading.Thread(target=sample, daemon=True).start()
every = int(sys.argv[5])
last = [0]
analysed = []  # the last report of the comparison stage done (its findings stored), printed after the ingest
start = time.perf_counter()
began = {}  # stage -> when its first report came
def progress(stage, done, total):
    began.setdefault(stage, time.perf_counter())
    if stage == STORE and every and done // every > last[0] // every:
        last[0] = done
        elapsed = time.perf_counter() - start
        print(json.dumps({"checkpoint": done, "seconds": elapsed, "rss_mib": peak / 2**20}), flush=True)
    elif stage == COMPARE and every and total and done == total:
        analysed[:] = [{"analysed": total, "seconds": time.perf_counter() - start, "rss_mib": peak / 2**20,
                        "comparing": time.perf_counter() - began[COMPARE]}]
store = Store.open(sys.argv[1])
engine = DaskEngine(workers=int(sys.argv[4])) if sys.argv[3] == "dask" else LocalEngine()
summary = store.ingest([sys.argv[2]], engine=engine, progress=progress)
for record in analysed:
    print(json.dumps(record), flush=True)
engine.close()
sizes = [len(s.article_ids) for s in store.stories()]
print(json.dumps({"seconds": time.perf_counter() - start, "new": len(summary.new),
                  "stories": len(summary.stories_touched), "failed": len(summary.failed),
                  "in_store": len(sizes), "largest": max(sizes, default=0),
                  "rss_mib": max(peak, tree_rss()) / 2**20,
                  "driver_cpu": sum(psutil.Process().cpu_times()[:2]), "workers_cpu": sum(cpu.values())}))
"""

SEED = 20251130
NAME = re.compile(r"(?<![.!?:\"“‘(] )(?<!^)\b([A-Z][a-z]{2,})\b", re.M)  # capitalised inside a sentence
SUFFIXES = ["vela", "dor", "ska", "mir", "ant", "eli", "ov", "ura", "ton", "ek", "ami", "is"]


def other_event(item: story_data.Item, copy: int) -> tuple[str, str | None, str | None]:
    """Copy ``copy`` of an article as a report of another event of the same shape: its names
    renamed the same way in every article of the story, its date 400 days later per copy."""
    if not copy:
        return item.raw.content, item.raw.title, item.raw.published
    suffix = "".join(SUFFIXES[(copy // len(SUFFIXES) ** i) % len(SUFFIXES)]
                     for i in range(1 + int(copy >= len(SUFFIXES))))

    names = {m.group(1) for text in (item.raw.title or "", item.raw.content) for m in NAME.finditer(text)}
    anywhere = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b") if names else None

    def rename(text: str | None) -> str | None:  # a name is renamed wherever it stands
        return anywhere.sub(lambda m: m.group(1) + suffix, text) if text and anywhere else text

    published = item.raw.published
    if published:
        try:
            day = datetime.fromisoformat(published[:10]) + timedelta(days=400 * copy)
            published = day.date().isoformat() + published[10:]
        except ValueError:
            published = None
    return rename(item.raw.content) or "", rename(item.raw.title), published



def feed(items: list[story_data.Item], n: int, path: Path, offset: int = 0) -> None:
    with path.open("w", encoding="utf-8") as f:
        for k in range(offset, offset + n):
            item = items[k % len(items)]
            copy = k // len(items)
            text, title, published = other_event(item, copy)
            url = item.raw.source.url
            f.write(json.dumps({"id": f"{item.raw.id}-{copy}" if copy else item.raw.id,
                                "url": f"{url}#copy-{copy}" if url and copy else url,
                                "title": title, "outlet": item.raw.outlet, "published": published,
                                "text": text}) + "\n")


def phase(db: Path, path: Path, engine: str, workers: int, every: int) -> dict:
    """Run one phase in a fresh process; checkpoints are printed as they come (a long run)."""
    process = subprocess.Popen([sys.executable, "-c", PHASE, str(db), str(path), engine, str(workers), str(every)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    last: dict = {}
    analysed = 0.0
    for line in process.stdout:
        last = json.loads(line)
        if "checkpoint" in last:
            print(f"  {last['checkpoint']:,} stored: {last['seconds']:.0f} s, "
                  f"{last['checkpoint'] / last['seconds']:.2f} articles/s, peak {last['rss_mib']:.0f} MiB", flush=True)
        elif "analysed" in last:
            analysed = last["comparing"]
            print(f"  {last['analysed']:,} stories analysed: {last['seconds']:.0f} s in all, "
                  f"peak {last['rss_mib']:.0f} MiB", flush=True)
    if process.wait():
        raise SystemExit(f"phase failed with exit code {process.returncode}")
    return {**last, "analysed_seconds": analysed}  # the comparison alone, from its first report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["neus", "ecbplus", "mix"], default="neus",
                        help="mix: NeuS train and val, BASIL and ECB+ together (about 9k distinct articles)")
    parser.add_argument("--data", type=Path, default=None, help="another copy of that set, same format")
    parser.add_argument("--n", type=int, default=300, help="articles in all")
    parser.add_argument("--add", type=int, default=20, help="articles added to the filled store at the end")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--workers", type=int, default=2, help="Dask: worker processes of the local cluster")
    parser.add_argument("--checkpoint", type=int, default=0, help="print the rate and memory every N stored articles")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store at this path (must not exist)")
    parser.add_argument("--into", type=Path, default=None,
                        help="add the --add articles after the first --n to a copy of this kept store")
    parser.add_argument("--backlog", type=int, default=0,
                        help="with --into: analyse this many of the stories the kept store left dirty (a sample)")
    args = parser.parse_args()
    if args.set == "mix":
        folder = story_data.default_dir(".")
        neus = story_data.default_dir("neus_allsides")
        items = [*story_data.load_neus(neus, "train"), *story_data.load_neus(neus, "val"),
                 *story_data.load_basil(story_data.default_dir("basil")),
                 *story_data.load_ecbplus(story_data.default_dir("ecbplus"))]
    else:
        folder = args.data or story_data.default_dir("neus_allsides" if args.set == "neus" else "ecbplus")
        items = story_data.load_neus(folder, "train") if args.set == "neus" else story_data.load_ecbplus(folder)
    if args.into:
        into(args, items, folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        base, extra = Path(tmp) / "base.jsonl", Path(tmp) / "extra.jsonl"
        db = args.keep or Path(tmp) / "store.db"
        if db.exists():
            raise SystemExit(f"{db}: exists; --keep takes a new path")
        feed(items, args.n - args.add, base)
        feed(items, args.add, extra, offset=args.n - args.add)
        first = phase(db, base, args.engine, args.workers, args.checkpoint)
        second = phase(db, extra, args.engine, args.workers, 0)
    print(f"{args.set} texts from {folder}: {args.n} articles ({args.n - args.add} then {args.add} more), SQLite, "
          f"{time.strftime('%Y-%m-%d')}")
    print("| phase | articles | stories analysed | stories in store (largest) | failed | seconds | articles/s "
          "| peak RSS MiB | CPU s: driver / workers |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in (("ingest into a fresh store", first), (f"add {args.add} to it", second)):
        print(f"| {name} | {r['new']} | {r['stories']} | {r['in_store']} ({r['largest']}) | {r['failed']} | "
              f"{r['seconds']:.1f} | {r['new'] / r['seconds']:.2f} | {r['rss_mib']:.0f} | "
              f"{r['driver_cpu']:.1f} / {r['workers_cpu']:.1f} |")


def into(args: argparse.Namespace, items: list[story_data.Item], folder: Path) -> None:
    """Phase 2 alone, on a copy of a kept store: ``--add`` new articles after its first ``--n``."""
    if not args.into.is_file():
        raise SystemExit(f"{args.into}: no such store")
    with tempfile.TemporaryDirectory(dir=args.into.parent) as tmp:
        db, extra = Path(tmp) / "store.db", Path(tmp) / "extra.jsonl"
        shutil.copyfile(args.into, db)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("select count(*) from articles").fetchone()[0]
            dirty = [row[0] for row in conn.execute("select number from stories where dirty order by number")]
            kept = sorted(random.Random(SEED).sample(dirty, min(args.backlog, len(dirty))))
            conn.execute("update stories set dirty = 0 where dirty")
            conn.executemany("update stories set dirty = 1 where number = ?", [(n,) for n in kept])
            sizes = [len(json.loads(row[0])) for n in kept
                     for row in conn.execute("select article_ids from stories where number = ?", (n,))]
        backlog = len(dirty) - len(kept)
        feed(items, args.add, extra, offset=args.n)
        r = phase(db, extra, args.engine, args.workers, 10**9 if kept else 0)  # no checkpoints; the analysis timed
    if kept:
        print(f"backlog sample: {len(kept)} of {len(dirty):,} dirty stories ({sum(sizes):,} articles, largest "
              f"{max(sizes)}) analysed in {r['analysed_seconds']:.0f} s: {len(kept) / r['analysed_seconds']:.2f} "
              f"stories/s, {sum(sizes) / r['analysed_seconds']:.1f} articles/s; the whole backlog at that rate: "
              f"{len(dirty) / (len(kept) / r['analysed_seconds']) / 3600:.1f} h")
    print(f"{args.set} texts from {folder}: {args.add} articles added to a copy of {args.into} ({stored:,} "
          f"articles; {backlog:,} stories left unanalysed by its run marked clean first), SQLite, "
          f"{time.strftime('%Y-%m-%d')}")
    print("| phase | articles | stories analysed | stories in store (largest) | failed | seconds | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| add {args.add} to it | {r['new']} | {r['stories']} | {r['in_store']:,} ({r['largest']}) "
          f"| {r['failed']} | {r['seconds']:.1f} | {r['rss_mib']:.0f} |")


if __name__ == "__main__":
    main()
