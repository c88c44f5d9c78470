"""Reading the store as a reader browses it: a page of stories matching filters (words, an
outlet, a person, dates), newest first, with each story's outlets and dates; the story an
article belongs to. Queries stay bounded by the page, not by the size of the store."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, and_, distinct, func, select, text
from sqlalchemy.sql.elements import ColumnElement

from ..lang.media import host
from ..lang.words import shorten
from .schema import articles, stories

MATCHES_CONSIDERED = 5000  # articles a full-text filter looks at: the best-ranked ones


@dataclass
class StoryRow:
    id: str
    title: str
    article_ids: list[str]
    first: str  # first and last publish date of its articles ("" when none is stated)
    last: str
    outlets: list[str]
    analysed: bool
    languages: list[str]  # of its current articles ("en", "ja"), as detected


def story_rows(engine: Engine, *, q: str = "", outlet: str = "", person: str = "", since: str = "",
               until: str = "", limit: int = 50, offset: int = 0) -> tuple[list[StoryRow], int]:
    """A page of stories matching every filter given, newest first, and how many match."""
    where: list[ColumnElement[bool]] = [stories.c.article_ids != "[]"]
    with engine.connect() as conn:
        for words, phrase in ((q, False), (person, True)):
            if words:
                numbers = _matching_stories(conn, words, phrase)
                where.append(stories.c.number.in_(numbers or [-1]))
        if outlet:
            where.append(stories.c.number.in_(select(articles.c.story).where(
                func.lower(articles.c.outlet).like(f"%{_like(outlet.lower())}%", escape="\\"))))
        if since:
            where.append(stories.c.last_published >= since)
        if until:
            where.append(stories.c.first_published <= until + "T99")  # the whole day of ``until``
        condition = and_(*where)
        total = conn.execute(select(func.count()).select_from(stories).where(condition)).scalar_one()
        rows = conn.execute(select(stories.c.number, stories.c.id, stories.c.title, stories.c.article_ids,
                                   stories.c.first_published, stories.c.last_published, stories.c.findings.is_not(None))
                            .where(condition)
                            .order_by(stories.c.last_published.desc().nulls_last(), stories.c.number.desc())
                            .limit(limit).offset(offset)).all()
        outlets, languages = _outlets(conn, [r[0] for r in rows])
    return [StoryRow(r[1], r[2] or "Untitled story", json.loads(r[3]), (r[4] or "")[:10], (r[5] or "")[:10],
                     outlets.get(r[0], []), bool(r[6]), languages.get(r[0], [])) for r in rows], total


def story_of(engine: Engine, article_id: str) -> str | None:
    """The id of the story the article is in (None: no such article)."""
    with engine.connect() as conn:
        return conn.execute(select(stories.c.id).join(articles, articles.c.story == stories.c.number)
                            .where(articles.c.id == article_id)).scalar_one_or_none()


def article_heads(engine: Engine, article_ids: list[str]) -> dict[str, tuple[str, str]]:
    """Per article id, its headline (or outlet, or id) and the id of its story."""
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.outlet, stories.c.id)
                            .join(stories, stories.c.number == articles.c.story)
                            .where(articles.c.id.in_(article_ids))).all()
    return {r[0]: (r[1] or r[2] or r[0], r[3]) for r in rows}


def _matching_stories(conn, words: str, phrase: bool) -> list[int]:  # type: ignore[no-untyped-def]
    if conn.dialect.name == "sqlite":
        terms = [w for w in words.replace('"', " ").split() if w]
        if not terms:
            return []
        query = '"' + " ".join(terms) + '"' if phrase else " ".join(f'"{w}"' for w in terms)
        return [r[0] for r in conn.execute(text(
            "SELECT DISTINCT a.story FROM (SELECT article_id FROM articles_fts WHERE articles_fts MATCH :q "
            "ORDER BY rank LIMIT :n) m JOIN articles a ON a.id = m.article_id"),
            {"q": query, "n": MATCHES_CONSIDERED})]
    document = func.to_tsvector("simple", func.coalesce(articles.c.title, "") + " " + articles.c.text)
    tsquery = (func.phraseto_tsquery if phrase else func.plainto_tsquery)("simple", words)
    matched = select(articles.c.story).where(document.op("@@")(tsquery)).limit(MATCHES_CONSIDERED).subquery()
    return [r[0] for r in conn.execute(select(distinct(matched.c.story)))]


def _outlets(conn, numbers: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:  # type: ignore[no-untyped-def]
    """Per story, its articles' outlets as a reader knows them (outlet, else site, else
    headline), and their languages."""
    out: dict[int, set[str]] = {}
    languages: dict[int, set[str]] = {}
    if not numbers:
        return {}, {}
    for number, outlet, url, title, article_id, language in conn.execute(
            select(articles.c.story, articles.c.outlet, articles.c.url, articles.c.title, articles.c.id,
                   articles.c.language).where(articles.c.story.in_(numbers), articles.c.current)):
        out.setdefault(number, set()).add(outlet or host(url) or shorten(title or "", 40) or article_id)
        if language:
            languages.setdefault(number, set()).add(language)
    return {n: sorted(labels) for n, labels in out.items()}, {n: sorted(v) for n, v in languages.items()}


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
