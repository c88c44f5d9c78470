"""Numbers as English writes them ("1,200", "two million", "about 30"): values and the hedges on them."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6,
          "billion": 1e9, "bn": 1e9, "trillion": 1e12}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "half": 0.5,
}
# The hedge a reporter puts on a number, and what it does to the value.
QUALIFIERS = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "nearly": "upper", "almost": "upper", "up to": "upper", "under": "upper",
    "less than": "upper", "fewer than": "upper", "at most": "upper", "below": "upper",
    "over": "lower", "more than": "lower", "at least": "lower", "above": "lower",
    "upwards of": "lower", "exactly": None, "just over": "lower", "just under": "upper",
}


def parse_value(text: str) -> float | None:
    """The value a number states ("1,200" 1200.0, "two million" 2e6); None when it states none."""
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
        for word, number in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
            found = re.search(rf"\b{word}\b", lowered)
            if found:
                value = float(number)
                rest = lowered[found.end():]
                break
    if value is None:
        return None
    scale = re.match(r"\s*([a-z]+)", rest)
    if scale and scale.group(1) in SCALES:
        value *= SCALES[scale.group(1)]
    return value
