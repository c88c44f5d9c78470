"""The web UI and API over a real store (the example and the Kursk articles), through
FastAPI's test client: pages and JSON say the same, links resolve, limits hold, nothing
outside the store is reachable. Browser behaviour is in test_web_browser.py."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsprism.store import Store
from newsprism.web import UploadLimits, create_app


@pytest.fixture(scope="module")
def client(news_store: Store) -> TestClient:
    return TestClient(create_app(news_store, limits=UploadLimits(max_files=2, max_bytes=20_000, max_text=50_000)))


def _story_ids(client: TestClient) -> list[str]:
    return [s["id"] for s in client.get("/api/stories").json()["stories"]]


def test_story_list_filters_and_api_agree(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    assert data["total"] == 2 and {s["articles"] for s in data["stories"]} == {5}
    html = client.get("/").text
    for story in data["stories"]:
        assert f'href="/stories/{story["id"]}"' in html
    assert [s["title"] for s in client.get("/api/stories", params={"q": "warehouse"}).json()["stories"]] == \
        ["Fire destroys warehouse at Valmora port, 120 workers evacuated"]
    kursk = client.get("/api/stories", params={"person": "Vladimir Putin"}).json()["stories"]
    assert len(kursk) == 1 and "Kursk" in kursk[0]["title"]
    # dated as the story page dates it: by publish date, else the dateline (two Kursk articles have only that)
    assert (kursk[0]["first"], kursk[0]["last"]) == ("2025-03-14", "2025-03-15")
    page = client.get(f"/api/stories/{kursk[0]['id']}").json()
    assert (page["first"], page["last"]) == (kursk[0]["first"], kursk[0]["last"])
    assert client.get("/api/stories", params={"outlet": "valmora herald"}).json()["total"] == 1
    assert client.get("/api/stories", params={"since": "2026-01-01"}).json()["total"] == 1
    assert client.get("/api/stories", params={"until": "2025-12-31"}).json()["total"] == 1
    assert client.get("/api/stories", params={"q": "zzqx nothing"}).json()["total"] == 0


def test_story_page_is_its_view_model(client: TestClient) -> None:
    for story_id in _story_ids(client):
        data = client.get(f"/api/stories/{story_id}").json()
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200
        html = page.text
        # the page opens with the brief, and then the outlets, claims, quotes, wording
        order = [html.index(f'id="{key}"') for key in ("brief", "outlets", "claims", "quotes", "wording")]
        assert order == sorted(order)
        for section in data["brief"]:
            for item in section["items"]:
                for cite in item["cites"]:
                    assert cite["href"].replace("&", "&amp;") in html
        for row in data["claims"]["rows"]:
            assert f'id="{row["claim_id"]}"' in html


def test_every_citation_lands_on_a_sentence_of_its_article(client: TestClient) -> None:
    story_id = _story_ids(client)[0]
    data = client.get(f"/api/stories/{story_id}").json()
    hrefs = {c["href"] for s in data["brief"] for i in s["items"] for c in i["cites"]}
    hrefs |= {c["href"] for d in data["claims"]["disputes"] for side in d["sides"] for c in side["statements"]}
    assert hrefs
    for href in hrefs:
        path, fragment = href.split("#")
        page = client.get(path)
        assert page.status_code == 200 and f'id="{fragment}"' in page.text, href
        assert 'data-testid="back"' in page.text
        back = re.search(r'data-testid="back" data-history href="([^"]+)"', page.text).group(1)
        assert back.startswith(f"/stories/{story_id}#")


def test_article_page_shows_versions_and_json(client: TestClient, news_store: Store) -> None:
    story_id = _story_ids(client)[0]
    article_id = client.get(f"/api/stories/{story_id}").json()["framing"]["outlets"][0]["article_id"]
    data = client.get(f"/api/stories/{story_id}/articles/{quote(article_id, safe='')}").json()
    assert data["id"] == article_id and data["paragraphs"] and data["versions"][0]["version"] == 1
    assert client.get(f"/articles/{quote(article_id, safe='')}", follow_redirects=False).status_code == 307


def test_search_lists_articles_with_their_stories(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "encircled"}).json()
    assert data["hits"] and all("Kursk" in s["title"] for s in data["stories"])
    assert all(h["href"].startswith(f"/stories/{h['story_id']}/articles/") for h in data["hits"])
    assert "encircled" in client.get("/search", params={"q": "encircled"}).text


def test_unknown_things_are_404_and_nothing_outside_the_store_is_served(client: TestClient) -> None:
    assert client.get("/stories/no-such-story").status_code == 404
    assert client.get("/api/stories/no-such-story").json() == {"detail": "no analysed story 'no-such-story'"}
    story_id = _story_ids(client)[0]
    assert client.get(f"/stories/{story_id}/articles/nope").status_code == 404
    for path in ("/static/../../store/store.py", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/../app.py",
                 "/stories/..%2F..%2Fetc%2Fpasswd", "/etc/passwd"):
        response = client.get(path)
        assert response.status_code == 404 and "root:" not in response.text and "import" not in response.text


def test_security_headers_and_openapi(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search"} <= set(spec["paths"])
    assert "StoryPage" in spec["components"]["schemas"]
    docs = client.get("/api/docs").text
    assert "/api/stories/{story_id}" in docs and "cdn" not in docs.lower()


def test_uploads_are_bounded_and_type_checked(client: TestClient) -> None:
    too_many = [("files", (f"a{k}.txt", b"word " * 50, "text/plain")) for k in range(3)]
    assert "at most 2" in client.post("/upload", files=too_many).text
    big = client.post("/upload", files=[("files", ("big.txt", b"x" * 30_000, "text/plain"))])
    assert big.status_code == 400 and "over the limit" in big.text
    exe = client.post("/upload", files=[("files", ("run.exe", b"MZ" + b"\0" * 100, "application/octet-stream"))])
    assert exe.status_code == 400 and "not a type newsprism reads" in exe.text
    assert client.post("/upload", data={"text": "   "}).status_code == 400
    scripted = client.post("/upload", data={"text": "x " * 100, "url": "javascript:alert(1)"})
    assert "must start with http" in scripted.text


def test_a_pasted_article_is_added_and_shown(tmp_path, annotator, embedder, encoder) -> None:  # type: ignore[no-untyped-def]
    from newsprism.engine import LocalEngine

    store = Store.open(tmp_path / "upload.db")
    client = TestClient(create_app(store, engine=LocalEngine(annotator, embedder, encoder)))
    text = ("The harbour authority of Lindqvist Bay said on Monday that a cargo crane collapsed onto the quay "
            "at dawn. Nobody was hurt, the authority said, and the quay will reopen on Wednesday. ") * 3
    response = client.post("/upload", data={"text": text, "title": "<b>Crane</b> collapses", "outlet": "Bay Post",
                                            "url": "https://bay.example/crane"})
    assert response.status_code == 200 and "1 article added" in response.text
    assert "&lt;b&gt;Crane&lt;/b&gt;" in response.text or "Crane" in response.text
    stories = client.get("/api/stories").json()["stories"]
    assert len(stories) == 1 and stories[0]["outlets"] == ["Bay Post"]
    page = client.get(stories[0]["href"]).text
    assert "<b>Crane</b>" not in page and "&lt;b&gt;Crane&lt;/b&gt;" in page
    again = client.post("/upload", data={"text": text, "title": "<b>Crane</b> collapses", "outlet": "Bay Post",
                                         "url": "https://bay.example/crane"})
    assert "0 articles added, 1 already stored" in again.text


def test_each_server_process_builds_its_app_from_the_environment(news_store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What `newsprism serve --workers N` gives every worker process: the same store, the same pages."""
    from newsprism.web.app import app_from_environment

    monkeypatch.setenv("NEWSPRISM_DB", news_store.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("NEWSPRISM_MAX_UPLOAD_BYTES", "1000")
    client = TestClient(app_from_environment())
    assert client.get("/api/stories").json()["total"] == 2
    big = client.post("/upload", files=[("files", ("a.txt", b"word " * 400, "text/plain"))])
    assert big.status_code == 400 and "over the limit of 0.001 MB" in big.text
