"""Stories: which articles report the same event. The grouping itself is online
(``storyindex.StoryIndex``); this module holds the batch entry point, story ids and the
cross-story repairs that need the groups."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..config import StorySettings
from ..model import Article, Story
from .storyfeatures import article_day, lead_text

if TYPE_CHECKING:
    from .storyindex import Encoder

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


def canonical_order(articles: list[Article]) -> list[Article]:
    """The order the batch path feeds the index: dated articles first, oldest first (news
    arrives roughly in that order, so the batch replays a plausible stream), undated last;
    ties by article id. A stream ingested in this order gets exactly these stories."""
    def key(article: Article) -> tuple[bool, int, str]:
        day = article_day(article)
        return day is None, day or 0, article.id

    return sorted(articles, key=key)


def group_stories(
    articles: list[Article], settings: StorySettings | None = None, encoder: Encoder | None = None,
) -> list[Story]:
    """Stories of ``articles``: the same as adding them to a fresh ``StoryIndex`` one by one
    in ``canonical_order``, whatever order they came in. Largest story first."""
    from .storyindex import StoryIndex

    settings = settings or StorySettings()
    if encoder is None:
        from ..embed import Embedder

        encoder = Embedder.load()
    ordered = canonical_order(articles)
    vectors = encoder.embed([lead_text(a, settings.lead_sentences) for a in ordered])
    index = StoryIndex(settings, encoder)
    for article, vector in zip(ordered, vectors, strict=True):
        index.add(article, vector)
    stories = index.all_stories()
    by_id = {a.id: a for a in articles}
    for story in stories:
        if not story.title:
            members = [by_id[i] for i in story.article_ids]
            story.title = _story_title(members, [entity_profile(a) for a in members])
    return stories


def one_story(articles: list[Article]) -> Story:
    """All of ``articles`` as one story: for a bundle the user already put together."""
    articles = sorted(articles, key=lambda a: a.id)
    ids = [a.id for a in articles]
    return Story(story_id(ids), _story_title(articles, [entity_profile(a) for a in articles]), ids)


def _story_title(articles: list[Article], profiles: list[Counter[str]]) -> str:
    """The headline of the member that best represents the group, else its top names."""
    total: Counter[str] = sum(profiles, Counter())
    pairs = enumerate(zip(articles, profiles, strict=True))
    titled = [(sum(total[k] for k in p), -i, a.title) for i, (a, p) in pairs if a.title]
    if titled:
        return str(max(titled)[2])
    names = [key.split(":", 1)[1].title() for key, _ in total.most_common(3)]
    return ", ".join(names) if names else articles[0].id
