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

import numpy as np

from ..config import ClaimSettings
from ..embed import Encoder
from ..lang.media import outlet_label
from ..lang.words import content_words
from ..model import Article, Claim, ClaimMention, Dispute, Reuse, Span, Story
from ..relate import independent_sources
from .disputes import find_disputes, related_predicates
from .lexicon import flag_words
from .numbers import Near, lone_numbers, number_clashes, same_values


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
    vectors = embedder.embed([m.core or m.text for m in mentions])
    cosine = _neighbours(vectors, settings)
    stems = _informative_stems(mentions, settings)
    labels = {a.id: outlet_label(a) for a in articles}
    clashes = list(number_clashes(mentions, cosine, settings, labels))
    # predicate words of one meaning, for alignment and for what a denial's object denies: once
    words = {w for m in mentions for w in (m.verb, m.denies_verb) if w}
    related = related_predicates(embedder, words, settings.same_predicate)
    links = _links(mentions, cosine, stems, related, settings)
    groups = _merge(mentions, links, {(i, j) for i, j, _ in clashes})
    groups = [g for g in groups if not _presumed_once(g, mentions)]
    sources_of = {a: frozenset(g) for g in independent_sources([a.id for a in articles], reuse) for a in g}
    claims: list[Claim] = []
    for group in groups:
        group_mentions = sorted((mentions[i] for i in group), key=lambda m: (m.article_id, m.start))
        reporting = sorted({m.article_id for m in group_mentions})
        sources = sorted({sources_of[a] for a in reporting}, key=sorted)
        claims.append(Claim(
            id="", text=_display(group, cosine, mentions, altered or []).text,
            status="corroborated" if len(sources) >= 2 else "single_source",
            support=[Span(m.article_id, m.start, m.end) for m in group_mentions], story_id=story.id,
            articles=reporting, sources=[sorted(s) for s in sources], mentions=group_mentions,
        ))
    sentences = _Sentences(articles, embedder)
    _omissions(claims, groups, articles, vectors, mentions, sentences, embedder, settings)
    _echoes(claims, groups, vectors, sentences, sources_of, settings)
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


def _neighbours(vectors: np.ndarray, settings: ClaimSettings) -> Near:
    """The ``neighbours`` closest propositions of each (cosine above the loosest threshold
    we use), computed block by block: a story of thousands of sentences never needs the
    full similarity matrix in memory, and every later step looks only at these pairs."""
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
    """Content-word stems, minus those most of the story's propositions share ("Putin",
    "Kursk" in a story about both): they say what the story is about, not what a claim says."""
    stems = [content_words(m.core or m.text) for m in mentions]
    counts: dict[str, int] = {}
    for words in stems:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    common = {w for w, c in counts.items() if c > settings.common_share * len(mentions) and c > 2}
    return [words - common for words in stems]


def _links(mentions: list[ClaimMention], cosine: Near, stems: list[set[str]], related: set[tuple[str, str]],
           settings: ClaimSettings) -> list[tuple[float, int, int]]:
    """Pairs of propositions from two articles that are each other's best counterpart there,
    close in meaning and sharing what the claim is about, strongest first."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, close in enumerate(cosine):
        for j, score in close.items():
            same_article = mentions[j].article_id == mentions[i].article_id
            if same_article and not (mentions[i].denial and mentions[j].denial):
                continue  # an outlet may state a denial twice; anything else counts once
            if not _same_claim(mentions[i], mentions[j], score, stems[i], stems[j], settings):
                continue
            if not (_same_predicate(mentions[i], mentions[j], related) or same_values(mentions[i], mentions[j])):
                continue
            key = (i, mentions[j].article_id + (f"#{j}" if same_article else ""))
            if score > best.get(key, (-1.0, -1))[0]:
                best[key] = (score, j)
    links = [(score, i, j) for (i, key), (score, j) in best.items()
             if i < j and (key.endswith(f"#{j}") or best.get((j, mentions[i].article_id), (0.0, -1))[1] == i)]
    return sorted(links, reverse=True)


def _merge(mentions: list[ClaimMention], links: list[tuple[float, int, int]], apart: set[tuple[int, int]]
           ) -> list[list[int]]:
    """Greedy clustering, strongest links first, with at most one proposition per article in
    a claim (chains of loose links cannot glue a whole story into one claim), and never two
    propositions ``apart`` (they count the same thing differently: two sides, not one claim)."""
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


def _display(group: list[int], cosine: Near, mentions: list[ClaimMention], altered: list[Span]) -> ClaimMention:
    """The claim's wording: the most neutral complete version. One without the outlet's own
    loaded words (a framing flag outside quotation marks) nor a quote it changed, then a stated fact before one taken
    for granted, one that reads alone (not "he said", not "refuted these claims"), a version
    that names its source, the fewest loaded words, then the version
    closest to all the others (the claim as most outlets put it)."""
    def rank(i: int) -> tuple[bool, bool, bool, bool, bool, int, float, int]:  # lowest first
        m = mentions[i]
        loaded = sum(1 for f in flag_words(m.text) if not f.quoted)
        centre = sum(cosine[i].get(j, 0.0) for j in group)
        partial = not (m.text[:1].isupper() or m.text[:1] in "\"“‘'(")  # a clause cut from its sentence
        changed = any(a.article_id == m.article_id and a.start < m.end and m.start < a.end for a in altered)
        return (loaded > 0 or changed, m.role == "presupposed", partial, _pointing_back(m), m.source is None, loaded,
                -centre, i)
    return mentions[min(group, key=rank)]


def _pointing_back(mention: ClaimMention) -> bool:
    """Needs the sentence before it: a pronoun for its subject, or a denial of "these claims"."""
    if mention.denial:
        return len(content_words(mention.denies or "")) < 2
    opening = mention.text.split(maxsplit=1)[0].lower() if mention.text.strip() else ""
    return (mention.subject or "").lower() in _PRONOUNS or opening in _PRONOUNS


_PRONOUNS = {"he", "she", "it", "they", "this", "these", "that", "those", "we", "i"}


class _Sentences:
    """Every sentence of the story's articles and its vector, embedded once on first use (the
    costly part of the recall checks)."""

    def __init__(self, articles: list[Article], embedder: Encoder) -> None:
        self.texts = [(a.id, s.start, s.end) for a in articles for s in a.sentences]
        self._words = [a.text[s.start : s.end] for a in articles for s in a.sentences]
        self._embedder = embedder
        self.rows_of: dict[str, list[int]] = {}
        for k, (article_id, _, _) in enumerate(self.texts):
            self.rows_of.setdefault(article_id, []).append(k)
        self._vectors: np.ndarray | None = None

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = self._embedder.embed(self._words)
        return self._vectors


def _echoes(claims: list[Claim], groups: list[list[int]], vectors: np.ndarray, sentences: _Sentences,
            sources_of: dict[str, frozenset[str]], settings: ClaimSettings) -> None:
    """For a claim one source alone states: another source's sentence that says something
    close at the recall threshold (``similar``). Such a claim is not shown as what "only" that
    outlet says: another says it in other words, or more or less."""
    for claim, group in zip(claims, groups, strict=True):
        if claim.status != "single_source" or not sentences.texts:
            continue
        sims = (sentences.vectors @ vectors[group].T).max(axis=1)
        mine = set(claim.sources[0]) if claim.sources else set()
        for article_id, rows in sentences.rows_of.items():
            if article_id in mine or sources_of.get(article_id) == sources_of.get(claim.articles[0]):
                continue
            best = max(rows, key=lambda k: sims[k])
            if sims[best] >= settings.omission_recall:
                claim.similar.append(Span(*sentences.texts[best]))


def _omissions(claims: list[Claim], groups: list[list[int]], articles: list[Article], vectors: np.ndarray,
               mentions: list[ClaimMention], sentences: _Sentences, embedder: Encoder,
               settings: ClaimSettings) -> None:
    """Which outlets leave out a claim most of the story's outlets report: those with no
    sentence near any of its versions at the recall threshold. Each omission keeps the
    outlet's closest sentence (``near_miss``): what it has instead."""
    if len(articles) < 3:
        return
    majority = [(claim, group) for claim, group in zip(claims, groups, strict=True)
                if 2 * len(claim.articles) > len(articles)]
    if not majority or not sentences.texts:
        return
    texts = sentences.texts
    denying = {(m.article_id, m.sentence_start) for m in mentions if m.denial}
    for claim, group in majority:
        denial = all(mentions[i].denial for i in group)
        sims = (sentences.vectors @ vectors[group].T).max(axis=1)
        whole = (sentences.vectors @ embedder.embed([mentions[i].text for i in group]).T).max(axis=1) \
            if denial else sims
        for article in articles:
            if article.id in claim.articles:
                continue
            # A denial's object is the other side's words: a denial is reported by a sentence that
            # denies it, or that says the same as a whole report of it ("our members followed
            # every rule" for "the union denied that its members broke any rules").
            rows = sentences.rows_of.get(article.id, [])
            if any(whole[k] >= settings.related or sims[k] >= settings.omission_recall
                   and (not denial or (article.id, texts[k][1]) in denying) for k in rows):
                continue  # said in other words: not an omission
            claim.omitted_by.append(article.id)
            said = [k for k in rows if texts[k][2] - texts[k][1] >= 25]  # not a line like "Putin stated:"
            closest = max(said, key=lambda k: whole[k], default=None)
            if closest is not None and whole[closest] >= settings.near_miss:
                claim.near_misses.append(Span(*texts[closest]))
