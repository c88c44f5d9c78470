"""Numbers as stated, normalised (value, unit, hedge) so outlets' figures can be compared."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from ..lang.numbers import NUMBER_WORDS, QUALIFIERS, SCALES, parse_value
from ..model import NumberMention

NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}

_VAGUE = re.compile(r"\b(?:hundreds|thousands|millions|billions|dozens|tens|several|many|"
                    r"numerous|scores|a few|some)\b", re.I)
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


def _unit(ent: SpacySpan) -> str | None:
    text = ent.text
    if ent.label_ == "PERCENT":
        return "%"
    if ent.label_ == "MONEY":
        for symbol, code in sorted(_CURRENCIES.items(), key=lambda kv: -len(kv[0])):
            if symbol in text:
                return code
        words = [t.lower_ for t in ent if t.is_alpha and t.lower_ not in SCALES]
        return words[-1] if words else None
    if ent.label_ == "QUANTITY":
        words = [t.text for t in ent if t.is_alpha and t.lower_ not in SCALES
                 and t.lower_ not in QUALIFIERS and t.lower_ not in NUMBER_WORDS]
        return " ".join(words) or None
    head = ent.root.head
    if ent.root.dep_ == "nummod" and head.i >= ent.end:
        compounds = [c.text for c in head.lefts if c.dep_ == "compound" and c.i >= ent.end]
        return " ".join([*compounds, head.lemma_.lower()])
    return None
