"""Quote groups: the same utterance as several outlets reported it, each version judged
against a reference (SPEC "Quote fidelity").

Utterances are compared sentence by sentence, because outlets quote different stretches of
one statement. "Altered" is an accusation, so it needs evidence: another outlet agreeing on
the exact words this one changed, or the complete post quoted by an outlet as published.
Independent renderings that differ throughout (translations) are variants.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..clusters import connected_components
from ..embed import Embedder
from ..lang.bodies import canonical_bodies
from ..lang.media import PLATFORMS, outlet_label
from ..lang.names import fullest_names, surname
from ..lang.words import STOP_WORDS, WORD
from ..model import Article, Quote, QuoteGroup, QuoteMember, Story

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’»]?\s+(?=[\"“‘«(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|Lt|Col|No|vs|[A-Z])\.$")
MIN_WORDS = 3  # "productive" alone says nothing about how an outlet rendered a statement
MIN_SHARED = 3
LINK_COVERAGE = 0.5  # share of the shorter version's words found in runs of 2+ in the other
ALTERED_MIN_SIMILARITY = 0.5  # below this two versions differ throughout: variants
PARAPHRASE_OVERLAP = 0.5
# Translations share few words: two quotations of one named speaker whose meanings are this
# close (WordLlama cosine; other statements of the same speaker score below 0.3) are one
# utterance, compared sentence by sentence in order.
SEMANTIC_LINK = 0.4
SEMANTIC_UNIT = 0.6
SEMANTIC_IN_PLACE = 0.25
_EDGE_CHANGE_WORDS = 2  # "troops" -> "soldiers" at a quotation's end is a change, not a cut
_WRITTEN = set(PLATFORMS.values()) - {"social media"} | {"statement"}


@dataclass
class _Unit:
    """One sentence of a quotation: the grain at which outlets are compared."""

    quote: Quote
    start: int  # article offsets of the sentence's words
    end: int
    words: list[str]
    shown: list[str]  # the words as written, for the diff


def group_quotes(story: Story, articles: list[Article], embedder: Embedder | None = None) -> list[QuoteGroup]:
    """The story's quote groups, from its articles' quotes (speakers already made the same
    across the story: ``canonical_speakers``). Without an embedder only wording links quotes
    (translations then stay apart)."""
    quotes = [q for a in articles for q in a.quotes]
    return _story_groups(story, quotes, {a.id: a for a in articles}, embedder)


def canonical_speakers(articles: list[Article]) -> list[Article]:
    """One name per speaker across the story. People: Lee = Ms. Lee = Ann Lee, the fullest
    name wins. Bodies: "Defence Council" = "Estonia's Defence Council" = "Defence Council of
    the Estonian Armed Forces" when the shorter names are forms of exactly one fuller name
    the story uses (``lang.bodies``). The claims' sources and deniers get the same names (a
    denier written as a quote's speaker mention takes that quote's speaker), so the brief
    lists each holder once. Returns new records; the annotated ones are left as they were."""
    names = (entity.text.strip() for article in articles for entity in article.entities if entity.label == "PERSON")
    fullest = fullest_names(name for name in names if "’" not in name and "'" not in name)
    bodies = canonical_bodies([*(e.text for a in articles for e in a.entities if e.label == "ORG"),
                               *(q.speaker for a in articles for q in a.quotes if q.speaker)])

    def person(name: str) -> str | None:
        if len(name.split()) <= 3:
            found = fullest.get(surname(name))
            if found and set(name.lower().split()) <= set(found.lower().split()):
                return found
        return None

    def canonical(name: str | None) -> str | None:
        if not name:
            return name
        bare = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
        return person(bare) or bodies.get(bare) or bodies.get(name) or name

    out = []
    for article in articles:
        quotes = [replace(q, speaker=name) if (name := canonical(q.speaker)) != q.speaker else q
                  for q in article.quotes]
        mentioned = {_bare(article.text[q.speaker_start : q.speaker_end]): q.speaker for q in quotes
                     if q.speaker and q.speaker_start is not None and q.speaker_end is not None}
        claims = []
        for claim in article.claims:  # a new record only where a name changes
            source = canonical(claim.source)
            denier = mentioned.get(_bare(claim.denier)) or canonical(claim.denier) if claim.denier else None
            changed = source != claim.source or denier != claim.denier
            claims.append(replace(claim, source=source, denier=denier) if changed else claim)
        out.append(replace(article, quotes=quotes, claims=claims))
    return out


def _bare(mention: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.I).lower()


def _story_groups(
    story: Story, quotes: list[Quote], articles: dict[str, Article], embedder: Embedder | None,
) -> list[QuoteGroup]:
    units = [u for q in quotes if q.kind == "direct" for u in _units(q)]
    linked: set[tuple[int, int]] = set()
    known: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}  # copies repeat the same pairs
    for i, j in sorted(_sharing_a_bigram(units)):
        a, b = units[i], units[j]
        if a.quote.article_id == b.quote.article_id or not _same_speaker(a.quote, b.quote):
            continue
        key = (tuple(a.words), tuple(b.words))
        if key not in known:
            known[key] = _linked(a.words, b.words)
        if known[key]:
            linked.add((i, j))
    links = [*linked, *_translations(units, linked, embedder)]
    components = [[units[i] for i in group] for group in connected_components(len(units), links)]

    groups: list[QuoteGroup] = []
    claimed: set[str] = set()
    for members in sorted(components, key=lambda m: (m[0].quote.article_id, m[0].start)):
        if len({m.quote.article_id for m in members}) < 2:
            continue
        reference = _reference(members)
        group = QuoteGroup(
            id=f"{story.id}:g{len(groups) + 1}", story_id=story.id,
            speaker=next((m.quote.speaker for m in [reference, *members] if m.quote.speaker), None),
            reference_quote_id=reference.quote.id,
            reference_start=reference.start, reference_end=reference.end,
        )
        evidence: list[str] = []
        for member in sorted(members, key=lambda m: (m is not reference, m.quote.article_id, m.start)):
            fidelity, diff, similarity, why = _judge(reference, member, members, articles)
            group.members.append(QuoteMember(member.quote.id, fidelity, diff, round(similarity, 3),  # type: ignore[arg-type]
                                             start=member.start, end=member.end))
            if why:
                evidence.append(why)
        _add_paraphrases(group, reference, quotes, claimed)
        group.evidence = "; ".join(dict.fromkeys(evidence)) or None
        groups.append(group)
    return groups


def _sharing_a_bigram(units: list[_Unit]) -> set[tuple[int, int]]:
    """The only pairs ``_linked`` can accept (it counts runs of two words or more), found
    through an index so that a story of hundreds of articles is not compared all to all."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        for bigram in set(zip(unit.words, unit.words[1:], strict=False)):
            postings[bigram].append(k)
    return {(a, b) for ks in postings.values() for x, a in enumerate(ks) for b in ks[x + 1 :]}


def _translations(units: list[_Unit], linked: set[tuple[int, int]], embedder: Embedder | None) -> list[tuple[int, int]]:
    """Unit pairs that say the same in other words, within quotations of one named speaker
    that are already linked by wording or close in meaning as a whole: a sentence close in
    meaning, or the sentence in the same place of two quotations of equal length."""
    if embedder is None or not units:
        return []
    by_quote: dict[str, list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        by_quote[unit.quote.id].append(k)
    quotes = [units[ks[0]].quote for ks in by_quote.values()]
    whole = embedder.embed([q.text for q in quotes])
    each = embedder.embed([" ".join(u.shown) for u in units])
    related = {(units[i].quote.id, units[j].quote.id) for i, j in linked}
    pairs: list[tuple[int, int]] = []
    for x, a in enumerate(quotes):
        for y in range(x + 1, len(quotes)):
            b = quotes[y]
            if a.article_id == b.article_id or not a.speaker or not b.speaker:
                continue
            if surname(a.speaker) != surname(b.speaker):
                continue
            near = float(whole[x] @ whole[y]) >= SEMANTIC_LINK
            if not near and (a.id, b.id) not in related and (b.id, a.id) not in related:
                continue
            ka, kb = by_quote[a.id], by_quote[b.id]
            free_a = [i for i in ka if not any((i, j) in linked or (j, i) in linked for j in kb)]
            free_b = [j for j in kb if not any((i, j) in linked or (j, i) in linked for i in ka)]
            for i in free_a:
                if not free_b:
                    break
                j = max(free_b, key=lambda j: float(each[i] @ each[j]))
                if max(free_a, key=lambda k: float(each[k] @ each[j])) != i:
                    continue  # only mutual best matches: one sentence renders one sentence
                cosine = float(each[i] @ each[j])
                in_place = ka.index(i) == kb.index(j) and len(ka) == len(kb) > 1
                if cosine >= SEMANTIC_UNIT or in_place and cosine >= SEMANTIC_IN_PLACE:
                    pairs.append((i, j))
    return pairs


def _units(quote: Quote) -> list[_Unit]:
    """The quotation's sentences with article offsets (parts joined by one space)."""
    pieces: list[tuple[int, str]] = []  # (article offset, text) per part
    cursor = 0
    text = quote.text
    for start, end in quote.parts or [(quote.start, quote.end)]:
        length = end - start
        pieces.append((start, text[cursor : cursor + length]))
        cursor += length + 1
    units: list[_Unit] = []
    for offset, piece in pieces:
        begin = 0
        ends = [
            m for m in _SENTENCE_END.finditer(piece)
            if not _ABBREVIATION.search(piece[: m.start()].rstrip("\"”’»"))
        ]
        for match in [*ends, None]:
            stop = match.start() + 1 if match else len(piece)
            chunk = piece[begin:stop]
            words = [_norm(w) for w in WORD.findall(chunk)]
            if len(words) >= MIN_WORDS:
                lead = len(chunk) - len(chunk.lstrip())
                start, end = offset + begin + lead, offset + begin + len(chunk.rstrip())
                units.append(_Unit(quote, start, end, words, WORD.findall(chunk)))
            begin = match.end() if match else len(piece)
    return units


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _same_speaker(a: Quote, b: Quote) -> bool:
    if not a.speaker or not b.speaker:
        return True
    return a.speaker == b.speaker or surname(a.speaker) == surname(b.speaker)


def _linked(a: list[str], b: list[str]) -> bool:
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= 2)
    return shared >= MIN_SHARED and shared / min(len(a), len(b)) >= LINK_COVERAGE


_Code = tuple[str, int, int, int, int]


def _changes(reference: list[str], member: list[str]) -> tuple[list[_Code], float]:
    """Opcodes that change words, and similarity over the stretch both versions quote.
    Words quoted by one version only at either end are a different cut, not a change."""
    codes = _aligned_codes(reference, member)
    equal = [k for k, c in enumerate(codes) if c[0] == "equal"]
    if not equal:
        return [c for c in codes if c[0] != "equal"], 0.0
    first, last = equal[0], equal[-1]
    changes = [c for c in codes[first:last] if c[0] != "equal"]
    for code in (codes[:first][-1:] + codes[last + 1 :][:1]):
        if code[0] == "replace" and max(code[2] - code[1], code[4] - code[3]) <= _EDGE_CHANGE_WORDS:
            changes.append(code)
    # similarity over what both quote: drop only the pure cuts at either end
    inner = codes[:]
    while inner and inner[0][0] in {"delete", "insert"}:
        inner.pop(0)
    while inner and inner[-1][0] in {"delete", "insert"}:
        inner.pop()
    same = sum(c[2] - c[1] for c in inner if c[0] == "equal")
    span = sum(c[2] - c[1] + c[4] - c[3] for c in inner)
    return changes, 2 * same / max(1, span)


def _aligned_codes(reference: list[str], member: list[str]) -> list[_Code]:
    """Word opcodes, with a short replacement at either end split off from the cut beside
    it: "thousands of Ukrainian soldiers" against "... thousands of Ukrainian troops are
    completely surrounded ..." replaces "troops" and cuts the rest; difflib would call the
    whole tail one replacement and hide the changed word."""
    codes: list[_Code] = list(SequenceMatcher(None, reference, member, autojunk=False).get_opcodes())
    if len(codes) < 2:
        return codes
    op, i1, i2, j1, j2 = codes[-1]
    if op == "replace" and codes[-2][0] == "equal":
        k = min(i2 - i1, j2 - j1)
        if k <= _EDGE_CHANGE_WORDS:
            tail = ("delete", i1 + k, i2, j2, j2) if i2 - i1 > k else ("insert", i2, i2, j1 + k, j2)
            codes[-1:] = [("replace", i1, i1 + k, j1, j1 + k)] + ([tail] if i2 - i1 != j2 - j1 else [])
    op, i1, i2, j1, j2 = codes[0]
    if op == "replace" and codes[1][0] == "equal":
        k = min(i2 - i1, j2 - j1)
        if k <= _EDGE_CHANGE_WORDS:
            head = ("delete", i1, i2 - k, j1, j1) if i2 - i1 > k else ("insert", i1, i1, j1, j2 - k)
            codes[:1] = ([head] if i2 - i1 != j2 - j1 else []) + [("replace", i2 - k, i2, j2 - k, j2)]
    return codes


def _reference(members: list[_Unit]) -> _Unit:
    """The fullest version another outlet confirms word for word; failing that the complete
    text of a post or statement as published; failing that the longest."""
    def confirmed(unit: _Unit) -> bool:
        return any(
            other.quote.article_id != unit.quote.article_id and not _changes(unit.words, other.words)[0]
            for other in members
        )

    def published(unit: _Unit) -> bool:
        return unit.quote.channel in _WRITTEN and unit.quote.attribution in {"colon", "cue"}

    return max(members, key=lambda u: (confirmed(u), published(u), len(u.words), -u.start))


def _judge(reference: _Unit, member: _Unit, members: list[_Unit], articles: dict[str, Article]):  # type: ignore[no-untyped-def]
    codes = _aligned_codes(reference.words, member.words)
    diff = [
        {"op": op, "reference": " ".join(reference.shown[i1:i2]), "member": " ".join(member.shown[j1:j2])}
        for op, i1, i2, j1, j2 in codes
    ]
    if member is reference:
        return "verbatim", diff, 1.0, None
    changes, similarity = _changes(reference.words, member.words)
    if not changes:
        same_cut = all(op == "equal" for op, *_ in codes)
        return ("verbatim" if same_cut else "trimmed"), diff, similarity, None
    if similarity >= ALTERED_MIN_SIMILARITY:
        backers = _backed(reference, member, changes, members)
        if backers:
            outlets = ", ".join(_outlet(articles, a) for a in sorted({reference.quote.article_id, *backers}))
            changed = "; ".join(" ".join(reference.shown[i1:i2]) for _, i1, i2, _, _ in changes if i2 > i1)
            return "altered", diff, similarity, f"{outlets} agree on the wording “{changed}”"
        if reference.quote.channel in _WRITTEN and reference.quote.attribution in {"colon", "cue"}:
            where = _outlet(articles, reference.quote.article_id)
            why = f"the full text as published on {reference.quote.channel}, quoted by {where}"
            return "altered", diff, similarity, why
    return "variant", diff, similarity, None


def _backed(reference: _Unit, member: _Unit, changes, members: list[_Unit]) -> set[str]:  # type: ignore[no-untyped-def]
    """Articles other than the reference's and the member's that quote the reference's
    wording at every changed place (with a word of context either side)."""
    backers: set[str] | None = None
    for _, i1, i2, _, _ in changes:
        window = reference.words[max(0, i1 - 1) : i2 + 1]
        found = {
            other.quote.article_id for other in members
            if other.quote.article_id not in {reference.quote.article_id, member.quote.article_id}
            and _contains(other.words, window)
        }
        backers = found if backers is None else backers & found
    return backers or set()


def _contains(words: list[str], window: list[str]) -> bool:
    n = len(window)
    return any(words[k : k + n] == window for k in range(len(words) - n + 1))


def _add_paraphrases(group: QuoteGroup, reference: _Unit, quotes: list[Quote], claimed: set[str]) -> None:
    """Reported speech by the same speaker that carries the reference's content words."""
    ref_words = set(reference.words) - STOP_WORDS
    for quote in quotes:
        if quote.kind != "indirect" or quote.id in claimed or not quote.speaker or not group.speaker:
            continue
        if surname(quote.speaker) != surname(group.speaker):
            continue
        words = {_norm(w) for w in WORD.findall(quote.text)} - STOP_WORDS
        shared = words & ref_words
        if len(shared) >= MIN_SHARED and len(shared) / max(1, min(len(words), len(ref_words))) >= PARAPHRASE_OVERLAP:
            claimed.add(quote.id)
            group.members.append(QuoteMember(quote.id, "paraphrase", [], round(len(shared) / len(words), 3),
                                             start=quote.start, end=quote.end))


def _outlet(articles: dict[str, Article], article_id: str) -> str:
    article = articles.get(article_id)
    return outlet_label(article) if article else article_id.split("_")[0]
