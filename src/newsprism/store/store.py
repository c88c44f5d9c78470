"""An archive of articles and their stories that grows by ingest and is read by commands and
the web view. A thin layer over the pipeline's own stage functions: the store decides what is
new, keeps it, and re-analyses only the stories that changed.

Crash safety comes from the order of the transactions: a batch of new articles, their story
memberships and the ``dirty`` mark of each story they join are committed together; a story's
new findings and the clearing of its mark are committed together. Killed at any moment, a
store holds every article once (content keys are unique) and every story either has findings
that match its members or is marked dirty; the next ingest recomputes the dirty ones first.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, create_engine, func, insert, select, text, update

from ..annotate import Annotator
from ..clean import cleaned_content
from ..config import Settings
from ..embed import Embedder, Encoder
from ..engine import Engine as Stages
from ..engine import LocalEngine
from ..ingest import read_inputs
from ..lang.plural import counted
from ..model import Article, InputFailure, RawDocument, Report, Story, StoryFindings
from ..pipeline import ANNOTATE, COMPARE, READ, STORE, assemble_report
from ..relate.stories import story_id
from ..relate.storyfeatures import StoryFeatures
from ..relate.storyindex import StoryIndex
from .progress import Progress, _Stages
from .records import loads, text_key
from .schema import articles, failures, index_snapshot, migrate, sqlite_pragmas, stories, story_features
from .versions import Version, article_versions, story_versions
from .workers import Prepared, StoredArticles, encoded, prepared, shareable

log = logging.getLogger("newsprism")


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)  # article ids stored
    duplicate: int = 0  # the same content was already in the store
    new_version: list[str] = field(default_factory=list)  # a changed article at a stored URL
    failed: list[InputFailure] = field(default_factory=list)
    stories_touched: list[str] = field(default_factory=list)  # story ids re-analysed


@dataclass
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    story_id: str
    language: str | None = None


def store_url(where: str | Path) -> str:
    """A database URL, or a file path for an embedded SQLite store."""
    where = str(where)
    return where if "://" in where else f"sqlite:///{Path(where).expanduser()}"


class Store:
    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings or Settings()
        migrate(engine)

    @classmethod
    def open(cls, where: str | Path = "newsprism.db", settings: Settings | None = None) -> Store:
        engine = create_engine(store_url(where))
        if engine.dialect.name == "sqlite":
            sqlite_pragmas(engine)
        return cls(engine, settings)

    # ------------------------------------------------------------------ writing
    def ingest(self, paths: Iterable[str | Path], *, engine: Stages | None = None,
               annotator: Annotator | None = None, embedder: Embedder | None = None,
               encoder: Encoder | None = None, progress: Progress | None = None, batch: int = 64) -> IngestSummary:
        """Add the articles at ``paths``: each new one is cleaned, annotated, joins a story and
        is stored; then every story that changed is analysed again. ``engine`` runs the
        per-article and per-story stages (``DaskEngine`` to scale out); by default this
        process, with the models given or loaded once."""
        summary = IngestSummary()
        run = _Stages(progress)
        engine = engine or LocalEngine(annotator, embedder, encoder)
        index = self._story_index(engine.embedder())
        self._refresh(self._dirty(index), engine, summary, run)  # what a killed run left dirty
        for stage in (READ, ANNOTATE, STORE):
            run.begin(stage)
        pending: list[Prepared] = []
        prepare = partial(prepared, lead_sentences=self.settings.stories.lead_sentences,
                          body_weight=self.settings.stories.body_weight)
        documents = self._new_documents(paths, summary, run)
        for result in _timed(engine.read_stream(documents, self.settings, prepare), run):
            if isinstance(result, Prepared):
                pending.append(result)
            elif result.failure is not None:
                self._failed(summary, result.failure)
            if len(pending) >= batch:
                self._store(pending, index, engine, summary, run)
                pending = []
        if pending:
            self._store(pending, index, engine, summary, run)
        if summary.new:
            self._save_index(index)
        run.end(READ, f"read {counted(run.done[READ], 'document')} ({counted(summary.duplicate, 'duplicate')})",
                note=f"{counted(len(summary.failed), 'input')} could not be read" if summary.failed else "")
        run.end(ANNOTATE, f"cleaned and annotated {counted(run.done[ANNOTATE], 'new document')}", per=True)
        run.end(STORE, f"stored {counted(len(summary.new), 'article')} in their stories", per=True)
        dirty = self._dirty(index)
        del index  # about 11 MB per 1,000 stored articles, which comparing does not need
        self._refresh(dirty, engine, summary, run)
        return summary

    def _new_documents(self, paths: Iterable[str | Path], summary: IngestSummary,
                       run: _Stages) -> Iterator[RawDocument]:
        """Documents whose cleaned content the store does not hold yet, each with an id no
        stored article has (cleaning here is only to know the content: it is cheap)."""
        seen: set[str] = set()
        started = time.perf_counter()  # the time spent here, not while the caller has a document
        for item in read_inputs(paths, self.settings):  # ids unique within the run ("x", "x-2")
            run.tick(READ, run.done[READ] + 1)
            if isinstance(item, InputFailure):
                self._failed(summary, item)
                continue
            try:
                key = text_key(*cleaned_content(item, self.settings))
            except Exception:  # noqa: BLE001 - the engine reads it again and records why
                run.seconds[READ] += time.perf_counter() - started
                yield item
                started = time.perf_counter()
                continue
            if key in seen or self._has(articles.c.content_key, key):
                summary.duplicate += 1
                continue
            seen.add(key)
            run.seconds[READ] += time.perf_counter() - started
            yield replace(item, id=self._free_id(item.id, key))
            started = time.perf_counter()
        run.seconds[READ] += time.perf_counter() - started

    def _store(self, done: list[Prepared], index: StoryIndex, engine: Stages, summary: IngestSummary,
               run: _Stages) -> None:
        """Place the articles in stories and store them, with their stories' marks, in one
        transaction."""
        started = time.perf_counter()
        vectors = engine.embedder().embed([item.lead for item in done])
        now = _now()
        with self.engine.begin() as conn:
            seq = conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one()
            touched: set[int] = set()
            for item, vector in zip(done, vectors, strict=True):
                seq += 1
                article = item.article
                number = index.add_features(item.features, np.asarray(vector, np.float32))
                touched.add(number)
                previous = self._previous_version(conn, article)
                conn.execute(insert(articles).values(
                    id=article.id, seq=seq, content_key=item.key, url=article.source.url,
                    version=previous[1] + 1 if previous else 1, previous_id=previous[0] if previous else None,
                    current=True, outlet=article.outlet, title=article.title, published=article.published,
                    dated=article.published or (article.dateline.date if article.dateline else None),
                    language=article.language, ingested_at=now, story=number, text=article.text,
                    record=item.record))
                if previous:  # the earlier version leaves its story's analysis (it stays stored)
                    conn.execute(update(articles).where(articles.c.id == previous[0]).values(current=False))
                    touched.add(previous[2])
                    summary.new_version.append(article.id)
                conn.execute(insert(story_features).values(
                    article_id=article.id, seq=seq, features=item.features_record,
                    vector=np.asarray(vector, np.float32).tobytes()))
                if conn.dialect.name == "sqlite":
                    conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:i, :t, :x)"),
                                 {"i": article.id, "t": article.title or "", "x": article.text})
                summary.new.append(article.id)
            for number in touched:
                self._mark(conn, index, number, now)
        run.seconds[STORE] += time.perf_counter() - started
        run.tick(STORE, len(summary.new))  # a stream: the total is not known before the end

    def _dirty(self, index: StoryIndex) -> list[tuple[int, Story]]:
        """Every story marked dirty (its number, and the story as it is analysed), largest
        first: the small ones fill the workers' last gaps."""
        with self.engine.connect() as conn:
            dirty = [row[0] for row in conn.execute(select(stories.c.number).where(stories.c.dirty)
                                                    .order_by(stories.c.number))]
            return sorted(((number, self._current(conn, index, number)) for number in dirty),
                          key=lambda item: -len(item[1].article_ids))

    def _refresh(self, to_compare: list[tuple[int, Story]], engine: Stages, summary: IngestSummary,
                 run: _Stages) -> None:
        """Analyse again the dirty stories, each with its members read where it is compared,
        and store each one's findings with its mark cleared, as each is done."""
        if not to_compare:
            return
        run.begin(COMPARE, len(to_compare))
        started, analysed = time.perf_counter(), len(summary.stories_touched)
        sharing = shareable(self.engine)

        def members(story: Story) -> list[Article] | StoredArticles:
            stored = StoredArticles(self.engine, story.article_ids)
            return stored if sharing else stored()

        each = engine.compare_each([story for _, story in to_compare], members, self.settings, encoded)
        for done, (at, findings) in enumerate(each, 1):
            number, story = to_compare[at]
            with self.engine.begin() as conn:
                current = conn.execute(select(stories.c.article_ids).where(stories.c.number == number)).scalar_one()
                if json.loads(current) == story.article_ids:  # else another writer added a member: it stays dirty
                    conn.execute(update(stories).where(stories.c.number == number).values(
                        id=story.id, title=story.title, dirty=False, updated_at=_now(), findings=findings))
                    summary.stories_touched.append(story.id)
            run.tick(COMPARE, done, len(to_compare))
        run.seconds[COMPARE] = time.perf_counter() - started
        run.end(COMPARE, f"compared {counted(len(summary.stories_touched) - analysed, 'story', 'stories')} "
                "and stored their findings")

    def _current(self, conn, index: StoryIndex, number: int) -> Story:  # type: ignore[no-untyped-def]
        """A story as it is analysed: its members that are the current version of their
        article (an earlier version stays stored, out of the comparison), id from them, and
        the title of the first with one when the index has none."""
        story = index.story(number)
        current = {row[0]: row[1] for row in conn.execute(select(articles.c.id, articles.c.title)
                                                          .where(articles.c.story == number, articles.c.current))}
        members = [i for i in story.article_ids if i in current]
        title = story.title or next((current[i] for i in members if current[i]), "") or ""
        return Story(story_id(members), title, members)

    def _mark(self, conn, index: StoryIndex, number: int, now: str) -> None:  # type: ignore[no-untyped-def]
        story = self._current(conn, index, number)
        dated = func.coalesce(articles.c.dated, articles.c.published)
        days = conn.execute(select(func.min(dated), func.max(dated))
                            .where(articles.c.story == number, articles.c.current)).first()
        values = dict(id=story.id, title=story.title, article_ids=json.dumps(story.article_ids),
                      dirty=bool(story.article_ids), updated_at=now, first_published=days[0] if days else None,
                      last_published=days[1] if days else None)
        if not story.article_ids:
            values["findings"] = None  # every member replaced by a version in another story
        if conn.execute(select(stories.c.number).where(stories.c.number == number)).first():
            conn.execute(update(stories).where(stories.c.number == number).values(**values))
        else:
            conn.execute(insert(stories).values(number=number, **values))

    def _story_index(self, embedder: Embedder) -> StoryIndex:
        """The story index as the stored articles built it: the last snapshot, then the
        features of the articles stored after it, in order of arrival."""
        with self.engine.connect() as conn:
            snapshot = conn.execute(select(index_snapshot.c.seq, index_snapshot.c.state, index_snapshot.c.arrays)
                                    .where(index_snapshot.c.id == 1)).first()
            if snapshot is None:
                index, after = StoryIndex(self.settings.stories, embedder), 0
            else:
                with np.load(io.BytesIO(snapshot[2]), allow_pickle=False) as arrays:
                    index = StoryIndex.restore(json.loads(snapshot[1]), dict(arrays), self.settings.stories, embedder)
                after = snapshot[0]
            for row in conn.execute(select(story_features.c.features, story_features.c.vector)
                                    .where(story_features.c.seq > after).order_by(story_features.c.seq)):
                index.add_features(loads(StoryFeatures, row[0]), np.frombuffer(row[1], dtype=np.float32).copy())
        return index

    def _save_index(self, index: StoryIndex) -> None:
        """Keep the index as of the last stored article, so the next ingest need not replay all."""
        state, arrays = index.snapshot()
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)  # type: ignore[arg-type]
        with self.engine.begin() as conn:
            seq = conn.execute(select(func.coalesce(func.max(story_features.c.seq), 0))).scalar_one()
            if len(state["ids"]) != conn.execute(select(func.count()).select_from(story_features)).scalar_one():
                return  # another writer stored articles meanwhile: replaying stays right
            conn.execute(index_snapshot.delete())
            conn.execute(insert(index_snapshot).values(id=1, seq=seq, state=json.dumps(state, separators=(",", ":")),
                                                       arrays=buffer.getvalue()))

    def _previous_version(self, conn, article: Article) -> tuple[str, int, int] | None:  # type: ignore[no-untyped-def]
        """(id, version, story) of the current version stored at the article's URL."""
        if not article.source.url:
            return None
        row = conn.execute(select(articles.c.id, articles.c.version, articles.c.story).where(
            articles.c.url == article.source.url, articles.c.current)).first()
        return (row[0], row[1], row[2]) if row else None

    def _failed(self, summary: IngestSummary, failure: InputFailure) -> None:
        summary.failed.append(failure)
        with self.engine.begin() as conn:
            conn.execute(insert(failures).values(source=failure.source, reason=failure.reason, at=_now()))

    def _has(self, column, value: str) -> bool:  # type: ignore[no-untyped-def]
        with self.engine.connect() as conn:
            return conn.execute(select(column).where(column == value)).first() is not None

    def _free_id(self, wanted: str, key: str) -> str:
        """The document's own id, unless another stored article has it: then id~key."""
        return wanted if not self._has(articles.c.id, wanted) else f"{wanted}~{key[:10]}"

    # ------------------------------------------------------------------ reading
    def stories(self, since: str | None = None, outlet: str | None = None) -> list[Story]:
        """Stories, newest first; ``since`` an ISO date its latest article is on or after,
        ``outlet`` one of its articles' outlet (case-insensitive)."""
        query = select(stories.c.id, stories.c.title, stories.c.article_ids, stories.c.number) \
            .where(stories.c.article_ids != "[]")
        if since:
            query = query.where(stories.c.last_published >= since)
        if outlet:
            query = query.where(stories.c.number.in_(
                select(articles.c.story).where(func.lower(articles.c.outlet) == outlet.lower())))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(stories.c.last_published.desc(), stories.c.number)).all()
        return [Story(row[0], row[1], json.loads(row[2])) for row in rows]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Articles matching ``query`` (full text), best first, each with its story."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                ids = [r[0] for r in conn.execute(text(
                    "SELECT article_id FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"),
                    {"q": _fts_query(query), "n": limit})]
            else:
                document = func.to_tsvector("simple", func.coalesce(articles.c.title, "") + " " + articles.c.text)
                terms = func.plainto_tsquery("simple", query)
                ids = [r[0] for r in conn.execute(select(articles.c.id).where(document.op("@@")(terms))
                                                  .order_by(func.ts_rank(document, terms).desc()).limit(limit))]
            rows = {r[0]: r for r in conn.execute(
                select(articles.c.id, articles.c.title, articles.c.outlet, stories.c.id, articles.c.language)
                .join(stories, stories.c.number == articles.c.story).where(articles.c.id.in_(ids)))}
        return [SearchHit(*rows[i]) for i in ids if i in rows]

    def story_languages(self, story_ids: list[str]) -> dict[str, list[str | None]]:
        """Per story, the languages of its current articles (None for one too short to tell)."""
        found: dict[str, set[str | None]] = {}
        with self.engine.connect() as conn:
            for at in range(0, len(story_ids), 500):  # bounded: SQLite limits the parameters of a query
                for story_id, language in conn.execute(
                        select(stories.c.id, articles.c.language).join(articles, articles.c.story == stories.c.number)
                        .where(stories.c.id.in_(story_ids[at : at + 500]), articles.c.current).distinct()):
                    found.setdefault(story_id, set()).add(language)
        return {story_id: sorted(languages, key=lambda code: code or "") for story_id, languages in found.items()}

    def story_findings(self, story_id: str) -> StoryFindings:
        with self.engine.connect() as conn:
            row = conn.execute(select(stories.c.findings).where(stories.c.id == story_id)).first()
        if row is None or row[0] is None:
            raise KeyError(story_id)
        return loads(StoryFindings, row[0])

    def story_stamp(self, story_id: str) -> str | None:
        """A mark that changes whenever the story's stored findings do (None: no such story, or
        not analysed yet): a reader may keep what it built from them until then."""
        with self.engine.connect() as conn:
            row = conn.execute(select(stories.c.updated_at, stories.c.article_ids)
                               .where(stories.c.id == story_id, stories.c.findings.is_not(None))).first()
        return f"{row[0]}|{row[1]}" if row else None

    def article_text(self, article_id: str) -> str:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar() or ""

    def report(self, story_id: str) -> Report:
        """The report of one stored story: what ``analyze`` gives for its articles."""
        findings = self.story_findings(story_id)
        return assemble_report(findings.articles, [], [findings])

    def story_versions(self, story_id: str) -> dict[str, list[Version]]:
        """Per article of the story that has more than one stored version, every version."""
        return story_versions(self.engine, self.story_findings(story_id).story.article_ids)

    def versions(self, article_id: str) -> list[Version]:
        """Every stored version of the article (oldest first), each with the words it changed
        from the one before."""
        return article_versions(self.engine, article_id)

    def export(self) -> Iterator[dict]:
        """Every stored article as a plain record (current and earlier versions)."""
        with self.engine.connect() as conn:
            for row in conn.execute(select(articles.c.id, articles.c.url, articles.c.version, articles.c.current,
                                           articles.c.outlet, articles.c.title, articles.c.published,
                                           articles.c.language, stories.c.id.label("story_id"), articles.c.text)
                                    .join(stories, stories.c.number == articles.c.story).order_by(articles.c.seq)):
                yield dict(row._mapping)


def _timed(results: Iterator[Any], run: _Stages) -> Iterator[Any]:
    """The engine's results, counted, and the time waited for them put to annotating (less the
    reading it did meanwhile: the engine takes documents from ``_new_documents`` as it sends)."""
    while True:
        started, reading = time.perf_counter(), run.seconds[READ]
        result = next(results, None)
        if result is None:
            return
        run.seconds[ANNOTATE] += time.perf_counter() - started - (run.seconds[READ] - reading)
        run.tick(ANNOTATE, run.done[ANNOTATE] + 1)
        yield result


def _fts_query(query: str) -> str:
    """The user's words as FTS5 terms (quoted, so punctuation is not syntax)."""
    words = [w for w in query.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words) or '""'


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
