"""Online story grouping: each new article joins the story it fits best, or starts one.

An article is compared with a story AS A WHOLE, never with its single nearest member, so
a chain of pairwise look-alikes (shooting A ~ shooting B ~ shooting C) cannot pull
different events into one story:
  * embedding: the average cosine to the members' lead embeddings (the dot product with
    their mean: average link at the cost of one vector);
  * entity keys and words: the average cosine to the members' profiles, each key weighted
    by its inverse document frequency (over the articles seen when the member joined: idf
    settles after the first few hundred articles), kept as the sum of the members' unit
    profiles so that one dot product gives the average link;
  * date: distance to the nearest dated member; past a news cycle's slack it costs score.
The score is the mean of the three similarities minus the date penalty.

Candidates come from an inverted index over the rarer keys (the latest stories of each
posting list) and random-hyperplane LSH over the embeddings, so adding an article costs
about the same at 100k articles as at 1k: no all-pairs matrix is ever built.

All state is plain data (lists, dicts, numpy arrays): the index pickles as it stands, and
``snapshot``/``restore`` save and load it as JSON and arrays (what the store keeps); the
encoder is not part of it and is passed to ``add`` or attached again after loading.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..config import StorySettings
from ..model import Article, Story
from .stories import story_id
from .storyfeatures import StoryFeatures, features, lead_text


class Encoder(Protocol):
    def embed(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class StoryState:
    """One story inside the index: enough to score a newcomer without its members' texts."""

    members: list[str]
    vector_sum: np.ndarray  # sum of the members' unit lead embeddings
    entities: dict[str, float]  # sum of the members' unit idf-weighted entity profiles
    words: dict[str, float]  # the same for their words
    days: list[int]  # publish days of the dated members, sorted
    titles: list[tuple[str, str]] = field(default_factory=list)  # (article id, headline)


@dataclass
class Match:
    """How an article compared with the story it was scored against (kept for explanations)."""

    story: int
    score: float
    embedding: float
    entities: float
    words: float
    date_gap: int | None


class StoryIndex:
    """Stories built one article at a time. ``add`` never re-clusters what is already in."""

    def __init__(self, settings: StorySettings | None = None, encoder: Encoder | None = None) -> None:
        self.settings = settings or StorySettings()
        self.encoder = encoder
        self.stories: list[StoryState] = []
        self.story_of: dict[str, int] = {}
        self.vectors: dict[str, np.ndarray] = {}  # article id -> unit lead embedding
        self.df: dict[str, int] = {}  # key -> number of articles holding it
        self.articles = 0
        self.postings: dict[str, list[int]] = {}
        self.buckets: list[dict[int, list[int]]] = [{} for _ in range(self.settings.lsh_tables)]
        self.planes: np.ndarray | None = None  # drawn on the first vector, from the seed

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["encoder"] = None  # a model is not index state; attach it again after loading
        return state

    # ------------------------------------------------------------------ saving as plain data
    def snapshot(self) -> tuple[dict, dict[str, np.ndarray]]:
        """The whole state as JSON-able data and numpy arrays (no pickles: a stored index can
        be loaded from an untrusted file). ``restore`` gives an index that scores and adds
        exactly as this one."""
        ids = list(self.vectors)
        dimension = len(next(iter(self.vectors.values()))) if ids else 0
        state = {
            "ids": ids, "articles": self.articles, "df": self.df, "postings": self.postings,
            "buckets": [{str(code): numbers for code, numbers in table.items()} for table in self.buckets],
            "stories": [{"members": st.members, "entities": st.entities, "words": st.words, "days": st.days,
                         "titles": st.titles} for st in self.stories],
        }
        arrays = {
            "vectors": np.stack([self.vectors[i] for i in ids]) if ids else np.zeros((0, dimension), np.float32),
            "sums": np.stack([st.vector_sum for st in self.stories]) if self.stories else np.zeros((0, dimension),
                                                                                                 np.float32),
        }
        if self.planes is not None:
            arrays["planes"] = self.planes
        return state, arrays

    @classmethod
    def restore(cls, state: dict, arrays: dict[str, np.ndarray], settings: StorySettings | None = None,
                encoder: Encoder | None = None) -> StoryIndex:
        index = cls(settings, encoder)
        index.articles = int(state["articles"])
        index.df = {k: int(v) for k, v in state["df"].items()}
        index.postings = {k: list(v) for k, v in state["postings"].items()}
        index.buckets = [{int(code): list(numbers) for code, numbers in table.items()} for table in state["buckets"]]
        index.vectors = {i: np.asarray(v, np.float32) for i, v in zip(state["ids"], arrays["vectors"], strict=True)}
        index.stories = [StoryState(list(st["members"]), np.asarray(vector_sum, np.float32), dict(st["entities"]),
                                    dict(st["words"]), list(st["days"]), [tuple(t) for t in st["titles"]])
                         for st, vector_sum in zip(state["stories"], arrays["sums"], strict=True)]
        index.story_of = {member: number for number, st in enumerate(index.stories) for member in st.members}
        index.planes = np.asarray(arrays["planes"], np.float32) if "planes" in arrays else None
        return index

    # ------------------------------------------------------------------ adding
    def add(self, article: Article, vector: np.ndarray | None = None) -> Story:
        """Put ``article`` in the story it fits (or a new one) and return that story.

        ``vector``: its lead embedding when the caller embedded a batch at once (the same
        vector the encoder would give, so the result is the same). An article already in
        the index is not added twice."""
        if article.id not in self.story_of:
            if vector is None:
                if self.encoder is None:
                    raise ValueError("StoryIndex.add needs an encoder or a precomputed vector")
                vector = self.encoder.embed([lead_text(article, self.settings.lead_sentences)])[0]
            item = features(article, self.settings.lead_sentences, self.settings.body_weight)
            self.add_features(item, np.asarray(vector, np.float32))
        return self.story(self.story_of[article.id])

    def story(self, number: int) -> Story:
        """The story as the report shows it: id from its members, title of its most central member."""
        state = self.stories[number]
        titled = [(float(self.vectors[a] @ state.vector_sum), a, t) for a, t in state.titles]
        title = min(titled, key=lambda x: (-x[0], x[1]))[2] if titled else ""
        return Story(id=story_id(state.members), title=title, article_ids=sorted(state.members))

    def all_stories(self) -> list[Story]:
        """Every story, largest first, ties by first member id."""
        stories = [self.story(n) for n in range(len(self.stories))]
        return sorted(stories, key=lambda s: (-len(s.article_ids), s.article_ids[0]))

    def add_features(self, item: StoryFeatures, vector: np.ndarray) -> int:
        self.articles += 1
        for key in (*item.entities, *(f"w:{w}" for w in item.words)):
            self.df[key] = self.df.get(key, 0) + 1
        best = self.best_match(item, vector)
        entities, words = self._unit_profiles(item)
        if best is not None and best.score >= self.settings.join_score:
            number = best.story
            story = self.stories[number]
            story.members.append(item.article_id)
            story.vector_sum += vector
            _accumulate(story.entities, entities)
            _accumulate(story.words, words)
        else:
            number = len(self.stories)
            story = StoryState([item.article_id], vector.copy(), entities, words, [])
            self.stories.append(story)
        if item.day is not None:
            bisect.insort(story.days, item.day)
        if item.title:
            story.titles.append((item.article_id, item.title))
        self.story_of[item.article_id] = number
        self.vectors[item.article_id] = vector
        self._index(number, item, vector)
        return number

    # ------------------------------------------------------------------ scoring
    def best_match(self, item: StoryFeatures, vector: np.ndarray) -> Match | None:
        numbers = self.candidates(item, vector)
        if not numbers:
            return None
        profiles = self._unit_profiles(item)
        matches = [self.score(number, profiles, item.day, vector) for number in numbers]
        return max(matches, key=lambda m: (m.score, -m.story))

    def score(self, number: int, profiles: tuple[dict[str, float], dict[str, float]], day: int | None,
              vector: np.ndarray) -> Match:
        """Average link of the article to the story's members. ``profiles``: the article's
        unit idf-weighted entity and word profiles."""
        story = self.stories[number]
        settings = self.settings
        size = len(story.members)
        embedding = float(vector @ story.vector_sum) / size
        entities = _dot(profiles[0], story.entities) / size
        words = _dot(profiles[1], story.words) / size
        gap = _nearest_gap(story.days, day)
        penalty = 0.0
        if gap is not None and gap > settings.date_slack_days:
            penalty = settings.date_penalty_per_doubling * math.log2(gap / settings.date_slack_days)
        weights = (settings.weight_embedding, settings.weight_entities, settings.weight_words)
        score = (weights[0] * embedding + weights[1] * entities + weights[2] * words) / sum(weights) - penalty
        return Match(number, score, embedding, entities, words, gap)

    def idf(self, key: str) -> float:
        return math.log((1 + self.articles) / (1 + self.df.get(key, 0))) + 1

    def _unit_profiles(self, item: StoryFeatures) -> tuple[dict[str, float], dict[str, float]]:
        """The article's entity and word profiles, idf-weighted and of unit length."""
        return _unit({k: w * self.idf(k) for k, w in item.entities.items()}), \
            _unit({k: w * self.idf("w:" + k) for k, w in item.words.items()})

    # ------------------------------------------------------------------ candidates
    def candidates(self, item: StoryFeatures, vector: np.ndarray) -> list[int]:
        """Stories sharing rare keys or LSH buckets with the article, the ones sharing most
        (ties: the most recent) first, at most ``max_candidates``: never all of them."""
        hits: dict[int, int] = {}
        settings = self.settings
        limit = max(2, settings.max_key_share * self.articles)
        for key in self._keys(item):
            if self.df.get(key, 0) <= limit:
                for number in self.postings.get(key, [])[-settings.max_postings_per_key:]:
                    hits[number] = hits.get(number, 0) + 1
        for table, code in zip(self.buckets, self._codes(vector), strict=True):
            for number in table.get(code, [])[-settings.max_postings_per_key:]:
                hits[number] = hits.get(number, 0) + 1
        ranked = sorted(hits, key=lambda n: (-hits[n], -n))
        return ranked[: settings.max_candidates]

    def _keys(self, item: StoryFeatures) -> list[str]:
        return [*item.entities, *(f"w:{w}" for w in item.words)]

    def _codes(self, vector: np.ndarray) -> list[int]:
        settings = self.settings
        if self.planes is None:
            rng = np.random.default_rng(settings.lsh_seed)
            self.planes = rng.standard_normal((settings.lsh_tables * settings.lsh_bits, len(vector))).astype(np.float32)
        bits = (self.planes @ vector > 0).reshape(settings.lsh_tables, settings.lsh_bits)
        weights = 1 << np.arange(settings.lsh_bits)
        return [int(b) for b in (bits * weights).sum(axis=1)]

    def _index(self, number: int, item: StoryFeatures, vector: np.ndarray) -> None:
        for key in self._keys(item):
            posting = self.postings.setdefault(key, [])
            if not posting or posting[-1] != number:
                posting.append(number)
        for table, code in zip(self.buckets, self._codes(vector), strict=True):
            bucket = table.setdefault(code, [])
            if not bucket or bucket[-1] != number:
                bucket.append(number)


def _accumulate(total: dict[str, float], add: dict[str, float]) -> None:
    for key, weight in add.items():
        total[key] = total.get(key, 0.0) + weight


def _unit(profile: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in profile.values()))
    return {k: w / norm for k, w in profile.items()} if norm else {}


def _dot(small: dict[str, float], large: dict[str, float]) -> float:
    return sum(w * large.get(k, 0.0) for k, w in small.items())


def _nearest_gap(days: list[int], day: int | None) -> int | None:
    """Days from ``day`` to the nearest of the sorted ``days``; None when either is unknown."""
    if day is None or not days:
        return None
    at = bisect.bisect_left(days, day)
    return min(abs(day - days[i]) for i in (at - 1, at) if 0 <= i < len(days))
