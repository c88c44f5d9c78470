"""Stories: group articles by the people, places and organisations they name (a cheap,
explainable signal; embeddings can refine it later)."""

from __future__ import annotations

import math
from collections import Counter

from ..clusters import connected_components
from ..config import Settings
from ..model import Article, Story

_STORY_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "EVENT", "FAC"}


def entity_profile(article: Article) -> Counter[str]:
    """Entity mentions keyed so that "Vladimir Putin" and "Putin" count as one name."""
    profile: Counter[str] = Counter()
    for entity in article.entities:
        if entity.label not in _STORY_LABELS:
            continue
        words = entity.text.removeprefix("the ").split()
        key = words[-1] if entity.label == "PERSON" and words else " ".join(words)
        profile[f"{entity.label}:{key.lower()}"] += 1
    return profile


def propagate_people(articles: list[Article], stories: list[Story]) -> None:
    """A surname one outlet tags as ORG is the PERSON another outlet of the story named in
    full ("Donald Trump" there, a bare "Trump" here): the same repair as within one article."""
    by_id = {a.id: a for a in articles}
    for story in stories:
        members = [by_id[i] for i in story.article_ids]
        surnames = {
            e.text.split()[-1] for a in members for e in a.entities
            if e.label == "PERSON" and len(e.text.split()) >= 2
        }
        for article in members:
            for entity in article.entities:
                if entity.label in {"ORG", "PRODUCT", "NORP"} and entity.text in surnames:
                    entity.repaired_from, entity.label = entity.label, "PERSON"


def group_stories(articles: list[Article], settings: Settings | None = None) -> list[Story]:
    settings = settings or Settings()
    profiles = [entity_profile(a) for a in articles]
    weights = _idf(profiles)
    similar = (
        (i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))
        if _cosine(profiles[i], profiles[j], weights) >= settings.story_similarity
    )
    stories = []
    for number, members in enumerate(connected_components(len(articles), similar), start=1):
        stories.append(Story(
            id=f"story-{number}",
            title=_story_title([articles[i] for i in members], [profiles[i] for i in members]),
            article_ids=[articles[i].id for i in members],
        ))
    return stories


def _idf(profiles: list[Counter[str]]) -> dict[str, float]:
    n = len(profiles)
    df: Counter[str] = Counter(key for p in profiles for key in p)
    return {key: math.log((1 + n) / (1 + count)) + 1 for key, count in df.items()}


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    shared = set(a) & set(b)
    if not shared:
        return 0.0
    dot = sum(a[k] * b[k] * idf[k] ** 2 for k in shared)
    norm_a = math.sqrt(sum((v * idf[k]) ** 2 for k, v in a.items()))
    norm_b = math.sqrt(sum((v * idf[k]) ** 2 for k, v in b.items()))
    return dot / (norm_a * norm_b)


def _story_title(articles: list[Article], profiles: list[Counter[str]]) -> str:
    """The headline of the member that best represents the group, else its top names."""
    total: Counter[str] = sum(profiles, Counter())
    pairs = enumerate(zip(articles, profiles, strict=True))
    titled = [(sum(total[k] for k in p), -i, a.title) for i, (a, p) in pairs if a.title]
    if titled:
        return str(max(titled)[2])
    names = [key.split(":", 1)[1].title() for key, _ in total.most_common(3)]
    return ", ".join(names) if names else articles[0].id
