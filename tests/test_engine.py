"""The Dask engine against the local one: the same report from the same input, on a real
local cluster of two worker processes (one cluster for the module)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import newsprism.engine as engine_module
from newsprism import analyze, report_dict
from newsprism.annotate import Annotator
from newsprism.config import Settings
from newsprism.embed import Embedder, Encoder
from newsprism.engine import AutoEngine, DaskEngine, Engine, Finish, LocalEngine, Members, Prepare
from newsprism.model import RawDocument, Story
from newsprism.pipeline import DocumentResult, read_raws
from newsprism.relate import group_stories
from newsprism.report import write_parts
from newsprism.stream import analyze_streamed

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


def test_a_stream_read_on_dask_comes_back_in_input_order(dask_engine: DaskEngine, annotator: Annotator) -> None:
    # a store places each article in a story as it comes: the order makes the stories. One
    # document a task, so that the tasks finish in whatever order the two workers make
    settings = Settings()
    raws, _ = read_raws([EXAMPLE, KURSK], settings)
    taken: list[str] = []

    def stream() -> Iterator[RawDocument]:
        for raw in raws:
            taken.append(raw.id)
            yield raw

    dask_engine.stream_batch = 1
    try:
        results = dask_engine.read_stream(stream(), settings)
        first = next(results)
        assert 1 < len(taken) < len(raws)  # sent ahead, not the whole stream at once
        streamed = [first, *results]
    finally:
        dask_engine.stream_batch = DaskEngine().stream_batch
    assert [r.article.id if r.article else None for r in streamed] == [raw.id for raw in raws]
    assert streamed == list(LocalEngine(annotator).read_stream(raws, settings))


def test_workers_load_the_models_once_and_compare_in_fresh_processes(
        dask_engine: DaskEngine, annotator: Annotator, embedder: Embedder, encoder: Encoder) -> None:
    def loaded() -> dict[str, int]:
        return {kind: id(model) for (kind, _), model in engine_module._worker_models._loaded.items()}

    settings = Settings()
    raws, _ = read_raws([EXAMPLE, KURSK], settings)
    articles = [r.article for r in dask_engine.read(raws, settings) if r.article]
    parsing = dask_engine.client.run(loaded)
    dask_engine.read(raws, settings)
    assert dask_engine.client.run(loaded) == parsing  # one spaCy per worker, whatever the tasks
    assert any("annotator" in models for models in parsing.values())

    # comparing needs no parser: the workers that parsed are started afresh, then keep their models
    pids = dask_engine.client.run(os.getpid)
    stories = group_stories(articles, settings.stories, embedder)
    by_id = {a.id: a for a in articles}
    first = dask_engine.compare(stories, by_id, settings)
    comparing = dask_engine.client.run(loaded)
    assert set(dask_engine.client.run(os.getpid).values()).isdisjoint(pids.values())
    assert all("annotator" not in models for models in comparing.values())
    again = dask_engine.compare(stories, by_id, settings)
    after = dask_engine.client.run(loaded)  # a worker that compared keeps its models (one may not have had a task)
    assert any(comparing.values()) and all(after[w].items() >= models.items() for w, models in comparing.items())
    assert again == first
    local = LocalEngine(annotator, embedder, encoder).compare(stories, by_id, settings)
    assert first == local


class _Counting(Engine):
    """An engine that hands every stage to ``inner`` (None: refuses) and counts the stages."""

    def __init__(self, inner: Engine | None) -> None:
        self.inner, self.stages = inner, 0

    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        assert self.inner is not None, "the pool was started for a small stage"
        self.stages += 1
        return self.inner.read_each(raws, settings)

    def read_stream(self, raws: Iterable[RawDocument], settings: Settings,
                    finish: Prepare | None = None) -> Iterator[Any]:
        assert self.inner is not None, "the pool was started for a small stage"
        self.stages += 1
        return self.inner.read_stream(raws, settings, finish)

    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        assert self.inner is not None, "the pool was started for a small stage"
        self.stages += 1
        return self.inner.compare_each(stories, members, settings, finish)

    def embedder(self) -> Embedder:
        raise AssertionError("the driver's embedder comes from the local engine")


def test_auto_engine_pools_only_stages_big_enough_and_reports_the_same(
        dask_engine: DaskEngine, annotator: Annotator, embedder: Embedder, encoder: Encoder) -> None:
    paths = [EXAMPLE, KURSK]
    local = report_dict(analyze(paths, annotator=annotator, embedder=embedder, encoder=encoder))
    local.pop("generated_at")

    pool = _Counting(dask_engine)  # 10 articles in 4 stories: enough for 2 workers of 1 article each
    with AutoEngine(2, annotator, embedder, encoder, min_per_worker=1, pool=pool) as auto:
        pooled = check_report(analyze(paths, engine=auto))
    pooled.pop("generated_at")
    assert pool.stages == 2 and pooled == local

    with AutoEngine(2, annotator, embedder, encoder, pool=_Counting(None)) as auto:  # 32 per worker: too few
        small = report_dict(analyze(paths, engine=auto))
    small.pop("generated_at")
    assert small == local

    with AutoEngine(1, annotator, embedder, encoder, min_per_worker=1, pool=_Counting(None)) as auto:
        assert report_dict(analyze([EXAMPLE], engine=auto))["articles"]  # one worker: never a pool


def test_a_streamed_run_on_dask_writes_the_files_of_a_local_one(
        tmp_path: Path, dask_engine: DaskEngine, annotator: Annotator, embedder: Embedder, encoder: Encoder) -> None:
    # each story's share of the files is made on the worker that compared it
    paths, settings, files = [EXAMPLE, KURSK], Settings(), {}
    for name, engine in (("local", LocalEngine(annotator, embedder, encoder)), ("dask", dask_engine)):
        with analyze_streamed(paths, settings, engine) as report:
            written = write_parts(report, tmp_path / name)
        files[name] = {kind: re.sub(r"\d{4}-\d\d-\d\dT[\d:]+\+00:00", "", path.read_text("utf-8"))
                       for kind, path in written.items()}
    assert files["dask"] == files["local"] and '"claims": [\n' in files["local"]["json"]


def test_the_driver_lets_go_of_its_embedder_while_the_pool_compares(
        dask_engine: DaskEngine, annotator: Annotator, encoder: Encoder) -> None:
    # the driver's WordLlama (0.3 GB) groups the stories, then idles while the workers compare
    def driver_embedders(auto: AutoEngine) -> int:
        return sum(kind == "embedder" for kind, _ in auto.local.models._loaded)

    with AutoEngine(2, annotator, None, encoder, min_per_worker=1, pool=_Counting(dask_engine)) as auto:
        with analyze_streamed([EXAMPLE, KURSK], Settings(), auto) as report:
            assert len(report.rows) > 1
        assert driver_embedders(auto) == 0
        auto.embedder()  # grouping again: loaded again
        assert driver_embedders(auto) == 1
