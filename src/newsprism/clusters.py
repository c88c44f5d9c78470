"""Grouping by links: stories from similar articles, quote groups from matching sentences."""

from __future__ import annotations

from collections.abc import Iterable


def connected_components(n: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Indices 0..n-1 joined by ``links`` (union-find); each group sorted, groups in the
    order of their first index, so the result does not depend on the order of the links."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for index in range(n):
        groups.setdefault(find(index), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])
