"""The story list and the search results: what a reader scans to find a story."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StoryItem:
    id: str
    title: str
    href: str
    articles: int
    outlets: list[str]
    first: str
    last: str
    article_ids: list[str]
    analysed: bool = True  # False while the ingest that changed it has not compared it yet
    languages: list[str] = field(default_factory=list)  # its articles' languages ("en", "ja")


@dataclass
class Filters:
    q: str = ""
    outlet: str = ""
    person: str = ""
    since: str = ""
    until: str = ""

    def active(self) -> bool:
        return any((self.q, self.outlet, self.person, self.since, self.until))


@dataclass
class StoryListPage:
    filters: Filters
    stories: list[StoryItem]
    total: int  # stories matching the filters
    offset: int
    limit: int
    next_href: str
    previous_href: str


@dataclass
class SearchHitView:
    article_id: str
    title: str
    outlet: str
    snippet: str
    href: str  # the article in its story
    story_id: str
    story_title: str
    story_href: str


@dataclass
class SearchPage:
    q: str
    hits: list[SearchHitView]
    stories: list[StoryItem]  # the stories the hits belong to, most hits first
