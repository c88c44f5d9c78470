"""Counts in messages a person reads: "1 story", "2 stories", never "1 stories"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun that agrees with it: ``counted(1, "story", "stories")`` is "1 story",
    ``counted(2, "article")`` is "2 articles" (the plural is the singular + "s" unless given)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
