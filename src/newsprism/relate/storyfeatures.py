"""What an article says happened, reduced to what story grouping compares.

Three kinds of evidence, each cheap and each explainable:
  * the gist: one sentence embedding of the headline and the lead (the first sentences),
    where reporters say what happened; the rest of an article is background that other
    events share;
  * the specifics: keys for who and where (people by surname, places, organisations,
    groups, named events), the numbers stated, and the content words of headline and lead.
    Two earthquakes share "earthquake" and "magnitude" but not the place or the toll;
  * when: the publish date (else the dateline's date). A missing date says nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..lang.words import STOP_WORDS
from ..model import Article

# Entity labels that say who or where; dates, times and quantities are handled apart.
_ENTITY_PREFIX = {
    "PERSON": "p", "GPE": "g", "LOC": "g", "FAC": "g", "ORG": "o", "NORP": "n", "EVENT": "e",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# Reporting furniture: words every story's lead uses, whatever happened.
_FURNITURE = frozenset({
    "said", "says", "say", "told", "according", "reported", "report", "reports", "news", "new",
    "year", "years", "day", "days", "week", "time", "people", "just", "like", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "ago",
})


@dataclass
class StoryFeatures:
    """The plain data one article contributes to story grouping (picklable)."""

    article_id: str
    entities: dict[str, float]  # entity and number keys -> weight (1 + log count)
    words: dict[str, float]  # content words of headline and lead -> weight
    day: int | None  # proleptic ordinal of the publish (else dateline) date
    title: str | None


def lead_text(article: Article, sentences: int) -> str:
    """Headline plus the first ``sentences`` sentences: what the article says happened."""
    parts = [article.title] if article.title else []
    parts.extend(article.text[s.start : s.end] for s in article.sentences[:sentences])
    if not article.sentences:
        parts.append(article.text[:600])
    return " ".join(p.strip() for p in parts if p and p.strip())


def article_day(article: Article) -> int | None:
    for value in (article.published, article.dateline.date if article.dateline else None):
        if value:
            try:
                return date.fromisoformat(value[:10]).toordinal()
            except ValueError:
                continue
    return None


def entity_keys(article: Article) -> Counter[str]:
    """Who and where, keyed so that spellings of one name meet: people by surname."""
    keys: Counter[str] = Counter()
    for entity in article.entities:
        prefix = _ENTITY_PREFIX.get(entity.label)
        if prefix is None:
            continue
        words = re.sub(r"^the\s+", "", entity.text, flags=re.I).replace("'s", "").split()
        if not words:
            continue
        name = words[-1] if prefix == "p" else " ".join(words)
        name = name.strip(".,\"'()").lower()
        if len(name) > 1:
            keys[f"{prefix}:{name}"] += 1
    for number in article.numbers:
        if number.value is not None and number.value not in (0, 1, 2):
            keys[f"#:{number.value:g}{number.unit or ''}"] += 1
    return keys


def word_counts(text: str) -> Counter[str]:
    """Content words with their counts, crudely stemmed (``lang.words.content_words`` gives
    the set of 5-letter stems, for matching sentences; grouping needs counts for tf-idf)."""
    words: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().lower().strip("'-")
        if len(word) < 3 or word in STOP_WORDS or word in _FURNITURE:
            continue
        words[_stem(word)] += 1
    return words


def _stem(word: str) -> str:
    """A crude, deterministic stem: plural and tense endings off, so 'sentenced' meets 'sentence'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + keep
    return word


def features(article: Article, lead_sentences: int, body_weight: float = 0.0) -> StoryFeatures:
    return StoryFeatures(
        article_id=article.id,
        entities={k: 1 + math.log(c) for k, c in entity_keys(article).items()},
        words=word_profile(article, lead_sentences, body_weight),
        day=article_day(article),
        title=article.title,
    )


def word_profile(article: Article, lead_sentences: int, body_weight: float) -> dict[str, float]:
    """Content words of headline and lead, plus those of the body at ``body_weight``: the
    lead says what happened, the body holds the specifics that tell look-alike events apart
    (the second name, the place, the toll)."""
    lead = word_counts(lead_text(article, lead_sentences))
    profile = {k: 1 + math.log(c) for k, c in lead.items()}
    if body_weight and len(article.sentences) > lead_sentences:
        body = word_counts(article.text[article.sentences[lead_sentences - 1].end :])
        for k, c in body.items():
            profile[k] = profile.get(k, 0.0) + body_weight * (1 + math.log(c))
    return profile
