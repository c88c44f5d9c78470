"""People's names as articles write them: one surname key, honorifics off, the fullest form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

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


# Spelling variants of one name across outlets (transliterations, a dropped letter).
_MIN_VARIANT_LETTERS = 6  # "Lee"/"Lea", "Smith"/"Smyth": too short for one letter to be a spelling
_LETTERS_PER_EDIT = 5


def fold(word: str) -> str:
    """Lower case, accents off, letters only: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c)).lower()


def _skeleton(word: str) -> str:
    """What a transliteration keeps: the first letter and the consonants after it, with
    c/k/q/g one sound and v/w one, h after the first letter, vowels and y dropped and doubled
    letters single: Zelensky, Zelenskyy, Zelenskiy -> "zlnsk"; Gaddafi, Qaddafi, Gadhafi ->
    "kdf"; but Johnson "jnsn" / Johnston "jnstn", Clinton "klntn" / Clayton "kltn"."""
    word = re.sub(r"[ckqg]", "k", fold(word)).replace("w", "v")
    if not word:
        return ""
    rest = re.sub(r"[aeiouyh]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word[0] + rest)


def is_spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name: the same skeleton (``_skeleton``), at least
    ``_MIN_VARIANT_LETTERS`` letters each, and at most one edit per ``_LETTERS_PER_EDIT``
    letters of the shorter (Levenshtein, rapidfuzz)."""
    a, b = fold(a), fold(b)
    if a == b:
        return bool(a)
    shorter = min(len(a), len(b))
    if shorter < _MIN_VARIANT_LETTERS or _skeleton(a) != _skeleton(b):
        return False
    return Levenshtein.distance(a, b) <= shorter // _LETTERS_PER_EDIT


def same_first_name(a: str, b: str) -> bool:
    """First names that agree: equal, one the other's initial ("V." / "Volodymyr"), or
    spelling variants by ``is_spelling_variant`` (Volodymyr / Wolodymyr). "Jon" / "Jan" and
    "Ann" / "Anne" do not: too short for a letter to be a spelling."""
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or is_spelling_variant(a, b)


def spelling_variants(names_by_article: Iterable[Iterable[str]]) -> dict[str, str]:
    """Surname -> the spelling the story gives the same person's surname, for surnames one
    person is written with two ways across a story's outlets ("Zelensky", "Zelenskyy",
    "Zelenskiy"; "Gaddafi", "Qaddafi"). Keys and values are lower case (``surname``); a
    surname with one spelling is not a key.

    Principle: a spelling difference is evidence of one person only where nothing says two.
    Two surnames are one person's when (1) they are spelling variants (``is_spelling_variant``:
    the same consonant skeleton, long enough, one edit per five letters), (2) no article
    writes both (an outlet spells one person one way, so "Hansen" and "Hanson" in one
    article are two people), (3) the first names the story gives them agree wherever both
    are given ("Ann Hansen" and "Kate Hanson" are two people), and (4) surnames that begin
    with different letters (Gaddafi / Qaddafi) have a first name given on both sides. The
    spelling with the fullest name wins, then the most mentioned, then the first in
    alphabetical order; a spelling joins a person only if it fits every spelling already there."""
    mentions: dict[str, int] = {}
    words: dict[str, int] = {}
    firsts: dict[str, set[str]] = {}
    together: set[tuple[str, str]] = set()
    for names in names_by_article:
        seen: set[str] = set()
        for name in names:
            name = clean_name(name)
            parts = name.split()
            key = surname(name)
            if not key or not fold(key):
                continue
            seen.add(key)
            mentions[key] = mentions.get(key, 0) + 1
            words[key] = max(words.get(key, 0), len(parts))
            firsts.setdefault(key, set())
            if len(parts) >= 2:
                firsts[key].add(parts[0].rstrip("."))
        together.update((a, b) for a in seen for b in seen if a != b)
    by_skeleton: dict[str, list[str]] = {}
    for key in mentions:
        if len(fold(key)) >= _MIN_VARIANT_LETTERS:
            by_skeleton.setdefault(_skeleton(key), []).append(key)

    def fits(a: str, b: str) -> bool:
        if (a, b) in together or not is_spelling_variant(a, b):
            return False
        if fold(a)[:1] != fold(b)[:1] and not (firsts[a] and firsts[b]):
            return False
        return all(same_first_name(x, y) for x in firsts[a] for y in firsts[b])

    out: dict[str, str] = {}
    for keys in by_skeleton.values():
        if len(keys) < 2:
            continue
        people: list[list[str]] = []
        for key in sorted(keys, key=lambda k: (-words[k], -mentions[k], k)):
            person = next((p for p in people if all(fits(key, other) for other in p)), None)
            if person is None:
                people.append([key])
            else:
                person.append(key)
                out[key] = person[0]
    return out
