"""Reported speech in one parsed paragraph: a reporting verb with what it reports ("Putin
noted that ...", "urged the council to act", "The pier, Lee said, will open"), "according to
X", and a headline "Name: claim". Direct quotations are found apart (``quotemarks``); these
rules skip the verbs inside them, which are the speaker's own words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lang.words import reporting_verbs
from .frames import has_subject
from .quotemarks import CLOSERS, within
from .reported_phrases import TOPIC_ONLY, clause_end, noun_content, owner_of, what_it_names
from .speakers import Attribution, attribution_of, is_cue, noun_phrase

_CUE_POS = {"VERB", "AUX", "NOUN"}
_Found = tuple[list[tuple[int, int]], str, Attribution | None]  # (parts, kind, attribution)


def reported_speech(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[_Found]:
    """Reported speech: a reporting verb with a clause complement, or "according to X".
    Verbs inside a quotation are the speaker's own words, not a new attribution; of nested
    reports ("Putin proposed that ..., TASS reports") the inner one is kept, since it names
    who said it, and the outer agency becomes its channel."""
    found: list[_Found] = []
    minor: set[int] = set()  # which of found report no clause: a request ("urged X to ..."), "vowed to ..."
    naming: set[int] = set()  # which of those report an infinitive, an object or a topic (``what_it_names``)
    if (headline := _name_colon_claim(doc)) is not None:
        (start, end), (name_start, name_end), colon = headline
        parts = [(start + offset, end + offset)]
        inside = sum(max(0, min(end + offset, b) - max(start + offset, a)) for a, b in quoted)
        if inside <= (end - start) / 2:
            attribution = Attribution((name_start + offset, name_end + offset), (colon + offset, colon + offset + 1),
                                      "colon")
            found.append((parts, "indirect", attribution))
    end_of_doc = offset + (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0)  # doc.text joins every word
    here = [(a, b) for a, b in quoted if a < end_of_doc and b > offset]  # the quotations in this paragraph
    for token in doc:
        if token.pos_ not in _CUE_POS and token.lower_ != "according":
            continue  # only verbs and nouns report (the loop runs over every word of every article)
        at = token.idx + offset
        if here and within(at, here):
            continue
        pieces: list[tuple[int, int]] | None = None
        is_verb = token.pos_ in {"VERB", "AUX"}
        lemma = token.lemma_.lower() if is_verb else ""
        minor_report = named = False
        owner: Token | None = None
        if is_verb and lemma in reporting_verbs():
            content = _complement(token)
            if content is None and (content := _directive(token)) is not None:
                minor_report = True
            pieces = [content] if content else _host_clause(token, quoted, offset)
            if not pieces and (content := what_it_names(token)) is not None:
                pieces, minor_report, named = [content], True, True
        elif lemma == "call":
            content = _directive(token)
            if content is None and (content := what_it_names(token)) is not None:
                named = True
            pieces = [content] if content else None
            minor_report = content is not None
        elif is_verb and lemma in TOPIC_ONLY and (content := what_it_names(token)) is not None:
            pieces, minor_report, named = [content], True, True
        elif token.pos_ == "NOUN" and (owner := owner_of(token)) is not None and (content := noun_content(token)):
            pieces, minor_report, named = [content], True, True  # "his claim that ...", "Lee's pledge to ..."
        elif token.lower_ == "according" and is_cue(token):
            sent_start, sent_end = token.sent.start_char + offset, token.sent.end_char + offset
            if sum(max(0, min(b, sent_end) - max(a, sent_start)) for a, b in quoted) > (sent_end - sent_start) / 2:
                continue  # the quotation in this sentence is what is attributed (a fragment is not)
            content = _according_content(token)
            pieces = [content] if content else None
        if not pieces:
            continue
        parts = [(a + offset, b + offset) for a, b in pieces]
        start, end = parts[0][0], parts[-1][1]
        inside = sum(max(0, min(end, b) - max(start, a)) for a, b in here)
        if inside > (end - start) / 2 or any(start - 2 <= a <= start + 1 for a, _ in here):
            continue  # the cue of a direct quotation, found there
        if token.pos_ == "NOUN" and owner is not None:
            cue = (token.idx + offset, token.idx + len(token.text) + offset)
            attribution = Attribution(noun_phrase(owner, offset, quoted), cue, "cue")
        else:
            attribution = attribution_of(token, offset, quoted)
        if attribution.method == "according_to":
            inner = [t for t in token.sent if t is not token and is_cue(t) and start <= t.idx + offset < end]
            for verb in inner:
                candidate = attribution_of(verb, offset, quoted)
                if candidate.speaker:
                    attribution = Attribution(candidate.speaker, candidate.cue, "cue")
                    break
        if minor_report:
            minor.add(len(found))
        if named:
            naming.add(len(found))
        found.append((parts, "indirect", attribution))
    # A report inside another's words ("X said that Y told Z ...") is the one attributed, but a
    # report without a clause is never more than part of them: "X said troops were surrounded,
    # adding that he urged Y to spare them" is X's report of both, as is "... that the insurers
    # had agreed to pay"
    outer = {
        i for i, (parts, _, att) in enumerate(found) for j, (_, _, inner) in enumerate(found)
        if i != j and j not in minor and inner and inner.cue and inner.speaker and inner.method != "according_to"
        and parts[0][0] <= inner.cue[0] < parts[0][1] and parts[0][0] <= inner.speaker[0] < parts[0][1]
    }
    # and "vowed to ..." inside a reported clause is the reporter's words, not a second source's
    cues = {j: att.cue[0] for j, (_, _, att) in enumerate(found) if j in naming and att and att.cue}
    nested = {j for j, cue in cues.items() for i, (parts, _, _) in enumerate(found)
              if i not in naming and parts[0][0] <= cue < parts[-1][1]}
    return [item for i, item in enumerate(found) if i not in outer and i not in nested]


def _complement(verb: Token) -> tuple[int, int] | None:
    """What a reporting verb reports: its clause ("said that ...", "said the plan failed"), or
    a noun with a that-clause ("denied reports that ..."). A clause before the verb counts
    only when a comma hands it over ("The plan failed, Lee said."), not across a semicolon,
    colon or dash, where it is a sentence of the outlet's own and the clause after the verb
    is the content ("It is unlikely; the team says it will go on")."""
    if any(c.dep_ == "dobj" and _reflexive(c) for c in verb.children):
        return None  # "soldiers who found themselves encircled": a state, not a finding
    after: list[Token] = []
    before: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp" or child.dep_ == "dobj" and any(
                g.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in g.children) for g in child.children):
            (after if child.i > verb.i else before).append(child)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # "The plan failed, Lee said": a finite clause before the speaker ("Lee, a mayor helping
    # ..., said" is no clause before the verb but the speaker the parser took for one). A
    # quotation before "said" with no subject is the inverted frame "“...,” said Lee, a ...":
    # the quotation is what was said (and is found as direct), not the speaker's phrase after
    handed = [c for c in before if _handed_over(c) and _finite(c) and (
        c.right_edge.i < subject.left_edge.i if subject is not None else _closes_quotation(c))]
    for child in handed + after + _that_clause_below(verb):
        if any(c.dep_ == "nsubj" and _reflexive(c) for c in child.children):
            continue  # the same, parsed as the clause's subject
        first, last = child.left_edge, clause_end(child)
        while last.is_punct and last.i > first.i:
            last = last.nbor(-1)
        while first.is_punct and first.i < last.i:
            first = first.nbor()
        if last.i - first.i + 1 >= 3:
            return first.idx, last.idx + len(last.text)
    return None


def _reflexive(word: Token) -> bool:
    return word.tag_ == "PRP" and word.lower_.endswith(("self", "selves"))


_HEAD_WORDS = 6  # "Senator Ann Lee-Varga:" is a few words; a longer run is a sentence


def _name_colon_claim(doc: Doc) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """A line that opens with a name and a colon and goes on in the outlet's words: the
    headline "Ann Lee: The Harbour Must Close" or a transcript "ANN LEE: Why not now?"
    reports what Ann Lee said. The name is a person or organisation, all of it before the
    colon (not "Poll:" or "Q:"). Returns (content, name, colon) as paragraph offsets."""
    colon = next((t for t in doc[: _HEAD_WORDS + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0:
        return None
    name = doc[: colon.i]
    if not all(t.ent_type_ in {"PERSON", "ORG"} for t in name) or name[0].ent_iob_ != "B":
        return None
    if colon.i + 1 >= len(doc) or doc[colon.i + 1].ent_iob_ == "I":
        return None  # nothing after it, or the entity runs on past the colon
    words = list(doc[colon.i + 1 : doc[colon.i + 1].sent.end])
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if len(words) < 3:
        return None
    return ((words[0].idx, words[-1].idx + len(words[-1].text)),
            (name[0].idx, name[-1].idx + len(name[-1].text)), colon.idx)


def _directive(verb: Token) -> tuple[int, int] | None:
    """A request or warning reported with its addressee and a to-infinitive: "urged the
    council to act", "asked voters to stay home", "warned residents to keep away", "called on
    the mayor to resign". Speech verbs only ("expected prices to rise" is belief), and "call"
    only with "on" ("called the plan a failure" is no request)."""
    if any(c.tag_ == "MD" or c.lower_ == "to" for c in verb.children if c.dep_ == "aux"):
        return None  # "must order them to ...", "plans to urge ...": no request was made
    if verb.lemma_.lower() == "call":
        # "on" a party, not "on" a day: "on Friday called on Russia to accept ..."
        on = [c for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ == "on"]
        addressee = next((g for c in on for g in c.children
                          if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}), None)
    else:
        if not reporting_verbs().get(verb.lemma_.lower()):
            return None
        addressee = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
    goal = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if addressee is None or goal is None or not addressee.i < goal.i:
        return None
    last = goal.right_edge
    while last.is_punct and last.i > goal.i:
        last = last.nbor(-1)
    first = addressee.left_edge
    return first.idx, last.idx + len(last.text)


_SETTING = {"in", "during", "at"}


def _that_clause_below(verb: Token) -> list[Token]:
    """A that-clause the parser hung on a word of the verb's own phrase rather than on the
    verb: "said on the radio that ...", "told a meeting of farmers that ...". Only through
    nouns and prepositions: a verb on the way ("said the firm that built it ...") owns it."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in {"prep", "dobj", "dative", "npadvmod"}:
            continue
        for mark in child.subtree:
            clause = mark.head
            if (mark.lower_ != "that" or mark.dep_ != "mark" or clause.pos_ not in {"VERB", "AUX"}
                    or not has_subject(clause) or mark.i != clause.left_edge.i):
                continue
            # a noun's own that-clause ("responded to accusations that ...") is the accusation,
            # not what the subject said; only the setting of the words ("said in a statement
            # that ...", "stressed in his remarks that ...") passes it on to the verb
            if clause.dep_ == "acl" and not (clause.head.dep_ == "pobj" and clause.head.head.lower_ in _SETTING):
                continue
            word = clause.head
            while word.i != verb.i and word.pos_ in {"NOUN", "PROPN", "PRON", "ADP", "NUM", "DET"}:
                word = word.head
            if word.i == verb.i:
                return [clause]
    return []


# Speech verbs that name the act of speaking, not what was said: "as he spoke", "as she
# replied" tell when something happened; "as he noted" says the clause is his.
_SPEAKING_EVENT = {"speak", "reply", "respond", "answer", "joke", "quip", "testify", "protest", "object", "plead",
                   "mutter", "whisper", "shout", "exclaim", "comment", "post", "tweet", "brief", "boast", "lament",
                   "thank", "question", "read", "swear", "counter", "retort", "complain"}


def _comment_clause(verb: Token) -> bool:
    """"As Lee noted, the pier is old" / "the pier is old, as Lee noted": an "as" clause set
    off by a comma (or the sentence's edge) whose verb takes a clause; "as he spoke in the
    lobby" and "... as she replied" say when, not who said it."""
    if verb.lemma_.lower() in _SPEAKING_EVENT:
        return False
    first, last, doc = verb.left_edge, verb.right_edge, verb.doc
    marks = {",", "(", ")", ".", ";", "-", "–", "—"}  # the comma may hang on the clause or beside it
    opening = doc[first.i - 1] if first.i > 0 else None  # "But as Lee noted, ..."
    if opening is not None and opening.pos_ == "CCONJ" and not first.is_sent_start:
        opening = doc[opening.i - 1] if not opening.is_sent_start else None
    before = first.is_sent_start or first.text in marks or opening is None or opening.text in marks
    after = last.i + 1 >= len(doc) or last.text in marks or doc[last.i + 1].text in marks
    return before and after


def _closes_quotation(clause: Token) -> bool:
    return any(t.is_quote or t.text in CLOSERS for t in clause.doc[clause.right_edge.i : clause.right_edge.i + 3])


def _finite(clause: Token) -> bool:
    """A verb clause, not a participle phrase ("a teacher helping to run ...") nor an infinitive."""
    aux = [c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    return clause.pos_ in {"VERB", "AUX"} and "to" not in aux and (clause.tag_ != "VBG" or bool(aux))


def _handed_over(clause: Token) -> bool:
    """A clause before its reporting verb ends on a comma (or a quotation's closing mark
    after one): "The plan failed, Lee said", not "It is unlikely; the team says ..."."""
    doc, i = clause.doc, clause.right_edge.i
    ends = [t.text for t in doc[i : min(len(doc), i + 3)]]
    return "," in ends[:2] and not any(t in {";", ":", "-", "–", "—"} for t in ends[: ends.index(",")])


def _host_clause(verb: Token, quoted: list[tuple[int, int]], offset: int) -> list[tuple[int, int]] | None:
    """A speech verb set off in the clause it reports, with its own subject and no object
    or clause of its own: "The pier, Lee said, will open in May", "Prices will rise, she
    says, and ...", "As Lee noted, the pier is old". The content is that clause without the
    parenthetical (one or two pieces). Belief verbs ("the plan, I think, is fine") stay out."""
    if not reporting_verbs().get(verb.lemma_.lower()):
        return None
    host = verb.head
    as_clause = (verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
                 and _comment_clause(verb))
    # "The fares will rise, the office reported on Tuesday": the parser hangs the reporting
    # clause after its content on it as an adverbial clause with nothing subordinating it
    trailing = (verb.dep_ == "advcl" and host.i < verb.i and verb.left_edge.i > 0
                and verb.doc[verb.left_edge.i - 1].text == "," and not any(c.dep_ == "mark" for c in verb.children))
    if not (verb.dep_ == "parataxis" or as_clause or trailing) or host.i == verb.i or host.pos_ not in {"VERB", "AUX"}:
        return None
    if quoted and any(verb.sent.start_char <= a - offset < verb.sent.end_char for a, _ in quoted):
        return None  # "“...,” Lee said, as the crowd cheered": the quotation is what is attributed
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp"} for c in verb.children):
        return None  # "as he told the crowd", "as she said goodbye": not a parenthetical report
    aside = range(verb.left_edge.i, verb.right_edge.i + 1)
    words = sorted((t for t in host.subtree if t.i not in aside), key=lambda t: t.i)  # crossing arcs
    pieces: list[list[Token]] = []
    for t in words:
        if pieces and pieces[-1][-1].i == t.i - 1:
            pieces[-1].append(t)
        else:
            pieces.append([t])
    out = []
    for piece in pieces:
        while piece and (piece[-1].is_punct or piece[-1].dep_ == "cc"):
            piece.pop()
        while piece and piece[0].is_punct:
            piece.pop(0)
        if piece:
            out.append((piece[0].idx, piece[-1].idx + len(piece[-1].text)))
    if sum(len(verb.doc.char_span(a, b, alignment_mode="expand") or []) for a, b in out) < 3:
        return None
    return out or None


def _according_content(token: Token) -> tuple[int, int] | None:
    """The clause that "according to X" qualifies: the rest of its sentence."""
    sent = token.sent
    phrase = list(token.subtree)
    before = [t for t in sent if t.i < phrase[0].i and not t.is_punct]
    after = [t for t in sent if t.i > phrase[-1].i and not t.is_punct]
    side = before if len(before) >= len(after) else after
    if len(side) < 3:
        return None
    return side[0].idx, side[-1].idx + len(side[-1].text)
