"""Numbers as stated, normalised (value, unit, hedge) so outlets' figures can be compared."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from ..model import NumberMention

NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "half": 0.5,
}
_VAGUE = re.compile(r"\b(?:hundreds|thousands|millions|billions|dozens|tens|several|many|"
                    r"numerous|scores|a few|some)\b", re.I)
# The hedge a reporter puts on a number, and what it does to the value.
QUALIFIERS = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "nearly": "upper", "almost": "upper", "up to": "upper", "under": "upper",
    "less than": "upper", "fewer than": "upper", "at most": "upper", "below": "upper",
    "over": "lower", "more than": "lower", "at least": "lower", "above": "lower",
    "upwards of": "lower", "exactly": None, "just over": "lower", "just under": "upper",
}
_QUALIFIER_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\b\s*",
    re.I,
)
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH"}


def number_mention(ent: SpacySpan, offset: int) -> NumberMention:
    text = ent.text
    qualifier = None
    match = _QUALIFIER_RE.match(text)
    if match:
        qualifier = match.group(0).strip().lower()
    else:
        qualifier = _qualifier_before(ent)
    bound = QUALIFIERS.get(qualifier) if qualifier else None
    value = parse_value(text)
    if value is None and _VAGUE.search(text):
        bound = "vague"
    return NumberMention(
        start=ent.start_char + offset, end=ent.end_char + offset, text=text, kind=ent.label_,
        value=value, unit=_unit(ent), qualifier=qualifier, bound=bound,
    )


def _qualifier_before(ent: SpacySpan) -> str | None:
    doc = ent.doc
    for width in (2, 1):
        if ent.start - width < 0:
            continue
        words = doc[ent.start - width : ent.start].text.lower()
        if words in QUALIFIERS:
            return words
    return None


def parse_value(text: str) -> float | None:
    lowered = text.lower().replace("-", " ")
    digits = _DIGITS.search(lowered)
    value: float | None = None
    rest = lowered
    if digits:
        try:
            value = float(digits.group(0).replace(",", ""))
        except ValueError:
            return None
        rest = lowered[digits.end():]
    else:
        for word, number in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
            found = re.search(rf"\b{word}\b", lowered)
            if found:
                value = float(number)
                rest = lowered[found.end():]
                break
    if value is None:
        return None
    scale = re.match(r"\s*([a-z]+)", rest)
    if scale and scale.group(1) in _SCALES:
        value *= _SCALES[scale.group(1)]
    return value


def _unit(ent: SpacySpan) -> str | None:
    text = ent.text
    if ent.label_ == "PERCENT":
        return "%"
    if ent.label_ == "MONEY":
        for symbol, code in sorted(_CURRENCIES.items(), key=lambda kv: -len(kv[0])):
            if symbol in text:
                return code
        words = [t.lower_ for t in ent if t.is_alpha and t.lower_ not in _SCALES]
        return words[-1] if words else None
    if ent.label_ == "QUANTITY":
        words = [t.text for t in ent if t.is_alpha and t.lower_ not in _SCALES
                 and t.lower_ not in QUALIFIERS and t.lower_ not in _WORDS]
        return " ".join(words) or None
    head = ent.root.head
    if ent.root.dep_ == "nummod" and head.i >= ent.end:
        compounds = [c.text for c in head.lefts if c.dep_ == "compound" and c.i >= ent.end]
        return " ".join([*compounds, head.lemma_.lower()])
    return None
