"""Framing on the shared Kursk articles and the bundled example: loaded wording with the
other outlets' words beside it, consistency slips, attribution chains and outlet profiles."""

from __future__ import annotations

from newsprism.model import Finding, Report
from newsprism.report import render_html

from .conftest import kursk_article


def _found(report: Report, prefix: str, words: str) -> list[Finding]:
    return [f for f in report.framing if f.article_id.startswith(prefix) and f.text.lower() == words]


def test_kursk_loaded_wording_is_flagged_with_why(kursk_report: Report) -> None:
    for prefix, words in (("003", "liberated"), ("004", "beleaguered"), ("001", "tightening the noose")):
        found = _found(kursk_report, prefix, words)
        assert found, (prefix, words)
        assert not found[0].quoted and found[0].note and found[0].category in {"label", "loaded", "idiom"}


def test_kursk_loaded_words_shown_beside_the_other_outlets_words(kursk_report: Report) -> None:
    """Where no sentence aligns, the competing words the other outlets use for the same thing."""
    expected = {("003", "liberated"): {"reclaiming", "seizing"}, ("004", "beleaguered"): {"encircled", "surrounded"}}
    for (prefix, words), alternatives in expected.items():
        found = _found(kursk_report, prefix, words)[0]
        others = {w.text.lower() for w in found.contrast}
        assert others & alternatives, (words, others)
        assert all(not w.article_id.startswith(prefix) for w in found.contrast)
        assert "other outlets" in found.note


def test_kursk_wording_contrast_with_other_outlets(kursk_report: Report) -> None:
    claimed = _found(kursk_report, "001", "claimed")
    assert claimed and claimed[0].category == "reporting_verb"
    assert {w.text for w in claimed[0].contrast} >= {"said"}
    militants = _found(kursk_report, "002", "militants")
    assert militants and militants[0].quoted  # Putin's word, as 002 renders his statement
    others = {w.text for w in militants[0].contrast}
    assert "Ukrainian soldiers" in others and "Ukrainian troops" in others
    for finding in kursk_report.framing:
        article = kursk_report.article(finding.article_id)
        assert article.text[finding.start : finding.end] == finding.text
        for w in finding.contrast:
            assert kursk_report.article(w.article_id).text[w.start : w.end] == w.text


def test_kursk_former_president_slip(kursk_report: Report) -> None:
    slips = [f for f in kursk_report.framing if f.category == "slip"]
    assert [(f.article_id[:3], f.text) for f in slips] == [("002", "former President")]
    assert "Donald Trump" in slips[0].note and len(slips[0].contrast) >= 2


def test_example_slip_and_loaded_words(example_report: Report) -> None:
    slips = [(f.article_id[:3], f.text) for f in example_report.framing if f.category == "slip"]
    assert slips == [("004", "Former minister")]
    courier = {f.text.lower() for f in example_report.framing if f.article_id.startswith("004") and not f.quoted}
    assert {"reckless", "shameful", "catastrophic"} <= courier
    neutral = {f.text.lower() for f in example_report.framing if f.article_id.startswith("002") and not f.quoted}
    assert "said" not in neutral


def test_kursk_attribution_chains_and_reliance(kursk_report: Report) -> None:
    vias = {(c.article_id[:3], c.via, c.via_kind) for c in kursk_report.chains}
    assert ("000", "Xinhua", "state_media") in vias  # the wire credit
    assert ("003", "TASS", "state_media") in vias
    assert ("003", "Strana", "media") in vias
    assert ("001", "Facebook", "social_media") in vias or ("001", "X", "social_media") in vias
    assert ("002", "Truth Social", "social_media") in vias
    profile = {p.article_id[:3]: p for p in kursk_report.profiles}
    assert profile["003"].reliance.get("state_media", 0) >= 2 and profile["003"].sources_cited["TASS"] >= 2
    denial = kursk_article(kursk_report, "000")
    assert set(profile) == {"000", "001", "002", "003", "004"} and denial.id == profile["000"].article_id
    assert profile["002"].omitted and profile["001"].added


def test_framing_section_in_html(kursk_report: Report) -> None:
    html = render_html(kursk_report)
    assert f'id="{kursk_report.stories[0].id}-wording"' in html
    assert "Wording choices" in html and "Who the outlets got it from" in html
    assert "former President" in html and "tightening the noose" in html
