"""Paragraph- and sentence-level removal of page furniture that survives HTML extraction.

Each pass marks blocks (or pieces of blocks) with the reason a reader will see; the
passes are ordered from the most certain (a cookie banner) to the most contextual
(a sentence the article already said).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..config import Settings
from ..lang.words import count_words
from . import rules
from .blocks import Block

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"\w+")


def remove_furniture(blocks: list[Block]) -> None:
    """Single-paragraph rules: link-outs, prompts, banners, forms, captions, padding."""
    for block in blocks:
        line = block.text
        if not line:
            continue
        reason = _furniture_reason(line)
        if reason:
            block.remove(reason)
            continue
        _cut_inline_prompts(block)


def _furniture_reason(line: str) -> str | None:
    words = count_words(line)
    if rules.RELATED_LINK.match(line) or (rules.READ_FULL.match(line) and words <= 40):
        return "related-article link (READ MORE)"
    if rules.EMBED_LABEL.match(line):
        return "embed label"
    if rules.SHARE_LINE.match(line):
        return "share buttons"
    if rules.FORM_FIELD.match(line):
        return "comment or error-report form"
    if rules.SUBSCRIBE.match(line) and words <= 40:
        return "subscribe or follow prompt"
    if rules.COPYRIGHT.match(line) and words <= 30:
        return "copyright notice"
    if rules.CAPTION_START.match(line) or (rules.PHOTO_CREDIT_END.search(line) and words <= 80):
        return "photo caption or credit"
    if rules.ENCYCLOPEDIA_LEAD.match(line):
        return "off-topic padding (encyclopedia biography)"
    return None


def _cut_inline_prompts(block: Block) -> None:
    """A cookie banner, alone or glued to the end of a real paragraph: cut from the start
    of the sentence holding the consent wording to the end of the paragraph."""
    text = block.text
    match = rules.COOKIES.search(text)
    if not match:
        return
    start = max(text.rfind(mark, 0, match.start()) for mark in (". ", "! ", "? "))
    start = 0 if start < 0 else start + 1
    while start > 0 and text[start - 1] == " ":
        start -= 1
    block.cut(start, len(text), "cookie banner")


def remove_social_embeds(blocks: list[Block], settings: Settings) -> None:
    """A post pasted from a social network: its text, then "— Name (@handle)", then a date."""
    for index, block in enumerate(blocks):
        line = block.text
        if not line or not rules.EMBED_SIGNATURE.match(line):
            continue
        block.remove("social media embed")
        following = _next_kept(blocks, index)
        if following is not None and rules.EMBED_DATE.match(blocks[following].text):
            blocks[following].remove("social media embed")
        budget = settings.clean.max_embed_chars
        back = index - 1
        taken = 0
        while back >= 0 and budget > 0:
            prev = blocks[back]
            text = prev.text
            if not text:
                if any(p.reason == "embed label" for p in prev.pieces):
                    break
                back -= 1
                continue
            if rules.EMBED_LABEL.match(text):
                prev.remove("embed label")
                break
            # the post itself sits right above its signature; lines further up belong to
            # it only if they look like a post (emoji, hashtags, a truncating ellipsis)
            if len(text) > budget or (taken and not rules.POST_LIKE.search(text)):
                break
            prev.remove("social media embed")
            budget -= len(text)
            taken += 1
            back -= 1


def _next_kept(blocks: list[Block], index: int) -> int | None:
    for later in range(index + 1, len(blocks)):
        if blocks[later].kept:
            return later
    return None


def remove_title_repeats(blocks: list[Block], title: str | None, max_alt_words: int = 6) -> None:
    """Headlines pasted again in the body, and the image alt text that sits under them."""
    if not title:
        return
    key = _key(title)
    for index, block in enumerate(blocks):
        if block.kept and _key(block.text) == key:
            block.remove("repeated title line")
            following = _next_kept(blocks, index)
            if following is None:
                continue
            alt = blocks[following].text
            after = _next_kept(blocks, following)
            if (
                count_words(alt) <= max_alt_words
                and not alt.endswith((".", "!", "?", '"', "”", ":", "。", "！", "？", "」"))
                and after is not None
                and count_words(blocks[after].text) > count_words(alt)
            ):
                blocks[following].remove("image alt text under the headline")


def remove_repeated_sentences(blocks: list[Block], settings: Settings) -> None:
    """A sentence the article already printed (a paste error, a repeated pull quote)."""
    seen: set[str] = set()
    for block in blocks:
        if not block.kept:
            continue
        text = block.text
        offset = 0
        spans = []
        for piece in _SENTENCE_END.split(text):
            start = text.find(piece, offset)
            spans.append((start, start + len(piece)))
            offset = start + len(piece)
        repeats = []
        for start, end in spans:
            sentence = text[start:end]
            key = _key(sentence)
            if (
                count_words(key) < settings.clean.min_repeated_sentence_words
                or sentence.rstrip().endswith("?")  # the same interview question to each guest
                or sentence.lstrip()[:1] in "-•*·–"  # list items repeat by design
            ):
                continue
            if key in seen or any(fuzz.ratio(key, old) >= 97 for old in seen if abs(len(old) - len(key)) < 4):
                repeats.append((start, end))
            else:
                seen.add(key)
        block.cut_all(repeats, "sentence repeated within the article")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
