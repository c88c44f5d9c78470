"""The report contract: schema-valid, deterministic, safe to open, readable."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsprism import analyze, report_dict, write_report
from newsprism.annotate import Annotator
from newsprism.embed import Embedder
from newsprism.model import Report
from newsprism.report import render_html, render_markdown, to_json

from .conftest import EXAMPLE, check_report


def test_contract_fields_present(kursk_report: Report) -> None:
    data = report_dict(kursk_report)
    assert data["schema"] == "newsprism/report@1" and data["tool"]["name"] == "newsprism"
    assert data["quotes"] and data["quote_groups"] and data["claims"] and data["framing"] and data["chains"]
    assert data["brief"] and data["timeline"]
    article = data["articles"][0]
    assert set(article) >= {
        "id", "source", "outlet", "title", "byline", "published", "language", "text", "removed", "sentences",
    }


def test_same_inputs_give_byte_identical_json_except_timestamp(annotator: Annotator, embedder: Embedder) -> None:
    runs = [to_json(analyze([EXAMPLE], annotator=annotator, embedder=embedder)) for _ in range(2)]
    strip = [re.sub(r'"generated_at": "[^"]*"', "", run) for run in runs]
    assert strip[0] == strip[1]


def test_written_files_and_self_contained_html(example_report: Report, tmp_path: Path) -> None:
    paths = write_report(example_report, tmp_path / "out")
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    html = paths["html"].read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing fetched on open
    assert "<link" not in html
    # every sentence is a link target a citation can point at
    a = example_report.articles[0]
    s = a.sentences[0]
    assert f'id="{a.id}:{s.start}-{s.end}"' in html
    assert "The Valmora Herald" in paths["md"].read_text(encoding="utf-8")


def test_hostile_text_is_escaped(annotator: Annotator, embedder: Embedder, tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        'Headline <img src=x onerror=alert(1)>\n'
        'The council met on Monday. <script>alert("x")</script> It voted 5-2 to approve the plan.\n'
        "The mayor | said **nothing** about [it](javascript:alert(1)).",
        encoding="utf-8",
    )
    report = analyze([page], annotator=annotator, embedder=embedder)
    check_report(report)
    html = render_html(report)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    markdown = render_markdown(report)
    assert "](javascript:" not in markdown and "<script>" not in markdown


def test_failed_inputs_are_listed_in_every_view(annotator: Annotator, embedder: Embedder, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The bridge reopened on Monday after repairs, officials said.")
    (tmp_path / "bad.jsonl").write_text('{"text": "Fine line of news text here."}\nnot json\n')
    report = analyze([tmp_path], annotator=annotator, embedder=embedder)
    check_report(report)
    assert [f.source for f in report.inputs_failed] == [f"{tmp_path / 'bad.jsonl'}:2"]
    assert "not valid JSON" in render_html(report) and "not valid JSON" in render_markdown(report)
