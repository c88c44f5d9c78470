"""Reports without a clause, as PARC-style annotation counts them: a reporting verb with an
infinitive, an object or a topic ("vowed to rebuild the pier", "accused the council of
hiding the cost", "called for an inquiry"), and a reporting noun with its owner ("Lee's
claim that ...", "a demand by the union that ..."). ``reported`` finds clause reports and
turns to these when a verb has no clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lang.words import reporting_verbs
from .frames import has_subject

# Verbs whose object is the hearer, not the message ("told reporters"): what they report comes
# in a clause or after the hearer ("urged the council to act"), both found by ``reported``.
_ADDRESSEE_VERBS = {"tell", "ask", "inform", "brief", "thank", "assure", "instruct", "advise", "urge", "warn",
                    "order", "caution", "answer", "question", "signal"}
# The preposition that introduces the topic of a speech act (Quirk et al. §16.5, prepositional
# verbs of communication): "called for a ban", "warned of delays", "pointed to the polls".
_TOPIC = {"for": {"call", "ask", "plead"}, "about": {"ask", "speak", "talk", "write", "complain", "boast", "warn",
                                                    "joke", "tweet", "post", "testify", "worry"},
          "of": {"speak", "warn", "boast", "complain"}, "against": {"warn", "caution", "testify", "argue"},
          "to": {"point", "refer"}, "on": {"comment", "elaborate"}}
TOPIC_ONLY = {"talk", "refer", "elaborate"}  # not reporting verbs on their own, only with their topic
# Reporting verbs whose object is seldom a message: "maintain control", "added 200 jobs",
# "charged a fee", "countered the attack", "posted a loss", "read the book", "speaks English",
# "observed the drill", "said goodbye", "found the car".
_OTHER_SENSE = {"maintain", "add", "charge", "counter", "post", "read", "speak", "write", "swear", "plead", "brief",
                "reply", "respond", "state", "point", "say", "find", "show", "observe"}
_NO_MESSAGE_OBJECT = _ADDRESSEE_VERBS | TOPIC_ONLY | _OTHER_SENSE
# After the object, the words that say what was said of it: "described the plan as a failure",
# "accused the mayor of lying", "praised the crews for their speed", "charged him with fraud".
_OBJECT_PREDICATE = {"as", "of", "for", "with"}


def what_it_names(verb: Token) -> tuple[int, int] | None:
    """What a reporting verb reports when it takes no clause: an infinitive ("vowed to rebuild
    the pier", "wants to run"), a noun phrase or gerund ("announced a ban", "proposed barring
    imports", "called the plan a disaster", "accused the mayor of lying"), or a topic ("called
    for a ban", "warned of delays"). These are attributions as PARC-style annotation counts
    them. Left out: a denied or passive act ("did not disclose the terms" says nothing was
    said; "is expected to win" has no source), a lone pronoun ("denied it"), the hearer of
    "told reporters", and the other senses of some verbs ("maintain control")."""
    if any(c.dep_ in {"neg", "auxpass", "nsubjpass"} for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    children = [c for c in verb.children if c.i > verb.i]
    infinitive = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if infinitive is not None and not any(c.dep_ in {"dobj", "dative"} for c in children if c.i < infinitive.i):
        return _words(infinitive.left_edge, infinitive.right_edge)
    message = next((c for c in children if c.dep_ in {"dobj", "xcomp"} and (c.dep_ == "dobj" or c.tag_ == "VBG")),
                   None)
    if message is not None and lemma not in _NO_MESSAGE_OBJECT:
        last = message.right_edge
        for conj in message.children:  # "denying encirclement and asserting control": two reports
            if conj.dep_ == "conj" and conj.pos_ in {"VERB", "AUX"}:
                last = conj.left_edge.nbor(-1)
                while last.i > message.i and (last.is_punct or last.dep_ == "cc"):
                    last = last.nbor(-1)
                break
        for c in children:  # "described the plan as a failure", "called the plan a disaster"
            if c.i > last.i and (c.dep_ == "prep" and c.lower_ in _OBJECT_PREDICATE
                                 or c.dep_ == "oprd" and c.left_edge.i == last.i + 1):
                last = c.right_edge
                break
        return _words(message.left_edge, last)
    for c in children:
        if c.dep_ == "prep" and lemma in _TOPIC.get(c.lower_, ()):
            topic = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
            if topic is not None and topic.ent_type_ not in {"DATE", "TIME"}:
                return _words(topic.left_edge, topic.right_edge)
    return None


def _words(first: Token, last: Token) -> tuple[int, int] | None:
    """The span from ``first`` to ``last`` without punctuation at its edges, if it names
    something a reader can check: "denied encirclement" does, "denied it" and "Putin's" do not."""
    while last.is_punct and last.i > first.i:
        last = last.nbor(-1)
    while first.is_punct and first.i < last.i:
        first = first.nbor()
    words = [t for t in first.doc[first.i : last.i + 1] if not t.is_punct and t.tag_ != "POS"]
    if not words or len(words) == 1 and words[0].pos_ not in {"NOUN", "PROPN", "ADJ"}:  # ADJ: a noun mis-tagged
        return None
    if last.tag_ == "POS" or last.lower_.endswith(("'s", "’s")):
        return None  # "calling Putin's ...": the parser cut the phrase short
    return first.idx, last.idx + len(last.text)


# Nouns that report what someone said, promised or holds and take it in a that-clause or an
# infinitive (the nominalisations of the reporting verbs, Quirk et al. §17.26 appositive
# clauses): "his claim that the mails were personal", "Lee's pledge to rebuild the pier".
_REPORTING_NOUNS = {
    "claim", "statement", "assertion", "insistence", "argument", "contention", "promise", "pledge", "vow", "call",
    "proposal", "plan", "demand", "warning", "threat", "accusation", "allegation", "denial", "admission",
    "suggestion", "prediction", "announcement", "belief", "view", "fear", "hope", "assurance", "complaint",
    "request", "appeal", "offer", "conclusion", "estimate", "recommendation", "order", "charge", "remark",
}


def owner_of(noun: Token) -> Token | None:
    """Whose statement a reporting noun is: its possessor ("Trump's claim", "his pledge") or
    its agent ("a demand by the union"). Without one ("the claim that ...") it names no source."""
    if noun.lemma_.lower() not in _REPORTING_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    return owner


def noun_content(noun: Token) -> tuple[int, int] | None:
    """The clause a reporting noun reports: a that-clause ("claim that ...", not the relative
    "the claim that he made") or an infinitive ("pledge to ...", "call to ...")."""
    for clause in noun.children:
        if clause.i < noun.i or clause.dep_ not in {"acl", "ccomp"} or clause.pos_ not in {"VERB", "AUX"}:
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if marked and has_subject(clause) or infinitive:
            last = clause_end(clause)
            # "Putin answered Trump's appeal to spare them, offering ...": a participle after a
            # comma goes with the sentence's verb, though the parser hangs it on the clause
            cut = next((t for t in clause.doc[clause.i : last.i] if t.text == "," and t.nbor().tag_ == "VBG"), None)
            return _words(clause.left_edge, cut.nbor(-1) if cut is not None else last)
    return None


def clause_end(clause: Token) -> Token:
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
