"""The Dask engine against the local one: the same report from the same input, on a real
local cluster of two worker processes (one cluster for the module)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsprism.engine as engine_module
from newsprism import analyze, report_dict
from newsprism.annotate import Annotator
from newsprism.embed import Embedder, Encoder
from newsprism.engine import DaskEngine

from .conftest import EXAMPLE, KURSK, check_report


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[DaskEngine]:
    with DaskEngine(workers=2) as engine:
        yield engine


def _local_and_dask(paths: list[Path], dask_engine: DaskEngine, annotator: Annotator, embedder: Embedder,
                    encoder: Encoder) -> tuple[dict, dict]:
    local = report_dict(analyze(paths, annotator=annotator, embedder=embedder, encoder=encoder))
    report = analyze(paths, engine=dask_engine)
    distributed = check_report(report)
    for data in (local, distributed):
        data.pop("generated_at")
    return local, distributed


@pytest.mark.parametrize("corpus", [EXAMPLE, KURSK], ids=["harbor-fire", "kursk"])
def test_dask_and_local_give_the_same_report(corpus: Path, dask_engine: DaskEngine, annotator: Annotator,
                                             embedder: Embedder, encoder: Encoder) -> None:
    local, distributed = _local_and_dask([corpus], dask_engine, annotator, embedder, encoder)
    assert local["articles"] and local["claims"]
    assert distributed == local


def test_failures_are_recorded_the_same_way(tmp_path: Path, dask_engine: DaskEngine, annotator: Annotator,
                                            embedder: Embedder, encoder: Encoder) -> None:
    # good articles mixed with inputs that fail while reading (driver) and while cleaning (worker)
    for path in sorted(EXAMPLE.iterdir()):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "short.txt").write_text("Too short.")
    local, distributed = _local_and_dask([tmp_path], dask_engine, annotator, embedder, encoder)
    failed = {Path(f["source"]).name for f in local["inputs_failed"]}
    assert failed == {"empty.txt", "binary.txt", "nav.html", "short.txt"}
    assert local["articles"]
    assert distributed == local


def test_workers_load_the_models_once(dask_engine: DaskEngine) -> None:
    def loaded() -> dict[str, int]:
        return {kind: id(model) for (kind, _), model in engine_module._worker_models._loaded.items()}

    analyze([EXAMPLE], engine=dask_engine)
    before = dask_engine.client.run(loaded)
    analyze([EXAMPLE], engine=dask_engine)
    after = dask_engine.client.run(loaded)
    assert len(before) == 2 and after == before
    assert any("annotator" in models for models in after.values())
    assert all(len(models) <= 3 for models in after.values())  # one annotator, embedder, encoder each at most
