"""Where news is published: platform names, news agencies, and the label a reader knows an outlet by."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from ..data import word_list
from ..model import Article
from .words import shorten

# Platform names as they are written in lower case -> as a reader knows them.
PLATFORMS = {
    "truth social": "Truth Social", "telegram": "Telegram", "facebook": "Facebook",
    "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "twitter": "X",
    "weibo": "Weibo", "vkontakte": "VKontakte", "bluesky": "Bluesky", "threads": "Threads",
    "social media": "social media",
}


@lru_cache(maxsize=1)
def agencies() -> frozenset[str]:
    """The news agencies of data/agencies.txt, lower-cased for lookups."""
    return frozenset(name.lower() for name in word_list("agencies.txt"))


@lru_cache(maxsize=1)
def agency_names() -> list[str]:
    """Agency names as they are written ("TASS", "Xinhua"), longest first; the short all-caps
    ones only in capitals so that "ap" or "ani" inside prose never match."""
    return sorted(word_list("agencies.txt"), key=len, reverse=True)


def outlet_label(article: Article) -> str:
    """Who published it, as a reader would name it: the outlet, else the site's host, else
    the headline cut short, else the opening words of the text in quotation marks (a file
    with neither: "002_4bb576bc06b8e9c2" tells a reader nothing); the id when it is empty."""
    opening = shorten(" ".join(article.text[:200].split()), 40)
    return (article.outlet or host(article.source.url) or shorten(article.title or "", 40)
            or (f"“{opening}”" if opening else article.id))


def host(url: str | None) -> str:
    """The site of ``url`` without "www." ("" when there is none or it does not parse)."""
    if not url:
        return ""
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.")
