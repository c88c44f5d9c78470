"""Stage 5, compare: the story's timeline. Each date expression resolved against the right
anchor, each dated sentence an event, one event per thing across outlets with every outlet's
sentence as evidence, and outlets that date one claim differently flagged (both dates, both
sentences; we never say which is right).

Anchors: an article's publish date, else its dateline date (confidence high). Else the story's:
of the publish/dateline dates of its other articles, the one under which the article's relative
dates agree best with the dates other outlets give the same events (same claim, or clauses that
share several names and words); on a tie the latest, since an article cannot report as past what
happened after it appeared. Medium when that choice was decisive or does not change the date,
else low; a story with no such date falls back to the latest full date its articles state (low).
An expression with its year is "absolute"; "a day later", "the next day" count from the previous
resolved date of the article ("previous_event"); a relative date inside a quotation is the
speaker's: counted from the statement's date when the attribution gives one ("said Friday that
... yesterday": "speech"), else dropped (direct quotes) or read as the outlet's (indirect speech).
Durations and the dateline's own date are not events.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date

from ..config import TimelineSettings
from ..lang.dates import (
    PARTS_OF_DAY,
    YEAR,
    article_anchor,
    chained,
    clock_part_of_day,
    period,
    resolve,
    shift,
)
from ..lang.words import content_words
from ..model import Article, Claim, DateMention, Quote, Sentence, Story, TimelineEvent
from .timeline_events import GRAIN, LEVELS, Dated, compatible, same_event, story_events

_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?", re.I)
_DATE_STEMS = content_words("january february march april june july august september october november december "
                            "today yesterday tomorrow tonight night morning evening afternoon week month year weekend")
_AHEAD = re.compile(r"\b(?:would|will|'ll|shall|is to|are to|was to|were to|going to)\b", re.I)
_BOUNDARY = re.compile(r"\s*[,;:]\s+|\s+[–—-]\s+|\s+that\s+")
_CONJUNCTION = re.compile(r"[\s,]+(?:and|but|or|while|as)$", re.I)
_NEAR = 12  # characters between a date and its part of day ("Thursday night", "02:00 on Friday")
_CUE_NEAR = 30  # characters between a reporting verb and the date of the statement
_CLAUSE_WORDS = 5  # words besides the date a clause needs to stand for the event
_TEXT_MAX = 240


def build_timeline(story: Story, articles: list[Article], claims: list[Claim],
                   settings: TimelineSettings | None = None) -> list[TimelineEvent]:
    """The story's dated events, oldest first, each with its evidence and anchors."""
    settings = settings or TimelineSettings()
    if not articles:
        return []
    claim_of = {(m.article_id, m.start): c for c in claims for m in c.mentions}
    dated = _story_dates(articles, claim_of, _topic(articles, settings.common_share), settings.anchor_candidates)
    events = story_events(story.id, articles, dated)
    events.sort(key=lambda e: (period(e.date, e.granularity)[0], -GRAIN[e.granularity], e.evidence[0].article_id,
                               e.evidence[0].start))
    return events


def _story_dates(members: list[Article], claim_of: dict[tuple[str, int], Claim], common: set[str],
                 most_candidates: int) -> list[Dated]:
    def dated_in(article: Article, base: date | None, kind: str, level: str) -> list[Dated]:
        return _finish(article, _resolve(article, base, kind, level), claim_of, common)

    anchors = {a.id: article_anchor(a) for a in members}
    dated = [d for a in members if (own := anchors[a.id]) for d in dated_in(a, own[1], own[0], "high")]
    candidates = sorted({anchor[1] for anchor in anchors.values() if anchor})[-most_candidates:]
    level = "medium"
    if not candidates:  # nothing dated in the story: the latest full date its articles state
        stated = {m.value for a in members for m in a.dates
                  if m.anchor == "absolute" and m.granularity == "day" and m.value and not m.future}
        candidates, level = sorted(date.fromisoformat(v) for v in stated)[-1:], "low"
    reference: dict[object, list[Dated]] = {}  # (value, granularity) or claim -> the anchored dates
    for d in dated:
        for key in [(d.value, d.granularity), *([id(d.claim)] if d.claim else [])]:
            reference.setdefault(key, []).append(d)
    for article in members:
        if anchors[article.id] is not None:
            continue
        options = [dated_in(article, base, "story", level) for base in candidates]
        if not options:
            dated.extend(dated_in(article, None, "story", "low"))  # only absolute dates
            continue
        scores = [_agreement(option, reference) for option in options]
        best = max(range(len(options)), key=lambda k: (scores[k], candidates[k]))
        decisive = all(scores[best] > s for k, s in enumerate(scores) if k != best)
        for item in options[best]:  # a date that depends on which anchor, chosen by a tie, is a guess
            if item.anchor != "absolute" and not decisive and len({o.value for option in options for o in option
                                                                   if o.mention is item.mention}) > 1:
                item.confidence = "low"
        dated.extend(options[best])
    return dated


def _agreement(option: list[Dated], reference: dict[object, list[Dated]]) -> int:
    """How many of these dates other outlets give for the same thing, minus those their
    sentences of the same claim contradict."""
    score = 0
    for item in option:
        if any(same_event(item, other) for other in reference.get((item.value, item.granularity), [])):
            score += 1
        elif item.claim is not None and any(GRAIN[o.granularity] == GRAIN[item.granularity] and not
                                            compatible(item, o) for o in reference.get(id(item.claim), [])):
            score -= 1
    return score


def _resolve(article: Article, base: date | None, kind: str, level: str) -> list[Dated]:
    """Every date of the article as a calendar date, in text order (see the module's rules)."""
    skip = article.dateline
    mentions = sorted((m for m in article.dates if not m.duration and _sentence_of(article, m.start)
                       and not (skip and skip.start <= m.start < skip.end)), key=lambda m: m.start)
    found: dict[int, Dated] = {}
    quoted: list[tuple[DateMention, Quote | None]] = []
    for m in mentions:  # 1. each expression on its own (quoted relative ones wait for their statement)
        if chained(m.text) is not None or _bare_time(m):
            continue
        inside, quote = _quote_at(article, m.start)
        if inside and not YEAR.search(m.text) and not _MONTH.search(m.text):
            quoted.append((m, quote))
        elif (item := _plain(article, m, base, kind, level)) is not None:
            found[m.start] = item
    for m, quote in quoted:  # 2. the speaker's "today" is the day of the statement
        said = _statement_date(article, quote, found) if quote is not None else None
        if said is not None and quote is not None:
            # "announced on Friday that it would be held on Saturday": ahead of the statement
            ahead = m.future or bool(_AHEAD.search(article.text[min(quote.start, m.start) : m.start]))
            value, grain = resolve(m.text, date.fromisoformat(said.value[:10]), ahead)
            if value is not None and grain is not None:
                found[m.start] = Dated(article.id, m, _sentence(article, m.start), value, grain, m.part_of_day,
                                        "speech", said.value, _worse(said.confidence, "medium"))
        elif quote is not None and quote.kind == "indirect":
            if (item := _plain(article, m, base, kind, level)) is not None:
                found[m.start] = item
    out: list[Dated] = []
    previous: Dated | None = None
    for m in mentions:  # 3. in text order: "a day later" counts from the previous date
        if m.start in found:
            previous = found[m.start]
            out.append(previous)
            continue
        step = chained(m.text)
        if step is not None and previous is not None and _follows(article, m, previous):
            moved = shift(previous.value, previous.granularity, step[0], step[1])
            if moved is not None:
                previous = Dated(article.id, m, _sentence(article, m.start), moved[0], moved[1],
                                  step[2] or m.part_of_day, "previous_event", previous.value,
                                  _worse(previous.confidence, "medium"))
                out.append(previous)
        elif step is None and m.part_of_day and _bare_time(m, part=True):
            _attach_part(m, out + list(found.values()))
    return out


def _plain(article: Article, m: DateMention, base: date | None, kind: str, level: str) -> Dated | None:
    years = YEAR.findall(m.text)
    if len(years) > 1 or (base is None and not years):
        return None  # a range of years, or a relative date with nothing to anchor it
    value, grain = resolve(m.text, base or date(int(years[0]), 12, 31), m.future)
    if value is None or grain is None:
        return None
    anchor, base_iso, level = ("absolute", None, "high") if years else (kind, base.isoformat() if base else None, level)
    return Dated(article.id, m, _sentence(article, m.start), value, grain, m.part_of_day, anchor, base_iso, level)


def _follows(article: Article, m: DateMention, previous: Dated) -> bool:
    """Inside a direct quotation, "a day later" counts from a date of the same quotation."""
    inside, quote = _quote_at(article, m.start)
    return not inside or quote is not None and (quote.kind == "indirect"
                                                 or quote.start <= previous.mention.start < quote.end)


def _attach_part(m: DateMention, dated: list[Dated]) -> None:
    """ "Thursday night", "02:00 on Friday": the part of day goes to the date beside it."""
    def gap(d: Dated) -> int:
        return max(m.start - d.mention.end, d.mention.start - m.end)

    near = sorted((d for d in dated if d.sentence.start <= m.start < d.sentence.end and gap(d) <= _NEAR), key=gap)
    if near and near[0].part_of_day is None and near[0].granularity in {"day", "time"}:
        near[0].part_of_day = m.part_of_day


def _statement_date(article: Article, quote: Quote, found: dict[int, Dated]) -> Dated | None:
    """The date of the statement a quotation reports: a day named beside its reporting verb."""
    if quote.cue_start is None or quote.cue_end is None:
        return None
    cue = _sentence_of(article, quote.cue_start)
    for item in found.values():
        m = item.mention
        if item.granularity in {"day", "time"} and item.sentence == cue and not quote.start <= m.start < quote.end \
                and max(m.start - quote.cue_end, quote.cue_start - m.end) <= _CUE_NEAR:
            return item
    return None


def _quote_at(article: Article, at: int) -> tuple[bool, Quote | None]:
    """Whether ``at`` is inside a quotation, and the quote found there (None for an open
    quotation mark the quote finder did not pair)."""
    inner = [q for q in article.quotes
             if q.start <= at < q.end and (not q.parts or any(s <= at < e for s, e in q.parts))]
    if inner:
        return True, min(inner, key=lambda q: (q.kind != "direct", q.end - q.start))
    sentence = _sentence_of(article, at)
    before = article.text[sentence.start if sentence else max(0, at - 200) : at]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1, None


def _bare_time(m: DateMention, part: bool = False) -> bool:
    """A clock time ("02:00"), or with ``part`` also a part of day alone ("night")."""
    return clock_part_of_day(m.text) is not None or part and re.sub(
        r"^(?:the|late|early|in the)\s+", "", m.text.lower().strip()) in PARTS_OF_DAY


def _sentence_of(article: Article, at: int) -> Sentence | None:
    k = bisect.bisect_right([s.start for s in article.sentences], at) - 1
    return article.sentences[k] if k >= 0 and at < article.sentences[k].end else None


def _sentence(article: Article, at: int) -> Sentence:
    return _sentence_of(article, at) or Sentence(at, at + 1, -1)  # (mentions outside sentences are left out)


def _finish(article: Article, items: list[Dated], claim_of: dict[tuple[str, int], Claim],
            common: set[str]) -> list[Dated]:
    """Each date's clause (its event's text), the clause's informative words and its claim."""
    for d in items:
        clause, at = _clause(article, d, items)
        d.stems = content_words(clause) - _DATE_STEMS - common
        d.text = _trim(clause, at)
        d.claim = claim_of.get((d.article_id, d.sentence.start))
    return items


def _clause(article: Article, d: Dated, items: list[Dated]) -> tuple[str, int]:
    """The sentence (after any dateline); when it dates several things differently, the
    clause around this date. With the date's offset in it."""
    start = d.sentence.start
    if article.dateline and start <= article.dateline.start < d.sentence.end:
        start = max(start, article.dateline.end)
    start += len(article.text[start : d.sentence.end]) - len(article.text[start : d.sentence.end].lstrip())
    text, at = article.text[start : d.sentence.end].rstrip(), d.mention.start - start
    others = [o.mention.start - start for o in items if o.sentence == d.sentence and o.value != d.value]
    if not others:
        return text, at
    cuts = [0, *[p for b in _BOUNDARY.finditer(text) for p in b.span()], len(text)]
    pieces = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts) - 1, 2)]
    lo = hi = next((k for k, (s, e) in enumerate(pieces) if s <= at < e), 0)

    def words() -> int:
        return len(text[pieces[lo][0] : pieces[hi][1]].split()) - len(d.mention.text.split())

    def free(k: int) -> bool:
        return 0 <= k < len(pieces) and not any(pieces[k][0] <= o < pieces[k][1] for o in others)

    while words() < _CLAUSE_WORDS and (free(lo - 1) or free(hi + 1)):
        lo, hi = (lo - 1, hi) if free(lo - 1) else (lo, hi + 1)
    if words() < _CLAUSE_WORDS:
        return text, at
    return _CONJUNCTION.sub("", text[pieces[lo][0] : pieces[hi][1]]), at - pieces[lo][0]


def _trim(text: str, at: int) -> str:
    """At most _TEXT_MAX characters around the date words, cut at spaces."""
    if len(text) <= _TEXT_MAX:
        return text
    left = max(0, min(at - _TEXT_MAX // 3, len(text) - _TEXT_MAX))
    left = text.rfind(" ", 0, left) + 1 if left else 0
    right = left + _TEXT_MAX
    right = right if right >= len(text) else max(text.rfind(" ", left, right), at)
    return ("\u2026" if left else "") + text[left:right].strip() + ("\u2026" if right < len(text) else "")


def _topic(members: list[Article], common_share: float) -> set[str]:
    """Stems in more than ``common_share`` of the story's sentences: what it is about, not a detail."""
    counts = Counter(w for a in members for s in a.sentences for w in content_words(a.text[s.start : s.end]))
    total = sum(len(a.sentences) for a in members)
    return {w for w, c in counts.items() if c > common_share * total and c > 2}


def _worse(level: str, cap: str) -> str:  # the less sure of two confidence levels
    return LEVELS[max(LEVELS.index(level), LEVELS.index(cap))]
