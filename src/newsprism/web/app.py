"""The web UI and its JSON API: every page is a view model from ``views``, rendered by the
same templates as the offline report, or returned as JSON. Server-rendered, no CDN; every
article-derived string is escaped by the templates; a Content-Security-Policy admits only
this site's own stylesheet and script."""

from __future__ import annotations

import json
import threading
from importlib.resources import files
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..config import Settings
from ..engine import LocalEngine
from ..store import IngestSummary, Store
from ..store.browse import article_heads
from ..views import ArticlePage, Filters, SearchPage, StoryListPage, StoryPage, render_page, to_data
from .pages import LINKS, Pages
from .upload import Upload, UploadLimits, UploadRefused, ingest_upload

CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


def create_app(store: Store, settings: Settings | None = None, *, limits: UploadLimits | None = None,
               engine: LocalEngine | None = None) -> FastAPI:
    """The web app over ``store``. Models for uploads are loaded on the first upload (or
    ``engine`` is used), once, and uploads are ingested one at a time."""
    limits = limits or UploadLimits()
    pages = Pages(store)
    state: dict[str, Any] = {"engine": engine}
    writing = threading.Lock()
    app = FastAPI(title="newsprism", version="1", summary="What outlets agree on, dispute, quote and omit.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.mount("/static", StaticFiles(directory=str(files("newsprism.views") / "static")), name="static")

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(LookupError)
    async def not_found(request: Request, error: LookupError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error)}, status_code=404)
        return HTMLResponse(render_page("error.html.j2", title="Not found", message=str(error), root=""),
                            status_code=404)

    def html(template: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(render_page(template, root="", **context))

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(q: str = "", outlet: str = "", person: str = "", since: str = "", until: str = "",
             offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        filters = Filters(q, outlet, person, since, until)
        return html("stories.html.j2", page=pages.story_list(filters, offset), q=q)

    def story_html(page: StoryPage) -> bytes:
        return render_page("story.html.j2", root="", page=page, section_id=lambda section: section).encode()

    async def served(kind: str, story_id: str, render: Any) -> bytes:
        """From memory when built (no thread hop); else built in a worker thread, so that a
        large story's first view does not hold up every other reader."""
        body = pages.cached(kind, story_id)
        return body if body is not None else await run_in_threadpool(pages.rendered, kind, story_id, render)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story(story_id: str) -> Response:
        return Response(await served("html", story_id, story_html), media_type="text/html; charset=utf-8")

    @app.get("/stories/{story_id}/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(story_id: str, article_id: str, back: Annotated[str, Query(alias="from")] = "") -> HTMLResponse:
        page = pages.article(story_id, article_id)
        back_href = page.story_href + ("#" + back if back.replace("-", "").replace(":", "").isalnum() else "")
        return html("article.html.j2", a=page, back_href=back_href)

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_anywhere(article_id: str) -> RedirectResponse:
        story_id = pages.story_id_of(article_id)
        return RedirectResponse(pages.article(story_id, article_id).href, status_code=307)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = "") -> HTMLResponse:
        return html("search.html.j2", page=pages.search(q), q=q)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form() -> HTMLResponse:
        return html("upload.html.j2", max_files=limits.max_files, max_mb=limits.max_bytes / 1e6)

    def ingest(given: Upload) -> IngestSummary:
        with writing:  # one upload at a time; models loaded on the first
            if state["engine"] is None:
                state["engine"] = LocalEngine()
            return ingest_upload(store, given, limits, engine=state["engine"])

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload(request: Request) -> HTMLResponse:
        declared = int(request.headers.get("content-length") or 0)
        if declared > limits.max_files * limits.max_bytes + limits.max_text * 4 + 100_000:
            return _upload_page(html, limits, f"the upload is {declared / 1e6:.1f} MB: too large", error=True, code=413)
        async with request.form(max_files=limits.max_files + 1, max_fields=20,
                                max_part_size=limits.max_text * 4) as form:
            given = Upload(text=str(form.get("text") or ""), title=str(form.get("title") or ""),
                           outlet=str(form.get("outlet") or ""), url=str(form.get("url") or ""))
            for item in form.getlist("files"):
                if isinstance(item, UploadFile) and item.filename:
                    content = await item.read(limits.max_bytes + 1)
                    given.files.append((item.filename, content))
        try:  # in a worker thread: an ingest takes seconds, and readers must not wait for it
            summary = await run_in_threadpool(ingest, given)
        except UploadRefused as refused:
            return _upload_page(html, limits, str(refused), error=True, code=400)
        heads = article_heads(store.engine, summary.new)
        added = [(heads[a][0], LINKS.article(heads[a][1], a)) for a in summary.new if a in heads]
        message = (f"{len(summary.new)} article{'s' if len(summary.new) != 1 else ''} added"
                   + (f", {summary.duplicate} already stored" if summary.duplicate else "")
                   + "".join(f"; {f.source}: {f.reason}" for f in summary.failed))
        return _upload_page(html, limits, message, error=bool(summary.failed) and not summary.new, added=added)

    # ------------------------------------------------------------------ API
    @app.get("/api/stories", summary="Stories, newest first, filtered", responses={200: {"model": StoryListPage}})
    def api_stories(q: str = "", outlet: str = "", person: str = "", since: str = "", until: str = "",
                    offset: Annotated[int, Query(ge=0)] = 0,
                    limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
        """q: words in the articles; person: a name as written; since/until: ISO dates."""
        return JSONResponse(to_data(pages.story_list(Filters(q, outlet, person, since, until), offset, limit)))

    @app.get("/api/stories/{story_id}", summary="One story's findings, as on its page",
             responses={200: {"model": StoryPage}, 404: {"description": "no such story"}})
    async def api_story(story_id: str) -> Response:
        return Response(await served("json", story_id, lambda page: _json(to_data(page))),
                        media_type="application/json")

    @app.get("/api/stories/{story_id}/articles/{article_id:path}", summary="One article with its marks and versions",
             responses={200: {"model": ArticlePage}, 404: {"description": "no such article in that story"}})
    def api_article(story_id: str, article_id: str) -> JSONResponse:
        return JSONResponse(to_data(pages.article(story_id, article_id)))

    @app.get("/api/search", summary="Full-text search of the articles, with their stories",
             responses={200: {"model": SearchPage}})
    def api_search(q: str) -> JSONResponse:
        return JSONResponse(to_data(pages.search(q)))

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return html("docs.html.j2", spec=app.openapi())

    return app


class SecurityHeaders:
    """Every response's security headers, as plain ASGI (Starlette's ``@app.middleware``
    wraps each response in a stream and costs more than serving a cached page)."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def app_from_environment() -> FastAPI:
    """The app for ``NEWSPRISM_DB`` (and ``NEWSPRISM_MAX_UPLOAD_BYTES``): what each worker
    process of ``newsprism serve --workers N`` builds for itself."""
    import os

    limits = UploadLimits(max_bytes=int(os.environ.get("NEWSPRISM_MAX_UPLOAD_BYTES", UploadLimits.max_bytes)))
    return create_app(Store.open(os.environ["NEWSPRISM_DB"]), limits=limits)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _upload_page(html, limits: UploadLimits, message: str, *, error: bool = False, code: int = 200,  # type: ignore[no-untyped-def]
                 added: list[tuple[str, str]] | None = None) -> HTMLResponse:
    response = html("upload.html.j2", max_files=limits.max_files, max_mb=limits.max_bytes / 1e6, message=message,
                    error=error, added=added or [])
    response.status_code = code
    return response
