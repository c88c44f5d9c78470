"""Attributions that stand beside a quotation, not around it: the inverted frame ("“..., ” he
continued.", "“...?” asked the woman"), the dash line ("“...” ― Ann Lee", a quotation
paragraph signed by the next line "- Ann Lee, mayor") and the sentence before it that says
who speaks and nothing else ("Ann Lee said in a statement. “...”").

The frame is a matter of position, not vocabulary: a verb whose subject sits right after a
quotation that ends in a comma, question or exclamation mark reports it, whatever the verb
("continued", "scoffed", "surmised", "read"), as long as it takes no object of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..lang.words import reporting_verbs
from .speakers import Attribution, attribution_of, is_cue, noun_phrase

_SUBJECTS = {"nsubj", "nsubjpass"}
_CLOSING = "”\"’'»›"
_OPENING = "“\"‘'«‹„"
# What a quotation is written in: "issued a statement, “...”", "posted a message, “...”".
_MESSAGES = {"statement", "message", "tweet", "post", "note", "letter", "email", "e-mail", "text", "reply", "response",
             "memo", "release", "warning", "reminder", "plea", "appeal"}
_OWN_OBJECTS = {"dobj", "attr", "acomp", "xcomp", "ccomp", "oprd"}
_DASH = re.compile(r"[,.]?[" + _CLOSING + r"]*[,.]?[ \t]*(?:\n\s*)?(?:―|—|–|--?)[ \t]*(?=[A-Z@])")
_NAME = re.compile(r"@?[A-Z][\w.'’@-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|de|van|von|al|bin|la|le))*")
_REST = re.compile(r"[ \t]*(?:[,(][^\n]*)?\.?[ \t]*(?:\n|$)")

Locate = Callable[[int], "tuple[Doc, int] | None"]


def frame_after(text: str, end: int, doc_at: Locate, quoted: list[tuple[int, int]]) -> Attribution | None:
    """"“We are not leaving,” the mayor continued." and "“Why now?” asked Ann Lee.": the
    subject and verb right after a quotation that closes on , ? or ! (a full stop ends the
    sentence, so what follows is the outlet's next sentence)."""
    pos = end
    if text[pos : pos + 1] == ",":
        pos += 1
    elif text[end - 1 : end] not in {"?", "!", ",", "—", "–", "…"}:
        return None
    if text[pos : pos + 1] not in _CLOSING or not text[pos : pos + 1]:
        return None
    while pos < len(text) and text[pos] in _CLOSING + ",":
        pos += 1
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    found = _token_at(pos, doc_at)
    if found is None:
        return None
    first, offset = found
    verb, subject = _subject_then_verb(first) or _verb_then_subject(first) or (None, None)
    if verb is None or subject is None or not _frame_verb(verb, subject):
        return None
    mention = noun_phrase(subject, offset, quoted)
    if mention is None:
        return None
    return Attribution(mention, (verb.idx + offset, verb.idx + len(verb.text) + offset), "cue")


def frame_before(text: str, start: int, doc_at: Locate, quoted: list[tuple[int, int]]) -> Attribution | None:
    """"She continued, “...”" and "Lee chimed in, “...”": a verb with a subject right before
    the comma that opens a quotation, taking nothing of its own but the quotation (or the
    message that holds it: "Trump issued a statement, “...”"), reports it, whatever the verb,
    as the inverted frame does after one."""
    pos = start - 1
    while pos >= 0 and text[pos] in _OPENING:
        pos -= 1
    while pos >= 0 and text[pos] in " \t":
        pos -= 1
    if pos < 1 or text[pos] != ",":
        return None
    found = _token_at(pos - 1, doc_at)
    if found is None:
        return None
    last, offset = found
    if last.dep_ in {"prt", "prep"} and not list(last.children) or last.dep_ == "dobj" and last.lemma_ in _MESSAGES:
        verb = last.head  # "chimed in, “...”", "issued a statement, “...”"
    else:
        verb = last
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i), None)
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or subject is None or verb.lemma_.lower() in {"be", "have", "do"}:
        return None
    if any(c.dep_ in _OWN_OBJECTS and c.i > verb.i and c.idx + offset < start and c.lemma_.lower() not in _MESSAGES
           for c in verb.children):
        return None  # an object of its own before the quotation: "she thanked the crowd, “...”"
    mention = noun_phrase(subject, offset, quoted)
    if mention is None:
        return None
    return Attribution(mention, (verb.idx + offset, verb.idx + len(verb.text) + offset), "cue")


def _subject_then_verb(first: Token) -> tuple[Token, Token] | None:
    """"he continued", "the woman, 54, scoffed": a subject starting here, its verb next."""
    for token in first.doc[first.i : first.i + 12]:
        if token.dep_ in _SUBJECTS and token.left_edge.i == first.i:
            verb = token.head
            gap = [t for t in first.doc[token.right_edge.i + 1 : verb.i] if t.dep_ not in {"advmod", "punct"}]
            if verb.i > token.i and verb.pos_ in {"VERB", "AUX"} and not gap:
                return verb, token
            return None
    return None


def _verb_then_subject(first: Token) -> tuple[Token, Token] | None:
    """"asked Ann Lee", "scoffed a man in the crowd": the verb first, its subject after it."""
    if first.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in first.children if c.dep_ in _SUBJECTS and c.i > first.i), None)
    return (first, subject) if subject is not None else None


def _frame_verb(verb: Token, subject: Token) -> bool:
    """A verb that reports rather than acts: nothing after it that is its own object or
    clause ("he continued" yes, "he left the room" no; the quotation before it may be its
    complement)."""
    if verb.lemma_.lower() in {"be", "have", "do"}:
        return False
    return not any(c.dep_ in _OWN_OBJECTS and c.i > verb.i and c.i != subject.i for c in verb.children)


def dash_after(text: str, end: int, doc_at: Locate) -> Attribution | None:
    """"“We will rebuild.” ― Ann Lee" or a quotation paragraph followed by the line "- Ann
    Lee, mayor of Tallinn.": the name after the dash, on its own line or closing the quote's."""
    dash = _DASH.match(text, end)
    if dash is None:
        return None
    name = _NAME.match(text, dash.end())
    if name is None or not _REST.match(text, name.end()):
        return None
    start, stop = name.span()
    while stop > start and text[stop - 1] in ".,":
        stop -= 1
    if doc_at(start) is None:
        return None
    cue_start = dash.end() - len(dash.group(0).lstrip(",." + _CLOSING + " \t\n"))
    return Attribution((start, stop), (cue_start, cue_start + 1), "dash")


_CLAUSES = {"conj", "advcl", "ccomp", "parataxis", "relcl"}


def clause_words(cue: Token) -> list[Token]:
    """The words that attribute through ``cue``: its own clause (without the clauses of other
    speakers in the sentence: "X said on Facebook ..., while Y, via X, decried ...") and the
    words of the reporting verbs it hangs under ("the minister proposed ..., the agency reports")."""
    keep: set[int] = set()

    def walk(token: Token) -> None:
        keep.add(token.i)
        for child in token.children:
            if child.dep_ in _CLAUSES and child.pos_ in {"VERB", "AUX"} and has_subject(child):
                continue
            walk(child)

    walk(cue)
    token = cue
    while token.head.i != token.i and token.dep_ in {"ccomp", "xcomp", "parataxis"}:
        branch, token = token, token.head
        if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in reporting_verbs():
            keep.add(token.i)
            for child in token.children:
                if child.i != branch.i and not (child.dep_ in _CLAUSES and has_subject(child)):
                    keep.update(t.i for t in child.subtree)
    return [cue.doc[i] for i in sorted(keep)]


def has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def other_speakers(cue: Token) -> bool:
    """The cue's sentence has another clause with a subject and a reporting verb of its own."""
    return any(t.i != cue.i and t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in reporting_verbs()
               and has_subject(t) for t in cue.sent)


def said_before(text: str, start: int, doc_at: Locate, quoted: list[tuple[int, int]]) -> Attribution | None:
    """"Ann Lee, the harbour master, said in a statement. “The cranes are safe.”": the sentence
    right before a quotation (on its line or ending the paragraph before) whose reporting verb
    has a subject and reports nothing of its own (no clause, object or quotation) announces
    the quotation."""
    pos = start - 1
    while pos >= 0 and text[pos] in " \t\n" + _OPENING:
        pos -= 1
    if pos < 0 or text[pos] not in ".:":
        return None
    located = _token_at(pos, doc_at)
    if located is None:
        return None
    token, offset = located
    sentence = token.sent
    first, last = sentence.start_char + offset, sentence.end_char + offset
    k = bisect_left(quoted, (first, first))
    if k < len(quoted) and quoted[k][0] < last or k > 0 and quoted[k - 1][1] > first:
        return None  # a sentence holding a quotation reports that one
    for cue in sentence:
        if (is_cue(cue) and cue.tag_ in {"VBD", "VBZ", "VBP"} and any(c.dep_ in _SUBJECTS for c in cue.children)
                and not any(c.dep_ in _OWN_OBJECTS | {"dative"} for c in cue.children)):
            found = attribution_of(cue, offset, quoted)
            return found if found.speaker else None
    return None


def _token_at(char: int, doc_at: Locate) -> tuple[Token, int] | None:
    """The token covering the text's ``char`` and the offset of its paragraph's doc."""
    located = doc_at(char)
    if located is None:
        return None
    doc, offset = located
    span = doc.char_span(char - offset, char - offset + 1, alignment_mode="expand")
    return (span[0], offset) if span is not None and len(span) else None
