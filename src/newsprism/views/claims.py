"""The claims part of a story page: the coverage matrix (claims x outlets: reported,
contested, omitted), each dispute once with both sides, and what only one outlet says."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, Report, Span
from .links import Links
from .text import shorten


@dataclass
class Cite:
    """A link to the sentence that supports a finding."""

    outlet: str
    href: str
    text: str  # the sentence (or the claim's words), for the reader and the tooltip
    article_id: str
    start: int
    end: int


@dataclass
class Cell:
    state: str  # reported | contested | omitted | "" (not covered, and not omitted either)
    href: str
    title: str


@dataclass
class MatrixRow:
    claim_id: str
    text: str
    status: str  # corroborated | contested | single_source
    status_label: str
    conflict: str
    sources: int  # independent sources
    articles: int
    cells: list[Cell]


@dataclass
class DisputeSide:
    holders: str  # who holds it, as the articles name them
    statements: list[Cite]


@dataclass
class DisputeView:
    id: str
    why: str
    sides: list[DisputeSide]


@dataclass
class SingleSource:
    outlet: str
    statements: list[Cite]


@dataclass
class ClaimsView:
    columns: list[tuple[str, str]]  # (what the column holds, its label): an article, or an outlet's articles
    rows: list[MatrixRow]  # claims at least two articles report, or contested
    disputes: list[DisputeView]
    single: list[SingleSource]


STATUS_LABELS = {"corroborated": "corroborated", "contested": "contested", "single_source": "one source"}

# A matrix wider than this is not read: a larger story gets one column per outlet, and past
# this many outlets the smallest share one column (the same 12 the tables fold after).
MATRIX_COLUMNS = 12


def cite(report: Report, story_id: str, span: Span, labels: dict[str, str], links: Links, back: str,
         text: str | None = None) -> Cite:
    """A citation of ``span``: it opens the whole sentence that holds it."""
    article = report.article(span.article_id)
    start, end = sentence_bounds(report, span)
    return Cite(labels[span.article_id], links.sentence(story_id, article.id, start, end, back),
                text if text is not None else article.text[span.start : span.end], article.id, span.start, span.end)


def sentence_bounds(report: Report, span: Span) -> tuple[int, int]:
    for sentence in report.article(span.article_id).sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence.start, sentence.end
    return span.start, span.end


def claims_view(report: Report, story_id: str, labels: dict[str, str], links: Links) -> ClaimsView:
    story = next(s for s in report.stories if s.id == story_id)
    claims = [c for c in report.claims if c.story_id == story_id]
    groups = _column_groups(story.article_ids, labels)
    back = links.section_id(story_id, "claims")
    rows = [MatrixRow(c.id, c.text, c.status, STATUS_LABELS.get(c.status, c.status), c.conflict or "",
                      len(c.sources), len(c.articles),
                      [_group_cell(report, story_id, c, members, labels, links, back) for _, members in groups])
            for c in claims if len(c.articles) >= 2 or c.status == "contested"]
    columns = [(_column_title(members), label) for label, members in groups]
    back = links.section_id(story_id, "disputes")
    disputes = [DisputeView(d.id, d.why, [DisputeSide(", ".join(side.holders),
                                                      [cite(report, story_id, s, labels, links, back)
                                                       for s in side.support])
                                          for side in d.sides])
                for d in report.disputes if d.story_id == story_id]
    back = links.section_id(story_id, "single-source")
    single = []
    for article_id in story.article_ids:
        only = [cite(report, story_id, c.support[0], labels, links, back, _single_text(report, c))
                for c in claims
                if c.status == "single_source" and c.articles == [article_id] and not c.similar and c.support]
        if only:
            single.append(SingleSource(labels[article_id], only))
    return ClaimsView(columns, rows, disputes, single)


def _column_groups(article_ids: list[str], labels: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The matrix's columns as (label, articles): one per article in a story of a few, else
    one per outlet (in order of first appearance), and past MATRIX_COLUMNS outlets the ones
    with the fewest articles share the last column."""
    if len(article_ids) <= MATRIX_COLUMNS:
        return [(labels[a], [a]) for a in article_ids]
    outlets: dict[str, list[str]] = {}
    for article_id in article_ids:
        outlets.setdefault(labels[article_id], []).append(article_id)
    groups = list(outlets.items())
    if len(groups) <= MATRIX_COLUMNS:
        return groups
    ranked = sorted(range(len(groups)), key=lambda k: (-len(groups[k][1]), k))
    kept = sorted(ranked[: MATRIX_COLUMNS - 1])
    rest = [a for k in sorted(ranked[MATRIX_COLUMNS - 1 :]) for a in groups[k][1]]
    others = len(groups) - len(kept)
    return [groups[k] for k in kept] + [(f"{others} other outlets", rest)]


def _column_title(members: list[str]) -> str:
    if len(members) == 1:
        return f"article {members[0]}"
    return shorten(f"{len(members)} articles: " + ", ".join(members), 300)


def claim_refs(report: Report, claim_ids: list[str], links: Links, story_id: str) -> list[tuple[str, str]]:
    """(claim text, link to its row) for each id: what a reader sees instead of "c2, c6"."""
    claims = {c.id: c for c in report.claims}
    return [(shorten(claims[i].text, 120), links.story(story_id, i)) for i in claim_ids if i in claims]


def _cell(report: Report, story_id: str, claim: Claim, article_id: str, labels: dict[str, str], links: Links,
          back: str) -> Cell:
    span = next((s for s in claim.support if s.article_id == article_id), None)
    if span is not None:
        c = cite(report, story_id, span, labels, links, back)
        return Cell("contested" if claim.status == "contested" else "reported", c.href, shorten(c.text, 300))
    if article_id in claim.omitted_by:
        return Cell("omitted", "", "most outlets of the story report this; this one does not")
    return Cell("", "", "")


def _group_cell(report: Report, story_id: str, claim: Claim, members: list[str], labels: dict[str, str],
                links: Links, back: str) -> Cell:
    """One article's cell, or an outlet's: reported (or contested) when any of its articles
    states it, linked to the first that does; omitted only when all of them leave it out."""
    if len(members) == 1:
        return _cell(report, story_id, claim, members[0], labels, links, back)
    cells = [_cell(report, story_id, claim, a, labels, links, back) for a in members]
    stating = [c for c in cells if c.state in ("reported", "contested")]
    if stating:
        return Cell(stating[0].state, stating[0].href,
                    shorten(f"{len(stating)} of {len(members)} articles: {stating[0].title}", 300))
    if all(c.state == "omitted" for c in cells):
        return Cell("omitted", "", f"most outlets of the story report this; none of these {len(members)} articles does")
    return Cell("", "", "")


def _single_text(report: Report, claim: Claim) -> str:
    span = claim.support[0]
    text = report.article(span.article_id).text[span.start : span.end]
    return f"{text} ({claim.note})" if claim.note else text
