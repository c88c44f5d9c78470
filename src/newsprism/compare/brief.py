"""Stage 5/6: the neutral brief of each story, every sentence cited and checked.

The brief is extractive on purpose: each sentence is an outlet's own sentence (a dateline
or an opening connective trimmed away), chosen from the claims and quote groups, so that
what it says is exactly what its citation says. Order: what is established (corroborated by
two or more independent sources, most sources first), what is disputed (one pair of lines per
dispute, each side attributed), how the coverage differs (a quote an outlet changed, a title
one outlet gets differently, a fact some outlets leave out), what only one source says
(labelled), key quotes in their reference wording.

No unsupported sentence ships: ``check_support`` verifies that the words appear in a cited
span, and that every number, date and name of the sentence is there; a sentence that
fails is dropped. A sentence carrying the outlet's own loaded wording (a framing flag
outside quotation marks) is replaced by another outlet's version of the claim, or dropped;
except in "how the coverage differs", where an outlet's own words are the evidence of the
difference and the line says whose they are.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from ..config import BriefSettings
from ..lang.media import outlet_label
from ..model import Article, BriefSentence, Claim, Dispute, Finding, Quote, QuoteGroup, Span
from .lexicon import flag_words

_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_MONTHS_DAYS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Openings that tie a sentence to the one before it in its article: out of context they mislead.
_DANGLING = re.compile(r"^(?:However|But|Yet|Meanwhile|Also|Still|Instead|Moreover|Furthermore|In this regard|"
                       r"At the same time|Earlier|Later|Then)\b,?\s*", re.I)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|his|its|their)\b(?=\s+(?:said|says|added|told|noted|stated|"
                      r"claimed|explained|continued|emphasi[sz]ed|remarked)\b)|^(?:He|She|It|They)\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_DATELINE = re.compile(r"^[A-Z][\w/.' -]{1,60}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*[-–—]\s+")



def write_brief(articles: list[Article], claims: list[Claim], quote_groups: list[QuoteGroup],
                settings: BriefSettings | None = None, disputes: list[Dispute] | None = None,
                framing: list[Finding] | None = None) -> list[BriefSentence]:
    """The brief of one story, from its claims, disputes, quote groups and framing slips."""
    settings = settings or BriefSettings()
    arts = {a.id: a for a in articles}
    quotes = {q.id: q for a in articles for q in a.quotes}
    kinds = [_altered(quote_groups, quotes, arts), _slips(framing or [], arts), _left_out(claims, arts)]
    differs = [line for row in zip_longest(*kinds) for line in row if line is not None]  # each kind in turn
    return [*_established(claims, arts, settings), *_disputed(disputes or [], arts, settings),
            *differs[: settings.differs], *_single(claims, arts, settings),
            *_quotes(quote_groups, quotes, arts, settings)]


def _altered(groups: list[QuoteGroup], quotes: dict[str, Quote], arts: dict[str, Article]) -> list[BriefSentence]:
    """A quote an outlet changed: its version, cited beside the reference the others agree on,
    with the words it changed."""
    out = []
    for group in groups:
        reference = quotes.get(group.reference_quote_id)
        for member in group.members:
            article_id = member.quote_id.split(":")[0]
            if member.fidelity != "altered" or member.start is None or member.end is None or article_id not in arts:
                continue
            changed = [f"“{d['member']}” for “{d['reference']}”" for d in member.diff if d["op"] == "replace"]
            if not changed:
                continue
            span = Span(article_id, member.start, member.end)
            citations = [span] + ([Span(reference.article_id, group.reference_start, group.reference_end or
                                        reference.end)] if reference and group.reference_start is not None else [])
            sentence = BriefSentence(arts[article_id].text[member.start : member.end].strip(), citations,
                                     section="differs", quote_group_id=group.id)
            ok, why = check_support(sentence, arts)
            if ok:
                sentence.support = why
                sentence.attribution = (f"{outlet_label(arts[article_id])} changed {group.speaker or 'the speaker'}'s "
                                        f"words: {', '.join(changed)}" + (f" ({group.evidence})" if group.evidence
                                                                          else ""))
                out.append(sentence)
    return out


def _slips(framing: list[Finding], arts: dict[str, Article]) -> list[BriefSentence]:
    """A title or fact one outlet gets differently from the rest ("former President"), in its sentence."""
    out = []
    for finding in (f for f in framing if f.category == "slip" and f.article_id in arts):
        article = arts[finding.article_id]
        around = next((s for s in article.sentences if s.start <= finding.start < s.end), None)
        if around is None:
            continue
        sentence = BriefSentence(article.text[around.start : around.end].strip(),
                                 [Span(article.id, around.start, around.end)], section="differs",
                                 attribution=finding.note)
        ok, why = check_support(sentence, arts)
        if ok:
            sentence.support = why
            out.append(sentence)
    return out


def _left_out(claims: list[Claim], arts: dict[str, Article]) -> list[BriefSentence]:
    """A fact most outlets report and some leave out, most outlets first."""
    out = []
    for claim in sorted((c for c in claims if c.omitted_by), key=lambda c: -len(c.articles)):
        sentence = _best_version(claim.support, arts, claim.support)
        if sentence:
            sentence.section, sentence.claim_id = "differs", claim.id
            missing = ", ".join(outlet_label(arts[a]) for a in claim.omitted_by if a in arts)
            sentence.attribution = f"reported by {len(claim.articles)} outlets; not by {missing}"
            out.append(sentence)
    return out


def _established(claims: list[Claim], arts: dict[str, Article], settings: BriefSettings) -> list[BriefSentence]:
    out: list[BriefSentence] = []
    for claim in sorted((c for c in claims if c.status == "corroborated"), key=lambda c: -len(c.sources)):
        sentence = _best_version(claim.support, arts, claim.support)
        if sentence:
            sentence.claim_id = claim.id
            sentence.attribution = f"{len(claim.sources)} independent sources"
            out.append(sentence)
        if len(out) >= settings.established:
            break
    return out


def _disputed(disputes: list[Dispute], arts: dict[str, Article], settings: BriefSettings) -> list[BriefSentence]:
    """One pair of lines per dispute: each side in an outlet's complete sentence, with who
    holds it and which outlets report it."""
    out: list[BriefSentence] = []
    for dispute in disputes[: settings.disputed]:
        lines = [_best_version(_sentences_first(side.support, arts), arts, side.support) for side in dispute.sides]
        if not all(lines):
            continue
        for sentence, side, first in zip(lines, dispute.sides, (True, False), strict=True):
            assert sentence is not None
            sentence.section = "disputed"
            sentence.claim_id = side.claim_ids[0] if side.claim_ids else None
            outlets = sorted({outlet_label(arts[c.article_id]) for c in side.support if c.article_id in arts})
            sentence.attribution = f"held by {', '.join(side.holders)}; reported by {', '.join(outlets)}" + (
                "" if first else f" ({dispute.why})")
            out.append(sentence)
    return out


def _whole_sentence(text: str) -> bool:
    """Begins like a sentence (a capital, a digit or an opening quotation mark) and ends like one."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'(") \
        and bool(_SENTENCE_END.search(text))


def _sentences_first(spans: list[Span], arts: dict[str, Article]) -> list[Span]:
    """A side's spans that are whole sentences before phrases a sentence takes for granted."""
    def phrase(span: Span) -> bool:
        article = arts.get(span.article_id)
        return not article or not _whole_sentence(article.text[span.start : span.end].strip())
    return sorted(spans, key=phrase)


def _single(claims: list[Claim], arts: dict[str, Article], settings: BriefSettings) -> list[BriefSentence]:
    """What one source alone says: numbers first (the details a reader cannot cross-check)."""
    lone = [c for c in claims if c.status == "single_source" and c.mentions and not c.similar]
    lone.sort(key=lambda c: (c.note is None, c.mentions[0].kind != "number", c.mentions[0].start))
    out: list[BriefSentence] = []
    shown: set[tuple[str, int]] = set()
    for claim in lone:
        mention = claim.mentions[0]
        if (mention.article_id, mention.start) in shown:
            continue  # a figure only it gives, and the sentence that holds it: one line
        shown.add((mention.article_id, mention.start))
        sentence = _best_version([Span(mention.article_id, mention.start, mention.end)], arts, claim.support)
        if sentence:
            sentence.section, sentence.claim_id = "single_source", claim.id
            sentence.attribution = f"only {outlet_label(arts[mention.article_id])}" + (
                f" ({claim.note.split(': ', 1)[-1]})" if claim.note else "")
            out.append(sentence)
        if len(out) >= settings.single_source:
            break
    return out


def _quotes(groups: list[QuoteGroup], quotes: dict[str, Quote], arts: dict[str, Article],
            settings: BriefSettings) -> list[BriefSentence]:
    """Statements several outlets quote, in the reference wording; speakers named as the
    cited article names them."""
    out: list[BriefSentence] = []
    ranked = sorted(groups, key=lambda g: -len({m.quote_id.split(":")[0] for m in g.members}))
    for group in ranked:
        reference = quotes.get(group.reference_quote_id)
        if reference is None or reference.article_id not in arts or group.reference_start is None:
            continue
        if len({m.quote_id.split(":")[0] for m in group.members}) < 2:
            continue
        span = Span(reference.article_id, group.reference_start, group.reference_end or reference.end)
        text = arts[span.article_id].text[span.start : span.end].strip()
        outlets = sorted({outlet_label(arts[m.quote_id.split(":")[0]]) for m in group.members
                          if m.quote_id.split(":")[0] in arts})
        sentence = BriefSentence(text, [span], section="quote", quote_group_id=group.id,
                                 attribution=f"{group.speaker or 'unnamed speaker'}, quoted by {', '.join(outlets)}")
        ok, why = check_support(sentence, arts)
        if ok:
            sentence.support = why
            out.append(sentence)
        if len(out) >= settings.quotes:
            break
    return out


def _best_version(candidates: list[Span], arts: dict[str, Article], citations: list[Span]) -> BriefSentence | None:
    """The candidate sentence with no loaded wording of the outlet's own that passes the
    support check, cited with all the spans that support it; a version that names its
    source beats one that says "he said" (the brief has no sentence before it)."""
    def dangling(span: Span) -> bool:
        article = arts.get(span.article_id)
        words = _QUOTED.sub(" ", article.text[span.start : span.end]) if article else ""
        return bool(_PRONOUN.search(words))

    for span in sorted(candidates, key=dangling):
        article = arts.get(span.article_id)
        if article is None:
            continue
        text = _trimmed(article.text[span.start : span.end])
        if not _whole_sentence(text) or any(not f.quoted for f in flag_words(text)):
            continue  # a clause or a phrase a sentence takes for granted is no sentence of the brief
        sentence = BriefSentence(text, [span] + [c for c in citations if c != span])
        ok, why = check_support(sentence, arts)
        if ok:
            sentence.support = why
            return sentence
    return None


def _trimmed(text: str) -> str:
    """Drop a dateline ("MOSCOW, March 14 -") and a connective that needs the sentence
    before ("However, ..."); what is left is still the outlet's words, verbatim."""
    text = _DATELINE.sub("", text.strip(), count=1)
    stripped = _DANGLING.sub("", text, count=1)
    if stripped != text and stripped:
        text = stripped[0].upper() + stripped[1:]
    return text.strip()


def check_support(sentence: BriefSentence, arts: dict[str, Article]) -> tuple[bool, str]:
    """True when the sentence's words stand in one cited span (up to the case of its first
    letter) and every number, date word and name it holds appears in the cited spans."""
    cited = [arts[c.article_id].text[c.start : c.end] for c in sentence.citations if c.article_id in arts]
    if not cited:
        return False, "no citation"
    body = sentence.text
    flat = [_flat(t) for t in cited]
    if not any(_flat(body) in t or _flat(body[1:]) in t for t in flat):
        return False, "words not found in a cited span"
    union = " ".join(cited)
    for pattern, kind in ((_NUMBER, "number"), (_MONTHS_DAYS, "date"), (_NAME, "name")):
        for match in pattern.finditer(body):
            if match.group().rstrip(".,") not in union:
                return False, f"{kind} “{match.group()}” not in the cited spans"
    return True, f"verbatim in {sentence.citations[0].article_id}; numbers, dates and names checked"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()
