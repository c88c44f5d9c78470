"""Where a view's links point. The same view model is rendered as one self-contained file
(every story and article on one page: links are fragments) and as the web UI's pages (a
story page, an article page per article): only the links differ, so they are made here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urlencode


def _part(value: str) -> str:
    """A path segment or fragment: every character that could end it is escaped."""
    return quote(value, safe="")


_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")


def plain_id(article_id: str) -> str:
    """The article id as a part of an element id that no link needs to escape: itself when it
    is plain (letters, digits, ``._~-``), else a stable token made from it (an id comes from a
    file name or a feed: it may hold quotes, slashes, percent signs or markup)."""
    if _PLAIN.fullmatch(article_id):
        return article_id
    return "a-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


class Links(Protocol):
    def story(self, story_id: str, section: str = "") -> str: ...
    def article(self, story_id: str, article_id: str) -> str: ...
    def sentence(self, story_id: str, article_id: str, start: int, end: int, back: str = "") -> str: ...
    def sentence_id(self, article_id: str, start: int, end: int) -> str: ...
    def section_id(self, story_id: str, section: str) -> str: ...
    def article_anchor(self, article_id: str) -> str: ...


@dataclass(frozen=True)
class FileLinks:
    """One page holds everything: a sentence's id is ``article:start-end``, a story's its id."""

    def story(self, story_id: str, section: str = "") -> str:
        return "#" + (self.section_id(story_id, section) if section else story_id)  # our own ids: plain

    def article(self, story_id: str, article_id: str) -> str:
        return "#" + self.article_anchor(article_id)

    def sentence(self, story_id: str, article_id: str, start: int, end: int, back: str = "") -> str:
        return "#" + self.sentence_id(article_id, start, end)

    def sentence_id(self, article_id: str, start: int, end: int) -> str:
        return f"{plain_id(article_id)}:{start}-{end}"

    def section_id(self, story_id: str, section: str) -> str:
        return f"{story_id}-{section}"

    def article_anchor(self, article_id: str) -> str:
        return f"article-{plain_id(article_id)}"


@dataclass(frozen=True)
class WebLinks:
    """The web UI: a page per story and per article; a citation opens the article at the
    sentence and remembers the story section it came from (the article page's way back)."""

    root: str = ""

    def story(self, story_id: str, section: str = "") -> str:
        return f"{self.root}/stories/{_part(story_id)}" + (f"#{section}" if section else "")  # sections: our ids

    def article(self, story_id: str, article_id: str) -> str:
        return f"{self.root}/stories/{_part(story_id)}/articles/{_part(article_id)}"

    def sentence(self, story_id: str, article_id: str, start: int, end: int, back: str = "") -> str:
        query = "?" + urlencode({"from": back}) if back else ""
        return self.article(story_id, article_id) + query + "#" + self.sentence_id(article_id, start, end)

    def sentence_id(self, article_id: str, start: int, end: int) -> str:
        return f"s-{start}-{end}"

    def section_id(self, story_id: str, section: str) -> str:
        return section

    def article_anchor(self, article_id: str) -> str:
        return "article"
