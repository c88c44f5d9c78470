"""Check-worthy statements of one article: the sentences that assert something a fact-checker
could verify (an event, an action, a number, a state of affairs, or what someone said),
each normalised into who / what / numbers / dates / places / cited source.

Left out: questions, fragments without a verb, the outlet's own opinion (first person,
"should"), and sentences with nothing to check (no name, number, date or cited source).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Article, ClaimMention, Quote
from .speakers import noun_phrase, subject_of

_MIN_WORDS = 6
_NAMES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_PLACES = {"GPE", "LOC", "FAC"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_OPINION_MODALS = {"should", "must", "ought"}
_SPECULATIVE_MODALS = {"could", "would", "may", "might"}
# Denial in the predicate or as a verdict on a report: what makes a statement the other
# side of a claim ("denied the reports", "are false", "there is no threat").
DENIAL_LEMMAS = {"deny", "refute", "reject", "dismiss", "debunk", "disprove", "rebut", "contradict", "dispute"}
DENIAL_WORDS = {"false", "fabricated", "untrue", "baseless", "fake", "groundless", "incorrect", "unfounded"}


def find_claims(article: Article, docs: list[Doc]) -> list[ClaimMention]:
    """The article's check-worthy sentences, ``docs`` one per paragraph."""
    out: list[ClaimMention] = []
    for sentence in article.sentences:
        if sentence.paragraph >= len(docs):
            continue
        para = article.paragraphs[sentence.paragraph]
        span = docs[sentence.paragraph].char_span(
            sentence.start - para.start, sentence.end - para.start, alignment_mode="expand")
        if span is None:
            continue
        mention = _mention(article, sentence.start, sentence.end, span)
        if mention is not None:
            out.append(mention)
    return out


def _mention(article: Article, start: int, end: int, span: Span) -> ClaimMention | None:
    text = article.text[start:end]
    words = [t for t in span if not (t.is_punct or t.is_space)]
    ending = text.rstrip(" \"”’'»)")[-1:]
    if len(words) < _MIN_WORDS or ending not in {".", "!"}:
        return None  # a question, a sub-headline, or a line introducing a quotation
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None  # a headline-like fragment or a list item
    quote = _quote_over(article.quotes, start, end)
    if quote is None and _outlet_opinion(span):
        return None
    within = [e for e in article.entities if start <= e.start < end]
    numbers = [n for n in article.numbers if start <= n.start < end]
    dates = [d.text for d in article.dates if start <= d.start < end and not d.duration]
    names = [e for e in within if e.label in _NAMES]
    source = quote.speaker if quote is not None else None
    if not (numbers or dates or names or source):
        return None
    root = _main_verb(span)
    subject = _subject_text(root)
    denial = is_denial(span)
    denier = None
    if denial:
        verb = _denial_verb(span)
        denier = _subject_text(subject_of(verb), whole=True) if verb is not None else None
        denier = denier or source
    kind = "number" if numbers else "attributed" if source else "event"
    return ClaimMention(
        article_id=article.id, start=start, end=end, text=text, kind=kind,  # type: ignore[arg-type]
        subject=subject, predicate=root.lemma_.lower() if root is not None else None,
        negated=denial or is_negated(span), denial=denial, denier=denier, numbers=numbers, dates=dates,
        places=sorted({e.text for e in within if e.label in _PLACES}), source=source,
    )


def _quote_over(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The attributed quote this sentence carries (the longest, when several)."""
    over = [q for q in quotes if q.speaker and q.start < end and q.end > start]
    return max(over, key=lambda q: min(q.end, end) - max(q.start, start)) if over else None


def _outlet_opinion(span: Span) -> bool:
    """The outlet speaking for itself: "we believe", "I think", "leaders should ...", or
    speculating ("a defeat would hinder", "this move could be pivotal")."""
    for token in span:
        if token.lower_ in {"i", "we"} and token.dep_ in _SUBJECTS:
            return True
        if token.lower_ in _OPINION_MODALS | _SPECULATIVE_MODALS and token.head.dep_ == "ROOT":
            return True
    return False


def _main_verb(span: Span) -> Token | None:
    """The verb that carries the content: for "X said that Y happened", "happen"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"}:
            return child
    return root if root.pos_ in {"VERB", "AUX"} else next((t for t in span if t.pos_ == "VERB"), None)


def _subject_text(token: Token | None, whole: bool = False) -> str | None:
    """The subject of a verb (or, ``whole``, the given subject token's phrase), as written."""
    if token is None:
        return None
    subject = token if whole else next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    found = noun_phrase(subject, 0, [])
    return subject.doc.text[found[0] : found[1]] if found else subject.text


def _denial_verb(span: Span) -> Token | None:
    return next((t for t in span if t.lemma_.lower() in DENIAL_LEMMAS and t.pos_ == "VERB"), None)


def is_negated(span: Span) -> bool:
    """A negated predicate ("did not withdraw", "there is no threat") or a denial."""
    return is_denial(span) or any(
        token.dep_ == "neg" and token.head.pos_ in {"VERB", "AUX"} or token.lower_ == "no" and token.dep_ == "det"
        for token in span
    )


def is_denial(span: Span) -> bool:
    """Someone rejecting a statement: a denial verb ("denied the reports", "refuted these
    claims"), a verdict ("are false"), or "there is no threat of ..."."""
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in DENIAL_LEMMAS and token.pos_ == "VERB":
            return True
        if token.lower_ in DENIAL_WORDS:
            return True
        if token.lower_ == "no" and token.head.lemma_.lower() in {"threat", "evidence", "sign", "truth", "basis"}:
            return True
    return False
