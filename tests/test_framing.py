"""Framing on the shared Kursk articles and the bundled example: loaded wording with the
other outlets' words beside it, consistency slips, attribution chains and outlet profiles."""

from __future__ import annotations

import pytest

from newsprism import analyze
from newsprism.annotate import Annotator
from newsprism.embed import Embedder, Encoder
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
    """The other outlets' words for the same fact ("beleaguered" against "encircled"); a word
    whose fact no other outlet tells gets no contrast: "liberated" (of one town) never meets
    "seizing" (the other side's offensive months before)."""
    found = _found(kursk_report, "004", "beleaguered")[0]
    others = {w.text.lower() for w in found.contrast}
    assert others & {"encircled", "surrounded"}, others
    assert all(not w.article_id.startswith("004") for w in found.contrast)
    assert "other outlets" in found.note
    liberated = _found(kursk_report, "003", "liberated")[0]
    assert "seizing" not in {w.text.lower() for w in liberated.contrast}


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


# A story written for these tests (three outlets, one fictional flood), for the error
# categories of issue 16: repeats shown once, contrasts only between words for the same fact,
# evaluative words shown where the other outlets tell the same fact without them.
_STORY = {
    "001-ledger.txt": (
        "Flood waters cut off Marrow Bay\n\n"
        "The dam operator haphazardly opened the spillway of the Marrow dam on Tuesday night, flooding 300 homes "
        "in Marrow Bay, the regional governor said.\n\n"
        "Officials claimed that the spillway had been opened too late. The gates of the dam were in a "
        "shabby state, residents said. Engineers claimed that the gauges "
        "had failed for a week.\n\n"
        "Older residents still speak of the massacre at the Marrow market in 1994, when militia fighters "
        "killed eleven traders.\n\n"
        "The Russian invasion of the valley in 1998 is remembered in a small museum by the harbour."
    ),
    "002-courier.txt": (
        "Spillway opened as Marrow Bay floods\n\n"
        "The dam operator opened the spillway of the Marrow dam on Tuesday night, flooding 300 homes in "
        "Marrow Bay, the regional governor said.\n\n"
        "Officials said that the spillway had been opened too late. The gates of the dam were in a poor "
        "state, residents said.\n\n"
        "A bombing at the Marrow bus station killed two guards in 2019, and the case is still open.\n\n"
        "Russian troops left the valley in 1999 under a treaty signed in Geneva."
    ),
    "003-gazette.txt": (
        "Homes flooded in Marrow Bay\n\n"
        "The dam operator opened the spillway of the Marrow dam on Tuesday night, flooding 300 homes in "
        "Marrow Bay, the regional governor said on Wednesday.\n\n"
        "Officials said that the spillway had been opened too late, and that an inquiry would follow."
    ),
}


@pytest.fixture(scope="module")
def flood_report(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator, embedder: Embedder,
                 encoder: Encoder) -> Report:
    folder = tmp_path_factory.mktemp("flood")
    for name, text in _STORY.items():
        (folder / name).write_text(text + "\n", "utf-8")
    return analyze([folder], annotator=annotator, embedder=embedder, encoder=encoder)


def test_a_word_repeated_in_an_article_is_one_finding(flood_report: Report) -> None:
    claimed = _found(flood_report, "001", "claimed")
    assert len(claimed) == 1 and "used 2 times in this article" in claimed[0].note
    keys = [(f.article_id, f.start, f.end) for f in flood_report.framing]
    assert len(keys) == len(set(keys))
    assert "said" in {w.text for w in claimed[0].contrast}  # the others' verb for the same statement


def test_contrast_only_between_words_for_the_same_fact(flood_report: Report) -> None:
    """"massacre" (a killing in 1994) never meets "bombing" (another event in another
    outlet); "invasion" never meets "troops" (same nationality, not the same kind of word)."""
    for words in ("massacre", "invasion"):
        for finding in _found(flood_report, "001", words):
            assert not {w.text.lower() for w in finding.contrast} & {"bombing", "russian troops", "troops"}, words


def test_evaluative_word_the_other_outlets_do_not_use(flood_report: Report) -> None:
    found = _found(flood_report, "001", "haphazardly")
    assert found and found[0].category == "evaluative" and found[0].basis == "contrast"
    assert "telling the same fact do not use it" in found[0].note
    assert not any(f.category == "evaluative" for f in flood_report.framing if not f.article_id.startswith("001"))


def test_modifier_shown_only_against_the_other_outlets_words(flood_report: Report) -> None:
    """An adjective no lexicon lists is a finding only where another outlet tells the same
    fact without it, with the word in the same place ("shabby" where the other says "poor",
    and the reverse: which of the two is the neutral word is for the reader to judge)."""
    shabby = _found(flood_report, "001", "shabby")
    assert shabby and shabby[0].category == "modifier" and "does not use it" in shabby[0].note
    assert [w.text for w in shabby[0].contrast] == ["poor"]
    poor = _found(flood_report, "002", "poor")
    assert poor and [w.text for w in poor[0].contrast] == ["shabby"]
    modifiers = {f.text for f in flood_report.framing if f.category == "modifier"}
    assert modifiers <= {"shabby", "poor"}, modifiers  # the story's other adjectives are shared or descriptive
