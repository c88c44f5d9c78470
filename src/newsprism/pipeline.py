"""The orchestrator: composes the stages, and is the one place where a per-article failure
is caught, recorded in the report, and the run goes on."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import __version__
from .annotate import Annotator, annotate_all
from .clean import clean
from .compare import compare_story
from .config import Settings
from .embed import Embedder, Encoder
from .errors import InputError
from .ingest import read_inputs
from .lang.plural import counted
from .model import Article, InputFailure, RawDocument, Report, Story, StoryBundle, StoryFindings
from .relate import find_reuse, group_stories, one_story
from .stages import (
    ANNOTATE,
    COMPARE,
    GROUP,
    READ,
    STAGES,
    STORE,
    Progress,
    begin_stage,
    end_stage,
    log_stage,
    stage_ticks,
)

if TYPE_CHECKING:
    from .engine import Engine
    from .spill import Spill

log = logging.getLogger("newsprism")
__all__ = ["ANNOTATE", "COMPARE", "GROUP", "READ", "STAGES", "STORE", "DocumentResult", "Progress", "analyze",
           "assemble_report", "log_stage", "read_articles", "read_document", "read_raws", "story_bundle",
           "story_findings"]


def analyze(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    annotator: Annotator | None = None,
    embedder: Embedder | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> Report:
    """Read, clean, annotate and relate the articles at ``paths``, then compare each story.
    ``embedder`` (WordLlama) groups stories and reuse; ``encoder`` matches claims (loaded
    from ``settings.claims.encoder`` when not given). ``engine`` runs the per-article and
    per-story stages (``newsprism.engine``; default: a ``LocalEngine`` with the models given
    here; a ``DaskEngine`` loads its own on its workers)."""
    settings = settings or Settings()
    if engine is None:
        from .engine import LocalEngine

        engine = LocalEngine(annotator, embedder, encoder)
    articles, failures = read_articles(paths, settings, progress=progress, engine=engine)

    # 4. relate: stories (in the driver: the grouping is online), then the reuse among each
    # story's articles and 5. the comparison of each story (and 6. its brief), on the engine
    started = begin_stage(progress, GROUP, len(articles))
    embedder = embedder or engine.embedder()
    if settings.stories.split:
        stories = group_stories(articles, settings.stories, embedder)
    else:
        stories = [one_story(articles)] if articles else []
    end_stage(progress, GROUP, len(articles), started, f"grouped {counted(len(articles), 'article')} "
              f"into {counted(len(stories), 'story', 'stories')}")

    started = begin_stage(progress, COMPARE, len(stories))
    findings = engine.compare(stories, {a.id: a for a in articles}, settings, stage_ticks(progress, COMPARE))
    end_stage(progress, COMPARE, len(stories), started, f"compared {counted(len(stories), 'story', 'stories')}")
    return assemble_report(articles, failures, findings)


def read_articles(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    annotator: Annotator | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> tuple[list[Article], list[InputFailure]]:
    """Stages 1-3, article by article: the annotated articles, and every input that could
    not be read with the reason (those that could not be read first, then those that could
    not be cleaned, then those that could not be annotated, each in input order)."""
    settings = settings or Settings()
    raws, failures = read_raws(paths, settings, progress)
    if engine is None:
        from .engine import LocalEngine

        engine = LocalEngine(annotator)
    started = begin_stage(progress, ANNOTATE, len(raws))
    results = engine.read(raws, settings, stage_ticks(progress, ANNOTATE))
    failed = [r.failure for r in results if r.failure and r.stage == "clean"]
    failed += [r.failure for r in results if r.failure and r.stage == "annotate"]
    articles = [r.article for r in results if r.article]
    unread = f"{counted(len(failed), 'document')} could not be cleaned or annotated" if failed else ""
    end_stage(progress, ANNOTATE, len(raws), started, f"cleaned and annotated {counted(len(articles), 'article')}",
              per=len(raws), note=unread)
    return articles, failures + failed


def read_raws(paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None,
              spill: Spill[int, RawDocument] | None = None) -> tuple[Sequence[RawDocument], list[InputFailure]]:
    """Stage 1: the documents at ``paths``, and every input that could not be read. With
    ``spill``, each document goes there as it is read, and what comes back reads them from it."""
    failures: list[InputFailure] = []
    raws: list[RawDocument] = []
    count = 0
    started = begin_stage(progress, READ, None)
    for item in read_inputs(paths, settings):
        if isinstance(item, InputFailure):
            log.warning("%s: %s", item.source, item.reason)
            failures.append(item)
        else:
            if spill is None:
                raws.append(item)
            else:
                spill.put(count, item)
            count += 1
        if progress:
            progress(READ, count + len(failures), None)
    unread = f"{counted(len(failures), 'input')} could not be read" if failures else ""
    end_stage(progress, READ, count + len(failures), started, f"read {counted(count, 'document')}",
              note=unread)
    return (raws if spill is None else spill.sequence(range(count))), failures


@dataclass
class DocumentResult:
    """One document cleaned and annotated: the article, or the failure and its stage."""

    article: Article | None = None
    failure: InputFailure | None = None
    stage: Literal["clean", "annotate"] | None = None


def read_document(raw: RawDocument, settings: Settings, annotator: Annotator) -> DocumentResult:
    """Stages 2-3 for one document: a document that cannot be cleaned or annotated is
    recorded with the reason, and the run goes on."""
    # 1-2. clean
    try:
        article = clean(raw, settings)
    except InputError as err:
        return DocumentResult(failure=_failure(raw, err.reason), stage="clean")
    except Exception as err:  # noqa: BLE001 - record any defect and go on with the run
        log.exception("cleaning %s failed", raw.id)
        return DocumentResult(failure=_failure(raw, f"internal error while cleaning: {err!r}"), stage="clean")

    # 3. annotate
    errors: list[Exception] = []
    annotated = list(annotate_all([article], annotator, on_error=lambda _, err: errors.append(err)))
    if errors:
        log.error("annotating %s failed: %r", article.id, errors[0])
        reason = f"internal error while annotating: {errors[0]!r}"
        return DocumentResult(failure=InputFailure(_where(article), reason), stage="annotate")
    return DocumentResult(article=annotated[0])


def story_findings(story: Story, articles: dict[str, Article], embedder: Embedder | None, settings: Settings,
                   encoder: Encoder | None) -> StoryFindings:
    """Stage 4's reuse and stage 5 for one story: what an engine maps over the stories."""
    return compare_story(story_bundle(story, articles, embedder, settings), embedder, settings, encoder)


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
