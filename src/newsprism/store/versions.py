"""Versions of an article: the same URL stored again with other content (a correction, an
update). Each version is kept; only the current one is analysed; a reader sees what changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import Engine, select

from .schema import articles


@dataclass
class Version:
    article_id: str
    version: int
    ingested_at: str
    changes: list[tuple[str, str]]  # (words before, words after) for each change from the previous version


def article_versions(engine: Engine, article_id: str) -> list[Version]:
    """Every stored version of the article (oldest first), each with the words it changed
    from the one before."""
    with engine.connect() as conn:
        url = conn.execute(select(articles.c.url).where(articles.c.id == article_id)).scalar_one_or_none()
        query = select(articles.c.id, articles.c.version, articles.c.ingested_at, articles.c.text)
        rows = conn.execute(query.where(articles.c.url == url).order_by(articles.c.version) if url else
                            query.where(articles.c.id == article_id)).all()
    out: list[Version] = []
    for k, row in enumerate(rows):
        changes = word_changes(rows[k - 1][3], row[3]) if k else []
        out.append(Version(row[0], row[1], row[2], changes))
    return out


def story_versions(engine: Engine, article_ids: list[str]) -> dict[str, list[Version]]:
    """Per article that has more than one stored version, every version."""
    out = {}
    for article_id in article_ids:
        found = article_versions(engine, article_id)
        if len(found) > 1:
            out[article_id] = found
    return out


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """(words before, words after) for each stretch the later text changed."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(" ".join(old[i1:i2]), " ".join(new[j1:j2]))
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
