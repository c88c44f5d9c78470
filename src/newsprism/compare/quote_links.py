"""Which quotation sentences render one utterance: the links behind quote groups.

Copies repeat a quotation word for word, so a story of thousands of articles holds few
distinct wordings. Sentences are collapsed into one node per wording and speaker before
anything is compared, and wordings are judged against wordings, never copy against copy:
the work grows with the number of distinct wordings, and only linearly with the copies.
The components are those of the sentence-by-sentence graph (two sentences of one article
are never linked to each other; identical sentences of two articles always are).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from ..clusters import connected_components
from ..embed import Embedder
from ..lang.names import surname
from ..lang.words import WORD
from ..model import Quote

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’»]?\s+(?=[\"“‘«(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|Lt|Col|No|vs|[A-Z])\.$")
MIN_WORDS = 3  # "productive" alone says nothing about how an outlet rendered a statement
MIN_SHARED = 3
LINK_COVERAGE = 0.5  # share of the shorter version's words found in runs of 2+ in the other
# Translations share few words: two quotations of one named speaker whose meanings are this
# close (WordLlama cosine; other statements of the same speaker score below 0.3) are one
# utterance, compared sentence by sentence in order.
SEMANTIC_LINK = 0.4
SEMANTIC_UNIT = 0.6
SEMANTIC_IN_PLACE = 0.25


@dataclass
class Unit:
    """One sentence of a quotation: the grain at which outlets are compared."""

    quote: Quote
    start: int  # article offsets of the sentence's words
    end: int
    words: list[str]
    shown: list[str]  # the words as written, for the diff


@dataclass
class _Node:
    """One wording of one speaker, and the sentences (units) that carry it."""

    words: list[str]
    speaker: str | None
    units: list[int] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)


def unit_components(units: list[Unit], embedder: Embedder | None) -> list[list[int]]:
    """Units that render one utterance, linked by shared wording or (with an embedder) as
    translations; groups as ``connected_components`` orders them."""
    nodes, node_of = _nodes(units)
    links = _wording_links(nodes)
    merges = [*links, *((node_of[i], node_of[j]) for i, j in _translations(units, nodes, node_of, links, embedder))]
    # a node's copies are one: identical sentences of two articles are linked; a node whose
    # sentences are all in one article joins others only through its links, else it makes a
    # group of one article, which is dropped
    edges = [(node.units[0], k) for node in nodes for k in node.units[1:]]
    edges += [(nodes[a].units[0], nodes[b].units[0]) for a, b in merges]
    return connected_components(len(units), edges)


def units_of(quote: Quote) -> list[Unit]:
    """The quotation's sentences with article offsets (parts joined by one space)."""
    pieces: list[tuple[int, str]] = []  # (article offset, text) per part
    cursor = 0
    text = quote.text
    for start, end in quote.parts or [(quote.start, quote.end)]:
        length = end - start
        pieces.append((start, text[cursor : cursor + length]))
        cursor += length + 1
    units: list[Unit] = []
    for offset, piece in pieces:
        begin = 0
        ends = [
            m for m in _SENTENCE_END.finditer(piece)
            if not _ABBREVIATION.search(piece[: m.start()].rstrip("\"”’»"))
        ]
        for match in [*ends, None]:
            stop = match.start() + 1 if match else len(piece)
            chunk = piece[begin:stop]
            words = [norm(w) for w in WORD.findall(chunk)]
            if len(words) >= MIN_WORDS:
                lead = len(chunk) - len(chunk.lstrip())
                start, end = offset + begin + lead, offset + begin + len(chunk.rstrip())
                units.append(Unit(quote, start, end, words, WORD.findall(chunk)))
            begin = match.end() if match else len(piece)
    return units


def norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _nodes(units: list[Unit]) -> tuple[list[_Node], list[int]]:
    """One node per (wording as written, speaker), in the order of their first unit."""
    index: dict[tuple[tuple[str, ...], str | None], int] = {}
    nodes: list[_Node] = []
    node_of: list[int] = []
    for k, unit in enumerate(units):
        key = (tuple(unit.shown), unit.quote.speaker)
        if key not in index:
            index[key] = len(nodes)
            nodes.append(_Node(unit.words, unit.quote.speaker))
        node = nodes[index[key]]
        node.units.append(k)
        node.articles.add(unit.quote.article_id)
        node_of.append(index[key])
    return nodes, node_of


def _wording_links(nodes: list[_Node]) -> set[tuple[int, int]]:
    """Node pairs ``(a, b)``, ``a < b``, whose wordings ``_linked`` accepts, of one speaker,
    with sentences in two articles. Candidates share a word bigram (``_linked`` counts runs
    of two words or more), found through an index of the distinct wordings."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, node in enumerate(nodes):
        for bigram in set(zip(node.words, node.words[1:], strict=False)):
            postings[bigram].append(k)
    pairs = {(a, b) for ks in postings.values() for x, a in enumerate(ks) for b in ks[x + 1 :]}
    known: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}

    def linked(a: list[str], b: list[str]) -> bool:
        key = (tuple(a), tuple(b))
        if key not in known:
            known[key] = _linked(a, b)
        return known[key]

    links = set()
    for a, b in sorted(pairs):
        one, two = nodes[a], nodes[b]
        if len(one.articles) == 1 and one.articles == two.articles or not _same_speaker(one.speaker, two.speaker):
            continue
        # sentences are compared in story order: the pair may come in either order
        if linked(one.words, two.words) or two.units[0] < one.units[-1] and linked(two.words, one.words):
            links.add((a, b))
    return links


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a == b or surname(a) == surname(b)


def _linked(a: list[str], b: list[str]) -> bool:
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= 2)
    return shared >= MIN_SHARED and shared / min(len(a), len(b)) >= LINK_COVERAGE


def _translations(units: list[Unit], nodes: list[_Node], node_of: list[int], links: set[tuple[int, int]],
                  embedder: Embedder | None) -> list[tuple[int, int]]:
    """Unit pairs that say the same in other words, within quotations of one named speaker
    that are already linked by wording or close in meaning as a whole: a sentence close in
    meaning, or the sentence in the same place of two quotations of equal length.

    Quotations are compared as distinct quotations (text, speaker, sentence wordings), and
    only pairs of one surname that are linked or close in meaning (one matrix product per
    surname) are aligned: copies add nothing to compare."""
    if embedder is None or not units:
        return []
    by_quote: dict[str, list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        by_quote[unit.quote.id].append(k)
    index: dict[tuple[str, str, tuple[int, ...]], int] = {}
    shapes: list[list[int]] = []  # the units of the first quotation of each distinct one
    articles: list[set[str]] = []
    for ks in by_quote.values():
        quote = units[ks[0]].quote
        if not quote.speaker:
            continue
        key = (quote.text, quote.speaker, tuple(node_of[k] for k in ks))
        if key not in index:
            index[key] = len(shapes)
            shapes.append(ks)
            articles.append(set())
        articles[index[key]].add(quote.article_id)
    if not shapes:
        return []
    texts = [key[0] for key in index]
    whole = embedder.embed(texts)
    each = embedder.embed([" ".join(units[node.units[0]].shown) for node in nodes])

    def tied(a: int, b: int) -> bool:  # two nodes' sentences linked by wording
        return a == b or (min(a, b), max(a, b)) in links

    holding: dict[int, list[int]] = defaultdict(list)  # node -> distinct quotations holding it
    for s, ks in enumerate(shapes):
        for n in dict.fromkeys(node_of[k] for k in ks):
            holding[n].append(s)
    related = {(min(x, y), max(x, y)) for a, b in links for x in holding[a] for y in holding[b]}
    related |= {(x, y) for xs in holding.values() for i, x in enumerate(xs) for y in xs[i + 1 :]}
    buckets: dict[str, list[int]] = defaultdict(list)
    for s, ks in enumerate(shapes):
        buckets[surname(units[ks[0]].quote.speaker or "")].append(s)
    candidates = {pair for pair in related
                  if surname(units[shapes[pair[0]][0]].quote.speaker or "")
                  == surname(units[shapes[pair[1]][0]].quote.speaker or "")}
    for members in buckets.values():
        near = whole[members] @ whole[members].T >= SEMANTIC_LINK
        candidates |= {(members[x], members[y]) for x, y in zip(*np.nonzero(np.triu(near, 1)), strict=True)}

    pairs: list[tuple[int, int]] = []
    for x, y in sorted(candidates):
        if len(articles[x]) == 1 and articles[x] == articles[y]:
            continue  # every such pair is two quotations of one article
        ka, kb = shapes[x], shapes[y]
        free_a = [i for i in ka if not any(tied(node_of[i], node_of[j]) for j in kb)]
        free_b = [j for j in kb if not any(tied(node_of[i], node_of[j]) for i in ka)]

        def cosine(i: int, j: int) -> float:
            return float(each[node_of[i]] @ each[node_of[j]])

        for i in free_a:
            if not free_b:
                break
            j = max(free_b, key=lambda j: cosine(i, j))
            if max(free_a, key=lambda k: cosine(k, j)) != i:
                continue  # only mutual best matches: one sentence renders one sentence
            in_place = ka.index(i) == kb.index(j) and len(ka) == len(kb) > 1
            if cosine(i, j) >= SEMANTIC_UNIT or in_place and cosine(i, j) >= SEMANTIC_IN_PLACE:
                pairs.append((i, j))
    return pairs
