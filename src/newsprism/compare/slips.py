"""Consistency slips: an outlet's title for a person that the rest of the story contradicts
("former President" for a sitting one)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

from ..lang.media import outlet_label
from ..lang.names import ROLE_NOUNS, clean_name, fullest_names, surname
from ..model import Article, Finding, Wording
from .counterparts import NAMED

_STATUS = {"former", "ex", "late", "outgoing", "acting", "then", "incoming", "interim"}
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Prof|Rev|St)\.")
_TITLE_WORD = re.compile(r"[A-Z][\w.'’-]*|former|ex-|late|outgoing|acting|then-|incoming|interim|of|and|for")
_CONNECTORS = {"of", "and", "for"}


def _listed(contrast: list[Wording], by_id: dict[str, Article]) -> str:
    return "; ".join(f"“{w.text}” ({outlet_label(by_id[w.article_id])})" for w in contrast)


def consistency_slips(articles: list[Article]) -> Iterable[Finding]:
    """An outlet whose title for a person disagrees with the rest of the story on whether
    the office is held: "former President" where two or more other outlets say "President"
    and none "former", or the reverse. The outlets are counted once per person (each title
    counted them again), and at most ``NAMED`` of them are listed as evidence."""
    titles: dict[str, dict[str, list[tuple[int, int, str]]]] = defaultdict(lambda: defaultdict(list))
    fullest = fullest_names(clean_name(e.text) for article in articles for e in article.entities if e.label == "PERSON")
    for article in articles:
        for entity in article.entities:
            if entity.label != "PERSON":
                continue
            key = surname(clean_name(entity.text))
            found = _title_before(article.text, entity.start)
            if found:
                titles[key][article.id].append(found)
    by_id = {a.id: a for a in articles}
    for key, per_article in titles.items():
        status = {aid: {_status(t) for *_, t in found} for aid, found in per_article.items()}
        plain_ids = [aid for aid, words in status.items() if words == {"serving"}]  # counted once per person
        holding: dict[str, int] = defaultdict(int)
        for words in status.values():
            for word in words:
                holding[word] += 1
        for article in articles:
            mine = per_article.get(article.id, [])
            for start, end, title in mine:
                word = _status(title)
                own = status.get(article.id, set())
                plain = len(plain_ids) - (own == {"serving"})
                held = holding[word] - (word in own)
                if word == "serving" or held or plain < 2:
                    continue
                listed = [aid for aid in islice((a for a in plain_ids if a != article.id), NAMED)]
                evidence = [Wording(aid, s, e, t) for aid in listed for s, e, t in per_article[aid][:1]]
                more = f", and {plain - len(listed)} more" if plain > len(listed) else ""
                yield Finding(
                    article.id, start, end, title, "slip",
                    f"{outlet_label(article)} calls {fullest[key]} “{title}”; {plain} other outlets of the "
                    f"story give the title without “{word}”: {_listed(evidence, by_id)}{more}",
                    basis="consensus", entry=word, contrast=evidence,
                )


def _title_before(text: str, start: int) -> tuple[int, int, str] | None:
    """The title words right before a name ("former President", "US President", "Kremlin
    spokesman"), as (start, end, text); None when none holds a role noun."""
    words = list(re.finditer(r"[\w.'’-]+", text[max(0, start - 80) : start]))
    base = max(0, start - 80)
    kept: list[re.Match[str]] = []
    for match in reversed(words):
        word = match.group()
        gap = text[base + match.end() : start if not kept else base + kept[-1].start()]
        if gap.strip() or "\n" in gap or not (_TITLE_WORD.fullmatch(word) or word.lower().rstrip(".") in ROLE_NOUNS):
            break
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
            break  # the end of the sentence before
        kept.append(match)
    while kept and kept[-1].group() in _CONNECTORS:  # "... of Transport": not "of Transport"
        kept.pop()
    if not kept or not any(m.group().lower().rstrip(".") in ROLE_NOUNS for m in kept):
        return None
    a, b = base + kept[-1].start(), base + kept[0].end()
    return a, b, text[a:b]


def _status(title: str) -> str:
    words = {w.lower().rstrip("-") for w in title.split()}
    return next((w for w in words if w in _STATUS), "serving")
