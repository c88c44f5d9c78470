"""People's names as articles write them: one surname key, honorifics off, the fullest form."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame)\.?\s+)+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
# Heads of descriptions that stand for a named person: "the Russian leader", "the president".
ROLE_NOUNS = {
    "president", "leader", "minister", "premier", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "adviser", "advisor", "envoy", "chief", "governor", "mayor",
    "senator", "ambassador", "general", "commander", "king", "queen", "pope", "candidate",
    "nominee", "director", "chairman", "chairwoman", "official", "head",
}


def clean_name(name: str) -> str:
    name = _HONORIFIC.sub("", name.strip())
    return _POSSESSIVE.sub("", name).strip()


def surname(name: str) -> str:
    parts = name.split()
    return parts[-1].lower() if parts else ""


def fullest_names(names: Iterable[str]) -> dict[str, str]:
    """Surname -> the name with the most words among ``names`` (the first on a tie):
    Putin = Mr. Putin = Vladimir Putin."""
    fullest: dict[str, str] = {}
    for name in names:
        key = surname(name)
        if len(name.split()) > len(fullest.get(key, "").split()):
            fullest[key] = name
    return fullest
