"""Story grouping on real articles: the Kursk five, the bundled example, and unrelated real
articles read from ../shared/datasets at test time (never copied into the repository)."""

from __future__ import annotations

import json
import pickle
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from newsprism.annotate import Annotator, annotate_all
from newsprism.clean import clean
from newsprism.embed import Embedder
from newsprism.model import Article, RawDocument, Report, Source
from newsprism.relate import StoryIndex, canonical_order, group_stories, story_id

from .conftest import SHARED

BASIL = SHARED / "datasets" / "basil" / "articles"
ECB = SHARED / "datasets" / "ecbplus" / "ECB+"
# Two BASIL triplets (three outlets each) on events unrelated to Kursk or the example.
BASIL_TRIPLETS = ("2058ec60-5372-4f5f-83a3-da780be3a350", "97566c74-e000-49fb-b091-e6ec6e179de0")


def _annotated(raws: list[RawDocument], annotator: Annotator) -> list[Article]:
    return list(annotate_all([clean(r) for r in raws], annotator))


def _basil(annotator: Annotator) -> list[Article]:
    raws = []
    for triplet in BASIL_TRIPLETS:
        for path in sorted(BASIL.glob(f"*/{triplet}_*.json")):
            data = json.loads(path.read_text("utf-8"))
            body = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
            raws.append(RawDocument(id=f"basil-{path.stem}", source=Source(path=str(path)), content=body,
                                    content_type="text", title=data["title"], published=data["date"]))
    if len(raws) != 6:
        pytest.fail(f"BASIL articles missing under {BASIL}")
    return _annotated(raws, annotator)


def _ecb(annotator: Annotator, topic: int, names: list[str]) -> list[Article]:
    raws = []
    for name in names:
        tokens: dict[int, list[str]] = {}
        for token in ET.parse(ECB / str(topic) / f"{topic}_{name}.xml").getroot().iter("token"):
            tokens.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        if name.endswith("ecbplus"):
            tokens.pop(0, None)  # the page's URL
        text = "\n\n".join(" ".join(tokens[k]) for k in sorted(tokens))
        raws.append(RawDocument(id=f"ecb-{topic}_{name}", source=Source(path=name), content=text, content_type="text"))
    return _annotated(raws, annotator)


@pytest.fixture(scope="session")
def mixed(kursk_report: Report, example_report: Report, annotator: Annotator) -> list[Article]:
    return [*kursk_report.articles, *example_report.articles, *_basil(annotator)]


def _groups(stories) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(s.article_ids) for s in stories}


def _story_of(stories, article_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in stories if article_id in s.article_ids)


def test_events_come_apart_and_kursk_stays_whole(mixed: list[Article], kursk_report: Report,
                                                example_report: Report, embedder: Embedder) -> None:
    stories = group_stories(mixed, None, embedder)
    kursk = {a.id for a in kursk_report.articles}
    example = {a.id for a in example_report.articles}
    assert set(_story_of(stories, next(iter(kursk))).article_ids) == kursk
    assert set(_story_of(stories, next(iter(example))).article_ids) == example
    for triplet in BASIL_TRIPLETS:  # each triplet: one story of its own three outlets
        members = {a.id for a in mixed if triplet in a.id}
        assert set(_story_of(stories, next(iter(members))).article_ids) == members
    assert len(stories) == 4
    assert [len(s.article_ids) for s in stories] == sorted((len(s.article_ids) for s in stories), reverse=True)
    kursk_story = _story_of(stories, next(iter(kursk)))
    assert kursk_story.id == story_id(kursk)
    assert kursk_story.title in {a.title for a in kursk_report.articles}


def test_look_alike_events_come_apart(annotator: Annotator, embedder: Embedder) -> None:
    """ECB+ topic 1: two different celebrities checking into rehab, years apart."""
    reid = ["1ecb", "3ecb", "7ecb"]
    lohan = ["1ecbplus", "3ecbplus", "7ecbplus"]
    articles = _ecb(annotator, 1, reid + lohan)
    groups = _groups(group_stories(articles, None, embedder))
    for group in groups:
        assert not (any("ecbplus" in i for i in group) and any(i.endswith("ecb") for i in group)), groups


def test_batch_equals_online_in_canonical_order(mixed: list[Article], embedder: Embedder) -> None:
    index = StoryIndex(encoder=embedder)
    joined = [index.add(article) for article in canonical_order(mixed)]
    assert index.all_stories() == group_stories(mixed, None, embedder)
    # what add() returned was the story as it stood then; the last one is final
    assert joined[-1] in index.all_stories()


def test_batch_does_not_depend_on_input_order(mixed: list[Article], embedder: Embedder) -> None:
    expected = group_stories(mixed, None, embedder)
    for seed in (1, 2):
        shuffled = mixed[:]
        random.Random(seed).shuffle(shuffled)
        assert group_stories(shuffled, None, embedder) == expected
    assert group_stories(mixed[::-1], None, embedder) == expected


def test_story_ids_stable_when_unrelated_articles_are_added(mixed: list[Article], kursk_report: Report,
                                                             embedder: Embedder) -> None:
    alone = group_stories(kursk_report.articles, None, embedder)
    together = group_stories(mixed, None, embedder)
    assert len(alone) == 1
    assert alone[0].id in {s.id for s in together}


def test_index_survives_pickling(mixed: list[Article], embedder: Embedder, tmp_path: Path) -> None:
    ordered = canonical_order(mixed)
    index = StoryIndex(encoder=embedder)
    for article in ordered[:8]:
        index.add(article)
    path = tmp_path / "index.pkl"
    path.write_bytes(pickle.dumps(index))
    restored = pickle.loads(path.read_bytes())
    assert restored.encoder is None  # the model is not index state
    restored.encoder = embedder
    for article in ordered[8:]:
        restored.add(article)
    assert restored.all_stories() == group_stories(mixed, None, embedder)


def test_index_survives_a_snapshot_as_json_and_arrays(mixed: list[Article], embedder: Embedder,
                                                     tmp_path: Path) -> None:
    """What the store keeps: JSON and an .npz loaded without pickles; the restored index adds
    the rest exactly as one built in one go."""
    import numpy as np

    ordered = canonical_order(mixed)
    index = StoryIndex(encoder=embedder)
    for article in ordered[:8]:
        index.add(article)
    state, arrays = index.snapshot()
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    np.savez(tmp_path / "arrays.npz", **arrays)
    with np.load(tmp_path / "arrays.npz", allow_pickle=False) as loaded:
        restored = StoryIndex.restore(json.loads((tmp_path / "state.json").read_text(encoding="utf-8")),
                                      dict(loaded), encoder=embedder)
    for article in ordered[8:]:
        restored.add(article)
    assert restored.all_stories() == group_stories(mixed, None, embedder)


def test_story_id_is_a_function_of_members_only() -> None:
    assert story_id(["b", "a"]) == story_id(["a", "b"])
    assert story_id(["a", "b"]) != story_id(["a", "b", "c"])
    assert story_id(["a"]).startswith("story-") and len(story_id(["a"])) == len("story-") + 10


def test_leads_embedded_a_chunk_at_a_time_get_the_vectors_of_one_call(embedder: Embedder) -> None:
    # a streamed run embeds the leads _LEADS_AT_ONCE at a time, the batch path all at once:
    # the stories are the same only if each lead's vector is
    from newsprism.relate import stories

    texts = [piece for path in sorted((SHARED / "corpora" / "kursk-2025-03").glob("*.txt"))
             for piece in re.split(r"(?<=[.!?])\s+|\n", path.read_text("utf-8")) if piece.strip()]
    size = 50  # chunks of any size, none aligned with WordLlama's own batches of 64
    assert len(texts) > 2 * size and stories._LEADS_AT_ONCE > 0
    whole = embedder.embed(texts)
    chunked = [embedder.embed(texts[i : i + size]) for i in range(0, len(texts), size)]
    assert (whole == np.concatenate(chunked)).all()
