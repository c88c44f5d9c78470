"""A run whose memory is bounded by its largest story, not by its number of articles.

``pipeline.analyze`` returns the whole report in memory: right for a notebook and a bundle of
articles, wrong for a day of news (10,000 articles held 6 GB). ``analyze_streamed`` runs the
same stages with the same engine, but each annotated article is spilled to disk as it comes
back from its worker, keeping only its story card (``relate.StoryCard``: what grouping needs);
each story's members are read back when the story is sent to be compared, and what comes back
is the story's share of the report files, already rendered (``report.parts``), spilled too.
The files are then put together piece by piece. They are byte for byte what ``write_report``
makes of ``analyze``'s report (tested), apart from ``generated_at``.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import Settings
from .lang.plural import counted
from .model import Article, InputFailure, RawDocument, Story
from .pipeline import read_raws
from .relate import StoryCard, group_cards, one_story, story_card
from .report.parts import PartsReport, story_part
from .spill import Spill
from .stages import ANNOTATE, COMPARE, GROUP, Progress, begin_stage, end_stage

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["analyze_streamed"]


@contextlib.contextmanager
def analyze_streamed(paths: Iterable[str | Path], settings: Settings, engine: Engine, *,
                     progress: Progress | None = None, folder: str | Path | None = None) -> Iterator[PartsReport]:
    """Analyse the articles at ``paths`` as ``pipeline.analyze`` does, keeping the articles and
    the stories' findings in a temporary folder (in ``folder``, else the system's) for as long
    as the block lasts; the block gets the report to write out (``PartsReport.json``, ``html``,
    ``markdown``) and its counts."""
    with tempfile.TemporaryDirectory(prefix="newsprism-run-", dir=folder) as work:
        spill: Spill[str, Article] = Spill(work, "articles")
        report: PartsReport | None = None
        try:
            raws, failures = read_raws(paths, settings, progress)
            cards, failed = _annotate(raws, settings, engine, spill, progress)
            del raws
            stories = _group(cards, settings, engine, progress)
            position = {card.id: n for n, card in enumerate(cards)}
            report = PartsReport(work, __version__, "", len(stories))
            report.article_ids = [card.id for card in cards]
            report.inputs_failed = failures + failed
            _compare(stories, settings, engine, spill, position, report, progress)
            report.generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
            spill.close()
            yield report
        finally:
            spill.close()
            if report is not None:
                report.close()


def _annotate(raws: list[RawDocument], settings: Settings, engine: Engine, spill: Spill[str, Article],
              progress: Progress | None) -> tuple[list[StoryCard], list[InputFailure]]:
    """Stages 2-3: each article spilled as it comes; its card, and the failures (those that
    could not be cleaned, then those that could not be annotated, each in input order)."""
    started = begin_stage(progress, ANNOTATE, len(raws))
    cards: dict[int, StoryCard] = {}
    failed: dict[int, tuple[int, InputFailure]] = {}
    for done, (at, result) in enumerate(engine.read_each(raws, settings), 1):
        if result.article is not None:
            spill.put(result.article.id, result.article)
            cards[at] = story_card(result.article, settings.stories)
        elif result.failure is not None:
            failed[at] = (0 if result.stage == "clean" else 1, result.failure)
        if progress:
            progress(ANNOTATE, done, len(raws))
    failures = [failure for _, failure in sorted(failed.values(), key=lambda f: f[0])]
    note = f"{counted(len(failures), 'document')} could not be cleaned or annotated" if failures else ""
    end_stage(progress, ANNOTATE, len(raws), started, f"cleaned and annotated {counted(len(cards), 'article')}",
              per=len(raws), note=note)
    return [cards[at] for at in sorted(cards)], failures


def _group(cards: list[StoryCard], settings: Settings, engine: Engine, progress: Progress | None) -> list[Story]:
    started = begin_stage(progress, GROUP, len(cards))
    if settings.stories.split:
        stories = group_cards(cards, settings.stories, engine.embedder()) if cards else []
    else:
        stories = [one_story(cards)] if cards else []
    end_stage(progress, GROUP, len(cards), started, f"grouped {counted(len(cards), 'article')} "
              f"into {counted(len(stories), 'story', 'stories')}")
    return stories


def _compare(stories: list[Story], settings: Settings, engine: Engine, spill: Spill[str, Article],
             position: dict[str, int], report: PartsReport, progress: Progress | None) -> None:
    """Stages 4-6 story by story: each story's members read back when it is sent, its share
    of the report files made where it was compared and spilled as it comes back."""
    def members(story: Story) -> list[Article]:
        return [spill[i] for i in sorted(story.article_ids, key=position.__getitem__)]

    started = begin_stage(progress, COMPARE, len(stories))
    finish = partial(story_part, several=len(stories) > 1)
    for done, (at, part) in enumerate(engine.compare_each(stories, members, settings, finish), 1):
        report.add(at, part)
        if progress:
            progress(COMPARE, done, len(stories))
    end_stage(progress, COMPARE, len(stories), started, f"compared {counted(len(stories), 'story', 'stories')}")
