"""Stories: which articles report the same event. The grouping itself is online
(``storyindex.StoryIndex``); this module holds the batch entry point, story ids and the
cross-story repairs that need the groups."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from ..config import StorySettings
from ..model import Article, Story
from .storyfeatures import StoryFeatures, article_day, features, lead_text

if TYPE_CHECKING:
    from .storyindex import Encoder

T = TypeVar("T", Article, "StoryCard")

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


@dataclass(slots=True)
class StoryCard:
    """What grouping needs of one article, a few KB of it: a run that keeps its annotated
    articles on disk groups them from these alone."""

    id: str
    title: str | None
    day: int | None
    lead: str  # headline and lead: the text the gist is embedded from
    features: StoryFeatures
    profile: Counter[str]  # entity_profile: what names an untitled story


def story_card(article: Article, settings: StorySettings) -> StoryCard:
    return StoryCard(article.id, article.title, article_day(article), lead_text(article, settings.lead_sentences),
                     features(article, settings.lead_sentences, settings.body_weight), entity_profile(article))


def canonical_order(items: list[T]) -> list[T]:
    """The order the batch path feeds the index: dated articles first, oldest first (news
    arrives roughly in that order, so the batch replays a plausible stream), undated last;
    ties by article id. A stream ingested in this order gets exactly these stories.
    ``items``: articles, or their cards."""
    def key(item: Article | StoryCard) -> tuple[bool, int, str]:
        day = item.day if isinstance(item, StoryCard) else article_day(item)
        return day is None, day or 0, item.id

    return sorted(items, key=key)


def group_stories(
    articles: list[Article], settings: StorySettings | None = None, encoder: Encoder | None = None,
) -> list[Story]:
    """Stories of ``articles``: the same as adding them to a fresh ``StoryIndex`` one by one
    in ``canonical_order``, whatever order they came in. Largest story first."""
    settings = settings or StorySettings()
    return group_cards([story_card(a, settings) for a in articles], settings, encoder)


def group_cards(cards: list[StoryCard], settings: StorySettings, encoder: Encoder | None = None) -> list[Story]:
    """``group_stories`` from the articles' cards."""
    by_id = {card.id: card for card in cards}
    return group_in_order(canonical_order(cards), settings, encoder, by_id.__getitem__)


# Leads embedded this many at a time; a lead's vector does not depend on the others embedded
# with it (WordLlama pools its tokens exactly; tested), so the stories are those of one call.
_LEADS_AT_ONCE = 1024


def group_in_order(cards: Iterable[StoryCard], settings: StorySettings, encoder: Encoder | None,
                   card: Callable[[str], StoryCard]) -> list[Story]:
    """Stories of ``cards`` given in ``canonical_order``, taken a chunk at a time (a run that
    keeps its cards on disk reads them back as they are needed); ``card(article_id)`` gives
    the members of a story none of whose articles has a headline, to name it."""
    from .storyindex import StoryIndex

    if encoder is None:
        from ..embed import Embedder

        encoder = Embedder.load()
    index = StoryIndex(settings, encoder)
    pending = iter(cards)
    while chunk := list(islice(pending, _LEADS_AT_ONCE)):
        vectors = encoder.embed([item.lead for item in chunk])
        for item, vector in zip(chunk, vectors, strict=True):
            if item.id not in index.story_of:
                index.add_features(item.features, np.asarray(vector, np.float32))
    stories = index.all_stories()
    for story in stories:
        if not story.title:
            story.title = _story_title([card(i) for i in story.article_ids])
    return stories


def one_story(articles: list[Article] | list[StoryCard]) -> Story:
    """All of ``articles`` as one story: for a bundle the user already put together."""
    cards = sorted((a if isinstance(a, StoryCard) else story_card(a, StorySettings()) for a in articles),
                   key=lambda card: card.id)
    ids = [card.id for card in cards]
    return Story(story_id(ids), _story_title(cards), ids)


def _story_title(cards: list[StoryCard]) -> str:
    """The headline of the member that best represents the group, else its top names."""
    total: Counter[str] = sum((card.profile for card in cards), Counter())
    titled = [(sum(total[k] for k in card.profile), -i, card.title) for i, card in enumerate(cards) if card.title]
    if titled:
        return str(max(titled)[2])
    names = [key.split(":", 1)[1].title() for key, _ in total.most_common(3)]
    return ", ".join(names) if names else cards[0].id
