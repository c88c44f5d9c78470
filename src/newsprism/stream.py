"""A run whose memory is bounded by its largest story, not by its number of articles.

``pipeline.analyze`` returns the whole report in memory: right for a notebook and a bundle of
articles, wrong for a day of news (10,000 articles held 6 GB). ``analyze_streamed`` runs the
same stages with the same engine, but spills to disk what a day would pile up:
  * each input document as it is read, read back (by the worker, on a local cluster) when
    its batch is sent to be cleaned and annotated, a few batches per worker at a time;
  * each annotated article as it comes back from its worker, with its story card
    (``relate.StoryCard``: what grouping needs); grouping reads the cards back in the order
    it takes them, so what stays in memory per article is its id and day;
  * each story's members are read back when the story is sent to be compared, and what
    comes back is the story's share of the report files, already rendered (``report.parts``).
The files are then put together piece by piece. They are byte for byte what ``write_report``
makes of ``analyze``'s report (tested), apart from ``generated_at``.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import Settings
from .errors import WorkFolderError
from .lang.plural import counted
from .model import Article, InputFailure, RawDocument, Story
from .pipeline import read_raws
from .relate import StoryCard, group_in_order, one_story, story_card
from .report.parts import PartsReport, story_part
from .spill import Records, Spill
from .stages import ANNOTATE, COMPARE, GROUP, Progress, begin_stage, end_stage

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["analyze_streamed"]

log = logging.getLogger("newsprism")


@contextlib.contextmanager
def analyze_streamed(paths: Iterable[str | Path], settings: Settings, engine: Engine, *,
                     progress: Progress | None = None, folder: str | Path | None = None) -> Iterator[PartsReport]:
    """Analyse the articles at ``paths`` as ``pipeline.analyze`` does, keeping the articles and
    the stories' findings in a temporary folder (in ``folder``, else the system's) for as long
    as the block lasts; the block gets the report to write out (``PartsReport.json``, ``html``,
    ``markdown``) and its counts."""
    with _work_folder(folder) as work:
        inputs: Spill[int, RawDocument] = Spill(work, "inputs")
        spill: Spill[str, Article] = Spill(work, "articles")
        cards: Spill[str, StoryCard] = Spill(work, "cards")
        report: PartsReport | None = None
        try:
            raws, failures = read_raws(paths, settings, progress, inputs)
            ids, days, failed = _annotate(raws, settings, engine, spill, cards, progress)
            inputs.close()
            stories = _group(ids, days, cards, settings, engine, progress)
            cards.close()
            report = PartsReport(work, __version__, "", len(stories))
            report.article_ids = ids
            report.inputs_failed = failures + failed
            _compare(stories, settings, engine, spill, {i: n for n, i in enumerate(ids)}, report, progress)
            report.generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
            spill.close()
            yield report
        finally:
            inputs.close()
            spill.close()
            cards.close()
            if report is not None:
                report.close()


_PREFIX = "newsprism-run-"
_LOCK = "lock"


@contextlib.contextmanager
def _work_folder(parent: str | Path | None) -> Iterator[str]:
    """A temporary folder for the run, locked while the run lives (flock: the kernel lets go
    when the process dies, however it dies). A run killed before it could delete its folder
    (SIGKILL, a power cut) leaves a day's articles on disk: the next run deletes every
    folder of this kind whose lock nobody holds."""
    parent = Path(parent or tempfile.gettempdir())
    _sweep(parent)
    try:
        made = tempfile.TemporaryDirectory(prefix=_PREFIX, dir=parent)
    except OSError as err:
        raise WorkFolderError(str(parent), f"cannot make the run's working folder: {err.strerror}") from err
    with made as work:
        lock = os.open(Path(work) / _LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield work
        finally:
            os.close(lock)


def _sweep(parent: Path) -> None:
    """Delete the folders that dead runs left in ``parent`` (one without a lock file yet is
    a run starting: left alone)."""
    for folder in parent.glob(_PREFIX + "*"):
        try:
            lock = os.open(folder / _LOCK, os.O_RDWR | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live run holds it
        finally:
            os.close(lock)
        log.info("deleting %s, left by a run that was stopped", folder)
        shutil.rmtree(folder, ignore_errors=True)


def _annotate(raws: Sequence[RawDocument], settings: Settings, engine: Engine, spill: Spill[str, Article],
              cards: Spill[str, StoryCard], progress: Progress | None
              ) -> tuple[list[str], dict[str, int | None], list[InputFailure]]:
    """Stages 2-3: each article and its story card spilled as they come. The ids of the
    articles in input order, each one's day (what ``canonical_order`` sorts by), and the
    failures (those that could not be cleaned, then those that could not be annotated, each
    in input order): all that stays in memory of an article, about a hundred bytes."""
    started = begin_stage(progress, ANNOTATE, len(raws))
    read: dict[int, tuple[str, int | None]] = {}
    failed: dict[int, tuple[int, InputFailure]] = {}
    for done, (at, result) in enumerate(engine.read_each(raws, settings), 1):
        if result.article is not None:
            card = story_card(result.article, settings.stories)
            spill.put(card.id, result.article)
            cards.put(card.id, card)
            read[at] = (card.id, card.day)
        elif result.failure is not None:
            failed[at] = (0 if result.stage == "clean" else 1, result.failure)
        if progress:
            progress(ANNOTATE, done, len(raws))
    failures = [failure for _, failure in sorted(failed.values(), key=lambda f: f[0])]
    note = f"{counted(len(failures), 'document')} could not be cleaned or annotated" if failures else ""
    end_stage(progress, ANNOTATE, len(raws), started, f"cleaned and annotated {counted(len(read), 'article')}",
              per=len(raws), note=note)
    return [read[at][0] for at in sorted(read)], dict(read.values()), failures


def _group(ids: list[str], days: dict[str, int | None], cards: Spill[str, StoryCard], settings: Settings,
           engine: Engine, progress: Progress | None) -> list[Story]:
    """Stage 4's grouping, the cards read back in canonical order (as ``group_stories`` feeds
    its index: dated first, oldest first, then by id)."""
    started = begin_stage(progress, GROUP, len(ids))
    if not ids:
        stories = []
    elif settings.stories.split:
        order = sorted(ids, key=lambda i: (days[i] is None, days[i] or 0, i))
        stories = group_in_order((cards[i] for i in order), settings.stories, engine.embedder(), cards.__getitem__)
    else:
        stories = [one_story([cards[i] for i in ids])]  # one story: the largest there is, held as any story is
    end_stage(progress, GROUP, len(ids), started, f"grouped {counted(len(ids), 'article')} "
              f"into {counted(len(stories), 'story', 'stories')}")
    return stories


def _compare(stories: list[Story], settings: Settings, engine: Engine, spill: Spill[str, Article],
             position: dict[str, int], report: PartsReport, progress: Progress | None) -> None:
    """Stages 4-6 story by story: each story's members read back when it is sent, its share
    of the report files made where it was compared and spilled as it comes back."""
    def members(story: Story) -> Records:  # read where the story is compared
        return spill.records(sorted(story.article_ids, key=position.__getitem__))

    started = begin_stage(progress, COMPARE, len(stories))
    finish = partial(story_part, several=len(stories) > 1)
    for done, (at, part) in enumerate(engine.compare_each(stories, members, settings, finish), 1):
        report.add(at, part)
        if progress:
            progress(COMPARE, done, len(stories))
    end_stage(progress, COMPARE, len(stories), started, f"compared {counted(len(stories), 'story', 'stories')}")
