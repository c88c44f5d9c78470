"""What the comparison of a story finds (quote groups, claims, disputes, framing, timeline,
reuse, the brief) and the report that holds a run's stories. Every finding cites spans of
the articles in ``model.article``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .article import Article, ClaimMention, InputFailure, Quote, Span


@dataclass(slots=True)
class Story:
    """A cluster of articles about the same events."""

    id: str
    title: str
    article_ids: list[str]


@dataclass(slots=True)
class QuoteMember:
    """One outlet's version of a grouped utterance, judged against the group's reference.
    ``diff`` is word-level: [{"op": "equal|replace|delete|insert", "reference": ..., "member": ...}]."""

    quote_id: str
    fidelity: Literal["verbatim", "trimmed", "variant", "altered", "paraphrase"]
    diff: list[dict[str, str]] = field(default_factory=list)
    similarity: float = 1.0  # word-level similarity to the reference, 0..1
    start: int | None = None  # the member's words in its article (one sentence of the quote)
    end: int | None = None


@dataclass(slots=True)
class QuoteGroup:
    """One utterance as several outlets reported it. ``evidence`` says why any member is
    called altered (which outlets agree on the reference wording), since that is an accusation."""

    id: str
    story_id: str
    speaker: str | None
    reference_quote_id: str
    reference_start: int | None = None  # the reference sentence within its quote's article
    reference_end: int | None = None
    members: list[QuoteMember] = field(default_factory=list)
    evidence: str | None = None


@dataclass(slots=True)
class Claim:
    """One assertion across the articles of a story. ``sources`` groups the reporting
    articles into independent sources (a wire copy and its original count once)."""

    id: str
    text: str
    status: Literal["corroborated", "single_source", "contested"]
    support: list[Span] = field(default_factory=list)
    contradicted_by: list[Span] = field(default_factory=list)
    omitted_by: list[str] = field(default_factory=list)
    story_id: str | None = None
    articles: list[str] = field(default_factory=list)
    sources: list[list[str]] = field(default_factory=list)
    conflict: str | None = None  # why contested, in words a reader can check
    mentions: list[ClaimMention] = field(default_factory=list)
    # For a number only one source gives inside a claim others share ("under 200" in a
    # sentence whose "1,300" two outlets give): support is the number itself, and this says so.
    note: str | None = None
    # For each outlet in omitted_by that has a sentence close to the claim but below the
    # recall threshold: that sentence, what the outlet says instead.
    near_misses: list[Span] = field(default_factory=list)
    # For a single-source claim: other sources' sentences that say something close (at the
    # recall threshold), one per article. Such a claim is not shown as what "only" one outlet says.
    similar: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class DisputeSide:
    """One position in a dispute: the claims that hold it, who holds it (the source an
    outlet cites, or the outlet in its own words), and every span that states it."""

    claim_ids: list[str]
    holders: list[str]
    support: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Dispute:
    """Two positions that cannot both be true: a denial and what it denies, two counts of the
    same thing, a statement and its negation. Each dispute is reported once."""

    id: str
    story_id: str
    kind: Literal["denial", "numbers", "contrary"]
    why: str
    sides: list[DisputeSide] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    """A framing observation about a stretch of text (loaded word, label, slip). ``note``
    says why it was flagged; ``contrast`` is the evidence from the other outlets: how they
    worded the same fact (their words, each a span of their article)."""

    article_id: str
    start: int
    end: int
    text: str
    category: str
    note: str
    basis: str = "lexicon"  # lexicon | contrast | consensus (what the story's other outlets say)
    entry: str | None = None  # the lexicon entry or the consensus value
    quoted: bool = False  # inside a quotation: the speaker's word, though the outlet chose to quote it
    claim_id: str | None = None  # the aligned claim, when the sentence belongs to one
    contrast: list[Wording] = field(default_factory=list)


@dataclass(slots=True)
class Wording:
    """Another outlet's words for the same thing, where a finding can show them."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class AttributionChain:
    """outlet -> the agency, medium or post it cites -> the speaker: whom an outlet relies on."""

    article_id: str
    start: int  # the attributed words; 0-0 for a wire credit, read from the byline (article.credit)
    end: int
    via: str | None  # "TASS", "Truth Social", "Fox News interview", "Xinhua" (credit), or None
    via_kind: str  # wire | state_media | social_media | interview | statement | media | unstated
    speaker: str | None
    quote_id: str | None = None


@dataclass(slots=True)
class OutletProfile:
    """One article's place in its story: whom it relies on, what only it says, what it
    leaves out, how it words shared facts."""

    article_id: str
    story_id: str
    outlet: str
    reliance: dict[str, int] = field(default_factory=dict)  # via_kind -> attributions
    sources_cited: dict[str, int] = field(default_factory=dict)  # via -> attributions
    added: list[str] = field(default_factory=list)  # claim ids only it reports
    omitted: list[str] = field(default_factory=list)  # claim ids most others report and it does not
    contested: list[str] = field(default_factory=list)  # claim ids it reports that are contested
    findings: int = 0  # framing findings in its own words (outside quotations)
    leads_with: str | None = None  # the claim of its first check-worthy sentence: what it put first


@dataclass(slots=True)
class TimelineEvent:
    """Something that happened (or is due) on a date, with every outlet's sentence that dates
    it. ``date`` is ISO 8601 at ``granularity``: YYYY-MM-DD (day, time), YYYY-Www (week),
    YYYY-MM (month) or YYYY (year). ``anchors`` runs parallel to ``evidence``: per sentence, the
    date words ({article_id, start, end, expression}), the date they gave (``value``), what
    they were resolved against (``anchor``: published | dateline | story | absolute |
    previous_event | speech, and ``base``, that date) and the ``confidence`` of that."""

    date: str
    text: str
    evidence: list[Span] = field(default_factory=list)
    granularity: str = "day"  # year | month | week | day | time
    part_of_day: str | None = None  # morning | afternoon | evening | night, when a sentence says
    anchors: list[dict[str, str | int | None]] = field(default_factory=list)
    confidence: Literal["high", "medium", "low"] = "high"  # the best of the anchors'
    articles: list[str] = field(default_factory=list)
    story_id: str | None = None
    claim_ids: list[str] = field(default_factory=list)  # claims its sentences belong to
    # Outlets disagree on when this happened: the same claim dated differently elsewhere.
    # ``conflict`` says so with both dates; ``conflicting`` holds the other dates' sentences.
    conflict: str | None = None
    conflicting: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class ReusePassage:
    """A stretch of the original (``from_*``) and the stretch of the reuser (``to_*``) that
    repeats or rewords it, so a reader can put the two side by side."""

    from_start: int
    from_end: int
    to_start: int
    to_end: int
    similarity: float  # copied: share of the shorter sentence's 5-grams in both; reworded: cosine


@dataclass(slots=True)
class Reuse:
    """``target`` reuses ``source`` (the original: earlier, else the wire, else the lower id).
    ``score`` 0..1: copy, the share of the smaller article's own wording (quotations aside)
    found in the other; rewrite, the share of the shorter article's sentences reworded from
    the other, in order; shared_source, 1.0 when both credit the agency, else the share of
    the shorter article in passages one of them attributes to it."""

    source: str  # serialised as "from"
    target: str  # serialised as "to"
    kind: Literal["copy", "rewrite", "shared_source"]
    score: float
    shared_source: str | None = None  # the wire or agency both go back to, when one is named
    evidence: list[ReusePassage] = field(default_factory=list)


@dataclass(slots=True)
class BriefSentence:
    """One sentence of the neutral brief: words taken from the cited spans (never written
    anew), so that each passes its own support check; ``attribution`` is the label a reader
    sees before it ("Only The Valmora Herald reports", "Putin, as quoted by ...")."""

    text: str
    citations: list[Span] = field(default_factory=list)
    section: Literal["established", "disputed", "differs", "single_source", "quote"] = "established"
    attribution: str | None = None
    claim_id: str | None = None
    quote_group_id: str | None = None
    support: str = ""  # what the support check verified, for a reader


@dataclass(slots=True)
class StoryBundle:
    """What the comparison of one story needs: its annotated articles and the reuse among
    them (so that copies of one wire count as one source)."""

    story: Story
    articles: list[Article]
    reuse: list[Reuse] = field(default_factory=list)


@dataclass(slots=True)
class StoryFindings:
    """Everything found about one story; a pure function of its ``StoryBundle``. ``articles``
    and ``quotes`` are the story's reading of them: people named in full by one outlet
    repaired in the others, speakers made the same across the story."""

    story: Story
    articles: list[Article] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    framing: list[Finding] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    chains: list[AttributionChain] = field(default_factory=list)
    profiles: list[OutletProfile] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """Everything one run found; serialised as ``newsprism/report@1``."""

    tool_version: str
    generated_at: str
    articles: list[Article] = field(default_factory=list)
    inputs_failed: list[InputFailure] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    framing: list[Finding] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)
    chains: list[AttributionChain] = field(default_factory=list)
    profiles: list[OutletProfile] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def for_story(self, story_id: str) -> Report:
        """The part of this report about one story (its articles and findings): the report
        that analysing that story alone gives, apart from the inputs that failed."""
        story = next((s for s in self.stories if s.id == story_id), None)
        if story is None:
            raise KeyError(story_id)
        ids = set(story.article_ids)
        return Report(
            tool_version=self.tool_version, generated_at=self.generated_at,
            articles=[a for a in self.articles if a.id in ids], stories=[story],
            quotes=[q for q in self.quotes if q.article_id in ids],
            quote_groups=[g for g in self.quote_groups if g.story_id == story_id],
            claims=[c for c in self.claims if c.story_id == story_id],
            disputes=[d for d in self.disputes if d.story_id == story_id],
            framing=[f for f in self.framing if f.article_id in ids],
            timeline=[e for e in self.timeline if e.story_id == story_id],
            reuse=[r for r in self.reuse if r.target in ids],
            brief=[b for b in self.brief if b.citations and b.citations[0].article_id in ids],
            chains=[c for c in self.chains if c.article_id in ids],
            profiles=[p for p in self.profiles if p.story_id == story_id],
        )
