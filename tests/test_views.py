"""The view models: what a reader sees, built once for the web pages, the API and the files."""

from __future__ import annotations

import json
import re
from html import unescape

from newsprism.lang.words import shorten
from newsprism.model import Report
from newsprism.report import render_html, render_markdown
from newsprism.views import FileLinks, WebLinks, article_page, story_page, to_data


def test_outlets_read_as_names_never_as_file_ids(example_report: Report) -> None:
    page = story_page(example_report, example_report.stories[0].id, WebLinks())
    labels = [o.outlet for o in page.framing.outlets]
    assert "The Valmora Herald" in labels
    assert not any(re.fullmatch(r"\d+", label) for label in labels)  # never "000", "004"
    # an article with no outlet stated reads as its headline, its id kept for a tooltip
    unnamed = next(o for o in page.framing.outlets if o.article_id.startswith("004"))
    assert unnamed.outlet.startswith("INFERNO AT THE DOCKS") and unnamed.article_id in render_html(example_report)
    assert len(set(labels)) == len(labels)


def test_text_is_cut_at_a_word() -> None:
    text = "The authority's director said initial findings pointed to an electrical fault in a refrigeration unit"
    for limit in range(20, len(text)):
        short = shorten(text, limit)
        assert len(short) <= limit
        assert short == text or (short.endswith("…") and text.startswith(short[:-1]) and
                                 text[len(short) - 1] in " ,;:-")


def test_leaves_out_names_the_claims_not_their_ids(kursk_report: Report) -> None:
    page = story_page(kursk_report, kursk_report.stories[0].id, WebLinks())
    left_out = [text for o in page.framing.outlets for text, _ in o.leaves_out]
    assert left_out and not any(re.fullmatch(r"c\d+", t) for t in left_out)
    assert all(href.startswith("/stories/") and "#" in href for o in page.framing.outlets for _, href in o.leaves_out)


def test_citations_open_the_sentence_in_its_article(kursk_report: Report) -> None:
    sid = kursk_report.stories[0].id
    web, file = story_page(kursk_report, sid, WebLinks()), story_page(kursk_report, sid, FileLinks())
    cite = web.brief[0].items[0].cites[0]
    article = kursk_report.article(cite.article_id)
    path, fragment = cite.href.split("#")
    assert path.startswith(f"/stories/{sid}/articles/") and "from=brief" in path
    start, end = map(int, fragment.removeprefix("s-").split("-"))
    assert any(s.start == start and s.end == end for s in article.sentences)
    assert start <= cite.start < end
    # the article page has that sentence as a target; the file report the same sentence as its own id
    page = article_page(kursk_report, sid, cite.article_id, WebLinks())
    assert fragment in {s.id for p in page.paragraphs for s in p}
    assert file.brief[0].items[0].cites[0].href == f"#{cite.article_id}:{start}-{end}"


def test_article_marks_quotes_and_flagged_words(kursk_report: Report) -> None:
    sid = kursk_report.stories[0].id
    flagged = {f.article_id for f in kursk_report.framing}
    article = next(a for a in kursk_report.articles if a.id in flagged and a.quotes)
    page = article_page(kursk_report, sid, article.id, WebLinks())
    runs = [r for p in page.paragraphs for s in p for r in s.runs]
    assert "".join(r.text for p in page.paragraphs for s in p for r in s.runs).replace(" ", "") \
        .startswith(article.text[: article.paragraphs[0].end].replace(" ", "").replace("\n", "")[:50])
    assert any(r.mark == "quote" and r.note.startswith("quote:") for r in runs)
    assert any(r.mark == "flag" for r in runs)
    assert not any(r.mark.startswith("ent") for r in runs)  # names and dates are no longer underlined


def test_partial_quotes_are_marked_as_such(kursk_report: Report) -> None:
    """A quoted fragment inside the outlet's own sentence is shown as a partial quote, apart
    from whole quoted statements, in the article text and in report.md's quote groups."""
    sid = kursk_report.stories[0].id
    article = next(a for a in kursk_report.articles if any(q.partial for q in a.quotes))
    fragments = " ".join(q.text for q in article.quotes if q.partial)
    page = article_page(kursk_report, sid, article.id, WebLinks())
    runs = [r for p in page.paragraphs for s in p for r in s.runs]
    partial = [r for r in runs if r.mark == "quote partial"]
    assert partial and all(r.note.startswith("partial quote:") for r in partial)
    assert all(r.text.strip() in fragments for r in partial)
    if any(not q.partial for q in article.quotes):
        assert any(r.mark == "quote" for r in runs)
    assert any(q.partial for q in page.quotes)
    grouped = {m.quote_id for g in kursk_report.quote_groups for m in g.members}
    if any(q.partial and q.id in grouped for q in kursk_report.quotes):
        assert "(partial quote" in render_markdown(kursk_report)


def test_the_api_data_is_the_page(kursk_report: Report) -> None:
    page = story_page(kursk_report, kursk_report.stories[0].id, WebLinks())
    data = json.loads(json.dumps(to_data(page)))
    assert data["title"] == page.title and len(data["claims"]["rows"]) == len(page.claims.rows)
    assert data["quote_groups"][0]["rows"][0]["words"][0]["text"]


def test_markdown_has_no_html_entities_and_no_raw_offsets(kursk_report: Report, example_report: Report) -> None:
    for report in (kursk_report, example_report):
        markdown = render_markdown(report)
        assert not re.search(r"&#\d+;|&quot;|&amp;|&lt;", markdown)
        assert not re.search(r"@\d+-\d+", markdown)
        assert "](report.html#" in markdown


def test_report_html_admits_only_its_own_style_and_script(example_report: Report) -> None:
    html = render_html(example_report)
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "'unsafe-inline'" not in csp and "script-src 'sha256-" in csp and "style-src 'sha256-" in csp
    assert html.count("<script>") == 1 and ' style="' not in html


def test_a_story_too_wide_for_a_column_per_article_gets_one_per_outlet(kursk_report: Report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A matrix of hundreds of article columns is not read: past MATRIX_COLUMNS articles a
    column holds an outlet's articles (reported when any states the claim, omitted when all
    leave it out), and past MATRIX_COLUMNS outlets the smallest share one column."""
    from newsprism.views import claims as claims_views

    monkeypatch.setattr(claims_views, "MATRIX_COLUMNS", 3)
    story = kursk_report.stories[0]
    ids = story.article_ids
    claims = {c.id: c for c in kursk_report.claims}
    for labels, expected in [
        ({a: "Wire A" if k % 2 == 0 else "Wire B" for k, a in enumerate(ids)}, ["Wire A", "Wire B"]),
        ({a: f"Outlet {k}" for k, a in enumerate(ids)}, ["Outlet 0", "Outlet 1", f"{len(ids) - 2} other outlets"]),
    ]:
        view = claims_views.claims_view(kursk_report, story.id, labels, WebLinks())
        assert [label for _, label in view.columns] == expected
        held = {label: [a for a in ids if labels[a] == label] for label in expected[:-1]}
        held[expected[-1]] = [a for a in ids if not any(a in members for members in held.values())]
        assert view.rows
        for row in view.rows:
            claim = claims[row.claim_id]
            for (_, label), cell in zip(view.columns, row.cells, strict=True):
                members = held[label]
                stating = [a for a in members if a in claim.articles]
                if stating:
                    assert cell.state in ("reported", "contested") and cell.href
                    assert f"{len(stating)} of {len(members)} articles" in cell.title or len(members) == 1
                else:
                    assert cell.state == ("omitted" if all(a in claim.omitted_by for a in members) else "")


def test_an_article_with_no_outlet_host_or_headline_reads_as_its_opening_words(kursk_report: Report) -> None:
    """Not as its file id: a reader recognises the lead, not "002_4bb…"."""
    from newsprism.lang.media import outlet_label

    bare = [a for a in kursk_report.articles if not (a.outlet or a.source.url or a.title)]
    assert bare, "the Kursk bundle has an article with neither outlet, URL nor headline"
    for article in bare:
        label = outlet_label(article)
        opening = " ".join(article.text.split()[:3])
        assert label.startswith("“" + opening) and label.endswith("”") and len(label) <= 42, label
        page = story_page(kursk_report, kursk_report.stories[0].id, WebLinks())
        assert label in [o.outlet for o in page.framing.outlets]


def test_reported_speech_is_listed_with_its_cue_not_in_quotation_marks(kursk_report: Report) -> None:
    """An indirect quote is the outlet's account: the article page names its cue ("accused")
    and does not put the outlet's words in the speaker's quotation marks."""
    from newsprism.views.render import render_page

    sid = kursk_report.stories[0].id
    article = next(a for a in kursk_report.articles if any(q.kind == "indirect" and q.cue_start for q in a.quotes))
    page = article_page(kursk_report, sid, article.id, WebLinks())
    k, quote = next((k, q) for k, q in enumerate(article.quotes) if q.kind == "indirect" and q.cue_start)
    item = page.quotes[k]  # the page lists the article's quotes in order
    assert item.reported and item.cue == article.text[quote.cue_start : quote.cue_end]
    assert not any(i.reported for i, q in zip(page.quotes, article.quotes, strict=True) if q.kind == "direct")
    html = unescape(render_page("article.html.j2", root="", a=page, back_href=page.story_href))
    assert f"{item.cue}</em>: " in html and f"“{item.words}”" not in html


def test_markdown_does_not_put_a_paraphrase_in_quotation_marks(kursk_report: Report) -> None:
    """A paraphrase in a quote group is the outlet's reported speech: report.md says so and
    does not wrap it in the speaker's quotation marks."""
    from newsprism.views.render import md

    quotes = {q.id: q for q in kursk_report.quotes}
    paraphrase = next(quotes[m.quote_id] for g in kursk_report.quote_groups for m in g.members
                      if m.fidelity == "paraphrase")
    lines = [line for line in render_markdown(kursk_report).splitlines() if ", paraphrase: " in line]
    assert lines and all("(reported, not quoted)" in line for line in lines)
    assert not any(", paraphrase: “" in line for line in lines)
    assert any(md(paraphrase.text[:30]) in line for line in lines)
