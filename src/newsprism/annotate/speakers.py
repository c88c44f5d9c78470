"""Who is speaking: the cue that introduces a quote, its grammatical subject (the speaker
mention, which ``annotate.people`` resolves to a person or body) and the channel.

Works on spaCy's dependency parse of one paragraph; offsets are into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..lang.media import PLATFORMS, agency_names
from ..lang.words import reporting_verbs
from .quotemarks import within

_SUBJECTS = {"nsubj", "nsubjpass"}

_PLATFORM = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(PLATFORMS, key=len, reverse=True)) + r")\b", re.I
)
# "X" alone is a letter; it is the platform only in these frames.
_X_PLATFORM = re.compile(
    r"\b(?:on|via|through|to) (?:his |her |their |its |the )?(?:official )?X\b|\bX (?:post|account|feed)\b"
)
_CITED_BY = re.compile(r"\bas (?:quoted|reported|cited) by (?:the )?((?:[A-Z][\w.&'’-]*\s?){1,4})")
_INTERVIEW = re.compile(r"\binterview\b|\btold\b|\bspeaking (?:to|with)\b", re.I)
_STATEMENT = re.compile(r"\bstatement\b|\bcommuniqu[eé]\b|\bpress release\b", re.I)
_PRESS = re.compile(r"\b(?:press|news) (?:conference|briefing)\b|\bbriefing\b", re.I)
_ADDRESS = re.compile(r"\b(?:televised|video|television|TV) address\b|\baddress to the nation\b", re.I)
_MEETING = re.compile(r"\bmeeting\b|\bsummit\b|\bsession\b|\bhearing\b|\brally\b", re.I)


@dataclass
class Attribution:
    """A speaker mention and its cue, as found in the text."""

    speaker: tuple[int, int] | None  # article offsets of the mention ("he", "Mr. Putin")
    cue: tuple[int, int] | None
    method: str  # cue | according_to | colon


def is_cue(token: Token) -> bool:
    return (token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in reporting_verbs() and not _attributive(token)
            or _is_according(token) or _put_it(token))


def _attributive(token: Token) -> bool:
    """A participle inside a noun phrase ("a proposed ceasefire", "the alleged encirclement")
    describes the noun; it reports nothing. (A cue the parser took for an adjective opens its
    phrase: "the mayor decried the council's plan".)"""
    return token.dep_ == "amod" and token.head.i > token.i and token.head.left_edge.i < token.i


def _tagged_as_noun(token: Token) -> bool:
    """"with @RT_com tweeting:": a reporting verb the tagger took for a noun, with a subject."""
    base = token.lower_[:-3] if token.lower_.endswith("ing") else token.lower_
    return (token.pos_ == "NOUN" and (base in reporting_verbs() or base + "e" in reporting_verbs())
            and any(c.dep_ in _SUBJECTS for c in token.children))


def _is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def attribution_of(cue: Token, offset: int, inside: list[tuple[int, int]]) -> Attribution:
    """The speaker mention that goes with ``cue``; ``inside`` are quoted spans to keep out."""
    cue_span = (cue.idx + offset, cue.idx + len(cue.text) + offset)
    if _is_according(cue):
        to = next(c for c in cue.children if c.lower_ == "to")
        objects = [c for c in to.children if c.dep_ == "pobj"]
        mention = noun_phrase(objects[0], offset, inside) if objects else None
        return Attribution(mention, cue_span, "according_to")
    subject = subject_of(cue, outside=inside, offset=offset)
    if subject is None:
        return Attribution(None, cue_span, "cue")
    subject = antecedent(subject)
    return Attribution(noun_phrase(subject, offset, inside, own_clause(subject, cue)), cue_span, "cue")


_RELATIVE = {"who", "which", "that"}


def antecedent(subject: Token) -> Token:
    """The noun a relative pronoun subject stands for: "the mayor, who joked, “...”" and
    "Lee, who told reporters that “...”" are the mayor's and Lee's words, as is the cleft
    "It was Lee who told reporters". Any other subject is itself."""
    if subject.lower_ not in _RELATIVE or subject.dep_ not in _SUBJECTS or subject.tag_ not in {"WP", "WDT"}:
        return subject
    verb = subject.head
    if verb.dep_ == "relcl" and verb.head.i < subject.i:
        noun = verb.head  # "Tom Reyes, the mayor, who joked": the name the appositive describes
        return noun.head if noun.dep_ == "appos" and noun.head.i < noun.i else noun
    if verb.head.lemma_ == "be" and verb.head.i != verb.i:  # "It was Lee who told ..."
        named = next((c for c in verb.head.children if c.dep_ == "attr" and c.i < subject.i), None)
        if named is not None:
            return named
    return subject


def own_clause(subject: Token, cue: Token) -> range | None:
    """The words of the cue's clause when it hangs inside the speaker's noun phrase ("Lee,
    who told reporters", "Ms. Lee, speaking to reporters"): the mention names the speaker,
    the cue and its clause are not part of it."""
    if cue.i == subject.i or not subject.left_edge.i <= cue.i <= subject.right_edge.i:
        return None
    token = cue
    while token.head.pos_ in {"VERB", "AUX"} and token.head.i not in {subject.i, token.i}:
        token = token.head  # up to the clause that hangs on a noun of the phrase
    return range(token.left_edge.i, token.right_edge.i + 1) if token.head.i != token.i else None


_REACH_WORDS = 60  # about the longest news sentence; as annotate.quotes' cue reach


def subject_of(
    verb: Token, depth: int = 0, outside: list[tuple[int, int]] | None = None, offset: int = 0
) -> Token | None:
    """The grammatical subject. A participle cue without one ("..., adding that", "stating")
    belongs to the speaker of the reporting verb before it in the sentence; a participle that
    modifies a name ("footage of Senator Lee asking", "Ms. Lee, speaking to reporters") has
    that name as its speaker; otherwise climb to the nearest clause that has a subject.
    ``outside``: quoted words (at ``offset`` from the doc's), whose subjects are the quotation's own
    ("“I back Lee,” Reyes said": the parser gives "said" both subjects)."""
    if (depth < 3 and verb.tag_ in {"VBG", "VBN"} and verb.dep_ != "amod"
            and not any(c.dep_ in _SUBJECTS for c in verb.children)):
        if verb.i > 0 and not verb.is_sent_start and verb.nbor(-1).pos_ == "PROPN":
            return verb.nbor(-1)  # "footage of Mayor Tom Reyes saying"
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i:
            return verb.head  # "Ms. Lee, speaking to reporters," (not "an evaluation, stating")
        # the reporting verbs before it, within a long sentence's reach (text without full
        # stops is one parser sentence of thousands of words: listing it all per cue was quadratic)
        for earlier in _before_in_sentence(verb, _REACH_WORDS):
            if earlier.pos_ in {"VERB", "AUX"} and reporting_verbs().get(earlier.lemma_.lower()):
                found = subject_of(earlier, depth + 1, outside, offset)
                if found is not None:
                    return found
    if _coordinated_report(verb):
        verb = verb.head.head  # "said the port was safe, and urged calm": the one who said it
    cue = verb
    for _ in range(5):
        found = _own_subject(verb, outside or [], offset)
        if (found is None and verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i
                and verb.head.dep_ == "ROOT"):
            found = verb.head  # "O'Malley, who signed the law, interjected to say:" parsed as a noun phrase
        if found is not None or verb.dep_ == "ROOT" or verb.head is verb:
            break
        verb = verb.head
    return found if found is not None else _subject_before(cue)


def _subject_before(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject, right after a noun phrase it hung
    elsewhere: "In a statement to the Observer, her adviser, Jake Sullivan, said: ..." read
    the adviser as an appositive of "the Observer". The noun phrase ending at the verb (past a
    comma) is its subject, up its appositives to the noun that is not a preposition's object."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == verb.sent.start:
        return None
    before = verb.doc[verb.i - 1]
    if before.is_punct and before.text == "," and before.i > verb.sent.start:
        before = verb.doc[before.i - 1]
    if before.pos_ not in {"NOUN", "PROPN"}:
        return None
    # up the phrase that ends here ("Col. Warren, a spokesman in Baghdad,") to the highest
    # noun the parser took for an appositive of a preposition's object
    found, token = None, before
    while token.head.i != token.i and token.head.i < verb.i:
        if token.dep_ == "appos" and token.head.dep_ == "pobj":
            found = token
        token = token.head
    return found


def _coordinated_report(verb: Token) -> bool:
    """A reporting verb without a subject that the parser coordinated with the clause another
    reporting verb reports ("Lee said the port was safe and urged calm" read as "the port
    ... urged calm"): it is a second report by the first verb's speaker."""
    head = verb.head
    return (verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i < head.i
            and bool(reporting_verbs().get(verb.lemma_.lower()))
            and bool(reporting_verbs().get(head.head.lemma_.lower()))
            and not any(c.dep_ in _SUBJECTS for c in verb.children))


def clause_of(cue: Token) -> Token:
    """The clause a cue speaks for. A past-tense cue the parser took for an adjective
    ("Zelenskyy decried Putin’s response as a “trap”" parsed as "decried Putin") still
    reports the clause around it: the nearest head with a subject of its own."""
    if cue.dep_ != "amod":
        return cue
    head = cue
    for _ in range(3):
        head = head.head
        if _own_subject(head) is not None:
            return head
    return cue


def _own_subject(verb: Token, outside: list[tuple[int, int]] | None = None, offset: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS and not within(child.idx + offset, outside or []):
            return child
        if child.dep_ == "agent":  # "it was announced by the ministry"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def noun_phrase(
    head: Token, offset: int, inside: list[tuple[int, int]], skip: range | None = None,
) -> tuple[int, int] | None:
    """The noun phrase headed by ``head`` as article offsets, cut at any quoted text and at
    the words ``skip`` (token indices: the cue's own clause, ``own_clause``)."""
    tokens = [t for t in head.subtree if not within(t.idx + offset, inside) and not (skip and t.i in skip)]
    tokens = [t for t in tokens if t.i >= head.left_edge.i]
    opened = any(t.text == "(" for t in tokens)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "case"} and tokens[-1].i > head.i):
        if tokens[-1].text == ")" and opened:  # "Rep. Jane Doe (D-Mo.)" keeps its party and state
            break
        tokens.pop()
    dashes = [k for k, t in enumerate(tokens) if t.i < head.i and _separates(t)]
    if dashes:  # "MOSCOW - Russian President Vladimir Putin": a dateline is not the speaker
        tokens = tokens[dashes[-1] + 1 :]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    # "the General Staff on Friday": the time phrase belongs to the verb
    for k, token in enumerate(tokens):
        if k and token.ent_type_ in {"DATE", "TIME"} and token.i > head.i:
            cut = k - 1 if tokens[k - 1].dep_ == "prep" else k
            tokens = tokens[:cut]
            break
    if not tokens:
        return None
    # keep the contiguous stretch around the head
    start = end = tokens.index(head) if head in tokens else 0
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
        end += 1
    while end > start and tokens[end].is_punct and tokens[end].text != ")":  # "the mayor," before a cut clause
        end -= 1
    first, last = tokens[start], tokens[end]
    return first.idx + offset, last.idx + len(last.text) + offset


def _separates(token: Token) -> bool:
    """A dash between words ("MOSCOW - Putin", "KYIV—The"), not a hyphen inside a name
    ("Holtz-Eakin") or a compound ("34-year-old")."""
    if token.text in {"–", "—"}:
        return True
    return token.text == "-" and (bool(token.whitespace_) or token.i > 0 and bool(token.nbor(-1).whitespace_))


def _before_in_sentence(token: Token, reach: int) -> Iterator[Token]:
    """The words before ``token`` in its sentence, nearest first, at most ``reach`` of them
    (``Token.sent`` walks the whole sentence, which may be thousands of words)."""
    for i in range(token.i - 1, max(-1, token.i - reach - 1), -1):
        earlier = token.doc[i]
        yield earlier
        if earlier.is_sent_start:
            return


def colon_speaker(sentence: Span, offset: int, colon: int) -> Attribution:
    """For "Trump expressed his concerns on Truth Social:" the subject of the sentence's verb;
    only the words before the colon (``colon``, a paragraph offset) count, since a quotation
    on the same line has verbs of its own. With no reporting verb there, a name that ends
    right at the colon is the speaker: a headline "Ann Lee: ‘We Will Win’", a list "Polls
    agree - Ann Lee:", "The delay did not surprise the analyst Ann Lee:"."""
    before = [t for t in sentence if t.idx < colon]
    cues = [t for t in before if is_cue(t) or _tagged_as_noun(t) or _put_it(t)]
    if not cues and before and (before[-1].ent_type_ in {"PERSON", "ORG"} or before[-1].pos_ == "PROPN"):
        first = before[-1]
        while first.i > sentence.start and (first.nbor(-1).pos_ == "PROPN" or first.nbor(-1).ent_type_ in
                                            {"PERSON", "ORG"}):
            first = first.nbor(-1)
        return Attribution((first.idx + offset, before[-1].idx + len(before[-1]) + offset), None, "colon")
    if not before:
        return Attribution(None, None, "colon")
    # the verb nearest the colon introduces what follows ("The crowd cheers, and then Ruiz
    # continues:"), else the sentence's root
    verbs = [t for t in before if t.pos_ in {"VERB", "AUX"}]
    root = sentence.root if sentence.root.idx < colon else None
    verb = cues[-1] if cues else verbs[-1] if verbs else root
    if verb is None:
        return Attribution(None, None, "colon")
    subject = subject_of(verb)
    cue_span = (verb.idx + offset, verb.idx + len(verb.text) + offset)
    named = before[verb.i - sentence.start + 1 :]
    if (subject is None and named and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in named)
            and not any(t.ent_type_ in {"DATE", "TIME"} for t in named)):  # "Said Ellis:", not "Said Monday:"
        # the inverted "Said Ellis:": the name between the verb and the colon
        return Attribution((named[0].idx + offset, named[-1].idx + len(named[-1]) + offset), cue_span, "colon")
    if subject is None:
        return Attribution(None, cue_span, "colon")
    subject = antecedent(subject)
    return Attribution(noun_phrase(subject, offset, [], own_clause(subject, verb)), cue_span, "colon")


def _put_it(token: Token) -> bool:
    """"As one analyst put it", "as the senator put it": the idiom names whose words follow."""
    return (token.lemma_.lower() == "put" and any(c.lower_ == "it" for c in token.children)
            and any(c.lower_ == "as" for c in token.children))


def channel_of(context: str) -> str | None:
    """Where the words were published or spoken, from the attribution's own wording."""
    platform = _PLATFORM.search(context)
    if platform:
        return PLATFORMS[platform.group(1).lower()]
    if _X_PLATFORM.search(context):
        return "X"
    if _any_agency().search(context):  # one pass first: most attributions name no agency
        for agency in agency_names():
            if re.search(rf"\b{re.escape(agency)}\b", context):
                return agency
    cited = _CITED_BY.search(context)
    if cited:  # "as quoted by Strana", "as reported by the Kyiv Independent"
        return cited.group(1).strip().rstrip(".")
    interview = _INTERVIEW.search(context)
    if interview:
        outlet = re.search(
            r"((?:[A-Z][\w.&-]*\s?){1,4})\s*interview|(?:with|to|told)\s+((?:[A-Z][\w.&-]*\s?){1,4})", context
        )
        name = outlet and (outlet.group(1) or outlet.group(2) or "").strip()
        if name and interview.group(0).lower() == "interview" or name and name.split()[0] not in {"The", "I"}:
            return f"{name} interview" if "interview" in context.lower() else f"{name}"
        if interview.group(0).lower() == "interview":
            return "interview"
    for pattern, channel in ((_STATEMENT, "statement"), (_PRESS, "press conference"),
                             (_ADDRESS, "address"), (_MEETING, "meeting")):
        if pattern.search(context):
            return channel
    return None


@lru_cache(maxsize=1)
def _any_agency() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in agency_names()) + r")\b")


def sentence_of(doc: Doc, char: int) -> Span | None:
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return None
