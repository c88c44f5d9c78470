"""The quotes part of a story page: each statement as several outlets quoted it, each
version in its exact words with the words that differ from the reference wording marked."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.words import WORD
from ..model import Article, Quote, Report, Span
from .claims import cite
from .links import Links
from .text import Run

FIDELITY = {"verbatim": "word for word", "trimmed": "shorter cut", "variant": "other rendering",
            "paraphrase": "paraphrase", "altered": "altered"}


@dataclass
class VersionRow:
    outlet: str
    fidelity: str  # verbatim | trimmed | variant | paraphrase | altered | reference
    fidelity_label: str
    words: list[Run]  # the exact words; changed ones marked "ins"
    reference_says: str  # the reference's words where this version differs
    href: str
    attributed_as: str  # speaker mention, cue and channel as the article gives them
    partial: bool  # a fragment inside the outlet's own sentence, not a whole quoted sentence


@dataclass
class QuoteGroupView:
    id: str
    speaker: str
    why_altered: str  # the evidence behind an "altered" flag, in words
    altered: int
    rows: list[VersionRow]


def quote_groups(report: Report, story_id: str, labels: dict[str, str], links: Links) -> list[QuoteGroupView]:
    quotes = {q.id: q for q in report.quotes}
    back = links.section_id(story_id, "quotes")
    views: list[QuoteGroupView] = []
    for group in (g for g in report.quote_groups if g.story_id == story_id):
        rows = []
        for k, member in enumerate(group.members):
            quote = quotes[member.quote_id]
            article = report.article(quote.article_id)
            start = member.start if member.start is not None else quote.start
            end = member.end if member.end is not None else quote.end
            words, was = _marked(article.text[start:end], member.diff, member.fidelity)
            fidelity = "reference" if k == 0 else member.fidelity
            rows.append(VersionRow(
                labels[article.id], fidelity, "reference wording" if k == 0 else FIDELITY.get(fidelity, fidelity),
                words, was, cite(report, story_id, Span(article.id, start, end), labels, links, back).href,
                _attributed_as(article, quote), quote.partial))
        altered = sum(m.fidelity == "altered" for m in group.members)
        views.append(QuoteGroupView(group.id, group.speaker or "Speaker not identified",
                                    group.evidence or "", altered, rows))
    views.sort(key=lambda v: (-v.altered, -sum(r.fidelity in {"altered", "variant"} for r in v.rows), v.id))
    return views


def _marked(text: str, diff: list[dict[str, str]], fidelity: str) -> tuple[list[Run], str]:
    """Mark the member's words that replace or add to the reference's wording."""
    if fidelity == "paraphrase" or not diff:
        return [Run(text)], ""
    tokens = list(WORD.finditer(text))
    marks: list[tuple[int, int]] = []
    was: list[str] = []
    k = 0
    inner = [i for i, d in enumerate(diff) if d["op"] == "equal"]
    for i, d in enumerate(diff):
        n = len(d["member"].split())
        edge = not inner or i < inner[0] or i > inner[-1]
        if d["op"] in {"replace", "insert"} and n and not (edge and d["op"] == "insert"):
            if fidelity != "trimmed" and k + n <= len(tokens):
                marks.append((tokens[k].start(), tokens[k + n - 1].end()))
        if d["op"] in {"replace", "delete"} and not edge and d["reference"]:
            was.append(d["reference"])
        if d["op"] == "replace" and edge and len(d["reference"].split()) <= 2:
            was.append(d["reference"])
        k += n
    out, cursor = [], 0
    for a, b in marks:
        if a > cursor:
            out.append(Run(text[cursor:a]))
        out.append(Run(text[a:b], "ins", "differs from the reference wording"))
        cursor = b
    if cursor < len(text):
        out.append(Run(text[cursor:]))
    return out, " · ".join(was)


def _attributed_as(article: Article, quote: Quote) -> str:
    parts = []
    if quote.speaker_start is not None and quote.speaker_end is not None:
        parts.append(article.text[quote.speaker_start : quote.speaker_end])
    if quote.cue_start is not None and quote.cue_end is not None:
        parts.append(article.text[quote.cue_start : quote.cue_end])
    if quote.channel:
        parts.append(f"({quote.channel})")
    return " ".join(parts)
