"""The facts inside a sentence: its main propositions, what it takes for granted, and what a
denial rejects, each as the tokens that state it.

A sentence is the wrong unit for comparing outlets: "Putin responded to Trump's plea for
Ukrainian soldiers surrounded by Russian forces" asserts a response AND takes for granted
that the soldiers are surrounded; "Trump said that thousands of troops were surrounded"
asserts what Trump said and reports, as his, that troops are surrounded. A dispute or an
omission is about one of those facts, not the sentence. We read them off spaCy's parse:
- main: the content clause (the reported clause of "X said that P"), split at conjoined
  verbs that carry their own object ("forced the evacuation of 120 and sent three to
  hospital" is two facts);
- presupposed: participles and relative clauses on a noun ("soldiers surrounded by ...",
  "encircled soldiers", "troops who found themselves encircled", "a fire that tore through");
- denied: the content of a denial ("denied the reports THAT TROOPS HAD BEEN ENCIRCLED",
  "reports of THE ALLEGED ENCIRCLEMENT OF UNITS are false", "no threat of OUR UNITS BEING
  ENCIRCLED"), or nothing when the denial only points back ("rejected that account").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lang.words import reporting_verbs

DENIAL_LEMMAS = {"deny", "refute", "reject", "dismiss", "debunk", "disprove", "rebut", "contradict", "dispute"}
DENIAL_WORDS = {"false", "fabricated", "untrue", "baseless", "fake", "groundless", "incorrect", "unfounded"}
NO_NOUNS = {"threat", "evidence", "sign", "truth", "basis", "risk", "danger"}  # "there is no threat of ..."
_CLAUSAL = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"}
_OBJECTS = {"dobj", "attr", "acomp", "agent", "prep", "dative", "oprd", "xcomp"}
_STATE_VERBS = {"find", "remain", "be", "become", "get", "seem", "appear", "stay", "leave"}


def main_clauses(span: Span) -> list[tuple[Token, list[Token]]]:
    """(head, tokens) of each fact the sentence asserts: the content clause of a report,
    else the main clause, and each conjoined verb that has an object of its own."""
    head = _content_head(main_root(span))
    heads = [head]
    for conj in _conjoined(head):
        if any(c.dep_ in _OBJECTS for c in conj.children):
            heads.append(conj)
    out = []
    for k, h in enumerate(heads):
        cut = {t for other in heads[k + 1 :] for t in other.subtree} if k == 0 else set()
        cut |= {t for c in h.children if c.dep_ in {"advcl", "parataxis"} and _reports(c) for t in c.subtree}
        tokens = [t for t in h.subtree if t not in cut and t.i >= span.start and t.i < span.end]
        if k and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in h.children):
            subject = _subject(heads[0])  # "A fire ... forced X and sent Y": "A fire sent Y"
            tokens = sorted({*tokens, *(subject.subtree if subject is not None else [])}, key=lambda t: t.i)
        out.append((h, _trim(tokens)))
    return [(h, toks) for h, toks in out if toks]


def main_root(span: Span) -> Token:
    """The root of the sentence's main clause. The parser may cut a sentence in two ("Valmora,
    October 16, 2026 – A fire ... forced ..."): of several roots, a verb's with the most words."""
    roots = [t for t in span if t.dep_ == "ROOT"] or [span.root]
    return max(roots, key=lambda t: (t.pos_ in {"VERB", "AUX"}, len(list(t.subtree))))


def presupposed(span: Span, excluded: set[int]) -> list[tuple[Token, Token, list[Token]]]:
    """(noun, predicate, tokens) of what the sentence takes for granted about a noun: a participle
    ("soldiers surrounded by ...", "the surrounded groups"), or a relative clause ("who found
    themselves encircled", "some of whom are blocked", "that tore through a warehouse").
    ``excluded``: token indices inside a denial's content (what is denied is not presumed)."""
    out = []
    for token in span:
        if token.i in excluded or token.head.pos_ not in {"NOUN", "PROPN", "PRON"}:
            continue
        noun = token.head
        if token.dep_ in {"acl", "amod"} and _participle(token):
            predicate = token
        elif token.dep_ == "relcl" and token.pos_ in {"VERB", "AUX"}:
            predicate = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"}
                              and _participle(c)), token) if token.lemma_ in _STATE_VERBS else token
            if token.lemma_.lower() in DENIAL_LEMMAS:
                continue  # "who denied that P": P is denied, not presumed
            if _reports(token):  # "the post where he claimed thousands were surrounded": what he claimed
                predicate = next((c for c in token.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}),
                                 token)
                if predicate is not token:
                    out.append((noun, predicate, _trim(list(predicate.subtree))))
                continue
        else:
            continue
        if predicate.lemma_.lower() in reporting_verbs():
            continue  # "the alleged encirclement": an attribution, not a fact taken for granted
        tokens = [t for t in (*_noun_words(noun, token), *token.subtree) if span.start <= t.i < span.end]
        out.append((noun, predicate, _trim(sorted(set(tokens), key=lambda t: t.i))))
    return out


def denial_of(span: Span) -> tuple[Token | None, list[Token]]:
    """(the denial cue, the tokens of what it rejects); empty tokens for a denial that only
    points back ("rejected that account", "refuted these claims")."""
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in DENIAL_LEMMAS and token.pos_ == "VERB":
            content = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if content is not None:
                return token, _trim(list(content.subtree))
            target = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            return token, _content_of(target) or _no_phrase(span)
        if token.lower_ in DENIAL_WORDS and token.dep_ in {"acomp", "attr", "amod"}:
            noun = token.head if token.dep_ == "amod" else _subject(token.head)
            return token, _content_of(noun)
        if token.lower_ == "no" and token.head.lemma_.lower() in NO_NOUNS:
            return token, _no_phrase(span)
    return None, []


def head_of(tokens: list[Token]) -> Token | None:
    """The token of a stretch whose head lies outside it: what the stretch is about."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head is t), None)


def _content_of(noun: Token | None) -> list[Token]:
    """What a noun of report or event carries: "reports THAT P", "reports OF ENCIRCLEMENT OF
    UNITS", "denied ENCIRCLEMENT". A report noun with no content ("these claims") gives []."""
    if noun is None:
        return []
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.pos_ in {"VERB", "AUX"}), None)
    if clause is not None:
        return _trim(list(clause.subtree))
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return _trim(list(obj.subtree))
    if noun.lemma_.lower() in _REPORT_NOUNS or noun.pos_ == "PRON":
        return []
    beside = {t for c in noun.children if c.dep_ in {"cc", "conj"} for t in c.subtree}
    return _trim([t for t in noun.subtree if t not in beside])


_REPORT_NOUNS = {"report", "claim", "account", "allegation", "accusation", "story", "statement", "rumour", "rumor",
                 "suggestion", "assertion", "idea", "this", "that", "it"}


def _no_phrase(span: Span) -> list[Token]:
    """"there is no threat OF OUR UNITS BEING ENCIRCLED": the content of a denied noun."""
    for token in span:
        if token.lower_ == "no" and token.head.lemma_.lower() in NO_NOUNS:
            return _content_of(token.head)
    return []


def _content_head(root: Token) -> Token:
    """"X said that P" -> P's verb; anything else -> the root."""
    if root.lemma_.lower() in reporting_verbs() or root.lemma_.lower() in {"say", "add"}:
        content = next((c for c in root.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}),
                       None)
        if content is not None:
            return content
    return root


def _reports(token: Token) -> bool:
    return token.lemma_.lower() in reporting_verbs() or token.lemma_.lower() == "add"


def _conjoined(head: Token) -> list[Token]:
    return [t for t in head.conjuncts if t.i > head.i and t.pos_ in {"VERB", "AUX"}]


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}), None)


def _participle(token: Token) -> bool:
    """A verb form that states an event or state: "surrounded", "encircled", "destroyed"."""
    if token.tag_ == "VBN":
        return True
    return token.pos_ == "ADJ" and token.lower_.endswith("ed") and len(token) > 6


def _noun_words(noun: Token, modifier: Token) -> list[Token]:
    """The noun with its own modifiers, without other clauses hanging on it."""
    return [t for t in noun.subtree if t.i <= noun.i or t in modifier.subtree] if modifier.i > noun.i else \
        [t for t in noun.subtree if t.i <= noun.i]


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop the edges a clause does not need: punctuation, "that", quotation marks."""
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"mark", "cc"} or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc"} or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens
