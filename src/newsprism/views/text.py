"""Text as the views hand it to a template or to JSON: plain strings cut at a word, runs of
text with a mark (never pre-rendered HTML, so every renderer escapes for its own format),
and the name a reader knows an article by."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..lang.media import outlet_label
from ..lang.words import shorten
from ..model import Article

__all__ = ["Run", "plural", "runs", "shorten", "source_labels"]


@dataclass
class Run:
    """A piece of text; ``mark`` says how it is shown (``""`` plain, ``quote``, ``flag``,
    ``ins`` a changed word), ``note`` why (a tooltip)."""

    text: str
    mark: str = ""
    note: str = ""


def source_labels(articles: list[Article]) -> dict[str, str]:
    """Each article's label, numbered where two articles of one page would read the same."""
    labels = {a.id: outlet_label(a) for a in articles}
    counts = Counter(labels.values())
    seen: Counter[str] = Counter()
    for article in articles:
        label = labels[article.id]
        if counts[label] > 1:
            seen[label] += 1
            labels[article.id] = f"{label} ({seen[label]})"
    return labels


def runs(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> list[Run]:
    """``text[start:end]`` as runs, the given ``(start, end, mark, note)`` spans marked
    (sorted, not overlapping; a mark not wholly inside is left out)."""
    out: list[Run] = []
    cursor = start
    for m_start, m_end, mark, note in marks:
        if m_start < cursor or m_end > end or m_start >= m_end:
            continue
        if m_start > cursor:
            out.append(Run(text[cursor:m_start]))
        out.append(Run(text[m_start:m_end], mark, note))
        cursor = m_end
    if end > cursor:
        out.append(Run(text[cursor:end]))
    return out


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
