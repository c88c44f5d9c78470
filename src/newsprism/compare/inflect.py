"""Regular English inflections of a lexicon word, for matching without a parse."""

from __future__ import annotations

from functools import cache


@cache
def forms(word: str) -> frozenset[str]:
    """The word and its regular inflections (-s, -ed, -ing, doubled consonant, y/ie, silent e)."""
    out = {word}
    if len(word) < 3 or not word.isalpha():
        return frozenset(out)
    if word.endswith("e"):
        out |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        out |= {word + "s", word + "es", word + "ed", word + "ing"}
        if word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return frozenset(out)
