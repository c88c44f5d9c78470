"""Claims across the articles of a story: which propositions are the same assertion, how many
independent sources carry each, which conflict (see disputes.py), and which an outlet left out.

The unit is the proposition (annotate/propositions.py), not the sentence: a sentence that
reports a response and takes for granted that troops are surrounded feeds two claims.
Alignment needs more than cosine (which rates a denial as close to the claim it denies as a
paraphrase): two propositions are one claim when their own words are close in meaning AND
they share what a claim is about (names, numbers, content words), with the same polarity and
the same figures: a sentence without the number does not support a number claim.
An outlet omits a claim only when none of its sentences says it in any wording, checked at a
looser threshold than alignment; its closest sentence is kept as what it has instead.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..config import ClaimSettings
from ..embed import Encoder
from ..lang.media import outlet_label
from ..lang.words import content_words
from ..model import Article, Claim, ClaimMention, Dispute, Reuse, Span, Story
from ..relate import independent_sources
from .disputes import denial_objects, find_disputes, related_predicates
from .lexicon import flag_words
from .near import Near, neighbours, wordings
from .numbers import lone_numbers, number_clashes, same_values
from .recall import Sentences, echoes, omissions


def align_claims(story: Story, articles: list[Article], reuse: list[Reuse], embedder: Encoder,
                 settings: ClaimSettings | None = None) -> list[Claim]:
    """The story's claims: its articles' propositions aligned across outlets."""
    return claims_and_disputes(story, articles, reuse, embedder, settings)[0]


def claims_and_disputes(story: Story, articles: list[Article], reuse: list[Reuse], embedder: Encoder,
                        settings: ClaimSettings | None = None, altered: list[Span] | None = None
                        ) -> tuple[list[Claim], list[Dispute]]:
    """The story's claims and the disputes between them, each dispute once. ``altered``: the
    spans of quotes an outlet changed (quote groups), never a claim's wording when another is."""
    settings = settings or ClaimSettings()
    mentions = [m for a in articles for m in a.claims]
    if not mentions:
        return [], []
    one_article = len({m.article_id for m in mentions}) == 1
    # predicate words of one meaning, for alignment and for what a denial's object denies: once
    words = {w for m in mentions for w in (m.verb, m.denies_verb) if w} \
        if not one_article or any(m.denial for m in mentions) else set()
    related = related_predicates(embedder, words, settings.same_predicate)
    meeting = _meeting(mentions, one_article, related)
    vectors = _vectors(mentions, meeting, embedder)
    cosine = _neighbours(vectors, settings)
    stems = _informative_stems(mentions, settings)
    labels = {a.id: outlet_label(a) for a in articles}
    clashes = list(number_clashes(mentions, cosine, settings, labels))
    links = _links(mentions, cosine, stems, related, settings)
    groups = _merge(mentions, links, {(i, j) for i, j, _ in clashes})
    groups = [g for g in groups if not _presumed_once(g, mentions)]
    sources_of = {a: frozenset(g) for g in independent_sources([a.id for a in articles], reuse) for a in g}
    changed: dict[str, list[Span]] = {}
    for span in altered or []:
        changed.setdefault(span.article_id, []).append(span)
    claims: list[Claim] = []
    for group in groups:
        group_mentions = sorted((mentions[i] for i in group), key=lambda m: (m.article_id, m.start))
        reporting = sorted({m.article_id for m in group_mentions})
        sources = sorted({sources_of[a] for a in reporting}, key=sorted)
        claims.append(Claim(
            id="", text=_display(group, cosine, mentions, changed).text,
            status="corroborated" if len(sources) >= 2 else "single_source",
            support=[Span(m.article_id, m.start, m.end) for m in group_mentions], story_id=story.id,
            articles=reporting, sources=[sorted(s) for s in sources], mentions=group_mentions,
        ))
    sentences = Sentences(articles, embedder)
    omissions(claims, groups, articles, vectors, mentions, sentences, embedder, settings)
    echoes(claims, groups, vectors, sentences, sources_of, settings)
    claims.extend(list(lone_numbers(claims, mentions, sources_of, labels, settings)))
    disputes = find_disputes(story, claims, groups, mentions, vectors, cosine, clashes, related, embedder,
                             settings, labels)
    order = {"contested": 0, "corroborated": 1, "single_source": 2}
    ranked = sorted(range(len(claims)), key=lambda k: (order[claims[k].status], -len(claims[k].articles),
                                                       claims[k].support[0].article_id, claims[k].support[0].start))
    for n, k in enumerate(ranked, start=1):
        claims[k].id = f"{story.id}:c{n}"
    for dispute in disputes:
        for side in dispute.sides:
            side.claim_ids = [claims[int(k)].id for k in side.claim_ids]
    return [claims[k] for k in ranked], disputes


def _meeting(mentions: list[ClaimMention], one_article: bool, related: set[tuple[str, str]]) -> list[int]:
    """The propositions that can be matched with another. Across articles, all. Inside one
    article only a denial is: with another report of it, or with what it denies, a statement
    whose predicate is of one meaning with the object's (``related``). So a story of one
    article (most of a day's stories) has only its denials and what they may deny, and one
    without a denial none."""
    if not one_article:
        return list(range(len(mentions)))
    verbs = {verb for text, verb in denial_objects(mentions) if text and verb}
    return [i for i, m in enumerate(mentions) if m.denial or not m.negated and m.verb is not None
            and any((verb, m.verb) in related for verb in verbs)]


def _vectors(mentions: list[ClaimMention], meeting: list[int], embedder: Encoder) -> np.ndarray:
    """The encoder's vectors of the ``meeting`` propositions (their own words); the others stay
    zero, a cosine of 0 with everything, below every threshold (the floor is above 0): the
    encoder's time goes only where a match is possible."""
    vectors = np.zeros((len(mentions), embedder.dimensions), dtype=np.float32)
    if meeting:
        vectors[meeting] = embedder.embed([mentions[i].core or mentions[i].text for i in meeting])
    return vectors


def _neighbours(vectors: np.ndarray, settings: ClaimSettings) -> Near:
    """The ``neighbours`` closest propositions of each (cosine above the loosest threshold we
    use), searched over distinct wordings (near.py): every later step looks only at these pairs."""
    return neighbours(vectors, settings.neighbours, settings.denial_related)


def _informative_stems(mentions: list[ClaimMention], settings: ClaimSettings) -> list[set[str]]:
    """Content-word stems, minus those most of the story's distinct propositions share
    ("Putin", "Kursk" in a story about both): they say what the story is about, not what a
    claim says. Counted over distinct wordings: a sentence a hundred outlets print does not
    make its own words the story's topic (its copies could then never be matched)."""
    read: dict[str, set[str]] = {}
    stems = [read[t] if (t := m.core or m.text) in read else read.setdefault(t, content_words(t)) for m in mentions]
    counts: dict[str, int] = {}
    for words in read.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    common = {w for w, c in counts.items() if c > settings.common_share * len(read) and c > 2}
    return [words - common for words in stems]


def _links(mentions: list[ClaimMention], cosine: Near, stems: list[set[str]], related: set[tuple[str, str]],
           settings: ClaimSettings) -> list[tuple[float, int, int]]:
    """Pairs of propositions from two articles that are each other's best counterpart there,
    close in meaning and sharing what the claim is about, strongest first."""
    best: dict[tuple[int, str, int], tuple[float, int]] = {}  # (i, article, j of i's own article or -1)
    wording = wordings(mentions)
    article = [m.article_id for m in mentions]
    denial = [m.denial for m in mentions]
    judged: dict[tuple[int, int], bool] = {}  # two wordings, judged once however many copies
    for i, close in enumerate(cosine):
        for j, score in close.items():
            same_article = article[j] == article[i]
            if same_article and not (denial[i] and denial[j]):
                continue  # an outlet may state a denial twice; anything else counts once
            pair = (wording[i], wording[j])
            same = judged.get(pair)
            if same is None:
                same = judged[pair] = _same_claim(mentions[i], mentions[j], score, stems[i], stems[j], settings) and (
                    _same_predicate(mentions[i], mentions[j], related) or bool(same_values(mentions[i], mentions[j])))
            if not same:
                continue
            key = (i, article[j], j if same_article else -1)
            if score > best.get(key, (-1.0, -1))[0]:
                best[key] = (score, j)
    links = [(score, i, j) for (i, _, own), (score, j) in best.items()
             if i < j and (own >= 0 or best.get((j, article[i], -1), (0.0, -1))[1] == i)]
    return sorted(links, reverse=True)


def _merge(mentions: list[ClaimMention], links: list[tuple[float, int, int]], apart: set[tuple[int, int]]
           ) -> list[list[int]]:
    """Greedy clustering, strongest links first, with at most one proposition per article in
    a claim (chains of loose links cannot glue a whole story into one claim), and never two
    propositions ``apart`` (they count the same thing differently: two sides, not one claim).
    Each cluster keeps its articles and what it is apart from, and the smaller of two merging
    clusters is checked and moved: a claim printed by thousands of articles grows in n log n."""
    cluster = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    articles = {i: {m.article_id} for i, m in enumerate(mentions)}
    repeated = dict.fromkeys(range(len(mentions)), False)  # an article twice in the cluster (a denial)
    denials = {i: m.denial for i, m in enumerate(mentions)}  # every member a denial
    against: dict[int, set[int]] = {i: set() for i in range(len(mentions))}
    for x, y in apart:
        against[x].add(y)
        against[y].add(x)
    for _, i, j in links:
        a, b = cluster[i], cluster[j]
        if a == b:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        repeats = repeated[a] or repeated[b] or any(article in articles[a] for article in articles[b])
        if repeats and not (denials[a] and denials[b]):  # an outlet may repeat a denial
            continue
        if any(k in against[a] for k in members[b]):
            continue
        for k in members[b]:
            cluster[k] = a
        members[a].extend(members.pop(b))
        articles[a] |= articles.pop(b)
        del repeated[b]
        repeated[a] = repeats
        denials[a] = denials.pop(b) and denials[a]
        against[a] |= against.pop(b)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def _same_claim(first: ClaimMention, second: ClaimMention, cosine: float, stems_a: set[str], stems_b: set[str],
                settings: ClaimSettings) -> bool:
    if first.negated != second.negated or first.denial != second.denial:
        return False
    if first.denial:  # two reports of one denial, worded apart
        return cosine >= settings.denial_related and bool(stems_a & stems_b)
    if _figures(first) != _figures(second) and not (_figures(first) and _figures(second)):
        return False  # a sentence without the figure does not state the figure
    shared = len(stems_a & stems_b) + len(same_values(first, second))
    if cosine >= settings.same_claim:
        return shared >= 1
    return cosine >= settings.related and shared >= settings.min_shared


def _same_predicate(first: ClaimMention, second: ClaimMention, related: set[tuple[str, str]]) -> bool:
    """One predicate family ("surrounded", "encircled"), the structure two statements of a fact
    share (besides the same figure for the same measure, checked by the caller); two reports of a denial are one family
    whatever the verb ("denied", "refuted"); a predicate that says little by itself (a copula
    or auxiliary: "is", "has") only meets another such, where the words around it decide."""
    if first.denial and second.denial or not first.verb or not second.verb:
        return True
    if first.verb in _LIGHT or second.verb in _LIGHT:
        return first.verb in _LIGHT and second.verb in _LIGHT
    return (first.verb, second.verb) in related


_LIGHT = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "'s", "’s", "do", "does", "did"}


def _figures(mention: ClaimMention) -> bool:
    return any(x.value is not None for x in mention.numbers)


def _presumed_once(group: list[int], mentions: list[ClaimMention]) -> bool:
    """A fact one outlet only takes for granted in passing ("the recently liberated city") is
    no claim of its own unless another outlet states it too; it still serves disputes."""
    return all(mentions[i].role == "presupposed" for i in group) and len({mentions[i].article_id for i in group}) < 2


def _display(group: list[int], cosine: Near, mentions: list[ClaimMention], altered: dict[str, list[Span]]
             ) -> ClaimMention:
    """The claim's wording: the most neutral complete version. One without the outlet's own
    loaded words (a framing flag outside quotation marks) nor a quote it changed, then a stated fact before one taken
    for granted, one that reads alone (not "he said", not "refuted these claims"), a version
    that names its source, the fewest loaded words, then the version
    closest to all the others (the claim as most outlets put it)."""
    if len(group) == 1:
        return mentions[group[0]]
    members = set(group)

    def rank(i: int) -> tuple[bool, bool, bool, bool, bool, int, float, int]:  # lowest first
        m = mentions[i]
        loaded = _loaded(m.text)
        # the cosines to the other members among its neighbours, added in member order (the rest are 0)
        centre = sum(cosine[i][j] for j in sorted(members.intersection(cosine[i])))
        partial = not (m.text[:1].isupper() or m.text[:1] in "\"“‘'(")  # a clause cut from its sentence
        changed = any(a.start < m.end and m.start < a.end for a in altered.get(m.article_id, ()))
        return (loaded > 0 or changed, m.role == "presupposed", partial, _pointing_back(m), m.source is None, loaded,
                -centre, i)
    return mentions[min(group, key=rank)]


@lru_cache(maxsize=4096)
def _loaded(text: str) -> int:
    """The outlet's own loaded words in a proposition (framing flags outside quotation marks)."""
    return sum(1 for f in flag_words(text) if not f.quoted)


def _pointing_back(mention: ClaimMention) -> bool:
    """Needs the sentence before it: a pronoun for its subject, or a denial of "these claims"."""
    if mention.denial:
        return len(content_words(mention.denies or "")) < 2
    opening = mention.text.split(maxsplit=1)[0].lower() if mention.text.strip() else ""
    return (mention.subject or "").lower() in _PRONOUNS or opening in _PRONOUNS


_PRONOUNS = {"he", "she", "it", "they", "this", "these", "that", "those", "we", "i"}
