"""People across a story: a surname one outlet's tagger missed is the person another
outlet of the same story named in full."""

from __future__ import annotations

from dataclasses import replace

from ..lang.names import spelling_variants, surname
from ..model import Article, Entity

_MISTAKEN_FOR = {"ORG", "PRODUCT", "NORP"}  # what the tagger calls a bare surname it did not recognise


def people_named_in_story(articles: list[Article]) -> list[Article]:
    """A surname tagged ORG in one article ("Trump") is the PERSON another outlet of the
    story named in full ("Donald Trump"): the same repair annotation makes within one
    article; so is another spelling of that surname ("Zelenskiy" for "Volodymyr Zelenskyy")
    where ``lang.names.spelling_variants`` finds one person. Returns new article records;
    the annotated ones are left as they were."""
    surnames = {
        e.text.split()[-1] for a in articles for e in a.entities
        if e.label == "PERSON" and len(e.text.split()) >= 2
    }
    mistaken = [{e.text for e in a.entities if e.label in _MISTAKEN_FOR and len(e.text.split()) == 1}
                for a in articles]
    people = [[e.text for e in a.entities if e.label == "PERSON"] for a in articles]
    variants = spelling_variants([*named, *words] for named, words in zip(people, mistaken, strict=True))
    full = {surname(s) for s in surnames}  # a spelling with a full name is always the one kept
    spelled = {w for words in mistaken for w in words if variants.get(surname(w)) in full}

    def repaired(entity: Entity) -> Entity:
        if entity.label in _MISTAKEN_FOR and (entity.text in surnames or entity.text in spelled):
            return replace(entity, label="PERSON", repaired_from=entity.label)
        return entity

    out = []
    for article in articles:
        entities = [repaired(e) for e in article.entities]
        changed = any(new is not old for new, old in zip(entities, article.entities, strict=True))
        out.append(replace(article, entities=entities) if changed else article)
    return out
