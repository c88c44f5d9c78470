"""Quote groups: the same utterance as several outlets reported it, each version judged
against a reference (SPEC "Quote fidelity").

Utterances are compared sentence by sentence, because outlets quote different stretches of
one statement. "Altered" is an accusation, so it needs evidence: another outlet agreeing on
the exact words this one changed, or the complete post quoted by an outlet as published.
Independent renderings that differ throughout (translations) are variants.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import NamedTuple

from ..embed import Embedder
from ..lang.bodies import canonical_bodies
from ..lang.media import PLATFORMS, outlet_label
from ..lang.names import fullest_names, same_first_name, spelling_variants, surname
from ..lang.words import STOP_WORDS, WORD
from ..model import Article, Quote, QuoteGroup, QuoteMember, Story
from .quote_links import MIN_SHARED, Unit, norm, unit_components, units_of

ALTERED_MIN_SIMILARITY = 0.5  # below this two versions differ throughout: variants
PARAPHRASE_OVERLAP = 0.5
_EDGE_CHANGE_WORDS = 2  # "troops" -> "soldiers" at a quotation's end is a change, not a cut
_WRITTEN = set(PLATFORMS.values()) - {"social media"} | {"statement"}
# A wording copied by hundreds of outlets is backed by all of them: the evidence names the
# first few (by id) and counts the rest, and a group lists its first few distinct reasons.
MAX_OUTLETS = 8
MAX_EVIDENCE = 4


def group_quotes(story: Story, articles: list[Article], embedder: Embedder | None = None) -> list[QuoteGroup]:
    """The story's quote groups, from its articles' quotes (speakers already made the same
    across the story: ``canonical_speakers``). Without an embedder only wording links quotes
    (translations then stay apart)."""
    quotes = [q for a in articles for q in a.quotes]
    return _story_groups(story, quotes, {a.id: a for a in articles}, embedder)


def canonical_speakers(articles: list[Article]) -> list[Article]:
    """One name per speaker across the story. People: Lee = Ms. Lee = Ann Lee, the fullest
    name wins; a surname the story's outlets spell two ways (Zelensky / Zelenskyy) is one
    person when nothing says two (``lang.names.spelling_variants``), under the spelling with
    the fullest, then most frequent, name. Bodies: "Defence Council" = "Estonia's Defence
    Council" = "Defence Council of the Estonian Armed Forces" when the shorter names are
    forms of exactly one fuller name the story uses (``lang.bodies``). The claims' sources
    and deniers get the same names (a denier written as a quote's speaker mention takes that
    quote's speaker), so the brief lists each holder once. Returns new records; the
    annotated ones are left as they were."""
    by_article = [[n for e in article.entities if e.label == "PERSON" and "’" not in (n := e.text.strip())
                   and "'" not in n] for article in articles]
    variants = spelling_variants(by_article)
    fullest = fullest_names(name for names in by_article for name in names)
    bodies = canonical_bodies([*(e.text for a in articles for e in a.entities if e.label == "ORG"),
                               *(q.speaker for a in articles for q in a.quotes if q.speaker)])

    def person(name: str) -> str | None:
        if len(name.split()) <= 3:
            key = surname(name)
            found = fullest.get(variants.get(key, key))
            if not found:
                return None
            given, full = name.lower().split()[:-1], found.lower().split()
            if key in variants:  # another spelling: its first names need only agree ("Wolodymyr")
                return found if all(any(same_first_name(w, f) for f in full[:-1]) for w in given) else None
            if set(given) <= set(full):
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
    units = [u for q in quotes if q.kind == "direct" for u in units_of(q)]
    components = [[units[i] for i in group] for group in unit_components(units, embedder)]
    paraphrases = _Paraphrases(quotes)

    groups: list[QuoteGroup] = []
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
        judge = _Judge(reference, members, articles)
        evidence: list[str] = []
        for member in sorted(members, key=lambda m: (m is not reference, m.quote.article_id, m.start)):
            fidelity, diff, similarity, why = judge(member)
            group.members.append(QuoteMember(member.quote.id, fidelity, diff, round(similarity, 3),  # type: ignore[arg-type]
                                             start=member.start, end=member.end))
            if why:
                evidence.append(why)
        paraphrases.add(group, reference)
        reasons = list(dict.fromkeys(evidence))
        if len(reasons) > MAX_EVIDENCE:
            reasons[MAX_EVIDENCE:] = [f"and {len(reasons) - MAX_EVIDENCE} more"]
        group.evidence = "; ".join(reasons) or None
        groups.append(group)
    return groups


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


def _wordings(members: list[Unit]) -> dict[tuple[str, ...], set[str]]:
    """The distinct wordings of a group and the articles quoting each: copies repeat one."""
    out: dict[tuple[str, ...], set[str]] = {}
    for member in members:
        out.setdefault(tuple(member.words), set()).add(member.quote.article_id)
    return out


def _reference(members: list[Unit]) -> Unit:
    """The fullest version another outlet confirms word for word; failing that the complete
    text of a post or statement as published; failing that the longest."""
    wordings = _wordings(members)
    unchanged: dict[tuple[str, ...], list[set[str]]] = {}  # per wording: articles of those equal to it

    def confirmed(unit: Unit) -> bool:
        words = tuple(unit.words)
        if words not in unchanged:
            unchanged[words] = [held for other, held in wordings.items()
                                if not _changes(unit.words, list(other))[0]]
        return any(held - {unit.quote.article_id} for held in unchanged[words])

    def published(unit: Unit) -> bool:
        return unit.quote.channel in _WRITTEN and unit.quote.attribution in {"colon", "cue"}

    return max(members, key=lambda u: (confirmed(u), published(u), len(u.words), -u.start))


class _Wording(NamedTuple):
    """One wording judged against the reference. ``fidelity`` is None for a possible
    alteration, decided per member: ``backing`` holds the articles (sorted, the reference's
    among them) quoting the reference's wording at every ``changed`` place, with a word of
    context either side."""

    fidelity: str | None
    diff: list[dict[str, str]]
    similarity: float
    changed: str = ""
    backing: tuple[str, ...] = ()


class _Judge:
    """Each member's fidelity against the reference. The comparison is made once per
    distinct wording (copies share it); only the outlets backing an alteration depend on
    the member's own article, which is left out of them."""

    def __init__(self, reference: Unit, members: list[Unit], articles: dict[str, Article]) -> None:
        self.reference = reference
        self.wordings = _wordings(members)
        self.articles = articles
        self.judged: dict[tuple[str, ...], _Wording] = {}

    def __call__(self, member: Unit):  # type: ignore[no-untyped-def]
        reference = self.reference
        key = tuple(member.shown)
        if member is reference:
            return "verbatim", self._diff(member), 1.0, None
        if key not in self.judged:
            self.judged[key] = self._wording(member)
        fidelity, shared_diff, similarity, changed, backing = self.judged[key]
        diff = [dict(d) for d in shared_diff]  # each member its own record
        if fidelity is not None:
            return fidelity, diff, similarity, None
        mine = member.quote.article_id
        own = reference.quote.article_id
        if len(backing) - (mine in backing and mine != own) > 1:  # someone besides the reference
            listed = [a for a in backing[: MAX_OUTLETS + 1] if a != mine or a == own][:MAX_OUTLETS]
            more = len(backing) - (mine in backing and mine != own) - len(listed)
            outlets = ", ".join(_outlet(self.articles, a) for a in listed)
            outlets += f" and {more} other outlet{'s' * (more > 1)}" if more else ""
            return "altered", diff, similarity, f"{outlets} agree on the wording “{changed}”"
        if reference.quote.channel in _WRITTEN and reference.quote.attribution in {"colon", "cue"}:
            where = _outlet(self.articles, own)
            why = f"the full text as published on {reference.quote.channel}, quoted by {where}"
            return "altered", diff, similarity, why
        return "variant", diff, similarity, None

    def _diff(self, member: Unit) -> list[dict[str, str]]:
        shown = self.reference.shown
        return [{"op": op, "reference": " ".join(shown[i1:i2]), "member": " ".join(member.shown[j1:j2])}
                for op, i1, i2, j1, j2 in _aligned_codes(self.reference.words, member.words)]

    def _wording(self, member: Unit) -> _Wording:
        """What holds for every copy of this wording."""
        reference = self.reference
        diff = self._diff(member)
        changes, similarity = _changes(reference.words, member.words)
        if not changes:
            same_cut = all(d["op"] == "equal" for d in diff)
            return _Wording("verbatim" if same_cut else "trimmed", diff, similarity)
        if similarity < ALTERED_MIN_SIMILARITY:
            return _Wording("variant", diff, similarity)
        backers: set[str] | None = None
        for _, i1, i2, _, _ in changes:
            window = reference.words[max(0, i1 - 1) : i2 + 1]
            found = {a for words, held in self.wordings.items() if _contains(list(words), window) for a in held}
            backers = found if backers is None else backers & found
        changed = "; ".join(" ".join(reference.shown[i1:i2]) for _, i1, i2, _, _ in changes if i2 > i1)
        backing = tuple(sorted((backers or set()) | {reference.quote.article_id}))
        return _Wording(None, diff, similarity, changed, backing)


def _contains(words: list[str], window: list[str]) -> bool:
    n = len(window)
    return any(words[k : k + n] == window for k in range(len(words) - n + 1))


class _Paraphrases:
    """Reported speech by a group's speaker that carries the reference's content words; each
    indirect quote joins one group at most. Indexed by surname, so a group looks only at
    its speaker's reported speech."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.claimed: set[str] = set()
        self.by_surname: dict[str, list[tuple[Quote, set[str]]]] = {}
        for quote in quotes:
            if quote.kind == "indirect" and quote.speaker:
                words = {norm(w) for w in WORD.findall(quote.text)} - STOP_WORDS
                self.by_surname.setdefault(surname(quote.speaker), []).append((quote, words))

    def add(self, group: QuoteGroup, reference: Unit) -> None:
        if not group.speaker:
            return
        ref_words = set(reference.words) - STOP_WORDS
        for quote, words in self.by_surname.get(surname(group.speaker), []):
            if quote.id in self.claimed:
                continue
            shared = words & ref_words
            overlap = len(shared) / max(1, min(len(words), len(ref_words)))
            if len(shared) >= MIN_SHARED and overlap >= PARAPHRASE_OVERLAP:
                self.claimed.add(quote.id)
                group.members.append(QuoteMember(quote.id, "paraphrase", [], round(len(shared) / len(words), 3),
                                                 start=quote.start, end=quote.end))


def _outlet(articles: dict[str, Article], article_id: str) -> str:
    article = articles.get(article_id)
    return outlet_label(article) if article else article_id.split("_")[0]
