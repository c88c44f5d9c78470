"""Claims across outlets on the shared Kursk articles and the bundled example: the dispute
with both sides (against exactly what it denies), omissions, single-source numbers, wire
copies counted once, and the example scored against its gold file."""

from __future__ import annotations

from newsprism.compare.lexicon import flag_words
from newsprism.model import Claim, Report
from newsprism.report import render_html

from .claims_gold import score
from .conftest import kursk_article


def _claims_with(report: Report, article_prefix: str, words: str) -> list[Claim]:
    article = next(a for a in report.articles if a.id.startswith(article_prefix))
    return [c for c in report.claims for s in c.support
            if s.article_id == article.id and words in article.text[s.start : s.end]]


def test_kursk_encirclement_denial_is_contested_with_both_sides_and_omissions(kursk_report: Report) -> None:
    denial = _claims_with(kursk_report, "000", "denied the reports")
    assert len(denial) == 1
    claim = denial[0]
    assert claim.status == "contested" and claim.conflict and "General Staff" in claim.conflict
    reporting = {a[:3] for a in claim.articles}
    assert {"000", "001", "004"} <= reporting
    assert {a[:3] for a in claim.omitted_by} == {"002", "003"}
    # the other side: sentences asserting that Ukrainian troops are encircled or surrounded
    against = [kursk_report.article(s.article_id).text[s.start : s.end] for s in claim.contradicted_by]
    assert any("encircled" in t or "surrounded" in t for t in against)
    assert len({s.article_id for s in claim.contradicted_by}) >= 3


def test_kursk_numbers_only_one_outlet_gives_are_single_source(kursk_report: Report) -> None:
    clashes = _claims_with(kursk_report, "000", "13 combat clashes")
    assert clashes and all(c.status == "single_source" and len(c.articles) == 1 for c in clashes)
    # 001's "up to 1,300 square kilometers" agrees with 000's "about 1,300"; its "under 200" is its own
    article = kursk_article(kursk_report, "001")
    lone = [c for c in kursk_report.claims if c.note and c.articles == [article.id]]
    assert [article.text[c.support[0].start : c.support[0].end] for c in lone] == ["200"]
    assert lone[0].status == "single_source" and "200" in (lone[0].note or "")
    shared = _claims_with(kursk_report, "001", "1,300 square kilometers")
    assert any(c.status == "corroborated" and c.note is None for c in shared)


def test_kursk_every_claim_is_cited(kursk_report: Report) -> None:
    assert kursk_report.claims
    ids = {a.id for a in kursk_report.articles}
    for claim in kursk_report.claims:
        assert claim.support and all(s.article_id in ids and s.start < s.end for s in claim.support)
        assert len(claim.sources) <= len(claim.articles)
        if claim.status == "corroborated":
            assert len(claim.sources) >= 2


def test_example_wire_copy_counts_once_and_numbers_conflict(example_report: Report) -> None:
    assert any(r.kind == "copy" and {r.source[:3], r.target[:3]} == {"002", "003"} for r in example_report.reuse)
    evacuation = _claims_with(example_report, "002", "evacuation of 120")
    assert evacuation
    claim = evacuation[0]
    assert len(claim.sources) < len(claim.articles)  # 002 and its copy 003 are one source
    contested = [c for c in example_report.claims if c.conflict and "numbers differ" in c.conflict]
    assert any("40" in (c.conflict or "") and "120" in (c.conflict or "") for c in contested)
    union = _claims_with(example_report, "002", "denied that its members")
    assert union and "003_coastline_daily" in union[0].omitted_by  # the copy leaves the union out
    assert "001_valmora_herald" not in union[0].omitted_by  # it has the union's words: "followed every rule"
    # the union's "rejected that account" is set against the account it rejects, and only that
    rejected = next(d for d in example_report.disputes if d.kind == "denial" and any(
        "rejected that account" in example_report.article(s.article_id).text[s.start : s.end]
        for s in d.sides[0].support))
    against = [example_report.article(s.article_id).text[s.start : s.end] for s in rejected.sides[1].support]
    assert against and all("electrical fault" in t or "left running" in t for t in against)


def test_coverage_matrix_in_html(kursk_report: Report) -> None:
    html = render_html(kursk_report)
    sid = kursk_report.stories[0].id
    assert f'id="{sid}-claims"' in html and 'class="matrix"' in html and "Disputed: both sides" in html
    article = kursk_article(kursk_report, "002")
    assert "cov-omitted" in html and article.id in html


def test_negation_and_independent_reports(tmp_path, annotator, embedder) -> None:  # type: ignore[no-untyped-def]
    """Written for this test: one outlet says the bridge was closed, another that it was not."""
    import json

    from newsprism import analyze

    rows = [
        {"id": "a", "outlet": "Outlet A", "text": "The Harlow river bridge was closed on Monday after engineers found "
         "cracks in two of its pillars, the city council said.\n\nTraffic was diverted through the town centre, "
         "causing long delays for commuters in Harlow."},
        {"id": "b", "outlet": "Outlet B", "text": "The Harlow river bridge was not closed on Monday, the city council "
         "said, although engineers were inspecting cracks in two of its pillars.\n\nTraffic was diverted through the "
         "centre of Harlow, causing long delays for commuters."},
    ]
    feed = tmp_path / "bridge.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = analyze([feed], annotator=annotator, embedder=embedder)
    closed = _claims_with(report, "a", "was closed on Monday")
    assert closed and closed[0].status == "contested" and closed[0].conflict
    assert [s.article_id for s in closed[0].contradicted_by] == ["b"]
    delays = _claims_with(report, "a", "long delays")
    assert delays and delays[0].status == "corroborated" and len(delays[0].sources) == 2


def test_example_against_its_gold_file(example_report: Report) -> None:
    """tests/gold/harbor-fire-claims.json, written by reading the example as a fact-checker:
    no dispute with a wrong side, no outlet said to omit what it states, no dispute missed."""
    result = score(example_report, "harbor-fire-claims")
    assert (result.wrong_sides, result.false_omissions, result.missed_disputes) == (0, 0, 0), result.errors


def test_kursk_the_denial_is_one_dispute_against_what_it_denies(kursk_report: Report) -> None:
    denials = [d for d in kursk_report.disputes if d.kind == "denial"]
    assert len(denials) == 1  # every report of the General Staff's denial, shown once
    (dispute,) = denials
    text = {id(s): kursk_report.article(s.article_id).text[s.start : s.end] for side in dispute.sides
            for s in side.support}
    denying, denied = ([text[id(s)] for s in side.support] for side in dispute.sides)
    assert all("General Staff" in t or "military leadership" in t for t in denying)
    assert {s.article_id[:3] for s in dispute.sides[0].support} == {"000", "001", "004"}
    # the other side says the troops are surrounded or encircled, in any outlet's words: Trump's post,
    # what the outlets take for granted ("soldiers surrounded by Russian forces"), Gerasimov's statement
    assert all("surrounded" in t or "encircled" in t for t in denied)
    assert any("Trump" in t for t in denied) and "Donald Trump" in dispute.sides[1].holders
    assert {s.article_id[:3] for s in dispute.sides[1].support} == {"000", "001", "002", "003", "004"}
    assert not any("guaranteed" in t for t in denied)  # not Putin's offer, which nobody denies
    denial_claim = next(c for c in kursk_report.claims if c.id in dispute.sides[0].claim_ids)
    assert sorted(a[:3] for a in denial_claim.omitted_by) == ["002", "003"]


def test_claims_state_their_figures_and_read_neutrally(kursk_report: Report, example_report: Report) -> None:
    """Every supporting span of a number claim gives a figure; the wording shown is free of an
    outlet's loaded words when some version is; two disputes never hold the same claims."""
    for report in (kursk_report, example_report):
        for claim in report.claims:
            with_figure = [any(x.value is not None for x in m.numbers) for m in claim.mentions]
            assert all(with_figure) or not any(with_figure), claim.text
            neutral = [m.text for m in claim.mentions if not any(not f.quoted for f in flag_words(m.text))]
            if neutral and not claim.note:
                assert not any(not f.quoted for f in flag_words(claim.text)), claim.text
        sides = [frozenset(side.claim_ids) for d in report.disputes for side in d.sides]
        assert len(sides) == len(set(sides))


def test_a_claim_is_worded_from_a_version_no_outlet_altered(kursk_report: Report) -> None:
    """004 quotes Putin as "ensured life" where three outlets have "guaranteed life" (the quote
    group calls it altered): the claim shows an unaltered version."""
    (claim,) = [c for c in _claims_with(kursk_report, "004", "ensured life") if c.note is None]
    assert len(claim.articles) >= 4 and "ensured" not in claim.text and "guaranteed life" in claim.text
