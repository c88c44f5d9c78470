"""The web UI (issue 14) in a real browser: Debian's chromium through Playwright, against
``newsprism.web.create_app(store)`` served by uvicorn on 127.0.0.1.

A reader finds the example's story, follows a citation of its brief to the highlighted
sentence and comes back to where they were; searches; uploads an article. Then the hostile
corpus (tests/hostile.py) is ingested and every page reachable from the story list, the search
and the JSON API must stay inert: no dialog, no ``window.__pwned``, no console error (a payload
stopped only by the Content-Security-Policy still reached the page as markup), the CSP header
on every HTML response, and each payload shown as the literal text it is.

Screenshots of the main pages go to ``$NEWSPRISM_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

import pytest

pytest.importorskip("newsprism.web", reason="newsprism.web (the web UI of issue 14) is not built yet")

from playwright.sync_api import expect  # noqa: E402

from newsprism.model import Article, Report  # noqa: E402
from newsprism.store import Store  # noqa: E402

from .browser import (  # noqa: E402
    HTTP_ERROR_STATUS,
    assert_inert,
    bidi_leaks,
    copy_store,
    inert_problems,
    live_server,
    overflow_width,
    page_text,
    record,
    screenshot,
)
from .conftest import EXAMPLE  # noqa: E402
from .hostile import PAYLOADS, Corpus, write_corpus  # noqa: E402

SEARCH_WORD = "refrigeration"  # in every article of the example
UPLOAD_WORD = "Quillbrook"  # in no article of the example
UPLOAD_WAIT_MS = 120_000  # an upload is ingested (models, a story analysis) before it is listed
MAX_PAGES = 120  # the crawl of the hostile site stops here (it has about 20 pages)
SUBMIT = 'button:not([type]), [type="submit"]'  # a form's submit control


# ----------------------------------------------------------------------------- helpers
def found_by_search(page: Any, base: str, word: str) -> bool:
    """Whether /search?q=WORD links to a story page, polled: an upload may be ingested in the
    background, with the models to load and a story to analyse."""
    waited = 0
    while True:
        page.goto(f"{base}/search?{urlencode({'q': word})}")
        if any(path_of(a).startswith("/stories/") for _, a in links(page)):
            return True
        if waited >= UPLOAD_WAIT_MS:
            return False
        page.wait_for_timeout(2000)
        waited += 2000


def css_string(value: str) -> str:
    """``value`` as a CSS string literal, for an attribute selector."""
    return '"' + "".join(ch if ch.isalnum() or ch in " -_/.:#?=&" else f"\\{ord(ch):x} " for ch in value) + '"'


def links(page: Any) -> list[tuple[str, str]]:
    """(href as written, absolute URL) of every link on the page, in document order."""
    return [tuple(pair) for pair in page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href])")]


def link_to(page: Any, href: str) -> Any:
    return page.locator(f"a[href={css_string(href)}]").first


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def story_path(story_id: str) -> str:
    return f"/stories/{story_id}"


def article_path(story_id: str, article_id: str) -> str:
    return f"/stories/{story_id}/articles/{article_id}"


def url(base: str, story_id: str, article_id: str | None = None) -> str:
    path = f"/stories/{quote(story_id, safe='')}"
    return base + path + (f"/articles/{quote(article_id, safe='')}" if article_id else "")


def sentence_at(article: Article, char: int) -> tuple[int, int]:
    return next((s.start, s.end) for s in article.sentences if s.start <= char < s.end)


def assert_csp(response: Any, what: str) -> None:
    """An HTML response carries a Content-Security-Policy header."""
    headers = response.headers  # lower-case names
    if "text/html" in headers.get("content-type", ""):
        assert headers.get("content-security-policy"), f"{what}: HTML without a Content-Security-Policy header"


def script_sources(policy: str) -> str:
    """The sources a CSP allows scripts from: script-src, else default-src."""
    directives: dict[str, str] = {}
    for directive in policy.split(";"):
        if directive.split():
            directives.setdefault(directive.split()[0].lower(), directive.strip())  # the first one counts
    return directives.get("script-src") or directives.get("default-src") or "*"


# ----------------------------------------------------------------------------- the example
@dataclass
class Site:
    base: str
    store: Store


@pytest.fixture(scope="module")
def example_store(served_store: Any) -> Store:
    return served_store("example", [EXAMPLE])


@pytest.fixture(scope="module")
def example_site(example_store: Store) -> Iterator[Site]:
    with live_server(example_store) as base:
        yield Site(base, example_store)


@pytest.fixture(scope="module")
def example_story(example_store: Store) -> Report:
    stories = example_store.stories()
    assert stories, "the example was ingested into no story"
    biggest = max(stories, key=lambda s: len(s.article_ids))
    return example_store.report(biggest.id)


def test_follow_a_citation_of_the_brief_and_come_back(example_site: Site, example_story: Report,
                                                       browser_page: Any) -> None:
    page, base = browser_page, example_site.base
    page.set_viewport_size({"width": 1280, "height": 600})  # short, so the brief runs below the fold
    story = example_story.stories[0]
    response = page.goto(base + "/")
    assert response.ok, response.status
    assert_csp(response, "/")
    screenshot(page, "story-list")
    to_story = next((raw for raw, absolute in links(page) if path_of(absolute) == story_path(story.id)), None)
    assert to_story, f"the story list has no link to the example's story {story.id}"
    link_to(page, to_story).click()
    page.wait_for_url(re.compile(re.escape(story_path(story.id)) + r"(?:[?#].*)?$"))
    screenshot(page, "story")

    # the brief's citations, as (article, start, end) of the cited spans
    cited = {(c.article_id, c.start, c.end) for b in example_story.brief for c in b.citations}
    assert cited, "the example's story has no brief"

    def cites_brief(absolute: str) -> tuple[str, int, int] | None:
        parts = urlsplit(absolute)
        match = re.fullmatch(r"s-(\d+)-(\d+)", parts.fragment)
        prefix = story_path(story.id) + "/articles/"
        if not match or not path_of(absolute).startswith(prefix):
            return None
        article_id, start, end = path_of(absolute)[len(prefix):], int(match[1]), int(match[2])
        hit = any(a == article_id and s < end and start < e for a, s, e in cited)
        return (article_id, start, end) if hit else None

    brief_links = [(raw, target) for raw, absolute in links(page) if (target := cites_brief(absolute))]
    assert brief_links, "no link on the story page cites a sentence of the brief (/stories/S/articles/A#s-START-END)"
    # the first one a reader must scroll to (else the first): coming back must restore a scroll position
    fold = page.viewport_size["height"]
    raw, (article_id, start, end) = next(
        (item for item in brief_links
         if link_to(page, item[0]).evaluate("el => el.getBoundingClientRect().top + window.scrollY") > fold),
        brief_links[0])
    article = example_story.article(article_id)
    assert (start, end) in {(s.start, s.end) for s in article.sentences}, "the fragment is not a sentence's id"

    citation = link_to(page, raw)
    citation.evaluate("el => el.scrollIntoView({block: 'center'})")
    before = page.evaluate("() => window.scrollY")
    citation.click()
    page.wait_for_url(re.compile(re.escape(f"#s-{start}-{end}") + "$"))
    assert path_of(page.url) == article_path(story.id, article_id)
    sentence = page.locator(f'[id="s-{start}-{end}"]')
    assert sentence.count() == 1, f"no element with the id s-{start}-{end} on the article page"
    assert sentence.evaluate("el => el.classList.contains('hl') || el.matches(':target')"), "the sentence is not marked"
    expect(sentence).to_be_in_viewport()
    assert article.text[start:end].split()[0] in sentence.inner_text()
    screenshot(page, "article-cited")
    assert_inert(page, "the article page of a citation")

    back = page.get_by_test_id("back")
    assert back.count() >= 1, 'the article page has no way back (an element with data-testid="back")'
    back.first.click()
    page.wait_for_url(re.compile(re.escape(story_path(story.id)) + r"(?:[?#].*)?$"))
    expect(link_to(page, raw), "after 'back' the citation the reader followed is off screen").to_be_in_viewport()
    after = page.evaluate("() => window.scrollY")
    assert abs(after - before) <= page.viewport_size["height"] / 2, (before, after)
    assert_inert(page, "the story page after coming back")


def test_search_finds_the_example_story(example_site: Site, example_story: Report, browser_page: Any) -> None:
    page, base = browser_page, example_site.base
    story_id = example_story.stories[0].id

    def lists_story() -> bool:
        return any(path_of(a).startswith(story_path(story_id)) for _, a in links(page))

    page.goto(base + "/")
    box = page.locator('input[name="q"]')
    assert box.count() >= 1, 'the story list has no search box (an input named "q")'
    box.first.fill(SEARCH_WORD)
    with page.expect_navigation():
        box.first.press("Enter")
    assert lists_story(), f"searching the story list for {SEARCH_WORD!r} does not list the story ({page.url})"
    assert_inert(page)

    response = page.goto(f"{base}/search?{urlencode({'q': SEARCH_WORD})}")
    assert response.ok and lists_story(), f"/search?q={SEARCH_WORD} does not link to the story"
    assert_csp(response, "/search")
    screenshot(page, "search")
    assert_inert(page)

    api = page.request.get(f"{base}/api/search?{urlencode({'q': SEARCH_WORD})}")
    assert api.ok and "json" in api.headers.get("content-type", "")
    assert story_id in json.dumps(api.json()), "the search API does not name the story"


def test_upload_pasted_text(example_store: Store, tmp_path: Path, browser_page: Any) -> None:
    page = browser_page
    store = copy_store(example_store, tmp_path / "copy")  # the example's store stays as it was
    title = f"{UPLOAD_WORD} library reopens after flood repairs"
    text = (f"ELMSTEAD, May 4, 2026 - The {UPLOAD_WORD} branch library reopened on Monday after six weeks of "
            "repairs to its flooded basement, the town council said.\n\n"
            f'"We are glad to have readers back," said librarian Oona Pell. The {UPLOAD_WORD} reading room '
            "will open on Saturdays from June.")
    try:
        with live_server(store) as base:
            response = page.goto(base + "/upload")
            assert response.ok, response.status
            assert_csp(response, "/upload")
            form = page.locator("form").filter(has=page.locator('textarea[name="text"]'))
            assert form.count() == 1, 'the upload page has no form with a textarea named "text"'
            form.locator('textarea[name="text"]').fill(text)
            for name, value in (("title", title), ("outlet", "Elmstead Gazette")):
                field = form.locator(f'[name="{name}"]')
                if field.count():
                    field.first.fill(value)
            screenshot(page, "upload-form")
            with page.expect_navigation():
                form.locator(SUBMIT).first.click()
            assert_inert(page, "after the upload")
            screenshot(page, "upload-done")
            assert found_by_search(page, base, UPLOAD_WORD), f"the upload is not found by /search?q={UPLOAD_WORD}"
            page.goto(base + "/")
            assert UPLOAD_WORD in page_text(page), "the uploaded article's story is not on the story list"
            assert store.search(UPLOAD_WORD), "the upload is not in the store"
            assert_inert(page)
    finally:
        store.engine.dispose()


def test_upload_a_file_with_a_hostile_name(example_store: Store, tmp_path: Path, browser_page: Any) -> None:
    page = browser_page
    store = copy_store(example_store, tmp_path / "copy")
    name = PAYLOADS["attr-break-svg"].text + " [x](javascript:alert(1)) it's.txt"  # as a browser sends it
    text = (f"{PAYLOADS['title-break'].text} Wexcombe ferry resumes after repairs\n\nThe Wexcombe ferry returned "
            f"to service on Friday after two weeks of repairs {PAYLOADS['script'].text}, its operator said.")
    try:
        with live_server(store) as base:
            page.goto(base + "/upload")
            form = page.locator("form").filter(has=page.locator('input[type="file"][name="files"]'))
            assert form.count() == 1, 'the upload page has no form with a file input named "files"'
            form.locator('input[name="files"]').set_input_files(
                files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}])
            with page.expect_navigation():
                form.locator(SUBMIT).first.click()
            assert_inert(page, "after uploading a file with a hostile name")
            assert found_by_search(page, base, "Wexcombe"), "the uploaded file is not found by /search?q=Wexcombe"
            assert_inert(page, "the search listing the hostile upload")
            for _, absolute in links(page):
                if path_of(absolute).startswith("/stories/"):
                    page.goto(absolute)
                    assert_inert(page, f"a page of the hostile upload: {absolute}")
    finally:
        store.engine.dispose()


def test_openapi_document(example_site: Site, browser_page: Any) -> None:
    response = browser_page.request.get(example_site.base + "/api/openapi.json")
    assert response.ok
    paths = response.json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/articles/{article_id}",
                 "/api/search"):
        assert path in paths, f"{path} is not in the OpenAPI document"


# ----------------------------------------------------------------------------- the hostile corpus
@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="module")
def hostile_site(served_store: Any, hostile_corpus: Corpus) -> Iterator[Site]:
    store = served_store("hostile", [hostile_corpus.folder])
    with live_server(store) as base:
        yield Site(base, store)


@dataclass
class Visit:
    url: str
    status: int
    content_type: str
    text: str  # the page's visible text, whitespace removed
    problems: list[str]  # what the page did that it must not (tests/browser.py inert_problems), and more


@pytest.fixture(scope="module")
def crawl(hostile_site: Site, browser: Any) -> dict[str, Visit]:
    """Every same-origin page reachable from / by links (the API and the upload form aside),
    visited in a browser; by URL without fragment."""
    context = browser.new_context()
    page = record(context.new_page())
    base = hostile_site.base
    todo, seen = [base + "/"], {base + "/"}
    visits: dict[str, Visit] = {}
    try:
        while todo and len(visits) < MAX_PAGES:
            target = todo.pop(0)
            response = page.goto(target)
            content_type = response.headers.get("content-type", "")
            problems = inert_problems(page)
            if response.status >= 400:
                problems.append(f"status {response.status}, for a link of the site")
            if "text/html" in content_type and not response.headers.get("content-security-policy"):
                problems.append("HTML without a Content-Security-Policy header")
            visits[target] = Visit(target, response.status, content_type, "".join(page_text(page).split()), problems)
            page.console_errors.clear()
            page.page_errors.clear()
            page.dialogs.clear()
            for _, absolute in links(page):
                clean, path = absolute.split("#")[0], urlsplit(absolute).path
                if clean.startswith(base + "/") and clean not in seen and not path.startswith(("/api", "/upload")):
                    seen.add(clean)
                    todo.append(clean)
    finally:
        context.close()
    return visits


def strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def _stored(site: Site) -> list[tuple[str, Article]]:
    return [(story.id, article) for story in site.store.stories() for article in site.store.report(story.id).articles]


def _placed_in(corpus: Corpus, article: Article, fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """(payload, literal) placed in ``fields`` of the article (its file, and its JSON Lines line)."""
    out = []
    for p in corpus.placements:
        same_file = str(p.file) == (article.source.path or "")
        if same_file and p.field in fields and p.payload.literal and p.record in (None, article.source.line):
            out.append((str(p.payload), p.payload.literal))
    return out


def test_hostile_pages_are_inert(crawl: dict[str, Visit]) -> None:
    assert len(crawl) >= 5, f"the crawl from / reached only {list(crawl)}"
    problems = [f"{v.url}: {p}" for v in crawl.values() for p in v.problems]
    assert not problems, f"{len(problems)} problems on {len(crawl)} pages:\n" + "\n".join(problems[:40])


def test_hostile_articles_are_reachable_and_shown_as_text(hostile_site: Site, crawl: dict[str, Visit],
                                                           hostile_corpus: Corpus) -> None:
    paths = {path_of(u) for u in crawl}
    stored = _stored(hostile_site)
    assert len(stored) >= 8, "the hostile corpus was not ingested"
    unreachable = [f"{sid} / {article.id!r}" for sid, article in stored if article_path(sid, article.id) not in paths]
    assert not unreachable, "articles no link of the site leads to:\n" + "\n".join(unreachable)
    missing = []
    for sid, article in stored:
        page = next(v for u, v in crawl.items() if path_of(u) == article_path(sid, article.id))
        for payload, literal in _placed_in(hostile_corpus, article, ("text", "title", "outlet")):
            if "".join(literal.split()) not in page.text:
                missing.append(f"{article.id!r}: {payload}: {literal[:60]!r}")
    assert not missing, "payloads not shown as literal text on their article's page:\n" + "\n".join(missing)


def test_hostile_story_pages_show_their_titles(hostile_site: Site, crawl: dict[str, Visit]) -> None:
    home = crawl[hostile_site.base + "/"].text
    for story in hostile_site.store.stories():
        assert "".join((story.title or "").split()) in home, f"story title not shown literally: {story.title!r}"


def test_hostile_queries_and_unknown_ids_stay_inert(hostile_site: Site, browser_page: Any) -> None:
    page, base = browser_page, hostile_site.base
    keys = ["script", "attr-break-svg", "single-quote-break", "jinja-expression", "rtl-override", "percent-encoded",
            "javascript-url", "title-break"]
    for key in keys:
        payload = PAYLOADS[key].text
        for target in (f"{base}/search?{urlencode({'q': payload})}",
                       f"{base}/?{urlencode({'q': payload, 'outlet': payload, 'person': payload})}",
                       f"{base}/?{urlencode({'since': payload, 'until': payload})}"):
            response = page.goto(target)
            assert response.status < 500, f"{target}: {response.status}"
            assert_csp(response, target)
            assert_inert(page, target, allow=[HTTP_ERROR_STATUS])
        for target in (url(base, payload), url(base, "story-0000000000", payload)):
            response = page.goto(target)
            assert response.status in (400, 404, 422), f"{target}: {response.status} for an unknown id"
            assert_inert(page, target, allow=[HTTP_ERROR_STATUS])
    for target in (f"{base}/stories/..%2F..%2F..%2Fetc%2Fpasswd", f"{base}/stories/x/articles/..%2F..%2Fetc%2Fpasswd",
                   f"{base}/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd", f"{base}/..%2F..%2F..%2Fetc%2Fpasswd"):
        response = page.goto(target)
        assert "root:x:0:0" not in response.text(), f"{target} served /etc/passwd"
        assert_inert(page, target, allow=[HTTP_ERROR_STATUS])


def test_hostile_api_is_json_with_the_strings_as_stored(hostile_site: Site, browser_page: Any) -> None:
    page, base = browser_page, hostile_site.base
    stored = _stored(hostile_site)
    story_ids = sorted({sid for sid, _ in stored})
    targets = [f"{base}/api/stories", f"{base}/api/search?{urlencode({'q': 'script'})}"]
    targets += [f"{base}/api/stories/{quote(sid, safe='')}" for sid in story_ids]
    for target in targets + [f"{base}/api/stories/{quote(sid, safe='')}/articles/{quote(a.id, safe='')}"
                             for sid, a in stored]:
        response = page.request.get(target)
        assert response.ok, f"{target}: {response.status}"
        assert "application/json" in response.headers.get("content-type", ""), target
        response.json()
    listing = list(strings(page.request.get(f"{base}/api/stories").json()))
    for story in hostile_site.store.stories():
        assert any(story.title in s for s in listing), f"the API changed a story title (escaped it?): {story.title!r}"
    # and a browser opening the API shows JSON as text, inert
    for target in targets[:3]:
        page.goto(target)
        assert_inert(page, target)


def test_hostile_pages_csp_forbids_inline_script(hostile_site: Site, browser_page: Any) -> None:
    response = browser_page.goto(hostile_site.base + "/")
    policy = response.headers.get("content-security-policy", "")
    sources = script_sources(policy)
    assert "'unsafe-inline'" not in sources and "*" not in sources.split(), (
        f"the CSP lets inline or any script run, so an escaping slip would execute: {policy!r}")


def test_hostile_pages_wrap_long_tokens_and_isolate_bidi(hostile_site: Site, crawl: dict[str, Visit],
                                                         browser_page: Any) -> None:
    page = browser_page
    wide, leaks = [], []
    for n, target in enumerate(u for u, v in crawl.items() if "text/html" in v.content_type):
        page.goto(target)
        if n < 12:
            screenshot(page, f"hostile-{n:02d}-" + (re.sub(r"[^a-z0-9]+", "-", path_of(target).lower()).strip("-")
                                                     or "home")[:40])
        if (extra := overflow_width(page)) > 0:
            wide.append(f"{target}: {extra} px wider than the window")
        leaks += [f"{target}: {leak}" for leak in bidi_leaks(page)]
    assert not wide, "a long token makes the page wider than the window:\n" + "\n".join(wide)
    assert not leaks, "bidi controls not isolated (they reorder the text after them):\n" + "\n".join(leaks[:20])
