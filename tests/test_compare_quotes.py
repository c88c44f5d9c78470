"""Quote groups across outlets: fidelity, evidence for "altered", and the HTML view."""

from __future__ import annotations

from newsprism.lang.media import outlet_label
from newsprism.model import Quote, QuoteGroup, Report
from newsprism.report import render_html

from .conftest import kursk_article


def _member(report: Report, article_prefix: str, opening: str) -> tuple[QuoteGroup, str]:
    quotes = {q.id: q for q in report.quotes}
    for group in report.quote_groups:
        for member in group.members:
            quote: Quote = quotes[member.quote_id]
            words = report.article(quote.article_id).text[member.start : member.end]
            if quote.article_id.startswith(article_prefix) and words.startswith(opening):
                return group, member.fidelity
    raise AssertionError(f"no grouped quote from {article_prefix} starting {opening!r}")


def test_kursk_putin_guaranteed_vs_ensured_is_altered_with_evidence(kursk_report: Report) -> None:
    group, fidelity = _member(kursk_report, "004", "If they lay down their arms")
    assert fidelity == "altered" and group.speaker == "Vladimir Putin"
    # the evidence names the outlets that agree on the words (as a reader knows them: never a file id)
    assert group.evidence and "guaranteed" in group.evidence
    assert outlet_label(kursk_article(kursk_report, "000")) in group.evidence
    member = next(m for m in group.members if m.fidelity == "altered")
    assert {"op": "replace", "reference": "guaranteed", "member": "ensured"} in member.diff
    for prefix, opening in (("000", "If they lay down"), ("001", "If they lay down"), ("002", "In this regard, I")):
        assert _member(kursk_report, prefix, opening)[1] in {"verbatim", "trimmed"}


def test_kursk_trump_post_reworded_inside_quotes_is_altered(kursk_report: Report) -> None:
    group, fidelity = _member(kursk_report, "004", "We had very good and productive")
    assert fidelity == "altered" and group.speaker == "Donald Trump"
    reference = next(q for q in kursk_report.quotes if q.id == group.reference_quote_id)
    assert reference.article_id == kursk_article(kursk_report, "002").id and reference.channel == "Truth Social"
    assert group.evidence and "Truth Social" in group.evidence
    changed = {d["member"] for m in group.members for d in m.diff if d["op"] == "replace"}
    assert "strong possibility" in changed and "horrific" in changed


def test_kursk_one_changed_word_in_a_partial_quote_is_altered(kursk_report: Report) -> None:
    """001 quotes Trump's "thousands of Ukrainian soldiers"; the post (002) says "troops"."""
    group, fidelity = _member(kursk_report, "001", "thousands of Ukrainian")
    assert fidelity == "altered" and group.speaker == "Donald Trump"
    member = next(m for m in group.members if m.fidelity == "altered" and m.quote_id.startswith("001"))
    assert {"op": "replace", "reference": "TROOPS", "member": "soldiers"} in member.diff


def test_kursk_putin_translations_are_variants_not_alterations(kursk_report: Report) -> None:
    group, _ = _member(kursk_report, "001", "We have read the appeal")
    outlets = {m.quote_id[:3]: m.fidelity for m in group.members}
    assert set(outlets) >= {"001", "002", "003"}
    assert "altered" not in outlets.values()
    assert list(outlets.values()).count("variant") >= 2


def test_example_alteration_translation_and_paraphrase(example_report: Report) -> None:
    group, fidelity = _member(example_report, "004", "The fire is now contained")
    assert fidelity == "altered" and group.speaker == "Tomas Reyel"
    assert group.evidence and "controlled" in group.evidence
    assert _member(example_report, "003", "The fire is now controlled")[1] == "verbatim"
    group, fidelity = _member(example_report, "005", "Our government will accept")
    assert fidelity == "variant" and group.speaker == "Ilse Marken"
    assert any(m.fidelity == "paraphrase" for g in example_report.quote_groups for m in g.members)


def test_quote_view_marks_changed_words_and_links_sentences(kursk_report: Report) -> None:
    html = render_html(kursk_report)
    sid = kursk_report.stories[0].id
    assert f'id="{sid}-quotes"' in html
    assert '<mark class="ins" title="differs from the reference wording">ensured</mark>' in html
    assert "reference: <del>guaranteed</del>" in html
    group = next(g for g in kursk_report.quote_groups if g.evidence)
    assert f'id="{sid}-{group.id}"' in html
    article = kursk_article(kursk_report, "004")
    assert f'href="#{article.id}:' in html
