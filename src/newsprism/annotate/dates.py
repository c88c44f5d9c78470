"""Date and time expressions resolved against the article's anchor (publish date, else
dateline date), with tense deciding past or future and granularity kept.

This module reads spaCy's entities and parse (durations, tense); the calendar logic itself is
``newsprism.lang.dates``. Expressions that count from the previous event of the text ("a day
later", "the next day") are not resolved against the anchor here: ``chained`` recognises them
and ``shift`` moves the previous event's date, which the timeline (compare stage) does once it
knows that event."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lang.dates import PARTS_OF_DAY, YEAR, chained, clock_part_of_day, is_clock, resolve
from ..model import DateMention

DATE_LABELS = {"DATE", "TIME"}
_DURATION = re.compile(
    r"^(?:the\s+)?(?:past|last|next|first|coming|previous|recent)?\s*"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|"
    r"a few|some|\d+\s*-?\s*to\s*-?\s*\d+)?\s*[- ]?"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)"
    r"(?:\s*-?\s*(?:old|long))?$",
    re.I,
)
_CALENDAR_LAST = re.compile(r"^last\s+(?:week|month|year)$", re.I)  # a date, unlike "the last week"


def date_mention(ent: SpacySpan, offset: int, anchor: tuple[str, date] | None) -> DateMention:
    text = ent.text
    lowered = text.lower()
    part = next((p for word, p in PARTS_OF_DAY.items() if re.search(rf"\b{word}\b", lowered)), None)
    mention = DateMention(
        start=ent.start_char + offset, end=ent.end_char + offset, text=text, value=None,
        granularity=None, part_of_day=part or clock_part_of_day(text), anchor=None,
    )
    stripped = lowered.strip()
    future = mention.future = is_future(ent)
    if chained(text) is not None or is_clock(stripped):
        return mention  # counts from the previous event, or a clock time that names no day
    if _DURATION.match(stripped) and "ago" not in lowered and not _CALENDAR_LAST.match(stripped):
        mention.duration = True
        return mention
    absolute = bool(YEAR.search(text))
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
    if _planned(verb):
        return True
    return any(t.lower_ in {"next", "upcoming", "tomorrow"} for t in ent)


_PLAN_LEMMAS = {"be", "expect", "schedule", "set", "due", "plan", "slate", "intend"}


def _planned(verb: Token) -> bool:
    """ "is to remain closed until Monday", "is scheduled to take place on Tuesday": a plan
    stated in the present. A past one ("was expected to visit on Friday") is left to the
    past: it was future when said, which may be before the anchor."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_ not in _PLAN_LEMMAS:
        return False
    if not any(c.lower_ == "to" for c in verb.children):
        return False
    tensed = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})]
    return any(t.tag_ in {"VBZ", "VBP"} for t in tensed)
