"""The timeline's events: one event per thing across outlets, and the outlets that date one
claim differently (timeline.py resolves the dates). Items of one date are joined per claim
and per distinct set of clause words, and a claim's dates are compared once per group of
sentences that date and word it alike: a story of copies has thousands of items, a few
hundred distinct ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..lang.dates import iso_label, period
from ..lang.media import outlet_label
from ..lang.words import content_words
from ..model import Article, Claim, ClaimMention, DateMention, Sentence, Span, TimelineEvent

LEVELS = ("high", "medium", "low")
GRAIN = {"year": 3, "month": 2, "week": 1, "day": 0, "time": 0}
_MIN_SHARED = 3  # informative content-word stems two clauses share to be about the same thing
_LISTED = 8  # conflicting pairs of outlets an event names


@dataclass(eq=False)
class Dated:
    """One article's resolved date expression, the sentence it dates and what it says there."""

    article_id: str
    mention: DateMention
    sentence: Sentence
    value: str
    granularity: str
    part_of_day: str | None
    anchor: str
    base: str | None
    confidence: str
    text: str = ""
    stems: set[str] = field(default_factory=set)
    claim: Claim | None = None


def story_events(story_id: str | None, members: list[Article], dated: list[Dated]) -> list[TimelineEvent]:
    """Same date and same claim or same words: one event, every outlet's sentence its evidence."""
    first: dict[tuple[str, int, str, str], Dated] = {}
    for d in dated:  # one per sentence and date
        first.setdefault((d.article_id, d.sentence.start, d.value, d.granularity), d)
    unique = list(first.values())
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, str], list[int]] = {}
    for i, d in enumerate(unique):
        buckets.setdefault((d.value, d.granularity), []).append(i)
    for bucket in buckets.values():  # the pairs same_event joins, found per claim and per distinct words
        for i, j in _joined(bucket, unique):
            parent[root(i)] = root(j)
    clusters: dict[int, list[Dated]] = {}
    for i, d in enumerate(unique):
        clusters.setdefault(root(i), []).append(d)
    event_of: dict[int, TimelineEvent] = {}
    for group in clusters.values():
        group.sort(key=lambda d: (d.article_id, d.sentence.start))
        best = min(group, key=lambda d: (LEVELS.index(d.confidence), d.article_id, d.sentence.start))
        parts = [d.part_of_day for d in group if d.part_of_day]
        event = TimelineEvent(
            date=iso_label(best.value, best.granularity), text=best.text,
            evidence=[Span(d.article_id, d.sentence.start, d.sentence.end) for d in group],
            granularity=best.granularity, part_of_day=max(sorted(set(parts)), key=parts.count) if parts else None,
            anchors=[_anchor_record(d) for d in group], confidence=best.confidence,  # type: ignore[arg-type]
            articles=sorted({d.article_id for d in group}), story_id=story_id,
            claim_ids=sorted({d.claim.id for d in group if d.claim is not None}),
        )
        event_of.update((id(d), event) for d in group)
    _flag_conflicts(unique, event_of, {a.id: a for a in members})
    return list({id(e): e for e in event_of.values()}.values())


def _joined(bucket: list[int], unique: list[Dated]) -> Iterable[tuple[int, int]]:
    """Enough pairs of one date's items to join every two that ``same_event`` joins: the
    items of one claim; the items whose clauses share ``_MIN_SHARED`` words, compared once
    per distinct set of words (a story of copies has thousands of items, a few hundred sets)."""
    first: dict[object, int] = {}
    words: dict[frozenset[str], int] = {}
    for i in bucket:
        d = unique[i]
        if d.claim is not None:
            yield i, first.setdefault(id(d.claim), i)
        stems = frozenset(d.stems)
        if len(stems) >= _MIN_SHARED:
            yield i, words.setdefault(stems, i)
    distinct = list(words.items())
    for n, (a, i) in enumerate(distinct):
        for b, j in distinct[n + 1 :]:
            if len(a & b) >= _MIN_SHARED:
                yield i, j


def _flag_conflicts(items: list[Dated], event_of: dict[int, TimelineEvent], by_id: dict[str, Article]) -> None:
    """The same claim dated differently by two outlets: both events say so, with both sides.
    Sentences of a claim that give it the same dates and the same who-did-what (copies of one
    report) are judged once against each other such group; an event names at most
    ``_LISTED`` conflicting pairs of outlets, and says how many more."""
    per_claim: dict[int, dict[tuple[str, int], list[Dated]]] = {}  # claim -> its sentences -> their dates
    for d in items:
        if d.claim is not None:
            per_claim.setdefault(id(d.claim), {}).setdefault((d.article_id, d.sentence.start), []).append(d)
    count: dict[int, int] = {}  # event -> its conflicts
    named: dict[int, set[Span]] = {}
    for sentences in per_claim.values():
        dated = list(sentences.values())
        events = [list({id(event_of[id(d)]): event_of[id(d)] for d in ds}.values()) for ds in dated]
        for n, m, (x, y) in _apart(dated):  # x, y: the first two dates of one grain, one of each sentence
            ours, theirs = dated[n], dated[m]
            a, b = ours[x], theirs[y]
            why = None
            for mine, other in ((n, b), (m, a)):
                for event in events[mine]:
                    count[id(event)] = count.get(id(event), 0) + 1
                    if count[id(event)] <= _LISTED:
                        why = why or ", ".join(f'{outlet_label(by_id[z.article_id])} dates it '
                                               f'{iso_label(z.value, z.granularity)} ("{z.mention.text}")'
                                               for z in (a, b)) + f": same claim {a.claim.id}"  # type: ignore[union-attr]
                        event.conflict = why if event.conflict is None else f"{event.conflict}; {why}"
                    listed = named.setdefault(id(event), set(event.conflicting))
                    span = Span(other.article_id, other.sentence.start, other.sentence.end)
                    if span not in listed:
                        listed.add(span)
                        event.conflicting.append(span)
    for event in {id(e): e for e in event_of.values()}.values():
        if count.get(id(event), 0) > _LISTED:
            event.conflict = f"{event.conflict}; and {count[id(event)] - _LISTED} more such pairs of outlets"


def _apart(dated: list[list[Dated]]) -> list[tuple[int, int, tuple[int, int]]]:
    """The pairs of a claim's sentences (each a list of its dates) from two articles that date
    it incompatibly while saying the same who-did-what, in order, with the places of their
    first two dates of one grain; judged once per pair of groups of sentences with the same
    dates and the same subject and predicate."""
    claim = dated[0][0].claim
    found = {(m.article_id, m.start): m for m in claim.mentions} if claim else {}
    groups: dict[tuple[object, ...], list[int]] = {}
    for n, ours in enumerate(dated):
        x = found.get((ours[0].article_id, ours[0].sentence.start))
        key = (tuple((d.value, d.granularity) for d in ours), None if x is None else (x.predicate, x.subject))
        groups.setdefault(key, []).append(n)
    kinds = list(groups.values())
    out: list[tuple[int, int, tuple[int, int]]] = []
    for k, first in enumerate(kinds):
        for second in kinds[k + 1 :]:
            ours, theirs = dated[first[0]], dated[second[0]]
            grains = [(x, y) for x, a in enumerate(ours) for y, b in enumerate(theirs)
                      if GRAIN[a.granularity] == GRAIN[b.granularity]]
            if not grains or not _same_subject(ours[0], theirs[0], found) \
                    or any(compatible(a, b) for a in ours for b in theirs):
                continue
            back = min((y, x) for x, y in grains)  # the same, with the sentences the other way round
            out.extend((n, m, grains[0]) if n < m else (m, n, back) for n in first for m in second
                       if dated[n][0].article_id != dated[m][0].article_id)
    return sorted(out)


def _same_subject(a: Dated, b: Dated, found: dict[tuple[str, int], ClaimMention]) -> bool:
    """Two aligned sentences that say the same who-did-what (not just the same topic);
    ``found``: their claim's mentions by article and start."""
    x, y = found.get((a.article_id, a.sentence.start)), found.get((b.article_id, b.sentence.start))
    return x is not None and y is not None and (bool(x.predicate and x.predicate == y.predicate) or
                                                bool(content_words(x.subject or "") & content_words(y.subject or "")))


def same_event(a: Dated, b: Dated) -> bool:
    """Two dates of one thing: the same claim, or clauses sharing several names and words."""
    return a.value == b.value and a.granularity == b.granularity and (
        (a.claim is not None and a.claim is b.claim) or len(a.stems & b.stems) >= _MIN_SHARED)


def _anchor_record(d: Dated) -> dict[str, str | int | None]:
    return {"article_id": d.article_id, "start": d.mention.start, "end": d.mention.end, "expression": d.mention.text,
            "value": iso_label(d.value, d.granularity), "anchor": d.anchor, "base": d.base, "confidence": d.confidence}


def compatible(a: Dated, b: Dated) -> bool:
    """Two dates that can both be right: equal, or one inside the other (a day in its week)."""
    (a0, a1), (b0, b1) = period(a.value, a.granularity), period(b.value, b.granularity)
    return a0 <= b0 and b1 <= a1 or b0 <= a0 and a1 <= b1
