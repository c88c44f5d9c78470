"""Quotes in one article: direct quotations (found by ``quotemarks``), reported speech
("Putin noted that ...", "according to ..."), each with its speaker, cue and channel.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ..lang.media import agency_names
from ..lang.words import reporting_verbs, verb_forms
from ..model import Article, Paragraph, Quote, Sentence
from .frames import clause_words, dash_after, frame_after, has_subject, other_speakers
from .quotemarks import CLOSERS, quoted_spans, within
from .speakers import (
    Attribution,
    People,
    attribution_of,
    channel_of,
    clause_of,
    colon_speaker,
    is_cue,
    sentence_of,
)

# A quoted stretch this short with no reporting verb in its sentence is a term or a scare
# quote ("liberated"), which framing looks at; a quote is what a source said.
_MIN_UNATTRIBUTED_WORDS = 4
# A cue farther than this from the quotation (in characters, about 60 words: longer than all
# but the rarest news sentence) is not its cue, whatever sentence the parser made: text without
# full stops is one "sentence" of thousands of words, and judging every verb in it against
# every quotation took minutes (found by the fuzzer: 20,000 characters, 70 s).
_CUE_REACH = 400
_MERGE_GAP = 80  # "“We will win,” he said, “and soon.”": the broken quote is one utterance
_NEARBY = 400  # a free-standing quote continues the speaker quoted this close before it


def find_quotes(article: Article, docs: list[Doc]) -> list[Quote]:
    """Direct and reported speech of one annotated article, ``docs`` one per paragraph."""
    text = article.text
    spans = quoted_spans(text, article.paragraphs)
    quoted = [part for span in spans for part in span]
    people = People.of(text, article.entities, quoted)
    offsets = [p.start for p in article.paragraphs]

    def doc_at(char: int) -> tuple[Doc, int] | None:  # the paragraph holding ``char``, by bisection
        k = bisect_right(offsets, char) - 1
        if k >= 0 and char < article.paragraphs[k].end:
            return docs[k], offsets[k]
        return None

    raw: list[tuple[list[tuple[int, int]], str, Attribution | None]] = []
    for span in spans:
        raw.append((span, "direct", _direct_attribution(text, span, quoted, doc_at)))
    for doc, offset in zip(docs, offsets, strict=True):
        raw.extend(_reported(doc, offset, quoted))
    # a broken quotation is joined across its attribution, whatever reported clause lies between
    raw = _merge_broken(text, sorted(raw[: len(spans)], key=lambda item: item[0][0][0])) + raw[len(spans) :]
    raw.sort(key=lambda item: item[0][0][0])

    quotes: list[Quote] = []
    last: tuple[int, str | None] | None = None  # (end, speaker) of the last attributed quote
    recent_person: tuple[int, str] | None = None
    recent_group: tuple[int, str] | None = None
    for parts, kind, found in raw:
        start, end = parts[0][0], parts[-1][1]
        words = " ".join(text[a:b] for a, b in parts)
        speaker, how, described = None, None, False
        if found and found.speaker:
            located = doc_at(found.speaker[0])
            head = _head_token(located, found.speaker) if located else None
            recent = tuple(r[1] if r and found.speaker[0] - r[0] <= _NEARBY else None
                           for r in (recent_person, recent_group))
            speaker, how = people.resolve(text, found.speaker, head, article.entities, recent)  # type: ignore[arg-type]
            if speaker:
                if people.is_person(speaker):
                    recent_person = (found.speaker[1], speaker)
                elif how != "description":
                    recent_group = (found.speaker[1], speaker)
            how = found.method if how == "named" else how
            described = bool(speaker and head is not None and head.pos_ == "NOUN" and not people.is_person(speaker))
        if found is None and kind == "direct":
            if len(words.split()) < _MIN_UNATTRIBUTED_WORDS or not _stands_alone(text, start, end, article):
                continue
            if last and start - last[0] <= _NEARBY:
                speaker, how = last[1], "nearby"
        elif found and not found.speaker:
            how = None
        context = _clause_context(text, parts, found, article, doc_at)
        if described and (named := _according_to(context)):
            speaker = named  # "the port's management rejected ..., according to the Port Authority"
        quote = Quote(
            id=f"{article.id}:q{len(quotes) + 1}", article_id=article.id, speaker=speaker,
            text=words, start=start, end=end, kind=kind,  # type: ignore[arg-type]
            channel=channel_of(context), parts=parts if len(parts) > 1 else [],
            speaker_start=found.speaker[0] if found and found.speaker else None,
            speaker_end=found.speaker[1] if found and found.speaker else None,
            cue_start=found.cue[0] if found and found.cue else None,
            cue_end=found.cue[1] if found and found.cue else None,
            attribution=how, partial=kind == "direct" and _is_partial(text, parts),
        )
        quotes.append(quote)
        if speaker and kind == "direct":
            last = (end, speaker)
    return quotes


def _direct_attribution(text, span, quoted, doc_at) -> Attribution | None:  # type: ignore[no-untyped-def]
    """The reporting verb nearest the quotation in its own sentence(s), else the sentence
    ending in the colon that introduces it."""
    start, end = span[0][0], span[-1][1]
    short = sum(len(text[a:b].split()) for a, b in span) < _MIN_UNATTRIBUTED_WORDS
    candidates: list[tuple[tuple[bool, bool, int, int], Attribution]] = []
    for char in {start, end - 1}:
        located = doc_at(char)
        if not located:
            continue
        doc, offset = located
        sent = sentence_of(doc, char - offset)
        if sent is None:
            continue
        # a quotation closing mid-sentence may leave its cue in the next spaCy sentence
        sents = [sent] + ([doc[sent.end].sent] if sent.end < len(doc) and char == end - 1 else [])
        for s in sents:
            for token in _within_reach(s, start - offset, end - offset):
                at = token.idx + offset
                if not start - _CUE_REACH <= at <= end + _CUE_REACH:
                    continue
                if not is_cue(token) or within(at, quoted, pad=1):
                    continue
                # the verb whose clause holds the quotation ("remarked that “thousands” ...")
                # beats one that merely stands nearer; speech beats belief ("feeling")
                clause = clause_of(token)
                left, right = clause.left_edge.idx + offset, clause.right_edge.idx + offset
                governs = left <= start <= right
                if short and not governs:
                    continue
                distance = start - at if at < start else at - end
                speech = reporting_verbs().get(token.lemma_.lower(), True)
                # of clauses that hold it, the innermost: "X said on Facebook ..., while Y
                # decried the plan as “...”" is Y's
                size = right - left if governs else 0
                candidates.append(((not governs, not speech, size, distance), attribution_of(token, offset, quoted)))
    if candidates:
        candidates.sort(key=lambda c: (c[0], c[1].speaker is None))
        if candidates[0][1].speaker or not (framed := frame_after(text, end, doc_at, quoted)):
            return candidates[0][1]
        return framed
    if framed := frame_after(text, end, doc_at, quoted):
        return framed
    colon = _colon_before(text, start)
    if colon is not None:
        located = doc_at(colon)
        if located:
            doc, offset = located
            sent = sentence_of(doc, colon - offset)
            if sent is not None:
                return colon_speaker(sent, offset, colon - offset)
    return dash_after(text, end, doc_at)


def _within_reach(sent: Span, start: int, end: int) -> Span:
    """The words of ``sent`` within ``_CUE_REACH`` characters of the quotation at ``start:end``
    (offsets in the sentence's doc), found without walking a sentence of thousands of words."""
    lo, hi = max(sent.start_char, start - _CUE_REACH), min(sent.end_char, end + _CUE_REACH)
    window = sent.doc.char_span(lo, hi, alignment_mode="expand") if lo < hi else None
    if window is None:
        return sent[0:0]
    return sent.doc[max(sent.start, window.start) : min(sent.end, window.end)]


def _colon_before(text: str, start: int) -> int | None:
    """The colon that introduces a quotation: "Putin stated:" or "He added: “...”"."""
    pos = start - 1
    while pos >= 0 and (text[pos].isspace() or text[pos] in CLOSERS):
        pos -= 1
    return pos if pos >= 0 and text[pos] == ":" else None


_Found = tuple[list[tuple[int, int]], str, Attribution | None]  # (parts, kind, attribution)


def _reported(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[_Found]:
    """Reported speech: a reporting verb with a clause complement, or "according to X".
    Verbs inside a quotation are the speaker's own words, not a new attribution; of nested
    reports ("Putin proposed that ..., TASS reports") the inner one is kept, since it names
    who said it, and the outer agency becomes its channel."""
    found: list[_Found] = []
    requests: set[int] = set()  # which of found are requests ("urged X to ...")
    if (headline := _name_colon_claim(doc)) is not None:
        (start, end), (name_start, name_end), colon = headline
        parts = [(start + offset, end + offset)]
        inside = sum(max(0, min(end + offset, b) - max(start + offset, a)) for a, b in quoted)
        if inside <= (end - start) / 2:
            attribution = Attribution((name_start + offset, name_end + offset), (colon + offset, colon + offset + 1),
                                      "colon")
            found.append((parts, "indirect", attribution))
    for token in doc:
        at = token.idx + offset
        if within(at, quoted):
            continue
        pieces: list[tuple[int, int]] | None = None
        is_verb = token.pos_ in {"VERB", "AUX"}
        lemma = token.lemma_.lower() if is_verb else ""
        request = False
        if is_verb and lemma in reporting_verbs():
            content = _complement(token)
            if content is None and (content := _directive(token)) is not None:
                request = True
            pieces = [content] if content else _host_clause(token, quoted, offset)
        elif lemma == "call":
            content = _directive(token)
            pieces = [content] if content else None
            request = content is not None
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
        inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
        if inside > (end - start) / 2 or any(start - 2 <= a <= start + 1 for a, _ in quoted):
            continue  # the cue of a direct quotation, found there
        attribution = attribution_of(token, offset, quoted)
        if attribution.method == "according_to":
            inner = [t for t in token.sent if t is not token and is_cue(t) and start <= t.idx + offset < end]
            for verb in inner:
                candidate = attribution_of(verb, offset, quoted)
                if candidate.speaker:
                    attribution = Attribution(candidate.speaker, candidate.cue, "cue")
                    break
        if request:
            requests.add(len(found))
        found.append((parts, "indirect", attribution))
    # A report inside another's words ("X said that Y told Z ...") is the one attributed, but a
    # request is never more than part of them: "X said troops were surrounded, adding that he
    # urged Y to spare them" is X's report of both
    outer = {
        i for i, (parts, _, att) in enumerate(found) for j, (_, _, inner) in enumerate(found)
        if i != j and j not in requests and inner and inner.cue and inner.speaker and inner.method != "according_to"
        and parts[0][0] <= inner.cue[0] < parts[0][1] and parts[0][0] <= inner.speaker[0] < parts[0][1]
    }
    return [item for i, item in enumerate(found) if i not in outer]


def _complement(verb: Token) -> tuple[int, int] | None:
    """What a reporting verb reports: its clause ("said that ...", "said the plan failed"), or
    a noun with a that-clause ("denied reports that ..."). A clause before the verb counts
    only when a comma hands it over ("The plan failed, Lee said."), not across a semicolon,
    colon or dash, where it is a sentence of the outlet's own and the clause after the verb
    is the content ("It is unlikely; the team says it will go on")."""
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
        first, last = child.left_edge, _clause_end(child)
        while last.is_punct and last.i > first.i:
            last = last.nbor(-1)
        while first.is_punct and first.i < last.i:
            first = first.nbor()
        if last.i - first.i + 1 >= 3:
            return first.idx, last.idx + len(last.text)
    return None


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


def _clause_end(clause: Token) -> Token:
    """The last word of a reported clause, cut before a reporting verb coordinated inside it
    without a subject of its own: "said the port was safe, and urged calm" is the parser's
    reading of two reports by one speaker (the second is found on its own)."""
    for conj in clause.children:
        if (conj.dep_ == "conj" and conj.i > clause.i and conj.pos_ in {"VERB", "AUX"}
                and reporting_verbs().get(conj.lemma_.lower()) and not has_subject(conj)):
            last = conj.left_edge.nbor(-1)
            while last.i > clause.i and (last.is_punct or last.dep_ == "cc"):
                last = last.nbor(-1)
            return last
    return clause.right_edge


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


def _merge_broken(text: str, raw):  # type: ignore[no-untyped-def]
    """Join a quotation broken by its attribution into one utterance with several parts:
    "“A,” he said, “B.”", and across the sentence end, "“A,” said X, a senator from Ohio.
    “B.”", where B has no attribution of its own and so continues the speaker just named."""
    merged: list = []
    for item in raw:
        if merged:
            parts, kind, found = merged[-1]
            gap = text[parts[-1][1] : item[0][0][0]]
            between = found and found.cue and parts[-1][1] <= found.cue[0] < item[0][0][0]
            # the first part hands over to its attribution with a comma, or ends on ? or ! ("“Why
            # now?” she asked. “Nobody told us.”")
            handed = re.match(r"\W*,", gap) or text[parts[-1][1] - 1 : parts[-1][1]] in {"?", "!"}
            if (kind == item[1] == "direct" and between and "\n" not in gap and handed
                    and (item[2] is None or item[2].cue == found.cue)
                    and (len(gap) <= _MERGE_GAP or _one_sentence(text[found.cue[1] : item[0][0][0]]))):
                merged[-1] = (parts + item[0], kind, found)
                continue
        merged.append(item)
    return merged


_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*|[a-z]{1,2})\.$")


def _one_sentence(rest: str) -> bool:
    """The attribution's sentence ends where the next quotation opens: nothing else between."""
    if len(rest) > 3 * _MERGE_GAP:
        return False
    for end in re.finditer(r"[.!?]+(?=\s)", rest):
        if not _ABBREVIATION.search(rest[: end.end()]):
            return not rest[end.end() :].strip(" \"“„«‹'`")
    return False


def _is_partial(text: str, parts: list[tuple[int, int]]) -> bool:
    """Quoted words that run on from or into the outlet's own words (he favours a “strongman
    approach”, the “suburbs of St. Petersburg” — a metaphor): a fragment, not a statement.
    A reporting verb or punctuation beside the marks ("said: “...”", "“...,” she said") is
    the attribution, not the outlet's sentence; "that" is not: a quotation after "said
    that" is the outlet's reported clause in the speaker's words (a mixed quotation). Only
    the quotation's own line counts: the paragraph before is another sentence.
    A quotation that opens in lower case is not a sentence of the speaker's either (style
    guides capitalise a quoted full sentence): "said, “we were floored.”" lends the
    outlet's sentence its end, whatever stands before the marks."""
    start, end = parts[0][0], parts[-1][1]
    first = re.search(r"[^\W\d_]", text[start:end])
    if (first and first[0].islower() and not _lower_case_name(text, start + first.start())
            and not re.search(r"…|\.\.", text[start : start + first.start()])):
        return True  # an ellipsis first is the outlet's cut inside the speaker's sentence
    line = text[max(text.rfind("\n", 0, start) + 1, start - 60) : start]
    left = line.rstrip("\"“„«‹‘'`").rstrip()
    before = re.search(r"(\w+)$", left)
    if before and before[1].lower() not in verb_forms() - {"that"}:
        return True
    after = re.match(r"[\"”»›’'\s]*([a-z]\w*)", text[end : end + 40])
    ends_clause = text[end - 1 : end] in ",.!?…:;—–-"
    return bool(after and not ends_clause and after.start(1) > 0 and after[1] not in verb_forms()
                and after[1] not in _PRONOUNS and not text[end : after.start(1)].strip(" \"”»›’'"))


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _lower_case_name(text: str, at: int) -> bool:
    """A word written in lower case with capitals inside it (iPhone, eBay): a name, which
    may open a full sentence."""
    word = re.match(r"\w+", text[at:])
    return bool(word and any(c.isupper() for c in word[0][1:]))


def _stands_alone(text: str, start: int, end: int, article: Article) -> bool:
    """A quotation that is (nearly) its whole sentence: a statement, not a phrase in passing."""
    for sent in article.sentences:
        if sent.start <= start < sent.end:
            outside = len(re.sub(r"\W", "", text[sent.start : start] + text[end : sent.end]))
            return outside <= 3 or end >= sent.end - 3
    return True


def _head_token(located: tuple[Doc, int], mention: tuple[int, int]) -> Token | None:
    doc, offset = located
    span = doc.char_span(mention[0] - offset, mention[1] - offset, alignment_mode="expand")
    return span.root if span is not None else None


def _clause_context(text, parts, found, article, doc_at) -> str:  # type: ignore[no-untyped-def]
    """The words that attribute the quote: the cue's own clause when its sentence names other
    speakers too (each with a channel of their own), else the sentence around the cue."""
    if found and found.cue and (located := doc_at(found.cue[0])):
        doc, offset = located
        span = doc.char_span(found.cue[0] - offset, found.cue[1] - offset, alignment_mode="expand")
        # a cue without a subject of its own ("..., adding that") speaks for the sentence's speaker
        clause = clause_of(span.root) if span is not None else None
        if clause is not None and has_subject(clause) and other_speakers(clause):
            quoted = [(a - offset, b - offset) for a, b in parts]
            words = clause_words(clause)
            return " ".join(t.text for t in words if not any(a <= t.idx < b for a, b in quoted))
    return _context(text, parts, found, article)


_ACCORDING = re.compile(r"\baccording to ((?:the )?[A-Z][\w’'.&-]*(?:\s+(?:of|the|for|[A-Z][\w’'.&-]*))*)")


def _according_to(context: str) -> str | None:
    """The named source of a statement whose speaker the outlet only describes, when not an
    agency or outlet passing it on."""
    found = _ACCORDING.search(context)
    if not found:
        return None
    name = re.sub(r"(?:\s+(?:of|the|for))+$", "", found.group(1))
    name = re.sub(r"^the\s+", "", name).rstrip(".")
    return None if channel_of(name) or name in agency_names() else name


def _context(text: str, parts: list[tuple[int, int]], found: Attribution | None, article: Article) -> str:
    """The attribution's own words: the sentence around the cue, minus the quotation, and
    no farther from them than a cue can be (a "sentence" without full stops runs for pages)."""
    anchor = found.cue[0] if found and found.cue else parts[0][0]
    for sent in article.sentences:
        if sent.start <= anchor < sent.end:
            lo = max(sent.start, min(anchor, parts[0][0]) - _CUE_REACH)
            hi = min(sent.end, max(anchor, parts[-1][1]) + _CUE_REACH)
            pieces, cursor = [], lo
            for a, b in parts:
                if a < hi and b > lo:  # cut the quotation out of the sentence
                    pieces.append(text[cursor:a] if a > cursor else "")
                    cursor = max(cursor, b)
            pieces.append(text[cursor:hi] if cursor < hi else "")
            return " ".join(pieces)
    return ""


_ODD_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a"}


def quotes_in_text(text: str, annotator, article_id: str = "text") -> list[Quote]:  # type: ignore[no-untyped-def]
    """Quotes of a plain text as it is (one paragraph per line), for benchmarks and notebooks."""
    from . import sentence_spans

    text = text.translate(_ODD_SPACES)  # as cleaning leaves it; the same length, so offsets hold
    article = Article(id=article_id, source=None, text=text)  # type: ignore[arg-type]
    article.paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    docs = list(annotator.nlp.pipe([text[p.start : p.end] for p in article.paragraphs]))
    from .entities import repaired_entities

    surnames: set[str] = set()
    for para, doc in zip(article.paragraphs, docs, strict=True):
        article.sentences.extend(
            Sentence(para.start + a, para.start + b, 0) for a, b in sentence_spans(doc.text, annotator.segmenter)
        )
        article.entities.extend(repaired_entities(doc, para.start, annotator.gazetteer, surnames))
    return find_quotes(article, docs)


__all__ = ["find_quotes", "quoted_spans", "quotes_in_text"]
