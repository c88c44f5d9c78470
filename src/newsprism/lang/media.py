"""Where news is published: platform names, news agencies, and the label a reader knows an outlet by."""

from __future__ import annotations

from functools import lru_cache

from ..data import word_list
from ..model import Article

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
    """The outlet's name, else the article's short id: how a reader tells versions apart."""
    return article.outlet or article.id.split("_")[0]
