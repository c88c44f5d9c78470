"""The framing views: outlet profiles side by side, each outlet's flagged wording with the
other outlets' words beside it, and the attribution chains (outlet -> via -> speaker)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..lang.media import outlet_label
from ..model import Finding, OutletProfile, Report
from .quoteview import sentence_anchor

_KIND_NAMES = {"wire": "wire", "state_media": "state media", "social_media": "social media", "interview": "interview",
               "statement": "statement / meeting", "media": "other media", "unstated": "source not stated"}
_ORDER = {"slip": 0, "label": 1, "loaded": 2, "idiom": 3, "doubt": 4, "reporting_verb": 5, "editorial": 6,
          "intensifier": 7, "hedge": 8}


@dataclass
class FindingRow:
    outlet: str
    href: str
    words: str
    category: str
    note: str
    others: list[tuple[str, str, str]]  # (outlet, words, href)
    quoted: bool


@dataclass
class ChainRow:
    outlet: str
    via: str
    kind: str
    speaker: str
    count: int
    href: str


@dataclass
class StoryFraming:
    story_id: str
    profiles: list[tuple[OutletProfile, list[tuple[str, int]], list[tuple[str, int]]]]  # profile, kinds, cited
    findings: list[FindingRow]
    quoted: list[FindingRow]
    chains: list[ChainRow]


def framing_views(report: Report) -> list[StoryFraming]:
    views = []
    for story in report.stories:
        ids = set(story.article_ids)
        profiles = [(p, [(_KIND_NAMES.get(k, k), n) for k, n in p.reliance.items()], list(p.sources_cited.items()))
                    for p in report.profiles if p.story_id == story.id]
        rows = [_row(report, f) for f in sorted(
            (f for f in report.framing if f.article_id in ids),
            key=lambda f: (_ORDER.get(f.category, 9), not f.contrast, f.article_id, f.start))]
        views.append(StoryFraming(story.id, profiles, [r for r in rows if not r.quoted], [r for r in rows if r.quoted],
                                  _chains(report, ids)))
    return views


def _row(report: Report, finding: Finding) -> FindingRow:
    article = report.article(finding.article_id)
    others = []
    for w in finding.contrast:
        other = report.article(w.article_id)
        others.append((outlet_label(other), w.text, "#" + sentence_anchor(other, w.start)))
    return FindingRow(outlet_label(article), "#" + sentence_anchor(article, finding.start), finding.text,
                      finding.category.replace("_", " "), finding.note, others, finding.quoted)


def _chains(report: Report, ids: set[str]) -> list[ChainRow]:
    counted: Counter[tuple[str, str, str, str]] = Counter()
    first: dict[tuple[str, str, str, str], str] = {}
    for chain in report.chains:
        if chain.article_id not in ids or chain.via_kind == "unstated":
            continue
        article = report.article(chain.article_id)
        key = (chain.article_id, chain.via or "", chain.via_kind, chain.speaker or "speaker not named")
        counted[key] += 1
        first.setdefault(key, "#" + sentence_anchor(article, chain.start))
    rows = []
    for key, n in counted.items():
        article_id, via, kind, speaker = key
        rows.append(ChainRow(outlet_label(report.article(article_id)), via, _KIND_NAMES.get(kind, kind), speaker, n,
                             first[key]))
    return sorted(rows, key=lambda r: (r.outlet, r.kind, r.via, -r.count))
