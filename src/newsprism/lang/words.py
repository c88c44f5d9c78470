"""Words as several stages count them: the token pattern, content words, reporting verbs and their forms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..data import word_list

WORD = re.compile(r"[\w]+(?:['’][\w]+)*")  # the words quote versions are compared by (and diffs count)
STOP_WORDS = frozenset(word_list("stop_words.txt"))  # the one stop-word list: function words (see the file)
# Words of any news report, whatever its event: attribution, weekdays, "earlier", "later".
_NEWS_WORDS = ("said says told added noted stated reported according friday thursday saturday sunday monday "
               "tuesday wednesday earlier later").split()


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, bool]:
    """Lemma -> True for speech verbs, False for belief/intent verbs (marked * in the file)."""
    return {word.rstrip("*"): not word.endswith("*") for word in word_list("reporting_verbs.txt")}


@cache
def verb_forms() -> set[str]:
    """Reporting verbs with their inflections ("said", "says", "adds"), plus "that"."""
    forms = {"that", "says", "said", "told", "wrote"}
    for verb in reporting_verbs():
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, verb + "s", verb + "es", verb + "ed", stem + "ed", stem + "ing", verb + "d"})
    return forms


def content_words(text: str) -> set[str]:
    """Stems (first five letters) of the longer words: "encircled" and "encirclement" meet. A
    stem of a stop word or of a news word ("said", "friday") is no content word."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text)} - _STOP_STEMS


_STOP_STEMS = {w[:5] for w in (*STOP_WORDS, *_NEWS_WORDS)}


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at the last whole word within ``limit`` characters, with an
    ellipsis: never in the middle of a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"
