"""Claims across the articles of a story: which statements are the same assertion, how many
independent sources carry each, which conflict, and which an outlet left out.

Alignment needs more than cosine (which rates a denial as close to the claim it denies as a
paraphrase): two sentences are one claim when their meaning is close AND they share what a
claim is about (names, numbers, content words). Conflicts are structural: a number that
disagrees about the same thing, or a denial of what others assert. We flag the conflict
with both sides' sentences; we never say who is right.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..config import ClaimSettings
from ..embed import Encoder
from ..lang.media import outlet_label
from ..lang.words import content_words
from ..model import Article, Claim, ClaimMention, NumberMention, Reuse, Span, Story
from ..relate import independent_sources
from .stance import judge, parse_many


def align_claims(story: Story, articles: list[Article], reuse: list[Reuse], embedder: Encoder,
                 settings: ClaimSettings | None = None) -> list[Claim]:
    """The story's claims: its articles' check-worthy sentences aligned across outlets."""
    settings = settings or ClaimSettings()
    mentions = [m for a in articles for m in a.claims]
    if not mentions:
        return []
    return _story_claims(story, articles, mentions, reuse, embedder, settings)


def _story_claims(story: Story, members: list[Article], mentions: list[ClaimMention], reuse: list[Reuse],
                  embedder: Encoder, settings: ClaimSettings) -> list[Claim]:
    cosine = _neighbours(embedder.embed([m.text for m in mentions]), settings)
    stems = _informative_stems(mentions, settings)
    # what a denial rejects: its words minus those naming who denies
    stems = [words - content_words(m.denier or "") if m.denial else words
             for m, words in zip(mentions, stems, strict=True)]
    labels = {a.id: outlet_label(a) for a in members}
    clashes = list(_number_conflicts(mentions, cosine, settings, labels))
    groups = _merge(mentions, _links(mentions, cosine, stems, settings), {(i, j) for i, j, _ in clashes})
    cluster_of = {i: k for k, group in enumerate(groups) for i in group}
    conflicts: dict[int, dict[int, str]] = {k: {} for k in range(len(groups))}  # cluster -> other -> why
    for i, j, why in clashes:
        a, b = cluster_of[i], cluster_of[j]
        conflicts[a].setdefault(b, why)
        conflicts[b].setdefault(a, why)
    for a, b, why in [*_denied_claims(groups, mentions, cosine, stems, settings),
                      *_negations(groups, mentions, cosine, stems, settings, embedder)]:
        conflicts[a].setdefault(b, why)
        conflicts[b].setdefault(a, why)
    sources_of = {a: frozenset(g) for g in independent_sources([a.id for a in members], reuse) for a in g}
    claims: list[Claim] = []
    for k, group in enumerate(groups):
        group_mentions = sorted((mentions[i] for i in group), key=lambda m: (m.article_id, m.start))
        reporting = sorted({m.article_id for m in group_mentions})
        sources = sorted({sources_of[a] for a in reporting}, key=sorted)
        contradicted: list[Span] = []
        notes = []
        for other, why in conflicts[k].items():
            notes.append(why)
            contradicted.extend(Span(mentions[i].article_id, mentions[i].start, mentions[i].end) for i in groups[other])
        status = "contested" if notes else "corroborated" if len(sources) >= 2 else "single_source"
        omitted = []
        if len(members) >= 3 and 2 * len(reporting) > len(members):
            omitted = [a.id for a in members if a.id not in reporting]
        claims.append(Claim(
            id="", text=_representative(group, cosine, mentions).text, status=status,  # type: ignore[arg-type]
            support=[Span(m.article_id, m.start, m.end) for m in group_mentions],
            contradicted_by=_unique(contradicted), omitted_by=omitted, story_id=story.id,
            articles=reporting, sources=[sorted(s) for s in sources], conflict="; ".join(dict.fromkeys(notes)) or None,
            mentions=group_mentions,
        ))
    claims.extend(_lone_numbers(claims, mentions, sources_of, labels, settings))
    order = {"contested": 0, "corroborated": 1, "single_source": 2}
    claims.sort(key=lambda c: (order[c.status], -len(c.articles), c.support[0].article_id, c.support[0].start))
    for n, claim in enumerate(claims, start=1):
        claim.id = f"{story.id}:c{n}"
    return claims


Near = list[dict[int, float]]  # per sentence: its closest sentences of the story -> cosine


def _neighbours(vectors: np.ndarray, settings: ClaimSettings) -> Near:
    """The ``neighbours`` closest sentences of each (cosine above the loosest threshold we
    use), computed block by block: a story of thousands of sentences never needs the full
    similarity matrix in memory, and every later step looks only at these pairs."""
    n = len(vectors)
    near: Near = [{} for _ in range(n)]
    k = min(settings.neighbours, n - 1)
    if k <= 0:
        return near
    for start in range(0, n, 512):
        block = vectors[start : start + 512] @ vectors.T
        for row, sims in enumerate(block):
            i = start + row
            sims[i] = -1.0
            top = np.argpartition(-sims, k - 1)[:k]
            for j in top:
                if sims[j] >= settings.denial_related:
                    near[i][int(j)] = near[int(j)].setdefault(i, float(sims[j]))
    return near


def _informative_stems(mentions: list[ClaimMention], settings: ClaimSettings) -> list[set[str]]:
    """Content-word stems, minus those most of the story's sentences share ("Putin",
    "Kursk" in a story about both): they say what the story is about, not what a claim says."""
    stems = [content_words(m.text) for m in mentions]
    counts: dict[str, int] = {}
    for words in stems:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    common = {w for w, c in counts.items() if c > settings.common_share * len(mentions) and c > 2}
    return [words - common for words in stems]


def _links(mentions: list[ClaimMention], cosine: Near, stems: list[set[str]], settings: ClaimSettings
           ) -> list[tuple[float, int, int]]:
    """Pairs of sentences from two articles that are each other's best counterpart there,
    close in meaning and sharing what the claim is about, strongest first."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, close in enumerate(cosine):
        for j, score in close.items():
            same_article = mentions[j].article_id == mentions[i].article_id
            if same_article and not (mentions[i].denial and mentions[j].denial):
                continue  # an outlet may state a denial twice; anything else it says once
            if not _same_claim(i, j, mentions, score, stems, settings):
                continue
            key = (i, mentions[j].article_id + (f"#{j}" if same_article else ""))
            if score > best.get(key, (-1.0, -1))[0]:
                best[key] = (score, j)
    links = [(score, i, j) for (i, key), (score, j) in best.items()
             if i < j and (key.endswith(f"#{j}") or best.get((j, mentions[i].article_id), (0.0, -1))[1] == i)]
    return sorted(links, reverse=True)


def _merge(mentions: list[ClaimMention], links: list[tuple[float, int, int]], apart: set[tuple[int, int]]
           ) -> list[list[int]]:
    """Greedy clustering, strongest links first, with at most one sentence per article in a
    claim (chains of loose links cannot glue a whole story into one claim), and never two
    sentences ``apart`` (they count the same thing differently: two sides, not one claim)."""
    cluster = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    for _, i, j in links:
        a, b = cluster[i], cluster[j]
        if a == b:
            continue
        both = members[a] + members[b]
        repeats = len({mentions[k].article_id for k in both}) < len(both)
        if repeats and not all(mentions[k].denial for k in both):  # an outlet may repeat a denial
            continue
        if any((x, y) in apart or (y, x) in apart for x in members[a] for y in members[b]):
            continue
        for k in members[b]:
            cluster[k] = a
        members[a].extend(members.pop(b))
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def _same_claim(i: int, j: int, mentions: list[ClaimMention], cosine: float, stems: list[set[str]],
                settings: ClaimSettings) -> bool:
    if mentions[i].negated != mentions[j].negated:
        return False
    if mentions[i].denial and mentions[j].denial:  # two reports of one denial, worded apart
        return cosine >= settings.denial_related and bool(stems[i] & stems[j])
    shared = len(stems[i] & stems[j]) + len(_shared_values(mentions[i], mentions[j]))
    if cosine >= settings.same_claim:
        return shared >= 1
    return cosine >= settings.related and shared >= settings.min_shared


def _denied_claims(groups: list[list[int]], mentions: list[ClaimMention], cosine: Near,
                   stems: list[set[str]], settings: ClaimSettings) -> Iterable[tuple[int, int, str]]:
    """(denial claim, denied claim, why): for each claim that rejects something, the claims
    whose sentences most often match what it rejects (shared content words, close meaning),
    at most ``max_denied`` of them: a denial answers one assertion, not the whole story."""
    cluster_of = {i: k for k, group in enumerate(groups) for i in group}
    for d, group in enumerate(groups):
        denials = [i for i in group if mentions[i].denial]
        if not denials:
            continue
        hits: dict[int, list[float]] = {}
        for i in denials:
            for j, score in cosine[i].items():
                t = cluster_of[j]
                shared = len(stems[i] & stems[j])
                if t != d and not mentions[j].negated and shared >= settings.denial_shared:
                    hits.setdefault(t, []).append(score + 0.05 * shared)
        scored = sorted(((len(h), max(h), t) for t, h in hits.items()
                         if not any(mentions[j].negated for j in groups[t])), reverse=True)
        who = next((mentions[i].denier for i in denials if mentions[i].denier), None) or "one side"
        for _, _, t in scored[: settings.max_denied]:
            yield d, t, f"denied by {who}"


def _negations(groups: list[list[int]], mentions: list[ClaimMention], cosine: Near, stems: list[set[str]],
               settings: ClaimSettings, embedder: Encoder) -> Iterable[tuple[int, int, str]]:
    """(negating claim, claim, why): "the bridge has not been closed" against "the bridge
    was closed". A negated sentence with the same predicate as an assertion of another
    article, and close to it, is checked with the stance rules (negation of the claim's own
    words), not by cosine."""
    cluster_of = {i: k for k, group in enumerate(groups) for i in group}
    pairs = [(i, j) for i, m in enumerate(mentions) if m.negated and not m.denial
             for j, score in cosine[i].items()
             if mentions[j].article_id != m.article_id and not mentions[j].negated and m.predicate
             and m.predicate == mentions[j].predicate
             and score >= settings.related and len(stems[i] & stems[j]) >= settings.min_shared]
    if not pairs:
        return
    needed = sorted({k for pair in pairs for k in pair})
    parsed = dict(zip(needed, parse_many([mentions[k].text for k in needed], embedder=embedder), strict=True))
    for i, j in pairs:
        verdict = judge(parsed[j], parsed[i], known_related=True)
        if verdict.label == "disagree":
            yield cluster_of[i], cluster_of[j], f"contradicted: {verdict.evidence}"


def _number_conflicts(mentions: list[ClaimMention], cosine: Near, settings: ClaimSettings, labels: dict[str, str]
                      ) -> Iterable[tuple[int, int, str]]:
    """Two articles counting the same thing differently: a number that no number of the
    other sentence agrees with, where the other counts something in the same words
    ("the evacuation of 120 workers" against "40 workers were evacuated")."""
    counted = [[_counted(m, x) for x in m.numbers] for m in mentions]
    for i, first in enumerate(mentions):
        for j in cosine[i]:
            second = mentions[j]
            if j < i or first.article_id == second.article_id or not first.numbers or not second.numbers:
                continue
            for x, x_counts in zip(first.numbers, counted[i], strict=True):
                if x.value is None or any(y.value is not None and _agree(x, y, settings) for y in second.numbers):
                    continue
                clash = next((y for y, y_counts in zip(second.numbers, counted[j], strict=True)
                              if y.value is not None and y.kind == x.kind and y.unit == x.unit
                              and len(x_counts & y_counts) >= settings.counted_shared), None)
                if clash is not None:
                    yield i, j, (f"numbers differ: {x.text} ({labels[first.article_id]}) vs "
                                 f"{clash.text} ({labels[second.article_id]})")
                    break


def _lone_numbers(claims: list[Claim], mentions: list[ClaimMention], sources_of: dict[str, frozenset[str]],
                  labels: dict[str, str], settings: ClaimSettings) -> Iterable[Claim]:
    """Numbers only one source gives, inside claims that several report: the detail a
    reader cannot check against another outlet ("under 200" beside a shared "1,300"). A
    number is confirmed by an agreeing number of another source that counts the same thing
    (a word in common around both: "three were treated", "three workers treated")."""
    given = [(m, x, _counted(m, x)) for m in mentions for x in m.numbers if x.value is not None]
    for claim in claims:
        if claim.status == "single_source":
            continue  # the whole sentence is already reported as one source's
        for m in claim.mentions:
            source = sources_of[m.article_id]
            for x in m.numbers:
                if x.value is None:
                    continue
                counts = _counted(m, x)
                if any(sources_of[other.article_id] != source and _same_thing(x, y, counts, words)
                       and _agree(x, y, settings) for other, y, words in given):
                    continue
                yield Claim(
                    id="", text=m.text, status="single_source", support=[Span(m.article_id, x.start, x.end)],
                    story_id=claim.story_id, articles=[m.article_id], sources=[sorted(source)], mentions=[m],
                    note=f"only {labels[m.article_id]} gives this number: {x.text}",
                )


def _counted(mention: ClaimMention, number: NumberMention) -> set[str]:
    """What a number counts and what happened to it: the words around it."""
    start, end = number.start - mention.start, number.end - mention.start
    return content_words(mention.text[max(0, start - 20) : start] + " " + mention.text[end : end + 35])


def _agree(x: NumberMention, y: NumberMention, settings: ClaimSettings) -> bool:
    """Equal within tolerance, or compatible with a bound ("under 200" and 150)."""
    if x.value is None or y.value is None:
        return True
    if x.bound in {"upper", "lower"} or y.bound in {"upper", "lower"}:
        upper = x if x.bound == "upper" else y if y.bound == "upper" else None
        other = y if upper is x else x
        if upper is not None and other.value is not None and upper.value is not None:
            return other.value <= upper.value
        return True
    return abs(x.value - y.value) <= settings.number_tolerance * max(abs(x.value), abs(y.value))


def _shared_values(first: ClaimMention, second: ClaimMention) -> set[float]:
    """Values both sentences give for the same kind of thing ("40 workers" twice, not the
    40 of "21:40" and of "some 40 workers")."""
    return {x.value for x in first.numbers for y in second.numbers
            if x.value is not None and x.value == y.value
            and _same_thing(x, y, _counted(first, x), _counted(second, y))}


def _same_thing(x: NumberMention, y: NumberMention, x_counts: set[str], y_counts: set[str]) -> bool:
    """Two numbers measure the same thing: the same stated unit ("square kilometers"), or,
    for bare counts, a word in common around them ("three were treated", "three workers
    treated")."""
    if x.unit and y.unit:
        return x.unit == y.unit
    return bool(x_counts & y_counts)


def _representative(group: list[int], cosine: Near, mentions: list[ClaimMention]) -> ClaimMention:
    """The sentence closest to all the others: the claim as most outlets put it."""
    return mentions[max(group, key=lambda i: (sum(cosine[i].get(j, 0.0) for j in group), -i))]


def _unique(spans: list[Span]) -> list[Span]:
    return list(dict.fromkeys(spans))
