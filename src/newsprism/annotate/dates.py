"""Date and time expressions resolved against the article's anchor (publish date, else
dateline date), with tense deciding past or future and granularity kept."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Span as SpacySpan

from ..model import DateMention

DATE_LABELS = {"DATE", "TIME"}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_PARTS_OF_DAY = {
    "morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
    "overnight": "night", "tonight": "night", "noon": "afternoon", "midday": "afternoon",
    "midnight": "night", "dawn": "morning", "dusk": "evening",
}
_DURATION = re.compile(
    r"^(?:the\s+)?(?:past|last|next|first|coming|previous|recent)?\s*"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|"
    r"a few|some|\d+\s*-?\s*to\s*-?\s*\d+)?\s*[- ]?"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)"
    r"(?:\s*-?\s*(?:old|long))?$",
    re.I,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FILLER = re.compile(r"^(?:on|in|at|by|since|until|from|this past|late|early|mid)\s+", re.I)
_LAST = re.compile(r"^last\s+", re.I)


def date_mention(ent: SpacySpan, offset: int, anchor: tuple[str, date] | None) -> DateMention:
    text = ent.text
    lowered = text.lower()
    part = next((p for word, p in _PARTS_OF_DAY.items() if re.search(rf"\b{word}\b", lowered)), None)
    mention = DateMention(
        start=ent.start_char + offset, end=ent.end_char + offset, text=text, value=None,
        granularity=None, part_of_day=part, anchor=None,
    )
    if _DURATION.match(lowered.strip()) and "ago" not in lowered:
        mention.duration = True
        return mention
    future = is_future(ent)
    absolute = bool(_YEAR.search(text))
    if not absolute and anchor is None:
        return mention  # a relative date with nothing to resolve it against stays unresolved
    base = anchor[1] if anchor else date.today()
    value, granularity = resolve(text, base, future)
    if value is not None:
        mention.value, mention.granularity = value, granularity
        mention.anchor = "absolute" if absolute else anchor[0] if anchor else None
    return mention


def is_future(ent: SpacySpan) -> bool:
    """Tense of the verb the expression hangs on: "will be held on Saturday" is future."""
    verb = ent.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return any(t.lower_ in {"next", "upcoming", "tomorrow"} for t in ent)
    for child in verb.children:
        if child.tag_ == "MD" and child.lower_ in {"will", "shall", "'ll", "wo"}:
            return True
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return True
    return any(t.lower_ in {"next", "upcoming", "tomorrow"} for t in ent)


def resolve(text: str, base: date, future: bool) -> tuple[str | None, str | None]:
    cleaned = text.strip()
    for word in _PARTS_OF_DAY:
        cleaned = re.sub(rf"\b{word}\b", "", cleaned, flags=re.I)
    cleaned = _FILLER.sub("", cleaned.strip()).strip(" ,")
    cleaned = re.sub(r"^(?:on|in)\s+", "", cleaned, flags=re.I)
    weekday = _weekday(cleaned.lower(), base, future)
    if weekday is not None:
        return weekday.isoformat(), "day"
    if not cleaned:
        return None, None
    return _parse(_LAST.sub("", cleaned), base.isoformat(), "future" if future else "past")


def _weekday(text: str, base: date, future: bool) -> date | None:
    """A bare weekday means the nearest one on the side the tense points to, today included."""
    if text not in _WEEKDAYS:
        return None
    delta = (_WEEKDAYS.index(text) - base.weekday()) % 7
    return base + timedelta(days=delta) if future else base - timedelta(days=(7 - delta) % 7)


@lru_cache(maxsize=4096)
def _parse(text: str, base_iso: str, prefer: str) -> tuple[str | None, str | None]:
    parser = _parser(base_iso, prefer)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None, None
    period = data.period or "day"
    stamp = data.date_obj
    if period == "year":
        return f"{stamp.year:04d}", "year"
    if period == "month":
        return f"{stamp.year:04d}-{stamp.month:02d}", "month"
    return stamp.date().isoformat(), {"time": "time", "week": "week"}.get(period, "day")


@lru_cache(maxsize=64)
def _parser(base_iso: str, prefer: str) -> DateDataParser:
    base = datetime.fromisoformat(base_iso)
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
