"""Stories: group articles by the people, places and organisations they name (a cheap,
explainable signal; embeddings can refine it later)."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable

from ..clusters import connected_components
from ..config import StorySettings
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


def story_id(article_ids: Iterable[str]) -> str:
    """Derived from the members alone: stable whatever else was in the input."""
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:10]
    return f"story-{digest}"


def group_stories(articles: list[Article], settings: StorySettings | None = None) -> list[Story]:
    """Stories, largest first (then by their first article id): an order that does not
    depend on the order of the input."""
    settings = settings or StorySettings()
    articles = sorted(articles, key=lambda a: a.id)
    profiles = [entity_profile(a) for a in articles]
    weights = _idf(profiles)
    similar = (
        (i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))
        if _cosine(profiles[i], profiles[j], weights) >= settings.entity_similarity
    )
    stories = []
    for members in connected_components(len(articles), similar):
        ids = [articles[i].id for i in members]
        stories.append(Story(
            id=story_id(ids),
            title=_story_title([articles[i] for i in members], [profiles[i] for i in members]),
            article_ids=ids,
        ))
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.article_ids[0]))


def one_story(articles: list[Article]) -> Story:
    """All of ``articles`` as one story: for a bundle the user already put together."""
    articles = sorted(articles, key=lambda a: a.id)
    ids = [a.id for a in articles]
    return Story(story_id(ids), _story_title(articles, [entity_profile(a) for a in articles]), ids)


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
