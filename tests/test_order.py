"""Issue 15 item 7: the findings do not depend on the order the articles are given in (the
brief's disputed part and some claim texts once did). Only the article list keeps the
order the user gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Report, analyze, report_dict
from newsprism.annotate import Annotator
from newsprism.embed import Embedder, Encoder

from .conftest import EXAMPLE, KURSK


def _findings(report: Report) -> dict:
    data = report_dict(report)
    data.pop("generated_at")
    data["articles"] = sorted(data["articles"], key=lambda a: a["id"])
    return data


@pytest.mark.parametrize("folder", [EXAMPLE, KURSK], ids=["example", "kursk"])
def test_the_same_articles_in_another_order_give_the_same_findings(
        folder: Path, annotator: Annotator, embedder: Embedder, encoder: Encoder,
        example_report: Report, kursk_report: Report) -> None:
    files = sorted(str(p) for p in folder.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    assert len(files) == 5
    shuffled = [files[k] for k in (3, 0, 4, 2, 1)]
    again = analyze(shuffled, annotator=annotator, embedder=embedder, encoder=encoder)
    given = example_report if folder == EXAMPLE else kursk_report
    assert [a.id for a in again.articles] != [a.id for a in given.articles]  # the order did change
    assert _findings(again) == _findings(given)
