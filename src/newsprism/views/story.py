"""The story page: one view model that the web UI renders as a page, the API as JSON, and
the offline report as one section of report.html and report.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Report
from .article import ArticlePage, article_page
from .claims import Cite, ClaimsView, cite, claims_view
from .framing import FramingView, framing_view
from .links import Links
from .quotes import QuoteGroupView, quote_groups
from .text import plural, source_labels

BRIEF_SECTIONS = [("established", "What is established"), ("disputed", "What is disputed"),
                  ("differs", "How the coverage differs"), ("single_source", "What only one source says"),
                  ("quote", "Key quotes, in the reference wording")]


@dataclass
class BriefItem:
    text: str
    said_by: str  # how it stands: "3 independent sources", "only The Herald", a speaker
    quote: bool
    cites: list[Cite]


@dataclass
class BriefSection:
    key: str
    title: str
    items: list[BriefItem]


@dataclass
class TimelineRow:
    date: str
    part_of_day: str
    text: str
    conflict: str
    cites: list[Cite]
    how: str  # how each outlet's date words were resolved


@dataclass
class ChartPoint:
    x: float  # 0..1 along the story's span of dates
    date: str
    count: int  # events on that date
    label: str


@dataclass
class StoryPage:
    id: str
    title: str
    href: str
    summary: str  # "5 articles from A, B and C, 2025-03-13 to 2025-03-15"
    outlets: list[str]
    first: str
    last: str
    brief: list[BriefSection]
    claims: ClaimsView
    quote_groups: list[QuoteGroupView]
    quotes_found: int
    framing: FramingView
    timeline: list[TimelineRow]
    chart: list[ChartPoint]
    articles: list[ArticlePage] = field(default_factory=list)  # with their texts: the offline report only


def story_page(report: Report, story_id: str, links: Links, *, with_articles: bool = False) -> StoryPage:
    """The page of one story of ``report`` (a report may hold several)."""
    part = report.for_story(story_id)
    story = part.stories[0]
    labels = source_labels(part.articles)
    dates = sorted(d[:10] for a in part.articles if (d := a.published or (a.dateline.date if a.dateline else None)))
    first, last = (dates[0], dates[-1]) if dates else ("", "")
    outlets = sorted(set(labels.values()))
    span = f", {first}" + (f" to {last}" if last != first else "") if first else ""
    timeline = _timeline(part, story_id, labels, links)
    return StoryPage(
        story.id, story.title or "Untitled story", links.story(story.id),
        f"{plural(len(story.article_ids), 'article')} from {_and(outlets)}{span}", outlets, first, last,
        _brief(part, story_id, labels, links), claims_view(part, story_id, labels, links),
        quote_groups(part, story_id, labels, links), len(part.quotes), framing_view(part, story_id, labels, links),
        timeline, _chart(timeline),
        [article_page(part, story_id, a.id, links, labels) for a in part.articles] if with_articles else [])


def _brief(report: Report, story_id: str, labels: dict[str, str], links: Links) -> list[BriefSection]:
    back = links.section_id(story_id, "brief")
    sections = []
    for key, title in BRIEF_SECTIONS:
        items = []
        for sentence in (b for b in report.brief if b.section == key):
            seen: set[str] = set()
            cites = []
            for span in sentence.citations:
                if span.article_id in labels and span.article_id not in seen:
                    seen.add(span.article_id)
                    cites.append(cite(report, story_id, span, labels, links, back))
            items.append(BriefItem(sentence.text, sentence.attribution or "", key == "quote", cites))
        if items:
            sections.append(BriefSection(key, title, items))
    return sections


def _timeline(report: Report, story_id: str, labels: dict[str, str], links: Links) -> list[TimelineRow]:
    back = links.section_id(story_id, "timeline")
    rows = []
    for event in report.timeline:
        how = "; ".join(f"“{a.get('expression')}”: from the {a.get('anchor')}"
                        + (f" ({a.get('base')})" if a.get("base") else "") + f", {a.get('confidence')} confidence"
                        for a in event.anchors)
        cites = [cite(report, story_id, s, labels, links, back) for s in event.evidence if s.article_id in labels]
        rows.append(TimelineRow(event.date, event.part_of_day or "", event.text, event.conflict or "", cites, how))
    return rows


def _chart(rows: list[TimelineRow]) -> list[ChartPoint]:
    """Dated events as points along the story's days: a picture of when things happened."""
    days: dict[date, list[TimelineRow]] = {}
    for row in rows:
        try:
            day = date.fromisoformat(row.date[:10])
        except ValueError:
            continue  # a week, month or year: in the table, not on a line of days
        days.setdefault(day, []).append(row)
    if not days:
        return []
    lo, hi = min(days), max(days)
    width = max((hi - lo).days, 1)
    return [ChartPoint((d - lo).days / width if hi > lo else 0.5, d.isoformat(), len(events),
                       "; ".join(e.text for e in events))
            for d, events in sorted(days.items())]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else "no outlet"
