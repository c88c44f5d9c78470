"""The article page: the cleaned text sentence by sentence, with its quotes and flagged words
marked and its claims named beside their sentences, so that a citation lands on a sentence a
reader can see in context."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..lang.identify import language_name
from ..lang.words import shorten
from ..model import Article, Report
from .claims import STATUS_LABELS
from .links import Links
from .text import Run, runs, source_labels


@dataclass
class ClaimBadge:
    claim_id: str
    status: str
    status_label: str
    text: str
    href: str  # the claim's row on the story page


@dataclass
class SentenceView:
    id: str  # the element id a citation's fragment names
    start: int
    end: int
    runs: list[Run]
    claims: list[ClaimBadge]


@dataclass
class QuoteItem:
    """One quote in the article's list. Reported speech is shown with its cue ("accused", "said")
    and without quotation marks: the words are the outlet's account, not the speaker's."""

    speaker: str
    words: str
    href: str
    partial: bool
    reported: bool = False
    cue: str = ""


@dataclass
class VersionView:
    """An earlier or later version of the article at the same URL, and what it changed."""

    article_id: str
    version: int
    ingested_at: str
    current: bool
    changes: list[tuple[str, str]]  # (words before, words after)


def version_views(article_id: str, versions: list[Any]) -> list[VersionView]:
    """The store's versions of an article (``Store.versions``) as the article page shows them."""
    return [VersionView(v.article_id, v.version, v.ingested_at, v.article_id == article_id, v.changes)
            for v in versions]


@dataclass
class ArticlePage:
    id: str
    story_id: str
    story_title: str
    story_href: str
    outlet: str
    title: str
    href: str
    anchor: str  # the element id of the article
    meta: list[tuple[str, str]]  # (what, value), "" values shown as not stated
    paragraphs: list[list[SentenceView]]
    quotes: list[QuoteItem]
    flagged: list[tuple[str, str, str]]  # (words, why, href)
    removed: list[tuple[str, str]]  # (reason, text)
    removed_summary: str
    versions: list[VersionView] = field(default_factory=list)
    language: str = ""  # the text's language code, for the page's lang attribute


def article_page(report: Report, story_id: str, article_id: str, links: Links,
                 labels: dict[str, str] | None = None) -> ArticlePage:
    article = report.article(article_id)
    story = next(s for s in report.stories if s.id == story_id)
    labels = labels or source_labels(report.articles)
    marks = _marks(report, article)
    badges = _badges(report, story_id, article, links)
    paragraphs: list[list[SentenceView]] = []
    for index, paragraph in enumerate(article.paragraphs):
        # the paragraph as written: its sentences (each a link target) and the text between them
        sentences: list[SentenceView] = []
        cursor = paragraph.start
        for s in (s for s in article.sentences if s.paragraph == index):
            if s.start > cursor:
                sentences.append(SentenceView("", cursor, s.start, runs(article.text, cursor, s.start, marks), []))
            sentences.append(SentenceView(links.sentence_id(article.id, s.start, s.end), s.start, s.end,
                                          runs(article.text, s.start, s.end, marks), badges.get(s.start, [])))
            cursor = max(cursor, s.end)
        if paragraph.end > cursor:  # text the segmenter left out of every sentence: shown, not citable
            sentences.append(SentenceView("", cursor, paragraph.end, [Run(article.text[cursor : paragraph.end])], []))
        paragraphs.append(sentences)
    quotes = [QuoteItem(q.speaker or "speaker not identified", shorten(q.text, 300),
                        _fragment(article, q.start, links), q.partial, q.kind == "indirect",
                        article.text[q.cue_start or 0 : q.cue_end or 0])
              for q in article.quotes]
    flagged = [(f.text, f"{f.category.replace('_', ' ')}: {f.note}", _fragment(article, f.start, links))
               for f in report.framing if f.article_id == article.id]
    counts = Counter(r.reason for r in article.removed)
    return ArticlePage(
        article.id, story_id, story.title or "Untitled story", links.story(story_id),
        labels.get(article.id, article.id), article.title or "", links.article(story_id, article.id),
        links.article_anchor(article.id), _meta(article), paragraphs, quotes, flagged,
        [(r.reason, r.text) for r in article.removed],
        ", ".join(f"{reason} ({n})" for reason, n in counts.most_common()), language=article.language or "")


def _meta(article: Article) -> list[tuple[str, str]]:
    dateline = ""
    if article.dateline:
        dateline = f"“{article.dateline.text}”" + (f" → {article.dateline.date}" if article.dateline.date else "")
    source = article.source.url or article.source.path or ""
    if article.source.line:
        source += f" (line {article.source.line})"
    return [("Outlet", article.outlet or ""), ("Byline", article.byline or ""), ("Credit", article.credit or ""),
            ("Published", article.published or ""), ("Dateline", dateline), ("Source", source),
            ("Language", f"{language_name(article.language)} ({article.language})" if article.language else ""),
            ("Article id", article.id),
            *(("Note", note) for note in article.notes)]


def _marks(report: Report, article: Article) -> list[tuple[int, int, str, str]]:
    """Quotes and flagged words; a flag inside a quote wins (it is the finer mark)."""
    flags = [(f.start, f.end, "flag", f"{f.category.replace('_', ' ')}: {f.note}")
             for f in report.framing if f.article_id == article.id]
    quotes = []
    for q in article.quotes:
        who = f"quote: {q.speaker}" if q.speaker else "quote: speaker not identified"
        kind = "quote"
        if q.partial:  # the speaker's words inside the outlet's own sentence: shown apart
            who, kind = f"partial {who} (quoted words inside the outlet's own sentence)", "quote partial"
        for start, end in (q.parts or [(q.start, q.end)]):
            quotes.append((start, end, kind, who))
    chosen: list[tuple[int, int, str, str]] = []
    for mark in sorted(flags) + sorted(quotes):
        if all(mark[1] <= s or mark[0] >= e for s, e, _, _ in chosen):
            chosen.append(mark)
    # a quote that holds a flag is split around it, so both stay visible
    for q_start, q_end, kind, who in sorted(quotes):
        inside = sorted(m for m in chosen if m[2] == "flag" and q_start <= m[0] and m[1] <= q_end)
        if not inside or any(m[2].startswith("quote") and m[0] == q_start for m in chosen):
            continue
        cursor = q_start
        for f_start, f_end, _, _ in inside:
            if f_start > cursor:
                chosen.append((cursor, f_start, kind, who))
            cursor = f_end
        if q_end > cursor:
            chosen.append((cursor, q_end, kind, who))
    return sorted(chosen)


def _badges(report: Report, story_id: str, article: Article, links: Links) -> dict[int, list[ClaimBadge]]:
    """Per sentence start, the claims its words support (shared or disputed ones: the ones
    with a row on the story page)."""
    out: dict[int, list[ClaimBadge]] = {}
    for claim in report.claims:
        if claim.story_id != story_id or not (len(claim.articles) >= 2 or claim.status == "contested"):
            continue
        for span in claim.support:
            if span.article_id != article.id:
                continue
            start = next((s.start for s in article.sentences if s.start <= span.start < s.end), None)
            if start is not None and all(b.claim_id != claim.id for b in out.get(start, [])):
                out.setdefault(start, []).append(ClaimBadge(
                    claim.id, claim.status, STATUS_LABELS.get(claim.status, claim.status), shorten(claim.text, 160),
                    links.story(story_id, claim.id)))
    return out


def _fragment(article: Article, char: int, links: Links) -> str:
    """A link within the page to the sentence that holds ``char``."""
    for s in article.sentences:
        if s.start <= char < s.end:
            return "#" + links.sentence_id(article.id, s.start, s.end)
    return ""
