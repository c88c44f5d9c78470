"""Data files shipped with the package (lexicons, lists), read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a one-entry-per-line data file, without blank lines and ``#`` comments."""
    text = resources.files(__name__).joinpath(name).read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
