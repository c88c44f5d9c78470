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
        if re.search(r"[^aeiou]y$", verb):  # reply, deny, cry: replied, denies
            forms.update({verb[:-1] + "ied", verb[:-1] + "ies"})
    return forms


def content_words(text: str) -> set[str]:
    """Stems (first five letters) of the longer words: "encircled" and "encirclement" meet. A
    stem of a stop word or of a news word ("said", "friday") is no content word."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text)} - _STOP_STEMS


_STOP_STEMS = {w[:5] for w in (*STOP_WORDS, *_NEWS_WORDS)}


# Chinese characters and kana: written without spaces between words, so counted by character.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]")
# Their punctuation (、。「」 and full-width marks), which is no word.
_UNSPACED_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
# A Chinese word averages 1.5 to 2 characters, a Japanese one about 2 (kanji with kana endings):
# two characters count as one word against thresholds set in words ("at least 4 words").
CHARACTERS_PER_WORD = 2


def unspaced_characters(text: str) -> int:
    """How many characters of ``text`` are Chinese characters or kana."""
    return len(_UNSPACED.findall(text))


def count_words(text: str, word: re.Pattern[str] | None = None) -> int:
    """Words as thresholds count them: runs between spaces (or matches of ``word``), and in
    Chinese and Japanese, which put no spaces between words, characters, two to a word."""
    characters = unspaced_characters(text)
    if characters:
        text = _UNSPACED_PUNCTUATION.sub(" ", _UNSPACED.sub(" ", text))
    spaced = len(word.findall(text)) if word else len(text.split())
    return spaced + -(-characters // CHARACTERS_PER_WORD)


def text_length(text: str) -> str:
    """How long ``text`` is, as a reader would say it: "12 words", or "5 characters" when
    it is mostly Chinese or Japanese."""
    characters = unspaced_characters(text)
    if characters and characters >= len(text.split()):
        return f"{characters} character{'s' if characters != 1 else ''}"
    words = len(text.split())
    return f"{words} word{'s' if words != 1 else ''}"


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at the last whole word within ``limit`` characters, with an
    ellipsis: never in the middle of a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"
