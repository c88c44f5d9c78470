"""The store's share of the work its engine's workers do, so that the driver (one process,
on a core the workers also need) only places articles in stories and writes.

* Ingest: each article comes back ``prepared`` where it was annotated: its record and story
  features already encoded, its lead and content key made.
* Comparing: were the driver to read a story's members and ship them to a worker, it would
  decode each record only to encode it again for the wire. ``StoredArticles`` is a small
  picklable call instead: on a worker of this machine (or any worker that reaches a
  PostgreSQL store) it opens the store itself, once per process, and decodes the records
  there; the findings go back already ``encoded``, ready to be written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, select

from ..model import Article, StoryFindings
from ..pipeline import DocumentResult
from ..relate.storyfeatures import StoryFeatures, features, lead_text
from .records import content_key, dumps, loads
from .schema import articles, sqlite_pragmas

__all__ = ["Prepared", "StoredArticles", "encoded", "prepared", "read_articles", "shareable"]


@dataclass
class Prepared:
    """An annotated article with what storing it takes, made where it was annotated."""

    article: Article
    record: str  # the article as the store keeps it (JSON)
    features: StoryFeatures  # what places it in a story
    features_record: str
    lead: str  # the text its story vector is made of
    key: str  # its content key


def prepared(result: DocumentResult, lead_sentences: int, body_weight: float) -> DocumentResult | Prepared:
    """A document's result as the store takes it (a failure stays as it is)."""
    if result.article is None:
        return result
    article = result.article
    item = features(article, lead_sentences, body_weight)
    return Prepared(article, dumps(article), item, dumps(item), lead_text(article, lead_sentences),
                    content_key(article))


def read_articles(engine: Engine, ids: list[str]) -> list[Article]:
    """The stored articles with ``ids``, in that order (an id not stored is left out)."""
    rows: dict[str, str] = {}
    with engine.connect() as conn:
        for at in range(0, len(ids), 500):  # bounded: SQLite limits the parameters of a query
            rows.update((row[0], row[1]) for row in conn.execute(
                select(articles.c.id, articles.c.record).where(articles.c.id.in_(ids[at : at + 500]))))
    return [loads(Article, rows[i]) for i in ids if i in rows]


def shareable(engine: Engine) -> bool:
    """Whether another process can open the same store: not an in-memory SQLite database."""
    return not (engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"))


class StoredArticles:
    """The articles ``ids`` of the store at ``engine``. Pickled, it keeps only the store's
    URL (password included: the workers are the user's own), and the unpickled call opens
    the store once per process."""

    def __init__(self, engine: Engine, ids: list[str]) -> None:
        self.engine: Engine | None = engine
        self.url = engine.url.render_as_string(hide_password=False)
        self.ids = ids

    def __call__(self) -> list[Article]:
        return read_articles(self.engine or _opened(self.url), self.ids)

    def __getstate__(self) -> dict[str, Any]:
        return {"engine": None, "url": self.url, "ids": self.ids}


@lru_cache(maxsize=4)
def _opened(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        sqlite_pragmas(engine)  # the busy timeout: a reader may meet the writer's checkpoint
    return engine


def encoded(findings: StoryFindings, members: list[Article]) -> str:
    """A story's findings as the store keeps them (a ``Finish``: applied where the story was
    compared, so that the driver only writes the text)."""
    return dumps(findings)
