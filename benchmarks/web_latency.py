"""Latency of the web UI and API under load (issue 14): `newsprism serve` on a store, and
``--clients`` concurrent readers on loopback, each opening story pages and the story API
one after another. Prints p50/p95/max per kind of request and the errors.

Which stories: the ``--stories`` newest analysed ones (what readers open from the front
page). Each kind is measured twice: cold (the first view of each story, when the page is
built from the stored findings) and warm (what every later reader gets).

    PYTHONPATH=src python benchmarks/web_latency.py --db STORE [--clients 50] [--requests 20]
        [--stories 100] [--port 8765] [--workers 1]

``--db`` is a store made by ``newsprism ingest`` (e.g. the one ``benchmarks/ingest.py --keep``
leaves). The server runs in its own process(es); the readers are threads of this one, each
with its own keep-alive connection (httpx's async client with 50 tasks on one pool was
itself the bottleneck: 157 requests/s where one plain connection did 780).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time

import httpx


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def reader(base: str, paths: list[str], n: int, seed: int, times: dict[str, list[float]],
           errors: list[str]) -> None:
    """One reader: its own keep-alive connection, one request after another (as a browser tab)."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(n):
            path = rng.choice(paths)
            kind = "API story" if path.startswith("/api/") else "story page"
            start = time.perf_counter()
            try:
                response = client.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: HTTP {response.status_code}")
            except httpx.HTTPError as error:
                errors.append(f"{path}: {error!r}")
                continue
            times.setdefault(kind, []).append(time.perf_counter() - start)


def load(base: str, paths: list[str], clients: int, requests: int) -> tuple[dict[str, list[float]], list[str]]:
    """``clients`` readers at once, each a thread with its own connection (list appends are
    atomic under the GIL)."""
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    threads = [threading.Thread(target=reader, args=(base, paths, requests, k, times, errors))
               for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors


def start_server(command: list[str], base: str) -> subprocess.Popen:
    """`newsprism serve` in its own process, once it answers (two minutes at most)."""
    server = subprocess.Popen(command, env={**os.environ}, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            if httpx.get(base + "/api/stories?limit=1", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store to serve")
    parser.add_argument("--data", dest="db", help="same as --db (every benchmark takes --data)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client, after the cold pass")
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1, help="server processes (newsprism serve --workers)")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    command = [sys.executable, "-c", "from newsprism.cli import app; app()", "serve", "--db", args.db,
               "--port", str(args.port), "--workers", str(args.workers)]
    server = start_server(command, base)
    try:
        chosen: list[str] = []
        offset, total = 0, 1
        while len(chosen) < args.stories and offset < total:  # newest first; skip any not compared yet
            listing = httpx.get(base + "/api/stories", params={"limit": 500, "offset": offset}, timeout=120).json()
            total = listing["total"]
            chosen += [s["id"] for s in listing["stories"] if s["analysed"]][: args.stories - len(chosen)]
            offset += 500
        if not chosen:
            raise SystemExit("no analysed story in the store")
        server.terminate()  # a fresh server, so that the cold pass is cold
        server.wait()
        server = start_server(command, base)
        paths = [p for i in chosen for p in (f"/stories/{i}", f"/api/stories/{i}")]
        cold_start = time.perf_counter()
        cold, cold_errors = load(base, paths, args.clients, max(1, len(paths) // args.clients))
        cold_seconds = time.perf_counter() - cold_start
        warm_start = time.perf_counter()
        warm, warm_errors = load(base, paths, args.clients, args.requests)
        warm_seconds = time.perf_counter() - warm_start
    finally:
        server.terminate()
        server.wait()
    print(f"store {args.db}: {total:,} stories; {len(chosen)} newest analysed ones, {args.workers} server "
          f"process(es), {args.clients} concurrent clients on loopback, {time.strftime('%Y-%m-%d')}")
    print("| pass | request | n | p50 ms | p95 ms | max ms | requests/s | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, times, errors, seconds in (("cold (first views)", cold, cold_errors, cold_seconds),
                                         ("warm", warm, warm_errors, warm_seconds)):
        total = sum(len(v) for v in times.values())
        for kind, values in sorted(times.items()):
            print(f"| {name} | {kind} | {len(values)} | {1000 * statistics.median(values):.0f} | "
                  f"{1000 * percentile(values, 0.95):.0f} | {1000 * max(values):.0f} | {total / seconds:.0f} | "
                  f"{len(errors)} |")
    for error in (cold_errors + warm_errors)[:5]:
        print("error:", error)


if __name__ == "__main__":
    main()
