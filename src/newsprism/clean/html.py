"""HTML pages to article text and metadata with trafilatura; the rest of the page is kept
as removed page furniture so a reader can see what the extractor dropped.

Two passes of trafilatura are compared: its precision mode drops teasers, link lists and
newsletter blocks that the balanced mode keeps inside the body, but on some layouts it
misses the body altogether, so the balanced text is the fallback. Article bodies that a
page splits into several copies of one template container (ads or embeds between the
chunks) lose every chunk but the first; those chunks are added back in page order.
Measured on a public extraction benchmark: benchmarks/html_extraction.py.

A page nested deeper than libxml2 builds a tree (256 levels without its "huge" option,
which trafilatura's parser does not set, and 2048 with it) loses everything below that
depth: 100,000 nested elements around the text came out as a page without text. Such a
page is measured first with a parse that builds no tree (lxml's parser target: events,
no depth limit, no recursion), and its text is taken in that same kind of pass, whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..lang.words import count_words
from .blocks import normalise_line

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
    "figcaption", "figure", "blockquote", "section", "article", "header", "footer", "nav",
    "aside", "form", "button", "label", "dt", "dd", "pre", "table", "option", "title",
}
_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "head"]
# libxml2 drops the elements below this depth when it builds a tree without XML_PARSE_HUGE,
# as trafilatura's parser (and lxml.html's default) does: a deeper page cannot be extracted.
MAX_TREE_DEPTH = 256
_WORD = re.compile(r"\w+")
# lxml takes no string holding a character XML 1.0 forbids (C0 controls but tab, line feed
# and carriage return; U+FFFE, U+FFFF; lone surrogates): setting an element's text to one
# raises ValueError, inside trafilatura too. HTML reads a form feed as a space and shows
# nothing for the other controls, so the page is read that way before it is parsed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same characters written as references ("&#11;", "&#x1;"): the parser makes them the
# characters themselves, and trafilatura then finds no text at all, or raises.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


# lxml.html.fromstring (trafilatura's parser) reads a page that does not open with <html> or a
# doctype as a fragment, whose root is its first element: htmldate then drops that root when
# it is one it cleans away (an <svg>: AssertionError in lxml's drop_tree). Such a page is read
# as the whole document it is, with a doctype in front; lxml's own test decides which.
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def _as_document(html: str) -> str:
    return html if _FULL_DOCUMENT.match(html) else "<!DOCTYPE html>\n" + html


def _for_lxml(html: str) -> str:
    """The page as a browser shows it, in characters lxml takes: a form feed is a space, the
    other characters XML forbids (raw or as references) show as nothing."""
    return _NOT_XML.sub("", _CHAR_REF.sub(_xml_reference, html).replace("\x0c", " "))


def _xml_reference(match: re.Match[str]) -> str:
    hexadecimal, decimal = match.groups()
    try:
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    except ValueError:  # more digits than Python converts: no character either way
        return match.group(0)
    if code == 0x0C:
        return " "
    return "" if code <= 0xFFFF and _NOT_XML.match(chr(code)) else match.group(0)
# Precision mode keeping less than this share of the balanced mode's words has missed the
# body (it kept a notice or a teaser), not trimmed furniture: take the balanced text.
_MIN_PRECISION_SHARE = 0.2
# A container of the same template as the body's counts as a further body chunk only with
# real paragraphs: at least this many, this many words in all, and mostly not link text.
_CHUNK_MIN_PARAGRAPHS = 2
_CHUNK_MIN_WORDS = 25
_CHUNK_MAX_LINK_SHARE = 0.5
_CHUNK_TEXT_TAGS = ("p", "h2", "h3", "h4", "h5", "h6")
_CHUNK_SKIP_TAGS = {"aside", "figure", "figcaption", "nav", "form", "footer", "header"}


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
    note: str | None = None  # how the text was taken, when not by the extractor


def extract_html(html: str, source: str, url: str | None = None) -> HtmlExtract:
    html = _as_document(_for_lxml(html))
    depth = nesting_depth(html)
    if depth > MAX_TREE_DEPTH:
        return _flat_extract(html, source, depth)
    try:
        doc = _extract(html, url, precision=False)
        precise = _extract(html, url, precision=True)
    except (ValueError, etree.LxmlError) as err:
        raise InputError(source, f"HTML could not be parsed: {err}") from None
    text = _field(doc, "text") or ""
    precise_text = _field(precise, "text") or ""
    if _words(precise_text) >= _MIN_PRECISION_SHARE * _words(text):
        text = precise_text
    if not text.strip():
        raise InputError(
            source, "no article text found in the HTML (empty, truncated, or not an article page)"
        )
    text = add_body_chunks(html, text)
    return HtmlExtract(
        text=text,
        title=_clean(_field(doc, "title")),
        author=_clean(_field(doc, "author")),
        date=_clean(_field(doc, "date")),
        sitename=_clean(_field(doc, "sitename")),
        url=_clean(_field(doc, "url")) or url,
        language=_clean(_field(doc, "language")),
        chrome=page_furniture(html, text),
    )


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, as the HTML parser reads them, without a tree."""
    counter = _Depth()
    try:
        etree.fromstring(html, etree.HTMLParser(target=counter))
    except (ValueError, etree.LxmlError):
        pass
    return counter.deepest


class _Depth:
    """An lxml parser target: the deepest nesting of start and end events."""

    def __init__(self) -> None:
        self.depth = self.deepest = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> int:
        return self.deepest


def _flat_extract(html: str, source: str, depth: int) -> HtmlExtract:
    """A page too deep for the extractor: all its visible text, in one pass without a tree."""
    flat = _FlatText()
    try:
        etree.fromstring(html, etree.HTMLParser(target=flat))
    except (ValueError, etree.LxmlError) as err:
        raise InputError(source, f"HTML could not be parsed: {err}") from None
    lines = [line for line in (normalise_line(raw) for raw in "".join(flat.parts).split("\n")) if line]
    if not lines:
        raise InputError(
            source, f"no article text found in the HTML (its elements nest {depth:,} deep, and hold no text)"
        )
    return HtmlExtract(
        text="\n".join(lines),
        title=_clean("".join(flat.title)),
        language=_clean(flat.language),
        note=f"the page nests its elements {depth:,} deep, past the {MAX_TREE_DEPTH} levels the HTML "
        "extractor reads: all its text was taken, without telling the article from the rest of the page",
    )


class _FlatText:
    """An lxml parser target: the page's visible text, a line break around each block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.title: list[str] = []
        self.language: str | None = None
        self._hidden = 0  # open elements whose text is not shown (script, style, head, ...)
        self._in_title = False

    def start(self, tag: object, attrib: dict[str, str]) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        if name == "html" and self.language is None:
            self.language = attrib.get("lang")
        if name in _DROP_TAGS:
            self._hidden += 1
        self._in_title = self._in_title or name == "title"
        if name in _BLOCK_TAGS:
            self.parts.append("\n")

    def end(self, tag: object) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        if name in _DROP_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if name == "title":
            self._in_title = False
        if name in _BLOCK_TAGS:
            self.parts.append("\n")

    def data(self, text: str) -> None:
        if self._in_title:
            self.title.append(text)
        elif not self._hidden:
            self.parts.append(text)

    def close(self) -> None:
        return None


def _extract(html: str, url: str | None, *, precision: bool) -> object:
    """One trafilatura pass; metadata only in the balanced pass (it does not depend on focus)."""
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=not precision, favor_precision=precision,
        include_comments=False, include_tables=True, include_images=False, deduplicate=False,
    )


def _field(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    return value if isinstance(value, str) else None


def add_body_chunks(html: str, article_text: str) -> str:
    """The extracted text plus the paragraphs of further body chunks, in page order.

    The body container is the element that holds most of the extracted paragraphs; a
    further chunk is another element of the same tag and class whose parent also has the
    parent's tag and class (the same slot of the page template), holding real paragraphs
    that the extraction lacks. A lone pull quote or a teaser box does not qualify.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, etree.LxmlError):
        return article_text
    etree.strip_elements(tree, *_DROP_TAGS, with_tail=False)
    lines = [line for line in article_text.split("\n") if line.strip()]
    keys = {_key(line) for line in lines} - {""}
    found = [el for el in tree.iter(*_CHUNK_TEXT_TAGS) if _key(el.text_content()) in keys]
    holders = Counter(el.getparent() for el in found if el.tag == "p")
    if not holders:
        return article_text
    body, count = holders.most_common(1)[0]
    if count < 2 or body is None or not body.get("class") or body.getparent() is None:
        return article_text
    chunks = []
    for other in tree.iter(body.tag):
        if other is not body and _slot(other) == _slot(body):
            paragraphs = _new_paragraphs(other, keys)
            words = sum(_words(p) for p in paragraphs)
            if len(paragraphs) >= _CHUNK_MIN_PARAGRAPHS and words >= _CHUNK_MIN_WORDS:
                chunks.append((other, paragraphs))
    if not chunks:
        return article_text
    order = {el: index for index, el in enumerate(tree.iter())}
    position: dict[str, int] = {}
    for el in found:
        position.setdefault(_key(el.text_content()), order[el])
    for chunk, paragraphs in chunks:
        at = order[chunk]
        insert = 0  # after the last extracted line that the page prints before this chunk
        for index, line in enumerate(lines):
            where = position.get(_key(line))
            if where is not None and where < at:
                insert = index + 1
        lines[insert:insert] = paragraphs
        for offset, paragraph in enumerate(paragraphs):
            position.setdefault(_key(paragraph), at + offset + 1)
    return "\n".join(lines)


def _slot(element: etree._Element) -> tuple[object, ...]:
    parent = element.getparent()
    return (element.tag, element.get("class"), parent.tag if parent is not None else None,
            parent.get("class") if parent is not None else None)


def _new_paragraphs(chunk: etree._Element, known: set[str]) -> list[str]:
    paragraphs = []
    for el in chunk.iter(*_CHUNK_TEXT_TAGS):
        if any(a.tag in _CHUNK_SKIP_TAGS or a.tag in _CHUNK_TEXT_TAGS for a in _ancestors(el, chunk)):
            continue
        text = normalise_line(el.text_content())
        key = _key(text)
        if not key or key in known:
            continue
        links = sum(len(a.text_content()) for a in el.iter("a"))
        if links > _CHUNK_MAX_LINK_SHARE * len(text):
            continue
        paragraphs.append(text)
    return paragraphs


def _ancestors(element: etree._Element, stop: etree._Element) -> list[etree._Element]:
    found = []
    parent = element.getparent()
    while parent is not None and parent is not stop:
        found.append(parent)
        parent = parent.getparent()
    return found


def _words(text: str) -> int:
    return count_words(text, _WORD)


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
        if not key or key in seen or key in body_keys or (count_words(key) >= 4 and key in article_key):
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
