"""Disputes inside a story: a denial against exactly what it denies, two counts of the same
thing, a negation against its assertion. One dispute is one finding with two sides, each
side the claims and spans that hold it and who holds them (the source an outlet cites, or the
outlet in its own words); we never say who is right.

A denial is matched through its object, not its sentence: "the General Staff denied reports
that troops had been encircled" is set against the propositions that say the troops are
encircled (in any outlet's words, including what a sentence takes for granted), never
against other sentences of the story that merely share its topic. A denial that only points
back ("rejected that account") denies the statement just before it in its article.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..config import ClaimSettings
from ..embed import Encoder
from ..lang.words import content_words
from ..model import Claim, ClaimMention, Dispute, DisputeSide, Span, Story
from .near import Near
from .stance import Stance, judge, parse_many, stem


def find_disputes(story: Story, claims: list[Claim], groups: list[list[int]], mentions: list[ClaimMention],
                  vectors: np.ndarray, cosine: Near, clashes: list[tuple[int, int, str]],
                  related: set[tuple[str, str]], embedder: Encoder, settings: ClaimSettings,
                  labels: dict[str, str]) -> list[Dispute]:
    """The story's disputes; the claims on either side become contested. ``groups[k]`` are
    the mentions of ``claims[k]`` (numbers-only claims after them have no group); ``related``
    the pairs of predicate words of one meaning (``related_predicates`` over the mentions'
    verbs and the denials' objects)."""
    claim_of = {i: k for k, group in enumerate(groups) for i in group}
    pairs: list[tuple[set[int], set[int], str, str]] = []  # mentions of side A, of side B, kind, why
    for i, j, why in clashes:
        pairs.append(({i}, {j}, "numbers", why))
    pairs.extend(_denials(mentions, vectors, related, embedder, settings))
    pairs.extend(_negations(mentions, cosine, embedder, settings))
    members = {k: set(group) for k, group in enumerate(groups)}
    pairs = [(_whole(a, claim_of, members) if kind == "denial" else a, b, kind, why) for a, b, kind, why in pairs]
    disputes = _merged(pairs, claim_of)
    out: list[Dispute] = []
    for side_a, side_b, kind, why in disputes:
        side_b = side_b - side_a  # nothing holds both positions
        sides = [_side(s, claim_of, mentions, labels) for s in (side_a, side_b)]
        if not sides[0].support or not sides[1].support:
            continue
        if kind == "denial":  # one line for every report of the denial
            why = f"denied by {', '.join(sides[0].holders)}"
        elif kind == "numbers":  # "120 (001), Around 120 (005) vs Some 40 (004)", each figure once
            why = _figures_apart(why, [{labels[mentions[i].article_id] for i in side} for side in (side_a, side_b)])
        for mine, other in ((sides[0], sides[1]), (sides[1], sides[0])):
            for k in {claim_of[i] for i in (side_a if mine is sides[0] else side_b) if i in claim_of}:
                claim = claims[k]
                claim.status = "contested"
                claim.contradicted_by = list(dict.fromkeys([*claim.contradicted_by, *other.support]))
                claim.conflict = _join(claim.conflict, why)
        out.append(Dispute(id=f"{story.id}:d{len(out) + 1}", story_id=story.id, kind=kind,  # type: ignore[arg-type]
                           why=why, sides=sides))
    return out


def _whole(side: set[int], claim_of: dict[int, int], members: dict[int, set[int]]) -> set[int]:
    """A denial's side holds every report of the denial (its claim), not only the ones whose
    object is spelled out ("denying encirclement" beside "denied reports that troops ...")."""
    return side.union(*(members[claim_of[i]] for i in side if i in claim_of))


def _figures_apart(why: str, labels: list[set[str]]) -> str:
    """The merged "numbers differ: A (outlet) vs B (outlet)" notes as one line: each side's
    figures, each with its outlet, each once."""
    figures: dict[tuple[str, str], None] = {}
    for note in why.split("; "):
        for part in note.removeprefix("numbers differ: ").split(" vs "):
            text, _, label = part.partition(" (")
            figures[text, label.removesuffix(")")] = None
    sides = [[f"{text} ({label})" for text, label in figures if label in mine] for mine in labels]
    return f"numbers differ: {', '.join(sides[0])} vs {', '.join(sides[1])}" if all(sides) else why


def _join(old: str | None, new: str) -> str:
    return "; ".join(dict.fromkeys([*(old.split("; ") if old else []), new]))


def _side(side: set[int], claim_of: dict[int, int], mentions: list[ClaimMention], labels: dict[str, str]
          ) -> DisputeSide:
    ordered = sorted(side, key=lambda i: (mentions[i].article_id, mentions[i].start))
    holders = [mentions[i].denier or mentions[i].source or f"{labels[mentions[i].article_id]} (in its own words)"
               for i in ordered]
    return DisputeSide(claim_ids=[str(k) for k in dict.fromkeys(claim_of[i] for i in ordered if i in claim_of)],
                       holders=list(dict.fromkeys(holders)),
                       support=list(dict.fromkeys(Span(mentions[i].article_id, mentions[i].start, mentions[i].end)
                                                  for i in ordered)))


def _merged(pairs: list[tuple[set[int], set[int], str, str]], claim_of: dict[int, int]
            ) -> list[tuple[set[int], set[int], str, str]]:
    """One dispute per position: every report of one denial, against everything it denies, is
    a single finding however many outlets print it; a count that others contradict in
    several clusters ("40" against "120" and "around 120") is one dispute too. Sides are
    compared by the claims they hold (a mention outside any claim stands for itself), each
    side's keys kept as it grows."""
    def key(side: set[int]) -> set[object]:
        return {("c", claim_of[i]) if i in claim_of else ("m", i) for i in side}
    out: list[tuple[set[int], set[int], str, dict[str, None]]] = []  # sides, kind, the notes of why
    keys: list[tuple[set[object], set[object]]] = []
    for a, b, kind, why in pairs:
        key_a, key_b = key(a), key(b)
        for k, (x, y, kind2, notes) in enumerate(out):
            if kind2 != kind:
                continue
            key_x, key_y = keys[k]
            if not key_a.isdisjoint(key_x) or not key_b.isdisjoint(key_y):
                mine, theirs = (a, key_a), (b, key_b)
            elif not key_a.isdisjoint(key_y) or not key_b.isdisjoint(key_x):
                mine, theirs = (b, key_b), (a, key_a)  # the same two positions, named the other way
            else:
                continue
            x.update(mine[0])
            key_x.update(mine[1])
            y.update(theirs[0])
            key_y.update(theirs[1])
            notes.update(dict.fromkeys(why.split("; ")))
            break
        else:
            out.append((set(a), set(b), kind, dict.fromkeys(why.split("; "))))
            keys.append((key_a, key_b))
    return [(x, y, kind, "; ".join(notes)) for x, y, kind, notes in out]


def _denials(mentions: list[ClaimMention], vectors: np.ndarray, related: set[tuple[str, str]], embedder: Encoder,
             settings: ClaimSettings) -> Iterable[tuple[set[int], set[int], str, str]]:
    """(denials, what they deny, "denial", why) for each object of a denial that matches
    propositions of the story: the same predicate ("encircled", "encirclement",
    "surrounded": one word family, or words the encoder puts as close as synonyms), and
    close in meaning to the object's own words; neither negated nor a denial themselves.
    Both, because meaning alone is dominated by the participants ("Ukrainian troops ...")
    and the predicate alone by the word. Denials of one object in the same words (a denial
    many outlets print) are matched once, as one side."""
    same = denial_objects(mentions)
    if not same:
        return
    candidates = [j for j, m in enumerate(mentions) if not m.denial and not m.negated and m.verb]
    targets = embedder.embed([text or "" for text, _ in same])
    for (text, verb), target, deniers in zip(same, targets, same.values(), strict=True):
        if not text or not verb:
            continue
        sims = vectors @ target
        denied = {j for j in candidates if (verb, mentions[j].verb) in related and sims[j] >= settings.denied}
        if denied:
            first = mentions[deniers[0]]
            yield set(deniers), denied, "denial", f"denied by {first.denier or first.source or 'one side'}"


def denial_objects(mentions: list[ClaimMention]) -> dict[tuple[str | None, str | None], list[int]]:
    """What each denial denies, as (its words, its predicate word), with the denials of it,
    first seen first: the object spelled out, or the statement just before the denial."""
    denials = [i for i, m in enumerate(mentions) if m.denial]
    if not denials:
        return {}
    stated: dict[str, list[ClaimMention]] = {}
    for m in mentions:
        if m.role != "presupposed":
            stated.setdefault(m.article_id, []).append(m)
    same: dict[tuple[str | None, str | None], list[int]] = {}
    for i in denials:
        m = mentions[i]
        obj = (m.denies, m.denies_verb) if m.denies else _pointed_back(m, stated.get(m.article_id, []))
        same.setdefault(obj, []).append(i)
    return same


def related_predicates(embedder: Encoder, words: set[str], threshold: float) -> set[tuple[str, str]]:
    """Pairs of predicate words of one meaning: one stem ("encircled", "encirclement") or
    as close as synonyms for the encoder, compared as written (participles keep their sense)."""
    ordered = sorted(words)
    if not ordered:
        return set()
    vectors = embedder.embed(ordered)
    close = np.argwhere(vectors @ vectors.T >= threshold)
    pairs = {(ordered[x], ordered[y]) for x, y in close}
    by_stem: dict[str, list[str]] = {}
    for word in ordered:
        by_stem.setdefault(stem(word), []).append(word)
    pairs.update((a, b) for family in by_stem.values() for a in family for b in family)
    return pairs


def _pointed_back(m: ClaimMention, stated: list[ClaimMention]) -> tuple[str | None, str | None]:
    """"The union rejected that account": the statement before it in its article (``stated``:
    the article's propositions that are not taken for granted)."""
    before = [x for x in stated if x.sentence_start < m.sentence_start]
    if not before:
        return None, None
    last = max(before, key=lambda x: x.sentence_start)
    return last.core, last.verb


def _negations(mentions: list[ClaimMention], cosine: Near, embedder: Encoder, settings: ClaimSettings
               ) -> Iterable[tuple[set[int], set[int], str, str]]:
    """"the bridge has not been closed" against "the bridge was closed": a negated
    proposition with the same predicate as another article's assertion, close to it, checked
    with the stance rules (negation of the claim's own words), not by cosine."""
    pairs = [(i, j) for i, m in enumerate(mentions) if m.negated and not m.denial and m.predicate
             for j, score in cosine[i].items()
             if mentions[j].article_id != m.article_id and not mentions[j].negated and not mentions[j].denial
             and m.predicate == mentions[j].predicate and score >= settings.related
             and len(content_words(m.core) & content_words(mentions[j].core)) >= settings.min_shared]
    if not pairs:
        return
    texts = sorted({mentions[k].core or mentions[k].text for pair in pairs for k in pair})  # copies parsed once
    parsed = dict(zip(texts, parse_many(texts, embedder=embedder), strict=True))
    verdicts: dict[tuple[str, str], Stance] = {}
    for i, j in pairs:
        said, denied = mentions[j].core or mentions[j].text, mentions[i].core or mentions[i].text
        if (said, denied) not in verdicts:
            verdicts[said, denied] = judge(parsed[said], parsed[denied], known_related=True)
        verdict = verdicts[said, denied]
        if verdict.label == "disagree":
            yield {i}, {j}, "contrary", f"contradicted: {verdict.evidence}"
