"""Stage 4, relate: which articles tell the same story (stories) and which of them reuse
one another's text or a common wire (reuse), so that later stages can count sources."""

from __future__ import annotations

from .agencies import article_credit
from .people import people_named_in_story
from .reuse import (
    count_independent_sources,
    find_reuse,
    independent_sources,
    pair_scores,
    source_label,
)
from .stories import (
    StoryCard,
    canonical_order,
    entity_profile,
    group_cards,
    group_in_order,
    group_stories,
    one_story,
    story_card,
    story_id,
)
from .storyindex import StoryIndex

__all__ = [
    "StoryCard",
    "StoryIndex",
    "article_credit",
    "canonical_order",
    "count_independent_sources",
    "entity_profile",
    "find_reuse",
    "group_cards",
    "group_in_order",
    "group_stories",
    "independent_sources",
    "one_story",
    "pair_scores",
    "people_named_in_story",
    "source_label",
    "story_card",
    "story_id",
]
