"""Fuzzing the readers, the cleaner and the annotator with Hypothesis (issue 15).

Inputs are generated, or mutated from seeds read at run time: the shared Kursk corpus
(``--data``, never copied into the repository) and the bundled example
(examples/harbor-fire). Six targets, each through the public reader ``read_inputs``:
a .txt file, an .html file, a .jsonl file, a WARC (.warc or .warc.gz, built with warcio,
then cut, damaged or given wrong lengths), a gzipped .txt/.html/.jsonl (or a bare .gz),
and standard input. Every document a reader gives is cleaned (``clean``); a sample of the
cleaned articles (``--annotate``, spaCy is slow) is annotated.

What is counted, per target: inputs; documents read and articles cleaned; named failures
(an InputFailure from a reader, an InputError from ``clean``) whose reason is not empty
and whose source names the input; unnamed failures (the reason empty, or the source not
naming the input); unhandled exceptions (anything else: 0 is the goal); broken articles
(a cleaned article whose text is empty or whose removed spans point outside it); inputs
over ``--timeout`` seconds (failures) and over ``--slow`` seconds (kept to look at: a
pattern that takes quadratic time shows there); seconds. Each distinct unhandled exception
is saved with its input and traceback under ``--save``. The input being read sits in the
work folder (input.*), so a crash of the process itself leaves it there.

Hypothesis only generates here (no shrinking, no example database): every exception is
caught and counted, so that one run reports them all instead of stopping at the first.

Run from the repository root (--jobs 2 on two idle cores):
  .venv/bin/python benchmarks/fuzz.py --n 100000 --annotate 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # fuzz this checkout's code, whatever the environment has installed
sys.path.insert(0, str(Path(__file__).resolve().parent))  # its inputs, also when loaded by a test
from fuzz_inputs import (  # noqa: E402
    EXAMPLE,
    Seeds,
    feed_inputs,
    generated_warc,
    gzipped,
    html_inputs,
    load_seeds,
    text_inputs,
)

DEFAULT_DATA = ROOT.parent / "shared" / "corpora" / "kursk-2025-03"
TARGETS = ("txt", "html", "jsonl", "warc", "gz", "stdin")


# ---------------------------------------------------------------------------------------
# Running the stages on one input and tallying


class Hang(Exception):
    """An input that took longer than --timeout."""


@dataclass
class Tally:
    inputs: int = 0
    documents: int = 0
    cleaned: int = 0
    named: int = 0
    unnamed: int = 0
    unhandled: int = 0
    broken: int = 0
    hangs: int = 0
    slow: int = 0
    seconds: float = 0.0
    slowest: float = 0.0


@dataclass
class Fuzzer:
    work: Path
    save: Path
    timeout: float
    slow: float
    annotate_n: int
    rng: random.Random
    tallies: dict[str, Tally] = field(default_factory=dict)
    crashes: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    pool: list[Any] = field(default_factory=list)  # cleaned articles, a uniform sample for annotation
    seen_articles: int = 0
    slowest: dict[str, tuple[float, bytes, str]] = field(default_factory=dict)  # per target

    def __post_init__(self) -> None:
        from newsprism.config import Settings

        self.settings = Settings()
        self.save.mkdir(parents=True, exist_ok=True)

    def run(self, target: str, data: bytes, suffix: str) -> None:
        tally = self.tallies.setdefault(target, Tally())
        tally.inputs += 1
        for old in self.work.glob("input*"):
            old.unlink()
        path = self.work / f"input{suffix}"
        if target == "stdin":
            (self.work / "input.stdin").write_bytes(data)  # kept for a crash of the process
        else:
            path.write_bytes(data)
        started = time.perf_counter()
        try:
            with _deadline(self.timeout):
                self._read_and_clean(target, data, path, tally)
        except Hang:
            tally.hangs += 1
            self._keep(target, "hang", data, f"input{suffix}", f"over {self.timeout} s")
        took = time.perf_counter() - started
        tally.seconds += took
        tally.slowest = max(tally.slowest, took)
        if took > self.slow:
            tally.slow += 1
            self._keep(target, "slow", data, f"input{suffix}", f"{took:.1f} s")
        if took > self.slowest.get(target, (0.0, b"", ""))[0]:
            self.slowest[target] = (took, data, suffix)

    def keep_slowest(self) -> None:
        """Each target's slowest input, to look at what takes long (not a problem in itself)."""
        for target, (took, data, suffix) in self.slowest.items():
            Path(self.save / f"slowest-{target}-input{suffix}").write_bytes(data)
            Path(self.save / f"slowest-{target}.txt").write_text(f"{took:.2f} s\n", encoding="utf-8")

    def _read_and_clean(self, target: str, data: bytes, path: Path, tally: Tally) -> None:
        from newsprism.clean import clean
        from newsprism.errors import InputError
        from newsprism.ingest import read_inputs
        from newsprism.model import InputFailure

        name = "-" if target == "stdin" else str(path)
        try:
            if target == "stdin":
                with _stdin(data):
                    items = list(read_inputs(["-"], self.settings))
            else:
                items = list(read_inputs([path], self.settings))
        except Hang:
            raise
        except Exception as err:  # noqa: BLE001 - the point: count it, keep the input, go on
            self._crash(target, "read", err, data, path.name)
            tally.unhandled += 1
            return
        for item in items:
            if isinstance(item, InputFailure):
                self._failure(target, "read", item.source, item.reason, name, tally, data, path.name)
                continue
            tally.documents += 1
            try:
                article = clean(item, self.settings)
            except Hang:
                raise
            except InputError as err:
                self._failure(target, "clean", err.source, err.reason, name, tally, data, path.name)
                continue
            except Exception as err:  # noqa: BLE001
                self._crash(target, "clean", err, data, path.name)
                tally.unhandled += 1
                continue
            tally.cleaned += 1
            if not _whole(article):
                tally.broken += 1
                self._keep(target, "broken", data, path.name, f"article {article.id!r}: text empty or removed[] "
                                                                "outside it")
                continue
            self._sample(article)

    def _failure(self, target: str, stage: str, source: object, reason: object, name: str, tally: Tally,
                 data: bytes, file: str) -> None:
        if isinstance(source, str) and source.startswith(name) and isinstance(reason, str) and reason.strip():
            tally.named += 1
            return
        tally.unnamed += 1
        self._keep(target, f"unnamed-{stage}", data, file, f"source={source!r} reason={reason!r}")

    def _sample(self, article: Any) -> None:
        """Reservoir sampling: every cleaned article has the same chance to be annotated."""
        self.seen_articles += 1
        if len(self.pool) < self.annotate_n:
            self.pool.append(article)
        else:
            at = self.rng.randrange(self.seen_articles)
            if at < self.annotate_n:
                self.pool[at] = article

    def annotate(self) -> None:
        from newsprism.annotate import Annotator, annotate

        annotator = Annotator.load(self.settings)
        tally = self.tallies.setdefault("annotate", Tally())
        for article in self.pool:
            tally.inputs += 1
            started = time.perf_counter()
            try:
                with _deadline(self.timeout):
                    annotate(article, annotator)
                tally.cleaned += 1
            except Hang:
                tally.hangs += 1
                self._keep("annotate", "hang", article.text.encode(), "input.txt", f"over {self.timeout} s")
            except Exception as err:  # noqa: BLE001
                tally.unhandled += 1
                self._crash("annotate", "annotate", err, article.text.encode(), "input.txt")
            took = time.perf_counter() - started
            tally.seconds += took
            tally.slowest = max(tally.slowest, took)

    def _crash(self, target: str, stage: str, err: BaseException, data: bytes, file: str) -> None:
        frames = traceback.extract_tb(err.__traceback__)
        ours = [f for f in frames if "newsprism" in f.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        key = (target, stage, type(err).__name__, where)
        self.crashes[key] += 1
        if self.crashes[key] == 1:
            detail = "".join(traceback.format_exception(err))
            self._keep(target, f"crash-{stage}", data, file, detail)

    def _keep(self, target: str, kind: str, data: bytes, file: str, detail: str) -> None:
        number = len(self.problems) + 1
        stem = self.save / f"{number:04d}-{target}-{kind}"
        Path(f"{stem}-{file}").write_bytes(data)
        Path(f"{stem}.txt").write_text(detail, encoding="utf-8")
        self.problems.append(f"{stem}.txt: {detail.strip().splitlines()[-1][:200] if detail.strip() else kind}")


def _whole(article: Any) -> bool:
    text = article.text
    return bool(text.strip()) and all(0 <= r.at <= len(text) for r in article.removed) and all(
        0 <= p.start <= p.end <= len(text) for p in article.paragraphs)


@contextlib.contextmanager
def _stdin(data: bytes) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        yield
    finally:
        sys.stdin = saved


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------
# Driving Hypothesis


def drive(fuzzer: Fuzzer, target: str, strategy: st.SearchStrategy[Any], count: int, seed_value: int,
          suffix: Callable[[Any], tuple[str, bytes]]) -> None:
    @seed(seed_value)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(strategy)
    def one(example: Any) -> None:
        name, data = suffix(example)
        fuzzer.run(target, data, name)

    one()


def plan(seeds: Seeds) -> dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], tuple[str, bytes]]]]:
    def warc_name(data: bytes) -> tuple[str, bytes]:
        return (".warc.gz" if data.startswith(b"\x1f\x8b") else ".warc"), data

    return {
        "txt": (text_inputs(seeds), lambda data: (".txt", data)),
        "html": (html_inputs(seeds), lambda data: (".html", data)),
        "jsonl": (feed_inputs(seeds), lambda data: (".jsonl", data)),
        "warc": (generated_warc(seeds), warc_name),
        "gz": (gzipped(seeds), lambda pair: pair),
        "stdin": (st.one_of(text_inputs(seeds), html_inputs(seeds)), lambda data: ("", data)),
    }


@dataclass
class Share:
    """What one process found: its tallies, its crashes by kind and place, its problems."""

    tallies: dict[str, Tally]
    crashes: Counter[tuple[str, str, str, str]]
    problems: list[str]


def run_share(args: argparse.Namespace, targets: list[str], job: int, jobs: int) -> Share:
    """This process's part: 1/jobs of every target's inputs (its own Hypothesis seeds) and of
    the articles annotated, kept under --save/job-N when there are several."""
    seeds = load_seeds(args.data)
    strategies = plan(seeds)
    save = args.save / f"job-{job}" if jobs > 1 else args.save
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-work-") as work:
        fuzzer = Fuzzer(Path(work), save, args.timeout, args.slow, _part(args.annotate, job, jobs),
                        random.Random(args.seed * 1000 + job))
        for index, target in enumerate(targets):
            count = _part(_part(args.n, index, len(targets)), job, jobs)
            strategy, suffix = strategies[target]
            drive(fuzzer, target, strategy, count, (args.seed * 1000 + job) * 100 + index, suffix)
            tally = fuzzer.tallies.get(target, Tally())
            print(f"  job {job}, {target}: {tally.inputs} inputs in {tally.seconds:.0f} s, "
                  f"{tally.unhandled} unhandled", flush=True)
        fuzzer.keep_slowest()
        if fuzzer.annotate_n:
            fuzzer.annotate()
    return Share(fuzzer.tallies, fuzzer.crashes, fuzzer.problems)


def _part(total: int, index: int, parts: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a folder of .txt articles to seed from")
    parser.add_argument("--n", type=int, default=100_000, help="inputs in all, shared equally by the targets")
    parser.add_argument("--annotate", type=int, default=1000, help="cleaned articles annotated (a uniform sample)")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"some of {','.join(TARGETS)}")
    parser.add_argument("--jobs", type=int, default=1, help="processes, each with its share of every target")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds one input may take (else a failure)")
    parser.add_argument("--slow", type=float, default=5.0,
                        help="an input taking longer is counted and kept to look at (not a failure: the first "
                             "date a run parses loads dateparser's data, a few seconds)")
    parser.add_argument("--save", type=Path, default=Path(tempfile.gettempdir()) / "newsprism-fuzz",
                        help="where each distinct crash is kept with its input, and each target's slowest input")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise SystemExit(f"unknown targets: {', '.join(sorted(unknown))}")

    import logging

    logging.disable(logging.CRITICAL)  # trafilatura and htmldate log every odd page (forked jobs too)
    seeds = load_seeds(args.data)
    print(f"seeds: {len(seeds.texts)} texts, {len(seeds.pages)} pages, {len(seeds.feeds)} feeds from "
          f"{args.data} and {EXAMPLE.relative_to(ROOT)}; {args.jobs} process(es); problems kept in {args.save}",
          flush=True)
    started = time.perf_counter()
    if args.jobs == 1:
        shares = [run_share(args, targets, 0, 1)]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            shares = list(pool.map(run_share, [args] * args.jobs, [targets] * args.jobs, range(args.jobs),
                                   [args.jobs] * args.jobs))
    total = time.perf_counter() - started

    tallies: dict[str, Tally] = {}
    crashes: Counter[tuple[str, str, str, str]] = Counter()
    problems: list[str] = []
    for share in shares:
        for name, part in share.tallies.items():
            tally = tallies.setdefault(name, Tally())
            for key, value in vars(part).items():
                setattr(tally, key, max(value, tally.slowest) if key == "slowest" else getattr(tally, key) + value)
        crashes.update(share.crashes)
        problems += share.problems

    print("\n| target | inputs | documents | cleaned | named failures | unnamed failures | unhandled | broken "
          f"| over timeout | over {args.slow:g} s | seconds | inputs/s | slowest s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [*targets, "annotate"] if args.annotate else targets
    for target in rows:
        t = tallies.get(target, Tally())
        rate = t.inputs / t.seconds if t.seconds else 0.0
        print(f"| {target} | {t.inputs:,} | {t.documents:,} | {t.cleaned:,} | {t.named:,} | {t.unnamed} | "
              f"{t.unhandled} | {t.broken} | {t.hangs} | {t.slow} | {t.seconds:.0f} | {rate:.0f} | {t.slowest:.2f} |")
    inputs = sum(t.inputs for name, t in tallies.items() if name != "annotate")
    print(f"\n{inputs:,} inputs to the readers and the cleaner, {tallies.get('annotate', Tally()).inputs:,} "
          f"articles annotated; {total:.0f} s wall clock in all, {args.jobs} process(es)")
    if crashes:
        print("\nunhandled exceptions (target, stage, type, where: count):")
        for (target, stage, kind, where), count in crashes.most_common():
            print(f"  {target} {stage} {kind} at {where}: {count}")
    for problem in problems[:40]:
        print(problem)
    bad = sum(t.unhandled + t.unnamed + t.broken + t.hangs for t in tallies.values())
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
