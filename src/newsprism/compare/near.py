"""The closest propositions of each proposition of a story, searched over distinct wordings.

A large story repeats itself: a wire sentence printed by hundreds of outlets is hundreds of
propositions with one vector. Searching neighbours proposition by proposition costs the
square of their number; searching distinct vectors costs the square of the distinct wordings
only, and each proposition then takes its ``k`` nearest from the nearest wordings' copies (its
own copies first, cosine 1). With no repeated vector this is the plain top-``k`` search, pair
for pair. Copies are taken in a ring (the copies after a proposition's own place), so that
hundreds of copies stay connected through ``k`` neighbours each, not through all of them.
"""

from __future__ import annotations

import numpy as np

from ..model import ClaimMention

Near = list[dict[int, float]]  # per proposition: its closest propositions of the story -> cosine

_BLOCK = 512


def distinct_rows(vectors: np.ndarray) -> tuple[list[int], list[list[int]]]:
    """Each row's node (rows with equal vectors share one), and each node's rows in order;
    nodes numbered by first occurrence, so that without repeats node i is row i."""
    index: dict[bytes, int] = {}
    node_of = [index.setdefault(row.tobytes(), len(index)) for row in vectors]
    members: list[list[int]] = [[] for _ in index]
    for row, node in enumerate(node_of):
        members[node].append(row)
    return node_of, members


def neighbours(vectors: np.ndarray, k: int, floor: float) -> Near:
    """The ``k`` closest propositions of each (cosine at least ``floor``), symmetric: a pair
    found from either side is in both lists. Block by block over the distinct vectors, so the
    similarity matrix of a large story is never held whole, nor computed for its copies."""
    n = len(vectors)
    near: Near = [{} for _ in range(n)]
    k = min(k, n - 1)
    if k <= 0:
        return near
    node_of, members = distinct_rows(vectors)
    distinct = vectors[[rows[0] for rows in members]]
    counts = np.array([len(rows) for rows in members])
    tops: list[list[tuple[int, int, float]]] = []  # per node: (node, how many of its rows, cosine)
    for start in range(0, len(members), _BLOCK):
        block = distinct[start : start + _BLOCK] @ distinct.T
        for row, sims in enumerate(block):
            tops.append(_top(start + row, sims, counts, k))
    place = [0] * n  # a row's place among its node's rows
    for rows in members:
        for p, row in enumerate(rows):
            place[row] = p
    for i in range(n):
        u, p = node_of[i], place[i]
        for v, take, score in tops[u]:
            if score < floor:
                continue
            rows = members[v]
            first = p + 1 if v == u else p  # own copies: the ones after it; others: spread over them
            for r in range(take):
                j = rows[(first + r) % len(rows)]
                near[i][j] = near[j].setdefault(i, score)
    return near


def _top(u: int, sims: np.ndarray, counts: np.ndarray, k: int) -> list[tuple[int, int, float]]:
    """The nodes nearest node ``u`` and how many rows of each make up the ``k`` nearest rows
    of one of its rows (the last node may give only some; ties among copies are equal)."""
    if counts[u] == 1:
        sims[u] = -1.0  # a row is not its own neighbour; its copies are
    kk = min(k, len(sims) - (1 if counts[u] == 1 else 0))
    if kk <= 0:
        return []
    top = np.argpartition(-sims, kk - 1)[:kk]
    available = counts[top] - (top == u)
    take = available.copy()
    if available.sum() > k:  # more rows than needed: the nearest first, the rest dropped
        left = k
        for t in np.argsort(-sims[top], kind="stable"):
            take[t] = min(int(available[t]), left)
            left -= int(take[t])
    return [(int(v), int(t), float(sims[v])) for v, t in zip(top, take, strict=True) if t > 0]


def wordings(mentions: list[ClaimMention]) -> list[int]:
    """An id per proposition, equal for propositions that read the same in every respect
    alignment looks at (words, polarity, predicate, figures where they stand): such
    propositions are judged once against another wording, and inherit the verdict."""
    index: dict[tuple[object, ...], int] = {}
    return [index.setdefault(_wording(m), len(index)) for m in mentions]


def _wording(m: ClaimMention) -> tuple[object, ...]:
    numbers = tuple((x.start - m.start, x.end - m.start, x.text, x.kind, x.value, x.unit, x.qualifier, x.bound)
                    for x in m.numbers)
    return (m.text, m.core, m.negated, m.denial, m.verb, numbers)
