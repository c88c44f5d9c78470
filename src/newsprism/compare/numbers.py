"""Numbers across outlets: two articles counting the same thing differently (a conflict),
and figures only one source gives inside a claim others share (a detail no other outlet
confirms). A number is "the same thing" when its unit matches or, for bare counts, when the
words around it overlap ("three were treated", "three workers treated")."""

from __future__ import annotations

from collections.abc import Iterable

from ..config import ClaimSettings
from ..lang.words import content_words
from ..model import Claim, ClaimMention, NumberMention, Span
from .near import Near, wordings


def number_clashes(mentions: list[ClaimMention], cosine: Near, settings: ClaimSettings, labels: dict[str, str]
                      ) -> Iterable[tuple[int, int, str]]:
    """Two articles counting the same thing differently: a number that no number of the
    other sentence agrees with, where the other counts something in the same words
    ("the evacuation of 120 workers" against "40 workers were evacuated"). Each pair of
    wordings is compared once, however many outlets print them."""
    wording = wordings(mentions)
    found: dict[tuple[int, int], tuple[str, str] | None] = {}
    for i, first in enumerate(mentions):
        for j in cosine[i]:
            second = mentions[j]
            if j < i or first.article_id == second.article_id or not first.numbers or not second.numbers:
                continue
            pair = (wording[i], wording[j])
            if pair not in found:
                found[pair] = _clash(first, second, settings)
            if (clash := found[pair]) is not None:
                yield i, j, (f"numbers differ: {clash[0]} ({labels[first.article_id]}) vs "
                             f"{clash[1]} ({labels[second.article_id]})")


def _clash(first: ClaimMention, second: ClaimMention, settings: ClaimSettings) -> tuple[str, str] | None:
    """The first figure of ``first`` that no figure of ``second`` agrees with, where ``second``
    counts the same thing in the same words, and that figure of ``second`` (as written)."""
    seconds = [(y, counted(second, y)) for y in second.numbers]
    for x in first.numbers:
        if x.value is None or any(y.value is not None and agree(x, y, settings) for y in second.numbers):
            continue
        x_counts = counted(first, x)
        clash = next((y for y, y_counts in seconds if y.value is not None and y.kind == x.kind and y.unit == x.unit
                      and len(x_counts & y_counts) >= settings.counted_shared), None)
        if clash is not None:
            return x.text, clash.text
    return None


def lone_numbers(claims: list[Claim], mentions: list[ClaimMention], sources_of: dict[str, frozenset[str]],
                  labels: dict[str, str], settings: ClaimSettings) -> Iterable[Claim]:
    """Numbers only one source gives, inside claims that several report: the detail a
    reader cannot check against another outlet ("under 200" beside a shared "1,300"). A
    number is confirmed by an agreeing number of another source that counts the same thing
    (a word in common around both: "three were treated", "three workers treated")."""
    given = _Given(mentions, sources_of, settings)
    for claim in claims:
        for m in claim.mentions:
            if claim.status == "single_source" and not _partly_confirmed(m, given):
                continue  # the whole statement is already reported as one source's
            for x in m.numbers:
                if x.value is None or given.confirmed(m, x):
                    continue
                yield Claim(
                    id="", text=m.text, status="single_source", support=[Span(m.article_id, x.start, x.end)],
                    story_id=claim.story_id, articles=[m.article_id], sources=[sorted(sources_of[m.article_id])],
                    mentions=[m], note=f"only {labels[m.article_id]} gives this number: {x.text}",
                )


class _Given:
    """Every figure of the story, and for each distinct figure (value, bound, unit and the
    words around it) the sources that give an agreeing figure of the same thing: found once,
    however many outlets print it."""

    def __init__(self, mentions: list[ClaimMention], sources_of: dict[str, frozenset[str]],
                 settings: ClaimSettings) -> None:
        self._given = [(sources_of[m.article_id], y, counted(m, y)) for m in mentions for y in m.numbers
                       if y.value is not None]
        self._sources_of, self._settings = sources_of, settings
        self._agreeing: dict[tuple[object, ...], set[frozenset[str]]] = {}

    def confirmed(self, m: ClaimMention, x: NumberMention) -> bool:
        """Another source than ``m``'s gives an agreeing figure of the same thing as ``x``."""
        counts = counted(m, x)
        key = (x.value, x.bound, x.unit, frozenset(counts))
        if key not in self._agreeing:
            self._agreeing[key] = {source for source, y, words in self._given
                                   if same_thing(x, y, counts, words) and agree(x, y, self._settings)}
        sources = self._agreeing[key]
        return len(sources) > 1 or bool(sources) and self._sources_of[m.article_id] not in sources


def _partly_confirmed(m: ClaimMention, given: _Given) -> bool:
    """A statement of one source some of whose figures other sources give ("up to 1,300 ...
    slashed to under 200", where another outlet has the 1,300): the rest is its own detail."""
    return any(x.value is not None and given.confirmed(m, x) for x in m.numbers)


def counted(mention: ClaimMention, number: NumberMention) -> set[str]:
    """What a number counts and what happened to it: the words around it."""
    start, end = number.start - mention.start, number.end - mention.start
    return content_words(mention.text[max(0, start - 20) : start] + " " + mention.text[end : end + 35])


def agree(x: NumberMention, y: NumberMention, settings: ClaimSettings) -> bool:
    """Equal within tolerance, or compatible with a bound ("under 200" and 150)."""
    if x.value is None or y.value is None:
        return True
    if x.bound in {"upper", "lower"} or y.bound in {"upper", "lower"}:
        upper = x if x.bound == "upper" else y if y.bound == "upper" else None
        other = y if upper is x else x
        if upper is not None and other.value is not None and upper.value is not None:
            return other.value <= upper.value
        return True
    return abs(x.value - y.value) <= settings.number_tolerance * max(abs(x.value), abs(y.value))


def same_values(first: ClaimMention, second: ClaimMention) -> set[float]:
    """Values both sentences give for the same kind of thing ("40 workers" twice, not the
    40 of "21:40" and of "some 40 workers")."""
    return {x.value for x in first.numbers for y in second.numbers
            if x.value is not None and x.value == y.value
            and same_thing(x, y, counted(first, x), counted(second, y))}


def same_thing(x: NumberMention, y: NumberMention, x_counts: set[str], y_counts: set[str]) -> bool:
    """Two numbers measure the same thing: the same stated unit ("square kilometers"), or,
    for bare counts, a word in common around them ("three were treated", "three workers
    treated")."""
    if x.unit and y.unit:
        return x.unit == y.unit
    return bool(x_counts & y_counts)
