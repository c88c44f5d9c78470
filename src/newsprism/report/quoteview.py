"""The quote view: each quote group side by side, each version in its exact words with the
words that differ from the reference marked, and a link to the sentence in the article."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..lang.media import outlet_label
from ..lang.words import WORD
from ..model import Article, Quote, QuoteGroup, Report


@dataclass
class VersionRow:
    outlet: str
    fidelity: str
    words: Markup  # the exact text, changed words marked
    was: str  # what the reference says where this version differs
    href: str
    how: str  # speaker mention, cue and channel as the article gives them


@dataclass
class GroupView:
    group: QuoteGroup
    rows: list[VersionRow]
    changed: int  # members altered or variant


def quote_views(report: Report) -> list[GroupView]:
    quotes = {q.id: q for q in report.quotes}
    views: list[GroupView] = []
    for group in report.quote_groups:
        rows = []
        for member in group.members:
            quote = quotes[member.quote_id]
            article = report.article(quote.article_id)
            start = member.start if member.start is not None else quote.start
            end = member.end if member.end is not None else quote.end
            words, was = _marked(article.text[start:end], member.diff, member.fidelity)
            rows.append(VersionRow(
                outlet=outlet_label(article), fidelity=member.fidelity, words=words,
                was=was, href="#" + sentence_anchor(article, start), how=_how(article, quote),
            ))
        changed = sum(m.fidelity in {"altered", "variant"} for m in group.members)
        views.append(GroupView(group, rows, changed))
    views.sort(key=lambda v: (-sum(m.fidelity == "altered" for m in v.group.members), -v.changed, v.group.id))
    return views


def sentence_anchor(article: Article, char: int) -> str:
    for sentence in article.sentences:
        if sentence.start <= char < sentence.end:
            return f"{article.id}:{sentence.start}-{sentence.end}"
    return f"article-{article.id}"


def _marked(text: str, diff: list[dict[str, str]], fidelity: str) -> tuple[Markup, str]:
    """Mark the member's words that replace or add to the reference's wording."""
    if fidelity == "paraphrase" or not diff:
        return Markup(escape(text)), ""
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
        out.append(str(escape(text[cursor:a])))
        out.append(f"<ins>{escape(text[a:b])}</ins>")
        cursor = b
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out)), " · ".join(was)


def _how(article: Article, quote: Quote) -> str:
    parts = []
    if quote.speaker_start is not None and quote.speaker_end is not None:
        parts.append(article.text[quote.speaker_start : quote.speaker_end])
    if quote.cue_start is not None and quote.cue_end is not None:
        parts.append(article.text[quote.cue_start : quote.cue_end])
    if quote.channel:
        parts.append(f"({quote.channel})")
    return " ".join(parts)
