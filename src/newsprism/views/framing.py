"""The framing part of a story page: the outlets side by side (what each relies on, leads
with, adds and leaves out), each outlet's flagged wording with the other outlets' words for
the same thing beside it, and the attribution chains (outlet -> via -> speaker)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..lang.words import shorten
from ..model import Finding, Report, Span
from .claims import Cite, cite, claim_refs
from .links import Links
from .text import plural

# How a reader says where an outlet's statements come from (OutletProfile.reliance keys).
RELIANCE = {"wire": ("statement", "via a news agency"), "state_media": ("statement", "via state media"),
            "social_media": ("statement", "from social media posts"), "interview": ("statement", "from interviews"),
            "statement": ("statement", "from official statements or meetings"),
            "media": ("statement", "via other media"), "unstated": ("statement", "with no source named")}
KIND_NAMES = {"wire": "news agency", "state_media": "state media", "social_media": "social media",
              "interview": "interview", "statement": "statement or meeting", "media": "other media",
              "unstated": "no source named"}
_ORDER = {"slip": 0, "label": 1, "loaded": 2, "idiom": 3, "doubt": 4, "reporting_verb": 5, "editorial": 6,
          "evaluative": 7, "modifier": 8, "intensifier": 9,
          "hedge": 10}


@dataclass
class OutletColumn:
    """One article's coverage, for the outlets-side-by-side table."""

    article_id: str
    outlet: str
    href: str  # the article (its page, or its place in the file)
    headline: str
    byline: str
    published: str
    dateline: str
    leads_with: Cite | None
    relies_on: list[str]  # "12 statements with no source named"
    names_as_sources: list[str]  # "Interfax (3)"
    only_it: int  # claims no other outlet reports
    leaves_out: list[tuple[str, str]]  # (claim text, link) that most other outlets report
    contested: list[tuple[str, str]]
    flagged: int  # flagged words in its own voice
    reuses: list[str]  # "copies Harbor Herald"


@dataclass
class WordingRow:
    outlet: str
    href: str
    words: str
    kind: str
    why: str
    others: list[Cite]  # the other outlets' words for the same thing
    quoted: bool  # inside a quotation: the speaker's word the outlet chose to quote


@dataclass
class ChainRow:
    outlet: str
    via: str
    kind: str
    speaker: str
    count: int
    href: str


@dataclass
class FramingView:
    outlets: list[OutletColumn]
    wording: list[WordingRow]  # in the outlets' own words
    quoted: list[WordingRow]
    chains: list[ChainRow]


def framing_view(report: Report, story_id: str, labels: dict[str, str], links: Links) -> FramingView:
    story = next(s for s in report.stories if s.id == story_id)
    ids = set(story.article_ids)
    back = links.section_id(story_id, "wording")
    rows = [_wording(report, story_id, f, labels, links, back) for f in sorted(
        (f for f in report.framing if f.article_id in ids),
        key=lambda f: (_ORDER.get(f.category, 11), not f.contrast, f.article_id, f.start))]
    return FramingView(_outlets(report, story_id, labels, links), [r for r in rows if not r.quoted],
                       [r for r in rows if r.quoted], _chains(report, story_id, ids, labels, links))


def _outlets(report: Report, story_id: str, labels: dict[str, str], links: Links) -> list[OutletColumn]:
    story = next(s for s in report.stories if s.id == story_id)
    profiles = {p.article_id: p for p in report.profiles if p.story_id == story_id}
    claims = {c.id: c for c in report.claims}
    back = links.section_id(story_id, "outlets")
    columns = []
    for article_id in story.article_ids:
        article = report.article(article_id)
        profile = profiles.get(article_id)
        lead = None
        if profile and profile.leads_with in claims:
            mention = next((m for m in claims[profile.leads_with].mentions if m.article_id == article_id), None)
            if mention is not None:
                lead = cite(report, story_id, Span(article_id, mention.start, mention.end), labels, links, back,
                            shorten(mention.text, 120))
        relies = []
        if profile:
            for kind, n in sorted(profile.reliance.items(), key=lambda kv: -kv[1]):
                noun, how = RELIANCE.get(kind, ("statement", kind))
                relies.append(f"{plural(n, noun)} {how}")
        dateline = ""
        if article.dateline:
            place, day = article.dateline.place, article.dateline.date
            dateline = ", ".join(x for x in (place, day) if x) or article.dateline.text
        reuses = [f"{_REUSE[r.kind]} {labels.get(r.source, r.source)}" for r in report.reuse
                  if r.target == article_id and r.source in labels]
        columns.append(OutletColumn(
            article_id, labels[article_id], links.article(story_id, article_id), article.title or "",
            "; ".join(x for x in (article.byline, f"credit: {article.credit}" if article.credit else None) if x),
            article.published or "", dateline, lead, relies,
            [f"{via} ({n})" for via, n in profile.sources_cited.items()] if profile else [],
            len(profile.added) if profile else 0,
            claim_refs(report, profile.omitted, links, story_id) if profile else [],
            claim_refs(report, profile.contested, links, story_id) if profile else [],
            profile.findings if profile else 0, reuses))
    return columns


_REUSE = {"copy": "copies", "rewrite": "rewrites", "shared_source": "shares a source with"}


def _wording(report: Report, story_id: str, finding: Finding, labels: dict[str, str], links: Links,
             back: str) -> WordingRow:
    here = cite(report, story_id, Span(finding.article_id, finding.start, finding.end), labels, links, back)
    others = [cite(report, story_id, Span(w.article_id, w.start, w.end), labels, links, back, w.text)
              for w in finding.contrast if w.article_id in labels]
    return WordingRow(here.outlet, here.href, finding.text, finding.category.replace("_", " "), finding.note,
                      others, finding.quoted)


def _chains(report: Report, story_id: str, ids: set[str], labels: dict[str, str], links: Links) -> list[ChainRow]:
    counted: Counter[tuple[str, str, str, str]] = Counter()
    first: dict[tuple[str, str, str, str], str] = {}
    back = links.section_id(story_id, "chains")
    for chain in report.chains:
        if chain.article_id not in ids or chain.via_kind == "unstated":
            continue
        key = (chain.article_id, chain.via or "", chain.via_kind, chain.speaker or "speaker not named")
        counted[key] += 1
        first.setdefault(key, cite(report, story_id, Span(chain.article_id, chain.start, chain.end), labels, links,
                                   back).href)
    rows = [ChainRow(labels[a], via, KIND_NAMES.get(kind, kind), speaker, n, first[(a, via, kind, speaker)])
            for (a, via, kind, speaker), n in counted.items()]
    return sorted(rows, key=lambda r: (r.outlet, r.kind, r.via, -r.count))
