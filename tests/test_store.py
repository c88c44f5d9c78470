"""The store on a real SQLite file and a real PostgreSQL server: ingest, duplicates and new
versions, stories and search, a stored story's report equal to what `analyze` gives, the
commands, and an ingest killed half way."""

from __future__ import annotations

import gc
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, make_url, select, text

from newsprism import Report
from newsprism.annotate import Annotator
from newsprism.embed import Embedder, Encoder
from newsprism.pipeline import COMPARE
from newsprism.relate.storyindex import StoryIndex
from newsprism.report import report_dict
from newsprism.store import Store
from newsprism.store.schema import MIGRATIONS, articles, current_version, index_snapshot, stories

from .conftest import EXAMPLE, KURSK

REPO = Path(__file__).resolve().parents[1]


def fresh_store(backend: str, where: Path, name: str, postgres_url: str | None = None) -> Store:
    """An empty store: a SQLite file in ``where``, or a new database on the test server."""
    if backend == "sqlite":
        return Store.open(where / f"{name}.db")
    assert postgres_url is not None
    server = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return Store.open(make_url(postgres_url).set(database=name).render_as_string(hide_password=False))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, annotator: Annotator,
           embedder: Embedder, encoder: Encoder) -> Store:
    pg = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    store = fresh_store(request.param, tmp_path_factory.mktemp("store"), "filled", pg)
    summary = store.ingest([EXAMPLE, KURSK], annotator=annotator, embedder=embedder, encoder=encoder)
    assert len(summary.new) == 10 and not summary.failed and summary.duplicate == 0
    assert len(summary.stories_touched) == 2
    return store


def _without_time(report: Report) -> dict:
    data = report_dict(report)
    data.pop("generated_at")
    return data


def test_stories_and_reports_are_those_of_analyze(filled: Store, kursk_report: Report, example_report: Report) -> None:
    stored = {s.id: s for s in filled.stories()}
    for fresh in (kursk_report, example_report):
        (story,) = fresh.stories
        assert stored[story.id].article_ids == story.article_ids  # the ids report.json uses
        assert _without_time(filled.report(story.id)) == _without_time(fresh)


def test_ingesting_again_stores_nothing_twice(filled: Store, annotator: Annotator, embedder: Embedder,
                                              encoder: Encoder) -> None:
    again = filled.ingest([KURSK], annotator=annotator, embedder=embedder, encoder=encoder)
    assert again.new == [] and again.duplicate == 5 and again.stories_touched == []
    with filled.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 10


def test_search_finds_articles_with_their_story(filled: Store, kursk_report: Report) -> None:
    hits = filled.search("guaranteed life")
    assert hits and {h.story_id for h in hits} == {kursk_report.stories[0].id}
    assert filled.search("warehouse fire")[0].story_id != kursk_report.stories[0].id
    assert filled.search('"; DROP TABLE articles; --') == []  # the words are terms, never syntax


def test_filters_and_schema_version(filled: Store) -> None:
    assert [s.title for s in filled.stories(outlet="coastline daily")] == [
        s.title for s in filled.stories() if any(a.startswith("003_coastline") for a in s.article_ids)]
    assert filled.stories(since="2100-01-01") == []
    assert current_version(filled.engine) == len(MIGRATIONS)


def test_a_changed_article_at_the_same_url_is_a_new_version(tmp_path: Path, annotator: Annotator,
                                                             embedder: Embedder, encoder: Encoder) -> None:
    """Written for this test: one outlet corrects its story."""
    first = {"id": "a", "url": "https://example.org/bridge", "outlet": "Outlet A", "title": "Bridge closed",
             "text": "The Harlow river bridge was closed on Monday after engineers found cracks in two of its "
                     "pillars, the city council said.\n\nTraffic was diverted through the town centre."}
    second = {**first, "text": first["text"].replace("two of its pillars", "three of its pillars")}
    store = Store.open(tmp_path / "v.db")
    for version in (first, second):
        feed = tmp_path / "feed.jsonl"
        feed.write_text(json.dumps(version), encoding="utf-8")
        summary = store.ingest([feed], annotator=annotator, embedder=embedder, encoder=encoder)
    assert len(summary.new_version) == 1
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.version, articles.c.current, articles.c.previous_id)
                            .order_by(articles.c.seq)).all()
    assert [(r[1], r[2]) for r in rows] == [(1, False), (2, True)] and rows[1][3] == rows[0][0]
    assert rows[0][0] != rows[1][0]  # both versions kept, each with its own id
    first_version, second_version = store.versions(rows[1][0])
    assert first_version.changes == [] and second_version.changes == [("two", "three")]
    # the story is analysed with the current version only: the correction replaces, not joins
    (story,) = store.stories()
    assert story.article_ids == [rows[1][0]]
    assert [a.id for a in store.report(story.id).articles] == [rows[1][0]]
    # the report written from the store shows what the correction changed
    from typer.testing import CliRunner

    from newsprism.cli import app

    out = tmp_path / "report"
    assert CliRunner().invoke(app, ["report", story.id, "-o", str(out), "--db", str(tmp_path / "v.db")]).exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Versions of this article" in html and "<del>two</del> → <ins>three</ins>" in html


def test_two_documents_with_one_name_are_both_kept(tmp_path: Path, annotator: Annotator, embedder: Embedder,
                                                   encoder: Encoder) -> None:
    """Two folders, each with its own 002_estria_wire.txt (the second one corrected)."""
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    for folder in (first, second):
        folder.mkdir()
    original = (EXAMPLE / "002_estria_wire.txt").read_text(encoding="utf-8")
    (first / "002_estria_wire.txt").write_text(original, encoding="utf-8")
    (second / "002_estria_wire.txt").write_text(original.replace("120 workers", "130 workers"), encoding="utf-8")
    store = Store.open(tmp_path / "twice.db")
    summary = store.ingest([first, second], annotator=annotator, embedder=embedder, encoder=encoder)
    assert len(summary.new) == 2 and len(set(summary.new)) == 2 and not summary.failed
    again = store.ingest([second / "002_estria_wire.txt"], annotator=annotator, embedder=embedder, encoder=encoder)
    assert again.duplicate == 1 and again.new == []
    (first / "002_estria_wire.txt").write_text(original.replace("120 workers", "140 workers"), encoding="utf-8")
    third = store.ingest([first], annotator=annotator, embedder=embedder, encoder=encoder)
    assert third.new == ["002_estria_wire~" + third.new[0].split("~")[1]]  # a stored id is never reused


def _feed(path: Path, n: int) -> set[str]:
    """``n`` distinct short articles written from the example's sentences (our own text)."""
    sentences = [line for f in sorted(EXAMPLE.glob("*.txt")) for line in f.read_text(encoding="utf-8").split("\n")
                 if len(line.split()) > 8]
    rows = [{"id": f"n{i}", "outlet": f"Outlet {i % 7}", "title": f"Harbour report {i}",
             "text": "\n\n".join(sentences[(i + k) % len(sentences)] for k in range(4)) + f"\n\nReport number {i}."}
            for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return {r["id"] for r in rows}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_an_ingest_killed_half_way_resumes_with_nothing_lost_or_doubled(tmp_path: Path, backend: str,
                                                                        request: pytest.FixtureRequest) -> None:
    pg = request.getfixturevalue("postgres_url") if backend == "postgres" else None
    store = fresh_store(backend, tmp_path, "killed", pg)
    db = store.engine.url.render_as_string(hide_password=False)
    feed = tmp_path / "feed.jsonl"
    ids = _feed(feed, 40)
    script = ("import sys; from newsprism.store import Store; "
              "Store.open(sys.argv[1]).ingest([sys.argv[2]], batch=5)")
    child = subprocess.Popen([sys.executable, "-c", script, db, str(feed)], cwd=REPO,
                             env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    deadline = time.time() + 240
    stored = 0
    while time.time() < deadline and child.poll() is None:  # a reader keeps working while it writes
        with store.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        if stored >= 10:
            break
        time.sleep(0.2)
    assert child.poll() is None, "the ingest ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    resumed = subprocess.run([sys.executable, "-c", script, db, str(feed)], cwd=REPO, timeout=600,
                             env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert resumed.returncode == 0
    with store.engine.connect() as conn:
        stored_ids = [r[0] for r in conn.execute(select(articles.c.id))]
        rows = conn.execute(select(stories.c.article_ids, stories.c.dirty, stories.c.findings)).all()
    assert sorted(stored_ids) == sorted(ids)  # every article exactly once
    members = [m for r in rows for m in json.loads(r[0])]
    assert sorted(members) == sorted(ids)  # every article in one story
    for article_ids, dirty, findings in rows:  # every story's findings match its members
        assert not dirty and findings is not None
        assert json.loads(findings)["story"]["article_ids"] == json.loads(article_ids)


def test_the_commands(tmp_path: Path, filled: Store) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    db = filled.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0
    story = json.loads(listed.stdout)[0]
    assert {"id", "title", "article_ids"} <= set(story)
    written = runner.invoke(app, ["report", story["id"], "-o", str(tmp_path / "out"), "--db", db])
    assert written.exit_code == 0 and (tmp_path / "out" / "report.html").is_file()
    assert json.loads((tmp_path / "out" / "report.json").read_text())["stories"][0]["id"] == story["id"]
    assert runner.invoke(app, ["report", "story-nope", "-o", str(tmp_path / "x"), "--db", db]).exit_code == 4
    assert runner.invoke(app, ["export", "-o", str(tmp_path / "a.jsonl"), "--db", db]).exit_code == 0
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert len(lines) == 10 and {"id", "story_id", "text", "version"} <= set(json.loads(lines[0]))
    found = runner.invoke(app, ["search", "Valmora", "--db", db])
    assert found.exit_code == 0 and "story-" in found.stdout


def test_dask_and_local_engines_store_the_same_findings(tmp_path: Path, filled: Store, annotator: Annotator,
                                                        embedder: Embedder, encoder: Encoder) -> None:
    """The same input ingested on a local Dask cluster (2 worker processes) gives the same
    stored stories and findings as in this process."""
    from newsprism.engine import DaskEngine

    if filled.engine.dialect.name != "sqlite":
        pytest.skip("one engine comparison is enough; the SQLite store is the one compared")
    with DaskEngine(workers=2) as dask:
        other = fresh_store("sqlite", tmp_path, "dask")
        summary = other.ingest([EXAMPLE, KURSK], engine=dask)
    assert len(summary.new) == 10 and not summary.failed
    assert [(s.id, s.article_ids) for s in other.stories()] == [(s.id, s.article_ids) for s in filled.stories()]
    for story in filled.stories():
        assert _without_time(other.report(story.id)) == _without_time(filled.report(story.id))


def test_the_story_index_is_let_go_before_the_stories_are_compared(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, annotator: Annotator, embedder: Embedder,
        encoder: Encoder) -> None:
    """The index grows with the store (about 11 MB per 1,000 articles) and comparing, the
    longest stage of a large ingest, does not need it: the driver holds it no longer."""
    indexes: list[weakref.ref] = []
    load = Store._story_index

    def remembered(store: Store, given: Embedder) -> StoryIndex:
        index = load(store, given)
        indexes.append(weakref.ref(index))
        return index

    held: list[bool] = []

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == COMPARE and done:
            gc.collect()
            held.append(indexes[0]() is not None)

    monkeypatch.setattr(Store, "_story_index", remembered)
    store = fresh_store("sqlite", tmp_path, "index")
    store.ingest([EXAMPLE, KURSK], annotator=annotator, embedder=embedder, encoder=encoder, progress=progress)
    assert len(indexes) == 1 and len(held) >= 2 and not any(held)  # two stories compared, the index gone


def test_a_storys_members_are_read_where_it_is_compared(filled: Store) -> None:
    """What a worker gets for a story is the store's address and the ids; it reads the same
    articles the driver would (SQLite file or PostgreSQL, whose password travels along)."""
    from newsprism.store.workers import StoredArticles, shareable

    story = max(filled.stories(), key=lambda s: len(s.article_ids))
    here = StoredArticles(filled.engine, story.article_ids)
    there = pickle.loads(pickle.dumps(here))
    assert there.engine is None and shareable(filled.engine)
    assert [a.id for a in there()] == story.article_ids and there() == here()
    assert not shareable(create_engine("sqlite://")) and not shareable(create_engine("sqlite:///:memory:"))


def test_a_later_ingest_starts_from_the_stored_index(tmp_path: Path, filled: Store, annotator: Annotator,
                                                      embedder: Embedder, encoder: Encoder) -> None:
    """Ingesting in two runs (the second restores the index snapshot, JSON and arrays, and
    replays nothing) gives the stories of one run."""
    if filled.engine.dialect.name != "sqlite":
        pytest.skip("the snapshot is engine-independent; one comparison is enough")
    store = fresh_store("sqlite", tmp_path, "twice")
    store.ingest([EXAMPLE], annotator=annotator, embedder=embedder, encoder=encoder)
    with store.engine.connect() as conn:
        assert conn.execute(select(index_snapshot.c.seq)).scalar_one() == 5
    store.ingest([KURSK], annotator=annotator, embedder=embedder, encoder=encoder)
    assert [(s.id, s.article_ids) for s in store.stories()] == [(s.id, s.article_ids) for s in filled.stories()]
    with store.engine.connect() as conn:
        assert conn.execute(select(index_snapshot.c.seq)).scalar_one() == 10
