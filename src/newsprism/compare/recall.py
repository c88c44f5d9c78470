"""A story's claims held against every sentence of its articles, at the recall threshold:
which outlets leave a claim out, and which other sources say something close to what one
source alone states.

Both compare the distinct sentence texts with a claim's distinct wordings, then take each
article's best sentence: a large story repeats its sentences and its claims' wordings
hundreds of times, and the cost follows the distinct ones. Claims worded alike share one
computation of which articles come close.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..config import ClaimSettings
from ..embed import Encoder
from ..model import Article, Claim, ClaimMention, Span
from .near import distinct_rows

LISTED = 20  # echoes listed per claim: that there are any is the finding, these are its evidence


class Sentences:
    """Every sentence of the story's articles (each article's rows in one run), its distinct
    texts embedded once on first use (the costly part of the recall checks)."""

    def __init__(self, articles: list[Article], embedder: Encoder) -> None:
        self.texts = [(a.id, s.start, s.end) for a in articles for s in a.sentences]
        index: dict[str, int] = {}
        self._text_of = np.array([index.setdefault(a.text[s.start : s.end], len(index))
                                  for a in articles for s in a.sentences], dtype=np.intp)
        self._distinct = list(index)
        self._embedder = embedder
        self.bounds: dict[str, tuple[int, int]] = {}  # article -> its rows
        row = 0
        for a in articles:
            if a.sentences:
                self.bounds[a.id] = (row, row + len(a.sentences))
                row += len(a.sentences)
        self._firsts = np.array([lo for lo, _ in self.bounds.values()], dtype=np.intp)
        self._vectors: np.ndarray | None = None

    def close(self, vectors: np.ndarray) -> np.ndarray:
        """Per sentence: its highest cosine with any of ``vectors`` (each distinct one once)."""
        if self._vectors is None:
            self._vectors = self._embedder.embed(self._distinct)
        _, members = distinct_rows(vectors)
        return (self._vectors @ vectors[[rows[0] for rows in members]].T).max(axis=1)[self._text_of]

    def per_article(self, values: np.ndarray, reduce: np.ufunc) -> dict[str, Any]:
        """``reduce`` (np.maximum, np.logical_or) of ``values`` over each article's rows."""
        return dict(zip(self.bounds, reduce.reduceat(values, self._firsts).tolist(), strict=True))


def echoes(claims: list[Claim], groups: list[list[int]], vectors: np.ndarray, sentences: Sentences,
           sources_of: dict[str, frozenset[str]], settings: ClaimSettings) -> None:
    """For a claim one source alone states: another source's sentence that says something
    close at the recall threshold (``similar``, one per article, at most ``LISTED``). Such a
    claim is not shown as what "only" that outlet says: another says it in other words, or
    more or less. A story of one source has no other source's sentence to look at, and its
    sentences are not embedded: most stories of a day of news have one article."""
    if not sentences.texts or len(set(sources_of.values())) < 2:
        return
    node_of, _ = distinct_rows(vectors)
    close: dict[frozenset[int], list[tuple[str, int]]] = {}  # distinct wordings -> (article, its best row)
    for claim, group in zip(claims, groups, strict=True):
        if claim.status != "single_source":
            continue
        wording = frozenset(node_of[i] for i in group)
        if wording not in close:
            sims = sentences.close(vectors[group])
            best = sentences.per_article(sims, np.maximum)
            close[wording] = [(article_id, lo + int(np.argmax(sims[lo:hi])))
                              for article_id, (lo, hi) in sentences.bounds.items()
                              if best[article_id] >= settings.omission_recall]
        mine = set(claim.sources[0]) if claim.sources else set()
        for article_id, row in close[wording]:
            if len(claim.similar) >= LISTED:
                break
            if article_id in mine or sources_of.get(article_id) == sources_of.get(claim.articles[0]):
                continue
            claim.similar.append(Span(*sentences.texts[row]))


def omissions(claims: list[Claim], groups: list[list[int]], articles: list[Article], vectors: np.ndarray,
              mentions: list[ClaimMention], sentences: Sentences, embedder: Encoder,
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
    denies = np.array([(article_id, start) in denying for article_id, start, _ in texts])
    long = np.array([end - start >= 25 for _, start, end in texts])  # not a line like "Putin stated:"
    for claim, group in majority:
        denial = all(mentions[i].denial for i in group)
        sims = sentences.close(vectors[group])
        whole = sentences.close(embedder.embed([mentions[i].text for i in group])) if denial else sims
        # A denial's object is the other side's words: a denial is reported by a sentence that
        # denies it, or that says the same as a whole report of it ("our members followed
        # every rule" for "the union denied that its members broke any rules").
        said = sentences.per_article((whole >= settings.related) | (sims >= settings.omission_recall)
                                     & (denies if denial else True), np.logical_or)
        reporting = set(claim.articles)
        for article in articles:
            if article.id in reporting or said.get(article.id, False):
                continue  # it reports the claim, or says it in other words: not an omission
            claim.omitted_by.append(article.id)
            lo, hi = sentences.bounds.get(article.id, (0, 0))
            closest = np.where(long[lo:hi], whole[lo:hi], -np.inf)
            if hi > lo and long[lo:hi].any() and closest.max() >= settings.near_miss:
                claim.near_misses.append(Span(*texts[lo + int(np.argmax(closest))]))
