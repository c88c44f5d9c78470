"""A story's members as the process that compares it reads them: straight from the store.

A store re-analyses its dirty stories on an engine. Were the driver to read every member and
ship it to a worker, it would decode each record only to encode it again for the wire, and
the workers would wait on it. ``StoredArticles`` is a small picklable call instead: on a
worker of this machine (or any worker that reaches a PostgreSQL store) it opens the store
itself, once per process, and decodes the records there; the findings go back already
encoded (``encoded``), ready to be written.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, select

from ..model import Article, StoryFindings
from .records import dumps, loads
from .schema import articles, sqlite_pragmas

__all__ = ["StoredArticles", "encoded", "read_articles", "shareable"]


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
