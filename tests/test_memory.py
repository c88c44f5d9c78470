"""Memory (issue 17): how many workers memory holds, what an annotated article keeps alive,
and report.json written as a stream, byte for byte what the whole-report writer gives."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from newsprism import engine as engine_module
from newsprism.cli import EngineName, engine_for
from newsprism.engine import WORKER_MEMORY, AutoEngine, default_workers

GIB = 1 << 30


def test_workers_are_one_per_core_as_far_as_memory_holds_them() -> None:
    assert default_workers(cores=8, available=64 * GIB) == 8  # memory to spare: every core
    assert default_workers(cores=8, available=3 * WORKER_MEMORY + WORKER_MEMORY // 2) == 3
    assert default_workers(cores=2, available=GIB // 4) == 1  # always one
    assert default_workers(cores=1, available=64 * GIB) == 1


def test_the_command_line_default_asks_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    import psutil

    monkeypatch.setattr(engine_module.os, "cpu_count", lambda: 16)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: SimpleNamespace(available=5 * GIB + 1))
    engine = engine_for(EngineName.auto, None, None)
    assert isinstance(engine, AutoEngine) and engine.workers == 5
    engine = engine_for(EngineName.auto, None, 12)  # --workers N is taken as given
    assert isinstance(engine, AutoEngine) and engine.workers == 12
