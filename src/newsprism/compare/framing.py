"""How each outlet framed the story, in its words: loaded terms, labels, intensifiers,
hedges, scare quotes and non-neutral reporting verbs (found by the lexicons of
``lexicon.py``), each shown beside the other outlets' words for the same fact wherever
claims are aligned, plus consistency slips (an outlet's title for a person that the rest of
the story contradicts: "former President" for a sitting one).

The contrast is the evidence: a word is a framing choice when the other outlets, telling the
same fact, chose differently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import cache

import numpy as np

from ..config import FramingSettings
from ..data import word_list
from ..embed import Embedder
from ..lang.media import outlet_label
from ..lang.names import ROLE_NOUNS, clean_name, fullest_names, surname
from ..lang.words import STOP_WORDS, verb_forms
from ..model import Article, Claim, Finding, Quote, Sentence, Wording
from .lexicon import Flag, flag_words, forms

_WORD = re.compile(r"[\w'’-]+")
_CONTRASTED = {"label", "loaded", "reporting_verb", "idiom", "doubt"}  # words that other outlets put differently
_MAX_STRETCH = 6  # words: a longer differing stretch is a different sentence, not a different word
_STATUS = {"former", "ex", "late", "outgoing", "acting", "then", "incoming", "interim"}
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Prof|Rev|St)\.")
_TITLE_WORD = re.compile(r"[A-Z][\w.'’-]*|former|ex-|late|outgoing|acting|then-|incoming|interim|of|and|for")
_CONNECTORS = {"of", "and", "for"}


def framing_findings(articles: list[Article], claims: list[Claim], embedder: Embedder | None = None,
                     settings: FramingSettings | None = None) -> list[Finding]:
    """How the story's outlets worded it: flagged words with the others' words beside them,
    and slips against what the rest of the story says."""
    settings = settings or FramingSettings()
    quotes = [q for a in articles for q in a.quotes]
    return [*wording_findings(articles, claims, quotes, embedder, settings), *consistency_slips(articles)]


def wording_findings(articles: list[Article], claims: list[Claim], quotes: list[Quote],
                     embedder: Embedder | None = None, settings: FramingSettings | None = None) -> list[Finding]:
    """Lexicon flags in each article, with the other outlets' words for the same thing."""
    settings = settings or FramingSettings()
    limit = settings.max_contrast
    claim_at = {(m.article_id, m.start): c for c in claims if len(c.articles) > 1 for m in c.mentions}
    by_id = {a.id: a for a in articles}
    flagged: list[tuple[Article, Flag, Sentence | None, bool]] = []
    for article in articles:
        spans = [(q.start, q.end) for q in quotes if q.article_id == article.id and q.kind == "direct"
                 and not q.partial]
        for flag in flag_words(article.text):
            sentence = next((s for s in article.sentences if s.start <= flag.start < s.end), None)
            quoted = flag.quoted or any(a <= flag.start < b for a, b in spans)
            flagged.append((article, flag, sentence, quoted))
    nearest = _nearest_sentences(articles, [(a, s) for a, f, s, q in flagged if s and not q], embedder, settings)
    findings = []
    for article, flag, sentence, quoted in flagged:
        claim = claim_at.get((article.id, sentence.start)) if sentence else None
        counterparts: list[tuple[Article, int, int]] = []
        if sentence and claim:
            counterparts = [(by_id[m.article_id], m.start, m.end) for m in claim.mentions if m.article_id != article.id]
        if sentence and not quoted:  # sentences that say the same, where no claim pairs them
            aligned = {other.id for other, _, _ in counterparts}
            counterparts += [c for c in nearest.get((article.id, sentence.start), []) if c[0].id not in aligned]
        if flag.category not in _CONTRASTED:
            counterparts = []  # a hedge or an intensifier has no counterpart word: its absence is the contrast
        contrast = [w for other, a, b in counterparts[:limit]
                    if (w := _counterpart(article, flag, sentence, other, a, b))]
        lead = "other outlets, same fact"
        if flag.category == "label" and not contrast:
            contrast, lead = _group_names(article, flag, articles, limit), "other outlets' name for the group"
        if not contrast and flag.category in _CONTRASTED:
            contrast, lead = _family_words(article, flag, articles, limit), "elsewhere in the story, other outlets use"
        note = flag.note + (f"; {lead}: {_listed(contrast, by_id)}" if contrast else "")
        findings.append(Finding(article.id, flag.start, flag.end, flag.text, flag.category, note, basis="lexicon",
                                entry=flag.entry, quoted=quoted, claim_id=claim.id if claim else None,
                                contrast=contrast))
    return findings


def _nearest_sentences(articles: list[Article], wanted: list[tuple[Article, Sentence]], embedder: Embedder | None,
                       settings: FramingSettings) -> dict[tuple[str, int], list[tuple[Article, int, int]]]:
    """For flagged sentences no claim aligns, each other article's closest sentence (cosine
    at least ``settings.near``), so that "the beleaguered forces" can still meet "encircled soldiers"."""
    if embedder is None or not wanted:
        return {}
    pool = [(a, s) for a in articles for s in a.sentences]
    vectors = embedder.embed([a.text[s.start : s.end] for a, s in pool])
    queries = embedder.embed([a.text[s.start : s.end] for a, s in wanted])
    out: dict[tuple[str, int], list[tuple[Article, int, int]]] = {}
    for (article, sentence), sims in zip(wanted, queries @ vectors.T, strict=True):
        best: dict[str, tuple[float, int]] = {}
        for k in np.flatnonzero(sims >= settings.near):  # only the close ones: a story may hold thousands
            other, score = pool[k][0], float(sims[k])
            if other.id != article.id and score > best.get(other.id, (0.0, -1))[0]:
                best[other.id] = (score, int(k))
        closest = sorted(best.values(), reverse=True)[:settings.max_contrast]
        out[(article.id, sentence.start)] = [(pool[k][0], pool[k][1].start, pool[k][1].end) for _, k in closest]
    return out


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
        k = _counterpart_index(flag, own, theirs, hit, (i1, i2, j1, j2))
        if k is None:
            return None
        a, b = theirs[k][0], theirs[min(k + width, j2) - 1][1]
        return Wording(other.id, a, b, other.text[a:b])
    return None


def _counterpart_index(flag: Flag, own: list, theirs: list, hit: list[int],  # type: ignore[type-arg]
                       block: tuple[int, int, int, int]) -> int | None:
    """Inside a stretch the two sentences word differently: a reporting verb answers to the
    other's reporting verb; a word next to a shared word answers to the content word next to
    the same shared word ("the beleaguered | Ukrainian" against "spare encircled | Ukrainian")."""
    i1, i2, j1, j2 = block
    width = len(hit)
    content = [k for k in range(j1, j2) if theirs[k][2] not in STOP_WORDS and len(theirs[k][2]) > 2]
    if flag.category == "reporting_verb":
        verbs = [k for k in content if theirs[k][2] in verb_forms()]
        return min(verbs, key=lambda k: abs((k - j1) - (hit[0] - i1))) if verbs else None
    if j2 - j1 > _MAX_STRETCH or not content:
        return None  # the sentences differ too widely here for a word-for-word answer
    if hit[-1] == i2 - 1 and i2 < len(own) and own[i2][2] not in STOP_WORDS:  # right before a shared word
        return max(j2 - width, j1) if j2 - 1 in content else None
    if hit[0] == i1 and i1 > 0 and own[i1 - 1][2] not in STOP_WORDS:  # right after one
        return j1 if j1 in content else None
    return None  # in the middle of a reworded stretch no single word answers to it


def _group_names(article: Article, flag: Flag, articles: list[Article], limit: int) -> list[Wording]:
    """For a label that names a group by its nationality or affiliation ("Ukrainian
    militants"), each other outlet's most used name for the same group ("Ukrainian
    soldiers", "Ukrainian troops"): the label's contrast even where no sentence aligns."""
    group = next((e.text for e in article.entities if e.label == "NORP" and e.end <= flag.start
                  and not article.text[e.end : flag.start].strip()), None)
    if group is None:
        return []
    pattern = re.compile(rf"\b{re.escape(group)}\s+([a-z][a-z-]+)")
    out: list[Wording] = []
    for other in articles:
        if len(out) >= limit:
            break
        if other.id == article.id:
            continue
        heads = [m for m in pattern.finditer(other.text) if m.group(1) not in STOP_WORDS]
        if not heads:
            continue
        counts: dict[str, int] = {}
        for m in heads:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        top = max(counts, key=lambda w: (counts[w], -min(m.start() for m in heads if m.group(1) == w)))
        if top == flag.text.lower():
            continue
        first = next(m for m in heads if m.group(1) == top)
        out.append(Wording(other.id, first.start(), first.end(), first.group()))
    return out


@cache
def families() -> tuple[tuple[str, ...], ...]:
    """Competing words for one thing (data/word_families.txt), each with its inflections."""
    return tuple(tuple(w.strip().lower() for w in line.split(",") if w.strip())
                 for line in word_list("word_families.txt"))


def _family_words(article: Article, flag: Flag, articles: list[Article], limit: int) -> list[Wording]:
    """Where no sentence aligns, the words of the flagged word's family that each other
    outlet of the story uses ("liberated" against "retaken", "reclaiming"): the same kind of
    thing, named differently. An outlet using the flagged word itself is not a contrast."""
    own = flag.text.lower()
    members: set[str] = set()
    for family in families():
        if any(own in _inflected(word) for word in family):
            members |= {w for w in family if own not in _inflected(w)}
    if not members:
        return []
    alternatives = sorted((form for word in members for form in _inflected(word)), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in alternatives) + r")\b", re.I)
    out: list[Wording] = []
    for other in articles:
        if other.id == article.id:
            continue
        if len(out) >= limit:
            break
        found = pattern.search(other.text)
        if found:
            out.append(Wording(other.id, found.start(), found.end(), found.group()))
    return out


def _inflected(word: str) -> frozenset[str]:
    parts = word.split()
    return frozenset(" ".join([*parts[:-1], form]) for form in forms(parts[-1])) | (
        frozenset(" ".join([form, *parts[1:]]) for form in forms(parts[0])) if len(parts) > 1 else frozenset())


def _listed(contrast: list[Wording], by_id: dict[str, Article]) -> str:
    return "; ".join(f"“{w.text}” ({outlet_label(by_id[w.article_id])})" for w in contrast)


def consistency_slips(articles: list[Article]) -> Iterable[Finding]:
    """An outlet whose title for a person disagrees with the rest of the story on whether
    the office is held: "former President" where two or more other outlets say "President"
    and none "former", or the reverse."""
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
    for key, per_article in titles.items():
        status = {aid: {_status(t) for *_, t in found} for aid, found in per_article.items()}
        for article in articles:
            mine = per_article.get(article.id, [])
            for start, end, title in mine:
                word = _status(title)
                others = [aid for aid in status if aid != article.id]
                plain = [aid for aid in others if status[aid] == {"serving"}]
                held = [aid for aid in others if word in status[aid]]
                if word == "serving" or held or len(plain) < 2:
                    continue
                evidence = [Wording(aid, s, e, t) for aid in plain for s, e, t in per_article[aid][:1]]
                by_id = {a.id: a for a in articles}
                yield Finding(
                    article.id, start, end, title, "slip",
                    f"{outlet_label(article)} calls {fullest[key]} “{title}”; {len(plain)} other outlets of the "
                    f"story give the title without “{word}”: {_listed(evidence, by_id)}",
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
