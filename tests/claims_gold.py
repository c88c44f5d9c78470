"""Score a report's claims against a hand-made gold file (a helper module, not a test file).

The gold file (``tests/gold/*.json``) is a list of the story's factual propositions, each
with ``id``, ``statement``, ``status``, ``stated_in`` {article id: [exact substrings of the
cleaned text, each occurring once]}, optional ``vague_in`` (the same shape: an outlet that
says it only more vaguely or by implication, which is therefore not an omission),
``omitted_by`` (the outlets that say it in no wording), ``disputed_by`` [{claim, why,
dispute, required}] and ``held_by``. ``dispute`` names the dispute a pair belongs to (one
disagreement such as "the cause of the fire" may pair several propositions of each side);
``required: false`` marks a pair a report may show as a dispute without being wrong, and
need not show (a factual slip, an altered quote) — the framing and quote sections cover it.

Mapping. Each substring is located in its article's cleaned text. A report span maps to
the gold claims whose ``stated_in`` substrings in that article it overlaps (character
overlap, so sentence spans and clause spans are both handled); only when it overlaps none
does it fall back to ``vague_in`` substrings. A report claim means the gold claim(s) that
the most of its support spans map to (ties kept: a claim built of whole sentences may mean
several propositions at once). A claim none of whose support maps is not judged.

Counts (the first two must reach 0):
- wrong sides: contested report claims with a ``contradicted_by`` span whose gold claims
  dispute none of the claim's gold claims (a denial set against a statement it does not
  deny, or two versions of the same statement set against each other). Optional pairs
  count as right.
- false omissions: an outlet in a claim's ``omitted_by`` that states (``stated_in`` or
  ``vague_in``) every gold claim the report claim means.
- missed disputes: required gold disputes that no report claim shows (no claim whose
  meaning and one of whose contradicting spans form a pair of that dispute).
- merged claims: report claims whose mapped support spans share no gold claim (counting
  vague mentions), i.e. spans stating different propositions grouped as one.
Reported beside them, not targets: duplicate disputes (a gold dispute shown by more than
one report claim), status mismatches, unjudged spans and gold claims no report claim means.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.model import Report, Span

GOLD_DIR = Path(__file__).resolve().parent / "gold"


class GoldError(ValueError):
    """The gold file does not fit the report's articles (a substring not found once)."""


@dataclass(frozen=True)
class Link:
    other: str
    why: str
    dispute: str
    required: bool


@dataclass
class GoldClaim:
    id: str
    statement: str
    status: str
    stated: dict[str, list[tuple[int, int]]]
    vague: dict[str, list[tuple[int, int]]]
    omitted_by: list[str]
    links: dict[str, Link]
    held_by: list[str]

    def states(self, article_id: str) -> bool:
        """The outlet says it in some wording (vaguer wording included)."""
        return article_id in self.stated or article_id in self.vague


@dataclass
class GoldScore:
    wrong_sides: int = 0
    false_omissions: int = 0
    missed_disputes: int = 0
    merged_claims: int = 0
    duplicate_disputes: int = 0
    status_mismatches: int = 0
    errors: list[str] = field(default_factory=list)  # one line per counted error, readable
    notes: list[str] = field(default_factory=list)  # what is reported but not counted as an error
    meaning: dict[str, list[str]] = field(default_factory=dict)  # report claim id -> gold ids

    @property
    def ok(self) -> bool:
        return self.wrong_sides == 0 and self.false_omissions == 0

    def summary(self) -> str:
        return (f"wrong sides {self.wrong_sides}, false omissions {self.false_omissions}, "
                f"missed disputes {self.missed_disputes}, merged claims {self.merged_claims}, "
                f"duplicate disputes {self.duplicate_disputes}, status mismatches {self.status_mismatches}")


def load_gold(name_or_path: str | Path) -> list[dict[str, Any]]:
    path = Path(name_or_path)
    if not path.suffix:
        path = GOLD_DIR / f"{name_or_path}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise GoldError(f"{path}: expected a list of claims")
    return data


def locate(gold: list[dict[str, Any]], texts: dict[str, str]) -> dict[str, GoldClaim]:
    """The gold claims with every substring turned into (start, end) in its article."""

    def find(claim_id: str, key: str, where: dict[str, list[str]]) -> dict[str, list[tuple[int, int]]]:
        located: dict[str, list[tuple[int, int]]] = {}
        for article_id, substrings in where.items():
            if article_id not in texts:
                raise GoldError(f"{claim_id}: article {article_id} is not in the report")
            text = texts[article_id]
            for sub in substrings:
                count = text.count(sub)
                if count != 1:
                    raise GoldError(f"{claim_id}.{key}[{article_id}]: {sub!r} occurs {count} times")
                start = text.index(sub)
                located.setdefault(article_id, []).append((start, start + len(sub)))
        return located

    claims: dict[str, GoldClaim] = {}
    for raw in gold:
        cid = raw["id"]
        if cid in claims:
            raise GoldError(f"duplicate gold id {cid}")
        links = {d["claim"]: Link(d["claim"], d["why"], d.get("dispute", cid), bool(d.get("required", True)))
                 for d in raw.get("disputed_by", [])}
        claims[cid] = GoldClaim(
            id=cid, statement=raw["statement"], status=raw["status"],
            stated=find(cid, "stated_in", raw["stated_in"]), vague=find(cid, "vague_in", raw.get("vague_in", {})),
            omitted_by=list(raw.get("omitted_by", [])), links=links, held_by=list(raw.get("held_by", [])))
    for claim in claims.values():
        for other in claim.links:
            if other not in claims:
                raise GoldError(f"{claim.id}: disputed_by names unknown claim {other}")
        overlap = set(claim.omitted_by) & (set(claim.stated) | set(claim.vague))
        if overlap:
            raise GoldError(f"{claim.id}: omitted_by also states it: {sorted(overlap)}")
    return claims


def _overlaps(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in ranges)


class _Mapper:
    def __init__(self, claims: dict[str, GoldClaim], texts: dict[str, str]) -> None:
        self.claims = claims
        self.texts = texts

    def strong(self, span: Span) -> set[str]:
        """Gold claims the span states (falling back to those it states vaguely)."""
        found = {c.id for c in self.claims.values() if _overlaps(span, c.stated.get(span.article_id, []))}
        return found or self.weak(span)

    def weak(self, span: Span) -> set[str]:
        return {c.id for c in self.claims.values() if _overlaps(span, c.vague.get(span.article_id, []))}

    def loose(self, span: Span) -> set[str]:
        return self.strong(span) | self.weak(span)

    def show(self, span: Span) -> str:
        text = " ".join(self.texts.get(span.article_id, "")[span.start : span.end].split())
        if len(text) > 90:
            text = text[:87] + "..."
        return f"{span.article_id}[{span.start}:{span.end}] {text!r}"


def _meaning(spans: list[Span], mapper: _Mapper) -> list[str]:
    counts: Counter[str] = Counter()
    for span in spans:
        counts.update(mapper.strong(span))
    if not counts:
        return []
    best = max(counts.values())
    return sorted(g for g, n in counts.items() if n == best)


def score(report: Report, gold: list[dict[str, Any]] | str | Path) -> GoldScore:
    """Score ``report``'s claims against ``gold`` (the loaded list, a path, or a gold file name)."""
    raw = gold if isinstance(gold, list) else load_gold(gold)
    texts = {a.id: a.text for a in report.articles}
    claims = locate(raw, texts)
    gold_articles = {a for c in claims.values() for a in [*c.stated, *c.vague, *c.omitted_by]}
    mapper = _Mapper(claims, texts)
    result = GoldScore()
    shown: dict[str, list[str]] = {}  # gold dispute name -> report claims showing it
    meant: set[str] = set()

    for claim in report.claims:
        support = [s for s in claim.support if s.article_id in gold_articles]
        if not support:
            continue
        meaning = _meaning(support, mapper)
        result.meaning[claim.id] = meaning
        label = f"{claim.id} [{', '.join(meaning) or 'unmapped'}]"
        if not meaning:
            result.notes.append(f"{claim.id}: no support span maps to a gold claim ({mapper.show(support[0])})")
            continue
        meant.update(meaning)

        # merged: spans stating different propositions in one claim
        mapped = [(s, mapper.loose(s)) for s in support]
        mapped = [(s, g) for s, g in mapped if g]
        if len(mapped) > 1 and not set.intersection(*(g for _, g in mapped)):
            result.merged_claims += 1
            parts = "; ".join(f"{mapper.show(s)} -> {sorted(g)}" for s, g in mapped)
            result.errors.append(f"merged claim {label}: its support states different propositions: {parts}")

        # sides of a dispute
        wrong = []
        disputes_here: set[str] = set()
        for span in claim.contradicted_by:
            if span.article_id not in gold_articles:
                continue
            other = mapper.strong(span)
            if not other:
                result.notes.append(f"{claim.id}: contradicting span maps to no gold claim: {mapper.show(span)}")
                continue
            pairs = [claims[m].links[o] for m in meaning for o in other if o in claims[m].links]
            if pairs:
                disputes_here.update(link.dispute for link in pairs)
            else:
                wrong.append(f"{mapper.show(span)} -> {sorted(other)}")
        if wrong:
            result.wrong_sides += 1
            result.errors.append(
                f"wrong side in {label} {claim.text[:80]!r}: set against " + "; ".join(wrong)
                + " (no gold dispute between them)")
        for name in disputes_here:
            shown.setdefault(name, []).append(claim.id)

        # omissions
        for article_id in claim.omitted_by:
            if article_id in gold_articles and all(claims[m].states(article_id) for m in meaning):
                result.false_omissions += 1
                where = {m: claims[m].stated.get(article_id) or claims[m].vague.get(article_id) or [] for m in meaning}
                cited = "; ".join(f"{m}: " + mapper.show(Span(article_id, *where[m][0])) for m in meaning if where[m])
                result.errors.append(f"false omission in {label}: {article_id} states it ({cited})")

        # status (not an error count target)
        statuses = {claims[m].status for m in meaning}
        disputable = any(claims[m].links for m in meaning)
        if claim.status not in statuses and not (claim.status == "contested" and disputable):
            result.status_mismatches += 1
            result.notes.append(f"status of {label}: report {claim.status}, gold {sorted(statuses)}")

    required = sorted({link.dispute for c in claims.values() for link in c.links.values() if link.required})
    for name in required:
        if name not in shown:
            result.missed_disputes += 1
            sides = sorted({" against ".join(sorted((g.id, o))) for g in claims.values()
                            for o, link in g.links.items() if link.dispute == name and link.required})
            result.errors.append(f"missed dispute {name!r}: no report claim sets " + " or ".join(sides))
    for name, ids in sorted(shown.items()):
        if len(ids) > 1:
            result.duplicate_disputes += len(ids) - 1
            result.notes.append(f"dispute {name!r} shown by {len(ids)} claims: {', '.join(ids)}")
    for cid, gold_claim in claims.items():
        if cid not in meant and len(gold_claim.stated) > 1:
            result.notes.append(
                f"gold claim {cid} (stated by {len(gold_claim.stated)} outlets) is meant by no report claim")
    return result
