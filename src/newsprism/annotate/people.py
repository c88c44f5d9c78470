"""Who is who in one article: the people and bodies it names, their fullest names and
titles, and the person or body a speaker mention refers to ("he", "the Russian leader",
"Mr. Putin", "Senator Kirk, ... becoming the first to break with Mr. Trump").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..lang.names import ROLE_NOUNS, clean_name, fullest_names, surname
from ..model import Entity
from .quotemarks import within

# "the Russian leader" names whoever leads: a president, prime minister, chancellor, king.
_LEADER_TITLES = {"president", "minister", "premier", "chancellor", "king", "queen", "leader", "emir", "sheikh"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}  # "his": the owner of "his claim that ..."
_GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}


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
        if head is not None and (named := _name_in_mention(head)):
            return clean_name(named), "named"
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
    clause describing the head nor are whom a role serves ("a spokesman for Mr. Trump", "an
    adviser to Mr. Lee"). An appositive names it ("the president, Donald Trump"), as do "a
    statement from X", "advisers, including X", and the name after a title written with a
    capital, which the parser hangs under the title's preposition ("Chief of the General
    Staff Valery Gerasimov", "Secretary of State John Kerry")."""
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
        served = (root.dep_ == "pobj" and root.head.lower_ in _SERVED and head.lemma_.lower() in ROLE_NOUNS
                  and not head.text[:1].isupper())
        by_agent = root.dep_ == "pobj" and root.head.lower_ == "by"  # "a speech delivered by X": X's
        if not served and (by_agent or not any(t.dep_ in _DESCRIBING for t in chain)):
            kept.append(person)
    return kept


_SERVED = {"for", "to", "of"}  # "spokesman for", "adviser to", "chief of staff of"


def _name_in_mention(head: Token) -> str | None:
    """The name a mention gives when no person entity covers it: a proper-noun head without
    the clauses and appositives after it ("O'Malley, who signed the gun laws as governor",
    "AARP, the powerful lobby for older Americans"), or a proper-noun appositive of a common
    noun ("a spokesman for the committee, Brad Woodhouse"). A description of someone unnamed
    stays whole: "people briefed on the matter" is what the reader can check."""
    if any(c.dep_ == "conj" for c in head.children):
        return None  # "the mayor, the chamber and Acxiom all urged": the list is the speaker
    after = [c for c in head.children if c.i > head.i and c.dep_ in _DESCRIBING | {"appos"}]
    if head.pos_ == "PROPN" and after:
        first = head
        while first.i > first.sent.start and first.nbor(-1) in head.subtree and not (
                first.nbor(-1).is_punct and first.nbor(-1).whitespace_):
            first = first.nbor(-1)  # its own words before it ("Wal-Mart"), not a dateline before a dash
        cut = min(c.left_edge.idx for c in after)
        return _strip_article(head.doc.text[first.idx : cut].rstrip(" ,;:-—–")) or None
    appos = next((c for c in after if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    name = [t for t in appos.children if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"] if appos else []
    if head.pos_ == "NOUN" and appos is not None and name:  # a full name, not "the governor, a Republican"
        name.append(appos)
        return head.doc.text[min(t.idx for t in name) : max(t.idx + len(t) for t in name)]
    return None


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
