"""HTML pages to article text and metadata with trafilatura; the rest of the page is kept
as removed page furniture so a reader can see what the extractor dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from .blocks import normalise_line

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
    "figcaption", "figure", "blockquote", "section", "article", "header", "footer", "nav",
    "aside", "form", "button", "label", "dt", "dd", "pre", "table", "option", "title",
}
_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "head"]
_WORD = re.compile(r"\w+")


@dataclass
class HtmlExtract:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    chrome: list[str] = field(default_factory=list)  # page text outside the article body


def extract_html(html: str, source: str, url: str | None = None) -> HtmlExtract:
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, deduplicate=False,
        )
    except (ValueError, etree.LxmlError) as err:
        raise InputError(source, f"HTML could not be parsed: {err}") from None
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise InputError(
            source, "no article text found in the HTML (empty, truncated, or not an article page)"
        )
    return HtmlExtract(
        text=text,
        title=_clean(doc.title),
        author=_clean(doc.author),
        date=_clean(doc.date),
        sitename=_clean(doc.sitename),
        url=_clean(doc.url) or url,
        language=_clean(doc.language),
        chrome=page_furniture(html, text),
    )


def page_furniture(html: str, article_text: str) -> list[str]:
    """Lines of visible page text that are not part of the extracted article."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, etree.LxmlError):
        return []
    etree.strip_elements(tree, *_DROP_TAGS, with_tail=False)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.text is not None or len(element):
                element.text = "\n" + (element.text or "")
    body_keys = {_key(line) for line in article_text.splitlines()}
    article_key = _key(article_text)
    lines: list[str] = []
    seen: set[str] = set()
    for raw in tree.text_content().split("\n"):
        line = normalise_line(raw)
        key = _key(line)
        if not key or key in seen or key in body_keys or (len(key.split()) >= 4 and key in article_key):
            continue
        seen.add(key)
        lines.append(line)
    return lines


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
