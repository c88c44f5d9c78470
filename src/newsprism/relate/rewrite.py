"""Rewrites: one article retelling another sentence by sentence in other words.

Two outlets covering one event independently also say similar things, so similar meaning
is not enough: a rewrite needs most of the shorter article's sentences to have a close
counterpart in the other, in the same order. Pairs already found as copies are skipped,
so what is left shares meaning with little wording. Sentences are compared by WordLlama
embeddings; a cheap count of counterparts per article pair first rules out most pairs, so
only a few pairs are aligned. Copies repeat sentences word for word, so each distinct
sentence is embedded and compared once.
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
        # copies repeat sentences word for word: each distinct sentence is embedded and
        # compared once, and an article is the list of its sentences' distinct ids
        distinct: dict[str, int] = {}
        ids = [[distinct.setdefault(text, len(distinct)) for _, text in sentences[d]] for d in members]
        vectors = embedder.embed(list(distinct))
        counts = _counterpart_counts(vectors, ids, settings.rewrite_similarity, settings.block_rows)
        sizes = np.array([len(x) for x in ids])
        for x, y in _possible(counts, sizes, settings):
            i, j = members[x], members[y]
            if (i, j) in skip:
                continue
            shorter = min(sizes[x], sizes[y])
            sim = vectors[ids[x]] @ vectors[ids[y]].T
            chain = _align(sim, settings.rewrite_similarity)
            coverage = len(chain) / shorter
            if len(chain) >= settings.min_rewrite_sentences and coverage >= settings.rewrite_coverage:
                found[(i, j)] = (float(coverage), [
                    (sentences[i][a][0], sentences[j][b][0], round(float(sim[a, b]), 3)) for a, b in chain
                ])
    return found


def _possible(counts: np.ndarray, sizes: np.ndarray, settings: ReuseSettings) -> list[tuple[int, int]]:
    """Article pairs ``x < y`` whose counterpart counts allow a rewrite both ways, a row at a
    time (no further matrix the size of ``counts``)."""
    pairs: list[tuple[int, int]] = []
    for x in range(len(sizes) - 1):
        both = np.minimum(counts[x, x + 1 :], counts[x + 1 :, x])
        shorter = np.minimum(sizes[x], sizes[x + 1 :])
        needed = np.maximum(settings.min_rewrite_sentences, settings.rewrite_coverage * shorter)
        pairs.extend((x, int(y) + x + 1) for y in np.nonzero(both >= needed)[0])
    return pairs


def _counterpart_counts(vectors: np.ndarray, ids: list[list[int]], threshold: float, block: int) -> np.ndarray:
    """counts[x, y]: how many sentences of article x have a counterpart (cosine at least
    ``threshold``) anywhere in article y. An upper bound on any in-order alignment. The
    distinct sentences are compared a block at a time (memory stays bounded), and the
    articles are sparse rows over them, so a sentence copied by a thousand articles is
    compared once, not a thousand times."""
    from scipy import sparse

    n, width = len(ids), len(vectors)
    rows = np.repeat(np.arange(n), [len(x) for x in ids])
    columns = np.fromiter((s for x in ids for s in x), dtype=np.int64, count=len(rows))
    held = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, columns)), shape=(n, width))
    present = (held > 0).astype(np.int32)  # an article holding a sentence twice reaches with it once
    many = held.tocsc()  # ... but counts each of its copies
    counts = np.zeros((n, n), dtype=np.int32)
    for start in range(0, width, block):
        chunk = slice(start, min(start + block, width))
        near = (vectors[chunk] @ vectors.T >= threshold).astype(np.int32)  # distinct x distinct
        reach = np.asarray(present @ near.T) > 0  # reach[y, s]: article y has a counterpart of s
        counts += np.asarray(many[:, chunk] @ reach.T.astype(np.int32), dtype=np.int32)
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
