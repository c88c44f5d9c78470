"""The reuse graph: which articles copy, rewrite or share a wire with which.

Fact-checkers count sources: outlets that run one wire story, or copy one another, are one
source however many logos they carry. Edges point from the original to the reuser and
carry the passages that show it, so a reader can check every edge by eye.

- copy: word 5-grams outside quotation marks (two outlets quoting one speaker is not
  copying), containment counted exactly for every pair that shares any (a sparse product,
  so a short wire copy inside a long article is found, and pairs sharing nothing cost
  nothing).
- rewrite: sentences aligned in order by meaning (WordLlama), see ``rewrite.py``.
- shared_source: both credit the same agency, or share a passage one attributes to it.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np

from ..clusters import connected_components
from ..config import ReuseSettings
from ..embed import Embedder
from ..lang.identify import reads_english
from ..model import Article, Reuse, ReusePassage, Story
from . import rewrite
from .agencies import agency_pattern, canonical, credits, edge_agency, known_agencies, mentions
from .prune import strongest

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Words inside quotation marks are the speaker's, not the outlet's; straight quotes do not
# span paragraphs (multi-paragraph quotes reopen them), curly and angle quotes may.
_QUOTED = re.compile(r'"[^"\n]{1,1500}"|“[^”]{1,2500}”|«[^»]{1,2500}»')
_FALLBACK_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+|$)", re.M)  # only when the annotator gave none
_KINDS = ("copy", "rewrite", "shared_source")



@dataclass
class _Doc:
    """One article as word 5-grams and sentences, offsets kept for the evidence."""

    article: Article
    starts: list[int]  # character offset of each word
    quoted: list[bool]  # word inside quotation marks
    shingles: list[int]  # hash of the 5-gram starting at each word
    own: frozenset[int]  # 5-grams that touch no quoted word
    sentences: list[tuple[int, int, int, int]]  # start, end, first word, end word
    grams: list[frozenset[int]]  # 5-grams lying wholly inside each sentence
    where: dict[int, list[int]]  # 5-gram -> the sentences holding it


def find_reuse(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    stories: Sequence[Story] | None = None,
    settings: ReuseSettings | None = None,
) -> list[Reuse]:
    """Copy, rewrite and shared-source edges between ``articles``. Rewrites are looked for
    only with an ``embedder``, and like credit-only shared sources only within a story. An
    article reusing more than ``settings.max_sources`` others keeps its strongest sources
    and the edges that hold the graph's components together (``prune.strongest``)."""
    settings = settings or ReuseSettings()
    docs = [_doc(a, settings.shingle_words) for a in articles]
    groups = _groups(articles, stories)
    known = known_agencies(articles)
    credited = [credits(a, known) for a in articles]
    named = [mentions(a.text, known) for a in articles]
    # (i, j) with i < j: kind, score, aligned sentences of a rewrite, agency of a shared passage
    found: dict[tuple[int, int], tuple[str, float, list[tuple[int, int, float]] | None, str | None]] = {}

    for pair, containment in sorted(_copies(docs, settings).items()):
        found[pair] = ("copy", containment, None, None)
    if embedder is not None:
        # by meaning, with an English sentence model: English articles only
        comparable = [_comparable(d, settings) if reads_english(d.article.language) else [] for d in docs]
        for pair, (coverage, chain) in rewrite.find_rewrites(
            comparable, groups, embedder, settings, skip=set(found)
        ).items():
            found[pair] = ("rewrite", coverage, chain, None)
    for group in groups:
        by_agency: dict[str, list[int]] = defaultdict(list)
        for i in group:
            for name in credited[i]:
                by_agency[name].append(i)
        for members in by_agency.values():
            # every pair says the same ("both credit it"): each article is paired with the
            # first max_sources + 1 crediting it (all pairs in a smaller group), not with
            # the thousands of a large story
            for x, i in enumerate(members[: settings.max_sources + 1]):
                for j in members[x + 1 :]:
                    found.setdefault((min(i, j), max(i, j)), ("shared_source", 1.0, None, None))
    for pair, (share, name) in _attributed_passages(docs, known, settings).items():
        found.setdefault(pair, ("shared_source", share, None, name))

    # direction, and the agency behind each pair; then only the edges worth their evidence
    directed = {}
    for (i, j), value in found.items():
        first, second = (i, j) if _is_original(articles[i], articles[j], credited[i], credited[j]) else (j, i)
        agency = edge_agency(credited[first], credited[second], named[first], named[second]) or value[3]
        directed[(first, second)] = (value[0], value[1], value[2], agency, (i, j))
    edges = []
    for (first, second), (kind, score, aligned, agency, (i, _)) in sorted(
            strongest(directed, _KINDS, settings.max_sources).items()):
        src, dst = docs[first], docs[second]
        if aligned is None:
            evidence = _shared_passages(src, dst, settings)
        else:
            evidence = _merge(src, dst, sorted(aligned if first == i else [(y, x, s) for x, y, s in aligned]))
        edges.append(Reuse(
            source=src.article.id, target=dst.article.id, kind=kind,  # type: ignore[arg-type]
            score=round(score, 3), shared_source=agency, evidence=evidence,
        ))
    return sorted(edges, key=lambda r: (_KINDS.index(r.kind), r.source, r.target))


def independent_sources(
    article_ids: Iterable[str], reuse: Iterable[Reuse], kinds: Iterable[str] = _KINDS
) -> list[set[str]]:
    """Groups of ``article_ids`` that count as one source: connected over the whole reuse
    graph, so two outlets that each copied a wire story absent from ``article_ids`` still
    count once. Groups are ordered by their smallest id."""
    wanted = list(dict.fromkeys(article_ids))
    counted = set(kinds)
    edges = [r for r in reuse if r.kind in counted]
    nodes = sorted(set(wanted) | {r.source for r in edges} | {r.target for r in edges})
    index = {node: i for i, node in enumerate(nodes)}
    links = ((index[r.source], index[r.target]) for r in edges)
    keep = set(wanted)
    groups = [{nodes[i] for i in members} & keep for members in connected_components(len(nodes), links)]
    return sorted((g for g in groups if g), key=min)


def pair_scores(a: Article, b: Article, embedder: Embedder | None = None,
                settings: ReuseSettings | None = None) -> dict[str, float]:
    """Every measure behind one pair's verdict, thresholds aside: to explain why two
    articles are, or are not, linked. ``rewrite`` is 0 without an embedder."""
    settings = settings or ReuseSettings()
    x, y = _doc(a, settings.shingle_words), _doc(b, settings.shingle_words)
    shared = len(x.own & y.own)
    scores = {
        "containment": shared / max(1, min(len(x.own), len(y.own))),
        "jaccard": shared / max(1, len(x.own | y.own)),
        "shared_5grams": float(shared),
        "rewrite": 0.0,
    }
    if embedder is not None:
        loose = replace(settings, min_rewrite_sentences=1, rewrite_coverage=0.0)
        found = rewrite.find_rewrites([_comparable(x, settings), _comparable(y, settings)], [[0, 1]],
                                      embedder, loose, skip=set())
        scores["rewrite"] = found[(0, 1)][0] if (0, 1) in found else 0.0
    return {k: round(v, 3) for k, v in scores.items()}


def count_independent_sources(article_ids: Iterable[str], reuse: Iterable[Reuse]) -> int:
    """How many independent sources ``article_ids`` are (what a claim's support counts)."""
    return len(independent_sources(article_ids, reuse))


def source_label(group: Iterable[str], articles: Iterable[Article], reuse: Iterable[Reuse]) -> str:
    """A name for one independent source: the agency its members credit, else the outlet of
    its original (the member nothing in the group was taken from), else that article's id."""
    members = set(group)
    by_id = {a.id: a for a in articles if a.id in members}
    inside = [r for r in reuse if r.source in members and r.target in members]
    known = known_agencies(by_id.values())
    agencies = {c for a in by_id.values() for c in credits(a, known)}
    agencies |= {r.shared_source for r in inside if r.shared_source}
    if agencies:
        return " / ".join(sorted(agencies))
    taken = {r.target for r in inside}
    root = min((m for m in members if m not in taken), default=min(members))
    article = by_id.get(root)
    return article.outlet if article is not None and article.outlet else root


# --- copies ---------------------------------------------------------------------------


def _copies(docs: list[_Doc], settings: ReuseSettings) -> dict[tuple[int, int], float]:
    """Pairs ``(i, j)``, ``i < j``, where the smaller article's own 5-grams are found in the
    other at ``copy_containment`` or more: the containment of each. Counted exactly, as a
    sparse product of articles by 5-grams, a block of articles at a time: the work is the
    number of (pair, shared 5-gram) incidences, so pairs that share nothing cost nothing and
    a 300-word wire copy inside a 2,000-word article is found like any other."""
    from scipy import sparse

    usable = [i for i, d in enumerate(docs) if len(d.own) >= settings.min_shingles]
    if len(usable) < 2:
        return {}
    column: dict[int, int] = {}
    rows = np.repeat(np.arange(len(usable)), [len(docs[i].own) for i in usable])
    columns = np.fromiter((column.setdefault(h, len(column)) for i in usable for h in docs[i].own),
                          dtype=np.int64, count=len(rows))
    held = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, columns)), shape=(len(usable), len(column)))
    by_gram = held.T.tocsr()
    sizes = np.array([len(docs[i].own) for i in usable], dtype=np.float64)
    found: dict[tuple[int, int], float] = {}
    block = max(1, 4_000_000 // len(usable))
    for start in range(0, len(usable), block):
        shared = (held[start : start + block] @ by_gram).toarray()
        for r in range(shared.shape[0]):
            x = start + r
            counts = shared[r, x + 1 :]
            containment = counts / np.minimum(sizes[x], sizes[x + 1 :])
            for y in np.nonzero((containment >= settings.copy_containment)
                                & (counts >= settings.min_shared_shingles))[0]:
                found[(usable[x], usable[x + 1 + int(y)])] = float(containment[y])
    return found


def _doc(article: Article, k: int) -> _Doc:
    text = article.text
    matches = list(_WORD.finditer(text))
    starts = [m.start() for m in matches]
    words = [m.group().lower().replace("’", "'") for m in matches]
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    quoted = [_inside(s, spans) for s in starts]
    shingles = [zlib.crc32(" ".join(words[i : i + k]).encode()) for i in range(max(0, len(words) - k + 1))]
    own = frozenset(h for i, h in enumerate(shingles) if not any(quoted[i : i + k]))
    ranges = [(s.start, s.end) for s in article.sentences] or [m.span() for m in _FALLBACK_SENTENCE.finditer(text)]
    sentences = [(s, e, bisect_left(starts, s), bisect_left(starts, e)) for s, e in ranges]
    grams = [frozenset(shingles[first : max(first, end - k + 1)]) for _, _, first, end in sentences]
    where: dict[int, list[int]] = defaultdict(list)
    for n, sentence in enumerate(grams):
        for h in sentence:
            where[h].append(n)
    return _Doc(article, starts, quoted, shingles, own, sentences, grams, dict(where))


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _sentence_shingles(doc: _Doc, first: int, end: int, k: int, own: bool) -> set[int]:
    """5-grams lying wholly inside one sentence; ``own``: none of their words quoted."""
    return {
        doc.shingles[i] for i in range(first, end - k + 1)
        if not own or not any(doc.quoted[i : i + k])
    }


def _shared_passages(src: _Doc, dst: _Doc, settings: ReuseSettings) -> list[ReusePassage]:
    """Sentence pairs sharing most of the shorter one's 5-grams (so a sentence copied with a
    clause added still counts), runs of neighbours merged into passages. Only the 5-grams
    the two articles share are walked, so a pair costs little beyond one set intersection."""
    hits: Counter[tuple[int, int]] = Counter()
    for h in src.where.keys() & dst.where.keys():
        for i in src.where[h]:
            for j in dst.where[h]:
                hits[(i, j)] += 1
    best: dict[int, tuple[float, int, int]] = {}
    for (i, j), n in hits.items():
        share = n / min(len(src.grams[i]), len(dst.grams[j]))
        if n >= settings.min_passage_shingles and share >= settings.passage_match:
            best[i] = max(best.get(i, (0.0, 0, 0)), (share, n, -j))
    return _merge(src, dst, [(i, -j, min(1.0, share)) for i, (share, _, j) in sorted(best.items())])


def _comparable(doc: _Doc, settings: ReuseSettings) -> list[tuple[int, str]]:
    """Sentences a rewrite is judged on: long enough to say something, and mostly the
    outlet's own words (a quotation reworded is a translation, not a rewrite)."""
    chosen = []
    for n, (start, end, first, stop) in enumerate(doc.sentences):
        words = stop - first
        if words >= settings.min_sentence_words and sum(doc.quoted[first:stop]) < settings.max_quoted_share * words:
            chosen.append((n, doc.article.text[start:end]))
    return chosen


def _merge(src: _Doc, dst: _Doc, matches: list[tuple[int, int, float]]) -> list[ReusePassage]:
    """Sentence pairs to passages: a run of consecutive sentences in both becomes one."""
    runs: list[list[tuple[int, int, float]]] = []
    for i, j, sim in matches:
        if runs and runs[-1][-1][0] == i - 1 and runs[-1][-1][1] == j - 1:
            runs[-1].append((i, j, sim))
        else:
            runs.append([(i, j, sim)])
    return [
        ReusePassage(
            from_start=src.sentences[run[0][0]][0], from_end=src.sentences[run[-1][0]][1],
            to_start=dst.sentences[run[0][1]][0], to_end=dst.sentences[run[-1][1]][1],
            similarity=round(sum(s for _, _, s in run) / len(run), 3),
        )
        for run in runs
    ]


def _attributed_passages(docs: list[_Doc], known: tuple[str, ...],
                         settings: ReuseSettings) -> dict[tuple[int, int], tuple[float, str]]:
    """Pairs sharing a sentence one of them attributes to an agency ("..., TASS reports"):
    both took it from there. Value: the share of the shorter article's sentences so shared,
    and the agency."""
    k = settings.shingle_words
    owners: dict[int, set[int]] = defaultdict(set)
    for i, doc in enumerate(docs):
        for h in doc.own:
            owners[h].add(i)
    pattern = agency_pattern(known)
    counts: Counter[tuple[int, int]] = Counter()  # (i, j): sentences of i found in j
    agency: dict[tuple[int, int], str] = {}
    holders: dict[frozenset[int], list[int]] = {}  # a sentence's 5-grams -> articles holding it
    for i, doc in enumerate(docs):
        for start, end, first, stop in doc.sentences:
            named = pattern.search(doc.article.text, start, end)
            if named is None:
                continue
            grams = frozenset(_sentence_shingles(doc, first, stop, k, own=True))
            if len(grams) < settings.min_passage_shingles:
                continue
            if grams not in holders:  # copies repeat the sentence: its holders are looked up once
                hits = Counter(j for h in grams for j in owners[h])
                holders[grams] = sorted(j for j, count in hits.items() if count / len(grams) >= settings.passage_match)
            name = canonical(named.group())
            for j in holders[grams]:
                if j != i:
                    counts[(i, j)] += 1
                    agency.setdefault((min(i, j), max(i, j)), name)
    found = {}
    for (i, j), name in agency.items():
        shorter = max(1, min(len(docs[i].sentences), len(docs[j].sentences)))
        found[(i, j)] = (min(1.0, max(counts[(i, j)], counts[(j, i)]) / shorter), name)
    return found


# --- direction and groups -------------------------------------------------------------


def _is_original(a: Article, b: Article, credit_a: frozenset[str], credit_b: frozenset[str]) -> bool:
    """Is ``a`` the original of the pair? The one published first (when both dates say it
    at a comparable precision), else the one crediting a wire when only one does, else the
    lower id."""
    order = _published_order(a.published, b.published)
    if order:
        return order < 0
    if bool(credit_a) != bool(credit_b):
        return bool(credit_a)
    return a.id < b.id


def _published_order(a: str | None, b: str | None) -> int:
    """-1 when ``a`` was published earlier, 1 when later, 0 when unknown or not comparable
    (a bare date against a time on the same day; a zoned time against an unzoned one)."""
    if not a or not b:
        return 0
    try:
        ta, tb = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return 0
    if len(a) > 10 and len(b) > 10 and (ta.tzinfo is None) == (tb.tzinfo is None):
        return (ta > tb) - (ta < tb)
    return (a[:10] > b[:10]) - (a[:10] < b[:10])


def _groups(articles: Sequence[Article], stories: Sequence[Story] | None) -> list[list[int]]:
    """Article indices per story; without stories, one group of all."""
    if stories is None:
        return [list(range(len(articles)))]
    index = {a.id: i for i, a in enumerate(articles)}
    return [sorted(index[i] for i in s.article_ids if i in index) for s in stories]
