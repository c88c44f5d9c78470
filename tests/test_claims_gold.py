"""The claims gold scorer (tests/claims_gold.py) on small hand-built reports, and the
consistency of the gold file for the bundled example."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.model import Article, Claim, Report, Source, Span

from .claims_gold import GoldError, load_gold, locate, score

TEXTS = {
    "a1": "A fire hit the dock on Monday. Officials said 120 workers were evacuated. "
          "The port said staff left a heater on.",
    "a2": "A fire hit the dock on Monday. Some 40 workers were evacuated. "
          "The union denied that its members broke any rules.",
    "a3": "Fire struck the dock on Monday night, forcing workers out. The union said its members broke no rules.",
}

GOLD: list[dict[str, Any]] = [
    {"id": "fire-monday", "statement": "A fire hit the dock on Monday.", "status": "corroborated",
     "stated_in": {"a1": ["A fire hit the dock on Monday"], "a2": ["A fire hit the dock on Monday"],
                   "a3": ["Fire struck the dock on Monday night"]}, "omitted_by": []},
    {"id": "evac-120", "statement": "120 workers were evacuated.", "status": "contested",
     "stated_in": {"a1": ["120 workers were evacuated"]}, "vague_in": {"a3": ["forcing workers out"]},
     "omitted_by": ["a2"],
     "disputed_by": [{"claim": "evac-40", "why": "numbers differ", "dispute": "evacuated"}], "held_by": ["Officials"]},
    {"id": "evac-40", "statement": "Some 40 workers were evacuated.", "status": "contested",
     "stated_in": {"a2": ["Some 40 workers were evacuated"]}, "omitted_by": ["a1"],
     "disputed_by": [{"claim": "evac-120", "why": "numbers differ", "dispute": "evacuated"}]},
    {"id": "heater-on", "statement": "Staff left a heater on.", "status": "contested",
     "stated_in": {"a1": ["staff left a heater on"]}, "omitted_by": ["a2", "a3"],
     "disputed_by": [{"claim": "rules-kept", "why": "denial", "dispute": "cause"}], "held_by": ["the port"]},
    {"id": "rules-kept", "statement": "The union's members broke no rules.", "status": "contested",
     "stated_in": {"a2": ["denied that its members broke any rules"], "a3": ["its members broke no rules"]},
     "omitted_by": ["a1"],
     "disputed_by": [{"claim": "heater-on", "why": "denial", "dispute": "cause"}], "held_by": ["the union"]},
]


def sp(article_id: str, words: str) -> Span:
    start = TEXTS[article_id].index(words)
    return Span(article_id, start, start + len(words))


def sentence(article_id: str, words: str) -> Span:
    """The whole sentence around ``words``: the scorer must map sentence spans as well as clauses."""
    text = TEXTS[article_id]
    at = text.index(words)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at + len(words)) + 1
    return Span(article_id, start, end)


def claim(cid: str, support: list[Span], against: list[Span] | None = None, omitted: list[str] | None = None,
          status: str = "corroborated") -> Claim:
    return Claim(id=cid, text=cid, status=status, support=support,  # type: ignore[arg-type]
                 contradicted_by=against or [], omitted_by=omitted or [])


def report(*claims: Claim) -> Report:
    articles = [Article(id=a, source=Source(path=f"{a}.txt"), text=t) for a, t in TEXTS.items()]
    return Report(tool_version="test", generated_at="now", articles=articles, claims=list(claims))


def right_claims() -> list[Claim]:
    return [
        claim("c-fire", [sp("a1", "A fire hit the dock"), sp("a2", "A fire hit the dock"), sp("a3", "Fire struck")]),
        claim("c-120", [sentence("a1", "120 workers")], [sentence("a2", "Some 40")], ["a2"], "contested"),
        claim("c-heater", [sp("a1", "staff left a heater on")],
              [sp("a2", "denied that its members"), sentence("a3", "broke no rules")], ["a2", "a3"], "contested"),
    ]


def test_a_right_report_scores_clean() -> None:
    result = score(report(*right_claims()), GOLD)
    assert (result.wrong_sides, result.false_omissions, result.missed_disputes, result.merged_claims) == (0, 0, 0, 0)
    assert result.errors == [] and result.ok
    assert result.meaning == {"c-fire": ["fire-monday"], "c-120": ["evac-120"], "c-heater": ["heater-on"]}
    assert result.status_mismatches == 0 and result.duplicate_disputes == 0


def test_a_denial_against_the_wrong_statement_is_a_wrong_side() -> None:
    claims = right_claims()
    claims[0] = claim("c-fire", claims[0].support, [sp("a2", "denied that its members")], status="contested")
    result = score(report(*claims), GOLD)
    assert result.wrong_sides == 1 and not result.ok
    assert any("wrong side in c-fire" in e and "rules-kept" in e for e in result.errors)


def test_two_versions_of_one_statement_set_against_each_other_is_a_wrong_side() -> None:
    claims = [*right_claims(), claim("c-rules", [sp("a2", "denied that")], [sp("a3", "broke no rules")],
                                     status="contested")]
    result = score(report(*claims), GOLD)
    assert result.wrong_sides == 1
    assert result.duplicate_disputes == 0  # c-rules shows no gold dispute at all


def test_an_omission_of_a_stated_claim_is_false_and_a_true_one_is_not() -> None:
    claims = [*right_claims(), claim("c-rules", [sp("a2", "denied that"), sp("a3", "broke no rules")],
                                     omitted=["a1", "a3"])]
    result = score(report(*claims), GOLD)
    assert result.false_omissions == 1  # a3 states it; a1 truly omits it
    assert any("false omission in c-rules" in e and "a3" in e for e in result.errors)


def test_saying_it_vaguely_is_not_omitting_it() -> None:
    claims = right_claims()
    claims[1] = claim("c-120", claims[1].support, claims[1].contradicted_by, ["a2", "a3"], "contested")
    result = score(report(*claims), GOLD)
    assert result.false_omissions == 1
    assert "forcing workers out" in " ".join(result.errors)


def test_sentences_stating_different_facts_in_one_claim_are_merged() -> None:
    claims = [*right_claims(), claim("c-mix", [sp("a1", "120 workers"), sp("a3", "its members broke no rules")])]
    result = score(report(*claims), GOLD)
    assert result.merged_claims == 1
    assert any(e.startswith("merged claim c-mix") for e in result.errors)
    # a sentence span and a clause span of the same fact are one claim, not a merge
    same = [*right_claims(), claim("c-fire2", [sentence("a1", "A fire hit"), sp("a3", "Fire struck the dock")])]
    assert score(report(*same), GOLD).merged_claims == 0


def test_missed_and_duplicate_disputes() -> None:
    claims = right_claims()
    claims[1] = claim("c-120", claims[1].support, omitted=["a2"], status="single_source")
    result = score(report(*claims), GOLD)
    assert result.missed_disputes == 1 and result.wrong_sides == 0
    assert any("missed dispute 'evacuated'" in e for e in result.errors)

    shown_twice = [*right_claims(), claim("c-rules", [sp("a3", "broke no rules")], [sp("a1", "staff left")],
                                          status="contested")]
    result = score(report(*shown_twice), GOLD)
    assert result.duplicate_disputes == 1 and result.wrong_sides == 0


def test_an_optional_dispute_may_be_shown_and_need_not_be() -> None:
    def optional(other: str) -> dict[str, Any]:
        return {"claim": other, "why": "contrary", "dispute": "x", "required": False}

    gold = [dict(c) for c in GOLD]
    gold[0] = {**gold[0], "disputed_by": [optional("evac-40")]}
    gold[2] = {**gold[2], "disputed_by": [*gold[2]["disputed_by"], optional("fire-monday")]}
    assert score(report(*right_claims()), gold).missed_disputes == 0
    claims = [*right_claims(), claim("c-x", [sp("a3", "Fire struck")], [sp("a2", "Some 40")], status="contested")]
    assert score(report(*claims), gold).wrong_sides == 0


def test_a_span_that_states_nothing_known_is_not_judged() -> None:
    claims = [*right_claims(), claim("c-said", [sp("a1", "Officials said")], [sp("a2", "The union")],
                                     ["a2"], "contested")]
    result = score(report(*claims), GOLD)
    assert result.errors == []
    assert any("c-said" in n for n in result.notes)


def test_a_gold_substring_must_occur_exactly_once() -> None:
    bad = [{**GOLD[0], "stated_in": {"a1": ["the dock"], "a2": ["A fire"]}}]
    with pytest.raises(GoldError, match="occurs 0 times|occurs 2 times"):
        locate(bad, {"a1": TEXTS["a1"] + " the dock", "a2": TEXTS["a2"]})
    with pytest.raises(GoldError, match="not in the report"):
        locate([{**GOLD[0], "stated_in": {"zz": ["x"]}}], TEXTS)


# --- the gold file of the bundled example --------------------------------------------------

HARBOR = load_gold("harbor-fire-claims")
HARBOR_IDS = {c["id"] for c in HARBOR}


def test_harbor_gold_is_consistent() -> None:
    assert len(HARBOR_IDS) == len(HARBOR)
    articles = {a for c in HARBOR for a in [*c["stated_in"], *c.get("vague_in", {}), *c["omitted_by"]]}
    assert len(articles) == 5
    for c in HARBOR:
        assert c["status"] in ("corroborated", "single_source", "contested"), c["id"]
        assert set(c["stated_in"]) | set(c.get("vague_in", {})) | set(c["omitted_by"]) == articles, c["id"]
        assert not set(c["omitted_by"]) & (set(c["stated_in"]) | set(c.get("vague_in", {}))), c["id"]
        required = [d for d in c.get("disputed_by", []) if d.get("required", True)]
        assert (c["status"] == "contested") == bool(required), c["id"]
        if required:
            assert c.get("held_by"), c["id"]
        for d in c.get("disputed_by", []):
            assert d["why"] in ("denial", "numbers differ", "contrary")
            back = [e for e in next(o for o in HARBOR if o["id"] == d["claim"])["disputed_by"] if e["claim"] == c["id"]]
            assert back and back[0]["dispute"] == d["dispute"], (c["id"], d)
        if c["status"] == "corroborated":
            assert len(c["stated_in"]) >= 2, c["id"]


def test_harbor_gold_locates_in_the_cleaned_example(example_report: Report) -> None:
    texts = {a.id: a.text for a in example_report.articles}
    gold = locate(HARBOR, texts)
    assert set(texts) == {a for c in gold.values() for a in [*c.stated, *c.vague, *c.omitted_by]}
