"""Memory (issue 17): how many workers memory holds, what an annotated article keeps alive,
and report.json written as a stream, byte for byte what the whole-report writer gives."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from newsprism import analyze
from newsprism import engine as engine_module
from newsprism.annotate import Annotator, annotate_all
from newsprism.clean import clean
from newsprism.cli import EngineName, engine_for
from newsprism.config import Settings
from newsprism.embed import Encoder, MiniLMEmbedder
from newsprism.engine import WORKER_MEMORY, AutoEngine, default_workers
from newsprism.ingest import read_inputs
from newsprism.model import InputFailure, RawDocument, Report
from newsprism.report import encoded, json_chunks, render_html, to_json, write_json, write_report

from .conftest import EXAMPLE, KURSK

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


@pytest.mark.parametrize("name", ["example_report", "kursk_report"])
def test_report_json_written_as_a_stream_is_the_whole_report_writer_s(
        name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    report: Report = request.getfixturevalue(name)
    whole = to_json(report)
    assert "".join(json_chunks(report)) == whole
    written = write_report(report, tmp_path / "set")
    assert written["json"].read_text("utf-8") == whole
    assert write_json(report, tmp_path / "alone.json").read_text("utf-8") == whole
    assert written["html"].read_text("utf-8") == render_html(report)  # the other two made when written
    # the records as chunks: a writer holds one record, not the report
    assert max(map(len, json_chunks(report))) < len(whole) // len(report.articles)


def test_edge_sections_stream_like_json_dumps(example_report: Report) -> None:
    """Empty lists, one record, a failure: the same bracketing and commas as json.dumps."""
    report = replace(example_report, articles=example_report.articles[:1], claims=[], brief=[],
                     inputs_failed=[InputFailure("a.txt", "empty: no text")])
    assert "".join(json_chunks(report)) == to_json(report)
    json.loads(to_json(report))


def test_encoded_slices_long_texts_and_gathers_short_ones() -> None:
    text = "é" * 25 + "abc"
    assert b"".join(encoded([text], size=10)) == text.encode("utf-8")
    assert [len(c.decode("utf-8")) for c in encoded([text], size=10)] == [10, 10, 8]
    assert list(encoded(["a", "b", "c"], size=2)) == [b"ab", b"c"]
    assert list(encoded([])) == []


def test_minilm_gives_its_arena_back_after_each_run(encoder: Encoder) -> None:
    """onnxruntime kept every run's buffers for the next, and batches differ in shape: the
    arena grew from 0.2 GB to 1.2 GB in a dozen batches and stayed there."""
    if not isinstance(encoder, MiniLMEmbedder):
        pytest.skip("the claims encoder is not MiniLM in these settings")
    assert encoder.run_options.get_run_config_entry("memory.enable_memory_arena_shrinkage") == "cpu:0"
    texts = ["Troops were surrounded near the border.", "The ministry denied it. " * 40]
    assert encoder.embed(texts).shape == (2, encoder.dimensions)


def _foreign(value: object, path: str, seen: set[int]) -> list[str]:
    """The paths under ``value`` to anything but plain data and newsprism's own records."""
    if id(value) in seen or isinstance(value, str | int | float | bool | None):
        return []
    seen.add(id(value))
    if is_dataclass(value) and type(value).__module__.startswith("newsprism.model."):
        return [p for f in fields(value) for p in _foreign(getattr(value, f.name), f"{path}.{f.name}", seen)]
    if isinstance(value, list | tuple):
        return [p for n, item in enumerate(value) for p in _foreign(item, f"{path}[{n}]", seen)]
    if isinstance(value, dict):
        return [p for k, item in value.items() for p in _foreign(item, f"{path}[{k!r}]", seen)]
    return [f"{path}: {type(value).__module__}.{type(value).__name__}"]


def test_an_annotated_article_keeps_no_parse_alive(annotator: Annotator) -> None:
    """Annotation reads spaCy's Docs and keeps plain records of what it found: a Doc, Span or
    Token left in a field would keep every parse of the run (and its vocabulary) in memory."""
    settings = Settings()
    raws = [raw for raw in read_inputs([KURSK, EXAMPLE], settings) if isinstance(raw, RawDocument)]
    articles = list(annotate_all([clean(raw, settings) for raw in raws], annotator))
    assert len(articles) == 10 and all(a.sentences and a.entities and a.claims for a in articles)
    assert [p for a in articles for p in _foreign(a, a.id, set())] == []
    doc = annotator.nlp("Troops were surrounded.")
    assert _foreign(replace(articles[0], notes=[doc[0]]), "a", set()) == ["a.notes[0]: spacy.tokens.token.Token"]
    report = analyze([KURSK], annotator=annotator)
    findings = [*report.claims, *report.quote_groups, *report.framing, *report.timeline, *report.brief]
    assert [p for x in findings for p in _foreign(x, type(x).__name__, set())] == []


def test_minilm_batches_fewer_long_texts_and_the_vectors_do_not_change(encoder: Encoder) -> None:
    """Attention grows with the square of a batch's length: long texts go fewer to a batch.
    A text's vector does not depend on its batch, so the report does not change."""
    if not isinstance(encoder, MiniLMEmbedder):
        pytest.skip("the claims encoder is not MiniLM in these settings")
    texts = [f"Short sentence number {n}." for n in range(40)] + [f"{n} " + "long words here " * 80 for n in range(20)]
    batches = encoder._batches(sorted(range(len(texts)), key=lambda i: len(texts[i])), texts)
    assert sorted(i for b in batches for i in b) == list(range(len(texts)))
    size = encoder.batch_size
    short = [len(b) for b in batches if max(b) < 40]
    assert short == [size] * (40 // size) + [40 % size] * (40 % size > 0)  # full batches, then the rest
    longest = encoder.max_tokens  # 80 repeats of three words pass the model's 256 word pieces
    assert max(len(b) for b in batches if min(b) >= 40) == max(1, size * 128**2 // longest**2) < size
    together = encoder.embed(texts[38:44])
    alone = np.vstack([encoder.embed([t]) for t in texts[38:44]])
    assert np.array_equal(together, alone)
