"""The orchestrator: composes the stages, and is the one place where a per-article failure
is caught, recorded in the report, and the run goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .annotate import Annotator, annotate_all
from .clean import clean
from .compare import compare_story
from .config import Settings
from .embed import Embedder, Encoder, load_encoder
from .errors import InputError
from .ingest import read_inputs
from .model import Article, InputFailure, RawDocument, Report, Story, StoryBundle, StoryFindings
from .relate import find_reuse, group_stories, one_story

log = logging.getLogger("newsprism")

Progress = Callable[[int, int], None]  # (articles done, articles total)


def analyze(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    annotator: Annotator | None = None,
    embedder: Embedder | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read, clean, annotate and relate the articles at ``paths``, then compare each story.
    ``embedder`` (WordLlama) groups stories and reuse; ``encoder`` matches claims (loaded
    from ``settings.claims.encoder`` when not given)."""
    settings = settings or Settings()
    articles, failures = read_articles(paths, settings, annotator=annotator, progress=progress)

    # 4. relate: stories, and the reuse among each story's articles
    embedder = embedder or Embedder.load()
    if settings.stories.split:
        stories = group_stories(articles, settings.stories, embedder)
    else:
        stories = [one_story(articles)] if articles else []
    by_id = {a.id: a for a in articles}
    bundles = [story_bundle(story, by_id, embedder, settings) for story in stories]

    # 5. compare, story by story (and 6. the brief of each)
    encoder = encoder or (load_encoder(settings.claims.encoder) if bundles else None)
    findings = [compare_story(bundle, embedder, settings, encoder) for bundle in bundles]
    return assemble_report(articles, failures, findings)


def read_articles(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    annotator: Annotator | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], list[InputFailure]]:
    """Stages 1-3, article by article: the annotated articles, and every input that could
    not be read with the reason."""
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
    return articles, failures


def story_bundle(story: Story, articles: dict[str, Article], embedder: Embedder | None,
                 settings: Settings) -> StoryBundle:
    """A story's articles and the reuse among them: what ``compare_story`` needs."""
    members = [articles[i] for i in story.article_ids]
    return StoryBundle(story, members, find_reuse(members, embedder, [story], settings.reuse))


def assemble_report(articles: list[Article], failures: list[InputFailure], findings: list[StoryFindings]) -> Report:
    """The stories' findings side by side, in story order; articles in input order, each as
    its story read it."""
    story_articles = {a.id: a for f in findings for a in f.articles}
    return Report(
        tool_version=__version__,
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        articles=[story_articles.get(a.id, a) for a in articles],
        inputs_failed=failures,
        stories=[f.story for f in findings],
        quotes=[q for f in findings for q in f.quotes],
        quote_groups=[g for f in findings for g in f.quote_groups],
        claims=[c for f in findings for c in f.claims],
        disputes=[d for f in findings for d in f.disputes],
        timeline=[e for f in findings for e in f.timeline],
        framing=[x for f in findings for x in f.framing],
        chains=[c for f in findings for c in f.chains],
        profiles=[p for f in findings for p in f.profiles],
        reuse=[r for f in findings for r in f.reuse],
        brief=[b for f in findings for b in f.brief],
    )


def _where(item: RawDocument | Article) -> str:
    source = item.source
    where = source.path or source.url or item.id
    if source.line and source.path and source.path.endswith((".jsonl", ".ndjson")):
        return f"{where}:{source.line}"
    return where


def _failure(raw: RawDocument, reason: str) -> InputFailure:
    return InputFailure(_where(raw), reason)
