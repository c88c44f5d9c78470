"""Shared fixtures: the real shared articles (read from ../shared, never copied), the
bundled fictional example, one model load for the whole session, a real PostgreSQL
server (``postgres_url``, from tests/postgres.py) started once when a test asks for it, and
Debian's chromium with stores to serve (``browser``, ``browser_page``, ``served_store``, from
tests/browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Report, analyze, report_dict
from newsprism.annotate import Annotator
from newsprism.config import Settings
from newsprism.embed import Embedder, Encoder, load_encoder
from newsprism.report import validate

from .browser import browser, browser_page, served_store  # noqa: F401  (chromium and stores to serve, tests/browser.py)
from .postgres import postgres_url  # noqa: F401  (the session's PostgreSQL server, for any test that asks)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KURSK = SHARED / "corpora" / "kursk-2025-03"
EXAMPLE = ROOT / "examples" / "harbor-fire"


def check_report(report: Report) -> dict:
    """Every report the suite produces must satisfy the shipped schema and cite real text."""
    data = report_dict(report)
    validate(data)
    for article in report.articles:
        n = len(article.text)
        for group in (article.sentences, article.entities, article.numbers, article.dates):
            for item in group:
                assert 0 <= item.start < item.end <= n, (article.id, item)
                assert article.text[item.start : item.end] == getattr(item, "text", article.text[item.start : item.end])
        for removed in article.removed:
            assert 0 <= removed.at <= n
    return data


@pytest.fixture(scope="session")
def annotator() -> Annotator:
    return Annotator.load()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder.load()


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The claims stage's encoder, as ``Settings().claims.encoder`` names it."""
    return load_encoder(Settings().claims.encoder)


@pytest.fixture(scope="session")
def kursk_report(annotator: Annotator, embedder: Embedder, encoder: Encoder) -> Report:
    if not KURSK.is_dir():
        pytest.fail(f"shared corpus missing: {KURSK} (CI puts ../shared beside the checkout)")
    report = analyze([KURSK], annotator=annotator, embedder=embedder, encoder=encoder)
    check_report(report)
    return report


@pytest.fixture(scope="session")
def example_report(annotator: Annotator, embedder: Embedder, encoder: Encoder) -> Report:
    report = analyze([EXAMPLE], annotator=annotator, embedder=embedder, encoder=encoder)
    check_report(report)
    return report


def kursk_article(report: Report, prefix: str):  # type: ignore[no-untyped-def]
    return next(a for a in report.articles if a.id.startswith(prefix))


@pytest.fixture(scope="session")
def news_store(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator, embedder: Embedder,
               encoder: Encoder):  # type: ignore[no-untyped-def]
    """A SQLite store holding the example and the Kursk articles: what `newsprism serve` shows."""
    from newsprism.store import Store

    store = Store.open(tmp_path_factory.mktemp("news") / "news.db")
    summary = store.ingest([EXAMPLE, KURSK], annotator=annotator, embedder=embedder, encoder=encoder)
    assert len(summary.new) == 10 and not summary.failed
    return store


@pytest.fixture
def cli_models(monkeypatch: pytest.MonkeyPatch, annotator: Annotator, embedder: Embedder, encoder: Encoder) -> None:
    """The commands' local engine with the session's models, instead of loading its own per
    command: the same pipeline, without a model load per test."""
    from newsprism import engine as engines

    class SessionEngine(engines.LocalEngine):
        def __init__(self, *given: object) -> None:
            super().__init__(annotator, embedder, encoder)

    # The commands import the engines when they run; --engine auto keeps a local one inside.
    monkeypatch.setattr(engines, "LocalEngine", SessionEngine)
