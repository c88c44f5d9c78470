from __future__ import annotations

from newsprism import analyze
from newsprism.annotate import Annotator
from newsprism.embed import Embedder
from newsprism.model import Report

from .conftest import EXAMPLE, KURSK, check_report


def test_kursk_articles_form_one_story(kursk_report: Report) -> None:
    assert len(kursk_report.stories) == 1
    assert kursk_report.stories[0].article_ids == [a.id for a in kursk_report.articles]


def test_two_events_are_two_stories(annotator: Annotator, embedder: Embedder) -> None:
    report = analyze([KURSK, EXAMPLE], annotator=annotator, embedder=embedder)
    check_report(report)
    by_corpus = {
        name: sorted(a.id for a in report.articles if name in (a.source.path or ""))
        for name in ("harbor-fire", "kursk")
    }
    assert sorted(sorted(s.article_ids) for s in report.stories) == sorted(by_corpus.values())
