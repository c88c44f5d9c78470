"""The web UI's view models, built from the store: the same ``views`` the offline report
renders, with links between pages instead of fragments of one file."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlencode

from ..lang.words import shorten
from ..model import Report
from ..store import Store
from ..store.browse import StoryRow, story_of, story_rows
from ..views import (
    ArticlePage,
    Filters,
    SearchHitView,
    SearchPage,
    StoryItem,
    StoryListPage,
    StoryPage,
    WebLinks,
    article_page,
    story_page,
    version_views,
)

PAGE_SIZE = 50
LINKS = WebLinks()


class NotFound(LookupError):
    """No such story or article in the store (or not analysed yet)."""


class Pages:
    """The pages of one store; a built story page is kept until the story's findings change."""

    def __init__(self, store: Store, cached: int = 256) -> None:
        self.store = store
        # a story's report and view model weigh megabytes for a large story: few are kept; the
        # rendered bytes (what readers are served) are kept for ``cached`` stories
        self._report = lru_cache(maxsize=16)(self._load_report)
        self._story = lru_cache(maxsize=32)(self._build_story)
        self._rendered: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
        self._cached = cached
        self._lock = threading.Lock()  # the event loop and the server's threads share the cache

    def cached(self, kind: str, story_id: str) -> bytes | None:
        """The rendered page if it is built for the story as it is now (None: build it)."""
        key = (kind, story_id, self._stamp(story_id))
        with self._lock:
            return self._rendered.get(key)

    def rendered(self, kind: str, story_id: str, render: Callable[[StoryPage], bytes]) -> bytes:
        """The story page rendered by ``render`` (HTML, JSON), kept until the story changes:
        a page read by many readers is built and rendered once."""
        key = (kind, story_id, self._stamp(story_id))
        with self._lock:
            if key in self._rendered:
                self._rendered.move_to_end(key)
                return self._rendered[key]
        body = render(self.story(story_id))
        with self._lock:
            self._rendered[key] = body
            while len(self._rendered) > 2 * self._cached:
                self._rendered.popitem(last=False)
        return body

    def story_list(self, filters: Filters, offset: int = 0, limit: int = PAGE_SIZE) -> StoryListPage:
        rows, total = story_rows(self.store.engine, q=filters.q, outlet=filters.outlet, person=filters.person,
                                 since=filters.since, until=filters.until, limit=limit, offset=offset)

        def page_href(at: int) -> str:
            params: dict[str, str | int] = {k: v for k, v in vars(filters).items() if v}
            if at:
                params["offset"] = at
            return "/" + ("?" + urlencode(params) if params else "")

        return StoryListPage(filters, [_item(r) for r in rows], total, offset, limit,
                             page_href(offset + limit) if offset + limit < total else "",
                             page_href(max(0, offset - limit)) if offset else "")

    def story(self, story_id: str) -> StoryPage:
        return self._story(story_id, self._stamp(story_id))

    def article(self, story_id: str, article_id: str) -> ArticlePage:
        report = self._report(story_id, self._stamp(story_id))
        if all(a.id != article_id for a in report.articles):
            raise NotFound(f"no article {article_id!r} in story {story_id!r}")
        page = article_page(report, story_id, article_id, LINKS)
        page.versions = version_views(article_id, self.store.versions(article_id))
        return page

    def search(self, q: str, limit: int = PAGE_SIZE) -> SearchPage:
        hits = self.store.search(q, limit=limit) if q.strip() else []
        rows = {r.id: r for r in story_rows(self.store.engine, q=q, limit=limit)[0]} if hits else {}
        views = [SearchHitView(h.article_id, h.title or "", h.outlet or "",
                               _snippet(self.store.article_text(h.article_id), q),
                               LINKS.article(h.story_id, h.article_id), h.story_id,
                               rows[h.story_id].title if h.story_id in rows else h.story_id, LINKS.story(h.story_id))
                 for h in hits]
        hits_per_story = {sid: sum(h.story_id == sid for h in views) for sid in rows}
        return SearchPage(q, views, [_item(r) for r in sorted(rows.values(), key=lambda r: -hits_per_story[r.id])])

    def story_id_of(self, article_id: str) -> str:
        found = story_of(self.store.engine, article_id)
        if found is None:
            raise NotFound(f"no article {article_id!r}")
        return found

    def _stamp(self, story_id: str) -> str:
        stamp = self.store.story_stamp(story_id)
        if stamp is None:
            raise NotFound(f"no analysed story {story_id!r}")
        return stamp

    def _load_report(self, story_id: str, stamp: str) -> Report:
        try:
            return self.store.report(story_id)
        except KeyError:
            raise NotFound(f"no analysed story {story_id!r}") from None

    def _build_story(self, story_id: str, stamp: str) -> StoryPage:
        return story_page(self._report(story_id, stamp), story_id, LINKS)


def _item(row: StoryRow) -> StoryItem:
    return StoryItem(row.id, row.title, LINKS.story(row.id), len(row.article_ids), row.outlets, row.first, row.last,
                     row.article_ids, row.analysed, row.languages)


def _snippet(text: str, q: str, width: int = 220) -> str:
    """The passage around the first word of the query that the text holds."""
    lower = text.lower()
    at = min((i for w in q.lower().split() if (i := lower.find(w)) >= 0), default=0)
    start = max(0, at - width // 3)
    if start:  # begin at a word, never inside one
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    return ("…" if start else "") + shorten(text[start:], width)
