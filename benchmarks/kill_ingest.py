"""Fault injection for the store (issue 15): ingests killed with SIGKILL at random moments,
``--kills`` times, each followed by a check of the store; then one ingest that runs to the
end, and the final check. After every kill the store must hold every stored article once
(no id and no content twice), every current article in exactly one story, and every story
either marked dirty or with findings computed from exactly its members; at the end every
article of the feed is stored once and no story is dirty.

Input: NeuS articles (real, short; ``--data`` another copy of the set), fed in slices so that
each round both stores articles and compares stories: round k ingests the feed's first
(k + 1) x ``--step`` lines (the ones before it are duplicates, skipped), and is killed a random
time after its first progress line (uniform in 0 .. ``--window`` seconds), in the storing or
the comparing phase. Each round is a fresh process: model loading is not killed, only work.

    PYTHONPATH=src:benchmarks python benchmarks/kill_ingest.py [--kills 50] [--step 12] [--window 8]
        [--db postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import story_data
from sqlalchemy import func, select

from newsprism.store import Store
from newsprism.store.schema import articles, stories

CHILD = """
import sys
from newsprism.store import Store
def progress(stage, done, total):
    print(stage, done, total, flush=True)
Store.open(sys.argv[1]).ingest([sys.argv[2]], batch=4, progress=progress)
print("done", flush=True)
"""


def check(store: Store) -> list[str]:
    """What is wrong with the store (nothing: an empty list)."""
    problems = []
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.content_key, articles.c.current, articles.c.story)).all()
        story_rows = conn.execute(select(stories.c.number, stories.c.article_ids, stories.c.dirty,
                                         stories.c.findings)).all()
    ids = [r[0] for r in rows]
    keys = [r[1] for r in rows]
    if len(set(ids)) != len(ids) or len(set(keys)) != len(keys):
        problems.append("an article stored twice")
    current = {r[0] for r in rows if r[2]}
    members = [m for r in story_rows for m in json.loads(r[1])]
    if sorted(members) != sorted(current):
        problems.append(f"{len(members)} story memberships for {len(current)} current articles")
    for number, article_ids, dirty, findings in story_rows:
        if not dirty and article_ids != "[]":
            if findings is None or json.loads(findings)["story"]["article_ids"] != json.loads(article_ids):
                problems.append(f"story {number}: clean, but its findings are not of its members")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="another copy of neus_allsides")
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--step", type=int, default=12, help="new articles per round")
    parser.add_argument("--window", type=float, default=8.0, help="kill within this many seconds of the first progress")
    parser.add_argument("--db", default=None, help="a database URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    items = story_data.load_neus(args.data or story_data.default_dir("neus_allsides"), "val")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "killed.db")
        store = Store.open(db)
        total_needed = (args.kills + 1) * args.step
        lines = [json.dumps({"id": item.raw.id, "title": item.raw.title, "outlet": item.raw.outlet,
                             "text": item.raw.content}) for item in items[:total_needed]]
        killed_in: dict[str, int] = {}
        failures: list[str] = []
        start = time.perf_counter()
        for round_ in range(args.kills + 1):
            feed = Path(tmp) / f"feed-{round_}.jsonl"
            feed.write_text("\n".join(lines[: (round_ + 1) * args.step]) + "\n", encoding="utf-8")
            child = subprocess.Popen([sys.executable, "-c", CHILD, db, str(feed)], stdout=subprocess.PIPE, text=True,
                                     env={**os.environ}, stderr=subprocess.DEVNULL)
            assert child.stdout is not None
            last = child.stdout.readline()  # the first progress line: models loaded, work begun
            if round_ < args.kills:
                deadline = time.perf_counter() + rng.uniform(0, args.window)
                os.set_blocking(child.stdout.fileno(), False)
                while time.perf_counter() < deadline and child.poll() is None:
                    line = child.stdout.readline()
                    last = line or last
                    time.sleep(0.02)
                if child.poll() is None:
                    os.kill(child.pid, signal.SIGKILL)
                    stage = last.rsplit(" ", 2)[0] if last else "starting"
                    killed_in[stage] = killed_in.get(stage, 0) + 1
                else:
                    killed_in["(finished first)"] = killed_in.get("(finished first)", 0) + 1
                child.wait()
                failures += [f"round {round_}: {p}" for p in check(store)]
            else:  # the last round runs to its end
                child.communicate()
                failures += [f"final: {p}" for p in check(store)]
        with store.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            dirty = conn.execute(select(func.count()).select_from(stories).where(stories.c.dirty)).scalar_one()
        seconds = time.perf_counter() - start
    print(f"NeuS val articles, {args.kills} kills, {args.step} new articles a round, "
          f"{'PostgreSQL' if args.db else 'SQLite'}, {time.strftime('%Y-%m-%d')}")
    print("| kills | killed while (stage: count) | articles fed | stored at the end | dirty stories at the end "
          "| problems found | seconds |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    stages = "; ".join(f"{k}: {v}" for k, v in sorted(killed_in.items()))
    print(f"| {args.kills} | {stages} | {len(lines)} | {stored} | {dirty} | {len(failures)} | {seconds:.0f} |")
    for failure in failures[:10]:
        print("problem:", failure)


if __name__ == "__main__":
    main()
