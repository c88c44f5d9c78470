"""Organisations as articles name them: "the Defence Council", "Estonia's Defence Council",
"the Estonian Defence Council" and "the Defence Council of the Estonian Armed Forces" are one
body when the shorter names say nothing the fullest one does not.

A shorter name is a form of a fuller one when both have the same head (the last word before
"of": "Council") and every word of the shorter one is in the fuller one, nationality and
country counted as one word ("Estonia's" ~ "Estonian"). "Latvian Defence Council" is not a
form of "Defence Council of the Estonian Armed Forces"; "Chairman of the Defence Council"
(head "Chairman") is not the Council. A name that fits two bodies that are not forms of each
other is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?\b")
_GLUE = {"of", "the", "and", "for", "a", "an", "s"}


@lru_cache(maxsize=4096)
def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", _POSSESSIVE.sub("", _ARTICLE.sub("", name.strip())).lower()))


def head(name: str) -> str:
    """The head word: the last word before "of" ("Defence Council of the Armed Forces": council)."""
    words = list(_words(name))
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1] if words else ""


def _stem(word: str) -> str:
    return word[:5]


@lru_cache(maxsize=16384)
def is_form_of(short: str, full: str) -> bool:
    """``short`` names the body ``full`` names, with fewer words (see the module note)."""
    if not short or not full or short == full:
        return short == full
    proper = [w for w in re.findall(r"[\w’'-]+", _ARTICLE.sub("", short)) if w.lower() not in _GLUE]
    if not proper or not any(w[:1].isupper() for w in proper):
        return False  # "the ministry" is a description: the role-noun rules resolve it
    if head(short) != head(full):
        return False
    mine = {_stem(w) for w in _words(short) if w not in _GLUE}
    theirs = {_stem(w) for w in _words(full) if w not in _GLUE}
    return mine <= theirs and len(theirs) >= len(mine)


def canonical_bodies(names: Iterable[str]) -> dict[str, str]:
    """Name -> the fullest name of the same body, for names that have exactly one fuller
    form (forms of each other counted once); every other name maps to itself."""
    distinct = sorted(set(n.strip() for n in names if n and n.strip()), key=lambda n: (-len(_words(n)), n))
    by_head: dict[str, list[str]] = {}
    for name in distinct:  # only names with one head can be forms of each other
        by_head.setdefault(head(name), []).append(name)
    out: dict[str, str] = {}
    for name in distinct:
        fuller = [f for f in by_head[head(name)] if len(_words(f)) > len(_words(name)) and is_form_of(name, f)]
        tops = [f for f in fuller if not any(is_form_of(f, g) for g in fuller if g != f)]
        out[name] = out.get(tops[0], tops[0]) if len(tops) == 1 else name
    return out
