"""The timeline's events: one event per thing across outlets, and the outlets that date one
claim differently (timeline.py resolves the dates). Items of one date are joined per claim
and per distinct set of clause words, and a claim's dates are compared once per group of
sentences that date and word it alike: a story of copies has thousands of items, a few
hundred distinct ones."""

from __future__ import annotations

from collections import Counter
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


Place = tuple[int, int, int]  # a claim, and two of its sentences: the order conflicts are noted in


def _flag_conflicts(items: list[Dated], event_of: dict[int, TimelineEvent], by_id: dict[str, Article]) -> None:
    """The same claim dated differently by two outlets: both events say so, with both sides.
    Sentences of a claim that give it the same dates and the same who-did-what (copies of one
    report) are judged once against each other such group (``_apart``); an event names at most
    ``_LISTED`` conflicting pairs of outlets, the first in the story's order, and counts the
    rest; it lists every other sentence once. Work follows the groups, not their pairs."""
    per_claim: dict[int, dict[tuple[str, int], list[Dated]]] = {}  # claim -> its sentences -> their dates
    for d in items:
        if d.claim is not None:
            per_claim.setdefault(id(d.claim), {}).setdefault((d.article_id, d.sentence.start), []).append(d)
    count: dict[int, int] = {}  # event -> its conflicting pairs
    notes: dict[int, list[tuple[Place, str]]] = {}  # event -> its first notes, with their places
    spans: dict[int, dict[Span, Place]] = {}  # event -> the other sentences, each with its first place
    touched: dict[int, TimelineEvent] = {}
    for c, sentences in enumerate(per_claim.values()):
        dated = list(sentences.values())
        events = [list({id(event_of[id(d)]): event_of[id(d)] for d in ds}.values()) for ds in dated]
        for first, second, there, back in _apart(dated):
            pairs: dict[int, int] = {}  # event -> its pairs of these two groups
            for side, other in ((first, second), (second, first)):
                articles = Counter(dated[m][0].article_id for m in other)
                for n in side:
                    for event in events[n]:
                        touched[id(event)] = event
                        pairs[id(event)] = pairs.get(id(event), 0) + len(other) - articles[dated[n][0].article_id]
                _other_sentences(c, side, other, dated, events, spans)
            for key, event, why in _first_notes(c, first, second, dated, events, pairs, (there, back), by_id):
                notes.setdefault(id(event), []).append((key, why))
            for event_id, n in pairs.items():
                count[event_id] = count.get(event_id, 0) + n
    for event_id, event in touched.items():
        listed = sorted(notes.get(event_id, []))[:_LISTED]
        if listed:
            more = count[event_id] - len(listed)
            event.conflict = "; ".join(why for _, why in listed) + (
                f"; and {more} more such pairs of outlets" if more > 0 else "")
        event.conflicting = [span for span, _ in sorted(spans.get(event_id, {}).items(), key=lambda kv: kv[1])]


def _other_sentences(c: int, side: list[int], other: list[int], dated: list[list[Dated]],
                     events: list[list[TimelineEvent]], spans: dict[int, dict[Span, Place]]) -> None:
    """Each event of ``side``'s sentences gets ``other``'s sentences (of other articles), each
    at the first place a pair of the two puts it."""
    own: dict[int, list[int]] = {}  # event -> its sentences of this side, in order
    for n in side:
        for event in events[n]:
            own.setdefault(id(event), []).append(n)
    for event_id, mine in own.items():
        found = spans.setdefault(event_id, {})
        for p in other:
            d = dated[p][0]
            n0 = next((n for n in mine if dated[n][0].article_id != d.article_id), None)
            if n0 is None:
                continue
            place, span = (c, min(n0, p), max(n0, p)), Span(d.article_id, d.sentence.start, d.sentence.end)
            if span not in found or place < found[span]:
                found[span] = place


def _first_notes(c: int, first: list[int], second: list[int], dated: list[list[Dated]],
                 events: list[list[TimelineEvent]], pairs: dict[int, int], places: tuple[tuple[int, int], ...],
                 by_id: dict[str, Article]) -> list[tuple[Place, TimelineEvent, str]]:
    """The notes of the first ``_LISTED`` pairs of each event of two groups, in order: taken
    from the first sentences of each group (the first pairs are among them), or from all
    pairs when these do not give each event its share."""
    def ordered(heads: int | None) -> list[tuple[int, int]]:
        return sorted((min(n, m), max(n, m)) for n in first[:heads] for m in second[:heads]
                      if dated[n][0].article_id != dated[m][0].article_id)

    chosen = ordered(2 * _LISTED)
    reach: dict[int, int] = {}
    for n, m in chosen:
        for event in events[n] + events[m]:
            reach[id(event)] = reach.get(id(event), 0) + 1
    if any(reach.get(event_id, 0) < min(_LISTED, n) for event_id, n in pairs.items()):
        chosen = ordered(None)
    firsts = set(first)
    out: list[tuple[Place, TimelineEvent, str]] = []
    given: dict[int, int] = {}
    for n, m in chosen:
        x, y = places[0] if n in firsts else places[1]
        a, b = dated[n][x], dated[m][y]
        why = ", ".join(f'{outlet_label(by_id[z.article_id])} dates it {iso_label(z.value, z.granularity)} '
                        f'("{z.mention.text}")' for z in (a, b)) + f": same claim {a.claim.id}"  # type: ignore[union-attr]
        for event in events[n] + events[m]:
            given[id(event)] = given.get(id(event), 0) + 1
            if given[id(event)] <= _LISTED:
                out.append(((c, n, m), event, why))
    return out


def _apart(dated: list[list[Dated]]) -> list[tuple[list[int], list[int], tuple[int, int], tuple[int, int]]]:
    """The pairs of groups of a claim's sentences (each a list of its dates; a group gives the
    same dates and the same subject and predicate) that date it incompatibly while saying the
    same who-did-what, each judged once; with the places of their first two dates of one
    grain, first group first and the other way round."""
    claim = dated[0][0].claim
    found = {(m.article_id, m.start): m for m in claim.mentions} if claim else {}
    groups: dict[tuple[object, ...], list[int]] = {}
    for n, ours in enumerate(dated):
        x = found.get((ours[0].article_id, ours[0].sentence.start))
        key = (tuple((d.value, d.granularity) for d in ours), None if x is None else (x.predicate, x.subject))
        groups.setdefault(key, []).append(n)
    kinds = list(groups.values())
    out = []
    for k, first in enumerate(kinds):
        for second in kinds[k + 1 :]:
            ours, theirs = dated[first[0]], dated[second[0]]
            grains = [(x, y) for x, a in enumerate(ours) for y, b in enumerate(theirs)
                      if GRAIN[a.granularity] == GRAIN[b.granularity]]
            if not grains or not _same_subject(ours[0], theirs[0], found) \
                    or any(compatible(a, b) for a in ours for b in theirs):
                continue
            out.append((first, second, grains[0], min((y, x) for x, y in grains)))
    return out


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
