"""The orchestrator: composes the stages, and is the one place where a per-article failure
is caught, recorded in the report, and the run goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .annotate import Annotator, annotate_all
from .brief import write_brief
from .clean import clean
from .compare import align_claims, attribution_chains, build_timeline, framing_findings, group_quotes, outlet_profiles
from .config import Settings
from .embed import Embedder
from .errors import InputError
from .ingest import read_inputs
from .model import Article, InputFailure, RawDocument, Report
from .relate import find_reuse, group_stories, propagate_people

log = logging.getLogger("newsprism")

Progress = Callable[[int, int], None]  # (articles done, articles total)


def analyze(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    annotator: Annotator | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read, clean, annotate and relate the articles at ``paths`` into one report."""
    settings = settings or Settings()
    failures: list[InputFailure] = []
    raws: list[RawDocument] = []
    for item in read_inputs(paths, settings):
        if isinstance(item, InputFailure):
            log.warning("%s: %s", item.source, item.reason)
            failures.append(item)
        else:
            raws.append(item)

    # 1-2. clean each document; a document that cannot be cleaned is recorded and skipped
    cleaned: list[Article] = []
    for raw in raws:
        try:
            cleaned.append(clean(raw, settings))
        except InputError as err:
            failures.append(_failure(raw, err.reason))
        except Exception as err:  # noqa: BLE001 - record any defect and go on with the run
            log.exception("cleaning %s failed", raw.id)
            failures.append(_failure(raw, f"internal error while cleaning: {err!r}"))

    # 3. annotate, streaming through the models loaded once for the run
    annotator = annotator or Annotator.load(settings)
    articles: list[Article] = []

    def on_error(article: Article, err: Exception) -> None:
        log.error("annotating %s failed: %r", article.id, err)
        failures.append(InputFailure(_where(article), f"internal error while annotating: {err!r}"))

    for article in annotate_all(cleaned, annotator, on_error=on_error):
        articles.append(article)
        if progress:
            progress(len(articles), len(cleaned))

    # 4. relate
    embedder = embedder or Embedder.load()
    stories = group_stories(articles, None, embedder)  # StorySettings defaults until Settings carries them
    propagate_people(articles, stories)
    reuse = find_reuse(articles, embedder, stories)

    # 5. compare, story by story
    quotes = [quote for article in articles for quote in article.quotes]
    quote_groups = group_quotes(quotes, articles, stories, embedder)
    claims = align_claims(articles, stories, reuse, embedder)
    timeline = build_timeline(articles, stories, claims)
    chains = attribution_chains(articles, quotes)
    framing = framing_findings(articles, stories, claims, quotes, embedder)
    profiles = outlet_profiles(articles, stories, claims, chains, framing)
    report = Report(
        tool_version=__version__,
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        articles=articles,
        inputs_failed=failures,
        stories=stories,
        quotes=quotes,
        quote_groups=quote_groups,
        claims=claims,
        timeline=timeline,
        framing=framing,
        chains=chains,
        profiles=profiles,
        reuse=reuse,
    )
    # 6. write: the brief draws on all of the above
    report.brief = write_brief(report)
    return report


def _where(item: RawDocument | Article) -> str:
    source = item.source
    where = source.path or source.url or item.id
    if source.line and source.path and source.path.endswith((".jsonl", ".ndjson")):
        return f"{where}:{source.line}"
    return where


def _failure(raw: RawDocument, reason: str) -> InputFailure:
    return InputFailure(_where(raw), reason)
