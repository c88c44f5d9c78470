"""English date expressions as calendar dates: annotate resolves them, the timeline compares them.

Pure calendar logic on text and dates, no parse: resolving an expression against a base date
(``resolve``), expressions that count from the previous event (``chained``, moved by ``shift``),
clock times, the period a date covers, and the article's own anchor (publish date, else
dateline date)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from ..model import Article

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS_OF_DAY = {
    "morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
    "overnight": "night", "tonight": "night", "noon": "afternoon", "midday": "afternoon",
    "midnight": "night", "dawn": "morning", "dusk": "evening",
}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FILLER = re.compile(
    r"^(?:(?:on|in|at least|at|by|since|until|till|from|as of|this past|late|early|mid|"
    r"the (?:beginning|start|end|middle) of)\s+|mid-)", re.I,
)
_LAST = re.compile(r"^last\s+", re.I)
_CLOCK = re.compile(r"^(?:at\s+|around\s+|about\s+)*(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h|GMT|UTC)?$", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT = r"(?P<unit>day|night|morning|afternoon|evening|week|month|year)"
_CHAINED = [  # (pattern, sign of the offset) for expressions counted from the previous event
    (re.compile(rf"^(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+{_UNIT}s?\s+"
                r"(?:later|after(?:wards)?|on)$", re.I), 1),
    (re.compile(rf"^(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+{_UNIT}s?\s+"
                r"(?:earlier|before)$", re.I), -1),
    (re.compile(rf"^the\s+(?:next|following|subsequent)\s+{_UNIT}$", re.I), 1),
    (re.compile(rf"^the\s+{_UNIT}\s+after$", re.I), 1),
    (re.compile(rf"^the\s+(?:previous|preceding)\s+{_UNIT}$", re.I), -1),
    (re.compile(rf"^the\s+{_UNIT}\s+before$", re.I), -1),
    (re.compile(rf"^(?:later\s+)?(?:that|the same)\s+{_UNIT}$", re.I), 0),
    (re.compile(rf"^later\s+in\s+the\s+{_UNIT}$", re.I), 0),
    (re.compile(r"^(?:(?:several|a few|some|\d+|two|three)\s+)?(?:hours|minutes)\s+later$", re.I), 0),
]
_DEICTIC_UNIT = re.compile(
    r"^(?:(?P<side>earlier|later)\s+)?(?P<which>this|in the|last|previous|next|coming)\s+"
    r"(?:past\s+)?(?P<unit>week|month|year)$", re.I,
)


def article_anchor(article: Article) -> tuple[str, date] | None:
    """The date an article's relative dates count from: ("published", its publish date), else
    ("dateline", its dateline date); None when it states neither."""
    for name, value in (("published", article.published),
                        ("dateline", article.dateline.date if article.dateline else None)):
        if value:
            try:
                return name, date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def resolve(text: str, base: date, future: bool) -> tuple[str | None, str | None]:
    """The calendar date ``text`` means, seen from ``base``; (None, None) when it names none
    on its own (a clock time, "a day later") or dateparser cannot read it."""
    cleaned = text.strip()
    if chained(cleaned) is not None or is_clock(cleaned.lower()):
        return None, None
    lowered = re.sub(r"\s+", " ", cleaned.lower())
    if lowered in {"tonight", "last night"} or re.fullmatch(r"this (?:morning|afternoon|evening)", lowered):
        return (base - timedelta(days=lowered == "last night")).isoformat(), "day"
    unit = _calendar_unit(lowered, base)
    if unit is not None:
        return unit
    for word in PARTS_OF_DAY:
        cleaned = re.sub(rf"\b{word}\b", "", cleaned, flags=re.I)
    cleaned = _FILLER.sub("", cleaned.strip()).strip(" ,")
    cleaned = re.sub(r"^(?:on|in)\s+", "", cleaned, flags=re.I)
    lowered = cleaned.lower()
    weekday = _weekday(lowered, base, future)
    if weekday is None and lowered.startswith(("last ", "next ", "this ")):
        side, _, day = lowered.partition(" ")
        if day in _WEEKDAYS:  # "last Friday" is before the anchor, "next Friday" after it, whatever the tense
            weekday = _weekday(day, base - timedelta(days=1), False) if side == "last" else \
                _weekday(day, base + timedelta(days=1), True) if side == "next" else _weekday(day, base, future)
    if weekday is not None:
        return weekday.isoformat(), "day"
    if not cleaned:
        return None, None
    return _parse(_LAST.sub("", cleaned), base.isoformat(), "future" if future else "past")


def _calendar_unit(text: str, base: date) -> tuple[str, str] | None:
    """ "earlier this week", "last month", "next year": the week (its Monday), month or year."""
    found = _DEICTIC_UNIT.match(text)
    if found is None:
        return None
    which, unit = found["which"], found["unit"]
    step = -1 if which in {"last", "previous"} else 1 if which in {"next", "coming"} else 0
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), "week"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return f"{base.year + step:04d}", "year"


def chained(text: str) -> tuple[int, str, str | None] | None:
    """(offset, unit, part of day) of an expression that counts from the previous event:
    "a day later" (1, "day", None), "the next morning" (1, "day", "morning"), "two weeks
    earlier" (-2, "week", None), "later that day" (0, "day", None); None for anything else."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    for pattern, sign in _CHAINED:
        found = pattern.match(cleaned)
        if found is None:
            continue
        word = (found.groupdict().get("n") or "1").lower()
        n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)
        unit = (found.groupdict().get("unit") or "day").lower()
        part = PARTS_OF_DAY.get(unit)
        return sign * n, "day" if part else unit, part
    return None


def shift(value: str, granularity: str, offset: int, unit: str) -> tuple[str, str] | None:
    """``value`` moved by ``offset`` ``unit``s, at the coarser of the two granularities; None
    when the previous date is too coarse for the step ("in August ... a day later")."""
    rank = {"time": 0, "day": 0, "week": 1, "month": 2, "year": 3}
    if granularity not in rank or rank[granularity] > rank.get(unit, 3):
        return None
    if unit in {"day", "week"}:
        moved = date.fromisoformat(value[:10]) + timedelta(days=offset * (7 if unit == "week" else 1))
        return moved.isoformat(), "day" if granularity == "time" else granularity
    year, month = int(value[:4]), int(value[5:7]) if len(value) >= 7 else 1
    if unit == "month":
        months = year * 12 + month - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return f"{year + offset:04d}", "year"


def is_clock(text: str) -> bool:
    found = _CLOCK.match(text.strip())
    return found is not None and (found[2] is not None or found[3] is not None)  # a bare number is no time


def clock_part_of_day(text: str) -> str | None:
    """The part of day a clock time falls in: "21:40" evening, "02:00" night."""
    found = _CLOCK.match(text.strip().lower())
    if found is None or (found[2] is None and found[3] is None):
        return None
    hour = int(found[1]) % 24
    suffix = (found[3] or "").replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 17 else \
        "evening" if 17 <= hour < 22 else "night"


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


def iso_label(value: str, granularity: str) -> str:
    """ISO 8601 at the granularity: a week (kept as its Monday) is YYYY-Www, the rest as is."""
    if granularity == "week" and "W" not in value:
        year, week, _ = date.fromisoformat(value[:10]).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return value


def period(value: str, granularity: str) -> tuple[date, date]:
    """First and last day a date of that granularity covers ("2025-03" is March 1-31)."""
    if "W" in value or granularity == "week":
        label = iso_label(value, "week")
        first = date.fromisocalendar(int(label[:4]), int(label[6:8]), 1)
        return first, first + timedelta(days=6)
    parts = [int(p) for p in value[:10].split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if granularity == "year" or len(parts) == 1:
        return first, date(first.year, 12, 31)
    if granularity == "month" or len(parts) == 2:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return first, first
