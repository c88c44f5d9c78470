"""The brief: every sentence supported by its citations, no loaded wording of an outlet's
own, established / disputed / differs / single-source / quotes in that order."""

from __future__ import annotations

from newsprism.compare.brief import check_support
from newsprism.compare.lexicon import flag_words
from newsprism.model import BriefSentence, Report, Span
from newsprism.report import render_html


def _all_supported(report: Report) -> None:
    arts = {a.id: a for a in report.articles}
    assert report.brief
    for sentence in report.brief:
        ok, why = check_support(sentence, arts)
        assert ok, (sentence.text, why)
        assert sentence.citations and all(c.article_id in arts for c in sentence.citations)
        # a key quote is the speaker's words; a line of "how the coverage differs" shows an outlet's
        # own wording as the evidence of the difference, attributed to it
        if sentence.section not in {"quote", "differs"}:
            assert not [f.text for f in flag_words(sentence.text) if not f.quoted], sentence.text


def test_kursk_brief_is_fully_supported_and_neutral(kursk_report: Report) -> None:
    _all_supported(kursk_report)
    sections = [b.section for b in kursk_report.brief]
    assert sections == sorted(sections, key=["established", "disputed", "differs", "single_source", "quote"].index)
    disputed = [b for b in kursk_report.brief if b.section == "disputed"]
    assert any("denied" in b.text and "encircled" in b.text for b in disputed)
    assert any("General Staff" in (b.attribution or "") for b in disputed)
    lone = [b for b in kursk_report.brief if b.section == "single_source"]
    assert any("under 200" in b.text and (b.attribution or "").startswith("only") for b in lone)
    assert not any("tightening the noose" in b.text or "beleaguered" in b.text for b in kursk_report.brief)


def test_example_brief(example_report: Report) -> None:
    _all_supported(example_report)
    disputed = [b for b in example_report.brief if b.section == "disputed"]
    assert len(disputed) % 2 == 0 and disputed  # each dispute as its two sides
    assert all((b.attribution or "").startswith("held by") for b in disputed)
    assert any("Union" in (b.attribution or "") for b in disputed)
    html = render_html(example_report)
    sid = example_report.stories[0].id
    # the page opens with the brief (what is established, disputed, how the coverage differs), then the outlets
    assert html.index(f'id="{sid}-brief"') < html.index(f'id="{sid}-differs"') < html.index(f'id="{sid}-outlets"') \
        < html.index(f'id="{sid}-claims"')


def test_support_check_refuses_what_the_citation_does_not_say(example_report: Report) -> None:
    arts = {a.id: a for a in example_report.articles}
    article = example_report.articles[0]
    sentence = article.sentences[3]
    cited = [Span(article.id, sentence.start, sentence.end)]
    words = article.text[sentence.start : sentence.end]
    assert check_support(BriefSentence(words, cited), arts)[0]
    assert not check_support(BriefSentence(words + " Officials said 500 people died.", cited), arts)[0]
    assert not check_support(BriefSentence("The mayor of Tallin resigned.", cited), arts)[0]
    assert not check_support(BriefSentence(words, []), arts)[0]
