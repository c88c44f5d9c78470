"""People across a story: a surname one outlet's tagger missed is the person another
outlet of the same story named in full."""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Entity

_MISTAKEN_FOR = {"ORG", "PRODUCT", "NORP"}  # what the tagger calls a bare surname it did not recognise


def people_named_in_story(articles: list[Article]) -> list[Article]:
    """A surname tagged ORG in one article ("Trump") is the PERSON another outlet of the
    story named in full ("Donald Trump"): the same repair annotation makes within one
    article. Returns new article records; the annotated ones are left as they were."""
    surnames = {
        e.text.split()[-1] for a in articles for e in a.entities
        if e.label == "PERSON" and len(e.text.split()) >= 2
    }

    def repaired(entity: Entity) -> Entity:
        if entity.label in _MISTAKEN_FOR and entity.text in surnames:
            return replace(entity, label="PERSON", repaired_from=entity.label)
        return entity

    out = []
    for article in articles:
        entities = [repaired(e) for e in article.entities]
        changed = any(new is not old for new, old in zip(entities, article.entities, strict=True))
        out.append(replace(article, entities=entities) if changed else article)
    return out
