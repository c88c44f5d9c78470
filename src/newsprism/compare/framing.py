"""How each outlet framed the story, in its words: loaded terms, labels, metaphors,
intensifiers, hedges, scare quotes and non-neutral reporting verbs (the lexicons of
``lexicon.py``, found during annotation from the parse: ``Article.flags``), and the
modifiers and evaluative words no lexicon judges alone, each shown beside the other outlets'
words in the same place of their sentences for the same fact (a claim they share, or the
closest sentence), plus consistency slips (``slips.py``).

The contrast is the evidence: a word is a framing choice when the other outlets, telling the
same fact, chose differently. Words of sentences about other facts are never a contrast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher
from functools import cache, lru_cache
from itertools import islice

import numpy as np

from ..config import FramingSettings
from ..data import word_list
from ..embed import Embedder
from ..lang.media import outlet_label
from ..lang.words import STOP_WORDS, verb_forms
from ..model import Article, Claim, Finding, Quote, Sentence, Wording
from .counterparts import Claims, Others
from .lexicon import Flag, flag_words, forms, quotations
from .slips import consistency_slips

_WORD = re.compile(r"[\w'’-]+")
_CONTRASTED = {"label", "loaded", "reporting_verb", "idiom", "doubt"}  # words that other outlets put differently
_NEEDS_OTHERS = {"evaluative", "modifier"}  # shown only where other outlets tell the same fact without the word
_MAX_STRETCH = 6  # words: a longer differing stretch is a different sentence, not a different word


def framing_findings(articles: list[Article], claims: list[Claim], embedder: Embedder | None = None,
                     settings: FramingSettings | None = None) -> list[Finding]:
    """How the story's outlets worded it: flagged words with the others' words beside them,
    and slips against what the rest of the story says."""
    settings = settings or FramingSettings()
    quotes = [q for a in articles for q in a.quotes]
    return [*wording_findings(articles, claims, quotes, embedder, settings), *consistency_slips(articles)]


def wording_findings(articles: list[Article], claims: list[Claim], quotes: list[Quote],
                     embedder: Embedder | None = None, settings: FramingSettings | None = None) -> list[Finding]:
    """Each article's flagged words (found while the parse was at hand), with the other
    outlets' words for the same thing: the words that fill the same place in the sentences of
    the other outlets that tell the same fact. A word flagged again in the same article is one
    finding (its repeats counted in the note). An evaluative adjective or adverb is shown only
    where other outlets tell the same fact without it: that is the evidence it was a choice."""
    settings = settings or FramingSettings()
    limit = settings.max_contrast
    claim_at: dict[tuple[str, int], Claim] = {}
    for c in claims:
        if len(c.articles) > 1:
            for m in c.mentions:
                claim_at.setdefault((m.article_id, m.sentence_start or m.start), c)
    by_id = {a.id: a for a in articles}
    flagged: list[tuple[Article, Flag, Sentence | None, bool]] = []
    repeats: dict[tuple[str, int], int] = {}
    direct: dict[str, list[tuple[int, int]]] = {}
    for q in quotes:
        if q.kind == "direct" and not q.partial:
            direct.setdefault(q.article_id, []).append((q.start, q.end))
    for article in articles:
        spans = direct.get(article.id, [])
        seen: dict[tuple[str, str, bool], int] = {}
        starts = [s.start for s in article.sentences]
        for flag in article.flags if article.flags is not None else flag_words(article.text):
            k = bisect_right(starts, flag.start) - 1
            sentence = article.sentences[k] if k >= 0 and flag.start < article.sentences[k].end else None
            quoted = flag.quoted or any(a <= flag.start < b for a, b in spans)
            if flag.category in _NEEDS_OTHERS and quoted:
                continue  # a speaker's adjective: the outlet's choice is to quote it, not the word
            key = (flag.category, flag.entry, quoted)
            if key in seen:  # the same word again in this article: one finding, the repeat counted
                repeats[(article.id, seen[key])] = repeats.get((article.id, seen[key]), 0) + 1
                continue
            seen[key] = flag.start
            flagged.append((article, flag, sentence, quoted))
    wanted = {(a.id, s.start): (a, s) for a, f, s, q in flagged if s and not q}  # each sentence once
    nearest = _nearest_sentences(articles, list(wanted.values()), embedder, settings)
    named: dict[tuple[str, str], list[Wording]] = {}  # a group and its label -> other outlets' names for it
    aligned = Claims(by_id)
    findings = []
    for article, flag, sentence, quoted in flagged:
        claim = claim_at.get((article.id, sentence.start)) if sentence else None
        near = nearest.get((article.id, sentence.start), []) if sentence and not quoted else []
        # the claim's sentences in other articles; and sentences that say the same, where no claim pairs them
        counterparts = Others(aligned, claim if sentence else None, article.id, near, flag.text.lower(),
                              _word_pattern(flag.text.lower()))
        using, used_by = counterparts.using()
        if flag.category in _NEEDS_OTHERS and (not counterparts or used_by):
            continue  # no other outlet tells this fact, or one uses the same word: no evidence of a choice
        contrast: list[Wording] = []
        if flag.category in _CONTRASTED or flag.category in _NEEDS_OTHERS:
            contrast = [w for other, a, b in islice(counterparts, limit) if not counterparts.uses(other.id)
                        and (w := _counterpart(article, flag, sentence, other, a, b))]
        lead = "other outlets, same fact"
        if flag.category in _CONTRASTED and not contrast:
            contrast = _family_words(article, flag, counterparts, limit)
        if flag.category == "label" and not contrast:
            contrast = _group_names(article, flag, articles, limit, named)
            lead = "other outlets' name for the same group"
        note = flag.note + (f"; {lead}: {_listed(contrast, by_id)}" if contrast else "")
        others, not_used_by, sentences = counterparts.not_using()
        if sentences and not quoted:
            note += f"; {_outlets(others, not_used_by)} telling the same fact {'does' if sentences == 1 else 'do'} " \
                    "not use it"
        if used_by and not quoted:
            note += f"; also used by {_outlets(using, used_by)} for the same fact"
        if n := repeats.get((article.id, flag.start)):
            note += f"; used {n + 1} times in this article"
        findings.append(Finding(article.id, flag.start, flag.end, flag.text, flag.category, note,
                                basis="contrast" if flag.category in _NEEDS_OTHERS else "lexicon",
                                entry=flag.entry, quoted=quoted, claim_id=claim.id if claim else None,
                                contrast=contrast))
    return findings


@lru_cache(maxsize=4096)
def _word_pattern(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(
        "(?:" + "|".join(re.escape(f) for f in sorted(forms(w), key=len, reverse=True)) + ")" for w in words) + r"\b",
        re.I)


def _outlets(names: list[str], count: int) -> str:
    """"Outlet A", or "3 other outlets (A, B, C)": ``names`` the first of ``count``."""
    if count == 1:
        return names[0]
    more = f", and {count - len(names)} more" if count > len(names) else ""
    return f"{count} other outlets ({', '.join(names)}{more})"


def _nearest_sentences(articles: list[Article], wanted: list[tuple[Article, Sentence]], embedder: Embedder | None,
                       settings: FramingSettings) -> dict[tuple[str, int], list[tuple[Article, int, int]]]:
    """For flagged sentences no claim aligns, each other article's closest sentence (cosine
    at least ``settings.near``), the ``max_contrast`` closest articles, so that "the
    beleaguered forces" can still meet "encircled soldiers". Distinct texts are compared once,
    and each distinct flagged text keeps one more article than needed (its own is dropped):
    a story that repeats its sentences in thousands of articles costs its distinct sentences."""
    if embedder is None or not wanted:
        return {}
    pool = [(a, s) for a in articles for s in a.sentences]
    texts: dict[str, list[int]] = {}  # distinct text -> its rows in the pool, in order
    for k, (a, s) in enumerate(pool):
        texts.setdefault(a.text[s.start : s.end], []).append(k)
    queries: dict[str, None] = dict.fromkeys(a.text[s.start : s.end] for a, s in wanted)
    vectors = embedder.embed(list(texts))
    sims = embedder.embed(list(queries)) @ vectors.T
    rows = list(texts.values())
    closest = {query: _closest(sims[n], rows, pool, settings) for n, query in enumerate(queries)}
    out: dict[tuple[str, int], list[tuple[Article, int, int]]] = {}
    for article, sentence in wanted:
        found = [k for k in closest[article.text[sentence.start : sentence.end]] if pool[k][0].id != article.id]
        out[(article.id, sentence.start)] = [(pool[k][0], pool[k][1].start, pool[k][1].end)
                                             for k in found[: settings.max_contrast]]
    return out


def _closest(sims: np.ndarray, rows: list[list[int]], pool: list[tuple[Article, Sentence]],
             settings: FramingSettings) -> list[int]:
    """The best row of each article (at least ``settings.near``; its first row of that
    cosine), best first, later rows first among equals: ``max_contrast + 1`` of them."""
    wanted = settings.max_contrast + 1
    order = np.argsort(-sims, kind="stable")
    out: list[int] = []
    seen: set[str] = set()
    n = 0
    while n < len(order) and len(out) < wanted and sims[order[n]] >= settings.near:
        level = sims[order[n]]
        firsts: dict[str, int] = {}
        while n < len(order) and sims[order[n]] == level:  # every text this close, then their articles
            for k in rows[order[n]]:
                article_id = pool[k][0].id
                if article_id not in seen and (article_id not in firsts or k < firsts[article_id]):
                    firsts[article_id] = k
            n += 1
        out.extend(sorted(firsts.values(), reverse=True))
        seen.update(firsts)
    return out[:wanted]


def _counterpart(article: Article, flag: Flag, sentence: Sentence | None, other: Article, start: int, end: int
                 ) -> Wording | None:
    """The words the other sentence has where this one has the flag: the two sentences are
    aligned word by word; within the stretch that differs, the word in the same place is its
    counterpart ("claimed" in "where he claimed" against "Trump said that": "said"). Words
    with no counterpart (a hedge the other omits) give none."""
    if sentence is None:
        return None
    own = [(m.start() + sentence.start, m.end() + sentence.start, m.group().lower())
           for m in _WORD.finditer(article.text[sentence.start : sentence.end])]
    hit = [k for k, (a, b, _) in enumerate(own) if a < flag.end and b > flag.start]
    theirs = [(m.start() + start, m.end() + start, m.group().lower()) for m in _WORD.finditer(other.text[start:end])]
    if not hit or not theirs:
        return None
    width = len(hit)
    matcher = SequenceMatcher(None, [w for *_, w in own], [w for *_, w in theirs], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if not i1 <= hit[0] < i2:
            continue
        if op == "equal":
            j = j1 + hit[0] - i1
            a, b = theirs[j][0], theirs[min(j + width, len(theirs)) - 1][1]
            return Wording(other.id, a, b, other.text[a:b])
        if op != "replace":
            return None
        k = _counterpart_index(flag, own, theirs, hit, (i1, i2, j1, j2), other.text)
        if k is None:
            return None
        a, b = theirs[k][0], theirs[min(k + width, j2) - 1][1]
        if other.text[a].isupper() and not flag.text[:1].isupper():
            return None  # a name mid-sentence fills another role than a common word ("invasion", "Army")
        return Wording(other.id, a, b, other.text[a:b])
    return None


def _counterpart_index(flag: Flag, own: list, theirs: list, hit: list[int],  # type: ignore[type-arg]
                       block: tuple[int, int, int, int], other_text: str) -> int | None:
    """Inside a stretch the two sentences word differently: a reporting verb answers to the
    other's reporting verb; a word next to a shared word answers to the content word next to
    the same shared word ("the beleaguered | Ukrainian" against "spare encircled | Ukrainian")."""
    i1, i2, j1, j2 = block
    width = len(hit)
    content = [k for k in range(j1, j2) if theirs[k][2] not in STOP_WORDS and len(theirs[k][2]) > 2]
    if flag.category == "reporting_verb":  # the other outlet's verb, not one inside the words it quotes
        verbs = [k for k in content if theirs[k][2] in verb_forms() and not _in_quotes(other_text, theirs[k][0])]
        return min(verbs, key=lambda k: abs((k - j1) - (hit[0] - i1))) if verbs else None
    if j2 - j1 > _MAX_STRETCH or not content:
        return None  # the sentences differ too widely here for a word-for-word answer
    if hit[-1] == i2 - 1 and i2 < len(own) and own[i2][2] not in STOP_WORDS:  # right before a shared word
        return max(j2 - width, j1) if j2 - 1 in content else None
    if hit[0] == i1 and i1 > 0 and own[i1 - 1][2] not in STOP_WORDS:  # right after one
        return j1 if j1 in content else None
    return None  # in the middle of a reworded stretch no single word answers to it


@lru_cache(maxsize=64)
def _quotation_starts(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(quotations(text))


def _in_quotes(text: str, at: int) -> bool:
    return any(a <= at < b for a, b in _quotation_starts(text))


def _group_names(article: Article, flag: Flag, articles: list[Article], limit: int,
                 named: dict[tuple[str, str], list[Wording]]) -> list[Wording]:
    """For a label that names a group by its nationality or affiliation ("Ukrainian
    militants"), each other outlet's most used name of the same kind for the same group
    ("Ukrainian soldiers", "Ukrainian troops"): the label's contrast even where no sentence
    aligns. Only a word of the label's own family counts ("militants" against "troops", never
    "invasion" against "troops": the same nationality, not the same thing). The outlets are
    searched once per group and label (``named``), for one more than needed: the label's own
    article is dropped from them."""
    group = next((e.text for e in article.entities if e.label == "NORP" and e.end <= flag.start
                  and not article.text[e.end : flag.start].strip()), None)
    kin = _kin(flag.text.lower())
    if group is None or not kin:
        return []
    if (group, flag.text.lower()) not in named:
        named[group, flag.text.lower()] = _names(group, kin, articles, limit + 1)
    return [w for w in named[group, flag.text.lower()] if w.article_id != article.id][:limit]


def _names(group: str, kin: frozenset[str], articles: list[Article], limit: int) -> list[Wording]:
    """The first ``limit`` articles' most used name of ``kin`` after ``group``."""
    pattern = re.compile(rf"\b{re.escape(group)}\s+([a-z][a-z-]+)")
    out: list[Wording] = []
    for other in articles:
        if len(out) >= limit:
            break
        heads = [m for m in pattern.finditer(other.text) if m.group(1) in kin]
        if not heads:
            continue
        counts: dict[str, int] = {}
        for m in heads:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        top = max(counts, key=lambda w: (counts[w], -min(m.start() for m in heads if m.group(1) == w)))
        first = next(m for m in heads if m.group(1) == top)
        out.append(Wording(other.id, first.start(), first.end(), first.group()))
    return out


@cache
def families() -> tuple[tuple[str, ...], ...]:
    """Competing words for one thing (data/word_families.txt), each with its inflections."""
    return tuple(tuple(w.strip().lower() for w in line.split(",") if w.strip())
                 for line in word_list("word_families.txt"))


@cache
def _kin(own: str) -> frozenset[str]:
    """Every inflected form of the words that share a family with ``own``, less ``own``'s own forms."""
    members: set[str] = set()
    for family in families():
        if any(own in _inflected(word) for word in family):
            members |= {w for w in family if own not in _inflected(w)}
    return frozenset(form for word in members for form in _inflected(word))


def _family_words(article: Article, flag: Flag, counterparts: Others, limit: int) -> list[Wording]:
    """Where word-by-word alignment finds no counterpart, the words of the flagged word's
    family in the other outlets' sentences for the same fact ("liberated" against "retaken",
    "reclaiming"): the same kind of thing, named differently in the same report. Sentences that
    tell another fact are not searched: "massacre" meets "bombing" only where both sentences
    report the same event. The claim's sentences are searched once per word, for one more
    article than needed (the flag's own is dropped)."""
    kin = _kin(flag.text.lower())
    if not kin:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(kin, key=len, reverse=True)) + r")\b", re.I)

    def find(sentence: tuple[Article, int, int]) -> Wording | None:
        other, start, end = sentence
        found = pattern.search(other.text, start, end)
        return Wording(other.id, found.start(), found.end(), found.group()) if found else None

    out: list[Wording] = []
    if counterparts.claim is not None:
        out = [w for w in counterparts.claims.family(counterparts.claim, flag.text.lower(), find, limit + 1)
               if w.article_id != article.id][:limit]
    for sentence in counterparts.near:
        if len(out) >= limit:
            break
        if sentence[0].id not in {w.article_id for w in out} and (word := find(sentence)):
            out.append(word)
    return out


def _inflected(word: str) -> frozenset[str]:
    parts = word.split()
    return frozenset(" ".join([*parts[:-1], form]) for form in forms(parts[-1])) | (
        frozenset(" ".join([form, *parts[1:]]) for form in forms(parts[0])) if len(parts) > 1 else frozenset())


def _listed(contrast: list[Wording], by_id: dict[str, Article]) -> str:
    return "; ".join(f"“{w.text}” ({outlet_label(by_id[w.article_id])})" for w in contrast)


