"""The claims views: a coverage matrix (claims x outlets: reported, contested, omitted) and
each dispute once, with who holds each side and the sentences that state it, every cell a
link to its sentence."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.media import outlet_label
from ..model import Claim, Report, Span
from .quoteview import sentence_anchor


@dataclass
class Cell:
    state: str  # reported | contested | omitted | "" (not covered, and not omitted either)
    href: str | None
    title: str  # the sentence, for a tooltip


@dataclass
class MatrixRow:
    claim: Claim
    cells: list[Cell]


@dataclass
class Side:
    outlet: str
    text: str
    href: str


@dataclass
class Dispute:
    why: str  # "denied by ...", "numbers differ: ..."
    holders: tuple[str, str]  # who holds each side
    asserted: list[Side]
    against: list[Side]


@dataclass
class StoryClaims:
    story_id: str
    outlets: list[tuple[str, str]]  # (article id, outlet label)
    rows: list[MatrixRow]  # claims at least two articles report, or contested
    single: list[tuple[str, list[Side]]]  # per outlet: what only it reports
    disputes: list[Dispute]


def claim_views(report: Report) -> list[StoryClaims]:
    views = []
    for story in report.stories:
        claims = [c for c in report.claims if c.story_id == story.id]
        if not claims:
            continue
        outlets = [(a, outlet_label(report.article(a))) for a in story.article_ids]
        rows = [MatrixRow(c, [_cell(report, c, a) for a, _ in outlets])
                for c in claims if len(c.articles) >= 2 or c.status == "contested"]
        single = []
        for article_id, label in outlets:
            only = [_side(report, c.support[0], c) for c in claims
                    if c.status == "single_source" and c.articles == [article_id] and not c.similar]
            if only:
                single.append((label, only))
        disputes = [Dispute(d.why, (", ".join(d.sides[0].holders), ", ".join(d.sides[1].holders)),
                            [_side(report, s) for s in d.sides[0].support],
                            [_side(report, s) for s in d.sides[1].support])
                    for d in report.disputes if d.story_id == story.id]
        views.append(StoryClaims(story.id, outlets, rows, single, disputes))
    return views


def _cell(report: Report, claim: Claim, article_id: str) -> Cell:
    span = next((s for s in claim.support if s.article_id == article_id), None)
    if span is not None:
        state = "contested" if claim.status == "contested" else "reported"
        return Cell(state, "#" + sentence_anchor(report.article(article_id), span.start), _text(report, span))
    if article_id in claim.omitted_by:
        return Cell("omitted", None, "most outlets of the story report this; this one does not")
    return Cell("", None, "")


def _side(report: Report, span: Span, claim: Claim | None = None) -> Side:
    article = report.article(span.article_id)
    text = f"{claim.mentions[0].text} ({claim.note})" if claim and claim.note else _text(report, span)
    return Side(outlet_label(article), text, "#" + sentence_anchor(article, span.start))


def _text(report: Report, span: Span) -> str:
    return report.article(span.article_id).text[span.start : span.end]
