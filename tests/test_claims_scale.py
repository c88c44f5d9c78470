"""Claims in a story of copies (issue 17): a sentence hundreds of outlets print is one claim
with every copy counted, and the work grows with the distinct wordings, not with the square
of the copies."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsprism.annotate import Annotator
from newsprism.compare import claims as claims_module
from newsprism.compare.claims import claims_and_disputes
from newsprism.compare.framing import framing_findings
from newsprism.compare.near import neighbours
from newsprism.embed import Embedder, Encoder
from newsprism.model import Article, Reuse, Story
from newsprism.pipeline import read_articles

BRIDGE = ("The Harlow river bridge was closed on Monday after engineers found cracks in two of its pillars, "
          "the city council said.")
DENIAL = "The city council denied that the Harlow river bridge had been closed because of cracks."
SLAMMED = ("The mayor slammed the council's decision to close the Harlow river bridge on Monday after engineers "
           "found cracks.")


def _plain_top(vectors: np.ndarray, k: int, floor: float) -> list[dict[int, float]]:
    """The search proposition by proposition, as it was before distinct wordings."""
    near: list[dict[int, float]] = [{} for _ in vectors]
    for i, sims in enumerate(vectors @ vectors.T):
        sims[i] = -1.0
        for j in np.argsort(-sims, kind="stable")[:k]:
            if sims[j] >= floor:
                near[i][int(j)] = near[int(j)].setdefault(i, float(sims[j]))
    return near


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_without_copies_the_neighbours_are_the_plain_top_k() -> None:
    vectors = _unit(np.random.default_rng(7).normal(size=(300, 16)))
    found, plain = neighbours(vectors, 12, 0.1), _plain_top(vectors, 12, 0.1)
    assert [set(row) for row in found] == [set(row) for row in plain]
    assert all(row[j] == pytest.approx(plain[i][j], abs=1e-6) for i, row in enumerate(found) for j in row)


def test_copies_reach_each_other_through_k_neighbours_each() -> None:
    """600 copies of one vector beside 20 others: each copy still has its k neighbours, the
    copies form one connected group, and the pairs grow with the copies times k."""
    rng = np.random.default_rng(3)
    others = _unit(rng.normal(size=(20, 16)))
    vectors = np.vstack([np.repeat(others[:1], 600, axis=0), others[1:]])
    near = neighbours(vectors, 10, -1.0)
    assert all(len(row) >= 10 for row in near)
    assert sum(len(row) for row in near) <= 2 * 10 * len(vectors)
    seen, todo = {0}, [0]
    while todo:
        for j in near[todo.pop()]:
            if j < 600 and j not in seen:
                seen.add(j)
                todo.append(j)
    assert seen == set(range(600))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator) -> list[Article]:
    """One article, annotated once: the bridge report and a line of its own; the denial apart."""
    feed: Path = tmp_path_factory.mktemp("copies") / "feed.jsonl"
    rows = [{"id": "base", "outlet": "Wire", "text": f"{BRIDGE}\n\nTraffic was diverted through the town centre, "
             "causing long delays for commuters in Harlow."},
            {"id": "denial", "outlet": "Council", "text": DENIAL},
            {"id": "slammed", "outlet": "Tabloid", "text": f"{SLAMMED}\n\nTraffic was diverted through the town "
             "centre, causing long delays for commuters in Harlow."}]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    articles, failed = read_articles([feed], annotator=annotator)
    assert not failed
    return articles


def _copies(article: Article, n: int, prefix: str) -> list[Article]:
    """``n`` outlets printing ``article`` word for word."""
    return [replace(article, id=f"{prefix}{k:04d}", outlet=f"{prefix} outlet {k}", quotes=[],
                    claims=[replace(m, article_id=f"{prefix}{k:04d}") for m in article.claims]) for k in range(n)]


def test_a_sentence_n_outlets_print_is_one_claim_judged_once(printed: list[Article], encoder: Encoder,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    judged: list[int] = []
    same_claim = claims_module._same_claim

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        judged.append(1)
        return same_claim(*args, **kwargs)

    monkeypatch.setattr(claims_module, "_same_claim", counting)
    calls = {}
    for n in (6, 120):
        articles = _copies(printed[0], n, "p")
        judged.clear()
        claims, _ = claims_and_disputes(Story("s", "bridge", [a.id for a in articles]), articles, [], encoder)
        calls[n] = len(judged)
        (bridge,) = [c for c in claims if "closed on Monday" in c.text]
        assert bridge.status == "corroborated"
        assert len(bridge.mentions) == len(bridge.articles) == len(bridge.sources) == n  # every copy counted
        assert len(bridge.support) == n and not bridge.omitted_by
        assert len(claims) == len(printed[0].claims)  # each proposition one claim, however many print it
    # 20 times the copies: pairs of copies would be 400 times the judgements, linear growth 20 times
    assert calls[120] <= 20 * calls[6]


def test_a_denial_many_outlets_print_is_one_dispute_with_all_of_them(printed: list[Article],
                                                                      encoder: Encoder) -> None:
    articles = [*_copies(printed[0], 30, "p"), *_copies(printed[1], 50, "d")]
    claims, disputes = claims_and_disputes(Story("s", "bridge", [a.id for a in articles]), articles, [], encoder)
    (dispute,) = [d for d in disputes if d.kind == "denial"]
    denying, denied = dispute.sides
    assert {s.article_id for s in denying.support} == {a.id for a in articles[30:]}
    assert {s.article_id for s in denied.support} == {a.id for a in articles[:30]}
    (bridge,) = [c for c in claims if "closed on Monday" in c.text]
    assert bridge.status == "contested" and len(bridge.articles) == 30


def test_a_loaded_word_many_outlets_print_counts_them_all_and_names_a_few(printed: list[Article], encoder: Encoder,
                                                                          embedder: Embedder) -> None:
    articles = _copies(printed[2], 30, "t")
    claims, _ = claims_and_disputes(Story("s", "bridge", [a.id for a in articles]), articles, [], encoder)
    findings = [f for f in framing_findings(articles, claims, embedder) if f.text == "slammed"]
    assert len(findings) == 30  # one per outlet
    first = findings[0]
    named = ", ".join(f"t outlet {k}" for k in range(1, 9))
    assert f"also used by 29 other outlets ({named}, and 21 more) for the same fact" in first.note


class _Counting:
    """An encoder that records what it is asked to embed (random unit vectors)."""

    dimensions = 8

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return _unit(np.random.default_rng(len(texts)).normal(size=(len(texts), 8)))


def test_a_story_of_one_article_without_a_denial_embeds_nothing(printed: list[Article]) -> None:
    """Inside one article only a denial is matched with another proposition, and echoes look
    for another source's sentence: a one-article story without a denial (most of a day's
    stories) costs the encoder nothing, and each proposition is its own claim."""
    counting = _Counting()
    article = printed[0]
    claims, disputes = claims_and_disputes(Story("s", "bridge", [article.id]), [article], [], counting)  # type: ignore[arg-type]
    assert counting.embedded == []
    assert claims and all(c.status == "single_source" and len(c.support) == 1 for c in claims)
    assert not disputes


def test_a_story_of_one_article_embeds_its_denials_and_finds_what_they_deny(
        annotator: Annotator, encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An outlet that reports a claim and its denial: the dispute is found as when every
    proposition is embedded, and the encoder reads only the denial and what it may deny."""
    feed = tmp_path / "one.jsonl"
    text = ("Residents said the Harlow river bridge had been closed because of cracks in two pillars.\n\n"
            f"{DENIAL}\n\nTraffic was diverted through the town centre, the police said.")
    feed.write_text(json.dumps({"id": "one", "outlet": "Gazette", "text": text}), encoding="utf-8")
    (article,), failed = read_articles([feed], annotator=annotator)
    assert not failed and any(m.denial for m in article.claims)
    story = Story("s", "bridge", [article.id])

    class Recording:
        dimensions = encoder.dimensions
        embedded: list[str] = []

        def embed(self, texts: list[str]) -> np.ndarray:
            self.embedded.extend(texts)
            return encoder.embed(texts)

    recording = Recording()
    found = claims_and_disputes(story, [article], [], recording)  # type: ignore[arg-type]
    monkeypatch.setattr(claims_module, "_meeting", lambda mentions, *_: list(range(len(mentions))))
    everything = claims_and_disputes(story, [article], [], encoder)
    assert found == everything
    claims, disputes = found
    assert [d.kind for d in disputes] == ["denial"]
    unverbed = {m.core or m.text for m in article.claims if not m.denial and (m.negated or not m.verb)}
    assert not unverbed & set(recording.embedded)
    diverted = [m.core or m.text for m in article.claims if "diverted" in m.text]
    assert diverted and not set(diverted) & set(recording.embedded)  # a predicate no denial is about
    assert any("two pillars" in text for text in recording.embedded)  # what the denial denies


def test_a_story_of_one_source_embeds_its_claims_but_not_every_sentence(printed: list[Article]) -> None:
    """Echoes look for another source's sentence; a story of one article has none, so its
    sentences are not embedded (most of a one-article story's time)."""
    counting = _Counting()
    articles = printed[:1] + _copies(printed[0], 2, "c")  # one source: the article and its copies
    reuse = [Reuse(articles[0].id, a.id, "copy", 1.0) for a in articles[1:]]
    claims, _ = claims_and_disputes(Story("s", "bridge", [a.id for a in articles]), articles, reuse, counting)  # type: ignore[arg-type]
    assert claims and all(c.status == "single_source" for c in claims)
    sentences = {a.text[s.start : s.end] for a in articles for s in a.sentences}
    assert counting.embedded and not sentences & set(counting.embedded) - {m.core or m.text for m in articles[0].claims}
