"""Annotation: sentences, repaired entities, normalised numbers and anchored dates."""

from __future__ import annotations

from newsprism.annotate import Annotator, annotate
from newsprism.clean import clean
from newsprism.model import RawDocument, Report, Source

from .conftest import kursk_article


def article(text: str, annotator: Annotator, **meta: str):  # type: ignore[no-untyped-def]
    raw = RawDocument(id="t", source=Source(path="t.txt"), content=text, content_type="text", **meta)  # type: ignore[arg-type]
    return annotate(clean(raw), annotator)


def test_sentences_never_cross_paragraphs_and_cover_the_text(kursk_report: Report) -> None:
    for a in kursk_report.articles:
        for s in a.sentences:
            p = a.paragraphs[s.paragraph]
            assert p.start <= s.start < s.end <= p.end
        covered = sum(s.end - s.start for s in a.sentences)
        assert covered >= 0.97 * sum(p.end - p.start for p in a.paragraphs)


def test_headline_style_lines_are_their_own_sentences(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "000_")
    texts = [a.text[s.start : s.end] for s in a.sentences]
    assert "Situation 'unchanged'" in texts and "Trump's envoy meets Putin" in texts


def test_entity_repairs_on_the_shared_articles(kursk_report: Report) -> None:
    labels: dict[str, set[str]] = {}
    for a in kursk_report.articles:
        for e in a.entities:
            labels.setdefault(e.text, set()).add(e.label)
    assert labels["Kursk"] == {"GPE"}  # the small model says PRODUCT
    assert labels["Trump"] == {"PERSON"}  # a bare surname after a full name, tagged ORG
    assert labels["Vladimir Putin"] == {"PERSON"}
    assert "PERSON" not in labels.get("Xinhua", set()) and "PERSON" not in labels.get("TASS", set())


def test_numbers_keep_value_unit_and_hedge(kursk_report: Report) -> None:
    wire = kursk_article(kursk_report, "000_")
    area = next(n for n in wire.numbers if "1,300" in n.text)
    assert (area.value, area.unit, area.qualifier, area.bound) == (1300.0, "square kilometers", "about", "approx")
    clashes = next(n for n in wire.numbers if n.text == "13")
    assert (clashes.value, clashes.unit) == (13.0, "combat clash")
    aid = next(n for n in kursk_article(kursk_report, "004_").numbers if "40 billion" in n.text)
    assert (aid.value, aid.unit, aid.bound) == (40e9, "EUR", "upper")
    vague = next(n for n in wire.numbers if n.text == "thousands")
    assert vague.value is None and vague.bound == "vague"


def test_relative_dates_resolve_against_publish_date_then_dateline(kursk_report: Report) -> None:
    wire = kursk_article(kursk_report, "000_")  # published Saturday 2025-03-15
    fridays = {d.value for d in wire.dates if d.text == "Friday"}
    assert fridays == {"2025-03-14"}
    assert next(d for d in wire.dates if d.text == "August").value == "2024-08"
    dated = kursk_article(kursk_report, "001_")  # no publish date; dateline Friday 2025-03-14
    thursday = next(d for d in dated.dates if d.text == "Thursday")
    assert (thursday.value, thursday.anchor) == ("2025-03-13", "dateline")
    unanchored = kursk_article(kursk_report, "002_")
    assert all(d.value is None for d in unanchored.dates)  # nothing to anchor "Friday" to


def test_future_tense_resolves_forward_and_durations_are_not_dates(annotator: Annotator) -> None:
    a = article(
        "Published: 12 June 2026\nThe summit will be held on Saturday in Lisbon. "
        "Talks ended on Saturday after three days.", annotator,
    )
    saturdays = [d.value for d in a.dates if d.text == "Saturday"]
    assert saturdays == ["2026-06-13", "2026-06-06"]  # 12 June 2026 is a Friday
    assert next(d for d in a.dates if d.text == "three days").duration


def test_surname_only_mentions_follow_the_full_name(annotator: Annotator) -> None:
    a = article(
        "Finance minister Okonkwo Adeyemi presented the budget on Monday. "
        "Adeyemi said spending on schools would rise.", annotator,
    )
    assert {e.label for e in a.entities if e.text == "Adeyemi"} == {"PERSON"}


def test_claims_survive_sentences_cut_at_an_abbreviation(annotator: Annotator) -> None:
    """Written for this test. The sentence splitter may end a sentence at "a.m.": a conjoined
    clause left with no words of its own must not break the article's annotation."""
    text = ("A fire destroyed a barn near the village of Oxley on Sunday, the county fire service said.\n\n"
            "The fire was reported at 3:33 a.m. Sunday and is under investigation by county officials.\n\n"
            "Authorities said he spotted the suspect shortly after 3 p.m. and chased him for two blocks.")
    raw = RawDocument(id="abbrev", source=Source(path="abbrev.txt"), content=text, content_type="text")
    article = annotate(clean(raw), annotator)
    assert article.claims and all(article.text[m.start : m.end] == m.text for m in article.claims)
    assert all(m.start < m.end for m in article.claims)
