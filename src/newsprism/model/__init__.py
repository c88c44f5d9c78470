"""Domain records of newsprism: plain dataclasses that every stage passes around, in one
place (``from newsprism.model import Article, Quote, Claim``).

``model.article`` holds what one article is (the per-article stages make it);
``model.story`` what the comparison of a story finds and the report of a run. Offsets
(``start``, ``end``) are always character offsets into the cleaned ``Article.text``; a
finding that cannot point at characters is not a finding.
"""

from .article import (
    SCHEMA_ID,
    Article,
    ClaimMention,
    ContentType,
    Dateline,
    DateMention,
    Entity,
    Flag,
    InputFailure,
    NumberMention,
    Paragraph,
    Quote,
    RawDocument,
    Removed,
    Sentence,
    Source,
    Span,
)
from .story import (
    AttributionChain,
    BriefSentence,
    Claim,
    Dispute,
    DisputeSide,
    Finding,
    OutletProfile,
    QuoteGroup,
    QuoteMember,
    Report,
    Reuse,
    ReusePassage,
    Story,
    StoryBundle,
    StoryFindings,
    TimelineEvent,
    Wording,
)

__all__ = [
    "SCHEMA_ID", "Article", "AttributionChain", "BriefSentence", "Claim", "ClaimMention", "ContentType",
    "DateMention", "Dateline", "Dispute", "DisputeSide", "Entity", "Finding", "Flag", "InputFailure",
    "NumberMention", "OutletProfile", "Paragraph", "Quote", "QuoteGroup", "QuoteMember", "RawDocument",
    "Removed", "Report", "Reuse", "ReusePassage", "Sentence", "Source", "Span", "Story", "StoryBundle",
    "StoryFindings", "TimelineEvent", "Wording",
]
