"""Rewrites: one article retelling another sentence by sentence in other words.

Two outlets covering one event independently also say similar things, so similar meaning
is not enough: a rewrite needs most of the shorter article's sentences to have a close
counterpart in the other, in the same order. Pairs already found as copies are skipped,
so what is left shares meaning with little wording. Sentences are compared by WordLlama
embeddings; a cheap count of counterparts per article pair first rules out most pairs, so
only a few pairs are aligned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..config import ReuseSettings
from ..embed import Embedder

Aligned = list[tuple[int, int, float]]  # (sentence of the first article, of the second, cosine)


def find_rewrites(
    sentences: Sequence[Sequence[tuple[int, str]]],
    groups: Sequence[Sequence[int]],
    embedder: Embedder,
    settings: ReuseSettings,
    skip: set[tuple[int, int]],
) -> dict[tuple[int, int], tuple[float, Aligned]]:
    """Article pairs ``(i, j)``, ``i < j``, within one group where the shorter is a rewrite:
    the share of its sentences aligned in order, and the aligned sentence pairs.
    ``sentences[i]`` holds the (index, text) of article i's sentences worth comparing."""
    found: dict[tuple[int, int], tuple[float, Aligned]] = {}
    for group in groups:
        members = sorted(d for d in group if len(sentences[d]) >= settings.min_rewrite_sentences)
        if len(members) < 2:
            continue
        vectors = embedder.embed([text for d in members for _, text in sentences[d]])
        bounds = np.cumsum([0] + [len(sentences[d]) for d in members])
        counts = _counterpart_counts(vectors, bounds, settings.rewrite_similarity, settings.block_rows)
        sizes = np.diff(bounds)
        shorter = np.minimum.outer(sizes, sizes)
        needed = np.maximum(settings.min_rewrite_sentences, settings.rewrite_coverage * shorter)
        possible = np.triu(np.minimum(counts, counts.T) >= needed, k=1)
        for x, y in zip(*np.nonzero(possible), strict=True):
            i, j = members[x], members[y]
            if (i, j) in skip:
                continue
            sim = vectors[bounds[x] : bounds[x + 1]] @ vectors[bounds[y] : bounds[y + 1]].T
            chain = _align(sim, settings.rewrite_similarity)
            coverage = len(chain) / shorter[x, y]
            if len(chain) >= settings.min_rewrite_sentences and coverage >= settings.rewrite_coverage:
                found[(i, j)] = (float(coverage), [
                    (sentences[i][a][0], sentences[j][b][0], round(float(sim[a, b]), 3)) for a, b in chain
                ])
    return found


def _counterpart_counts(vectors: np.ndarray, bounds: np.ndarray, threshold: float, block: int) -> np.ndarray:
    """counts[x, y]: how many sentences of article x have a counterpart (cosine at least
    ``threshold``) anywhere in article y. An upper bound on any in-order alignment, computed
    a block of sentences at a time so memory stays bounded."""
    n = len(bounds) - 1
    owner = np.repeat(np.arange(n), np.diff(bounds))
    counts = np.zeros((n, n), dtype=np.int64)
    for start in range(0, len(vectors), block):
        rows = slice(start, min(start + block, len(vectors)))
        hits = (vectors[rows] @ vectors.T) >= threshold
        per_article = np.logical_or.reduceat(hits, bounds[:-1], axis=1).astype(np.int64)
        owners, first = np.unique(owner[rows], return_index=True)
        counts[owners] += np.add.reduceat(per_article, first, axis=0)
    return counts


def _align(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The longest chain of sentence pairs at or above ``threshold`` that keeps the order of
    both articles (each sentence used once); ties go to the more similar chain."""
    cells = [(int(a), int(b)) for a, b in zip(*np.nonzero(sim >= threshold), strict=True)]
    best: list[tuple[int, float, int]] = []  # per cell: chain length, total similarity, previous cell
    for c, (a, b) in enumerate(cells):
        length, total, previous = 1, float(sim[a, b]), -1
        for p in range(c):
            pa, pb = cells[p]
            if pa < a and pb < b and (best[p][0] + 1, best[p][1] + sim[a, b]) > (length, total):
                length, total, previous = best[p][0] + 1, best[p][1] + float(sim[a, b]), p
        best.append((length, total, previous))
    if not best:
        return []
    c = max(range(len(best)), key=lambda k: (best[k][0], best[k][1], -k))
    chain = []
    while c >= 0:
        chain.append(cells[c])
        c = best[c][2]
    return chain[::-1]
