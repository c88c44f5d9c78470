"""Numbers across outlets: two articles counting the same thing differently (a conflict),
and figures only one source gives inside a claim others share (a detail no other outlet
confirms). A number is "the same thing" when its unit matches or, for bare counts, when the
words around it overlap ("three were treated", "three workers treated")."""

from __future__ import annotations

from collections.abc import Iterable

from ..config import ClaimSettings
from ..lang.words import content_words
from ..model import Claim, ClaimMention, NumberMention, Span
from .near import Near


def number_clashes(mentions: list[ClaimMention], cosine: Near, settings: ClaimSettings, labels: dict[str, str]
                      ) -> Iterable[tuple[int, int, str]]:
    """Two articles counting the same thing differently: a number that no number of the
    other sentence agrees with, where the other counts something in the same words
    ("the evacuation of 120 workers" against "40 workers were evacuated")."""
    contexts = [[counted(m, x) for x in m.numbers] for m in mentions]
    for i, first in enumerate(mentions):
        for j in cosine[i]:
            second = mentions[j]
            if j < i or first.article_id == second.article_id or not first.numbers or not second.numbers:
                continue
            for x, x_counts in zip(first.numbers, contexts[i], strict=True):
                if x.value is None or any(y.value is not None and agree(x, y, settings) for y in second.numbers):
                    continue
                clash = next((y for y, y_counts in zip(second.numbers, contexts[j], strict=True)
                              if y.value is not None and y.kind == x.kind and y.unit == x.unit
                              and len(x_counts & y_counts) >= settings.counted_shared), None)
                if clash is not None:
                    yield i, j, (f"numbers differ: {x.text} ({labels[first.article_id]}) vs "
                                 f"{clash.text} ({labels[second.article_id]})")
                    break


def lone_numbers(claims: list[Claim], mentions: list[ClaimMention], sources_of: dict[str, frozenset[str]],
                  labels: dict[str, str], settings: ClaimSettings) -> Iterable[Claim]:
    """Numbers only one source gives, inside claims that several report: the detail a
    reader cannot check against another outlet ("under 200" beside a shared "1,300"). A
    number is confirmed by an agreeing number of another source that counts the same thing
    (a word in common around both: "three were treated", "three workers treated")."""
    given = [(m, x, counted(m, x)) for m in mentions for x in m.numbers if x.value is not None]
    for claim in claims:
        for m in claim.mentions:
            if claim.status == "single_source" and not _partly_confirmed(m, given, sources_of, settings):
                continue  # the whole statement is already reported as one source's
            source = sources_of[m.article_id]
            for x in m.numbers:
                if x.value is None:
                    continue
                counts = counted(m, x)
                if any(sources_of[other.article_id] != source and same_thing(x, y, counts, words)
                       and agree(x, y, settings) for other, y, words in given):
                    continue
                yield Claim(
                    id="", text=m.text, status="single_source", support=[Span(m.article_id, x.start, x.end)],
                    story_id=claim.story_id, articles=[m.article_id], sources=[sorted(source)], mentions=[m],
                    note=f"only {labels[m.article_id]} gives this number: {x.text}",
                )


def _partly_confirmed(m: ClaimMention, given: list[tuple[ClaimMention, NumberMention, set[str]]],
                      sources_of: dict[str, frozenset[str]], settings: ClaimSettings) -> bool:
    """A statement of one source some of whose figures other sources give ("up to 1,300 ...
    slashed to under 200", where another outlet has the 1,300): the rest is its own detail."""
    source = sources_of[m.article_id]
    return any(x.value is not None and any(sources_of[o.article_id] != source and same_thing(x, y, counted(m, x), w)
                                           and agree(x, y, settings) for o, y, w in given) for x in m.numbers)


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
