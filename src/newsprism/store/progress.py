"""How an ingest reports its stages: to the caller's progress callback and to the log."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..pipeline import Progress, log_stage

__all__ = ["Progress", "_Stages"]


class _Stages:
    """An ingest's stages as it reports them (``progress``) and logs them: how many items each
    has done and the seconds spent in it (READ, ANNOTATE and STORE take turns, batch by batch)."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def begin(self, stage: str, total: int | None = None) -> None:
        self.done[stage], self.seconds[stage] = 0, 0.0
        if self.progress:
            self.progress(stage, 0, total)

    def tick(self, stage: str, done: int, total: int | None = None) -> None:
        self.done[stage] = done
        if self.progress:
            self.progress(stage, done, total)

    def end(self, stage: str, what: str, per: bool = False, note: str = "") -> None:
        """The stage is done: its total is what it did; log ``what`` with its time (and rate)."""
        if self.progress:
            self.progress(stage, self.done[stage], self.done[stage])
        log_stage(what, self.seconds[stage], self.done[stage] if per else 0, note)
