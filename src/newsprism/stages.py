"""The stages a run reports its progress in, and the ``-v`` line each stage logs as it ends.

Apart from the pipeline so that the command line can name them without importing it (and with
it spaCy, trafilatura and SQLAlchemy): ``newsprism --help`` answers at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger("newsprism")

Progress = Callable[[str, int, int | None], None]
"""How a run reports its progress: ``progress(stage, done, total)``, with ``stage`` one of the
names below, ``done`` the items of that stage finished so far and ``total`` how many it has,
or None while that is not known (a stream of inputs). Each stage is reported first with
``done`` 0 and last with ``done == total``; ``analyze`` reports READ, ANNOTATE, GROUP and
COMPARE in that order, ``Store.ingest`` READ, ANNOTATE and STORE by turns (batch by batch), then
COMPARE. Any plain function of three arguments will do, e.g. ``lambda *a: print(*a)``."""

READ = "reading inputs"  # documents read from files, folders, JSONL, WARC, stdin (total: None until the end)
ANNOTATE = "cleaning and annotating articles"  # articles, one by one (or batch by batch on a cluster)
GROUP = "grouping into stories"  # articles, grouped all at once
STORE = "storing articles"  # articles joined to their story and kept (Store.ingest only)
COMPARE = "comparing stories"  # stories: the reuse among their articles, claims, quotes, timeline, brief
STAGES = (READ, ANNOTATE, GROUP, STORE, COMPARE)


def log_stage(what: str, seconds: float, per: int = 0, note: str = "") -> None:
    """One line of ``-v``: what a stage did, in how long, at what rate (``per`` items, when
    that is worth giving), then ``note`` ("cleaned and annotated 5 articles in 2.31 s, 2.2/s")."""
    rate = f", {per / seconds:.1f}/s" if per and seconds > 0 else ""
    log.info("%s in %.2f s%s%s", what, seconds, rate, f"; {note}" if note else "")


def stage_ticks(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """An engine's ``tick(done, total)`` as the ``stage`` of ``progress``."""
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def begin_stage(progress: Progress | None, stage: str, total: int | None) -> float:
    """Report that ``stage`` starts, and when (to time it)."""
    if progress:
        progress(stage, 0, total)
    return time.perf_counter()


def end_stage(progress: Progress | None, stage: str, total: int, started: float, what: str, per: int = 0,
              note: str = "") -> None:
    """Report that ``stage`` is done (its total now known) and log what it did and in how long."""
    if progress:
        progress(stage, total, total)
    log_stage(what, time.perf_counter() - started, per, note)
