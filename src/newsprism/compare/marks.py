"""Quotation marks in an outlet's text: the quoted stretches (paired per paragraph, apostrophes
told apart) and scare quotes, a short term the outlet puts in quotation marks without
crediting anyone (MOS:DOUBT). Used by ``lexicon.flag_words``."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Any

from ..lang.words import reporting_verbs
from ..model import Flag
from .inflect import forms

SCARE_QUOTE_WEIGHT = 0.5
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words before a short quoted term that make it a mention of a word, a title or a slogan, not
# scare quotes: the *word* "freedom", a sign reading "no war", euphemisms like "reform".
_MENTION = {"word", "words", "term", "terms", "phrase", "phrases", "slogan", "slogans", "label", "labels", "name",
            "names", "nickname", "nicknamed", "hashtag", "title", "titled", "entitled", "headline", "headlined",
            "called", "dubbed", "known", "as", "like", "such", "motto", "chant", "chants", "chanting", "chanted",
            "sign", "signs", "banner", "banners", "read", "reading", "reads", "marked", "stamped", "caption", "song",
            "book", "film", "album", "show", "series", "program", "programme", "operation", "codenamed", "brand",
            "letter", "letters", "spelled", "spelling", "meaning", "means", "mean", "meant", "from", "or", "coined",
            "rate", "rated", "rates", "rating", "verdict"}
# Verbs that attribute a quoted term to someone (besides the reporting verbs): "calling it a 'hoax'".
_ATTRIBUTING = {"call", "dub", "term", "label", "brand", "describe", "name", "refer", "nickname", "title", "entitle",
                "christen", "characterize", "characterise", "use", "write", "tweet", "post", "say", "tell", "quote",
                "deem", "consider", "hail", "decry", "praise", "slam", "blast", "mock", "dismiss", "accuse"}
_OPEN2, _CLOSE2, _OPEN1, _CLOSE1 = "“„«", "”»", "‘", "’"


_MARKS = re.compile("[\n\"'“„«”»‘’]")


def quotations(text: str) -> list[tuple[int, int]]:
    """Quoted stretches, marks included, paired per paragraph: curly and straight double quotes,
    and single quotes where they cannot be apostrophes. A quote left open runs to the end of its
    paragraph (a quote that goes on into the next paragraph opens again there)."""
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for m in _MARKS.finditer(text):  # no other character changes the state
        i, ch = m.start(), m.group()
        prev, nxt = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        if ch == "\n":
            if double is not None:
                spans.append((double, i))
            double = single = None
        elif ch in _OPEN2 or ch == '"' and double is None:
            double, single = i, None
        elif ch in _CLOSE2 or ch == '"':
            if double is not None:
                spans.append((double, i + 1))
            double = None
        elif double is not None:
            continue  # single quotes inside a double quote are part of it
        elif (ch in _OPEN1 or ch == "'") and single is None and not prev.isalnum() and nxt.isalnum():
            single = i
        elif ch in _CLOSE1 + "'" and single is not None and not nxt.isalnum() and not prev.isspace():
            if i - single < 300:
                spans.append((single, i + 1))
            single = None
    if double is not None:
        spans.append((double, len(text)))
    return sorted(spans)


def within(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether start..end lies inside one of ``spans`` (sorted, hardly overlapping; ``starts``: theirs)."""
    i = bisect_right(starts, start)
    return any(a <= start and end <= b for a, b in spans[max(i - 2, 0) : i])


def sentence_bounds(text: str, doc: Any) -> list[tuple[int, int]]:
    if doc is not None:
        return [(s.start_char, s.end_char) for s in doc.sents]
    bounds, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+", text):
        bounds.append((start, m.start()))
        start = m.end()
    return [*bounds, (start, len(text))]


@cache
def _attributing_forms() -> frozenset[str]:
    verbs = {v for v, speech in reporting_verbs().items() if speech} | _ATTRIBUTING
    return frozenset(f for v in verbs for f in forms(v)) | {"said", "told", "wrote", "according", "says"}


def scare_quotes(text: str, toks: list[Any], quotes: list[tuple[int, int]], doc: Any) -> list[Flag]:
    """A short quoted term (1-3 words) in the outlet's own sentence that no reporting verb in
    the sentence attributes to anyone, that is not a mention of a word, name, title or slogan,
    and that is not a fragment of a speaker quoted at length in the sentence before or after."""
    flags: list[Flag] = []
    if not any(1 <= len(_LETTERS.findall(text[a:b])) <= 3 for a, b in quotes):
        return flags  # no short quoted term: nothing to judge (and no sentences to split)
    sentences = sentence_bounds(text, doc)
    attributing = _attributing_forms()
    long_quotes = [(a, b) for a, b in quotes if len(_LETTERS.findall(text[a:b])) >= 4]
    starts, sent_starts, long_starts = [t.start for t in toks], [a for a, _ in sentences], [a for a, _ in long_quotes]
    for q0, q1 in quotes:
        inner = text[q0 + 1 : q1 - 1].strip().rstrip(".,;:!?").strip()
        words = _LETTERS.findall(inner)
        if not 1 <= len(words) <= 3 or len(" ".join(words)) < len(inner) * 0.7 or any(c.isdigit() for c in inner):
            continue
        k = max(bisect_right(sent_starts, q0) - 1, 0)
        s0, s1 = sentences[k] if sentences else (0, len(text))
        if words[0][0].isupper() and (len(words) == 1 or all(w[0].isupper() for w in words)) and q0 > s0 + 1:
            continue  # a name, a title or a coinage ("Bridgegate")
        outside = [t for t in toks[bisect_left(starts, s0) : bisect_left(starts, s1)]
                   if not q0 <= t.start < q1 and t.text.isalnum()]
        before = [t for t in outside if t.end <= q0][-3:]
        if len(outside) < 4 or any(t.lower in _MENTION or t.lower in {"so", "called"} for t in before):
            continue
        if any(t.lower in attributing if not t.parsed else t.pos in {"VERB", "AUX"} and t.lemma in attributing
               or t.lower in {"according", "said", "says"} for t in outside):
            continue
        near0 = sentences[max(k - 1, 0)][0] if sentences else 0
        near1 = sentences[min(k + 1, len(sentences) - 1)][1] if sentences else len(text)
        near0 = max(near0, text.rfind("\n", 0, q0) + 1)
        near1 = min(near1, text.index("\n", q1) if "\n" in text[q1:] else len(text))
        nearby = long_quotes[max(bisect_left(long_starts, near1) - 4, 0) : bisect_left(long_starts, near1)]
        if any(a < q0 and q1 < b or (a, b) != (q0, q1) and near0 < b for a, b in nearby):
            continue  # part of a longer quotation, or a fragment of a speaker quoted next to it
        flags.append(Flag(q0, q1, text[q0:q1], "doubt", "scare quotes", "scare quotes: a short quoted term that no "
                          "one is credited with; the outlet distances itself from the word (MOS:DOUBT)",
                          SCARE_QUOTE_WEIGHT))
    return flags
