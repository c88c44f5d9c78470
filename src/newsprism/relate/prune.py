"""Which reuse edges to keep: a story of thousands of near-copies has edges in the square
of its size, and most of them repeat one fact (every copy of a wire shares the wire's
wording with every other copy). The evidence passages, the costly part, are computed only
for the edges kept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

Pair = tuple[int, int]  # (source, target)
Edges = dict[Pair, tuple[Any, ...]]


def strongest(edges: Edges, kinds: Sequence[str], max_sources: int) -> Edges:
    """The edges that carry the information; an edge is ``(kind, score, _, agency, ...)``.
    Per target: its ``max_sources`` strongest sources (by kind in ``kinds`` order, then
    score, then the lower source index) and its strongest edge naming each agency. Per kind:
    a maximum spanning forest.

    What a fact-checker reads from the graph stays: whom each article most likely took
    from, with the passages, which agencies stand behind it, and which articles count as
    one source (``independent_sources`` gives the same groups for any choice of kinds, as
    each kind keeps its components). A story whose articles have at most ``max_sources``
    sources each keeps every edge."""
    incoming: dict[int, list[Pair]] = defaultdict(list)
    for pair in edges:
        incoming[pair[1]].append(pair)
    kept: set[Pair] = set()
    for pairs in incoming.values():
        if len(pairs) <= max_sources:
            kept.update(pairs)
            continue
        ranked = sorted(pairs, key=lambda p: (kinds.index(edges[p][0]), -edges[p][1], p))
        kept.update(ranked[:max_sources])
        agencies = {edges[p][3] for p in ranked[:max_sources]}
        for pair in ranked[max_sources:]:
            if edges[pair][3] not in agencies:
                agencies.add(edges[pair][3])
                kept.add(pair)
    for kind in kinds:
        kept.update(_spanning_forest(sorted((p for p in edges if edges[p][0] == kind),
                                            key=lambda p: (-edges[p][1], p))))
    return {pair: edges[pair] for pair in kept}


def _spanning_forest(ranked: list[Pair]) -> list[Pair]:
    """Kruskal: the first pair (in ``ranked`` order) to join two components, each time."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joined = []
    for a, b in ranked:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            joined.append((a, b))
    return joined
