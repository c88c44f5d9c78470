"""Check-worthy statements of one article: the propositions its sentences assert or take for
granted that a fact-checker could verify (an event, an action, a number, a state of affairs,
or what someone said), each normalised into who / what / numbers / dates / places / cited
source, with the span that states it and the sentence it sits in (see propositions.py).

Left out: questions, fragments without a verb, the outlet's own opinion (first person,
"should"), and sentences with nothing to check (no name, number, date or cited source).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..lang.words import content_words
from ..model import Article, ClaimMention, Quote
from .propositions import denial_of, head_of, main_clauses, main_root, presupposed
from .speakers import noun_phrase, subject_of

_MIN_WORDS = 6
_NAMES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_PLACES = {"GPE", "LOC", "FAC"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_OPINION_MODALS = {"should", "must", "ought"}
_SPECULATIVE_MODALS = {"could", "would", "may", "might"}


def find_claims(article: Article, docs: list[Doc]) -> list[ClaimMention]:
    """The article's check-worthy propositions, ``docs`` one per paragraph: each sentence's
    main facts, and what it takes for granted."""
    out: list[ClaimMention] = []
    for sentence in article.sentences:
        if sentence.paragraph >= len(docs):
            continue
        para = article.paragraphs[sentence.paragraph]
        span = docs[sentence.paragraph].char_span(
            sentence.start - para.start, sentence.end - para.start, alignment_mode="expand")
        if span is not None and _assertive(article.text[sentence.start : sentence.end], span):
            out.extend(_mentions(article, sentence.start, sentence.end, span, para.start))
    return out


def _assertive(text: str, span: Span) -> bool:
    """A statement: long enough, ending like one, with a verb (not a question, a sub-headline,
    a list item, or a line introducing a quotation)."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    ending = text.rstrip(" \"”’'»)")[-1:]
    return len(words) >= _MIN_WORDS and ending in {".", "!"} and any(t.pos_ in {"VERB", "AUX"} for t in span)


def _mentions(article: Article, start: int, end: int, span: Span, offset: int) -> list[ClaimMention]:
    quote = _quote_over(article.quotes, start, end)
    if quote is None and _outlet_opinion(span):
        return []
    cue, denied = denial_of(span)
    excluded = {t.i for t in denied}
    clauses = main_clauses(span)
    out = []
    for k, (head, tokens) in enumerate(clauses):
        own = ([t for t in tokens if t.i >= head.left_edge.i] if k else tokens) or tokens
        first = own[0].idx + offset if k else start
        last = end if k == len(clauses) - 1 else max(t.idx + len(t) for t in own) + offset
        mention = _mention(article, first, last, span, head, tokens, offset, quote, "asserted")
        if mention is None or k and not (mention.numbers or mention.dates or subject_of(head) is not None):
            continue  # a second clause is a fact of its own with its own subject or figures
        if cue is not None and k == 0:
            denier = _subject_text(_holder(cue), whole=True)
            mention.denial, mention.negated, mention.denier = True, True, denier or mention.source
            if denied:
                mention.denies = _text(denied)
                mention.denies_verb = _form(head_of(denied))
                mention.denies_start = denied[0].idx + offset
                mention.denies_end = denied[-1].idx + len(denied[-1]) + offset
        out.append(mention)
    if out:
        for noun, head, tokens in presupposed(span, excluded):
            if len(content_words(_text(tokens))) >= 3:
                first, last = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset
                found = _mention(article, first, last, span, head, tokens, offset, _quote_over(
                    article.quotes, first, last), "presupposed", sentence=(start, end), check=False,
                    subject=_subject_text(noun, whole=True))
                if found is not None:
                    out.append(found)
    return out


def _mention(article: Article, start: int, end: int, span: Span, head: Token, tokens: list[Token], offset: int,
             quote: Quote | None, role: str, sentence: tuple[int, int] | None = None, check: bool = True,
             subject: str | None = None) -> ClaimMention | None:
    """One proposition: ``start``-``end`` the span that states it, ``tokens`` its own words."""
    own = {t.idx + offset for t in tokens}
    within = [e for e in article.entities if start <= e.start < end]
    numbers = [n for n in article.numbers if n.start in own]
    dates = [d.text for d in article.dates if start <= d.start < end and not d.duration]
    names = [e for e in within if e.label in _NAMES]
    source = quote.speaker if quote is not None else None
    if check and not (numbers or dates or names or source):
        return None
    verb = head if head.pos_ in {"VERB", "AUX", "ADJ"} else _main_verb(span)
    kind = "number" if numbers else "attributed" if source else "event"
    sentence = sentence or (span.start_char + offset, span.end_char + offset)
    return ClaimMention(
        article_id=article.id, start=start, end=end, text=article.text[start:end], kind=kind,  # type: ignore[arg-type]
        subject=subject or _subject_text(head), predicate=verb.lemma_.lower() if verb is not None else None,
        negated=role != "presupposed" and is_negated(tokens), numbers=numbers, dates=dates,
        places=sorted({e.text for e in within if e.label in _PLACES}), source=source, core=_text(tokens),
        role="reported" if source and role == "asserted" else role,  # type: ignore[arg-type]
        verb=_form(verb),
        sentence_start=sentence[0], sentence_end=sentence[1],
    )


def _form(token: Token | None) -> str | None:
    return token.lower_ if token is not None else None


def _holder(cue: Token) -> Token | None:
    """Who denies: the subject of the denial verb, or of the clause it hangs on ("the General
    Staff countered, denying ...")."""
    token: Token | None = cue
    while token is not None and token.pos_ in {"VERB", "AUX"}:
        found = subject_of(token)
        if found is not None and found.lower_ in {"who", "which", "that"} and token.dep_ == "relcl":
            return token.head  # "Petra Holm, ..., who flatly denied": Petra Holm
        if found is not None:
            return found
        token = token.head if token.dep_ in {"advcl", "conj", "xcomp"} and token.head is not token else None
    return None


def _text(tokens: list[Token]) -> str:
    """The words of a proposition as written (tokens may skip a clause in between)."""
    return "".join(t.text_with_ws if k + 1 == len(tokens) or tokens[k + 1].i == t.i + 1 else t.text + " "
                   for k, t in enumerate(tokens)).strip()


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
    root = main_root(span)
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


def is_negated(tokens: Iterable[Token]) -> bool:
    """A negated predicate ("did not withdraw", "there is no threat")."""
    return any(t.dep_ == "neg" and t.head.pos_ in {"VERB", "AUX"} or t.lower_ == "no" and t.dep_ == "det"
               for t in tokens)
