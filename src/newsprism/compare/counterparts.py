"""The other outlets' sentences for the fact a flagged word sits in (framing.py): its claim's
sentences in the other articles, then the closest sentences where no claim pairs them.

A claim's sentences, which of them use a word, and the outlets that do or do not, are
gathered once per claim and word, and each flag only sets its own article apart: a claim that
thousands of articles print was listed, searched and named again for every flag of every
copy. Counts stay exact; a note names at most ``NAMED`` outlets and counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from ..lang.media import outlet_label
from ..model import Article, Claim, Wording

NAMED = 8  # outlets a note names
Sentence = tuple[Article, int, int]  # an article and a sentence's span in it


@dataclass
class _Word:
    """One word across one claim's sentences: which articles use it, their outlets, and the
    outlets of those that do not."""

    uses: dict[str, bool]  # article -> one of its sentences of the claim has the word
    using: dict[str, int] = field(default_factory=dict)  # outlet -> its articles that use it
    not_using: dict[str, int] = field(default_factory=dict)  # outlet -> its articles that do not
    sentences_not_using: int = 0


class Claims:
    """Per story: each claim's sentences (one per article and sentence), and per claim and word
    which of them use it."""

    def __init__(self, by_id: dict[str, Article]) -> None:
        self.by_id = by_id
        self._sentences: dict[int, list[Sentence]] = {}
        self._count: dict[int, dict[str, int]] = {}  # claim -> article -> its sentences
        self._words: dict[tuple[int, str], _Word] = {}
        self._family: dict[tuple[int, str], list[Wording]] = {}
        self._labels: dict[str, str] = {}

    def label(self, article_id: str) -> str:
        if article_id not in self._labels:
            self._labels[article_id] = outlet_label(self.by_id[article_id])
        return self._labels[article_id]

    def sentences(self, claim: Claim) -> list[Sentence]:
        if id(claim) not in self._sentences:
            found = {(m.article_id, start): (self.by_id[m.article_id], start, m.sentence_end or m.end)
                     for m in claim.mentions if (start := m.sentence_start or m.start) is not None}
            self._sentences[id(claim)] = list(found.values())
            count: dict[str, int] = {}
            for other, _, _ in found.values():
                count[other.id] = count.get(other.id, 0) + 1
            self._count[id(claim)] = count
        return self._sentences[id(claim)]

    def word(self, claim: Claim, text: str, pattern: re.Pattern[str] | None) -> _Word:
        key = (id(claim), text)
        if key not in self._words:
            uses: dict[str, bool] = {}
            for other, a, b in self.sentences(claim):
                uses[other.id] = uses.get(other.id, False) or bool(pattern and pattern.search(other.text, a, b))
            word = _Word(uses)
            for article_id, used in uses.items():
                outlets = word.using if used else word.not_using
                outlets[self.label(article_id)] = outlets.get(self.label(article_id), 0) + 1
                word.sentences_not_using += 0 if used else self._count[id(claim)][article_id]
            self._words[key] = word
        return self._words[key]

    def family(self, claim: Claim, text: str, find: Callable[[Sentence], Wording | None], limit: int
               ) -> list[Wording]:
        """The first ``limit`` articles' words of a family in the claim's sentences (``find``)."""
        key = (id(claim), text)
        if key not in self._family:
            out: list[Wording] = []
            for sentence in self.sentences(claim):
                if len(out) >= limit:
                    break
                if sentence[0].id not in {w.article_id for w in out} and (found := find(sentence)):
                    out.append(found)
            self._family[key] = out
        return self._family[key]


class Others:
    """The other outlets' sentences for one flag's fact: its claim's sentences outside its own
    article, then ``near`` (closest sentences of articles the claim does not have)."""

    def __init__(self, claims: Claims, claim: Claim | None, own: str, near: list[Sentence], text: str,
                 pattern: re.Pattern[str] | None) -> None:
        self.claims, self.claim, self.own = claims, claim, own
        in_claim = claims._count[id(claim)] if claim is not None and claims.sentences(claim) else {}
        self.near = [c for c in near if c[0].id not in in_claim]
        self.word = claims.word(claim, text, pattern) if claim is not None else _Word({})
        self._mine = in_claim.get(own, 0)
        self._total = len(claims.sentences(claim)) if claim is not None else 0
        self.near_using = {o.id for o, a, b in self.near if pattern and pattern.search(o.text, a, b)}

    def __bool__(self) -> bool:
        return self._total > self._mine or bool(self.near)

    def __iter__(self) -> Iterator[Sentence]:
        claim = self.claims.sentences(self.claim) if self.claim is not None else []
        yield from (c for c in claim if c[0].id != self.own)
        yield from self.near

    def uses(self, article_id: str) -> bool:
        """That outlet's sentence for the same fact has the word too."""
        return article_id != self.own and (self.word.uses.get(article_id, False) or article_id in self.near_using)

    def using(self) -> tuple[list[str], int]:
        """The outlets (at most ``NAMED``) and how many of them use the word."""
        return self._outlets(self.word.using, True, [o for o, _, _ in self.near if o.id in self.near_using])

    def not_using(self) -> tuple[list[str], int, int]:
        """The outlets (at most ``NAMED``) and how many of them do not use the word; and how
        many sentences."""
        near = [o for o, _, _ in self.near if o.id not in self.near_using]
        mine = self._mine if self._mine and not self.word.uses.get(self.own, False) else 0
        return (*self._outlets(self.word.not_using, False, near), self.word.sentences_not_using - mine + len(near))

    def _outlets(self, outlets: dict[str, int], used: bool, near: list[Article]) -> tuple[list[str], int]:
        """The first ``NAMED`` distinct outlets, in order (the claim's, then the nearest
        sentences'), and how many there are: the flag's own article is not one of them."""
        own = self.claims.label(self.own)
        dropped = self.word.uses.get(self.own, not used) == used and outlets.get(own) == 1  # own alone there
        names = [label for label in islice((x for x in outlets if not (dropped and x == own)), NAMED)]
        count = len(outlets) - dropped
        added: set[str] = set()
        for other in near:
            label = self.claims.label(other.id)
            if label in added or label in outlets and not (dropped and label == own):
                continue
            added.add(label)
            count += 1
            if len(names) < NAMED:
                names.append(label)
        return names, count
