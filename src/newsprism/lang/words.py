"""Words as several stages count them: the token pattern, content words, reporting verbs and their forms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..data import word_list

WORD = re.compile(r"[\w]+(?:['’][\w]+)*")  # the words quote versions are compared by (and diffs count)


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
    """Stems (first five letters) of the longer words: "encircled" and "encirclement" meet."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text)} - _STOP_STEMS


_STOP_STEMS = {w[:5] for w in (
    "that this with from have been were said says will would which their there they about after "
    "also than into over what when where while more most some such only other could should these "
    "those being according told added noted stated reported friday thursday saturday sunday monday "
    "tuesday wednesday earlier later"
).split()}
