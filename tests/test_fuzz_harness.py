"""benchmarks/fuzz.py stays runnable: a few inputs through two readers and the cleaner, and
an exception the stages do not handle is counted and kept with its input, not raised."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import KURSK

ROOT = Path(__file__).resolve().parents[1]


def fuzz():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("newsprism_fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def options(tmp_path: Path, n: int) -> argparse.Namespace:
    return argparse.Namespace(data=KURSK, n=n, annotate=0, seed=7, timeout=60.0, slow=60.0, save=tmp_path / "kept")


def test_the_fuzz_harness_runs_readers_and_cleaner(tmp_path: Path) -> None:
    share = fuzz().run_share(options(tmp_path, 12), ["jsonl", "warc"], 0, 1)
    assert {name: t.inputs for name, t in share.tallies.items()} == {"jsonl": 6, "warc": 6}
    assert all(t.unnamed == t.broken == t.hangs == 0 for t in share.tallies.values())


def test_the_fuzz_harness_counts_and_keeps_an_unhandled_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a defect")

    monkeypatch.setattr("newsprism.clean.clean", broken)
    share = fuzz().run_share(options(tmp_path, 8), ["txt"], 0, 1)
    tally = share.tallies["txt"]
    assert tally.inputs == 8 and tally.unhandled == tally.documents > 0
    [(key, count)] = share.crashes.items()
    assert key[:3] == ("txt", "clean", "RuntimeError") and count == tally.unhandled
    assert (tmp_path / "kept" / "0001-txt-crash-clean.txt").read_text().strip().endswith("RuntimeError: a defect")
