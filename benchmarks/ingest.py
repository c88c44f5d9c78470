"""Ingest into the store: throughput, peak memory, and the cost of adding a few articles to a
store that already holds the rest (issue 13).

Input (``--set``): the NeuS train part (real articles of thousands of events, three outlets
each: many stories, not one; the default) or the ECB+ documents (40 look-alike events),
written as a JSONL feed, the first ``--n`` of them, repeated with a numbered suffix when
``--n`` exceeds the corpus so that every article is distinct. Each phase runs in its own
process on a fresh SQLite store (peak RSS from ``getrusage``):

  1. ingest all but the last ``--add`` articles;
  2. ingest the last ``--add`` into that store (the incremental case: a new hour of news).

    PYTHONPATH=src:benchmarks python benchmarks/ingest.py [--set neus|ecbplus] [--n 300] [--add 20]
        [--engine local|dask] [--workers 2] [--data DIR]

The time of a phase includes the engine's model loading (and, for Dask, the cluster's start
and each worker loading its models): what a user waits for.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import story_data

PHASE = """
import json, resource, sys, time
from newsprism.engine import DaskEngine, LocalEngine
from newsprism.store import Store
store = Store.open(sys.argv[1])
engine = DaskEngine(workers=int(sys.argv[4])) if sys.argv[3] == "dask" else LocalEngine()
start = time.perf_counter()
summary = store.ingest([sys.argv[2]], engine=engine)
engine.close()
print(json.dumps({"seconds": time.perf_counter() - start, "new": len(summary.new),
                  "stories": len(summary.stories_touched), "failed": len(summary.failed),
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def feed(items: list[story_data.Item], n: int, path: Path, offset: int = 0) -> None:
    with path.open("w", encoding="utf-8") as f:
        for k in range(offset, offset + n):
            item = items[k % len(items)]
            copy = k // len(items)
            suffix = f"\n\n(Archive copy {copy}.)" if copy else ""
            f.write(json.dumps({"id": f"{item.raw.id}-{copy}" if copy else item.raw.id, "url": item.raw.source.url,
                                "title": item.raw.title, "outlet": item.raw.outlet, "published": item.raw.published,
                                "text": item.raw.content + suffix}) + "\n")


def phase(db: Path, path: Path, engine: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", PHASE, str(db), str(path), engine, str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["neus", "ecbplus", "mix"], default="neus",
                        help="mix: NeuS train and val, BASIL and ECB+ together (about 9k distinct articles)")
    parser.add_argument("--data", type=Path, default=None, help="another copy of that set, same format")
    parser.add_argument("--n", type=int, default=300, help="articles in all")
    parser.add_argument("--add", type=int, default=20, help="articles added to the filled store at the end")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--workers", type=int, default=2, help="Dask: worker processes of the local cluster")
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
    with tempfile.TemporaryDirectory() as tmp:
        base, extra, db = Path(tmp) / "base.jsonl", Path(tmp) / "extra.jsonl", Path(tmp) / "store.db"
        feed(items, args.n - args.add, base)
        feed(items, args.add, extra, offset=args.n - args.add)
        first = phase(db, base, args.engine, args.workers)
        second = phase(db, extra, args.engine, args.workers)
    print(f"{args.set} texts from {folder}: {args.n} articles ({args.n - args.add} then {args.add} more), SQLite, "
          f"{time.strftime('%Y-%m-%d')}")
    print("| phase | articles | stories analysed | failed | seconds | articles/s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in (("ingest into a fresh store", first), (f"add {args.add} to it", second)):
        print(f"| {name} | {r['new']} | {r['stories']} | {r['failed']} | {r['seconds']:.1f} | "
              f"{r['new'] / r['seconds']:.2f} | {r['rss_mib']:.0f} |")


if __name__ == "__main__":
    main()
