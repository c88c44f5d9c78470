"""Human-readable views of a report: one self-contained HTML file and a Markdown summary.

Untrusted article text only ever reaches HTML through ``markupsafe.escape`` (directly or
by Jinja2's autoescape); nothing is loaded from the network when the file is opened.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..lang.media import outlet_label
from ..model import Article, NumberMention, Report, Story
from .claimview import StoryClaims, claim_views
from .framingview import StoryFraming, framing_views
from .quoteview import GroupView, quote_views, sentence_anchor

_ENV = Environment(
    loader=PackageLoader("newsprism.report", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def anchor(article_id: str, start: int, end: int) -> str:
    """The fragment id every citation links to."""
    return f"{article_id}:{start}-{end}"


def marked_paragraphs(article: Article) -> list[Markup]:
    """The article text as escaped HTML paragraphs with sentences and annotations marked."""
    marks: list[tuple[int, int, str, str]] = []
    for n in article.numbers:
        marks.append((n.start, n.end, "num", _number_title(n)))
    for d in article.dates:
        marks.append((d.start, d.end, "date", f"date: {d.value or 'unresolved'}"
                      + (f" ({d.anchor})" if d.anchor else "") + (" duration" if d.duration else "")))
    for e in article.entities:
        repaired = e.repaired_from and e.repaired_from != "none"
        note = e.label + (f" (model said {e.repaired_from})" if repaired else "")
        marks.append((e.start, e.end, f"ent ent-{e.label}", note))
    chosen: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for mark in marks:  # numbers and dates win over entities when they overlap
        if all(mark[1] <= s or mark[0] >= e for s, e in taken):
            chosen.append(mark)
            taken.append((mark[0], mark[1]))
    chosen.sort()
    paragraphs: list[Markup] = []
    for index, paragraph in enumerate(article.paragraphs):
        parts: list[str] = []
        for sentence in (s for s in article.sentences if s.paragraph == index):
            inner = _with_marks(article.text, sentence.start, sentence.end, chosen)
            parts.append(
                f'<span class="s" id="{escape(anchor(article.id, sentence.start, sentence.end))}">'
                f"{inner}</span>"
            )
        if not parts:
            parts.append(str(escape(article.text[paragraph.start : paragraph.end])))
        paragraphs.append(Markup(" ".join(parts)))
    return paragraphs


def _with_marks(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    out: list[str] = []
    cursor = start
    for m_start, m_end, cls, title in marks:
        if m_start < cursor or m_end > end:
            continue
        out.append(str(escape(text[cursor:m_start])))
        out.append(f'<mark class="{cls}" title="{escape(title)}">{escape(text[m_start:m_end])}</mark>')
        cursor = m_end
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def _number_title(n: NumberMention) -> str:
    parts = [f"{n.kind}: {n.value:g}" if n.value is not None else "vague amount"]
    if n.unit:
        parts.append(n.unit)
    if n.qualifier:
        parts.append(f"hedge: {n.qualifier}")
    return " ".join(parts)


@dataclass
class StoryView:
    """One story's part of the page: its own slice of the report and the views built on it."""

    story: Story
    report: Report
    outlets: list[str]
    first: str | None  # the earliest and latest date its articles carry (published, else dateline)
    last: str | None
    claim_views: list[StoryClaims]
    quote_groups: list[GroupView]
    framing_views: list[StoryFraming]
    leads: dict[str, tuple[str, str]]


def story_views(report: Report) -> list[StoryView]:
    views = []
    for story in report.stories:
        part = report.for_story(story.id)
        dates = sorted(d[:10] for a in part.articles
                       if (d := a.published or (a.dateline.date if a.dateline else None)))
        views.append(StoryView(
            story=story, report=part, outlets=sorted({outlet_label(a) for a in part.articles}),
            first=dates[0] if dates else None, last=dates[-1] if dates else None,
            claim_views=claim_views(part), quote_groups=quote_views(part), framing_views=framing_views(part),
            leads=_leads(part),
        ))
    return views


def render_html(report: Report) -> str:
    template = _ENV.get_template("report.html.j2")
    articles = {a.id: a for a in report.articles}
    return template.render(
        report=report,
        stories=story_views(report),
        paragraphs={a.id: marked_paragraphs(a) for a in report.articles},
        removed_counts={a.id: Counter(r.reason for r in a.removed) for a in report.articles},
        anchor=lambda article_id, char: sentence_anchor(articles[article_id], char),
        outlets={a.id: outlet_label(a) for a in report.articles},
    )


def _leads(report: Report) -> dict[str, tuple[str, str]]:
    """Per article, the anchor and words of the sentence it leads with."""
    claims = {c.id: c for c in report.claims}
    out = {}
    for profile in report.profiles:
        claim = claims.get(profile.leads_with or "")
        mention = next((m for m in claim.mentions if m.article_id == profile.article_id), None) if claim else None
        if mention is not None:
            out[profile.article_id] = (sentence_anchor(report.article(mention.article_id), mention.start), mention.text)
    return out


def render_markdown(report: Report) -> str:
    template = _ENV.get_template("report.md.j2")
    return template.render(
        report=report,
        stories=story_views(report),
        outlets={a.id: outlet_label(a) for a in report.articles},
        removed_counts={a.id: Counter(r.reason for r in a.removed) for a in report.articles},
        md=_md_escape,
    )


def _md_escape(value: object) -> str:
    text = "" if value is None else str(value)
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def write_views(report: Report, out_dir: Path) -> tuple[Path, Path]:
    html_path = out_dir / "report.html"
    md_path = out_dir / "report.md"
    html_path.write_text(render_html(report), encoding="utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return html_path, md_path
