"""Attribution chains and outlet profiles: whom each outlet relies on (its own reporting, a
wire, a state agency, social media, an interview, a statement), what only it says, what it
leaves out, and how many of its own words a media researcher would flag.

A chain is outlet -> via -> speaker: "003 -> TASS -> Vladimir Putin", "002 -> Truth Social
-> Donald Trump", "000 -> Xinhua (credit) -> ...". Reliance counts chains by kind.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..data import word_list
from ..lang.media import PLATFORMS, agencies, outlet_label
from ..model import Article, AttributionChain, Claim, Finding, OutletProfile, Quote, Story

_SOCIAL = {p.lower() for p in PLATFORMS.values()} | {"x", "post"}
_SPOKEN = {"statement": "statement", "press conference": "statement", "address": "statement",
           "meeting": "statement"}


@cache
def state_media() -> frozenset[str]:
    return frozenset(name.lower() for name in word_list("state_media.txt"))


def via_kind(via: str | None) -> str:
    """What kind of source a channel is, for a reader weighing an outlet's reliance."""
    if not via:
        return "unstated"
    low = via.lower()
    if low in state_media():
        return "state_media"
    if low in _SOCIAL:
        return "social_media"
    if low.endswith("interview") or low == "interview":
        return "interview"
    if low in _SPOKEN:
        return _SPOKEN[low]
    if low in agencies():
        return "wire"
    return "media"


def attribution_chains(articles: list[Article], quotes: list[Quote]) -> list[AttributionChain]:
    """One chain per attributed quote (direct or reported), plus one per wire credit: an
    article that runs a wire story relies on the wire for all of it."""
    chains: list[AttributionChain] = []
    for article in articles:
        if article.credit:
            # the credit was read from the byline, which cleaning moved to metadata: no text span
            chains.append(AttributionChain(article.id, 0, 0, article.credit,
                                           "state_media" if article.credit.lower() in state_media() else "wire", None))
    for quote in quotes:
        if quote.partial and not quote.speaker:
            continue
        chains.append(AttributionChain(quote.article_id, quote.start, quote.end, quote.channel, via_kind(quote.channel),
                                       quote.speaker, quote.id))
    return chains


def _lead(article: Article, claims: list[Claim]) -> str | None:
    """The claim an article opens with: what it chose to put first."""
    first = min(((m.start, c.id) for c in claims for m in c.mentions if m.article_id == article.id), default=None)
    return first[1] if first else None


def outlet_profiles(story: Story, articles: list[Article], claims: list[Claim],
                    chains: list[AttributionChain], findings: list[Finding]) -> list[OutletProfile]:
    """Each article's place in its story: whom it relies on, what only it says or leaves out."""
    profiles: list[OutletProfile] = []
    for article in articles:
        own = [c for c in chains if c.article_id == article.id]
        profiles.append(OutletProfile(
            article_id=article.id, story_id=story.id, outlet=outlet_label(article),
            reliance=dict(Counter(c.via_kind for c in own).most_common()),
            sources_cited=dict(Counter(c.via for c in own if c.via).most_common()),
            added=[c.id for c in claims if c.status == "single_source" and c.articles == [article.id]
                   and not c.similar],
            omitted=[c.id for c in claims if article.id in c.omitted_by],
            contested=[c.id for c in claims if c.status == "contested" and article.id in c.articles],
            findings=sum(1 for f in findings if f.article_id == article.id and not f.quoted),
            leads_with=_lead(article, claims),
        ))
    return profiles
