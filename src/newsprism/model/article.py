"""What one article is, from the input read to its annotations: the records the
per-article stages (ingest, clean, annotate) make and every later stage reads.

Offsets (``start``, ``end``) are always character offsets into the cleaned
``Article.text``; a finding that cannot point at characters is not a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_ID = "newsprism/report@1"

ContentType = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one article's cleaned text: the unit of every citation."""

    article_id: str
    start: int
    end: int


@dataclass(slots=True)
class Source:
    """Where an article came from: a file path (and line or record) or a URL."""

    path: str | None = None
    url: str | None = None
    line: int | None = None  # 1-based line of a .jsonl file, or record number in a WARC


@dataclass(slots=True)
class InputFailure:
    """An input that could not be read, kept so that nothing is lost silently."""

    source: str
    reason: str


@dataclass(slots=True)
class RawDocument:
    """One article as ingested: decoded content plus whatever metadata the container gave."""

    id: str
    source: Source
    content: str
    content_type: ContentType
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    encoding_note: str | None = None  # e.g. "decoded as cp1252; repaired mojibake"


@dataclass(slots=True)
class Removed:
    """A span the cleaner took out of the article, with the reason a reader can check."""

    text: str
    reason: str
    at: int  # offset in the cleaned text where the span used to sit


@dataclass(slots=True)
class Dateline:
    """The place (and sometimes date) that opens a wire-style story: "MOSCOW, March 14 -"."""

    text: str
    place: str | None
    date: str | None  # ISO date when the dateline states one
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str  # spaCy label after repairs: PERSON, ORG, GPE, NORP, ...
    repaired_from: str | None = None  # the model's label when a repair changed it; "none": untagged


@dataclass(slots=True)
class NumberMention:
    """A number as the article states it, normalised so outlets can be compared."""

    start: int
    end: int
    text: str
    kind: str  # CARDINAL, MONEY, QUANTITY, PERCENT
    value: float | None  # None for vague amounts ("thousands", "several hundred")
    unit: str | None
    qualifier: str | None  # the hedge as written: "about", "under", "up to"
    bound: str | None  # approx | upper | lower | vague, from the qualifier


@dataclass(slots=True)
class DateMention:
    """A date or time expression and, where an anchor allows, the calendar date it means."""

    start: int
    end: int
    text: str
    value: str | None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD; a week: its Monday) or None
    granularity: str | None  # year | month | week | day | time
    part_of_day: str | None  # morning | afternoon | evening | night
    anchor: str | None  # published | dateline | absolute | None when unresolved
    duration: bool = False  # "three years", "30-day": a length of time, not a date
    # Tense of the verb it hangs on ("will be held on Saturday"), kept so a later stage can
    # resolve it again against another anchor (the story's, or the previous event's date).
    future: bool = False


@dataclass(slots=True)
class Quote:
    """Who said what, where. ``text`` is the reported words: for a direct quote broken by
    its attribution ("We will win," he said, "and soon.") the fragments in ``parts`` joined
    by a space, so ``start``/``end`` give the whole extent and ``parts`` the exact pieces."""

    id: str
    article_id: str
    speaker: str | None  # canonical name across the story, or null when unknown
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"]
    channel: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    # The words that name the speaker here ("he", "the Kremlin spokesman") and the cue
    # ("said", "according to"): what a reader checks to trust the attribution.
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    # How the speaker was found: "cue" (grammatical subject of a reporting verb),
    # "according_to", "colon" (block quote after "X said:"), "dash" ("― Name" after the
    # quotation), "pronoun", "description"
    # ("the Russian leader"), "nearby" (the last speaker named), or null.
    attribution: str | None = None
    # A direct quote that is a fragment of the outlet's own sentence (he favours a “strongman
    # approach”): the words are the speaker's, the sentence around them is the outlet's.
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Flag:
    """One loaded word or phrase of an article (compare/lexicon.py finds them while the parse is
    at hand). ``start``/``end`` are offsets into the text that was flagged."""

    start: int
    end: int
    text: str
    category: str  # one of compare.lexicon.CATEGORIES
    entry: str  # the lexicon entry that matched ("tighten * noose"), or the rule ("scare quotes")
    note: str  # why, in a reader's words, with the source of the rule
    weight: float  # how strongly it signals bias, 0..1
    quoted: bool = False  # inside a direct quotation: the speaker's words, not the outlet's


@dataclass(slots=True)
class ClaimMention:
    """One proposition an article states, normalised so that outlets can be compared: who did
    what, the numbers, dates and places, and whom the outlet cites. ``start``-``end`` is the
    span that states it (a whole sentence, or the clause or phrase of a fact the sentence
    takes for granted); ``core`` its own words, what matching compares."""

    article_id: str
    start: int
    end: int
    text: str
    kind: Literal["number", "attributed", "event"]
    subject: str | None = None
    predicate: str | None = None  # lemma of the main verb (of the reported clause, if attributed)
    negated: bool = False  # "did not", "there is no threat", "denied": the predicate is negated
    denial: bool = False  # someone rejects a statement: "denied the reports", "are false"
    denier: str | None = None  # who rejects it, as written (the denial verb's subject, else the source)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # as written
    places: list[str] = field(default_factory=list)
    source: str | None = None  # whom the outlet attributes it to (a quote's speaker), if anyone
    core: str = ""  # the proposition's own words: the reported clause of "X said that P", the phrase
    #                 "soldiers surrounded by Russian forces" of a presupposition
    role: Literal["asserted", "reported", "presupposed"] = "asserted"  # in the outlet's voice, as the
    #                 source's words, or taken for granted by the sentence
    sentence_start: int = 0  # the sentence it sits in
    sentence_end: int = 0
    denies: str | None = None  # for a denial: what it rejects, as written ("troops had been encircled")
    denies_start: int | None = None  # and where
    denies_end: int | None = None
    denies_verb: str | None = None  # the word of what it rejects ("encircled", "encirclement")
    verb: str | None = None  # the predicate as written ("surrounded"): predicates are compared by it


@dataclass(slots=True)
class Article:
    id: str
    source: Source
    text: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None  # the people who wrote it
    credit: str | None = None  # an agency credited for it ("By Xinhua")
    published: str | None = None
    dateline: Dateline | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # non-fatal observations about this input
    # Found while the parse is at hand; the report lists them at top level, not per article.
    quotes: list[Quote] = field(default_factory=list)
    claims: list[ClaimMention] = field(default_factory=list)
    flags: list[Flag] | None = None  # loaded wording, from the parse; None: not annotated (an older record)

    def snippet(self, start: int, end: int) -> str:
        return self.text[start:end]
