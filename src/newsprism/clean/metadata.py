"""Header metadata of a plain-text article: title, byline and credit, publish date, dateline.

Unknown stays None: a field is filled only when a line states it in a recognised form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import dateparser

from ..lang.media import agencies, host
from ..lang.words import count_words
from ..model import Dateline
from . import rules
from .blocks import Block

HEADER_ZONE = 8  # metadata lines sit in the first few paragraphs, never deep in the body
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|staff writer|"
    r"chief|senior|political|defence|defense|foreign|desk|in\s+[A-Z]\w+)\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}\s+{rules.MONTHS}\s+\d{{4}}|{rules.MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?$"
    rf"|^\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?,?\s+{rules.MONTHS}\s+\d{{1,2}},?\s+\d{{4}}$",
    re.IGNORECASE,
)
_FINAL_PUNCT = (".", ":", ";", ",", "。", "：", "；", "，", "。」", "。』", "。”")  # and Chinese/Japanese ones


@dataclass
class Header:
    title: str | None = None
    byline: str | None = None
    credit: str | None = None
    published: str | None = None


def parse_date(text: str, base: datetime | None = None) -> str | None:
    """An explicit date (and time) to ISO 8601; None when the text is not clearly a date."""
    settings: dict[str, object] = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(text.strip(), languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    if parsed.hour or parsed.minute or parsed.tzinfo is not None:
        return parsed.isoformat()
    return parsed.date().isoformat()


def read_header(blocks: list[Block], *, title_hint: str | None, max_title_words: int) -> Header:
    """Take title, byline/credit and publish-date lines off the top, marking their reasons."""
    header = Header(title=title_hint)
    zone = blocks[:HEADER_ZONE]
    for index, block in enumerate(zone):
        line = block.text
        if not line:
            continue
        published = _published_from(line)
        if published:
            header.published = header.published or published
            block.remove("publish date line (moved to metadata)")
            continue
        if is_updated_line(line):
            block.remove("update time line")
            continue
        by = rules.BYLINE_LINE.match(line)
        if by and _looks_like_names(by.group("who")) and header.byline is None and header.credit is None:
            header.byline, header.credit = split_byline(by.group("who"))
            block.remove("byline (moved to metadata)")
            continue
        if header.title is None and index == _first_kept(zone) and _is_headline(line, max_title_words):
            header.title = line
            block.remove("title (moved to metadata)")
    return header


_NAME_JOINERS = {"and", "of", "the", "de", "da", "van", "von", "der", "al", "bin", "la", "le", "in", "&", "|"}


def _looks_like_names(who: str) -> bool:
    """"Jane Doe and John Roe, Reuters" is a byline; "Tuesday, the river had risen" is not."""
    words = who.replace(",", " ").split()
    if not words or len(words) > 16 or any(ch.isdigit() for ch in who):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_JOINERS or not w[:1].isalpha() for w in words)


def _first_kept(zone: list[Block]) -> int:
    for index, block in enumerate(zone):
        if block.kept:
            return index
    return -1


def _published_from(line: str) -> str | None:
    if len(line) > 120:
        return None
    match = rules.PUBLISHED_LINE.match(line)
    if match and not line.lower().startswith(("updated", "last updated", "modified")):
        return parse_date(match.group("date"))
    if match:
        return None
    if _DATE_ONLY.match(line) and not _ambiguous_numeric(line):
        return parse_date(line)
    return _date_line(line)


def _ambiguous_numeric(line: str) -> bool:
    """05/02/2013: 5 February or May 2? Not ours to guess (both parts 12 or under)."""
    numeric = _NUMERIC_DATE.search(line)
    return numeric is not None and max(int(numeric.group(1)), int(numeric.group(2))) <= 12


# Words a page's date line holds besides the date itself ("Fri., May 3, 2013 11:45 AM PDT",
# "21 July 2013 Last updated at 11:11 GMT", "9/10/2010 @ 1:19PM", "Originally published ...").
_DATE_LINE_FILLER = re.compile(
    rf"\b(?:{rules.MONTHS}|(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?|"
    r"\d{1,4}(?:st|nd|rd|th)?|[ap]\.?m\.?|at|on|of|the|last|updated|first|originally|published|posted|"
    r"[A-Z]{2,4}T|GMT|UTC|ET|PT|CT|BST|CET)\b|[\s,.:/@|()+\-–—]",
    re.IGNORECASE,
)
_YEAR_IN_LINE = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(?:19|20)\d{2}\b")


def _date_line(line: str) -> str | None:
    """A short line that is nothing but a date (and time) with its year: the page's date
    line, copied with the text. Anything else in it (a word of prose) and it is not."""
    if len(line) > 80 or not _YEAR_IN_LINE.search(line) or _DATE_LINE_FILLER.sub("", line):
        return None
    if _ambiguous_numeric(line):
        return None
    dayless = re.sub(r"\d{1,2}\s*[:.]\s*\d{2}(?:[:.]\d{2})?", " ", _YEAR_IN_LINE.sub(" ", line))  # years, times out
    if not _NUMERIC_DATE.search(line) and not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", dayless):
        return None  # a month and a year ("March 2013") do not date a page to the day
    cleaned = re.sub(r"\b(?:last\s+)?updated\b.*$|\boriginally published\b|@", " ", line, flags=re.IGNORECASE)
    cleaned = re.sub(r"(\d)\s*/\s*(\d)", r"\1/\2", cleaned)
    cleaned = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", cleaned)
    found = parse_date(re.sub(r"\s+", " ", cleaned).strip(" ,|"))
    return found if found and found[:4].isdigit() and int(found[:4]) >= 1900 else None


def is_updated_line(line: str) -> bool:
    return bool(rules.PUBLISHED_LINE.match(line)) and len(line) <= 120


def _is_headline(line: str, max_words: int) -> bool:
    if not 2 <= count_words(line) <= max_words:  # a Chinese headline has no spaces: counted by character
        return False
    if line.endswith(_FINAL_PUNCT) or line.endswith("..."):
        return False
    return not rules.DATELINE.match(line)


def split_byline(who: str) -> tuple[str | None, str | None]:
    """"Jane Doe and John Roe, Reuters" -> ("Jane Doe, John Roe", "Reuters")."""
    names: list[str] = []
    credits: list[str] = []
    for part in rules.BYLINE_SPLIT.split(who):
        part = part.strip().strip(" .")
        if not part:
            continue
        if part.lower() in agencies() or rules.AGENCY_WORDS.search(part) and not _looks_like_role(part):
            credits.append(part)
        elif _looks_like_role(part):
            continue  # "Chief Reporter" describes the author; it is not a name
        else:
            names.append(part)
    return (", ".join(names) or None, ", ".join(credits) or None)


def _looks_like_role(part: str) -> bool:
    return bool(_ROLE_WORDS.search(part)) and part.lower() not in agencies()


def find_dateline(text: str, first_paragraphs: list[tuple[int, int]], year_from: str | None) -> Dateline | None:
    """The dateline opening one of the first body paragraphs, if any."""
    for start, end in first_paragraphs[:3]:
        match = rules.DATELINE.match(text[start:end])
        if not match:
            continue
        place = match.group("place")
        date_text = match.group("date")
        if not (place.isupper() or date_text or match.group("agency")) or len(place) < 3:
            continue
        date = None
        if date_text:
            base = _base(year_from)
            date = parse_date(date_text, base)
            if date:
                date = date[:10]
        region = match.group("region")
        where = f"{place}, {region}" if region else place
        return Dateline(
            text=match.group(0).strip(), place=_place_name(where), date=date,
            start=start, end=start + len(match.group(0).rstrip()),
        )
    return None


def _base(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso[:10])
    except ValueError:
        return None


def _place_name(place: str) -> str:
    def fix(part: str) -> str:
        return part.strip().title() if part.isupper() else part.strip()

    return ", ".join("/".join(fix(p) for p in chunk.split("/")) for chunk in place.split(","))


def outlet_from_text(texts: list[str]) -> str | None:
    for text in texts:
        for pattern in rules.OUTLET_SIGNATURES:
            match = pattern.search(text)
            if match:
                return match.group("outlet").strip()
    return None


def outlet_from_url(url: str | None) -> str | None:
    site = host(url)  # "" for a URL that does not parse ("http://[::1"): no outlet, not a crash
    return site.removeprefix("amp.").removeprefix("m.") or None
