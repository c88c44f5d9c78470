"""Who is speaking: the cue that introduces a quote, its grammatical subject, and the named
person or body that subject refers to ("he", "the Russian leader", "Mr. Putin").

Works on spaCy's dependency parse of one paragraph; offsets are into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..lang.media import PLATFORMS, agency_names
from ..lang.names import ROLE_NOUNS, clean_name, fullest_names, surname
from ..lang.words import reporting_verbs
from ..model import Entity
from .quotemarks import within

# "the Russian leader" names whoever leads: a president, prime minister, chancellor, king.
_LEADER_TITLES = {"president", "minister", "premier", "chancellor", "king", "queen", "leader", "emir", "sheikh"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}  # "his": the owner of "his claim that ..."
_GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
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
    for _ in range(5):
        found = _own_subject(verb, outside or [], offset)
        if found is not None or verb.dep_ == "ROOT" or verb.head is verb:
            return found
        verb = verb.head
    return None


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
    if subject is None:
        return Attribution(None, cue_span, "colon")
    subject = antecedent(subject)
    return Attribution(noun_phrase(subject, offset, [], own_clause(subject, verb)), cue_span, "colon")


def _put_it(token: Token) -> bool:
    """"As one analyst put it", "as the senator put it": the idiom names whose words follow."""
    return (token.lemma_.lower() == "put" and any(c.lower_ == "it" for c in token.children)
            and any(c.lower_ == "as" for c in token.children))


@dataclass
class People:
    """What the article says about who is who: names, surnames and the titles they carry."""

    names: dict[str, str] = field(default_factory=dict)  # surname -> fullest name
    titles: dict[str, set[str]] = field(default_factory=dict)  # fullest name -> title words
    persons: list[tuple[int, str]] = field(default_factory=list)  # (offset, fullest name)
    groups: list[tuple[int, str]] = field(default_factory=list)  # (offset, organisation/place)

    @classmethod
    def of(cls, text: str, entities: list[Entity], quoted: list[tuple[int, int]]) -> People:
        people = cls(names=fullest_names(clean_name(e.text) for e in entities if e.label == "PERSON"))
        for e in entities:
            if within(e.start, quoted):
                continue
            if e.label == "PERSON":
                name = people.canonical(e.text)
                people.persons.append((e.start, name))
                people.titles.setdefault(name, set()).update(_title_words(text, e))
            elif (owner := re.match(r"(\w+)['’]s\b", e.text)) and owner[1].lower() in people.names:
                people.persons.append((e.start, people.names[owner[1].lower()]))  # "Trump’s Truth Social"
            elif e.label == "ORG":
                people.groups.append((e.start, e.text))
        return people

    def is_person(self, name: str) -> bool:
        return name in self.titles

    def canonical(self, name: str) -> str:
        name = clean_name(name)
        return self.names.get(surname(name), name)

    def resolve(
        self, text: str, mention: tuple[int, int], head: Token | None, entities: list[Entity],
        recent: tuple[str | None, str | None] = (None, None), offset: int = 0,
    ) -> tuple[str | None, str]:
        """(canonical speaker, how) for a mention; unresolvable pronouns give (None, ...).
        ``recent`` is the person and the body quoted just before: "he" and "it" most often
        continue the speaker of the sentence before, not the last name mentioned. ``offset``
        places ``head``'s document in ``text``."""
        start, end = mention
        inside = [e for e in entities if start <= e.start and e.end <= end]
        # "Trump's spokesman said": not Trump (the name, with its "'s" or without, is the possessor of
        # the mention's head); "Trump's appeal to ..." (the mention ends at the name): Trump
        people = [e for e in inside if e.label == "PERSON" and not (
            (_followed_by_possessive(text, e.end) or e.text.endswith(("'s", "’s"))) and e.end < end)]
        if head is not None:
            people = _the_mention_names(people, head, offset)
        if people:
            return self.canonical(people[-1].text), "named"
        words = text[start:end]
        lower = words.lower()
        if lower in _PERSON_PRONOUNS:
            # "hours after Trump’s post, where he claimed": a person named earlier in the
            # same sentence beats the speaker of the sentences before
            in_sentence = self._in_sentence(start, head)
            return in_sentence or recent[0] or self._nearest(self.persons, start), "pronoun"
        if lower in _GROUP_PRONOUNS:
            return recent[1] or self._nearest(self.groups, start), "pronoun"
        if head is not None and head.pos_ == "PRON":
            return None, "pronoun"
        if head is not None and head.lemma_.lower() in ROLE_NOUNS and _definite(lower):
            found = self._by_description(lower, head.lemma_.lower(), start)
            if found:
                return found, "description"
        return _strip_article(words), "named" if any(e.label != "PERSON" for e in inside) else "description"

    def _in_sentence(self, start: int, head: Token | None) -> str | None:
        if head is None:
            return None
        sentence_start = start - (head.idx - head.sent.start_char)
        return self._nearest([(at, name) for at, name in self.persons if at >= sentence_start], start)

    def _nearest(self, mentions: list[tuple[int, str]], before: int) -> str | None:
        earlier = [name for at, name in mentions if at < before]
        return earlier[-1] if earlier else None

    def _by_description(self, description: str, head: str, before: int) -> str | None:
        modifiers = [w for w in re.findall(r"[a-z]+", description) if w not in {"the", "s", head, "former", "then"}]
        for at, name in reversed(self.persons):
            if at >= before:
                continue
            titles = self.titles.get(name, set())
            role_ok = head in titles or head == "leader" and bool(titles & _LEADER_TITLES)
            if role_ok and all(any(_stem_match(m, t) for t in titles) for m in modifiers):
                return name
        return None


# What describes a mention's head without naming it: "Senator Kirk, ... becoming the first to
# break with Mr. Trump", "a pollster who supported Ted Cruz".
_DESCRIBING = {"relcl", "acl", "advcl"}


def _the_mention_names(people: list[Entity], head: Token, offset: int) -> list[Entity]:
    """Of the persons inside a speaker mention, the one it names: the person at its head
    ("Senator Mark S. Kirk, Republican of Illinois, ..."), else those that neither sit in a
    clause describing the head nor are a preposition's object ("a spokesman for Mr. Trump").
    An appositive names it ("the president, Donald Trump"), and so does the name after a
    title written with a capital, which the parser hangs under the title's preposition
    ("Chief of the General Staff Valery Gerasimov", "Secretary of State John Kerry")."""
    at = head.idx + offset
    for person in people:
        if person.start <= at < person.end:
            return [person]
    kept = []
    for person in people:
        span = head.doc.char_span(person.start - offset, person.end - offset, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        chain = [root, *(a for a in root.ancestors if a.i != head.i and head in a.ancestors)]
        titled = head.text[:1].isupper()
        if (root.dep_ != "pobj" or titled) and not any(t.dep_ in _DESCRIBING for t in chain):
            kept.append(person)
    return kept


_TITLE_FILLERS = {"foreign", "affairs", "security", "national", "prime", "chief", "deputy", "vice",
                  "state", "defence", "defense", "press", "former", "of"}


def _title_words(text: str, entity: Entity) -> set[str]:
    """The words right before a name ("Russian President", "Kremlin spokesman", "Ukraine's
    President") and an appositive after it ("Dmitry Peskov, the Kremlin spokesman,")."""
    words: set[str] = set()
    for word in reversed(re.findall(r"[\w'’.-]+", text[max(0, entity.start - 60) : entity.start])[-5:]):
        bare = re.sub(r"['’]s$", "", word).strip(".").lower()
        if not (word[:1].isupper() or bare in ROLE_NOUNS or bare in _TITLE_FILLERS):
            break
        words.add(bare)
    after = re.match(r", (?:the |a )?([\w'’ -]{3,50}?),", text[entity.end : entity.end + 60])
    if after:
        words |= set(re.findall(r"[a-z]+", after.group(1).lower()))
    return words - {"s", "mr", "mrs", "ms", "dr", "of", ""}


def _stem_match(a: str, b: str) -> bool:
    """Russian ~ Russia, Ukrainian ~ Ukraine: nationality adjectives and country names."""
    n = min(len(a), len(b), 5)
    return n >= 3 and a[:n] == b[:n]


def _definite(description: str) -> bool:
    return description.startswith(("the ", "this ", "that ")) or "'s " in description or "’s " in description


def _followed_by_possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in {"'s", "’s"} or text[end : end + 1] in {"'", "’"}


def _strip_article(words: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I).strip()


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
