"""The hostile corpus (tests/hostile.py): it writes what it says, and `newsprism analyze` on it
gives a report.html in which nothing executes when chromium opens it, and every payload
shows as the literal text it is."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.views.links import plain_id

from .browser import assert_inert, bidi_leaks, collapse, overflow_width, page_text, screenshot
from .hostile import PAYLOADS, Corpus, write_corpus

# The fields report.html shows for an article, as the pipeline keeps them (a publish date that
# is not a date is dropped, rightly; a URL from an HTML page's canonical link is what the
# HTML extractor made of it, so only a JSON Lines record's URL is taken verbatim).
SHOWN = ("text", "title", "outlet", "byline", "filename", "id")


def test_corpus_writes_the_files_it_claims(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    on_disk = sorted(os.listdir(corpus.folder))
    assert on_disk == sorted(p.name for p in corpus.files)
    assert not corpus.refused  # Linux filesystems take every character but "/" and NUL
    names = "".join(on_disk)
    for ch in '<>"[\'{%\u202e':
        assert ch in names, f"no file name with {ch!r}"
    assert {p.suffix for p in corpus.files} == {".txt", ".jsonl", ".html"}
    # every payload is placed somewhere, and every placement is really in its file
    assert {p.payload.number for p in corpus.placements} == {p.number for p in PAYLOADS.values()}
    fields = {p.field for p in corpus.placements}
    assert fields >= {"text", "title", "outlet", "byline", "published", "url", "id", "filename"}
    for placement in corpus.placements:
        assert placement.file in corpus.files
        if placement.field == "filename":
            assert placement.payload.text == placement.file.stem
            continue
        content = placement.file.read_text(encoding="utf-8")
        if placement.file.suffix == ".jsonl":
            record = json.loads(content.splitlines()[placement.record - 1])  # type: ignore[operator]
            assert set(record) == {"id", "url", "title", "outlet", "byline", "published", "text"}
            value = record[placement.field]
        elif placement.file.suffix == ".html":
            value = content.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        else:
            value = content
        assert placement.payload.text in value, (placement.payload, placement.field, placement.file.name)


def _checked_literals(corpus: Corpus) -> list[tuple[Any, str, str]]:
    """(payload, field, literal) that report.html must show verbatim. A .jsonl file's name
    is only its records' source path, which the report shows when a record has no URL."""
    out = []
    for placement in corpus.placements:
        jsonl = placement.file.suffix == ".jsonl"
        wanted = placement.field in SHOWN or (placement.field == "url" and jsonl)
        if wanted and placement.payload.literal and not (placement.field == "filename" and jsonl):
            out.append((placement.payload, placement.field, placement.payload.literal))
    return out


def _unshown(corpus: Corpus, shown: str, normal: Callable[[str], str]) -> list[str]:
    text = normal(shown)
    return sorted({f"{p} in {field}: {literal[:70]!r}" for p, field, literal in _checked_literals(corpus)
                   if normal(literal) not in text})


def _no_space(text: str) -> str:
    return "".join(text.split())


# Follow every in-page link of the report (as a reader's click does: the fragment changes and
# the page's script highlights the target) and say which did not land on a highlighted target.
_FOLLOW_LINKS_JS = r"""
async (percent) => {
  const failures = [];
  const hrefs = [...new Set([...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href')))]
    .filter(href => href.includes('%') === percent);
  for (const href of hrefs) {
    const id = href.slice(1);
    const target = document.getElementById(id);
    if (!target) { failures.push('no element has the id of the link ' + JSON.stringify(href).slice(0, 120)); continue; }
    const changed = new Promise(r => window.addEventListener('hashchange', r, {once: true}));
    location.hash = href;
    await Promise.race([changed, new Promise(r => setTimeout(r, 300))]);
    await new Promise(r => setTimeout(r, 0));
    if (!target.classList.contains('hl') && !target.matches(':target'))
      failures.push('not highlighted after following ' + JSON.stringify(href).slice(0, 120));
  }
  return [hrefs.length, failures];
}
"""


@dataclass
class Analysed:
    corpus: Corpus
    out: Path  # report.html, report.json, report.md
    data: dict


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    """`newsprism analyze CORPUS -o OUT` run once, as a user runs it."""
    folder = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(folder / "corpus")
    out = folder / "out"
    result = CliRunner().invoke(app, ["analyze", str(corpus.folder), "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output  # 1: some input failed; it must be listed
    return Analysed(corpus, out, json.loads((out / "report.json").read_text(encoding="utf-8")))


def test_analyze_reads_the_corpus_or_says_why_not(analysed: Analysed) -> None:
    data = analysed.data
    sources = {a["source"]["path"] for a in data["articles"]} | {f["source"] for f in data["inputs_failed"]}
    lost = [p.name for p in analysed.corpus.files if not any(s == str(p) or s.startswith(f"{p}:") for s in sources)]
    assert not lost, f"inputs neither read nor listed as failed: {lost}"
    assert len(data["articles"]) >= 8 and len(data["stories"]) >= 2 and data["brief"] and data["quote_groups"]
    markdown = (analysed.out / "report.md").read_text(encoding="utf-8")
    assert "](javascript:" not in markdown.replace("\\](javascript:", "")
    assert "<script" not in markdown.replace("\\<script", "")


def test_report_html_of_the_hostile_corpus_is_inert(analysed: Analysed, browser_page: Any) -> None:
    page = browser_page
    page.goto((analysed.out / "report.html").as_uri())
    screenshot(page, "report-hostile")
    assert_inert(page, "report.html of the hostile corpus, as opened")

    # shown as the literal text, neither escaped twice, nor dropped, nor interpreted (spacing
    # aside: see test_report_html_shows_the_text_between_sentences_as_written)
    missing = _unshown(analysed.corpus, page_text(page), _no_space)
    assert not missing, "payloads not shown as literal text:\n" + "\n".join(missing)
    assert_inert(page, "report.html with every <details> opened")

    count, failures = page.evaluate(_FOLLOW_LINKS_JS, False)  # (links to ids with "%": the next test)
    assert count > 40
    assert_inert(page, "report.html after following every in-page link")
    assert not failures, f"{len(failures)} of {count} links:\n" + "\n".join(failures[:20])


def test_report_html_links_to_articles_whose_ids_hold_percent_signs(analysed: Analysed, browser_page: Any) -> None:
    """An id from a file named '... %E0%A4%A ...' becomes a plain element id: no link needs
    escaping (a browser and getElementById agree on every fragment), and its article is reached."""
    odd = [a["id"] for a in analysed.data["articles"] if "%" in a["id"]]
    assert odd
    browser_page.goto((analysed.out / "report.html").as_uri())
    count, _ = browser_page.evaluate(_FOLLOW_LINKS_JS, True)
    assert count == 0  # no fragment holds an escape
    for article_id in odd:
        anchor = f"article-{plain_id(article_id)}"
        assert browser_page.locator(f'[id="{anchor}"]').count() == 1
        browser_page.evaluate("(id) => { location.hash = id; }", anchor)
        browser_page.wait_for_timeout(100)
        assert browser_page.evaluate("(id) => document.getElementById(id).classList.contains('hl')", anchor)
    assert_inert(browser_page, "report.html after following the links to articles with '%' in their ids")


def test_report_html_shows_the_text_between_sentences_as_written(analysed: Analysed, browser_page: Any) -> None:
    browser_page.goto((analysed.out / "report.html").as_uri())
    missing = _unshown(analysed.corpus, page_text(browser_page), collapse)
    assert not missing, "payloads not shown as written:\n" + "\n".join(missing)


def test_report_html_wraps_long_tokens(analysed: Analysed, browser_page: Any) -> None:
    browser_page.goto((analysed.out / "report.html").as_uri())
    assert overflow_width(browser_page) <= 0


def test_report_html_isolates_bidi_controls(analysed: Analysed, browser_page: Any) -> None:
    browser_page.goto((analysed.out / "report.html").as_uri())
    leaks = bidi_leaks(browser_page)
    assert not leaks, f"{len(leaks)} text nodes:\n" + "\n".join(leaks[:20])
