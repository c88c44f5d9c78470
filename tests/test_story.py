"""The story is the unit of analysis: its findings depend on its articles alone, not on
what else was in the input or in what order it came."""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import escape

from newsprism import Report, analyze
from newsprism.annotate import Annotator
from newsprism.compare import compare_story
from newsprism.embed import Embedder, Encoder
from newsprism.model import Source, StoryBundle
from newsprism.relate import find_reuse, one_story
from newsprism.report import render_html, render_markdown

from .conftest import EXAMPLE, KURSK, check_report
from .test_stories import BASIL, BASIL_TRIPLETS

SECTIONS = ("quote_groups", "claims", "framing", "timeline", "chains", "profiles", "reuse", "brief", "quotes")


def story_part(report: Report, article_ids: set[str]) -> dict[str, object]:
    """Everything the report says about the story made of ``article_ids``."""
    (story,) = [s for s in report.stories if set(s.article_ids) == article_ids]
    arts = [replace(a, source=Source()) for a in report.articles if a.id in article_ids]  # where the file lay aside
    part: dict[str, object] = {"story": story, "articles": sorted(arts, key=lambda a: a.id)}
    for name in SECTIONS:
        part[name] = [x for x in getattr(report, name) if _belongs(x, story.id, article_ids)]
    return part


def _belongs(item: object, story_id: str, article_ids: set[str]) -> bool:
    owner = getattr(item, "story_id", None)
    if owner is not None:
        return bool(owner == story_id)
    for name in ("article_id", "target"):
        if hasattr(item, name):
            return getattr(item, name) in article_ids
    citations = getattr(item, "citations", None) or []
    return bool(citations) and citations[0].article_id in article_ids


def write_basil_feed(folder: Path) -> list[set[str]]:
    """Two BASIL events (three outlets each), read from ../shared at test time, as a JSONL
    feed in ``folder``: unrelated news beside the Kursk articles and the example."""
    lines, triplets = [], []
    for triplet in BASIL_TRIPLETS:
        ids = set()
        for path in sorted(BASIL.glob(f"*/{triplet}_*.json")):
            data = json.loads(path.read_text("utf-8"))
            body = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
            lines.append(json.dumps({"id": f"basil-{path.stem}", "text": body, "title": data["title"],
                                     "outlet": data["source"], "published": data["date"]}))
            ids.add(f"basil-{path.stem}")
        triplets.append(ids)
    if sum(map(len, triplets)) != 6:
        pytest.fail(f"BASIL articles missing under {BASIL}")
    (folder / "unrelated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return triplets


@pytest.fixture(scope="module")
def basil_events(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[set[str]]]:
    folder = tmp_path_factory.mktemp("unrelated")
    return folder, write_basil_feed(folder)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator, embedder: Embedder,
          basil_events: tuple[Path, list[set[str]]]) -> Report:
    """The Kursk articles, the fictional example and unrelated news in one folder, files in
    another order than when each was analysed alone."""
    folder = tmp_path_factory.mktemp("mixed")
    for source in [*sorted(EXAMPLE.glob("0*")), *sorted(KURSK.iterdir(), reverse=True)]:
        shutil.copy(source, folder / source.name)
    write_basil_feed(folder)
    report = analyze([folder], annotator=annotator, embedder=embedder)
    check_report(report)
    return report


@pytest.fixture(scope="module")
def unrelated(basil_events: tuple[Path, list[set[str]]], annotator: Annotator, embedder: Embedder) -> Report:
    return analyze([basil_events[0]], annotator=annotator, embedder=embedder)


def test_stories_come_apart_with_ids_from_their_members(mixed: Report, kursk_report: Report,
                                                         example_report: Report,
                                                         basil_events: tuple[Path, list[set[str]]]) -> None:
    kursk = {a.id for a in kursk_report.articles}
    example = {a.id for a in example_report.articles}
    expected = {frozenset(example), frozenset(kursk), *map(frozenset, basil_events[1])}
    assert {frozenset(s.article_ids) for s in mixed.stories} == expected
    ids = {frozenset(s.article_ids): s.id for s in mixed.stories}
    assert ids[frozenset(kursk)] == kursk_report.stories[0].id
    assert ids[frozenset(example)] == example_report.stories[0].id


@pytest.mark.parametrize("which", ["kursk", "example", "unrelated-0", "unrelated-1"])
def test_a_storys_findings_do_not_depend_on_its_company(mixed: Report, kursk_report: Report, example_report: Report,
                                                        unrelated: Report, basil_events: tuple[Path, list[set[str]]],
                                                        which: str) -> None:
    if which.startswith("unrelated"):
        alone, ids = unrelated, basil_events[1][int(which[-1])]
    else:
        alone = kursk_report if which == "kursk" else example_report
        ids = {a.id for a in alone.articles}
    together, by_itself = story_part(mixed, ids), story_part(alone, ids)
    for name, value in by_itself.items():
        assert together[name] == value, name
    assert by_itself["claims"] and by_itself["brief"]


def test_input_order_does_not_change_the_report(annotator: Annotator, embedder: Embedder,
                                                kursk_report: Report) -> None:
    files = sorted(KURSK.iterdir())
    reordered = analyze([files[3], files[0], files[4], files[2], files[1]], annotator=annotator, embedder=embedder)
    ids = {a.id for a in kursk_report.articles}
    assert story_part(reordered, ids) == story_part(kursk_report, ids)


def test_compare_story_leaves_its_input_as_it_was(kursk_report: Report, embedder: Embedder, encoder: Encoder
                                                   ) -> None:
    """Later stages return new records; the annotated articles are not rewritten in place."""
    articles = analyze([KURSK], embedder=embedder, encoder=encoder).articles  # a fresh run's records
    bundle = StoryBundle(one_story(articles), articles, find_reuse(articles, embedder))
    before = copy.deepcopy(bundle)
    findings = compare_story(bundle, embedder, encoder=encoder)
    assert bundle == before
    assert findings.claims == [c for c in kursk_report.claims]


def test_ids_inside_a_story_are_numbered_from_the_story(mixed: Report) -> None:
    for story in mixed.stories:
        claims = [c.id for c in mixed.claims if c.story_id == story.id]
        groups = [g.id for g in mixed.quote_groups if g.story_id == story.id]
        assert claims[:1] == [f"{story.id}:c1"] and groups[:1] == [f"{story.id}:g1"]


def test_empty_input_has_no_story(tmp_path: Path, annotator: Annotator, embedder: Embedder) -> None:
    report = analyze([tmp_path], annotator=annotator, embedder=embedder)
    assert report.stories == [] and report.claims == []


def test_views_open_with_an_index_of_stories(mixed: Report) -> None:
    html, markdown = render_html(mixed), render_markdown(mixed)
    assert html.index('id="index"') < min(html.index(f'<section class="story" id="{s.id}"') for s in mixed.stories)
    for story in mixed.stories:
        assert f'<a href="#{story.id}">{escape(story.title)}</a>' in html
        assert f'id="{story.id}-brief"' in html and f'id="{story.id}-claims"' in html
    assert markdown.index("## Stories") < markdown.index("### What is established")
    assert "2025-03-14 to 2025-03-15" in markdown  # the Kursk story's date span


def test_for_story_is_the_story_alone(mixed: Report, kursk_report: Report) -> None:
    ids = {a.id for a in kursk_report.articles}
    (story,) = [s for s in mixed.stories if set(s.article_ids) == ids]
    part = mixed.for_story(story.id)
    assert story_part(part, ids) == story_part(mixed, ids)
    assert part.claims == kursk_report.claims and part.brief == kursk_report.brief
