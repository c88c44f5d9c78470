"""Engines: where the per-article and per-story stages run.

The work of a run splits into units that depend on nothing else in the run: one document
(clean, then annotate: ``pipeline.read_document``) and one story (its reuse, then
``compare_story``: ``pipeline.story_findings``). Reading the inputs and grouping the
stories stay in the driver: the first is I/O, the second is online and sequential. An
engine maps the units and returns their results in input order, so a report does not
depend on the engine that made it.

* ``LocalEngine``: in this process, one unit after the other (what ``analyze`` always did).
* ``DaskEngine``: on a dask.distributed cluster, a local one (worker processes on this
  machine) or the one at ``scheduler``. Each worker process loads the models once, on its
  first task (``_worker_models``), and keeps them: tasks ship articles, never models.
* ``AutoEngine``: the command line's default. This process for a small run, a local cluster
  of one worker per core for a large one: every core busy, without a cluster's start-up cost
  on five articles.

``default_workers`` is how many worker processes the command line starts when not told: one
per core, but no more than the memory available holds (``WORKER_MEMORY`` each).
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import threading
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from .annotate import Annotator
from .config import Settings
from .embed import Embedder, Encoder, load_encoder
from .model import Article, RawDocument, Story, StoryFindings
from .pipeline import DocumentResult, read_document, story_findings
from .spill import Spilled

__all__ = ["WORKER_MEMORY", "AutoEngine", "DaskEngine", "Engine", "Finish", "LocalEngine", "Members", "Models",
           "Prepare", "Tick", "default_workers"]

T = TypeVar("T")
Tick = Callable[[int, int], None]  # (units done, units in all): what the caller makes a stage's progress of
# A story's articles, as the caller keeps them: a list, or a call that reads them (picklable:
# ``spill.Records``) where the story is compared, so that they need not pass through the driver.
Members = Callable[[Story], "list[Article] | Callable[[], list[Article]]"]
Finish = Callable[[StoryFindings, list[Article]], Any]  # what a story's findings become where they are made
Prepare = Callable[[DocumentResult], Any]  # what a document's result becomes where it is read


# What one worker process is budgeted: its models as loaded (measured 2026-11-30, peak RSS of
# one process: imports 0.11 GB, + spaCy's model 0.26, + WordLlama 0.29, + MiniLM and
# onnxruntime 0.49 GB) and about as much again for its work (a batch of parses, a story's
# comparison): 1 GiB.
WORKER_MEMORY = 1 << 30


def default_workers(cores: int | None = None, available: int | None = None) -> int:
    """Worker processes for a local cluster: one per core (``os.cpu_count()``), but no more
    than ``available`` bytes of memory (psutil's figure: free and reclaimable, now) hold at
    ``WORKER_MEMORY`` each: a worker more than memory holds swaps or is killed, and every
    worker loads its own models. At least one."""
    if cores is None:
        cores = os.cpu_count() or 1
    if available is None:
        import psutil

        available = int(psutil.virtual_memory().available)
    return max(1, min(cores, available // WORKER_MEMORY))


class Models:
    """The models the stages need, each loaded on first use and then kept. Models given
    here are used as they are; loaded ones are keyed by the settings they depend on."""

    def __init__(self, annotator: Annotator | None = None, embedder: Embedder | None = None,
                 encoder: Encoder | None = None, encoder_threads: int = 2) -> None:
        self._given: dict[str, Any] = {"annotator": annotator, "embedder": embedder, "encoder": encoder}
        self._loaded: dict[tuple[str, Hashable], Any] = {}
        self._lock = threading.Lock()
        self.encoder_threads = encoder_threads

    def _get(self, kind: str, key: Hashable, load: Callable[[], T]) -> T:
        if self._given[kind] is not None:
            return self._given[kind]  # type: ignore[no-any-return]
        with self._lock:
            if (kind, key) not in self._loaded:
                self._loaded[kind, key] = load()
            return self._loaded[kind, key]  # type: ignore[no-any-return]

    def forget(self, kind: str) -> None:
        """Let go of the loaded models of ``kind`` (loaded again when next needed); models given
        are the caller's and stay."""
        with self._lock:
            for key in [key for key in self._loaded if key[0] == kind]:
                del self._loaded[key]

    def annotator(self, settings: Settings) -> Annotator:
        return self._get("annotator", settings.annotate, lambda: Annotator.load(settings))

    def embedder(self) -> Embedder:
        return self._get("embedder", None, Embedder.load)

    def encoder(self, settings: Settings) -> Encoder:
        name = settings.claims.encoder
        return self._get("encoder", name, lambda: load_encoder(name, threads=self.encoder_threads))


class Engine(ABC):
    """Maps the per-document and per-story units. ``read_each`` and ``compare_each`` give each
    result as it is done (with its position), for a run that writes results out as they come;
    ``read`` and ``compare`` give them all, in input order."""

    @abstractmethod
    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        """Clean and annotate each document: (its position in ``raws``, the article or a
        failure record), as each is done, in any order."""

    @abstractmethod
    def read_stream(self, raws: Iterable[RawDocument], settings: Settings,
                    finish: Prepare | None = None) -> Iterator[Any]:
        """Clean and annotate each document of a stream of unknown length, in input order,
        taking the next documents while the caller handles a result: for a store, which places
        each article in a story as it comes (the order makes the stories), while the workers
        go on with the articles after it. ``finish(result)``, when given, is applied where the
        document was read (as ``compare_each``'s) and its value is given instead."""

    @abstractmethod
    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        """The findings of each story (its articles: ``members(story)``), as (its position in
        ``stories``, result), as each is done, in any order. ``finish(findings, members)``,
        when given, is applied where the story was compared (on a worker: a module-level
        function or a partial of one) and its value is the result."""

    @abstractmethod
    def embedder(self) -> Embedder:
        """The WordLlama embedder the driver groups stories with."""

    def read(self, raws: Sequence[RawDocument], settings: Settings,
             progress: Tick | None = None) -> list[DocumentResult]:
        """Clean and annotate each document: an article or a failure record, in order;
        ``progress(done, len(raws))`` as documents are done."""
        results: list[DocumentResult | None] = [None] * len(raws)
        for done, (at, result) in enumerate(self.read_each(raws, settings), 1):
            results[at] = result
            if progress:
                progress(done, len(raws))
        return results  # type: ignore[return-value]  # every position was filled

    def compare(self, stories: Sequence[Story], articles: Mapping[str, Article],
                settings: Settings, progress: Tick | None = None) -> list[StoryFindings]:
        """The findings of each story (``articles`` by id holds its members), in order;
        ``progress(done, len(stories))`` as stories are done."""
        results: list[StoryFindings | None] = [None] * len(stories)
        each = self.compare_each(stories, lambda story: [articles[i] for i in story.article_ids], settings)
        for done, (at, findings) in enumerate(each, 1):
            results[at] = findings
            if progress:
                progress(done, len(stories))
        return results  # type: ignore[return-value]

    def close(self) -> None:
        """Release what the engine holds (a cluster, a client); the local engine holds none."""
        return None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    """In this process, unit after unit, with the models given or loaded once per engine."""

    def __init__(self, annotator: Annotator | None = None, embedder: Embedder | None = None,
                 encoder: Encoder | None = None) -> None:
        self.models = Models(annotator, embedder, encoder)

    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        for at, raw in enumerate(raws):
            yield at, read_document(raw, settings, self.models.annotator(settings))

    def read_stream(self, raws: Iterable[RawDocument], settings: Settings,
                    finish: Prepare | None = None) -> Iterator[Any]:
        for raw in raws:
            result = read_document(raw, settings, self.models.annotator(settings))
            yield result if finish is None else finish(result)

    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        if not stories:
            return
        embedder, encoder = self.models.embedder(), self.models.encoder(settings)
        for at, story in enumerate(stories):
            yield at, _finished(story, members(story), settings, embedder, encoder, finish)

    def embedder(self) -> Embedder:
        return self.models.embedder()


# What a Dask worker process keeps between tasks: its models, loaded by its first task.
# Workers run one task per thread (threads_per_worker=1 for the local cluster), so the
# encoder gets one thread per task too.
_worker_models = Models(encoder_threads=1)


def _read_batch(raws: list[RawDocument] | Callable[[], list[RawDocument]], settings: Settings,
                finish: Prepare | None = None) -> list[Any]:
    if callable(raws):
        raws = raws()
    annotator = _worker_models.annotator(settings)
    results = (read_document(raw, settings, annotator) for raw in raws)
    return [result if finish is None else finish(result) for result in results]


def _compare_stories(pack: list[tuple[int, Story, list[Article] | Callable[[], list[Article]]]], settings: Settings,
                     finish: Finish | None) -> list[tuple[int, Any]]:
    embedder, encoder = _worker_models.embedder(), _worker_models.encoder(settings)
    return [(at, _finished(story, members, settings, embedder, encoder, finish)) for at, story, members in pack]


def _finished(story: Story, members: list[Article] | Callable[[], list[Article]], settings: Settings,
              embedder: Embedder, encoder: Encoder, finish: Finish | None) -> Any:
    if callable(members):
        members = members()
    findings = story_findings(story, {a.id: a for a in members}, embedder, settings, encoder)
    return findings if finish is None else finish(findings, members)


class DaskEngine(Engine):
    """On a dask.distributed cluster: the scheduler at ``scheduler`` ("tcp://host:8786"), or
    a local cluster of ``workers`` processes with one thread each. The cluster starts on
    first use and stops with ``close()`` (or the end of a ``with`` block). Documents go in
    tasks of up to ``batch_size`` (``stream_batch`` from a stream), stories in tasks of about
    ``story_batch`` articles."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, batch_size: int = 32,
                 stream_batch: int = 16, story_batch: int = 12) -> None:
        self.scheduler, self.workers, self.batch_size = scheduler, workers, batch_size
        self.stream_batch, self.story_batch = stream_batch, story_batch
        self._client: Any = None
        self._cluster: Any = None
        self._embedder: Embedder | None = None
        self._parsed = False  # whether the workers have parsed since they started

    @property
    def client(self) -> Any:  # distributed.Client
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                # The scheduler always serves HTTP (None still means port 8787, and a warning
                # when another cluster holds it): a free port on the loopback interface.
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        return self._client

    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        """A few batches per worker in flight at a time: a batch of ``Spilled`` documents is
        read by the worker itself when the cluster is this machine's."""
        if not raws:
            return
        # Small enough that every worker gets a few tasks, large enough to make a task's
        # overhead (a few ms) small against its work.
        slots = max(1, sum(self.client.nthreads().values()))
        size = max(1, min(self.batch_size, math.ceil(len(raws) / (4 * slots))))
        self._parsed = True

        def batch(start: int) -> tuple[int, tuple[Any, ...]]:
            if isinstance(raws, Spilled) and not self.scheduler:
                return start, (_read_batch, raws.records(start, start + size), settings)
            return start, (_read_batch, list(raws[start : start + size]), settings)

        for start, results in self._as_done(batch(start) for start in range(0, len(raws), size)):
            for offset, result in enumerate(results):
                yield start + offset, result

    def read_stream(self, raws: Iterable[RawDocument], settings: Settings,
                    finish: Prepare | None = None) -> Iterator[Any]:
        """Batches of ``stream_batch`` documents, four per worker thread sent ahead: the
        oldest is waited for and given out while the others run, so the workers have work
        for as long as the caller takes with a result (a batch done early waits its turn)."""
        from distributed import Future

        self._parsed = True
        ahead = 4 * max(1, sum(self.client.nthreads().values()))
        documents = iter(raws)
        batches = iter(lambda: list(itertools.islice(documents, self.stream_batch)), [])
        sent: deque[Future] = deque()

        def send(count: int) -> None:
            for batch in itertools.islice(batches, count):
                sent.append(self.client.submit(_read_batch, batch, settings, finish, pure=False))

        send(ahead)
        while sent:
            results = sent.popleft().result()
            send(1)
            yield from results

    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        """A few tasks per worker in flight at a time, in ``stories``' order (largest first, as
        the callers give them). A task holds consecutive stories until they have
        ``story_batch`` articles together: a large story goes alone, small ones share a task
        (each task costs the scheduler, in the driver, about 6 ms of CPU: as much as a
        three-article story's comparison takes, on a day of such stories). A story's members
        are read when its task is sent (by the worker itself when ``members`` gives a call
        that reads them and the cluster is this machine's), and a task's results are held
        only until the caller takes them."""
        if not stories:
            return
        self._embedder = None  # the driver's, for grouping: the workers compare with their own
        self._fresh_workers()

        def tasks() -> Iterator[tuple[int, tuple[Any, ...]]]:
            pack: list[tuple[int, Story, Any]] = []
            size = 0
            for at, story in enumerate(stories):
                articles = members(story)
                if self.scheduler and callable(articles):
                    articles = articles()  # a cluster elsewhere cannot read this machine's files
                pack.append((at, story, articles))
                size += len(story.article_ids)
                if size >= self.story_batch or at == len(stories) - 1:
                    yield pack[0][0], (_compare_stories, pack, settings, finish)
                    pack, size = [], 0

        for _, results in self._as_done(tasks()):
            yield from results

    def _as_done(self, tasks: Iterator[tuple[int, tuple[Any, ...]]]) -> Iterator[tuple[int, Any]]:
        """Each task's result as it is done, with the position it came with. A task is
        (position, (function, *arguments)), made only when it is sent; two per worker thread
        are in flight, so that the driver (and Dask's scheduler, which keeps a task's
        arguments) never holds more than those, and a result is held only until taken."""
        from distributed import as_completed

        window = 2 * max(1, sum(self.client.nthreads().values()))
        positions: dict[str, int] = {}
        futures = as_completed()

        def send() -> None:
            for at, (function, *arguments) in tasks:
                future = self.client.submit(function, *arguments, pure=False)
                positions[future.key] = at
                futures.add(future)
                return

        for _ in range(window):
            send()
        for future in futures:
            send()
            yield positions.pop(future.key), future.result()

    def _fresh_workers(self) -> None:
        """Comparing needs no parser: a cluster of our own whose workers have parsed is
        replaced by a new one (a few seconds), which gives back spaCy and what parsing a day's
        articles left in each worker (0.2-0.3 GB each at 5,000 articles, kept by their
        allocator; dropping the model and trimming the heap gave back 36 MB of 140). A new
        cluster, not ``Client.restart``: repeated restarts can hang (dask/distributed#8534).
        A cluster elsewhere is not ours to replace."""
        if self._parsed and self._cluster is not None:
            self.close()  # the next use of ``client`` starts the new one
        self._parsed = False

    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder.load()
        return self._embedder

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


class AutoEngine(Engine):
    """A local engine for a small stage, a local Dask cluster of ``workers`` processes (started
    on first need, kept for the run) for a large one. Starting a worker costs about what
    annotating a few dozen articles does (imports, then its own spaCy, WordLlama and MiniLM),
    so the cluster is used only when every worker gets at least ``min_per_worker`` articles,
    one Dask batch each: below that one process finishes as soon. The results are the same
    either way (the engines run the same stage functions)."""

    def __init__(self, workers: int, annotator: Annotator | None = None, embedder: Embedder | None = None,
                 encoder: Encoder | None = None, *, min_per_worker: int = 32, pool: Engine | None = None) -> None:
        self.workers, self.min_per_worker = workers, min_per_worker
        self.local = LocalEngine(annotator, embedder, encoder)
        self._pool, self._own_pool = pool, pool is None

    def _engine(self, articles: int) -> Engine:
        if self.workers < 2 or articles < self.workers * self.min_per_worker:
            return self.local
        if self._pool is None:
            self._pool = DaskEngine(workers=self.workers)
        return self._pool

    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        return self._engine(len(raws)).read_each(raws, settings)

    def read_stream(self, raws: Iterable[RawDocument], settings: Settings,
                    finish: Prepare | None = None) -> Iterator[Any]:
        """The stream's first documents decide, as ``read_each``'s count does: a stream that
        ends before every worker would have a batch stays in this process."""
        documents = iter(raws)
        head = list(itertools.islice(documents, self.workers * self.min_per_worker))
        return self._engine(len(head)).read_stream(itertools.chain(head, documents), settings, finish)

    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        # One story cannot be shared between processes: then the pool gains nothing.
        size = sum(len(story.article_ids) for story in stories) if len(stories) > 1 else 0
        engine = self._engine(size)
        if engine is not self.local:
            # The WordLlama this process grouped the stories with (0.3 GB) idles while the
            # workers compare, each with its own: let it go (loaded again if grouping comes again).
            self.local.models.forget("embedder")
        return engine.compare_each(stories, members, settings, finish)

    def embedder(self) -> Embedder:
        return self.local.embedder()

    def close(self) -> None:
        if self._pool is not None and self._own_pool:
            self._pool.close()
            self._pool = None
